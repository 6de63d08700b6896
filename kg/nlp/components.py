"""kg's spaCy pipeline components, registered by name (``nlp.add_pipe("kg_titles")``).

Each component follows spaCy's ``span_ruler.py``: ``__init__`` loads and compiles its data once
(files under ``kg/data``, named in the pipeline config), ``__call__`` matches and sets
annotations. No word list or pattern lives in this module.

=====================  ==========================================================================
``kg_sentences``       sentence starts after 。！？；… (and the closing quotes after them), at lines
``kg_lac_ner``         LAC's PER/LOC/ORG/TIME words -> PERSON / GPE·LOC·FAC / ORG / DATE ents
``kg_char_patterns``   regex patterns over the text (abbreviated bodies 市卫健委, 《documents》)
``kg_suffix_entities`` a head word with a typed suffix (…局, …工程, …会议, …村) plus the name
                       words before it (ORG, PROJECT, EVENT, places)
``kg_titles``          titles / posts into ``doc.spans["titles"]`` (they overlap ORG ents)
``kg_entity_filter``   drops or trims LAC's typical mistakes, rules per label from a TOML file
``kg_elided``          level words standing for a whole name (省 of 省、市红十字会) into
                       ``doc.spans["elided"]``
``kg_nested``          names inside longer names (北涧河 of 北涧河生态复流工程, 省政府 of
                       省政府民生实事AED项目) into ``doc.spans["nested"]``: ents cannot
                       overlap, the graph wants both
=====================  ==========================================================================
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import DataError
from kg.nlp.gazetteer import TOWN_DEPTH, known_places
from kg.nlp.patterns import load_patterns
from kg.nlp.tokenizer import SPACE_TAG, SPLIT_ID
from kg.resources import data_path, load_list, load_toml, load_tsv

TITLES_KEY = "titles"
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


# --------------------------------------------------------------------------- sentences


class SentenceSplitter:
    """Sentence starts: after a token holding a sentence end (plus any closing quotes or brackets
    that follow it), and after a line break. Whitespace joins the sentence before it.
    """

    def __init__(self, ends: str, closers: str) -> None:
        self.ends = frozenset(load_list(ends))
        self.closers = frozenset(load_list(closers))

    def __call__(self, doc: Doc) -> Doc:
        # Computed as one array and set in bulk: assigning token.is_sent_start one token at a
        # time makes spaCy re-scan the doc on every assignment (quadratic on long articles).
        starts = np.full(len(doc), -1, dtype=np.int64)
        boundary = True  # the next non-space token starts a sentence
        for token in doc:
            text = token.text
            if token.is_space:
                starts[token.i] = 1 if boundary and token.i == 0 else -1
                if "\n" in text:
                    boundary = True
                continue
            if boundary and text not in self.closers:
                starts[token.i] = 1
                boundary = False
            elif token.i == 0:
                starts[token.i] = 1
            if text[-1] in self.ends or (text in self.closers and self._after_end(doc, token.i)):
                boundary = True
        if len(doc):
            doc.from_array([SENT_START], starts.astype(np.uint64).reshape(-1, 1))
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
                spans.append(Span(doc, span.start, span.end, label=label, span_id=span.id_ or SOURCE_LAC))
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
                span = doc.char_span(a, b, label=p.label, span_id=SOURCE_PATTERN)
                if span is not None and not any(t.tag_ in p.reject_tags for t in span):
                    spans.append(span)
        merge_entities(doc, spans)
        return doc


@Language.factory("kg_char_patterns", default_config={"patterns": "nlp/char_patterns.jsonl"})
def make_char_patterns(nlp: Language, name: str, patterns: str) -> CharPatterns:
    return CharPatterns(patterns)


# --------------------------------------------------------------------------- suffix entities


def _words(value: str | list[str] | None) -> tuple[str, ...]:
    """Entries of one list file or of several (a TOML value may be a string or a list)."""
    if not value:
        return ()
    names = [value] if isinstance(value, str) else value
    return tuple(dict.fromkeys(w for name in names for w in load_list(name)))


@dataclass(frozen=True, slots=True)
class SuffixRule:
    """One kind of name: a head token ending with one of ``suffixes``, after name tokens.

    See ``kg/data/nlp/suffix_rules.toml`` for what each field means.
    """

    label: str
    suffixes: tuple[str, ...]
    head_tags: tuple[str, ...]
    name_tags: tuple[str, ...]
    stop_heads: tuple[str, ...]
    stop_words: tuple[str, ...]
    blocked_ents: tuple[str, ...]
    max_tokens: int
    min_chars: int
    quoted: bool
    anchors: tuple[str, ...]
    anchor_words: frozenset[str]
    anchor_false: frozenset[str]
    joiners: tuple[str, ...]
    title_words: frozenset[str]
    inner_tags: tuple[str, ...]
    inner_stop: tuple[str, ...]
    inner_min_chars: int
    inner_suffixes: tuple[str, ...]
    inner_lead: bool
    lead_tags: tuple[str, ...]
    lead_stop: frozenset[str]
    lead_suffixes: tuple[str, ...]
    tails: frozenset[str]
    context_words: frozenset[str]
    context_tags: tuple[str, ...]
    anchor_known: bool
    inner_heads: bool
    person_before_bare_head: bool
    unit_suffixes: tuple[str, ...]
    trim_start: re.Pattern[str] | None
    split_tags: tuple[str, ...]
    unit_labels: tuple[str, ...]
    unit_words: tuple[str, ...]
    inner_required: tuple[str, ...]
    place_restart: tuple[str, ...]
    modifiers: frozenset[str]
    group_suffixes: tuple[str, ...]
    group_min_chars: int
    kind_bodies: frozenset[str]
    shape: re.Pattern[str] | None
    prefix_tags: tuple[str, ...]
    descriptor: bool
    lead_lists: frozenset[str]

    def suffix_of(self, word: str) -> str | None:
        """The longest suffix of the rule that ends ``word``."""
        return next((s for s in self.suffixes if word.endswith(s)), None)

    def split_parts(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(fronts, tails) of the suffixes LAC may cut in two: 对接会 as 对接|会, 示范区 as
        示范|区. A head split over two tokens is a front ending the first token and a tail that
        is the whole second token."""
        parts = {(s[:k], s[k:]) for s in self.suffixes for k in range(1, len(s))}
        return tuple(sorted({f for f, _ in parts})), tuple(sorted({t for _, t in parts}))

    def split_suffix(self, first: str, last: str) -> str | None:
        """The suffix that ``first`` + ``last`` end with when it covers all of ``last`` and
        part of ``first`` (a head LAC cut in two), else None.

        >>> rule = next(r for r in load_suffix_rules("nlp/suffix_rules.toml") if r.label == "EVENT")
        >>> rule.label, rule.split_suffix("供需对接", "会"), rule.split_suffix("开", "会")
        ('EVENT', '对接会', None)
        """
        joined = first + last
        return next((s for s in self.suffixes if len(s) > len(last) and joined.endswith(s)), None)

    def is_stop(self, name: str, suffix: str) -> bool:
        """A stop head rejects a name equal to it (bare 社区, 工程) or ending with it when it is
        longer than the suffix that matched (…新格局 for 局, 太原考区 for 区)."""
        return name in self.stop_heads or any(
            len(stop) > len(suffix) and name.endswith(stop) for stop in self.stop_heads
        )


