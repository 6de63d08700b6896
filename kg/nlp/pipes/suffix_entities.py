"""``kg_suffix_entities``: a head word with a typed suffix (…局, …工程, …会议, …村) plus the name
words before it (ORG, PROJECT, EVENT, places)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import DataError
from kg.nlp.gazetteer import TOWN_DEPTH, known_places
from kg.nlp.pipes.common import (
    PARTS_KEY,
    PLACE_LABELS,
    PREFECTURE_DEPTH,
    SOURCE_SUFFIX,
    list_words,
    merge_entities,
)
from kg.nlp.tokenizer import SPACE_TAG
from kg.resources import data_path, load_list, load_toml


@dataclass(frozen=True, slots=True)
class SuffixRule:
    """One kind of name: a head token ending with one of ``suffixes``, after name tokens.

    See ``kg/data/nlp/suffix_rules.toml`` for what each field means.
    """

    label: str
    suffixes: tuple[str, ...]
    head_tags: tuple[str, ...]
    name_tags: tuple[str, ...]
    stop_heads: frozenset[str]
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
    inner_lead_words: tuple[str, ...]
    lead_tags: tuple[str, ...]
    lead_stop: frozenset[str]
    lead_suffixes: tuple[str, ...]
    tails: frozenset[str]
    context_words: frozenset[str]
    context_tags: tuple[str, ...]
    context_only: bool
    context_skip: frozenset[str]
    not_before: frozenset[str]
    anchor_known: bool
    inner_heads: bool
    person_before_bare_head: bool
    unit_suffixes: tuple[str, ...]
    trim_start: re.Pattern[str] | None
    restart_tags: tuple[str, ...]
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
    list_tails: frozenset[str]
    list_context: frozenset[str] = frozenset()
    stop_head_words: int = 0
    lead_verbs: frozenset[str] = frozenset()
    quote_verbs: frozenset[str] = frozenset()
    quote_false: re.Pattern[str] | None = None
    quote_not_before: frozenset[str] = frozenset()
    complete_heads: tuple[str, ...] = ()
    complete_max_chars: int = 0
    count_head: re.Pattern[str] | None = None
    compounds: frozenset[str] = frozenset()

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
        stops = self.stop_heads
        return name in stops or any(name[-k:] in stops for k in range(len(suffix) + 1, len(name) + 1))

    def is_stop_span(self, span: Span, suffix: str) -> bool:
        """``is_stop`` for a name in its doc: with ``stop_head_words``, a name ending with a stop
        head is a name after all when that many words or more describe it before the stop head
        (扶持|人口|较少|民族|发展规划; 区域|发展规划 is a kind)."""
        name = span.text
        if not self.is_stop(name, suffix):
            return False
        if not self.stop_head_words or name in self.stop_heads:
            return True
        k = max(k for k in range(len(suffix) + 1, len(name) + 1) if name[-k:] in self.stop_heads)
        cut = span.start_char + len(name) - k
        return sum(1 for t in span if t.idx + len(t.text) <= cut) < self.stop_head_words


def _qualified_pattern(table: dict | None) -> re.Pattern[str] | None:
    """The text after an ORG that makes it a company name with a bracketed qualifier.

    >>> p = _qualified_pattern({"heads": "nlp/qualified_heads.txt", "max_qualifier": 6, "max_between": 12})
    >>> p.match("（香港）有限公司董事").group(), p.match("（香港）发布消息") is None
    ('（香港）有限公司', True)
    """
    if not table:
        return None
    heads = sorted(list_words(table["heads"]), key=len, reverse=True)
    name = "[\\u4e00-\\u9fffA-Za-z0-9]"
    return re.compile(
        f"[（(]{name}{{1,{int(table['max_qualifier'])}}}[）)]{name}{{0,{int(table['max_between'])}}}?"
        f"(?:{'|'.join(map(re.escape, heads))})"
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
                    suffixes=tuple(sorted(list_words(r["suffixes"]), key=len, reverse=True)),
                    head_tags=tuple(r["head_tags"]),
                    name_tags=tuple(r["name_tags"]),
                    stop_heads=frozenset(list_words(r.get("stop_heads"))),
                    stop_words=list_words(r.get("stop_words")),
                    blocked_ents=tuple(r.get("blocked_ents", ["PERSON", "DATE"])),
                    max_tokens=int(r.get("max_tokens", 6)),
                    min_chars=int(r.get("min_chars", 3)),
                    quoted=bool(r.get("quoted", False)),
                    anchors=tuple(r.get("anchors", [])),
                    anchor_words=frozenset(list_words(r.get("anchor_words"))),
                    anchor_false=frozenset(list_words(r.get("anchor_false"))),
                    joiners=list_words(r.get("joiners")),
                    title_words=frozenset(list_words(r.get("title_words"))),
                    inner_tags=tuple(r.get("inner_tags", [])),
                    inner_stop=list_words(r.get("inner_stop")),
                    inner_min_chars=int(r.get("inner_min_chars", 1)),
                    inner_suffixes=list_words(r.get("inner_suffixes")),
                    inner_lead=bool(r.get("inner_lead", False)),
                    inner_lead_words=list_words(r.get("inner_lead_words")),
                    lead_tags=tuple(r.get("lead_tags", [])),
                    lead_stop=frozenset(list_words(r.get("lead_stop"))),
                    lead_suffixes=list_words(r.get("lead_suffixes")),
                    tails=frozenset(list_words(r.get("tails"))),
                    context_words=frozenset(list_words(r.get("context_words"))),
                    context_tags=tuple(r.get("context_tags", [])),
                    context_only=bool(r.get("context_only", False)),
                    context_skip=frozenset(r.get("context_skip", [])),
                    not_before=frozenset(list_words(r.get("not_before"))),
                    anchor_known=bool(r.get("anchor_known", False)),
                    inner_heads=bool(r.get("inner_heads", True)),
                    person_before_bare_head=bool(r.get("person_before_bare_head", False)),
                    unit_suffixes=list_words(r.get("unit_suffixes")),
                    trim_start=re.compile(r["trim_start"]) if "trim_start" in r else None,
                    restart_tags=tuple(r.get("restart_tags", [])),
                    split_tags=tuple(r.get("split_tags", [])),
                    unit_labels=tuple(r.get("unit_labels", [])),
                    unit_words=list_words(r.get("unit_words")),
                    inner_required=list_words(r.get("inner_required")),
                    place_restart=list_words(r.get("place_restart")),
                    modifiers=frozenset(list_words(r.get("modifiers"))),
                    group_suffixes=list_words(r.get("group_suffixes")),
                    group_min_chars=int(r.get("group_min_chars", 0)),
                    kind_bodies=frozenset(list_words(r.get("kind_bodies"))),
                    shape=re.compile(r["shape"]) if "shape" in r else None,
                    prefix_tags=tuple(r.get("prefix_tags", [])),
                    descriptor=bool(r.get("descriptor", False)),
                    lead_lists=frozenset(list_words(r.get("lead_lists"))),
                    list_tails=frozenset(list_words(r.get("list_tails"))),
                    list_context=frozenset(list_words(r.get("list_context"))),
                    stop_head_words=int(r.get("stop_head_words", 0)),
                    lead_verbs=frozenset(list_words(r.get("lead_verbs"))),
                    quote_verbs=frozenset(list_words(r.get("quote_verbs"))),
                    quote_false=re.compile(r["quote_false"]) if "quote_false" in r else None,
                    quote_not_before=frozenset(list_words(r.get("quote_not_before"))),
                    complete_heads=tuple(r.get("complete_heads", [])),
                    complete_max_chars=int(r.get("complete_max_chars", 0)),
                    count_head=re.compile(r["count_head"]) if "count_head" in r else None,
                    compounds=frozenset(list_words(r.get("compounds"))),
                )
            )
        except (KeyError, re.error) as exc:
            raise DataError("E301", data_path(name), detail=f"rule {number}: {exc}") from exc
    return tuple(rules)


#: A number and a measure word (一个, 两场, 3次): how many meetings, not a name's first word.
_COUNTED = re.compile(r"[0-9０-９一二三四五六七八九十两几多数]+[个次场届]?")


@dataclass(frozen=True, slots=True)
class EventNames:
    """How an event name the rules found grows to its full extent (``[event_names]`` of
    ``kg/data/nlp/suffix_rules.toml``): what an anniversary meeting commemorates
    (纪念|朱光亚|同志|诞辰100周年座谈会, 中俄|建交|60周年庆祝大会) and two events joined by 暨 as one
    (…研讨会|暨国际儒学联合会|第七届会员大会)."""

    label: str
    marker: str
    leads: frozenset[str]
    acts: frozenset[str]
    honorifics: frozenset[str]
    name_tags: frozenset[str]
    name_ents: frozenset[str]
    reach: int
    joiners: tuple[str, ...]
    join_reach: int
    part_labels: frozenset[str]
    body_leads: tuple[str, ...] = ()
    body_reach: int = 0
    body_stop: tuple[str, ...] = ()
    alternate_ends: tuple[str, ...] = ()
    body_joiners: frozenset[str] = frozenset()
    convene_verbs: frozenset[str] = frozenset()
    convene_heads: tuple[str, ...] = ()
    convene_reach: int = 0
    convene_min_chars: int = 0
    convene_separators: frozenset[str] = frozenset()
    convene_tags: frozenset[str] = frozenset()
    convene_not_first: frozenset[str] = frozenset()

    @classmethod
    def load(cls, raw: dict | None) -> "EventNames | None":
        if not raw:
            return None
        return cls(
            label=raw["label"],
            marker=raw["marker"],
            leads=frozenset(raw["leads"]),
            acts=frozenset(raw["acts"]),
            honorifics=frozenset(raw["honorifics"]),
            name_tags=frozenset(raw["name_tags"]),
            name_ents=frozenset(raw["name_ents"]),
            reach=int(raw["reach"]),
            joiners=tuple(raw["joiners"]),
            join_reach=int(raw["join_reach"]),
            part_labels=frozenset(raw["part_labels"]),
            body_leads=list_words(raw.get("body_leads")),
            body_reach=int(raw.get("body_reach", 0)),
            body_stop=list_words(raw.get("body_stop")),
            alternate_ends=tuple(raw.get("alternate_ends", ())),
            body_joiners=frozenset(raw.get("body_joiners", ())),
            convene_verbs=frozenset(raw.get("convene_verbs", ())),
            convene_heads=tuple(sorted(list_words(raw.get("convene_heads")), key=len, reverse=True)),
            convene_reach=int(raw.get("convene_reach", 0)),
            convene_min_chars=int(raw.get("convene_min_chars", 0)),
            convene_separators=frozenset(raw.get("convene_separators", ())),
            convene_tags=frozenset(raw.get("convene_tags", ())),
            convene_not_first=frozenset(raw.get("convene_not_first", ())),
        )

    def _body_word(self, token) -> bool:
        return token.tag_ in self.name_tags and token.ent_type_ != "PERSON" and token.tag_ != "PER"

    def _of_body(self, doc: Doc, span: Span) -> int:
        """The start of a meeting's name that begins with the bodies it reaches and what they
        do (中央和国家机关部门党组（党委）|落实|机关党建…座谈交流会): a verb right before the name
        the rules found, the bodies before it, a bracketed alternate right after a body word
        (党组（党委）) and a joiner right after a reach word (中央和国家机关) as part of them; the
        name must start with a reach word and cross a verb, a bracket or a joiner."""
        if not self.body_reach:
            return span.start
        i, crossed = span.start - 1, False
        if i > 0 and doc[i].tag_ == "v" and len(doc[i].text) >= 2 and not doc[i].text.startswith(self.body_stop):
            i, crossed = i - 1, True
        start = i + 1
        while i >= 0 and span.start - i <= self.body_reach:
            token = doc[i]
            if (token.text == "）" and i >= 3 and doc[i - 2].text == "（" and self._body_word(doc[i - 1])
                    and doc[i - 1].text.endswith(self.alternate_ends) and doc[i - 3].text.endswith(self.alternate_ends)):
                start, i, crossed = i - 2, i - 3, True  # 党组（党委）: one body, two names
                continue
            if token.text in self.body_joiners and i >= 1 and doc[i - 1].text in self.body_leads and start == i + 1:
                start, i, crossed = i - 1, i - 2, True  # 中央和国家机关: one kind of body
                continue
            if not self._body_word(token):
                break
            start, i = i, i - 1
        while start < span.start and not doc[start].text.startswith(self.body_leads):
            start += 1
        if not crossed or start >= span.start or not doc[start].text.startswith(self.body_leads):
            return span.start
        # the crossing must lie inside the grown name
        return start

    def _commemorated(self, doc: Doc, span: Span) -> int:
        """The start of an anniversary event's name: the words before it that say what it
        commemorates (acts such as 诞辰, 建交; names; a person with an honorific), from a lead verb
        (纪念, 庆祝) if one is written, else from the first of them."""
        if self.marker not in span.text:
            return span.start
        start, i = span.start, span.start - 1
        while i >= 0 and span.start - i <= self.reach:
            token = doc[i]
            if token.text in self.leads:
                return i
            person = token.ent_type_ == "PERSON" or (token.text in self.honorifics and i > 0 and doc[i - 1].ent_type_ == "PERSON")
            if not (person or token.text in self.acts or token.text in self.joiners or
                    token.tag_ in self.name_tags or token.ent_type_ in self.name_ents):
                break
            if token.text in self.joiners and start == i + 1 and start == span.start:
                break  # 暨 right before the event joins two events, it names nothing
            start, i = i, i - 1
        while start < span.start and doc[start].text in self.joiners:
            start += 1
        # the walk must reach a person or an act: a bare place before 100周年大会 is where it is
        words = doc[start : span.start]
        if not any(t.ent_type_ == "PERSON" or t.text in self.acts for t in words):
            return span.start
        return start

    def _convened(self, doc: Doc, span: Span) -> int:
        """The start of a meeting's name written right after the verb that convenes or attends
        it (召开|防范化解地方债务风险工作视频会议): the word after the verb, when every word
        between is a name word or a separator (``convene_*`` of ``[event_names]``)."""
        i = span.start - 1
        while i >= 0 and span.start - i <= self.convene_reach:
            token = doc[i]
            if token.text in self.convene_verbs:
                start = i + 1
                if (start < span.start and doc[start].text not in self.convene_not_first
                        and not _COUNTED.fullmatch(doc[start].text)
                        and doc[start].text not in self.convene_separators
                        and len(doc.text[doc[start].idx : span.end_char]) >= self.convene_min_chars):
                    return start
                return span.start
            if (token.ent_type_ in ("PERSON", self.label) or token.tag_ == "PER" or token.text.endswith(self.convene_heads)
                    or not (token.tag_ in self.convene_tags or token.text in self.convene_separators)):
                return span.start  # a person, or another meeting: 会议、|“金砖四国”领导人会晤 are two
            i -= 1
        return span.start

    def _convened_heads(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Bare meeting heads no rule named (座谈会, 大会) that a convening verb names
        (:meth:`_convened`), as one-token spans for :meth:`grow` to grow."""
        if not self.convene_verbs:
            return []
        taken = {i for s in found for i in range(s.start, s.end)}
        out = []
        for token in doc:
            if token.i in taken or token.ent_type_ or not token.text.endswith(self.convene_heads):
                continue
            span = Span(doc, token.i, token.i + 1, label=self.label, span_id=SOURCE_SUFFIX)
            if self._convened(doc, span) < span.start:
                out.append(span)
        return out

    def grow(self, doc: Doc, found: list[Span], parts: list[Span]) -> list[Span]:
        """``found`` with event names grown; the persons and bodies a grown name swallows are
        kept in ``parts`` (朱光亚 of 纪念朱光亚同志诞辰100周年座谈会)."""
        out: list[Span] = []
        for span in sorted(found + self._convened_heads(doc, found), key=lambda s: s.start):
            if span.label_ != self.label:
                out.append(span)
                continue
            start = self._commemorated(doc, span)
            if start == span.start:
                start = self._of_body(doc, span)
            if start == span.start:
                start = self._convened(doc, span)
            prev = next((s for s in reversed(out) if s.label_ == self.label), None)
            if prev is not None and self._joins(doc, prev.end, start):
                start = prev.start
            if start < span.start:  # what the grown name swallows: kept as parts
                swallowed = [e for e in out if start <= e.start]
                out = [e for e in out if e.start < start]
                parts += [e for e in list(doc.ents) + swallowed
                          if e.label_ in self.part_labels and start <= e.start and e.end < span.end]
            out.append(Span(doc, start, span.end, label=span.label_, span_id=span.id_))
        return out

    def _joins(self, doc: Doc, end: int, start: int) -> bool:
        """Do the words between two events (``doc[end:start]``) join them as one name: a
        joiner (暨) first, then name words only?"""
        between = doc[end:start]
        if not 0 < len(between) <= self.join_reach or not between[0].text.startswith(self.joiners):
            return False
        return all(t.tag_ in self.name_tags or t.ent_type_ in self.name_ents or t.text.startswith(self.joiners) for t in between[1:])


