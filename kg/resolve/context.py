"""What resolution may know about the article a name comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Context:
    """The article around a mention, as plain strings (resolution knows nothing of spaCy).

    ``places`` are the places already named in the article, in text order, as written;
    ``orgs`` the organisations already named, in order; ``org_head`` the organisation at the
    head of a title chain, when the mention is a department inside it (组织部 in
    ``市委常委、组织部部长`` has ``org_head="市委"``).

    >>> Context("a/001", "迎泽区", ["太原市"]).places
    ('太原市',)
    """

    article_id: str = ""
    dateline_place: str | None = None
    places: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    org_head: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "places", tuple(self.places))
        object.__setattr__(self, "orgs", tuple(self.orgs))

    def place_key(self) -> tuple:
        """The part of the context that place resolution depends on (a cache key)."""
        return (self.dateline_place, self.places)

    def without_orgs(self) -> Context:
        """The same article without organisation context (to resolve the context itself)."""
        return Context(self.article_id, self.dateline_place, self.places)