def load_suffix_rules(name: str) -> tuple[SuffixRule, ...]:
    """Rules of a TOML file (``[[rule]]`` tables, see ``kg/data/nlp/suffix_rules.toml``)."""
    raw = load_toml(name)
    rules = []
    for number, r in enumerate(raw.get("rule", []), 1):
        try:
            rules.append(
                SuffixRule(
                    label=r["label"],
                    suffixes=tuple(sorted(_words(r["suffixes"]), key=len, reverse=True)),
                    head_tags=tuple(r["head_tags"]),
                    name_tags=tuple(r["name_tags"]),
                    stop_heads=_words(r.get("stop_heads")),
                    stop_words=_words(r.get("stop_words")),
                    blocked_ents=tuple(r.get("blocked_ents", ["PERSON", "DATE"])),
                    max_tokens=int(r.get("max_tokens", 6)),
                    min_chars=int(r.get("min_chars", 3)),
                    quoted=bool(r.get("quoted", False)),
                    anchors=tuple(r.get("anchors", [])),
                    anchor_words=frozenset(_words(r.get("anchor_words"))),
                    anchor_false=frozenset(_words(r.get("anchor_false"))),
                    joiners=_words(r.get("joiners")),
                    title_words=frozenset(_words(r.get("title_words"))),
                    inner_tags=tuple(r.get("inner_tags", [])),
                    inner_stop=_words(r.get("inner_stop")),
                    inner_min_chars=int(r.get("inner_min_chars", 1)),
                    inner_suffixes=_words(r.get("inner_suffixes")),
                    inner_lead=bool(r.get("inner_lead", False)),
                    lead_tags=tuple(r.get("lead_tags", [])),
                    lead_stop=frozenset(_words(r.get("lead_stop"))),
                    lead_suffixes=_words(r.get("lead_suffixes")),
                    tails=frozenset(_words(r.get("tails"))),
                    context_words=frozenset(_words(r.get("context_words"))),
                    context_tags=tuple(r.get("context_tags", [])),
                    anchor_known=bool(r.get("anchor_known", False)),
                    inner_heads=bool(r.get("inner_heads", True)),
                    person_before_bare_head=bool(r.get("person_before_bare_head", False)),
                    unit_suffixes=_words(r.get("unit_suffixes")),
                    trim_start=re.compile(r["trim_start"]) if "trim_start" in r else None,
                    split_tags=tuple(r.get("split_tags", [])),
                    unit_labels=tuple(r.get("unit_labels", [])),
                    unit_words=_words(r.get("unit_words")),
                    inner_required=_words(r.get("inner_required")),
                    place_restart=_words(r.get("place_restart")),
                    modifiers=frozenset(_words(r.get("modifiers"))),
                    group_suffixes=_words(r.get("group_suffixes")),
                    group_min_chars=int(r.get("group_min_chars", 0)),
                    kind_bodies=frozenset(_words(r.get("kind_bodies"))),
                    shape=re.compile(r["shape"]) if "shape" in r else None,
                    prefix_tags=tuple(r.get("prefix_tags", [])),
                    descriptor=bool(r.get("descriptor", False)),
                    lead_lists=frozenset(_words(r.get("lead_lists"))),
                )
            )
        except (KeyError, re.error) as exc:
            raise DataError("E301", data_path(name), detail=f"rule {number}: {exc}") from exc
    return tuple(rules)


def _complete_place(doc: Doc, i: int, end: int) -> bool:
    """Token ``i`` is a known place name and not the name part of a bare head right after it:
    陕西|岐山县 and 四川|广元火车站 are two places, 杏花岭|区 is one."""
    if doc[i].text not in known_places():
        return False
    return not (i == end - 2 and len(doc[end - 1].text) <= 2)


#: How many tokens a quoted word inside a name may have.
QUOTED_MAX_TOKENS = 8


def _quote_start(doc: Doc, j: int) -> int | None:
    """The opening quote of the quoted word that ``doc[j]`` closes, if it is a closing quote
    and the opening one is near (no clause break between them)."""
    closing = doc[j].text
    if not any(closing == c for _, c in QUOTE_PAIRS):
        return None
    for k in range(j - 1, max(-1, j - QUOTED_MAX_TOKENS - 2), -1):
        if (doc[k].text, closing) in QUOTE_PAIRS:
            return k
        if doc[k].is_space or doc[k].text in "。，；！？,;":
            return None
    return None


def _quote_end(doc: Doc, i: int, limit: int) -> int | None:
    """The closing quote before ``limit`` of the quoted word that ``doc[i]`` opens."""
    opening = doc[i].text
    if not any(opening == o for o, _ in QUOTE_PAIRS):
        return None
    for k in range(i + 1, min(limit, i + QUOTED_MAX_TOKENS + 2)):
        if (opening, doc[k].text) in QUOTE_PAIRS:
            return k
        if doc[k].is_space or doc[k].text in "。，；！？,;":
            return None
    return None


def _names_whole(rule: SuffixRule, whole: Span) -> bool:
    """``whole`` ends with an ``inner_required`` suffix and is no stop head (建设项目|标段 is
    a part of no named project)."""
    suffix = next((x for x in rule.inner_required if whole.text.endswith(x)), None)
    return suffix is not None and not rule.is_stop(whole.text, suffix)


def _described(span: Span, head: int, head_extra: int) -> bool:
    """The name says what it is about, not only where or when it is: a word before the head
    that is no known place, date or number (a body counts: 晋源区文体活动中心|项目), or more in
    the head word than the suffix (清徐|老陈醋专业|镇). 山西|专业|镇 is Shanxi's specialised
    towns, a kind, no name."""
    doc = span.doc
    if head_extra > 0 or any(_quote_end(doc, i, head) is not None for i in range(span.start, head)):
        return True  # …|老陈醋专业|镇, or a quoted name: “双百双千”工程
    if 0 < span.start and span.end < len(doc) and (doc[span.start - 1].text, doc[span.end].text) in QUOTE_PAIRS:
        return True  # quoted whole: “百千万工程”
    for t in span.doc[span.start : head]:
        if t.tag_ in ("TIME", "m", "w") or t.ent_type_ == "DATE" or t.text in known_places():
            continue
        return True
    return False


@dataclass(frozen=True, slots=True)
class _HeadFinder:
    """What a head of one rule looks like, compiled for ``SuffixEntities._heads``."""

    suffix: re.Pattern[str]
    last_chars: frozenset[str]
    head_tags: frozenset[str]
    split_tags: frozenset[str]
    whole: frozenset[str]  # multi-character suffixes, heads whatever their tag in split_tags
    tails: frozenset[str]  # last parts of suffixes LAC may cut off as a word of their own
    tail_tags: frozenset[str]
    quoted: bool
    person: bool
    bare: frozenset[str]  # one-character suffixes a person's name may stand before

    @classmethod
    def of(cls, rule: SuffixRule) -> "_HeadFinder":
        _, tails = rule.split_parts()
        return cls(
            suffix=re.compile("(?:" + "|".join(map(re.escape, rule.suffixes)) + ")$"),
            last_chars=frozenset(x[-1] for x in rule.suffixes),
            head_tags=frozenset(rule.head_tags),
            split_tags=frozenset(rule.split_tags),
            whole=frozenset(x for x in rule.suffixes if len(x) > 1) if rule.split_tags else frozenset(),
            tails=frozenset(tails),
            tail_tags=frozenset(rule.head_tags + rule.split_tags),
            quoted=rule.quoted,
            person=rule.person_before_bare_head,
            bare=frozenset(x for x in rule.suffixes if len(x) == 1),
        )


