"""kg's spaCy pipeline components, registered by name (``nlp.add_pipe("kg_titles")``).

Each component follows spaCy's ``span_ruler.py``: ``__init__`` loads and compiles its data once
(files under ``kg/data``, named in the pipeline config), ``__call__`` matches and sets
annotations. No word list or pattern lives in this module.

=====================  ==========================================================================
``kg_sentences``       sentence starts after 。！？；… (and the closing quotes after them), at lines
``kg_lac_ner``         LAC's PER/LOC/ORG/TIME words -> PERSON / GPE·LOC·FAC / ORG / DATE ents
``kg_char_patterns``   regex patterns over the text (abbreviated bodies 市卫健委, 《documents》)
``kg_suffix_entities`` a head word with a typed suffix (…局, …工程, …会议, …村) plus the name
                       words before it, via spaCy's ``Matcher`` (ORG, PROJECT, EVENT, places)
``kg_titles``          titles / posts into ``doc.spans["titles"]`` (they overlap ORG ents)
``kg_entity_filter``   drops or trims LAC's typical mistakes, rules per label from a TOML file
=====================  ==========================================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from kg.errors import DataError
from kg.nlp.patterns import load_patterns
from kg.resources import data_path, load_list, load_toml, load_tsv

TITLES_KEY = "titles"
LAC_KEY = "lac"


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


# --------------------------------------------------------------------------- sentences


class SentenceSplitter:
    """Sentence starts: after a token holding a sentence end (plus any closing quotes or brackets
    that follow it), and after a line break. Whitespace joins the sentence before it.
    """

    def __init__(self, ends: str, closers: str) -> None:
        self.ends = frozenset(load_list(ends))
        self.closers = frozenset(load_list(closers))

    def __call__(self, doc: Doc) -> Doc:
        boundary = True  # the next non-space token starts a sentence
        for token in doc:
            text = token.text
            if token.is_space:
                token.is_sent_start = boundary and token.i == 0
                if "\n" in text:
                    boundary = True
                continue
            if boundary and text not in self.closers:
                token.is_sent_start = True
                boundary = False
            elif token.i > 0:
                token.is_sent_start = False
            else:
                token.is_sent_start = True
            if text[-1] in self.ends or (text in self.closers and self._after_end(doc, token.i)):
                boundary = True
        return doc

    def _after_end(self, doc: Doc, i: int) -> bool:
        """A closer right after a sentence end (。” or ！）) keeps the sentence open until it."""
        j = i - 1
        while j >= 0 and doc[j].text in self.closers:
            j -= 1
        return j >= 0 and doc[j].text[-1] in self.ends


@Language.factory("kg_sentences", default_config={"ends": "nlp/sentence_ends.txt", "closers": "nlp/closers.txt"})
def make_sentences(nlp: Language, name: str, ends: str, closers: str) -> SentenceSplitter:
    return SentenceSplitter(ends, closers)


# --------------------------------------------------------------------------- LAC entities


class PlaceClassifier:
    """GPE / LOC / FAC for a place name by its suffix (``nlp/place_suffixes.tsv``).

    >>> c = PlaceClassifier("nlp/place_suffixes.tsv", "GPE")
    >>> c("迎泽区"), c("汾河"), c("五一广场"), c("莫斯科")
    ('GPE', 'LOC', 'FAC', 'GPE')
    """

    def __init__(self, suffixes: str, default: str) -> None:
        rows = sorted(load_tsv(suffixes, 2), key=lambda r: -len(r[0]))
        self.rows = tuple((suffix, label) for suffix, label in rows)
        self.default = default

    def __call__(self, name: str) -> str:
        for suffix, label in self.rows:
            if name.endswith(suffix) and len(name) > len(suffix):
                return label
        return self.default


class LacEntities:
    """``doc.spans["lac"]`` (LAC's entity words, from the tokenizer) -> ``doc.ents``."""

    def __init__(self, labels: dict[str, str], place_suffixes: str, default_place: str) -> None:
        self.labels = dict(labels)
        self.places = PlaceClassifier(place_suffixes, default_place)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for span in doc.spans.get(LAC_KEY, []):
            label = self.labels.get(span.label_)
            if label == "PLACE":
                label = self.places(span.text)
            if label:
                spans.append(Span(doc, span.start, span.end, label=label))
        if LAC_KEY in doc.spans:
            del doc.spans[LAC_KEY]
        merge_entities(doc, spans)
        return doc


@Language.factory(
    "kg_lac_ner",
    default_config={
        "labels": {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE", "TIME": "DATE"},
        "place_suffixes": "nlp/place_suffixes.tsv",
        "default_place": "GPE",
    },
)
def make_lac_ner(nlp: Language, name: str, labels: dict[str, str], place_suffixes: str, default_place: str) -> LacEntities:
    return LacEntities(labels, place_suffixes, default_place)


# --------------------------------------------------------------------------- char patterns


class CharPatterns:
    """Entities from regexes over ``doc.text``. The tokenizer cuts at the same patterns
    (``split_patterns`` in the config), so a match lines up with tokens; one that does not
    (rejected by the tokenizer as straddling LAC's words) is skipped, never approximated.
    """

    def __init__(self, patterns: str) -> None:
        self.patterns = load_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for p in self.patterns:
            for a, b in p.spans(doc.text):
                span = doc.char_span(a, b, label=p.label)
                if span is not None:
                    spans.append(span)
        merge_entities(doc, spans)
        return doc


@Language.factory("kg_char_patterns", default_config={"patterns": "nlp/char_patterns.jsonl"})
def make_char_patterns(nlp: Language, name: str, patterns: str) -> CharPatterns:
    return CharPatterns(patterns)


# --------------------------------------------------------------------------- suffix entities


@dataclass(frozen=True, slots=True)
class SuffixRule:
    """One kind of name: a head token ending with one of ``suffixes``, after name tokens."""

    label: str
    suffixes: tuple[str, ...]
    head_tags: tuple[str, ...]
    name_tags: tuple[str, ...]
    stop_heads: frozenset[str]
    stop_words: tuple[str, ...]
    blocked_ents: tuple[str, ...]
    max_tokens: int
    min_chars: int
    min_tokens: int
    quoted: bool
    anchors: tuple[str, ...]


def load_suffix_rules(name: str) -> tuple[SuffixRule, ...]:
    """Rules of a TOML file (``[[rule]]`` tables, see ``kg/data/nlp/suffix_rules.toml``)."""
    raw = load_toml(name)
    rules = []
    for number, r in enumerate(raw.get("rule", []), 1):
        try:
            rules.append(
                SuffixRule(
                    label=r["label"],
                    suffixes=load_list(r["suffixes"]),
                    head_tags=tuple(r["head_tags"]),
                    name_tags=tuple(r["name_tags"]),
                    stop_heads=frozenset(w for f in r.get("stop_heads", []) for w in load_list(f)),
                    stop_words=load_list(r["stop_words"]) if "stop_words" in r else (),
                    blocked_ents=tuple(r.get("blocked_ents", ["PERSON", "DATE"])),
                    max_tokens=int(r.get("max_tokens", 6)),
                    min_chars=int(r.get("min_chars", 3)),
                    min_tokens=int(r.get("min_tokens", 1)),
                    quoted=bool(r.get("quoted", False)),
                    anchors=tuple(r.get("anchors", [])),
                )
            )
        except KeyError as exc:
            raise DataError("E301", data_path(name), detail=f"rule {number}: missing {exc}") from exc
    return tuple(rules)


class SuffixEntities:
    """Names that end with a typed head (…局 ORG, …工程 PROJECT, …会议 EVENT, …村 GPE).

    For each rule a ``Matcher`` pattern takes up to ``max_tokens - 1`` name tokens (LAC tags in
    ``name_tags``, not a stop word, not inside a PERSON/DATE ent) followed by a head token that
    ends with one of the rule's suffixes; the longest match wins. Optional ``quoted`` also
    accepts a quoted name right before the head (“百馆兴体”工程). A match needs ``min_chars``
    characters and, when ``anchors`` are given, one token whose tag or ent label is an anchor
    (a proper name inside), or a head word longer than its suffix.
    """

    def __init__(self, nlp: Language, rules: str) -> None:
        self.rules = load_suffix_rules(rules)
        self.matcher = Matcher(nlp.vocab, validate=True)
        for i, rule in enumerate(self.rules):
            suffix = "(?:" + "|".join(map(re.escape, sorted(rule.suffixes, key=len, reverse=True))) + ")$"
            head = {"TEXT": {"REGEX": suffix}, "TAG": {"IN": list(rule.head_tags)}}
            if rule.stop_heads:
                head["NORM"] = {"NOT_IN": sorted(rule.stop_heads)}
            name = {
                "TAG": {"IN": list(rule.name_tags)},
                "ENT_TYPE": {"NOT_IN": list(rule.blocked_ents)},
                "OP": "{0,%d}" % (rule.max_tokens - 1),
            }
            if rule.stop_words:
                name["NORM"] = {"NOT_IN": list(rule.stop_words)}
            patterns = [[name, head]]
            if rule.quoted:
                patterns.append([{"ORTH": {"IN": ["“", "\""]}}, {"ORTH": {"NOT_IN": ["”", "“", "\""]}, "OP": "{1,8}"}, {"ORTH": {"IN": ["”", "\""]}}, head])
            self.matcher.add(str(i), patterns, greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            rule = self.rules[int(doc.vocab.strings[match_id])]
            span = self._trim(doc, rule, start, end)
            if span is not None and self._accept(rule, span):
                spans.append(Span(doc, span.start, span.end, label=rule.label))
        merge_entities(doc, spans)
        return doc

    @staticmethod
    def _trim(doc: Doc, rule: SuffixRule, start: int, end: int) -> Span | None:
        """Drop leading name tokens that are punctuation-like or stop words at the span edge."""
        while start < end - 1 and doc[start].tag_ in ("w", "_SP"):
            start += 1
        return Span(doc, start, end) if start < end else None

    @staticmethod
    def _accept(rule: SuffixRule, span: Span) -> bool:
        if len(span.text) < rule.min_chars or len(span) < rule.min_tokens:
            return False
        head = span[-1].text
        if head in rule.stop_heads:
            return False
        if not rule.anchors:
            return True
        if any(t.tag_ in rule.anchors or t.ent_type_ in rule.anchors for t in span):
            return True
        return any(len(head) > len(s) for s in rule.suffixes if head.endswith(s)) and len(span) > 1


@Language.factory("kg_suffix_entities", default_config={"rules": "nlp/suffix_rules.toml"})
def make_suffix_entities(nlp: Language, name: str, rules: str) -> SuffixEntities:
    return SuffixEntities(nlp, rules)


# --------------------------------------------------------------------------- titles


class Titles:
    """Titles and posts (``nlp/titles.txt``) -> ``doc.spans["titles"]``, longest first.

    A title is a run of up to ``max_tokens`` whole tokens whose text is in the lexicon. The
    tokenizer lists the same file (and the atomic heads) among its split lexicons, so titles
    glued to a department or a name are tokens of their own; a title inside an ordinary word
    (人大常委会) stays inside its token and is not found. Titles are a span group, not ents,
    because they overlap ORG ents (市委常委 holds 市委).
    """

    def __init__(self, titles: str, key: str = TITLES_KEY, max_tokens: int = 4) -> None:
        self.titles = frozenset(load_list(titles))
        self.key = key
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        i = 0
        while i < len(doc):
            for j in range(min(len(doc), i + self.max_tokens), i, -1):
                if doc[i:j].text in self.titles and not any(t.ent_type_ == "PERSON" for t in doc[i:j]):
                    spans.append(Span(doc, i, j, label="TITLE"))
                    i = j - 1
                    break
            i += 1
        doc.spans[self.key] = spans
        return doc


@Language.factory("kg_titles", default_config={"titles": "nlp/titles.txt", "key": TITLES_KEY, "max_tokens": 4})
def make_titles(nlp: Language, name: str, titles: str, key: str, max_tokens: int) -> Titles:
    return Titles(titles, key, max_tokens)


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True, slots=True)
class LabelFilter:
    """What an entity of one label must look like (one ``[LABEL]`` table of filters.toml)."""

    shape: re.Pattern[str] | None
    stop: frozenset[str]
    first_in: frozenset[str]
    bad_prefixes: tuple[str, ...]
    bad_suffixes: tuple[str, ...]
    trim_prefixes: tuple[str, ...]
    trim_suffixes: tuple[str, ...]
    min_chars: int
    max_chars: int


class EntityFilter:
    """Drop or trim ents that are LAC's typical mistakes; rules per label in a TOML file.

    A PERSON must look like a name (``shape``), start with a surname (``first_in``) and not be
    a kinship or polite form (吴爷爷, 闫女士: ``bad_suffixes``); a place must not be a verb or a
    generic noun (``stop``) … Trimming removes a title or region word glued to a name
    (``trim_prefixes`` / ``trim_suffixes``: 大同地区 -> 大同) when what remains still passes.
    """

    def __init__(self, rules: str) -> None:
        self.filters: dict[str, LabelFilter] = {}
        for label, r in load_toml(rules).items():
            self.filters[label] = LabelFilter(
                shape=re.compile(r["shape"]) if "shape" in r else None,
                stop=frozenset(load_list(r["stop"])) if "stop" in r else frozenset(),
                first_in=frozenset(load_list(r["first_in"])) if "first_in" in r else frozenset(),
                bad_prefixes=load_list(r["bad_prefixes"]) if "bad_prefixes" in r else (),
                bad_suffixes=load_list(r["bad_suffixes"]) if "bad_suffixes" in r else (),
                trim_prefixes=load_list(r["trim_prefixes"]) if "trim_prefixes" in r else (),
                trim_suffixes=load_list(r["trim_suffixes"]) if "trim_suffixes" in r else (),
                min_chars=int(r.get("min_chars", 1)),
                max_chars=int(r.get("max_chars", 80)),
            )

    def ok(self, label: str, text: str) -> bool:
        f = self.filters.get(label)
        if f is None:
            return True
        if not f.min_chars <= len(text) <= f.max_chars or text in f.stop:
            return False
        if f.shape is not None and not f.shape.fullmatch(text):
            return False
        if f.first_in and text[0] not in f.first_in and text[:2] not in f.first_in:
            return False
        if any(text.startswith(p) for p in f.bad_prefixes) or any(text.endswith(s) for s in f.bad_suffixes):
            return False
        return True

    def _trimmed(self, span: Span) -> Span | None:
        f = self.filters.get(span.label_)
        if f is None:
            return span
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].text in f.trim_prefixes or doc[start].is_space or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].text in f.trim_suffixes or doc[end - 1].is_space or doc[end - 1].is_punct):
            end -= 1
        if start >= end:
            return None
        return Span(doc, start, end, label=span.label_)

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for span in doc.ents:
            trimmed = self._trimmed(span)
            if trimmed is not None and self.ok(trimmed.label_, trimmed.text):
                kept.append(trimmed)
        doc.set_ents(kept)
        return doc


@Language.factory("kg_entity_filter", default_config={"rules": "nlp/filters.toml"})
def make_entity_filter(nlp: Language, name: str, rules: str) -> EntityFilter:
    return EntityFilter(rules)
