"""Shared by the pipes: span-group keys, entity sources, and merging new ents into a Doc."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from kg.nlp.tokenizer import SPLIT_ID
from kg.resources import load_list

TITLES_KEY = "titles"
ROLES_KEY = "roles"  # occupations (记者, 导演): positions that are no posts
LAC_KEY = "lac"
NESTED_KEY = "nested"
PARTS_KEY = "parts"  # names swallowed by a longer one, from kg_suffix_entities to kg_nested
ELIDED_KEY = "elided"

#: ``ent.id_`` says which component made an entity (kept for audit and used by the filter).
SOURCE_LAC = "lac"
SOURCE_PATTERN = "pattern"
SOURCE_SUFFIX = "suffix"
SOURCE_LIST = "list"
SOURCE_SPLIT = SPLIT_ID  # a LAC entity that lost a joiner glued to it (山西农担 of 山西农担与)
SOURCE_ELIDED = "elided"  # the shared head of a coordination (红十字会 of 省、市红十字会)

PLACE_LABELS = ("GPE", "LOC", "FAC")

#: Gazetteer depth of provinces and prefectures (山西, 太原): the owners a name may start with.
PREFECTURE_DEPTH = 1


def merge_entities(doc: Doc, new: Iterable[Span], *, overwrite: bool = True) -> None:
    """Add ``new`` spans to ``doc.ents``; on overlap the longer span (in chars) wins.

    With ``overwrite`` a new span also wins ties against existing ents (rules are more specific
    than LAC); new spans that overlap each other are resolved the same way, leftmost first.
    """
    ranked = [(len(s.text), 1 if overwrite else 0, -s.start_char, s) for s in new]
    ranked += [(len(s.text), 0 if overwrite else 1, -s.start_char, s) for s in doc.ents]
    ranked.sort(key=lambda r: r[:3], reverse=True)
    taken: list[Span] = []
    used: set[int] = set()
    for *_, span in ranked:
        tokens = range(span.start, span.end)
        if not used.intersection(tokens):
            taken.append(span)
            used.update(tokens)
    doc.set_ents(sorted(taken, key=lambda s: s.start))


def list_words(value: str | list[str] | None) -> tuple[str, ...]:
    """Entries of one list file or of several (a TOML value may be a string or a list)."""
    if not value:
        return ()
    names = [value] if isinstance(value, str) else value
    return tuple(dict.fromkeys(w for name in names for w in load_list(name)))