#: Quotation marks that open and close a quoted name in a head match.
QUOTE_OPEN = frozenset({"“", '"'})
QUOTE_CLOSE = frozenset({"”", '"'})
#: Words a quoted name in a head match may not hold.
QUOTE_BREAKS = frozenset({"。", "，"}) | QUOTE_OPEN | QUOTE_CLOSE


def _nearest_quote(words: list[str], j: int, marks: frozenset[str]) -> int | None:
    """Index of the opening mark of the quote that holds ``words[j]`` at its end: the nearest
    mark of ``marks`` before ``j`` within QUOTED_MAX_TOKENS words, no other quote or clause
    break between."""
    for k in range(j - 1, max(-1, j - QUOTED_MAX_TOKENS - 2), -1):
        if words[k] in marks:
            return k
        if words[k] in QUOTE_BREAKS:
            return None
    return None


def _char_by_char(doc: Doc, i: int, head: int, anchor_words: frozenset[str]) -> bool:
    """LAC cut a name character by character: the one-character entity word ``doc[i]`` is
    followed by another one-character word of the name that is no level word (镇/LOC 城|底矿,
    not 经/ORG 省|招生考试委员会)."""
    nxt = doc[i + 1] if i + 1 < head else None
    if nxt is None or len(nxt.text) != 1 or nxt.text in anchor_words:
        return False
    return nxt.tag_ not in ("w", "_SP", "ORG", "LOC", "PER")  # 皖/LOC 赣/LOC: two abbreviations


def _owner(token) -> bool:
    """A place or a body, by LAC's tag or an ent: what may stand before a quoted word inside
    a name (西塋乡|“清化收”工作领导小组)."""
    return token.tag_ in ("LOC", "ORG") or token.ent_type_ in PLACE_LABELS or token.ent_type_ == "ORG"


def _is_place_token(token) -> bool:
    """LAC tagged the token as a place, or it is (part of) a place ent."""
    return token.tag_ == "LOC" or token.ent_type_ in PLACE_LABELS


def _plain_or_place(token) -> bool:
    """A common word, or a place (晋阳湖, 山西): what may stand before a verb inside a name."""
    return _plain(token) or token.ent_type_ in PLACE_LABELS or token.text in known_places()


#: Opening and closing marks around a quoted name.
QUOTE_PAIRS = frozenset({("“", "”"), ('"', '"'), ("「", "」"), ("‘", "’")})


def _plain(token) -> bool:
    """A common word (not an entity, not a complete name): a joiner may follow it."""
    return not token.ent_type_ and token.tag_ in ("n", "vn", "an", "nz")