@dataclass(frozen=True, slots=True)
class BuiltProjects:
    """A built place named as what is being built is a project (``[built_projects]`` of
    suffix_rules.toml): 保障千峰路泵站公园|建设, 开工建设|山大附中晋源学校."""

    labels: frozenset[str]
    org_endings: tuple[str, ...]
    before: frozenset[str]
    after: frozenset[str]

    @classmethod
    def load(cls, raw: dict | None) -> "BuiltProjects | None":
        if not raw:
            return None
        return cls(frozenset(raw["labels"]), tuple(raw.get("org_endings", ())), frozenset(raw["before"]), frozenset(raw["after"]))

    def spans(self, doc: Doc) -> list[Span]:
        """The ents to read as projects, relabelled."""
        out = []
        for ent in doc.ents:
            if ent.label_ not in self.labels and not (ent.label_ == "ORG" and ent.text.endswith(self.org_endings)):
                continue
            before = doc[ent.start - 1].text if ent.start > 0 else ""
            after = doc[ent.end].text if ent.end < len(doc) else ""
            if before in self.before or after in self.after:
                out.append(Span(doc, ent.start, ent.end, label="PROJECT", span_id=ent.id_ or SOURCE_SUFFIX))
        return out


def _complete_place(doc: Doc, i: int, end: int) -> bool:
    """Token ``i`` is a known place name and not the name part of a bare head right after it:
    陕西|岐山县 and 四川|广元火车站 are two places, 杏花岭|区 is one."""
    if doc[i].text not in known_places():
        return False
    return not (i == end - 2 and len(doc[end - 1].text) <= 2)


