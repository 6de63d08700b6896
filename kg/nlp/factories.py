"""Every kg pipeline component, registered by name in one place (as spaCy's
``pipeline/factories.py``): ``nlp.add_pipe("kg_titles")``.

One module per component under :mod:`kg.nlp.pipes`; each factory passes the config (file
names under ``kg/data``, numbers) to the component, which loads its data once.
"""

from __future__ import annotations

from spacy.language import Language

from kg.nlp.pipes.char_patterns import CharPatterns
from kg.nlp.pipes.crf_ner import CrfEntities
from kg.nlp.pipes.common import ELIDED_KEY, ROLES_KEY, TITLES_KEY
from kg.nlp.pipes.elided import EllipticalNames
from kg.nlp.pipes.entity_filter import EntityFilter
from kg.nlp.pipes.enumerations import Enumerations
from kg.nlp.pipes.lac_ner import LacEntities
from kg.nlp.pipes.nested import NestedPlaces
from kg.nlp.pipes.sentences import SentenceSplitter
from kg.nlp.pipes.suffix_entities import SuffixEntities
from kg.nlp.pipes.titles import Titles


@Language.factory("kg_sentences", default_config={"ends": "nlp/sentence_ends.txt", "closers": "nlp/closers.txt"})
def make_sentences(nlp: Language, name: str, ends: str, closers: str) -> SentenceSplitter:
    return SentenceSplitter(ends, closers)


@Language.factory(
    "kg_lac_ner",
    default_config={
        "labels": {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE", "TIME": "DATE"},
        "place_suffixes": "nlp/place_suffixes.tsv",
        "default_place": "GPE",
        "known_orgs": "nlp/learned/org_names.txt",
        "geo_heads": "nlp/geo_heads.txt",
    },
)
def make_lac_ner(nlp: Language, name: str, labels: dict[str, str], place_suffixes: str, default_place: str, known_orgs: str,
                 geo_heads: str) -> LacEntities:
    return LacEntities(labels, place_suffixes, default_place, known_orgs, geo_heads)


@Language.factory("kg_char_patterns", default_config={"patterns": "nlp/char_patterns.jsonl"})
def make_char_patterns(nlp: Language, name: str, patterns: str) -> CharPatterns:
    return CharPatterns(patterns)


@Language.factory(
    "kg_suffix_entities",
    default_config={"rules": "nlp/suffix_rules.toml", "part_labels": ["ORG"], "outer_labels": ["PROJECT", "EVENT"]},
)
def make_suffix_entities(nlp: Language, name: str, rules: str, part_labels: list[str], outer_labels: list[str]) -> SuffixEntities:
    return SuffixEntities(nlp, rules, part_labels, outer_labels)


@Language.factory(
    "kg_enumerations",
    default_config={
        "heads": "nlp/enum_heads.tsv",
        "modifiers": "nlp/enum_modifiers.txt",
        "separators": "nlp/enum_separators.txt",
        "item_tags": ["n", "nz", "vn", "j", "ORG", "PER", "LOC"],
        "max_item_chars": 8,
        "place_tags": ["nz", "PER", "LOC"],
        "min_places": 2,
        "anchors": "nlp/suffix/org.txt",
        "long_items": {"PROJECT": 12},
        "place_holders": ["PROJECT"],
        "lead_tags": ["v", "vd", "u", "w", "p", "d", "ad", "_SP"],
    },
)
def make_enumerations(
    nlp: Language,
    name: str,
    heads: str,
    modifiers: str,
    separators: str,
    item_tags: list[str],
    max_item_chars: int,
    place_tags: list[str],
    min_places: int,
    anchors: str,
    long_items: dict[str, int],
    place_holders: list[str],
    lead_tags: list[str],
) -> Enumerations:
    return Enumerations(heads, modifiers, separators, item_tags, max_item_chars, place_tags, min_places, anchors, long_items,
                        place_holders, lead_tags)


@Language.factory(
    "kg_titles",
    default_config={
        "titles": "nlp/titles.txt",
        "learned": "nlp/learned/positions.tsv",
        "prefixes": "nlp/learned/title_prefixes.txt",
        "key": TITLES_KEY,
        "roles_key": ROLES_KEY,
        "max_tokens": 4,
    },
)
def make_titles(nlp: Language, name: str, titles: str, learned: str, prefixes: str, key: str, roles_key: str, max_tokens: int) -> Titles:
    return Titles(titles, key, max_tokens, roles_key, learned, prefixes)


@Language.factory(
    "kg_crf_ner",
    default_config={
        "model": "models/ner.crfsuite",
        "fill": {"TITLE": 0.8},
        "min_chars": 2,
        "anchors": {"ORG": ["nz", "nt", "nw", "j", "ORG", "LOC", "PER"]},
        "extend": {"PER": 0.8},
        "max_extension": 2,
    },
)
def make_crf_ner(nlp: Language, name: str, model: str, fill: dict[str, float], min_chars: int, anchors: dict[str, list[str]],
                 extend: dict[str, float], max_extension: int) -> CrfEntities:
    return CrfEntities(model, fill, min_chars, anchors, extend, max_extension)


@Language.factory("kg_entity_filter", default_config={"rules": "nlp/filters.toml", "brackets": "nlp/bracket_pairs.tsv"})
def make_entity_filter(nlp: Language, name: str, rules: str, brackets: str) -> EntityFilter:
    return EntityFilter(rules, brackets)


@Language.factory(
    "kg_elided",
    default_config={
        "levels": "nlp/levels.txt",
        "separators": ["nlp/enum_separators.txt", "nlp/joiners.txt"],
        "labels": ["ORG"],
        "rules": "nlp/filters.toml",
        "key": ELIDED_KEY,
        "min_head": 2,
    },
)
def make_elided(
    nlp: Language, name: str, levels: str, separators: list[str], labels: list[str], rules: str, key: str, min_head: int
) -> EllipticalNames:
    return EllipticalNames(levels, separators, labels, rules, key, min_head)


@Language.factory(
    "kg_nested",
    default_config={
        "outer": ["PROJECT", "EVENT"],
        "tags": ["LOC"],
        "place_suffixes": "nlp/place_suffixes.tsv",
        "default_place": "GPE",
        "rules": "nlp/filters.toml",
    },
)
def make_nested(nlp: Language, name: str, outer: list[str], tags: list[str], place_suffixes: str, default_place: str, rules: str) -> NestedPlaces:
    return NestedPlaces(outer, tags, place_suffixes, default_place, rules)