class SuffixEntities:
    """Names that end with a typed head (…局 ORG, …工程 PROJECT, …会议 EVENT, …村 GPE).

    For each rule, head tokens end with one of the rule's suffixes (or LAC cut a suffix across
    two tokens: 对接|会); rules run in file order, and a later rule may take a name an earlier
    one found as one word of its own (the project of a signing ceremony); up to ``max_tokens - 1`` name tokens before the head (LAC tags in ``name_tags`` or
    a joiner such as 与, not a stop word, not inside a PERSON/DATE ent) make the name; the
    longest name that passes the checks wins. ``quoted``
    rules also accept a quoted name right before the head (“百馆兴体”工程). A match is kept
    when it is long enough, its head is not a stop head (格局 for 局), a joiner does not
    coordinate two complete names (市卫健委和市教育局), and — for rules with ``anchors`` — it
    holds a proper name (a token tagged or labelled as an anchor, a leading anchor word such as
    市 or 中共, an ordinal 第…), is quoted (“党员先锋队”), is a department right before a title
    (组织部|部长), or has a
    head word at least two characters longer than a unit suffix (介入科, 官地矿).
    """

    def __init__(self, nlp: Language, rules: str, part_labels: Iterable[str] = (), outer_labels: Iterable[str] = ()) -> None:
        self.rules = load_suffix_rules(rules)
        self.part_labels = frozenset(part_labels)
        self.outer_labels = frozenset(outer_labels)
        self.finders = [_HeadFinder.of(rule) for rule in self.rules]
        self.by_last: dict[str, list[int]] = {}  # last character of a suffix -> rules
        self.by_tail: dict[str, list[int]] = {}  # tail of a suffix LAC may cut off -> rules
        for key, finder in enumerate(self.finders):
            for char in finder.last_chars:
                self.by_last.setdefault(char, []).append(key)
            for tail in finder.tails:
                self.by_tail.setdefault(tail, []).append(key)
        known_places()  # load the gazetteer now, not on the first document

    def _name_token(self, rule: SuffixRule, token) -> bool:
        """May ``token`` be part of the name before a head of ``rule``?"""
        tag = token.tag_
        if tag not in rule.name_tags and tag not in rule.inner_tags and not (rule.joiners and tag in ("c", "p")):
            return False
        if tag in rule.inner_tags and tag not in rule.name_tags:
            if len(token.text) < rule.inner_min_chars or token.text.startswith(rule.inner_stop):
                return False  # 推动(建设), 位于, 是: clause verbs never sit inside a name
        return token.ent_type_ not in rule.blocked_ents and token.norm_ not in rule.stop_words

    def _heads(self, doc: Doc) -> Iterator[tuple[int, int, int, int | None]]:
        """(rule, head, end, start) for every head ``doc[head:end]``: one token ending with a
        suffix (a multi-character one whatever its tag in ``split_tags``: 推进会/v), or two
        tokens that LAC cut a suffix across (供需对接|会, 示范|区). ``start`` is set when the
        match fixes the whole name: a quoted name before the head (“百馆兴体”|工程) or ending
        with it (“中国醋都·清徐乡村e镇”), a person before a bare head (西铭/PER 矿); otherwise
        the name words are taken by ``_starts``. One pass over the words with a dictionary
        from a suffix's last character to its rules (cheaper than a Matcher of regexes)."""
        words = [t.text for t in doc]
        tags = [t.tag_ for t in doc]
        n = len(words)
        for i, word in enumerate(words):
            tag = tags[i]
            for key in self.by_last.get(word[-1], ()) if word else ():
                f = self.finders[key]
                is_head = tag in f.head_tags and f.suffix.search(word) is not None
                if is_head or (tag in f.split_tags and word in f.whole):
                    yield key, i, i + 1, None
                if is_head and f.quoted:
                    opening = _nearest_quote(words, i - 1, QUOTE_OPEN)
                    if opening is not None and i - opening >= 3 and words[i - 1] in QUOTE_CLOSE:
                        yield key, i, i + 1, opening  # “百馆兴体”|工程
                    opening = _nearest_quote(words, i, QUOTE_OPEN)
                    if opening is not None and i + 1 < n and words[i + 1] in QUOTE_CLOSE:
                        yield key, i, i + 1, opening + 1  # “中国醋都·清徐乡村e镇”
                if f.person and word in f.bare and tag in f.head_tags:
                    for k in (1, 2):  # 西铭/PER 矿: a "person" before a bare suffix names the body
                        if i - k >= 0 and all(doc[j].ent_type_ == "PERSON" for j in range(i - k, i)):
                            yield key, i, i + 1, i - k
            if i + 1 < n and tag not in ("w", SPACE_TAG):
                for key in self.by_tail.get(words[i + 1], ()):
                    f = self.finders[key]
                    if tags[i + 1] in f.tail_tags and self.rules[key].split_suffix(word, words[i + 1]) is not None:
                        yield key, i, i + 2, None

    def _starts(self, key: int, doc: Doc, head: int, end: int, units: dict[int, tuple[int, str]]) -> Iterator[int]:
        """Every start of a name over the name tokens before a head, longest first (a head LAC
        cut in two counts as one token of ``max_tokens``). A name that an earlier rule found
        (``units``: end -> (start, label)) counts as one name token when the words after it
        say what the name is about (``unit_words``): the project of a ceremony,
        高端…项目常化酸洗机组|总承包签约仪式."""
        rule = self.rules[key]
        first = head
        count = 0
        while first > 0 and count < rule.max_tokens - 1:
            if first in units and self._about_unit(rule, doc, first, end):
                first = units[first][0]
                count += 1
                continue
            opening = _quote_start(doc, first - 1)
            if opening is not None and first - opening > 2:
                first = opening  # a quoted word inside the name: 西塋乡“清化收”工作领导小组
                count += 1
                if opening > 0 and not _owner(doc[opening - 1]):
                    break  # …after its owner only: not 首次|“金砖四国”峰会
                continue
            if not self._name_token(rule, doc[first - 1]) and not self._prefix(rule, doc, first - 1, head):
                break
            if doc[first - 1].tag_ in rule.inner_tags and (first < 2 or not (rule.inner_lead or _plain_or_place(doc[first - 2]))):
                break  # a verb inside a name follows a common word: 水系|连通, not 中铁十二局|承建
                # (with inner_lead, _inner_ok checks the whole name instead)
            first -= 1
            count += 1
        if rule.lead_tags and first > 0 and self._lead_ok(rule, doc, first - 1, end):
            yield first - 1  # 老|军营|街道办事处
        if first > 0 and doc[first - 1].text in rule.modifiers:
            yield first - 1  # 临时|党支部
        if rule.lead_lists and first < head and _is_place_token(doc[first]):
            listed = first
            while listed >= 2 and doc[listed - 1].text in rule.lead_lists and _is_place_token(doc[listed - 2]):
                listed -= 2
            if listed < first:
                yield listed  # 北沙河、|北涧河生态复流工程: one project for both rivers
        yield from range(first, head + 1)

    def _prefix(self, rule: SuffixRule, doc: Doc, i: int, head: int) -> bool:
        """A one-character word of ``prefix_tags`` right before a name word: LAC cut 总承包 as
        总/d 承包/vn."""
        token = doc[i]
        return len(token.text) == 1 and token.tag_ in rule.prefix_tags and i + 1 < head and self._name_token(rule, doc[i + 1])

    @staticmethod
    def _about_unit(rule: SuffixRule, doc: Doc, unit_end: int, end: int) -> bool:
        """The words from a unit's end to the head say the name is about the unit (签约, 开工)."""
        text = doc[unit_end:end].text
        return any(w in text for w in rule.unit_words)

    @staticmethod
    def _lead_ok(rule: SuffixRule, doc: Doc, i: int, end: int) -> bool:
        """May the one-character adjective ``doc[i]`` start the name that ends at ``end``?

        Yes when the gazetteer knows the place the name starts with (老军营街道 of
        老军营街道办事处; also 大同, 新华 … whatever the adjective), else when the adjective is
        not a common one (``lead_stop``: 好, 大, 新 …) and at least two name characters stand
        between it and a unit suffix (``lead_suffixes``: 老|军营街道 yes, 新|农村 no).
        """
        token = doc[i]
        if len(token.text) != 1 or token.tag_ not in rule.lead_tags or token.ent_type_ in rule.blocked_ents:
            return False
        text = doc[i:end].text
        towns = known_places(TOWN_DEPTH)
        if any(text[:n] in towns for n in range(3, min(len(text), 12) + 1)):
            return True
        if token.text in rule.lead_stop:
            return False
        return any(text.find(u, 1) >= 3 for u in rule.lead_suffixes)

    @staticmethod
    def _inner_ok(rule: SuffixRule, span: Span, head: int) -> bool:
        """A name that holds an inner-tag word (a verb) must end with a strong head and, with
        ``inner_lead``, start with a level word or a province or prefecture: 山西合成生物凯赛研究院,
        省数字化转型促进中心; not 加快建设中心 (no owner), not 市场|推动|中心."""
        doc = span.doc
        quoted = set()  # words inside quotes are the name as written: “清化收”
        for i in range(span.start, head):
            closing = _quote_end(doc, i, head)
            if closing is not None:
                quoted.update(range(i, closing + 1))
        inner = [t for t in doc[span.start : head] if t.tag_ in rule.inner_tags and t.tag_ not in rule.name_tags and t.i not in quoted]
        if not inner:
            return True
        if rule.inner_suffixes and not span.doc[head : span.end].text.endswith(rule.inner_suffixes):
            return False
        if rule.inner_lead:
            first = span[0].text
            anchored = first not in rule.anchor_false and any(first.startswith(w) for w in rule.anchor_words)
            return anchored or first in known_places(PREFECTURE_DEPTH)
        return True

    def _tail_end(self, rule: SuffixRule, doc: Doc, end: int) -> int:
        """``end`` moved over a bracketed qualifier of the name (联盟|(筹)), if one follows."""
        text = ""
        for j in range(end, min(len(doc), end + 4)):
            text += doc[j].text
            if text in rule.tails:
                return j + 1
        return end

    def __call__(self, doc: Doc) -> Doc:
        heads: dict[int, set[tuple[int, int, int | None]]] = {}
        for key, head, end, start in self._heads(doc):
            heads.setdefault(key, set()).add((head, end, start))
        best: dict[tuple[int, int], Span] = {}
        units: dict[str, dict[int, tuple[int, str]]] = {}  # label -> end -> (start, label) of names so far
        parts: list[Span] = []
        for key in sorted(heads):  # rule by rule, in file order: later rules see earlier names
            rule = self.rules[key]
            known = {e: v for label in rule.unit_labels for e, v in units.get(label, {}).items()}
            candidates = set()
            for head, end, start in heads[key]:
                starts = [start] if start is not None else self._starts(key, doc, head, end, known)
                candidates.update((s, head, end) for s in starts)
            # longest first within each head end: the first accepted match is the one kept
            for start, head, end in sorted(candidates, key=lambda m: (m[2], m[0], m[1])):
                if (key, end) in best:
                    continue
                span = self._trim(doc, rule, start, head, end)
                if span is not None and self._accept(rule, span, head) and self._inner_ok(rule, span, head):
                    stop = self._tail_end(rule, doc, span.end) if rule.tails else span.end
                    best[(key, end)] = Span(doc, span.start, stop, label=rule.label, span_id=SOURCE_SUFFIX)
                    units.setdefault(rule.label, {})[stop] = (span.start, rule.label)
                    inner = [(s, e, label) for e, (s, label) in known.items() if span.start <= s and e < span.end and self._about_unit(rule, doc, e, span.end)]
                    parts += [  # the largest units: not 阳泉煤化工项目 of 阳泉煤化工项目气化装置
                        Span(doc, s, e, label=label, span_id=SOURCE_SUFFIX)
                        for s, e, label in inner
                        if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in inner)
                    ]
        found = [best[k] for k in sorted(best)]
        self._keep_parts(doc, found, parts)
        merge_entities(doc, found)
        return doc

    def _keep_parts(self, doc: Doc, found: list[Span], parts: list[Span]) -> None:
        """Names that a longer new name swallows, kept in ``doc.spans["parts"]`` for
        ``kg_nested`` (ents cannot overlap): the ``units`` an event was named after, and the
        owner that starts a name of an ``outer_labels`` kind, the longest name of a
        ``part_labels`` kind there (省政府 of 省政府民生实事AED项目, 太钢 of 太钢…二期项目) —
        unless the head follows it right away: 国家区域医疗中心|项目 is the project of building
        a centre, not a centre's project."""
        inside = sorted((e for e in list(doc.ents) + found if e.label_ in self.part_labels), key=lambda e: -len(e))
        for outer in found:
            if outer.label_ not in self.outer_labels:
                continue
            owner = next((e for e in inside if e.start == outer.start and e.end < outer.end - 1), None)
            if owner is not None:
                parts.append(owner)
        doc.spans[PARTS_KEY] = sorted(set(parts), key=lambda e: (e.start, e.end, e.label_))

    @staticmethod
    def _trim(doc: Doc, rule: SuffixRule, start: int, head: int, end: int) -> Span | None:
        """Drop leading tokens that cannot start a name: joiners, counted quantities (5个),
        and, for rules without inner heads, anything up to the last complete name inside.
        A quoted name before the head (“百馆兴体”工程) or quoted whole (“中国醋都·清徐乡村e镇”)
        is kept whole."""
        if head - start >= 3 and (doc[start].text, doc[head - 1].text) in QUOTE_PAIRS:
            return Span(doc, start, end)
        if 0 < start and end < len(doc) and (doc[start - 1].text, doc[end].text) in QUOTE_PAIRS:
            return Span(doc, start, end)
        i = start - 1
        while rule.lead_lists and i + 3 < head and _is_place_token(doc[i + 1]) and doc[i + 2].text in rule.lead_lists and _is_place_token(doc[i + 3]):
            i += 2  # a list of places that starts the name stays whole: 北沙河、北涧河…
        while i + 1 < head:
            i += 1
            text = doc[i].text
            closing = _quote_end(doc, i, head)
            if closing is not None:
                i = closing  # a quoted word inside the name stays whole
                continue
            if text in rule.joiners or doc[i].tag_ in ("c", "p", "w", "_SP"):
                if text in rule.joiners and i > start and (not _plain(doc[i - 1]) or rule.suffix_of(doc[i - 1].text)):
                    start = i + 1  # 市卫健委和市教育局: the name starts after the joiner
                elif text not in rule.joiners or i == start:
                    start = i + 1
            elif i == start and len(text) == 1 and doc[i].tag_ in ("ORG", "LOC", "PER") and text not in rule.anchor_words and not _char_by_char(doc, i, head, rule.anchor_words):
                start = i + 1  # a one-character "entity" word is a LAC slip (经/ORG 省招生…)
            elif len(text) > 1 and text[-1] in rule.joiners and not _plain(doc[i]):
                start = i + 1  # LAC glued the conjunction to a name: 山西农担与|农业银行
                # (not to a common word inside one: 信息化建设与|管理处)
            elif i == start and doc[i].tag_ in rule.inner_tags:
                start = i + 1  # a verb may sit inside a name (省数字化转型促进中心), not start it
            elif rule.trim_start is not None and rule.trim_start.match(text) and i == start:
                start = i + 1
            elif not rule.inner_heads and (rule.suffix_of(text) is not None or _complete_place(doc, i, end)):
                start = i + 1
            elif rule.place_restart and i > start and _is_place_token(doc[i]) and doc[i - 1].text.endswith(rule.place_restart):
                start = i  # 综改区|山西合成生物产业生态园: the first place says where the name is
        return Span(doc, start, end) if start < end else None

    @staticmethod
    def _accept(rule: SuffixRule, span: Span, head_start: int) -> bool:
        """Long enough, a real head, and (for anchored rules) a proper name inside."""
        if len(span.text) < rule.min_chars:
            return False
        head = span.doc[head_start : span.end].text
        suffix = rule.suffix_of(head)
        if suffix is None or rule.is_stop(span.text, suffix):
            return False
        if rule.shape is not None and not rule.shape.fullmatch(span.text):
            return False
        if rule.descriptor and not _described(span, head_start, len(head) - len(suffix)):
            return False
        if rule.inner_required:  # a part of a named whole: 高端…硅钢项目|常化酸洗机组
            return any(_names_whole(rule, span.doc[span.start : t.i + 1]) for t in span.doc[span.start + 1 : head_start])
        prev = span.doc[span.start - 1] if span.start > 0 else None
        after_context = prev is not None and prev.text in rule.context_words
        if rule.context_tags and not after_context and any(t.tag_ in rule.context_tags for t in span):
            return False  # 综改/vn 区 is a place only where a verb says so (位于综改区)
        if not rule.anchors or after_context:
            return True
        if SuffixEntities._of_a_kind(rule, span, head_start):
            return False
        first = span[0].text
        if first not in rule.anchor_false and any(first.startswith(w) for w in rule.anchor_words):
            return True
        if span[0].tag_ in rule.lead_tags and len(span[0].text) == 1:
            return True  # confirmed by _lead_ok when it was proposed: 老|槐树|街道
        if first in rule.modifiers and any(head.endswith(u) for u in rule.unit_suffixes):
            return True  # a kind of unit set up for the occasion: 临时党支部
        if rule.group_min_chars and len(span.text) >= rule.group_min_chars and head.endswith(rule.group_suffixes) and head not in rule.stop_heads:
            if len(span) > 1 and (prev is None or prev.tag_ not in rule.name_tags):
                return True  # a group named by its task: 医疗服务保障组 (not 11个|志愿服务保障组)
        if rule.anchor_known and any(t.text in known_places() for t in span[:-1]):
            return True  # a known short place name before a unit: 小店|片区
        for t in span:
            if t.tag_ in rule.anchors or t.ent_type_ in rule.anchors:
                return True
            if rule.person_before_bare_head and t.ent_type_ == "PERSON" and head in rule.suffixes:
                return True
            if t.tag_ == "m" and t.text.startswith("第"):
                return True
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and nxt.text in rule.title_words:
            return True  # a department right before a title: 组织部|部长, 急诊科|护士长
        if prev is not None and nxt is not None and (prev.text, nxt.text) in QUOTE_PAIRS:
            return True  # a quoted name is a proper name: 组建“党员先锋队”
        if head_start - span.start >= 3 and (span[0].text, span.doc[head_start - 1].text) in QUOTE_PAIRS:
            return True  # a quoted name before the head: “百馆兴体”工程
        return any(head.endswith(u) and len(head) - len(u) >= 2 for u in rule.unit_suffixes)

    @staticmethod
    def _of_a_kind(rule: SuffixRule, span: Span, head_start: int) -> bool:
        """A unit written alone (介入科) after a kind of body in its sentence is a kind too:
        综合医院…设置|感染性疾病科 (``kind_bodies``)."""
        if not rule.kind_bodies or span.start != head_start or not span.text.endswith(rule.unit_suffixes):
            return False
        sent_start = span.sent.start if span.doc.has_annotation("SENT_START") else 0
        before = span.doc[sent_start : span.start].text
        return any(kind in before for kind in rule.kind_bodies)