#: How many tokens a quoted word inside a name may have (a slogan of two halves:
#: “践行工程科技使命 推进科技强国建设”院士座谈会).
QUOTED_MAX_TOKENS = 12


def _breaks_quote(token) -> bool:
    """A clause break or a line break: a quoted name never holds one. A space between the
    halves of a slogan does not break it (“践行…使命 推进…建设”)."""
    return (token.is_space and token.text.strip(" \u3000") != "") or token.text in "。，；！？,;"


def _quote_start(doc: Doc, j: int) -> int | None:
    """The opening quote of the quoted word that ``doc[j]`` closes, if it is a closing quote
    and the opening one is near (no clause break between them)."""
    closing = doc[j].text
    if not any(closing == c for _, c in QUOTE_PAIRS):
        return None
    for k in range(j - 1, max(-1, j - QUOTED_MAX_TOKENS - 2), -1):
        if (doc[k].text, closing) in QUOTE_PAIRS:
            return k
        if _breaks_quote(doc[k]):
            return None
    return None


def quote_end(doc: Doc, i: int, limit: int) -> int | None:
    """The closing quote before ``limit`` of the quoted word that ``doc[i]`` opens."""
    opening = doc[i].text
    if not any(opening == o for o, _ in QUOTE_PAIRS):
        return None
    for k in range(i + 1, min(limit, i + QUOTED_MAX_TOKENS + 2)):
        if (opening, doc[k].text) in QUOTE_PAIRS:
            return k
        if _breaks_quote(doc[k]):
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
    if head_extra > 0 or any(quote_end(doc, i, head) is not None for i in range(span.start, head)):
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


