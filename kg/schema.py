"""Types and predicates of the graph, read once from ``kg/data/schema.toml``.

>>> SCHEMA.type_of_label("GPE")
'Place'
>>> SCHEMA.predicate("visited").en
'visited'
>>> SCHEMA.predicate("visitd")
Traceback (most recent call last):
...
KeyError: "unknown predicate 'visitd'"
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from kg.resources import load_toml


@dataclass(frozen=True, slots=True)
class EntityType:
    name: str
    slug: str
    labels: tuple[str, ...]
    zh: str
    en: str
    rdf: tuple[str, ...]
    color: str
    shape: str


@dataclass(frozen=True, slots=True)
class Predicate:
    name: str
    zh: str
    en: str
    comment: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    symmetric: bool
    rdf: tuple[str, ...]
    rdf_inverse: tuple[str, ...]


class Schema:
    """The closed set of entity types and predicates. Unknown names raise ``KeyError``."""

    def __init__(self, raw: dict) -> None:
        self.types: dict[str, EntityType] = {
            name: EntityType(
                name=name,
                slug=t["slug"],
                labels=tuple(t["labels"]),
                zh=t["zh"],
                en=t["en"],
                rdf=tuple(t["rdf"]),
                color=t["color"],
                shape=t["shape"],
            )
            for name, t in raw["types"].items()
        }
        self.predicates: dict[str, Predicate] = {
            name: Predicate(
                name=name,
                zh=p["zh"],
                en=p["en"],
                comment=p["comment"],
                domain=tuple(p["domain"]),
                range=tuple(p["range"]),
                symmetric=bool(p.get("symmetric", False)),
                rdf=tuple(p.get("rdf", ())),
                rdf_inverse=tuple(p.get("rdf_inverse", ())),
            )
            for name, p in raw["predicates"].items()
        }

    @cached_property
    def _label_to_type(self) -> dict[str, str]:
        return {label: t.name for t in self.types.values() for label in t.labels}

    def type(self, name: str) -> EntityType:
        try:
            return self.types[name]
        except KeyError:
            raise KeyError(f"unknown entity type {name!r}") from None

    def predicate(self, name: str) -> Predicate:
        try:
            return self.predicates[name]
        except KeyError:
            raise KeyError(f"unknown predicate {name!r}") from None

    def type_of_label(self, label: str) -> str | None:
        """Entity type for an NER label; None for labels that are not entities (DATE, TITLE)."""
        return self._label_to_type.get(label)


SCHEMA = Schema(load_toml("schema.toml"))