@Language.factory(
    "kg_suffix_entities",
    default_config={"rules": "nlp/suffix_rules.toml", "part_labels": ["ORG"], "outer_labels": ["PROJECT", "EVENT"]},
)
def make_suffix_entities(nlp: Language, name: str, rules: str, part_labels: list[str], outer_labels: list[str]) -> SuffixEntities:
    return SuffixEntities(nlp, rules, part_labels, outer_labels)


# --------------------------------------------------------------------------- enumerations


def _untyped(item: Span) -> bool:
    """No entity yet, or one LAC labelled PERSON (卫健, 塔什干); at least two characters."""
    return {t.ent_type_ for t in item} <= {"", "PERSON"} and len(item.text) >= 2


def _ents_in(item: Span) -> list[Span]:
    """The entities wholly inside ``item``, read from the tokens' IOB marks.

    ``Span.ents`` rebuilds every entity of the whole doc on each call, which made lists in a
    long article quadratic (95k characters in one article: 65 s in ``Span.ents``)."""
    doc, out, start = item.doc, [], None
    for token in item:
        if token.ent_iob_ == "B":
            if start is not None:
                out.append(Span(doc, start, token.i, label=doc[start].ent_type_))
            start = token.i
        elif token.ent_iob_ != "I" and start is not None:
            out.append(Span(doc, start, token.i, label=doc[start].ent_type_))
            start = None
    if start is not None and (item.end == len(doc) or doc[item.end].ent_iob_ != "I"):
        out.append(Span(doc, start, item.end, label=doc[start].ent_type_))
    return out