def _owns(rule: SuffixRule, token) -> bool:
    """Does ``token`` own what follows it in a name: a place or a body (山西|合成生物凯赛研究院,
    中国|证监会), a level or owner word (省|教育厅, 国家|发改委), an ordinal, an abbreviation? A
    name of common words only before a head that LAC tagged as a whole name (``complete_heads``)
    is a phrase before that name (审计|情况|审计署, 主办单位|中国摄影家协会)."""
    text = token.text
    if _owner(token) or token.tag_ in ("m", "j", "nz") or text in known_places():
        return True
    return text not in rule.anchor_false and any(text.startswith(w) for w in rule.anchor_words)


def _complete(rule: SuffixRule, token) -> bool:
    """A head LAC tagged as a whole name (``complete_heads``) that is complete: one that starts
    with its owner (中国摄影家协会) or a short one, a stem and a unit (审计署, 教育部). A longer
    name of common words (资源环境委员会) may end a longer name (人口|资源环境委员会)."""
    text = token.text
    if token.tag_ not in rule.complete_heads:
        return False
    # a level word alone (市|人民政府) is no owner: its place may stand before it (直辖|市人民政府)
    owned = any(text.startswith(w) for w in rule.anchor_words if len(w) > 1) or any(text[:n] in known_places() for n in (2, 3))
    return len(text) <= rule.complete_max_chars or owned