def _place_label(item: Span) -> str:
    """The place label of an item that is exactly one place entity, else ''."""
    ents = _ents_in(item)
    if len(ents) == 1 and ents[0].start == item.start and ents[0].end == item.end and ents[0].label_ in PLACE_LABELS:
        return ents[0].label_
    return ""


class Enumerations:
    """Items of a list closed by a collective noun are of that noun's kind:
    ``宣传、公安、卫健、工信、邮政等部门`` names five bodies (ORG), however short. And a list
    whose items are mostly places makes its leftover one-word items (nz, or PER by LAC's slip)
    places too: ``明斯克、马拉舍维奇、阿拉木图、塔什干``.

    Walking back from ``等`` (+ modifiers such as 相关, also glued: 等各部门) + a head
    (``nlp/enum_heads.tsv``: head and label) over items separated by 、 (or a joiner before the
    last item). An item between two separators is every word there (综改/v 公安分局: LAC's tags
    do not matter where the separators mark the edges); the first item is a run of name tokens
    (LAC tags in ``item_tags``); an item has at most ``max_item_chars``. Items already
    labelled PERSON/GPE/LOC/FAC keep the label only if they look like the kind; an item without
    an ent, or one LAC labelled PERSON, becomes the head's label — when the list names at least
    one body: an item that is already an ent of the head's label or ends with one of
    ``anchors`` (市委宣传部、市工信、公安、卫健等部门). A list of bare sectors
    (宣传、公安、工信等部门) speaks of kinds of departments, not of bodies.
    """

    def __init__(
        self,
        heads: str,
        modifiers: str,
        separators: str,
        item_tags: list[str],
        max_item_chars: int,
        place_tags: list[str],
        min_places: int,
        anchors: str | list[str] | None = None,
    ) -> None:
        self.heads = dict(load_tsv(heads, 2))
        self.modifiers = frozenset(load_list(modifiers))
        self.separators = frozenset(load_list(separators))
        self.item_tags = frozenset(item_tags)
        self.max_item_chars = max_item_chars
        self.place_tags = frozenset(place_tags)
        self.min_places = min_places
        self.anchors = tuple(sorted(_words(anchors), key=len, reverse=True))

    def _head_label(self, text: str) -> str | None:
        """The label of a collective noun, with modifiers glued before it (各部门)."""
        while text not in self.heads:
            modifier = next((m for m in self.modifiers if text.startswith(m) and len(text) > len(m)), None)
            if modifier is None:
                return None
            text = text[len(modifier) :]
        return self.heads[text]

    def _anchored(self, items: list[Span], label: str) -> bool:
        """Some item is already a name of ``label`` or ends like one (a body's suffix)."""
        if not self.anchors:
            return True
        for item in items:
            if any(e.label_ == label for e in _ents_in(item)) or item.text.endswith(self.anchors):
                return True
        return False

    def _item_end(self, doc: Doc, i: int) -> int:
        """End of the list item that starts at token ``i`` (the last item of a list)."""
        end = i
        while end < len(doc) and doc[end].tag_ in self.item_tags and doc[end].text not in self.separators and end - i < 4:
            if doc[end].ent_type_ and doc[end].ent_iob_ == "B" and end > i:
                break
            end += 1
        return end

    def _bounded_start(self, doc: Doc, end: int) -> int | None:
        """Start of the item ending before ``end`` when a separator stands before it: every word
        back to that separator (综改/v 交警大队), within ``max_item_chars``, one entity at most."""
        start = end
        while start > 0 and doc[start - 1].text not in self.separators:
            if doc[start - 1].tag_ in ("w", "_SP") or len(doc[start - 1 : end].text) > self.max_item_chars:
                return None
            if start < end and doc[start].ent_iob_ == "B":
                return None
            start -= 1
        return start if 0 < start < end else None

    def _items(self, doc: Doc, end: int, bounded: bool = False) -> list[Span]:
        """The items of the list that ends right before token ``end``, last item first."""
        items = []
        while end > 0:
            start = self._bounded_start(doc, end) if bounded else None
            if start is None:
                start = end
                while start > 0 and doc[start - 1].tag_ in self.item_tags and doc[start - 1].text not in self.separators:
                    if start < end and doc[start].ent_iob_ == "B":
                        break  # an item is one entity at most: 亚欧大陆|莫斯科
                    start -= 1
            item = doc[start:end]
            if not len(item) or len(item.text) > self.max_item_chars:
                break
            items.append(item)
            if start == 0 or doc[start - 1].text not in self.separators:
                break
            end = start - 1
        return items

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        drop: list[Span] = []
        for i, token in enumerate(doc[:-1]):
            label = None
            if token.text == "等":
                j = i + 1
                while j < len(doc) - 1 and doc[j].text in self.modifiers:
                    j += 1  # 等相关部门, 等有关单位
                label = self._head_label(doc[j].text)
            if label is not None:
                items = self._items(doc, i, bounded=True)
                if len(items) >= 2 and self._anchored(items, label):
                    spans += [Span(doc, it.start, it.end, label=label, span_id=SOURCE_LIST) for it in items if _untyped(it)]
                elif len(items) >= 2:  # kinds of departments: no item is a person either (卫健/PER)
                    drop += [e for it in items for e in _ents_in(it) if e.label_ == "PERSON"]
            # a list whose other items are all places: the one-word items LAC missed are places
            # too (莫斯科、明斯克、马拉舍维奇、阿拉木图、塔什干)
            if token.text in self.separators and (i + 2 >= len(doc) or doc[i + 2].text not in self.separators):
                items = self._items(doc, self._item_end(doc, i + 1))
                places = [it for it in items if _place_label(it)]
                others = [it for it in items if not _place_label(it)]
                if len(places) >= self.min_places and all(len(it) == 1 and it[0].tag_ in self.place_tags and _untyped(it) for it in others):
                    label = max(sorted(_place_label(it) for it in places), key=[_place_label(it) for it in places].count)
                    spans += [Span(doc, it.start, it.end, label=label, span_id=SOURCE_LIST) for it in others]
        if spans or drop:
            dropped = {(e.start, e.end) for e in drop}
            kept = [e for e in doc.ents if (e.start, e.end) not in dropped and not any(e.start < s.end and s.start < e.end for s in spans)]
            doc.set_ents(sorted(kept + spans, key=lambda s: s.start))
        return doc


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
) -> Enumerations:
    return Enumerations(heads, modifiers, separators, item_tags, max_item_chars, place_tags, min_places, anchors)


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
        self.longest = max(map(len, self.titles), default=0)
        self.key = key
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        words = [t.text for t in doc]
        persons = [t.ent_type_ == "PERSON" for t in doc]
        spans = []
        i = 0
        while i < len(words):
            found, text = 0, ""
            for j in range(i, min(len(words), i + self.max_tokens)):
                text += words[j]
                if len(text) > self.longest or persons[j]:
                    break
                if text in self.titles:
                    found = j + 1
            if found:
                spans.append(Span(doc, i, found, label="TITLE"))
                i = found
            else:
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
    reject: re.Pattern[str] | None
    stop: frozenset[str]
    first_in: frozenset[str]
    bad_prefixes: tuple[str, ...]
    bad_suffixes: tuple[str, ...]
    trim_prefixes: tuple[str, ...]
    trim_suffixes: tuple[str, ...]
    min_chars: int
    max_chars: int
    known_below: int
    unknown_from: int
    known_suffixes: tuple[str, ...]
    not_known: int
    double_surname_above: int
    endings: tuple[str, ...]
    endings_from: int
    endings_sources: frozenset[str]
    foreign_chars: frozenset[str]
    known_extra: frozenset[str]
    require_any: tuple[str, ...]
    not_after: frozenset[str]