#: Short names of the bodies of a level (省委, 市政府): two of them written together are two bodies.
LEVEL_BODIES = "nlp/short_bodies.txt"


def _second_body(rule: SuffixRule, doc: Doc, start: int, head: int) -> bool:
    """The head is a body of a level by its short name (省政府, 市政协: ``nlp/short_bodies.txt``)
    right after a word that is a whole body (山西省委): two bodies written together, not a
    department of the first (中共太原市委|组织部, 公司|市场部)."""
    if head - 1 < start:
        return False
    before = doc[head - 1]
    whole = before.text in _level_bodies() or (before.ent_type_ == "ORG" and rule.suffix_of(before.text) is not None)
    return doc[head].text in _level_bodies() and whole


@lru_cache(maxsize=1)
def _level_bodies() -> frozenset[str]:
    """Short names of the bodies of a province, city, district or county (省委, 市政府)."""
    return frozenset(load_list(LEVEL_BODIES))


def _period(words: Span) -> bool:
    """A five-year period, as quoted inside the name of a plan: “十二五”."""
    return len(words) == 1 and PERIOD.fullmatch(words[0].text) is not None


#: A five-year plan period: 十一五, 十二五, 十四五.
PERIOD = re.compile("十[一二三四五六七八九]?五")


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
        table = load_toml(rules)
        self.events = EventNames.load(table.get("event_names"))
        self.qualified = _qualified_pattern(table.get("qualified_names"))
        self.built = BuiltProjects.load(table.get("built_projects"))
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
        if token.text in rule.lead_verbs:
            return token.ent_type_ not in rule.blocked_ents  # 扶持/v …发展规划: a programme named by its aim
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
                quoted = doc[opening + 1 : first - 1]
                first = opening  # a quoted word inside the name: 西塋乡“清化收”工作领导小组
                count += 1
                if opening > 0 and not _owner(doc[opening - 1]) and not _period(quoted):
                    break  # …after its owner only: not 首次|“金砖四国”峰会 (a plan's quoted
                    # period goes on: 扶持…发展|“十二五”|规划)
                continue
            if not self._name_token(rule, doc[first - 1]) and not self._prefix(rule, doc, first - 1, head):
                break
            if (doc[first - 1].tag_ in rule.inner_tags and doc[first - 1].text not in rule.lead_verbs
                    and (first < 2 or not (rule.inner_lead or _plain_or_place(doc[first - 2])))):
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
    def _inner_ok(rule: SuffixRule, span: Span, head: int, units: dict[int, tuple[int, str]] | None = None) -> bool:
        """A name that holds an inner-tag word (a verb) must end with a strong head and, with
        ``inner_lead``, start with a level word or a province or prefecture: 山西合成生物凯赛研究院,
        省数字化转型促进中心; not 加快建设中心 (no owner), not 市场|推动|中心."""
        doc = span.doc
        quoted = set()  # words inside quotes are the name as written: “清化收”
        for i in range(span.start, head):
            closing = quote_end(doc, i, head)
            if closing is not None:
                quoted.update(range(i, closing + 1))
        for end, (start, _) in (units or {}).items():  # a name found before (…项目常化酸洗机组)
            if span.start <= start and end <= head:
                quoted.update(range(start, end))
        inner = [t for t in doc[span.start : head] if t.tag_ in rule.inner_tags and t.tag_ not in rule.name_tags and t.i not in quoted]
        if not inner:
            return True
        if rule.inner_suffixes and not span.doc[head : span.end].text.endswith(rule.inner_suffixes):
            return False
        if rule.inner_lead_words:  # 全国|扶持…交流会: a meeting named by its reach
            return span[0].text.startswith(rule.inner_lead_words)
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
            listed: set[int] = set()  # ends of this rule's names so far (a list after its verb)
            for start, head, end in sorted(candidates, key=lambda m: (m[2], m[0], m[1])):
                if (key, end) in best:
                    continue
                span = self._trim(doc, rule, start, head, end)
                if span is not None and self._accept(rule, span, head, listed) and self._inner_ok(rule, span, head, known):
                    listed.add(span.end)
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
        found += self._quoted_after_verb(doc, found)
        if self.events is not None:
            found = self.events.grow(doc, found, parts)
        self._keep_parts(doc, found, parts)
        merge_entities(doc, found)
        if self.qualified is not None:
            merge_entities(doc, self._qualified_names(doc))
        if self.built is not None:
            merge_entities(doc, self.built.spans(doc))
        return doc

    def _qualified_names(self, doc: Doc) -> list[Span]:
        """An ORG with a bracketed qualifier and a company ending after it is one name
        (新纶科技（香港）有限公司); see ``[qualified_names]`` of suffix_rules.toml."""
        text = doc.text
        found = []
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            m = self.qualified.match(text, ent.end_char)
            if m is None:
                continue
            span = doc.char_span(ent.start_char, m.end(), label="ORG", span_id=SOURCE_SUFFIX)
            if span is not None:  # a match that ends inside a word of LAC is no name's end
                found.append(span)
        return found

    def _quoted_after_verb(self, doc: Doc, found: list[Span]) -> list[Span]:
        """A quoted short name right after a verb of a rule's ``quote_verbs`` (推进“两廊一圈”,
        共建“一带一路”) is a name of the rule, without its quotes, when no name word follows the
        quote (not 推进“三医联动”|改革: ``quote_not_before``) and it is no counted
        slogan (``quote_false``: 落实“两个毫不动摇”)."""
        taken = {i for span in list(doc.ents) + found for i in range(span.start, span.end)}
        names: list[Span] = []
        for rule in self.rules:
            if not rule.quote_verbs:
                continue
            for i in range(len(doc) - 3):
                if doc[i].text not in rule.quote_verbs:
                    continue
                closing = quote_end(doc, i + 1, min(len(doc), i + 9))
                if closing is None or closing - i < 3 or any(j in taken for j in range(i + 1, closing + 1)):
                    continue
                nxt = doc[closing + 1] if closing + 1 < len(doc) else None
                if nxt is not None and (nxt.tag_ not in ("w", "c", "vn", SPACE_TAG) or nxt.text in rule.quote_not_before):
                    continue  # 推进“三医联动”|改革: the quote is part of a longer name
                inner = doc[i + 2 : closing]
                if len(inner.text) < rule.min_chars or (rule.quote_false is not None and rule.quote_false.search(inner.text)):
                    continue
                if any(t.is_punct or t.ent_type_ in rule.blocked_ents for t in inner):
                    continue
                names.append(Span(doc, inner.start, inner.end, label=rule.label, span_id=SOURCE_SUFFIX))
                taken.update(range(i + 1, closing + 1))
        return names

    def _keep_parts(self, doc: Doc, found: list[Span], parts: list[Span]) -> None:
        """Names that a longer new name swallows, kept in ``doc.spans["parts"]`` for
        ``kg_nested`` (ents cannot overlap): the ``units`` an event was named after, and the
        owner that starts a name of an ``outer_labels`` kind, the longest name of a
        ``part_labels`` kind there (省政府 of 省政府民生实事AED项目, 太钢 of 太钢…二期项目) —
        unless the head follows it right away in a project: 国家区域医疗中心|项目 is the project
        of building a centre, not a centre's project (a body's meeting is its own: 常委会|会议)."""
        inside = sorted((e for e in list(doc.ents) + found if e.label_ in self.part_labels), key=lambda e: -len(e))
        for outer in found:
            if outer.label_ not in self.outer_labels:
                continue
            last = outer.end if outer.label_ == "EVENT" else outer.end - 1
            owner = next((e for e in inside if e.start == outer.start and e.end < last), None)
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
        if rule.list_tails and 0 < start and start + 1 < head and doc[start - 1].text in rule.list_tails and _is_place_token(doc[start]):
            start += 1  # 中国、巴西、俄罗斯、印度“金砖四国”领导人会晤: the last place of a list is no part of the name
        if _complete(rule, doc[head]) and not any(_owns(rule, t) or t.text in rule.joiners for t in doc[start:head]):
            start = head  # 审计|情况|审计署: a whole name of LAC after words that own nothing
        if _second_body(rule, doc, start, head):
            start = head  # 山西省委|省政府: a body of its level after a whole body is a second body
        i = start - 1
        while rule.lead_lists and i + 3 < head and _is_place_token(doc[i + 1]) and doc[i + 2].text in rule.lead_lists and _is_place_token(doc[i + 3]):
            i += 2  # a list of places that starts the name stays whole: 北沙河、北涧河…
        while i + 1 < head:
            i += 1
            text = doc[i].text
            closing = quote_end(doc, i, head)
            if closing is not None:
                i = closing  # a quoted word inside the name stays whole
                continue
            if text in rule.title_words or (i > start and doc[i - 1].text + text in rule.title_words):
                start = i + 1  # 规划委|委员|和|机构监管部, 行政|长官|和|…: a post closes the name before it
            elif text in rule.joiners or doc[i].tag_ in ("c", "p", "w", "_SP"):
                if text in rule.joiners and i > start and (not _plain(doc[i - 1]) or rule.suffix_of(doc[i - 1].text)):
                    start = i + 1  # 市卫健委和市教育局: the name starts after the joiner
                elif text not in rule.joiners or i == start:
                    start = i + 1
            elif i == start and len(text) == 1 and doc[i].tag_ in ("ORG", "LOC", "PER") and text not in rule.anchor_words and not _char_by_char(doc, i, head, rule.anchor_words):
                start = i + 1  # a one-character "entity" word is a LAC slip (经/ORG 省招生…)
            elif len(text) > 1 and text[-1] in rule.joiners and not _plain(doc[i]):
                start = i + 1  # LAC glued the conjunction to a name: 山西农担与|农业银行
                # (not to a common word inside one: 信息化建设与|管理处)
            elif i == start and doc[i].tag_ in rule.inner_tags and text not in rule.lead_verbs:
                start = i + 1  # a verb may sit inside a name (省数字化转型促进中心), not start it
                # (but a lead verb does: 扶持…发展规划)
            elif rule.trim_start is not None and rule.trim_start.match(text) and i == start:
                start = i + 1
            elif doc[i].tag_ in rule.restart_tags:
                start = i + 1  # a locative word closes a phrase: 期间|特区政府, 岗位上|…
            elif not rule.inner_heads and (rule.suffix_of(text) is not None or _complete_place(doc, i, end)):
                start = i + 1
            elif rule.place_restart and i > start and _is_place_token(doc[i]) and doc[i - 1].text.endswith(rule.place_restart):
                start = i  # 综改区|山西合成生物产业生态园: the first place says where the name is
        return Span(doc, start, end) if start < end else None

    @staticmethod
    def _accept(rule: SuffixRule, span: Span, head_start: int, listed: set[int] = frozenset()) -> bool:
        """Long enough, a real head, and (for anchored rules) a proper name inside. ``listed``:
        ends of names of the rule accepted so far; with ``list_context``, a name right after a
        separator that follows one of them is an item of the same list, after the same verb
        (推进西部大开发、|中部崛起)."""
        if len(span.text) < rule.min_chars:
            return False
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.text in rule.not_before:
            return False  # 工程|技术人员, 工程|院: the head word is the start of a compound
        head = span.doc[head_start : span.end].text
        if rule.count_head is not None and rule.count_head.fullmatch(head):
            return False  # 两队: a count of teams, no team
        suffix = rule.suffix_of(head)
        if suffix is None or rule.is_stop_span(span, suffix):
            return False
        if after is not None and suffix + after.text in rule.compounds:
            return False  # 国家|中心|任务: the suffix starts a common word with the next one
        if rule.shape is not None and not rule.shape.fullmatch(span.text):
            return False
        if rule.descriptor and not _described(span, head_start, len(head) - len(suffix)):
            return False
        if rule.inner_required:  # a part of a named whole: 高端…硅钢项目|常化酸洗机组
            return any(_names_whole(rule, span.doc[span.start : t.i + 1]) for t in span.doc[span.start + 1 : head_start])
        prev = span.doc[span.start - 1] if span.start > 0 else None
        before = span.doc[span.start - 2] if span.start > 1 else None
        after_context = prev is not None and (prev.text in rule.context_words or (
            prev.text in rule.context_skip and before is not None and before.text in rule.context_words))  # 推进|好|…项目
        if not after_context and prev is not None and prev.text in rule.list_context and prev.i in listed:
            after_context = True  # the next item of a list of programmes after their verb
        if not after_context and prev is not None and prev.text in rule.list_context:
            # an item that starts with a verb opens a clause of its own (推动…、|促进西部大开发)
            after_context = span[0].tag_ != "v" and SuffixEntities._listed_after_verb(rule, span.doc, prev.i)
        if rule.context_tags and not after_context and any(t.tag_ in rule.context_tags for t in span):
            return False  # 综改/vn 区 is a place only where a verb says so (位于综改区)
        if rule.context_only:
            return after_context  # 实施|国家中长期科学和技术发展规划纲要: the verb says it is a programme
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
    def _listed_after_verb(rule: SuffixRule, doc: Doc, sep: int) -> bool:
        """Is the separator ``doc[sep]`` inside a list that a verb of ``context_words`` opens,
        items joined by ``list_context`` words only (推进|西部大开发、东北地区等老工业基地振兴和|
        中部崛起: the last item is carried out by the same verb)? Items are short, and any other
        punctuation or a clause verb between ends the list."""
        item = 0
        for j in range(sep - 1, max(-1, sep - 16), -1):
            t = doc[j]
            if t.text in rule.context_words:
                return item > 0
            if t.text in rule.list_context:
                if item == 0:
                    return False
                item = 0
                continue
            if t.tag_ in ("w", SPACE_TAG) or t.ent_type_ in rule.blocked_ents or (t.tag_ == "v" and t.text not in rule.lead_verbs and j < sep - 1):
                return False
            item += 1
            if item > 8:
                return False
        return False

    @staticmethod
    def _of_a_kind(rule: SuffixRule, span: Span, head_start: int) -> bool:
        """A unit written alone (介入科) after a kind of body in its sentence is a kind too:
        综合医院…设置|感染性疾病科 (``kind_bodies``)."""
        if not rule.kind_bodies or span.start != head_start or not span.text.endswith(rule.unit_suffixes):
            return False
        sent_start = span.sent.start if span.doc.has_annotation("SENT_START") else 0
        before = span.doc[sent_start : span.start].text
        return any(kind in before for kind in rule.kind_bodies)