def _transliterated(text: str, chars: frozenset[str]) -> bool:
    """Written like a transliterated foreign name: only with ``chars``, or, with the
    separator ·, mostly with them (鲍里斯·贝克尔: 鲍 is a Chinese surname too).

    >>> _transliterated("马拉舍维奇", frozenset("马拉舍维奇")), _transliterated("王·小明", frozenset("马"))
    (True, False)
    """
    letters = [c for c in text if c != "·"]
    known = sum(c in chars for c in letters)
    if "·" in text:
        return 2 * known >= len(letters)
    return known == len(letters)


class EntityFilter:
    """Drop or trim ents that are LAC's typical mistakes; rules per label in a TOML file.

    A PERSON must look like a name (``shape``, and not fully match ``reject``), start with a surname (``first_in``) and not be
    a kinship or polite form (吴爷爷, 闫女士: ``bad_suffixes``); a place must not be a verb or a
    generic noun (``stop``); a DATE must hold a numeral or a calendar word (``require_any``: 后来,
    目前 are adverbs, not dates) … Trimming removes a title or region word glued to a name
    (``trim_prefixes`` / ``trim_suffixes``) when what remains still passes. Short place names
    must be known to the gazetteer (``known_below``: 大同 yes, 宜林 no) unless they end with a
    place suffix (汾河); so must long ones from LAC (``unknown_from``: 团结协作, 济南雷阵雨 are no
    places; transliterated foreign names are exempt). An ORG that is only a place name
    (山西/ORG) is dropped (``not_known``), and so is one right after a word that makes it a
    kind (``not_after``: 各主要|合作银行).
    """

    def __init__(self, rules: str, brackets: str = "nlp/bracket_pairs.tsv") -> None:
        known_places()  # load the gazetteer now, not on the first document
        self.brackets = {close: open_ for open_, close in load_tsv(brackets, 2)}  # closing -> opening
        self.filters: dict[str, LabelFilter] = {}
        for label, r in load_toml(rules).items():
            self.filters[label] = LabelFilter(
                shape=re.compile(r["shape"]) if "shape" in r else None,
                reject=re.compile(r["reject"]) if "reject" in r else None,
                stop=frozenset(_words(r.get("stop"))),
                first_in=frozenset(_words(r.get("first_in"))),
                bad_prefixes=_words(r.get("bad_prefixes")),
                bad_suffixes=_words(r.get("bad_suffixes")),
                trim_prefixes=_words(r.get("trim_prefixes")),
                trim_suffixes=_words(r.get("trim_suffixes")),
                min_chars=int(r.get("min_chars", 1)),
                max_chars=int(r.get("max_chars", 80)),
                known_below=int(r.get("known_below", 0)),
                unknown_from=int(r.get("unknown_from", 0)),
                known_suffixes=tuple(row[0] for row in load_tsv(r["known_suffixes"], 2)) if "known_suffixes" in r else (),
                not_known=int(r.get("not_known", -1)),
                double_surname_above=int(r.get("double_surname_above", 0)),
                endings=_words(r.get("endings")),
                endings_from=int(r.get("endings_from", 0)),
                endings_sources=frozenset(r.get("endings_sources", [SOURCE_LAC])),
                foreign_chars=frozenset(_words(r.get("foreign_chars"))),
                known_extra=frozenset(_words(r.get("known_extra"))),
                require_any=_words(r.get("require_any")),
                not_after=frozenset(_words(r.get("not_after"))),
            )

    def ok(self, label: str, text: str, source: str = SOURCE_LAC) -> bool:
        """Whether ``text`` (made by component ``source``) may be an entity of ``label``."""
        f = self.filters.get(label)
        if f is None:
            return True
        if not f.min_chars <= len(text) <= f.max_chars or text in f.stop:
            return False
        if f.shape is not None and not f.shape.fullmatch(text):
            return False
        if f.require_any and not any(w in text for w in f.require_any):
            return False
        if f.reject is not None and f.reject.fullmatch(text):
            return False
        foreign = bool(f.foreign_chars) and len(text) >= 2 and _transliterated(text, f.foreign_chars)
        if f.first_in and not foreign and not any(text[:n] in f.first_in for n in (1, 2, 3)):
            return False
        if any(text.startswith(p) for p in f.bad_prefixes) or any(text.endswith(s) for s in f.bad_suffixes):
            return False
        if f.double_surname_above and len(text) > f.double_surname_above and not foreign:
            # 4-character names have a two-character surname (欧阳, 桥本) or two surnames (刘王晨曦)
            if not any(text[:n] in f.first_in for n in (2, 3)) and not (text[0] in f.first_in and text[1] in f.first_in):
                return False
        short = len(text) < f.known_below
        long_from_lac = bool(f.unknown_from) and len(text) >= f.unknown_from and source in f.endings_sources and not foreign
        if (short or long_from_lac) and text not in known_places() and text not in f.known_extra:
            if not any(text.endswith(s) and len(text) > len(s) for s in f.known_suffixes):
                return False
        if f.endings and source in f.endings_sources and len(text) >= f.endings_from and not foreign:
            if not any(text.endswith(e) for e in f.endings):
                return False
        if f.not_known >= 0 and text in known_places(f.not_known):
            return False
        return True

    def _trimmed(self, span: Span) -> Span | None:
        f = self.filters.get(span.label_)
        if f is None:
            return span
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].text in f.trim_prefixes or doc[start].is_space or doc[start].is_punct):
            if _quote_end(doc, start, end - 1) is not None:
                break  # an opening quote whose closing one is inside: “内政部”儿童局
            start += 1
        while end > start and (doc[end - 1].text in f.trim_suffixes or doc[end - 1].is_space or doc[end - 1].is_punct):
            opening = self.brackets.get(doc[end - 1].text)
            if opening is not None and any(t.text == opening for t in doc[start : end - 1]):
                break  # a closing bracket whose opening one is inside: 联盟(筹)
            end -= 1
        if start >= end:
            return None
        return Span(doc, start, end, label=span.label_, span_id=span.id_)

    def _after_kind_word(self, span: Span) -> bool:
        """The span follows a word that makes it a kind, not a name (``not_after``):
        各|主要|合作银行 are the partner banks, whichever they are."""
        f = self.filters.get(span.label_)
        if f is None or not f.not_after:
            return False
        i = span.start - 1
        while i >= 0 and span.doc[i].is_space:
            i -= 1
        return i >= 0 and span.doc[i].text in f.not_after

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for span in doc.ents:
            trimmed = self._trimmed(span)
            if trimmed is not None and self.ok(trimmed.label_, trimmed.text, trimmed.id_) and not self._after_kind_word(trimmed):
                kept.append(trimmed)
        doc.set_ents(kept)
        return doc


@Language.factory("kg_entity_filter", default_config={"rules": "nlp/filters.toml", "brackets": "nlp/bracket_pairs.tsv"})
def make_entity_filter(nlp: Language, name: str, rules: str, brackets: str) -> EntityFilter:
    return EntityFilter(rules, brackets)


# --------------------------------------------------------------------------- elided names


class EllipticalNames:
    """Names shortened by a coordination: ``省、市红十字会`` is 省红十字会 and 市红十字会.

    The last name is an ent (市红十字会); each level word before it, joined by a separator
    (、, 和 …), stands for the same name at its own level. Ents cannot say that (省 alone is no
    name), so each such word becomes a span of ``doc.spans["elided"]`` over the word as written,
    with the whole name in ``kb_id_`` (``kg.extract.mentions`` turns it into a mention that
    refers to 省红十字会). A level word is an entry of ``levels`` that starts the ent and leaves
    at least ``min_head`` characters of shared head, which must pass the entity filter for the
    label (市、区两级政府: 两级政府 is a count, no name).
    """

    def __init__(
        self, levels: str, separators: list[str], labels: list[str], rules: str, key: str = ELIDED_KEY, min_head: int = 2
    ) -> None:
        self.levels = tuple(sorted(load_list(levels), key=len, reverse=True))
        self.separators = frozenset(w for name in separators for w in load_list(name))
        self.labels = frozenset(labels)
        self.filter = EntityFilter(rules)
        self.key = key
        self.min_head = min_head

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for ent in doc.ents:
            if ent.label_ not in self.labels:
                continue
            level = next((w for w in self.levels if ent.text.startswith(w) and len(ent.text) - len(w) >= self.min_head), None)
            if level is None:
                continue
            head = ent.text[len(level) :]
            if not self.filter.ok(ent.label_, head, SOURCE_ELIDED):
                continue
            i = ent.start - 1
            while i >= 1 and doc[i].text in self.separators and doc[i - 1].text in self.levels and doc[i - 1].text != level:
                word = doc[i - 1]
                if word.ent_type_:
                    break
                spans.append(Span(doc, word.i, word.i + 1, label=ent.label_, kb_id=word.text + head))
                i -= 2
        doc.spans[self.key] = sorted(spans, key=lambda s: s.start)
        return doc


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


# --------------------------------------------------------------------------- nested places


class NestedPlaces:
    """Names written inside a longer name -> ``doc.spans["nested"]``.

    ``北涧河生态复流工程`` is a PROJECT ent, and 北涧河 is a river the graph should know too;
    ``doc.ents`` cannot overlap, so the inner names go to a span group:

    * places: a token LAC tagged as a place (``tags``) inside an ent of ``outer`` labels,
      strictly shorter than it and not its head (清徐乡村e镇 heads 中国醋都·清徐乡村e镇), that
      the gazetteer knows or that ends with a place suffix after a name character, labelled
      GPE/LOC/FAC by its suffix;
    * the names ``kg_suffix_entities`` kept in ``doc.spans["parts"]`` (the body of
      省政府民生实事AED项目, the project of a signing ceremony), if they still lie strictly
      inside an ent.

    Every nested name passes the entity filter for its label (the same rules as any ent).
    Outer labels are projects and events by default: the place in a body's name (太原 of
    太原幼师…学校, 尖山 of 尖山铁矿) names the body, not a place the text speaks of.
    """

    def __init__(self, outer: list[str], tags: list[str], place_suffixes: str, default_place: str, rules: str) -> None:
        self.outer = frozenset(outer)
        self.tags = frozenset(tags)
        self.places = PlaceClassifier(place_suffixes, default_place)
        self.filter = EntityFilter(rules)

    def _is_place(self, text: str) -> bool:
        if text in known_places():
            return True
        return any(text.endswith(suffix) and len(text) > len(suffix) for suffix, _ in self.places.rows)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        outer = [ent for ent in doc.ents if ent.label_ in self.outer and len(ent) >= 2]
        for ent in outer:
            for token in ent[:-1]:
                text = token.text
                if token.tag_ not in self.tags or not self._is_place(text):
                    continue
                label = self.places(text)
                if self.filter.ok(label, text):
                    spans.append(Span(doc, token.i, token.i + 1, label=label))
        for part in doc.spans.get(PARTS_KEY, []):
            inside = any(e.start <= part.start and part.end <= e.end and len(part) < len(e) for e in outer)
            if inside and self.filter.ok(part.label_, part.text, part.id_):
                spans.append(part)
        if PARTS_KEY in doc.spans:
            del doc.spans[PARTS_KEY]
        unique = {(e.start, e.end, e.label_): e for e in reversed(spans)}  # first of equal spans
        doc.spans[NESTED_KEY] = [unique[k] for k in sorted(unique)]
        return doc


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
