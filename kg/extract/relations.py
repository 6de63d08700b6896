"""Relation claims from trigger words, one mechanism driven by ``relations.toml``.

A rule names a predicate, its trigger words, the NER labels allowed on each side and a
*shape* — where the subject and object sit relative to the trigger (see the data file for
the shapes: ``svo``, ``at``, ``agent``, ``pair``, ``venue``, ``frame``, ``reported``, ``relative``).
Names written one right after the other (定日县长所乡, 浙江“千万工程”, 国家发改委能源研究所康艳兵)
link by their labels (``[[nested]]``). Sides written
as references (他, 李永强一行, 巡视领导, 该区, 我市, 出席会议, 第四十一号主席令说) are replaced by what they
stand for (see ``references.toml``), so a claim never has a pronoun on either side.

Beside the rules, an article carries what later sentences need: the events named so far (a
bare 会议 stands for the body's, not the headline's; 召开会议 is a new one named nowhere), who
issued which document, and an open list of speakers (13位常委…作大会发言。宁吉喆常委建议…). A
headline claim that the body restates with the object in full is dropped (:func:`restated`).

>>> from kg.model import Article
>>> a = Article("t/001", "t.txt", 1, "周计伟赴迎泽区，调研督导工作。")
>>> s = Sentence.from_text(a.text, ents=[("周计伟", "PERSON"), ("迎泽区", "GPE")])
>>> [(c.subject.text, c.predicate, c.object.text) for c in extract_claims_from_sentences([s], a)]
[('周计伟', 'visited', '迎泽区')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.extract.spans import Sentence
from kg.model import Article, Claim, Mention
from kg.resources import load_toml


#: What may stand between a host and the verb of its relative clause: a date or time of day.
_TIME_GAP = re.compile(r"[\d〇零一二三四五六七八九十两年月日号上中下午晚早凌晨今昨明当天间夜时分]*")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    predicate: str
    shape: str
    triggers: tuple[str, ...]
    subject: frozenset[str]
    object: frozenset[str]
    max_gap: int = 3
    object_fallback: str | None = None
    confidence: float = 0.7
    phrase_suffixes: tuple[str, ...] = ()
    phrase_label: str = ""
    phrase_min: int = 4  # characters an unnamed object needs (object_phrase.min_chars)
    phrase_bare: tuple[str, ...] = ()  # words that are a whole unnamed object by themselves (公告)
    bare_subject: frozenset[str] = frozenset()  # the labels of subjects a bare word is the object of
    trigger_re: re.Pattern[str] | None = None  # the triggers as one alternation, longest first
    markers: tuple[str, ...] = ()  # frame: the preposition before the object (在, 对)
    name_event: bool = False  # an ordinal event (第二次廉政工作会议) is named after its organiser
    object_heads: tuple[str, ...] = ()  # objects must end with one of these (代表团)
    subject_heads: tuple[str, ...] = ()  # subjects must end with one of these (调研组)
    topic_subject: bool = False  # a clause with no subject of its own: the article's place
    implied: dict[str, str] = field(default_factory=dict)  # trigger -> the object it names (访华 -> 中国)
    intent_words: tuple[str, ...] = ()  # in the trigger's clause before it: the act is only planned (谋划启动)
    inverse: bool = False  # the claim runs from object to subject (X组织Y服务队: Y subOrganizationOf X)


@dataclass(frozen=True, slots=True)
class Item:
    """Something a rule can take as subject or object: an entity or a resolved reference."""

    start: int
    end: int
    label: str
    mentions: tuple[Mention, ...]
    modifier: bool = False  # the body of a person's title (国务院 of 国务院总理李强): never a side


@dataclass(frozen=True, slots=True)
class Reference:
    """Words (or a pattern) that stand for something named elsewhere; see references.toml."""

    kind: str
    pattern: re.Pattern[str]
    refers_to: str | None = None
    any_head: bool = False  # last_event: the last event of any head (闭幕会 -> the session)
    label: str = ""  # last_named: the label of what the words stand for (该局 -> ORG)


@dataclass(slots=True)
class Config:
    rules: tuple[Rule, ...]
    joiners: tuple[str, ...]
    gap_words: tuple[str, ...]
    clause_ends: frozenset[str]
    agent_markers: tuple[str, ...]
    at_markers: tuple[str, ...]
    pair_joiners: tuple[str, ...]
    subject_reach: int = 40
    serial_clauses: int = 2
    locatives: tuple[str, ...] = ()
    phrase_stops: tuple[str, ...] = ()
    refs: tuple[Reference, ...] = ()
    title_tags: frozenset[str] = frozenset()
    chain_separators: tuple[str, ...] = ()
    chain_reach: int = 30
    modifier_labels: frozenset[str] = frozenset()
    clause_lead_tags: frozenset[str] = frozenset()
    event_ordinal: re.Pattern[str] | None = None
    event_count: re.Pattern[str] | None = None
    opened_verbs: tuple[str, ...] = ()  # [events] opened: what an untagged event opening a clause does
    opened_suffixes: tuple[str, ...] = ()  # … and how its name ends
    frame_reach: int = 20
    pair_reach: int = 6
    plan_markers: tuple[str, ...] = ()
    topic_lead_tags: frozenset[str] = frozenset()
    verb_tags: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    supersedes: dict[str, str] = field(default_factory=dict)
    nested: tuple[tuple[frozenset[str], dict[str, str], tuple[str, ...]], ...] = ()  # (outer, inner -> predicate, between)
    nested_confidence: float = 0.7
    body_term: re.Pattern[str] | None = None
    subordinate_ends: tuple[str, ...] = ()
    person_heads: tuple[str, ...] = ()
    kin_heads: tuple[str, ...] = ()
    continuations: tuple[str, ...] = ()
    head_families: dict[str, tuple[str, ...]] = field(default_factory=dict)
    convene: tuple[str, ...] = ()
    frame_closers: tuple[str, ...] = ()
    topic_words: tuple[str, ...] = ()
    topic_references: tuple[str, ...] = ()
    plan_confidence: float = 0.6
    plan_not_after: tuple[str, ...] = ()
    place_list_joiners: frozenset[str] = frozenset()  # a run of places qualifying the next name
    speakers: dict = field(default_factory=dict)
    proxy_verbs: tuple[str, ...] = ()
    pair_verbs: frozenset[str] = frozenset()
    pair_prepositions: tuple[str, ...] = ()  # 与/同/跟: the partners of a pair start after it
    pair_list_tail: re.Pattern[str] | None = None  # 与A、B等国际组织合作: what closes a list of partners
    team_words: re.Pattern[str] | None = None
    team_led: re.Pattern[str] | None = None
    shared_ordinal: re.Pattern[str] | None = None
    shared_list: re.Pattern[str] | None = None
    escort: re.Pattern[str] | None = None
    list_tail: re.Pattern[str] | None = None
    co_acts: tuple[str, ...] = ()  # triggers of the co_act_rules: after a pair trigger, co-actors
    signature: dict = field(default_factory=dict)  # [signature]: notices closed by their issuer
    units: dict = field(default_factory=dict)  # [units]: ranks of a force and unit names NER may miss


SHAPES = ("svo", "at", "agent", "pair", "venue", "frame", "reported", "relative")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels of objects a headline names in short (国家主席令, 全国政协十四届常委会第二次会议).
SHORTENED = frozenset({"EVENT", "LAW"})
REFERENCE_KINDS = ("last_person", "group_person", "officials", "place", "home", "last_event", "last_named", "issuer", "here", "members")


@lru_cache(maxsize=1)
def load_config() -> Config:
    raw = load_toml("extract/relations.toml")
    lists = raw.get("triggers", {})
    rules = []
    for r in raw["rules"]:
        if r["shape"] not in SHAPES:
            raise ValueError(f"relations.toml: rule {r['name']}: unknown shape {r['shape']!r}")
        # A rule names one of the [triggers] lists (one list per kind of act) or lists its own.
        triggers = lists[r["triggers"]] if isinstance(r["triggers"], str) else r["triggers"]
        triggers = list(triggers) + list(r.get("implied_objects", {}))
        triggers = sorted(triggers, key=len, reverse=True)
        rules.append(
            Rule(
                name=r["name"],
                predicate=r["predicate"],
                shape=r["shape"],
                triggers=tuple(triggers),
                subject=frozenset(r["subject"]),
                object=frozenset(r["object"]),
                max_gap=r.get("max_gap", 3),
                object_fallback=r.get("object_fallback"),
                confidence=r.get("confidence", 0.7),
                phrase_suffixes=tuple(r.get("object_phrase", {}).get("suffixes", ())),
                phrase_label=r.get("object_phrase", {}).get("label", ""),
                phrase_min=r.get("object_phrase", {}).get("min_chars", 4),
                phrase_bare=tuple(r.get("object_phrase", {}).get("bare", ())),
                bare_subject=frozenset(r.get("object_phrase", {}).get("bare_subject", ())),
                trigger_re=re.compile("|".join(map(re.escape, triggers))),
                markers=tuple(r.get("markers", ())),
                name_event=r.get("name_event", False),
                object_heads=tuple(r.get("object_heads", ())),
                subject_heads=tuple(r.get("subject_heads", ())),
                topic_subject=r.get("topic_subject", False),
                implied=dict(r.get("implied_objects", {})),
                intent_words=tuple(r.get("intent_words", ())),
                inverse=r.get("inverse", False),
            )
        )
    refs = []
    for ref in load_toml("extract/references.toml")["refs"]:
        if ref["kind"] not in REFERENCE_KINDS:
            raise ValueError(f"references.toml: unknown kind {ref['kind']!r}")
        words = sorted(ref.get("words", ()), key=len, reverse=True)
        pattern = ref.get("pattern") or "|".join(map(re.escape, words))
        refs.append(Reference(ref["kind"], re.compile(pattern), ref.get("refers_to"), ref.get("any_head", False), ref.get("label", "")))
    from kg.schema import SCHEMA

    for rule in rules:
        SCHEMA.predicate(rule.predicate)  # a typo in the data file fails here
    chains = raw["title_chains"]
    return Config(
        rules=tuple(rules),
        joiners=tuple(sorted(raw["joiners"], key=len, reverse=True)),
        place_list_joiners=frozenset(raw["place_list_joiners"]),
        gap_words=tuple(sorted(raw["gap_words"], key=len, reverse=True)),
        clause_ends=frozenset(raw["clause_ends"]),
        agent_markers=tuple(raw["agent_markers"]),
        at_markers=tuple(raw["at_markers"]),
        pair_joiners=tuple(raw["pair_joiners"]),
        subject_reach=raw["subject_reach"],
        serial_clauses=raw.get("serial_clauses", 2),
        locatives=tuple(raw["locatives"]),
        phrase_stops=tuple(raw["phrase_stops"]),
        refs=tuple(refs),
        title_tags=frozenset(chains["tags"]),
        chain_separators=tuple(chains["separators"]),
        chain_reach=chains["reach"],
        modifier_labels=frozenset(chains["modifier_labels"]),
        clause_lead_tags=frozenset(chains["clause_lead_tags"]),
        event_ordinal=re.compile(raw["events"]["ordinal"]),
        event_count=re.compile(raw["events"]["count"]),
        opened_verbs=tuple(raw["events"].get("opened", {}).get("verbs", ())),
        opened_suffixes=_opened_suffixes(rules, raw["events"].get("opened", {}).get("suffixes_of")),
        frame_reach=raw["frame_reach"],
        pair_reach=raw["pair_reach"],
        plan_markers=tuple(sorted(raw["topic"]["plan_markers"], key=len, reverse=True)),
        topic_lead_tags=frozenset(raw["topic"]["lead_tags"]),
        topic_words=tuple(raw["topic"]["dateline_words"]),
        topic_references=tuple(raw["topic"].get("references", ())),
        plan_confidence=float(raw["topic"].get("plan_confidence", 0.6)),
        plan_not_after=tuple(raw["topic"].get("plan_not_after", ())),
        speakers=_speakers_config(raw["speakers"]),
        proxy_verbs=tuple(raw["proxy_verbs"]),
        pair_verbs=frozenset(raw["pair_verbs"]),
        pair_prepositions=tuple(raw.get("pair_prepositions", ())),
        pair_list_tail=re.compile(raw["pair_list_tail"]) if "pair_list_tail" in raw else None,
        team_words=re.compile("|".join(map(re.escape, sorted(raw["teams"]["words"], key=len, reverse=True)))),
        team_led=re.compile("(?:{})的$".format("|".join(map(re.escape, raw["teams"]["led_by"])))),
        verb_tags=frozenset(raw["verb_tags"]),
        light_verbs=frozenset(raw["light_verbs"]),
        supersedes=dict(raw["supersedes"]),
        nested=tuple((frozenset(n["outer"]), dict(n["inner"]), tuple(n.get("between", ()))) for n in raw["nested"]),
        nested_confidence=raw["nested_confidence"],
        body_term=re.compile(raw["bodies"]["term"]),
        subordinate_ends=tuple(raw["subordinate_ends"]),
        person_heads=tuple(raw["person_heads"]),
        kin_heads=tuple(raw.get("kin_heads", ())),
        convene=tuple(raw["events"]["convene"]),
        frame_closers=tuple(raw["frame_closers"]),
        shared_ordinal=re.compile(raw["lists"]["shared_ordinal"]),
        shared_list=re.compile("(?:{o}{sep})+{o}(?P<head>\\w+)".format(o=raw["lists"]["shared_ordinal"], sep=raw["lists"]["separator"])),
        continuations=tuple(raw["continuations"]),
        escort=re.compile(raw["escort"]) if raw.get("escort") else None,
        list_tail=re.compile(raw["list_tail"]) if raw.get("list_tail") else None,
        co_acts=_co_acts(rules, raw.get("co_act_rules", ())),
        signature=_signature_config(raw.get("signature", {})),
        units=_units_config(raw.get("units", {})),
        head_families={k: tuple(v) for k, v in load_toml("extract/references.toml")["head_families"].items()},
    )


@lru_cache(maxsize=8)
def _opened_pattern(verbs: tuple[str, ...], clause_ends: frozenset[str]) -> re.Pattern[str]:
    """One of ``[events] opened`` verbs right before a clause end (…招聘活动全面启动。), compiled
    once rather than for every sentence."""
    alternatives = "|".join(map(re.escape, sorted(verbs, key=len, reverse=True)))
    ends = "".join(map(re.escape, sorted(clause_ends)))
    return re.compile(f"({alternatives})(?=[{ends}]|$)")


def _co_acts(rules: Sequence[Rule], names: Sequence[str]) -> tuple[str, ...]:
    """The triggers of the rules named in ``co_act_rules``, longest first; a name that is no
    rule's fails here."""
    by_name = {r.name: r for r in rules}
    missing = [n for n in names if n not in by_name]
    if missing:
        raise ValueError(f"relations.toml: co_act_rules: no rule named {missing}")
    return tuple(sorted({w for n in names for w in by_name[n].triggers}, key=len, reverse=True))


def _opened_suffixes(rules: Sequence[Rule], name: str | None) -> tuple[str, ...]:
    """The ``object_phrase`` suffixes of the rule ``[events] opened`` names, longest first."""
    if name is None:
        return ()
    rule = next((r for r in rules if r.name == name), None)
    if rule is None:
        raise ValueError(f"relations.toml: [events] opened: no rule named {name!r}")
    return tuple(sorted(rule.phrase_suffixes, key=len, reverse=True))


def _units_config(raw: dict) -> dict:
    """``[units]`` of relations.toml, its name patterns compiled as one; empty when absent."""
    if not raw:
        return {}
    return {"ranks": tuple(raw["ranks"]), "names": re.compile("|".join(f"(?:{p})" for p in raw["names"])),
            "confidence": float(raw["confidence"])}


def _signature_config(raw: dict) -> dict:
    """``[signature]`` of relations.toml, its date pattern compiled; empty when absent."""
    if not raw:
        return {}
    return {"heads": tuple(raw["heads"]), "date": re.compile(raw["date"]), "labels": frozenset(raw["labels"]),
            "confidence": float(raw["confidence"])}


def _speakers_config(raw: dict) -> dict:
    """``[speakers]`` of relations.toml with its patterns compiled; ``said`` matches what
    follows a listed speaker's name: a title of at most ``title_reach`` characters, a verb."""
    verbs = "|".join(map(re.escape, sorted(raw["verbs"], key=len, reverse=True)))
    return {
        "opener": re.compile(raw["opener"]),
        "said": re.compile(f"[^，。；：]{{0,{int(raw['title_reach'])}}}?(?:{verbs})"),
        # a sentence opening with a name NER missed, its title and the verb (南存辉常委建议)
        "unnamed": re.compile(f"[^，。；：\\s]{{2,{int(raw['title_reach']) + 8}}}?(?:{verbs})"),
        "lead": int(raw["lead"]),
        "wait": int(raw["wait"]),
        "confidence": float(raw["confidence"]),
    }


def _strip_words(text: str, words: Sequence[str]) -> str:
    """Remove leading filler words: ``"先后来到"`` -> ``"来到"`` when 先后 is filler."""
    changed = True
    while changed and text:
        changed = False
        for w in words:
            if text.startswith(w):
                text = text[len(w) :]
                changed = True
    return text


class ArticleClaims:
    """Claims of one article: keeps the context references need (people named so far …)."""

    def __init__(self, article: Article, officials: Iterable[Mention] = (), config: Config | None = None) -> None:
        self.article = article
        self.cfg = config or load_config()
        self.officials = sorted(officials, key=lambda m: m.start)
        self.people: list[Mention] = []  # PERSON mentions so far
        self.places: list[Mention] = []  # GPE mentions so far
        self.events: list[Mention] = []  # EVENT mentions so far
        self.unnamed: set[tuple[int, int]] = set()  # spans of meetings convened but not named
        self.issuers: dict[str, list[Mention]] = {}  # document name -> who issued it, so far
        self.speaking: Mention | None = None  # the event of an open list of speakers
        self.speakers_seen = 0  # speakers of that list so far
        self.speaking_wait = 0  # sentences that may still come before its first speaker
        self.named: list[Mention] = []  # ORG and PROJECT mentions so far
        self.previous_items: list[Item] = []
        self.previous_sent: Sentence | None = None
        self._current: list[Mention] = []  # entities of the sentence being read
        self.projects: list[tuple[Mention, Sentence]] = []  # PROJECT mentions of the body, so far

    # -- references ---------------------------------------------------------------------
    def _reference_items(self, sent: Sentence) -> list[Item]:
        items = []
        for ref in self.cfg.refs:
            for m in ref.pattern.finditer(sent.text):
                start, end = sent.start + m.start(), sent.start + m.end()
                if ref.kind != "members" and (sent.ent_at(start) or sent.ent_at(end - 1)):
                    continue
                mentions = self._resolve_reference(sent, ref, m, start, end)
                if mentions:
                    label = mentions[0].label if ref.kind != "place" else "GPE"
                    items.append(Item(start, end, label, tuple(mentions)))
        return items

    def _resolve_reference(self, sent: Sentence, ref: Reference, match: re.Match, start: int, end: int) -> list[Mention]:
        kind, target, word = ref.kind, ref.refers_to, match.group()
        before = [p for p in self.people + self._current if p.label == "PERSON" and p.end <= start]
        if kind == "last_event":  # 本次对接会 / 出席会议 -> the last event named …对接会 / …会议
            head = match.groupdict().get("head") or ""
            if not ref.any_head and self._convened(sent, start):
                named = self._headline_event(head, start)
                if named is not None:  # headline 中共中央举行纪念陈云同志诞辰120周年座谈会, body 举行座谈会
                    return [Mention(word, "EVENT", self.article.id, start, end, sent.start, sent.end, named.refers_to or named.text)]
                # 我市立即召开会议: a new meeting, named nowhere; it is what later bare words
                # (副市长李永强出席) stand for, so they are dropped with it.
                new = Mention(word, "EVENT", self.article.id, start, end, sent.start, sent.end)
                self.unnamed.add((start, end))
                self.events.append(new)
                return [new]
            pool = [e for e in self.events + self._current if e.label == "EVENT" and e.end <= start
                    and (not self.generic_event(e.text) or (e.start, e.end) in self.unnamed)]
            last_new = max((k for k, e in enumerate(pool) if (e.start, e.end) in self.unnamed), default=None)
            if last_new is not None:
                if (start, end) == (pool[last_new].start, pool[last_new].end):
                    return [pool[last_new]]
                pool = pool[last_new + 1 :] or pool[last_new:]
                if (pool[0].start, pool[0].end) in self.unnamed:
                    return []
            if not ref.any_head:
                heads = self.cfg.head_families.get(head, (head,))
                pool = [e for e in pool if (e.refers_to or e.text).endswith(heads)]
            body = [e for e in pool if e.start >= self.article.body_start]
            if start >= self.article.body_start and body:
                pool = body  # the body names its meeting in full; the headline in short
            return [Mention(word, "EVENT", self.article.id, start, end, sent.start, sent.end, e.refers_to or e.text) for e in pool[:1]]
        if kind == "last_named":  # 该局 -> the last body named …局; 该项目 -> the last project
            head = match.groupdict().get("head") or ""
            named = [m for m in self.named + self._current if m.label == ref.label and m.end <= start and (m.refers_to or m.text).endswith(head)]
            return [Mention(word, ref.label, self.article.id, start, end, sent.start, sent.end, m.refers_to or m.text) for m in named[-1:]]
        if kind == "here":  # 习近平来到这里 -> the place the sentence before describes: named last
            # there, and not where something else lies (位于西城区北草厂胡同的…街区)
            prev = self.previous_sent
            places = [m for i in self.previous_items if i.label in PLACE_LABELS and not i.modifier
                      and prev is not None and not self._after_locative(prev, self.previous_items, i) for m in i.mentions]
            return [Mention(word, p.label, self.article.id, start, end, sent.start, sent.end, p.refers_to or p.text) for p in places[-1:]]
        if kind == "issuer":  # 第四十一号主席令说… -> whoever issued 第四十一号主席令 before
            return self.issuers.get(word, [])[-1:]
        if kind == "members":  # 由唐道光、丁鹏宇等组成的参赛团队 -> the persons it is made of
            return [p for p in self._current if p.label == "PERSON" and start <= p.start and p.end <= end]
        if kind == "last_person":
            return before[-1:]
        if kind == "group_person":
            return [p for p in before if p.end == start][-1:]
        if kind == "officials":
            return [m for m in self._distinct(o for o in self.officials if o.end <= start)]
        if kind == "home":
            return [Mention(word, "GPE", self.article.id, start, end, sent.start, sent.end, target)]
        if kind == "place":
            level = word[1:]  # 该区 -> 区, 全县 -> 县
            place = self.article.dateline_place
            if place and place.endswith(level):
                return [Mention(word, "GPE", self.article.id, start, end, sent.start, sent.end, place)]
            earlier = [p for p in self.places if p.end <= start and p.text.endswith(level)]
            return earlier[-1:]
        raise AssertionError(kind)  # load_config checked the kinds

    def _headline_event(self, head: str, start: int) -> Mention | None:
        """The event the headline names with the head of a meeting word that the body convenes
        (headline 中共中央举行纪念陈云同志诞辰120周年座谈会, body 中共中央…举行座谈会: the same
        meeting), while the body has named none of that head before; else None."""
        body = self.article.body_start
        heads = self.cfg.head_families.get(head, (head,))
        if start < body or not head:
            return None
        same = [e for e in self.events if (e.refers_to or e.text).endswith(heads) and (e.start, e.end) not in self.unnamed]
        if not same or any(e.start >= body for e in same):
            return None
        return same[-1]

    def _convened(self, sent: Sentence, start: int) -> bool:
        """Is the word at ``start`` the object of a verb that convenes a new meeting (召开会议,
        举行会议: ``[events] convene``), filler words aside?"""
        return self._before_fillers(sent, start).endswith(self.cfg.convene)

    def _before_fillers(self, sent: Sentence, pos: int) -> str:
        """The sentence up to ``pos`` without the filler words (``gap_words``) that end it."""
        before = sent.slice(sent.start, pos)
        for w in self.cfg.gap_words:
            before = before.removesuffix(w)
        return before

    def generic_event(self, text: str) -> bool:
        """Is ``text`` a bare meeting word that stands for a named event (会议, 表彰大会, 本次
        对接会)? The ``last_event`` patterns of references.toml, matched whole."""
        return any(r.kind == "last_event" and r.pattern.fullmatch(text) for r in self.cfg.refs)

    @staticmethod
    def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
        seen: dict[str, Mention] = {}
        for m in mentions:
            seen.setdefault(m.text, m)
        return list(seen.values())

    # -- items --------------------------------------------------------------------------
    def _items(self, sent: Sentence) -> list[Item]:
        aid = self.article.id
        ents = [self._with_term(sent, Item(e.start, e.end, e.label, (sent.mention(e, aid),))) for e in sent.ents]
        ents = self._named_events(sent, self._event_phrases(sent, [self._uncounted(sent, i) for i in ents]))
        self._current = [i.mentions[0] for i in ents]
        items = []
        for item in ents:
            m = item.mentions[0]
            if item.label == "EVENT" and not m.refers_to and self.generic_event(m.text):
                # 出席表彰大会 where NER tagged the bare word: the event it stands for, if named
                # before; else the word stays and the graph drops the claim as junk.
                ref = next(r for r in self.cfg.refs if r.kind == "last_event" and r.pattern.fullmatch(m.text))
                found = self._resolve_reference(sent, ref, ref.pattern.fullmatch(m.text), m.start, m.end)
                item = Item(item.start, item.end, item.label, tuple(found) or item.mentions)
            items.append(item)
        items += self._teams(sent, items)
        items += self._reference_items(sent)
        items.sort(key=lambda i: (i.start, -i.end))
        # Drop items nested in another (a reference inside an entity was already skipped).
        out: list[Item] = []
        for item in items:
            if out and item.start < out[-1].end:
                continue
            out.append(item)
        return self._mark_modifiers(sent, out)

    def _teams(self, sent: Sentence, items: list[Item]) -> list[Item]:
        """Teams named after the body that leads them (``[teams]``): 国家发改委调研组 (the body right
        before the team word: one ORG over both) and 由国家发改委牵头的调研组 (the team word stands
        for 国家发改委调研组). Named teams are bodies (gold conventions); a team word with no body
        stays a reference to the officials named before (巡视领导, 督导组)."""
        out = []
        for m in self.cfg.team_words.finditer(sent.text):
            start, end = sent.start + m.start(), sent.start + m.end()
            if sent.ent_at(start) or sent.ent_at(end - 1):
                continue
            body = next((i for i in items if i.label == "ORG" and i.end == start), None)
            if body is not None:
                old = body.mentions[0]
                name = (old.refers_to or old.text) + m.group()
                mention = Mention(sent.slice(body.start, end), "ORG", self.article.id, body.start, end, sent.start, sent.end,
                                  None if not old.refers_to else name)
                out.append(Item(body.start, end, "ORG", (mention,)))
                continue
            led = self.cfg.team_led.search(sent.slice(sent.start, start))
            body = next((i for i in items if i.label == "ORG" and led and i.end == sent.start + led.start()), None)
            if body is not None:
                name = (body.mentions[0].refers_to or body.mentions[0].text) + m.group()
                mention = Mention(m.group(), "ORG", self.article.id, start, end, sent.start, sent.end, name)
                out.append(Item(start, end, "ORG", (mention,)))
        return out

    def _uncounted(self, sent: Sentence, item: Item) -> Item:
        """An event written with how often it is held, as the object of a verb (召开两次经济形势
        座谈会, 安排了6场新闻发布会: ``[events] count``), stands for its name without the count.
        Right after a body or term the number is an ordinal (十四届全国人大一次会议, 中央纪委三次全会)
        and stays."""
        m = item.mentions[0]
        count = self.cfg.event_count.match(m.text) if item.label == "EVENT" and not m.refers_to else None
        if count is None:
            return item
        end = sent.start + len(self._before_fillers(sent, item.start))
        if not any(t.end == end and t.tag in self.cfg.verb_tags for t in sent.tokens):
            return item
        name = m.text[count.end() :]
        if not name or self.generic_event(name):
            return item
        return Item(item.start, item.end, item.label, (replace(m, refers_to=name),))

    def _event_phrases(self, sent: Sentence, ents: list[Item]) -> list[Item]:
        """Events NER did not tag, named by the clause after a rule's trigger when it ends like
        one (举行第十一讲专题讲座: ``object_phrase`` with label EVENT): an ordinal name, or one of
        at least ``min_chars`` characters that is no bare meeting word. They are items like
        NER's, so that later sentences refer to them (赵乐际委员长主持。); names inside one
        (全国工商联 of 各民主党派中央、全国工商联负责人和无党派人士代表座谈会) are part of it."""
        out = list(ents)
        for rule in self.cfg.rules:
            if rule.phrase_label != "EVENT":
                continue
            for t in self._triggers(sent, rule, out):
                if self._object_after(sent, out, t[1], rule.object, rule.max_gap):
                    continue
                found = self._phrase_after(sent, out, t[1], rule) if rule.shape != "agent" else self._noun_after_relative(sent, out, t[1], rule)
                for item in found:
                    inside = [i for i in out if item.start <= i.start and i.end <= item.end]
                    if not any(i.start < item.end and item.start < i.end for i in out if i not in inside):
                        out = [i for i in out if i not in inside] + [item]
        for item in self._opened_events(sent, out):
            inside = [i for i in out if item.start <= i.start and i.end <= item.end]
            out = [i for i in out if i not in inside] + [item]
        return sorted(out, key=lambda i: i.start)

    def _opened_events(self, sent: Sentence, items: Sequence[Item]) -> Iterator[Item]:
        """Events NER did not tag, named as what opens or is held (山西省…线上招聘活动全面启动。:
        ``[events] opened``): a clause made of a name that ends like an event, adverbs, then one
        of the verbs and the clause end. Dates and numbers may open the clause; the name has at
        least the ``min_chars`` of the suffixes' rule, no 的, and no name but bodies and places
        in it. Later sentences refer to it (此次线上招聘活动由…联合举办)."""
        if not self.cfg.opened_verbs:
            return
        for m in _opened_pattern(self.cfg.opened_verbs, self.cfg.clause_ends).finditer(sent.text):
            verb = sent.start + m.start()
            clause_start = verb - len(self._clause_tail(sent.slice(sent.start, verb)))
            toks = [t for t in sent.tokens if clause_start <= t.start and t.end <= verb]
            while toks and toks[-1].tag in self.cfg.topic_lead_tags and toks[-1].tag not in ("TIME", "m", "w"):
                toks.pop()  # 全面, 正式, 隆重: adverbs before the verb
            while toks and toks[0].tag in self.cfg.clause_lead_tags:
                toks.pop(0)  # 5月24日，…: the date that opens the clause
            if not toks:
                continue
            start, end = toks[0].start, toks[-1].end
            phrase = sent.slice(start, end)
            if not phrase.endswith(self.cfg.opened_suffixes) or len(phrase) < 6 or "的" in phrase:
                continue
            if phrase.startswith(self.cfg.phrase_stops) or self.generic_event(phrase) or any(c in self.cfg.clause_ends for c in phrase):
                continue
            if any(start < i.end and i.start < end and (i.label not in ("ORG", "GPE", "DATE") or i.end > end or i.start < start) for i in items):
                continue  # a named event, person or document already, or a name across the edge
            mention = Mention(phrase, "EVENT", self.article.id, start, end, sent.start, sent.end)
            yield Item(start, end, "EVENT", (mention,))

    def _with_term(self, sent: Sentence, item: Item) -> Item:
        """A body written with its term (十四届全国人大常委会, 第十四届全国政协): the term is part of
        the name that the relation names (``[bodies] term``)."""
        if item.label != "ORG":
            return item
        m = self.cfg.body_term.search(sent.slice(max(sent.start, item.start - 8), item.start))
        if m is None or any(i.start < item.start < i.end for i in sent.ents):
            return item
        start = item.start - len(m.group())
        old = item.mentions[0]
        mention = Mention(sent.slice(start, item.end), "ORG", old.article_id, start, item.end, old.sent_start, old.sent_end, old.refers_to)
        return Item(start, item.end, "ORG", (mention,))

    def _named_events(self, sent: Sentence, ents: list[Item]) -> list[Item]:
        """An ordinal event named by its body (市政府第四十五次常务会议, 国务院召开第二次廉政工作
        会议): one event whose name is the body's as written + the event's (``refers_to``).

        The body is an ORG right before the event, or before a ``hold`` trigger
        (召开/举行) right before it, in the same clause."""
        hold = self._hold_words
        out = list(ents)
        for k, item in enumerate(ents):
            m = item.mentions[0]
            if item.label != "EVENT" or not self.cfg.event_ordinal.match(m.text) or k == 0:
                continue
            body = ents[k - 1]
            gap = sent.slice(body.end, item.start)
            if body.label != "ORG" or any(c in self.cfg.clause_ends for c in gap):
                continue
            gap = _strip_words(gap, self.cfg.gap_words)
            if gap and not any(gap.endswith(w) and len(gap) <= len(w) + 4 for w in hold):
                continue
            name = body.mentions[0].text + m.text
            out[k] = Item(item.start, item.end, "EVENT", (Mention(m.text, "EVENT", m.article_id, m.start, m.end, m.sent_start, m.sent_end, name),))
        return out

    @property
    def _hold_words(self) -> tuple[str, ...]:
        return tuple(w for r in self.cfg.rules if r.name_event for w in r.triggers)

    # -- title chains ---------------------------------------------------------------------
    def _title_chain(self, sent: Sentence, start: int, end: int) -> bool:
        """Is the text between two offsets a chain of titles and their bodies (副总理,
        国务院副总理, 中央纪委书记、国家监委主任)? Every token is a noun or a name (``title_chains.tags``)
        or a chain separator, and the last one is no separator."""
        if not 0 < end - start <= self.cfg.chain_reach:
            return False
        toks = [t for t in sent.tokens if start <= t.start and t.end <= end]
        if not toks or toks[0].start != start or toks[-1].end != end:
            return False
        if any(a.end != b.start for a, b in zip(toks, toks[1:])):
            return False
        words = [(sent.slice(t.start, t.end), t.tag) for t in toks]
        if words[-1][0] in self.cfg.chain_separators:
            return False
        return all(tag in self.cfg.title_tags or w in self.cfg.chain_separators for w, tag in words)

    def _mark_modifiers(self, sent: Sentence, items: list[Item]) -> list[Item]:
        """Mark the bodies of titles (中国 of 中国国家主席胡锦涛, 国务院 of 国务院总理李强): the
        items followed by a title chain that ends at a person."""
        out = list(items)
        for j, item in enumerate(items):
            if item.label not in self.cfg.modifier_labels:
                continue
            person = next((i for i in items[j + 1 :] if i.label == "PERSON"), None)
            if person is not None and self._title_chain(sent, item.end, person.start):
                out[j] = Item(item.start, item.end, item.label, item.mentions, modifier=True)
        return out

    def _persons_joined(self, sent: Sentence, items: Sequence[Item], a: int, b: int) -> bool:
        """Are persons ``items[a]`` and ``items[b]`` one coordinated group? A joiner between them,
        optionally followed by the second one's title chain (何立峰、张国清，国务委员王小洪). Across a
        comma, the first one's own title chain must open its clause, so that an object of an
        earlier verb (会见了美国总统拜登，国务委员王毅…) is not taken along."""
        gap = sent.slice(items[a].end, items[b].start)
        joiner = next((j for j in self.cfg.joiners if gap.startswith(j)), None)
        if joiner is None:
            return False
        rest = items[a].end + len(joiner)
        if rest != items[b].start and not self._title_chain(sent, rest, items[b].start):
            return False
        if joiner in self.cfg.clause_ends:
            return self._opens_clause(sent, items, a)
        return True

    def _opens_clause(self, sent: Sentence, items: Sequence[Item], a: int) -> bool:
        """Does person ``items[a]`` (with the persons coordinated before it) stand first in its
        clause, after nothing but dates and its title chain?"""
        first = a
        while first > 0 and items[first - 1].label == "PERSON" and sent.slice(items[first - 1].end, items[first].start) in self.cfg.joiners:
            first -= 1
        start = items[first].start
        clause_start = start - len(self._clause_tail(sent.slice(sent.start, start)))
        lead = [t for t in sent.tokens if clause_start <= t.start and t.end <= start]
        while lead and lead[0].tag in self.cfg.clause_lead_tags:
            lead.pop(0)
        return not lead or self._title_chain(sent, lead[0].start, start)

    def _triggers(self, sent: Sentence, rule: Rule, items: Sequence[Item]) -> Iterator[tuple[int, int]]:
        # A trigger must line up with the segmentation on at least one side (先后来到 is often
        # cut 先|后来|到, so 来到 ends on a boundary without starting on one); a one-character
        # trigger on both.
        starts: set[int] | None = None  # the token bounds, built on the first match only
        for m in rule.trigger_re.finditer(sent.text):
            start, end = sent.start + m.start(), sent.start + m.end()
            if any(i.start <= start < i.end for i in items):
                continue
            if starts is None:
                starts, ends = {t.start for t in sent.tokens}, {t.end for t in sent.tokens}
            if starts and start not in starts and end not in ends:
                continue
            if starts and end - start == 1 and not (start in starts and end in ends):
                continue  # 赴 of 赴任 (take office) is no visit
            yield start, end

    def _clause_text(self, sent: Sentence, start: int, end: int) -> str | None:
        """Text between two offsets, or None if a clause ends in between."""
        text = sent.slice(start, end)
        return None if any(c in self.cfg.clause_ends for c in text) else text

    def _group_back(self, sent: Sentence, items: Sequence[Item], last: int, labels: frozenset[str]) -> list[Item]:
        """The item at index ``last`` and the coordinated ones before it. Persons are joined
        across their title chains (王刚、李明; 国务院副总理何立峰、张国清，国务委员王小洪), the
        bodies of those titles skipped."""
        group = [items[last]]
        first = last
        for j in range(last - 1, -1, -1):
            if items[last].label == "PERSON":
                if items[j].modifier:
                    continue
                if items[j].label == "PERSON" and self._persons_joined(sent, items, j, first):
                    group.insert(0, items[j])
                    first = j
                    continue
                break
            gap = sent.slice(items[j].end, group[0].start).strip()
            if items[j].label in labels and gap in self.cfg.joiners and not items[j].modifier:
                group.insert(0, items[j])
            else:
                break
        return group

    def _group_forward(self, sent: Sentence, items: Sequence[Item], first: int, labels: frozenset[str]) -> list[Item]:
        """The item at index ``first`` and the coordinated ones after it; a place or project
        written right after a place (西藏日喀则, 定日县长所乡, 综改区山西合成生物产业生态园:
        ``[[nested]]``) is one more."""
        group = [items[first]]
        j = first + 1
        while j < len(items):
            gap = sent.slice(group[-1].end, items[j].start).strip()
            nested_place = not gap and group[-1].label in PLACE_LABELS and any(
                group[-1].label in outer and items[j].label in inner for outer, inner, _ in self.cfg.nested)
            if items[j].label in labels and not items[j].modifier and (nested_place or (gap in self.cfg.joiners and gap not in self.cfg.clause_ends)):
                group.append(items[j])
            elif gap in self.cfg.joiners and gap not in self.cfg.clause_ends and (k := self._place_qualified(sent, items, j, labels)):
                group.append(items[k])  # 出席了A和中国、巴西…“金砖四国”领导人会晤: the places qualify the next one
                j = k
            else:
                break
            j += 1
        return group

    def _place_qualified(self, sent: Sentence, items: Sequence[Item], j: int, labels: frozenset[str]) -> int | None:
        """The index of an item of ``labels`` that a run of places starting at ``j`` qualifies
        (中国、巴西、俄罗斯、印度“金砖四国”领导人会晤), written right after the last place; else None."""
        if labels & PLACE_LABELS or items[j].label not in PLACE_LABELS:
            return None
        k = j
        while k + 1 < len(items) and items[k + 1].label in PLACE_LABELS and sent.slice(items[k].end, items[k + 1].start) in self.cfg.place_list_joiners:
            k += 1
        if k + 1 < len(items) and items[k + 1].label in labels and not items[k + 1].modifier and not sent.slice(items[k].end, items[k + 1].start).strip("“”「」\"'"):
            return k + 1
        return None

    def _subject_before(self, sent: Sentence, items: Sequence[Item], pos: int, labels: frozenset[str]) -> list[Item]:
        """The nearest subject group before ``pos``, if it is close enough to be the subject:
        in the trigger's clause or the one before it (副市长李永强和…负责人一起,赴迎泽区), and
        at most ``subject_reach`` characters away — a name deep in an earlier clause is a
        topic of its own (…习近平总书记赋予山西…使命的良苦用心,坚持…). The body of a title
        (国务院 of 国务院总理李强主持…) is never the subject. Who accompanies the subject
        (习近平在江苏省委书记信长星和省长许昆林陪同下，先后来到苏州: ``escort``) is not: the
        subject is the one before that phrase."""
        escort = self._escort_before(sent, pos)
        if escort is not None:
            return self._subject_before(sent, items, escort, labels)
        led = self._list_led_by(sent, items, pos) if "PERSON" in labels else None
        if led is not None:
            return self._group_back(sent, items, led, labels)
        idx = [k for k, i in enumerate(items) if i.end <= pos and i.label in labels and not i.modifier]
        # 在北京人民大会堂举行…: 北京 is where, not who; the actor is named right before the
        # 在-phrase (十四届全国人大常委会28日下午在北京…举行), with no verb of its own between
        # (胡锦涛前往出席在叶卡捷琳堡举行的会议 is no host).
        while idx and self._proxied(sent, items[idx[-1]]):
            idx.pop()  # 崔世安代表特首何厚铧到四川: who goes is the one before 代表
        where = None
        while idx and self._after_locative(sent, items, items[idx[-1]]):
            where = items[idx.pop()]
        if not idx or (where is not None and self._has_verb(sent, items[idx[-1]].end, where.start)):
            return []
        if any(i.modifier for i in items[idx[-1] + 1 :] if i.end <= pos):
            return []  # 国务院总理李强召开…: the actor is the person, not a body before him
        gap = sent.slice(items[idx[-1]].end, pos)
        if items[idx[-1]].label != "PERSON" and any(h in self._clause_tail(gap) for h in self.cfg.person_heads):
            return []  # 市委宣传部等相关部门负责人参加: the people of the body act, unnamed
        if items[idx[-1]].label == "PERSON" and any(h in self._clause_tail(gap) for h in self.cfg.kin_heads):
            return []  # 陈云同志亲属…等参加座谈会: the person's relatives act, not the person
        breaks = [i for i, c in enumerate(gap) if c in self.cfg.clause_ends]
        # A name counts as one word however long it is written (…前往出席在叶卡捷琳堡举行的上海合作
        # 组织成员国元首理事会第九次会议，并对俄罗斯…进行国事访问: the event name is no distance).
        names = sum(i.end - i.start - 1 for i in items if items[idx[-1]].end <= i.start and i.end <= pos)
        if len(gap) - names > self.cfg.subject_reach or len(breaks) > 1 and not self._serial(sent, items[idx[-1]], gap, breaks):
            return []
        if breaks:
            # Across a comma the subject carries on only into a clause that has no verb of its
            # own before the trigger (支持中方举办… is 中方's act), and not out of a time clause
            # (梅德韦杰夫就任俄罗斯总统后，…元首…访问).
            cut = items[idx[-1]].end + breaks[-1]
            if self._has_verb(sent, cut + 1, pos) or gap[: breaks[0]].endswith(self.cfg.subordinate_ends):
                return []
            # …，宣布辞去澳门社会文化司司长一职，参加…: a body after a verb of its own clause is
            # that verb's object, not who acts in the next clause (a person may follow a title
            # LAC tags as a verb: 特别代表…王岐山).
            # (由国家发改委牵头的调研组: a verb of a relative clause before its noun is no such verb)
            head = self._clause_tail(sent.slice(sent.start, items[idx[-1]].start))
            if items[idx[-1]].label != "PERSON" and "的" not in head and self._has_verb(sent, items[idx[-1]].start - len(head), items[idx[-1]].start):
                # …the person who acts in both clauses may be named further back (崔世安…，宣布辞去…一职，参加…)
                persons = labels & {"PERSON"}
                return self._subject_before(sent, items, pos, frozenset(persons)) if persons and persons != labels else []
        return self._without_elided_places(sent, self._group_back(sent, items, idx[-1], labels))

    def _list_led_by(self, sent: Sentence, items: Sequence[Item], pos: int) -> int | None:
        """The index of the last person of a list that unnamed others close before ``pos``
        (蔡奇、丁薛祥，以及来自亚洲各地的领导人和贵宾等出席: ``list_tail``), or None. The
        persons open their clause: an object of an earlier verb (表彰了王刚，以及…) leads nothing."""
        if self.cfg.list_tail is None:
            return None
        for k in range(len(items) - 1, -1, -1):
            item = items[k]
            if item.end > pos or item.label != "PERSON" or item.modifier:
                continue
            if self.cfg.list_tail.fullmatch(sent.slice(item.end, pos)) and self._opens_clause(sent, items, k):
                return k
            return None  # only the nearest person may lead the list, and its group opens its clause
        return None

    def _escort_before(self, sent: Sentence, pos: int) -> int | None:
        """Where a phrase naming who accompanies the subject (在…陪同下, ``escort``) starts,
        when it ends right before ``pos`` (filler words and one comma aside); else None."""
        if self.cfg.escort is None:
            return None
        before = sent.slice(sent.start, pos)
        for m in self.cfg.escort.finditer(before):
            rest = before[m.end() :]
            if len(_strip_words(rest, self.cfg.gap_words)) == 0:
                return sent.start + m.start()
        return None

    def _serial(self, sent: Sentence, item: Item, gap: str, breaks: list[int]) -> bool:
        """Does a person carry on as the subject through the clauses of ``gap`` (the text from
        ``item`` to the trigger, clause ends at ``breaks``)? Each clause between is one more act
        of the same person, opening with its verb (崔世安步入会场，宣布辞去…一职，参加…选举), none of
        them a time clause; at most ``serial_clauses`` clauses between."""
        if item.label != "PERSON" or len(breaks) - 1 > self.cfg.serial_clauses:
            return False
        for a, b in zip(breaks, breaks[1:]):
            if gap[:b].endswith(self.cfg.subordinate_ends) or gap[: a].endswith(self.cfg.subordinate_ends):
                return False
            start = item.end + a + 1
            lead = [t for t in sent.tokens if start <= t.start and t.end <= item.end + b]
            while lead and lead[0].tag in self.cfg.topic_lead_tags:
                lead.pop(0)
            if not lead or lead[0].tag not in self.cfg.verb_tags:
                return False
        return True

    def _without_elided_places(self, sent: Sentence, group: list[Item]) -> list[Item]:
        """Places coordinated right before a body are the places of that body, not bodies of
        their own (湖北、山西、安徽、江西中部四省知识产权局 is one office of four provinces): drop the
        places of a run that a body closes."""
        out: list[Item] = []
        run: list[Item] = []
        for item in group:
            if item.label in PLACE_LABELS:
                run.append(item)
                continue
            joined = run and all(sent.slice(a.end, b.start) in self.cfg.joiners for a, b in zip(run, run[1:] + [item]))
            if not (item.label == "ORG" and joined):
                out += run
            run = []
            out.append(item)
        return out + run

    def _proxied(self, sent: Sentence, item: Item) -> bool:
        """Is ``item`` the one on whose behalf someone acts (代表特首何厚铧, ``proxy_verbs``): the
        verb (a verb token not right after a noun: 群众代表 is a title) right before it, or
        before its title chain, in its clause?"""
        before = self._clause_tail(sent.slice(sent.start, item.start))
        for w in self.cfg.proxy_verbs:
            at = before.rfind(w)
            if at < 0:
                continue
            verb_at = item.start - len(before) + at
            after = verb_at + len(w)
            if not any(t.start == verb_at and t.end == after and t.tag in self.cfg.verb_tags for t in sent.tokens):
                continue
            if any(t.end == verb_at and t.tag in self.cfg.title_tags for t in sent.tokens):
                continue  # 群众代表谷祥峰: after a noun, 代表 is a title
            if after == item.start or self._title_chain(sent, after, item.start):
                return True
        return False

    def _clause_tail(self, text: str) -> str:
        """The part of ``text`` after its last clause end (all of it if there is none)."""
        cut = max((i + 1 for i, c in enumerate(text) if c in self.cfg.clause_ends), default=0)
        return text[cut:]

    def _after_locative(self, sent: Sentence, items: Sequence[Item], item: Item) -> bool:
        """Is ``item`` the place of a 在/于… phrase (在俄罗斯叶卡捷琳堡, 在苏丹首都喀土穆)? Places
        and up to three other characters may stand between the preposition and the item."""
        before = sent.slice(sent.start, item.start)
        clause_start = max((i for i, c in enumerate(before) if c in self.cfg.clause_ends), default=-1) + 1
        at = max((before.rfind(w) + len(w) for w in self.cfg.locatives if before.rfind(w) >= clause_start), default=-1)
        if at < 0:
            return False
        between = sent.start + at
        places = sum(i.end - i.start for i in items if between <= i.start and i.end <= item.start and i.label in PLACE_LABELS)
        return item.start - between - places <= 3

    def _object_after(self, sent: Sentence, items: Sequence[Item], pos: int, labels: frozenset[str], max_gap: int) -> list[Item]:
        """The group of ``labels`` items starting at most ``max_gap`` characters (filler words
        aside) after ``pos``, in the same clause, with no verb in between (深入贯彻党中央…
        is no visit). A place named through another (美国首都华盛顿) is the one after; names
        inside a relative clause with a verb of its own are what the clause says of the object
        (来到位于阳泉市狮脑山的百团大战纪念碑广场: the square is visited, not the city)."""
        inside = self._verb_relative_end(sent, pos)
        for k, item in enumerate(items):
            if item.start < pos or item.modifier or item.end <= inside:
                continue
            gap = self._clause_text(sent, pos, item.start)
            if gap is None:
                return []
            stripped = _strip_words(gap.strip(), self.cfg.gap_words)
            relative = self._relative_clause(stripped)  # 出席即将于27日…在这里举行的首轮…对话
            if len(stripped) > max_gap and not relative:
                return []
            if not relative and self._has_verb(sent, item.start - len(stripped), item.start):
                return []
            if item.label in labels:
                while k + 1 < len(items) and items[k + 1].label in labels and self._apposition(sent, items[k], items[k + 1]):
                    k += 1
                return self._group_forward(sent, items, k, labels)
        return []

    def _verb_relative_end(self, sent: Sentence, pos: int) -> int:
        """Where a relative clause that opens with a verb at ``pos`` (filler words aside) ends,
        after its 的 (位于阳泉市狮脑山的); ``pos`` if none opens there (人民大会堂北大厅同出席
        会议的代表: a name first, then what is done there)."""
        rest = sent.slice(pos, sent.end)
        body = _strip_words(rest, self.cfg.gap_words)
        at = body.find("的")
        if at < 0 or not self._relative_clause(body[: at + 1]):
            return pos
        start = pos + len(rest) - len(body)
        opens = sent.token_starting_at(start)
        return start + at + 1 if opens is not None and opens.tag in self.cfg.verb_tags and sent.ent_at(start) is None else pos

    def _has_verb(self, sent: Sentence, start: int, end: int, also_light: frozenset[str] = frozenset()) -> bool:
        """Does a verb token lie inside ``[start, end)``, other than a light verb (开始, 继续 …,
        and ``also_light``) or a word of a name (连通 of 晋阳湖水系连通一期工程)?"""
        return any(
            t.tag in self.cfg.verb_tags
            and start <= t.start
            and t.end <= end
            and sent.slice(t.start, t.end) not in self.cfg.light_verbs
            and sent.slice(t.start, t.end) not in also_light
            and sent.ent_at(t.start) is None
            for t in sent.tokens
        )

    def _relative_clause(self, text: str) -> bool:
        """Is ``text`` a relative clause before its noun (…在这里举行的, 受灾最重的)?"""
        return text.rstrip("“「《").endswith("的") and len(text) <= self.cfg.frame_reach and not any(c in self.cfg.clause_ends for c in text)

    def _apposition(self, sent: Sentence, a: Item, b: Item) -> bool:
        """``b`` names what ``a`` only qualifies: 美国首都华盛顿 (a noun between two places)."""
        gap = sent.slice(a.end, b.start)
        return bool(gap) and len(gap) <= 4 and self._title_chain(sent, a.end, b.start) and a.label in PLACE_LABELS and b.label in PLACE_LABELS

    def _phrase_after(self, sent: Sentence, items: Sequence[Item], pos: int, rule: Rule) -> list[Item]:
        """An unnamed object: the rest of the clause when it ends like one (…路线图, …行动方案).

        ``发布了不锈钢低碳冶金技术路线图`` names a document without 《》; NER has no entity for it.
        """
        rest = sent.slice(pos, sent.end)
        cut = min((i for i, ch in enumerate(rest) if ch in self.cfg.clause_ends), default=len(rest))
        clause = rest[:cut]
        body = _strip_words(clause.lstrip(), self.cfg.gap_words)  # a suffix of clause
        phrase = body.rstrip()
        start = pos + len(clause) - len(body)
        if phrase in rule.phrase_bare:  # 市医保局发布消息: the bare word is the document
            mention = Mention(phrase, rule.phrase_label, self.article.id, start, start + len(phrase), sent.start, sent.end)
            return [Item(mention.start, mention.end, rule.phrase_label, (mention,))]
        if not (min(4, rule.phrase_min) <= len(phrase) <= 40 and phrase.endswith(rule.phrase_suffixes)):
            return []
        shared = self._shared_head(sent, phrase, start, rule)
        if shared:
            return shared
        if rule.phrase_label != "EVENT" and any(t.start == start and t.tag in self.cfg.verb_tags for t in sent.tokens):
            return []  # 制定实施了一揽子化债方案: a verb phrase, not a document's title
        if rule.phrase_label == "EVENT" and (self.generic_event(phrase) or not (self.cfg.event_ordinal.match(phrase) or len(phrase) >= rule.phrase_min)):
            return []  # 召开常务会议, 举行专题讲座: no name
        stops = "的等" if rule.phrase_label == "EVENT" else "、的等"  # 各民主党派中央、全国工商联负责人…座谈会 is one meeting
        if phrase.startswith(self.cfg.phrase_stops) or any(c in phrase for c in stops):
            return []  # 的迪斯尼乐园扩建计划, 司法解释、加强案例指导…: not one title
        titled = start + 1 if phrase.startswith("《") else None  # 开展《民法典》知识竞赛: what it is about
        if any(start <= i.start < start + len(phrase) for i in items if i.label not in ("ORG", "GPE")
               and not (i.start == titled and sent.slice(i.end, i.end + 1) == "》")):
            return []  # a named entity inside: the clause is not one name
        mention = Mention(phrase, rule.phrase_label, self.article.id, start, start + len(phrase), sent.start, sent.end)
        return [Item(mention.start, mention.end, rule.phrase_label, (mention,))]

    def _noun_after_relative(self, sent: Sentence, items: Sequence[Item], pos: int, rule: Rule) -> list[Item]:
        """The noun of an agent rule's relative clause (由 before it), named like an event but not
        tagged (由…主办，…承办的“技能圆梦想”就业专项活动近期将…): after the trigger and 的, the shortest
        name that ends with one of the rule's ``object_phrase`` suffixes and is no noun's
        modifier (no noun word right after it), of at least ``min_chars`` characters, with no
        other clause, 的, or named entity but a body or place in it."""
        rest = _strip_words(sent.slice(pos, sent.end), self.cfg.gap_words)
        if not rest.startswith("的") or not rule.phrase_suffixes:
            return []
        if not any(m in sent.slice(sent.start, pos) for m in self.cfg.agent_markers):
            return []  # 该中心首次主办的大型对外活动: no 由, a description of the body's deeds
        start = sent.end - len(rest) + 1
        clause = sent.slice(start, sent.end)
        clause = clause[: min((i for i, ch in enumerate(clause) if ch in self.cfg.clause_ends), default=len(clause))]
        ends = {t.end: t for t in sent.tokens}
        for m in re.finditer("|".join(map(re.escape, rule.phrase_suffixes)), clause):
            end = start + m.end()
            following = sent.token_starting_at(end)
            if end not in ends or (following is not None and following.tag in self.cfg.title_tags):
                continue  # …活动方案, 大赛组委会: the word qualifies a noun after it
            phrase = clause[: m.end()]
            if len(phrase) < rule.phrase_min or "的" in phrase or phrase.startswith(self.cfg.phrase_stops) or self.generic_event(phrase):
                return []
            if any(start <= i.start < end for i in items if i.label not in ("ORG", "GPE")):
                return []
            mention = Mention(phrase, rule.phrase_label, self.article.id, start, end, sent.start, sent.end)
            return [Item(start, end, rule.phrase_label, (mention,))]
        return []

    def _shared_head(self, sent: Sentence, phrase: str, start: int, rule: Rule) -> list[Item]:
        """Ordinals that share one head (第四十一号、第四十二号主席令): one object per ordinal.
        The last one is written whole; each one before is its ordinal as written, standing for
        the ordinal with the head (``refers_to`` 第四十一号主席令). Ordinals and separator:
        ``[lists]``."""
        m = self.cfg.shared_list.fullmatch(phrase)
        if m is None:
            return []
        head_at = start + m.start("head")
        out = []
        for o in self.cfg.shared_ordinal.finditer(phrase, 0, m.start("head")):
            a, b = start + o.start(), start + o.end()
            last = b == head_at
            text = sent.slice(a, b + len(m.group("head")) if last else b)
            refers = None if last else o.group() + m.group("head")
            mention = Mention(text, rule.phrase_label, self.article.id, a, a + len(text), sent.start, sent.end, refers)
            out.append(Item(mention.start, mention.end, rule.phrase_label, (mention,)))
        return out

    # -- shapes -------------------------------------------------------------------------
    def _svo(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        if rule.intent_words:
            clause = t[0] - len(self._clause_tail(sent.slice(sent.start, t[0])))
            if any(clause <= k.start and k.end <= t[0] and sent.slice(k.start, k.end) in rule.intent_words
                   and sent.ent_at(k.start) is None for k in sent.tokens):
                return  # 该区正在谋划启动…工程: a word of intent in the clause; a plan, not yet the act
        subjects = self._subject_before(sent, items, t[0], rule.subject)
        if not subjects:
            subjects = self._host_before(sent, items, t, rule)
        if not subjects and rule.topic_subject:
            subjects = self._topic(sent, items, t[0])
        if not subjects:
            return
        if sent.slice(t[1], sent.end).startswith("的") and self._clause_text(sent, subjects[-1].end, t[0]) is None:
            return  # …进行协调，为年底召开的…会议: a relative clause has its subject inside it
        objects = self._object_after(sent, items, t[1], rule.object, rule.max_gap)
        implied = rule.implied.get(sent.slice(*t))
        if implied:  # 访华: the word names the place (its last character) as well as the act
            m = Mention(sent.slice(t[1] - 1, t[1]), "GPE", self.article.id, t[1] - 1, t[1], sent.start, sent.end, implied)
            objects = [Item(m.start, m.end, "GPE", (m,))]
        if not objects and rule.phrase_suffixes:
            objects = self._phrase_after(sent, items, t[1], rule)
            if objects and objects[0].mentions[0].text in rule.phrase_bare:
                if not any(i.label in rule.bare_subject for i in subjects):
                    return  # a body's notice, not a message a person posts in a chat
        topic = not any(i is subjects[0] for i in items)  # the article's district, not written here
        if not objects and rule.object_fallback == "previous" and not topic:
            rest = _strip_words(sent.slice(t[1], sent.end).strip(), self.cfg.gap_words)
            first = next(k for k, i in enumerate(items) if i is subjects[0])
            ends = not rest or rest[0] in self.cfg.clause_ends or rest.startswith(self.cfg.continuations)
            if ends and self._opens_clause(sent, items, first):
                # The subject opens its clause (副市长李永强出席。, 赵乐际委员长主持。); not a name
                # inside a phrase (以…中国特色…思想为指导，).
                # …召开会议。副市长李永强出席。: the event named before the subject; one named
                # between subject and trigger is what the trigger is said of (纪念朱光亚同志诞辰…
                # 座谈会在京举行), not the subject's object.
                pool = [i for i in list(self.previous_items) + list(items) if i.end <= subjects[0].start and i.label in rule.object]
                objects = pool[-1:]
                if not objects and self.events:
                    # …。国际儒学联合会会长孙春兰主持。 after a sentence that names no event: the
                    # article's event, the first one it names (in its headline).
                    first = self.events[0]
                    objects = [Item(first.start, first.end, first.label, (first,))]
        if objects and self._framed(sent, subjects[-1].end, t[0], objects[-1].end):
            return  # 孙波在北京召开的“…论坛”上说: where 孙波 speaks, not what he holds
        if objects and sent.slice(objects[-1].end, sent.end).lstrip("”」》\"'").startswith("的"):
            # A relative clause: 会见正在莫斯科出席…会议的中国国务委员戴秉国 — whoever attends is
            # named after 的, not before the verb.
            after = [i for i in items if i.start > objects[-1].end and i.label in rule.subject and not i.modifier]
            near = after[:1] if after and self._clause_text(sent, objects[-1].end, after[0].start) is not None else []
            subjects = near if near and after[0].start - objects[-1].end <= self.cfg.subject_reach else []
        if objects and subjects:
            yield subjects, objects

    def _host_before(self, sent: Sentence, items: Sequence[Item], t: tuple[int, int], rule: Rule) -> list[Item]:
        """在美国国务院7月24日举行的例行新闻发布会上: a body (not a place) right after 在, with
        only a time between it and a trigger that opens a relative clause (…举行的X), is the host
        of X. A place there is where (在北京举行的…), a person there never stands."""
        if not sent.slice(t[1], sent.end).startswith("的"):
            return []
        before = [i for i in items if i.end <= t[0] and not i.modifier]
        if not before or before[-1].label not in rule.subject or before[-1].label in PLACE_LABELS | {"PERSON"}:
            return []
        host = before[-1]
        if not sent.slice(sent.start, host.start).endswith(tuple(self.cfg.at_markers)):
            return []
        if not _TIME_GAP.fullmatch(sent.slice(host.end, t[0])):
            return []
        return [host]

    def _framed(self, sent: Sentence, subject_end: int, trigger: int, object_end: int) -> bool:
        """Is the object the close of a 在…上 phrase that opens between the subject and the
        trigger (在北京召开的论坛上)? Then it says where the subject is (``at_markers`` …
        ``frame_closers``)."""
        between = self._clause_text(sent, subject_end, trigger)
        after = sent.slice(object_end, sent.end).lstrip("”」》")
        return between is not None and any(m in between for m in self.cfg.at_markers) and after.startswith(self.cfg.frame_closers)

    def _topic(self, sent: Sentence, items: Sequence[Item], pos: int) -> list[Item]:
        """The district an article is about (its dateline place written before ``[topic]
        dateline_words``: 晋源区消息, 综改区传来消息), as the subject of a clause
        that has none of its own: a plan list (一是继续实施…工程；二是…) or a clause opening
        with the act. Only when nothing but adverbs and plan markers stands before the trigger
        in its clause."""
        place = self.article.dateline_place
        if not place or not any(place + w in self.article.text for w in self.cfg.topic_words):
            return []  # 新华网北京…电: where the report was filed, not what it is about
        clause_start = pos - len(self._clause_tail(sent.slice(sent.start, pos)))
        lead = _strip_words(sent.slice(clause_start, pos).strip(), self.cfg.plan_markers)
        if any(clause_start <= i.start < pos for i in items):
            return []
        if any(t.tag not in self.cfg.topic_lead_tags for t in sent.tokens if pos - len(lead) <= t.start and t.end <= pos):
            return []
        m = Mention(place, "GPE", self.article.id, clause_start, clause_start, sent.start, sent.end, place)
        return [Item(clause_start, clause_start, "GPE", (m,))]

    def _venue(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        """在叶卡捷琳堡举行上合组织峰会 / 大赛决赛在武汉落幕: the event (subject) is located
        at the place written after 在 in the trigger's clause."""
        before = [i for i in items if i.end <= t[0] and i.label in rule.object]
        if not before or self._clause_text(sent, before[-1].end, t[0]) is None:
            return
        place = before[-1]
        if not sent.slice(sent.start, place.start).endswith(self.cfg.at_markers):
            return
        events = self._object_after(sent, items, t[1], rule.subject, rule.max_gap)
        if not events:  # the event written before 在: 大赛决赛在武汉落幕
            events = [i for i in items if i.end <= place.start and i.label in rule.subject][-1:]
            if events and self._clause_text(sent, events[0].end, place.start) is None:
                events = []
        if events:
            yield events, [place]

    def _frame(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        """Subject, a marker, the object, then the trigger: 温家宝在山东调研 / 李强在会上强调 (在…上)
        / 对俄罗斯进行国事访问. A relative clause may stand between the marker and the object
        (在北京召开的“…论坛”上)."""
        before = [k for k, i in enumerate(items) if i.end <= t[0] and not i.modifier]
        if not before or items[before[-1]].label not in rule.object:
            return
        last = items[before[-1]]
        gap = self._clause_text(sent, last.end, t[0])
        if gap is None or len(_strip_words(gap.strip(" ”」"), self.cfg.gap_words)) > rule.max_gap:
            return
        objects = self._group_back(sent, items, before[-1], rule.object)
        head = sent.slice(sent.start, objects[0].start)
        at = max((head.rfind(w) for w in rule.markers), default=-1)
        if at < 0:
            return
        between = head[at + 1 :]
        if any(c in self.cfg.clause_ends for c in between):
            return
        if between.strip("“「《") and not self._relative_clause(between):
            return
        marker = sent.start + at
        if any(marker < i.start and i.end <= objects[0].start and i.label in rule.subject and not i.modifier for i in items):
            return  # 在张三家中… : the subject is not inside the relative clause
        subjects = self._subject_before(sent, items, marker, rule.subject)
        if subjects:
            yield subjects, objects

    def _at(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        subjects = self._subject_before(sent, items, t[0], rule.subject)
        if not subjects:
            return
        for k, item in enumerate(items):
            if item.end > subjects[0].start:
                break
            before = sent.slice(sent.start, item.start)
            if item.label in rule.object and before.endswith(self.cfg.at_markers):
                if rule.markers and not sent.slice(item.end, sent.end).startswith(rule.markers):
                    return  # 在会议完成…后 is a time, not 在会议上
                between = [i for i in items if item.end <= i.start < subjects[0].start and i.label in rule.subject]
                if between or self._has_verb(sent, item.end, subjects[0].start):
                    return  # 陈文清在座谈会上缅怀了任建新…: 任建新 is what a verb is said of
                # 在小店区北格镇: the place written last is the most specific one.
                while k + 1 < len(items) and items[k + 1].start == item.end and items[k + 1].label in rule.object:
                    k, item = k + 1, items[k + 1]
                yield subjects, [item]
                return

    def _agent(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        text_before = sent.slice(sent.start, t[0])
        marker_at = max((text_before.rfind(m) for m in self.cfg.agent_markers), default=-1)
        if marker_at < 0:
            return
        marker = sent.start + marker_at
        subjects = [i for i in items if marker < i.start and i.end <= t[0] and i.label in rule.subject and not i.modifier]
        subjects = self._without_elided_places(sent, subjects)
        if not subjects:
            return
        after = _strip_words(sent.slice(t[1], sent.end), self.cfg.gap_words)
        if after.startswith("的"):
            objects = self._object_after(sent, items, t[1], rule.object, rule.max_gap + 1)  # 的
        else:
            # X由Y承建: X before 由; with object_fallback "previous", X may be the topic of the
            # sentence before (…EPC项目封顶。研究院位于…，由山西建投潇河公司EPC总包。)
            pool = list(self.previous_items) if rule.object_fallback == "previous" else []
            # …研究院位于综改区山西合成生物产业生态园,…由…总包: what 位于 names is where, not the object.
            here = [i for i in items if i.end <= marker and not self._after_locative(sent, items, i)]
            before = [i for i in pool + here if i.label in rule.object]
            objects = before[-1:]
        if objects:
            yield subjects, objects

    def _pair(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        labels = rule.subject | rule.object
        # The body of a title is no side (中国总理温家宝…与格林纳达总理托马斯举行会谈).
        idx = [k for k, i in enumerate(items) if i.end <= t[0] and i.label in labels and not i.modifier]
        if not idx:
            return
        if _strip_words(sent.slice(t[1], sent.end), self.cfg.gap_words).startswith(self.cfg.co_acts):
            return  # A、B和C联合举办: co-hosts of what they hold together, not partners
        b = items[idx[-1]]
        gap = self._clause_text(sent, b.end, t[0])
        tail = self.cfg.pair_list_tail.match(gap) if gap is not None and self.cfg.pair_list_tail else None
        tail_end = b.end + (tail.end() if tail else 0)  # 与A、B等国际组织开展合作: 组织 is the list's head, no verb
        if gap is None or len(gap) > self.cfg.pair_reach or self._has_verb(sent, tail_end, t[0], self.cfg.pair_verbs):
            return  # A与B就…项目进行签约: the sides, then what they sign about; 这与B致力于…合作 is no pair
        if len(idx) > 1 and sent.slice(items[idx[-2]].end, b.start).strip() in self.cfg.pair_joiners:
            # 山大社区党支部和山大离退休人员党支部联合… ; A、B和C联合举办: every two of them.
            group = self._group_back(sent, items, idx[-2], labels) + [b]
            split = self._preposition_split(sent, group)
            if split:  # 北京大学与清华大学和复旦大学合作: 北京大学 with each, not the partners together
                yield from (([left], [right]) for left in group[:split] for right in group[split:])
                return
            for i, left in enumerate(group):
                for right in group[i + 1 :]:
                    yield [left], [right]
            return
        others = self._group_back(sent, items, idx[-1], labels)  # 与A、B签约: each of them
        split = self._preposition_split(sent, others)
        if split:  # A与B、C合作: A is one side, B and C each the other
            yield from (([left], [right]) for left in others[:split] for right in others[split:])
            return
        before_a = sent.slice(sent.start, others[0].start).rstrip()
        if before_a.endswith(self.cfg.pair_joiners):
            # 与X合作 with the subject written earlier in the sentence: take the nearest one.
            first = items.index(others[0])
            subj = [i for i in items[:first] if i.label in labels and not i.modifier]
            # A与B…，与C合作: B is A's partner, A the subject that carries on (not B).
            while len(subj) > 1 and sent.slice(subj[-2].end, subj[-1].start).strip() in self.cfg.pair_joiners:
                subj.pop()
            if not subj and not self._has_verb(sent, sent.start, others[0].start):
                subj = self._carried_subject(labels)  # …农业银行…；与邮储银行继续保持协同: no subject here
            if not subj and rule.topic_subject:
                subj = self._topic_partner(sent, items, sent.start + len(before_a))
            for other in others if subj else ():
                yield [subj[-1]], [other]

    def _preposition_split(self, sent: Sentence, group: Sequence[Item]) -> int:
        """Where the partners start in a group joined across a preposition of a pair
        (``pair_prepositions``: 省科协与省农科院、山西大学 -> 1), or 0 when none joins it."""
        for k in range(len(group) - 1, 0, -1):
            if sent.slice(group[k - 1].end, group[k].start).strip() in self.cfg.pair_prepositions:
                return k
        return 0

    def _topic_partner(self, sent: Sentence, items: Sequence[Item], joiner_end: int) -> list[Item]:
        """The article's district as the side of a pair whose clause names none (晋源区消息…
        提升健康保障水平,加强与省儿童医院交流合作): the clause holds nothing before 与 but the
        verbs a cooperation may take (``pair_verbs``) and adverbs."""
        at = joiner_end - 1  # the joiner (与) is one character
        clause_start = at - len(self._clause_tail(sent.slice(sent.start, at)))
        lead = [t for t in sent.tokens if clause_start <= t.start and t.end <= at]
        if any(t.tag not in self.cfg.topic_lead_tags and sent.slice(t.start, t.end) not in self.cfg.pair_verbs for t in lead):
            return []
        return self._topic(sent, items, clause_start)

    def _carried_subject(self, labels: frozenset[str]) -> list[Item]:
        """The subject of the sentence before, for a sentence that has none and opens with its
        act (其中，山西农担与农业银行发生业务…；与邮储银行继续保持协同力度): the first item of
        ``labels`` there, with no other item and no verb before it."""
        prev = self.previous_sent
        if prev is None or not self.previous_items:
            return []
        first = self.previous_items[0]
        if first.label not in labels or first.modifier or self._has_verb(prev, prev.start, first.start):
            return []
        return [first]

    def _reported(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        """What a document says was done (第四十一号主席令说，《…法》已由…通过，现予公布): the
        subject opens the sentence, followed by a word of saying (``markers``) and a clause end;
        the object is the first one of its labels after that, before the trigger."""
        subjects = [i for i in items if i.label in rule.subject and i.end <= t[0]][:1]
        if not subjects or subjects[0].start - sent.start > 2:
            return
        rest = sent.slice(subjects[0].end, t[0])
        said = next((m for m in rule.markers if rest.startswith(m)), None)
        if said is None or rest[len(said) : len(said) + 1] not in self.cfg.clause_ends:
            return
        opened = subjects[0].end + len(said) + 1
        objects = [i for i in items if opened <= i.start and i.end <= t[0] and i.label in rule.object][:1]
        if objects and self._clause_text(sent, opened, objects[0].start) is not None:
            yield subjects, objects

    def _relative(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        """A relative clause before its noun: the trigger, the object, 的, then the subject
        (位于阳泉市狮脑山的百团大战纪念碑广场: the square is located on the mountain). Only quote
        marks may stand between 的 and the subject."""
        objects = self._object_after(sent, items, t[1], rule.object, rule.max_gap)
        if not objects:
            return
        rest = sent.slice(objects[-1].end, sent.end).lstrip("”」\"")
        if not rest.startswith("的"):
            return
        at = sent.end - len(rest) + 1
        at += len(rest[1:]) - len(rest[1:].lstrip("“「\""))
        subject = next((k for k, i in enumerate(items) if i.start == at and i.label in rule.subject and not i.modifier), None)
        if subject is not None:
            yield self._group_forward(sent, items, subject, rule.subject), objects

    def _speakers(self, sent: Sentence, items: Sequence[Item]) -> Iterator[Claim]:
        """Speakers listed after the meeting (13位常委围绕…作大会发言。宁吉喆常委建议，…。郑永飞常委
        提出，…): a sentence that says a number of people spoke (``[speakers] opener``) opens a
        list at the event it names (else the article's first event); each next sentence that
        opens with a person, a title of at most ``title_reach`` characters and a word of saying
        (``verbs``) names one who attended it. The first sentence that does not closes the list,
        except for up to ``wait`` sentences before its first speaker (…王沪宁出席。)."""
        cfg = self.cfg.speakers
        if self.speaking is not None:
            first = next((i for i in items if not i.modifier), None)
            rest = sent.slice(first.end, sent.end) if first is not None else ""
            opens = first is not None and first.label == "PERSON" and first.start - sent.start <= cfg["lead"]
            if opens and cfg["said"].match(rest):
                for m in first.mentions:
                    yield Claim(m, "attended", self.speaking, sent.evidence(self.article.id, "attended/speakers"),
                                (("date", self.article.date),) if self.article.date else (), cfg["confidence"])
                self.speakers_seen += 1
                return
            unnamed = cfg["unnamed"].match(sent.text)
            if unnamed and not any(i.start < sent.start + unnamed.end() and i.label != "PERSON" for i in items):
                return  # 南存辉常委建议，… where NER found no name (会议指出 is no one): the list goes on
            if self.speakers_seen or self.speaking_wait <= 0:
                self.speaking = None
            self.speaking_wait -= 1
        if cfg["opener"].search(sent.text):
            named = [m for i in items if i.label == "EVENT" for m in i.mentions if (m.start, m.end) not in self.unnamed]
            named = [m for m in named if m.refers_to or not self.generic_event(m.text)]
            pool = named[-1:] or [e for e in self.events if not self.generic_event(e.text)][:1]
            if pool:
                self.speaking, self.speakers_seen, self.speaking_wait = pool[0], 0, cfg["wait"]

    def _nested(self, sent: Sentence, items: Sequence[Item]) -> Iterator[Claim]:
        """A name written right after another lies in it or belongs to it (``[[nested]]``): a
        place in a place (定日县长所乡, 西城区北草厂胡同 → partOf; 北京中山公园 → locatedIn), a
        project after a place, its name in quotes or not (浙江“千万工程”), a person right after
        a body, with no title between (国家发改委能源研究所康艳兵 → memberOf). A person whose
        post the article states at that mention is no member by this rule: the post says more."""
        for a, b in zip(items, items[1:]):
            for outer, inner, between in self.cfg.nested:
                predicate = inner.get(b.label)
                if predicate is None or a.label not in outer or sent.slice(a.end, b.start) not in ("", *between):
                    continue
                if b.label == "PERSON" and any((o.start, o.end) == (b.start, b.end) for o in self.officials):
                    continue
                for inside in b.mentions:
                    for outside in a.mentions:
                        if (inside.refers_to or inside.text) != (outside.refers_to or outside.text):
                            yield Claim(inside, predicate, outside, sent.evidence(self.article.id, f"{predicate}/nested"), (), self.cfg.nested_confidence)

    # -- the plan article -----------------------------------------------------------------
    def _plan_topic(self) -> Mention | None:
        """The district a plan article is about: its dateline topic (2月9日晋源区消息), or the
        place its headline opens with when the body refers to it (阳曲县民生项目… / 该县…)."""
        art = self.article
        place = art.dateline_place
        if place and any(place + w in art.text for w in self.cfg.topic_words):
            return Mention(place, "GPE", art.id, art.body_start, art.body_start, art.body_start, art.body_start, place)
        body = art.text[art.body_start :]
        lead = next((m for m in self.places if m.start == 0 and m.end < art.body_start), None)
        if lead is not None and any(ref in body and ref[-1] == lead.text[-1] for ref in self.cfg.topic_references):
            return lead
        return None

    def plan_claims(self, claims: Sequence[Claim]) -> Iterator[Claim]:
        """The topic of a plan article undertakes the projects its body names that no claim
        gives an undertaker (see ``[topic]`` of relations.toml)."""
        topic = self._plan_topic()
        if topic is None:
            return
        # a project already undertaken, or one named as where something is (…研究院位于综改区
        # 山西合成生物产业生态园: a place of the zone, not a plan item)
        taken = {c.object.refers_to or c.object.text for c in claims if c.predicate in ("undertakes", "locatedIn", "partOf")}
        for mention, sent in self.projects:
            name = mention.refers_to or mention.text
            if name in taken or name == (topic.refers_to or topic.text):
                continue
            clause = self._clause_tail(sent.slice(sent.start, mention.start))
            if any(w in clause for w in self.cfg.plan_not_after):
                continue
            taken.add(name)
            yield Claim(topic, "undertakes", mention, sent.evidence(self.article.id, "undertakes/plan"),
                        (("date", self.article.date),) if self.article.date else (), self.cfg.plan_confidence)

    # -- notices --------------------------------------------------------------------------
    def signature_claims(self, sents: Sequence[Sentence]) -> Iterator[Claim]:
        """A notice closed by its signature (``[signature]``): the headline ends like a notice
        (…活动公告, 公告), the item's last line is a date and the line before it is a body's
        name alone (太原市信访局): that body issued the notice, named by the headline."""
        cfg, art = self.cfg.signature, self.article
        head = (art.headline or "").strip()
        if not cfg or not head.endswith(cfg["heads"]):
            return
        text = art.text.rstrip()
        date_at = text.rfind("\n") + 1
        if date_at <= art.body_start or not cfg["date"].match(text[date_at:].strip()):
            return
        line_at = text.rfind("\n", 0, date_at - 1) + 1
        line = text[line_at : date_at - 1]
        start = line_at + len(line) - len(line.lstrip())
        end = line_at + len(line.rstrip())
        head_at = art.text.find(head, 0, art.body_start)
        if head_at < 0 or start < art.body_start:
            return
        notice = Mention(head, "LAW", art.id, head_at, head_at + len(head), head_at, head_at + len(head))
        for sent in sents:
            for e in sent.ents:
                if (e.start, e.end) == (start, end) and e.label in cfg["labels"]:
                    yield Claim(sent.mention(e, art.id), "issued", notice, sent.evidence(art.id, "issued/signature"),
                                (("date", art.date),) if art.date else (), cfg["confidence"])
                    return

    # -- units of a force -------------------------------------------------------------------
    def unit_claims(self, sents: Sequence[Sentence]) -> Iterator[Claim]:
        """Units of a force and the unit each belongs to (``[units]``): 尖草坪一大队 and 小店二大队
        二中队 of the article's 交警支队 (its name writes 大队: the unit is above that), 122指挥中心
        of the article's top unit. Only when the article names exactly one unit at the rank
        that is the nearest above; a unit whose name starts with another's is that one's
        (``[structure]``, by the graph builder)."""
        cfg, aid = self.cfg.units, self.article.id
        if not cfg:
            return
        ranks = cfg["ranks"]
        found: dict[str, tuple[Mention, Sentence]] = {}
        for sent in sents:
            orgs = [e for e in sent.ents if e.label == "ORG"]
            for e in orgs:
                if e.text.endswith(ranks):
                    found.setdefault(e.text, (sent.mention(e, aid), sent))
            starts = {t.start for t in sent.tokens}
            for m in cfg["names"].finditer(sent.text):
                start, end = sent.start + m.start(), sent.start + m.end()
                if start not in starts or any(e.start < end and start < e.end for e in sent.ents):
                    continue
                found.setdefault(m.group(), (Mention(m.group(), "ORG", aid, start, end, sent.start, sent.end), sent))

        def top(name: str) -> int:  # the highest rank the name writes; an office has none
            return min((k for k, r in enumerate(ranks) if r in name), default=len(ranks))

        for name, (mention, sent) in found.items():
            above = [n for n in found if top(n) < top(name) and not name.startswith(n)]
            if not above:
                continue
            nearest = max(map(top, above)) if top(name) < len(ranks) else min(map(top, above))
            parents = [n for n in above if top(n) == nearest]
            if len(parents) == 1:
                yield Claim(mention, "subOrganizationOf", found[parents[0]][0], sent.evidence(aid, "subOrganizationOf/rank"),
                            (), cfg["confidence"])

    # -- driver -------------------------------------------------------------------------
    def sentence(self, sent: Sentence) -> Iterator[Claim]:
        items = self._items(sent)
        shapes = {"svo": self._svo, "at": self._at, "agent": self._agent, "pair": self._pair, "venue": self._venue, "frame": self._frame,
                  "reported": self._reported, "relative": self._relative}
        seen: set[tuple[int, int, str, int, int]] = set()
        for rule in self.cfg.rules:
            for trigger in self._triggers(sent, rule, items):
                for subjects, objects in shapes[rule.shape](sent, items, rule, trigger):
                    for s in (m for i in subjects for m in i.mentions):
                        for o in (m for i in objects for m in i.mentions):
                            key = (s.start, s.end, rule.predicate, o.start, o.end)
                            if (s.refers_to or s.text) == (o.refers_to or o.text) or key in seen:
                                continue
                            if (s.start, s.end) in self.unnamed or (o.start, o.end) in self.unnamed:
                                continue  # a meeting convened but named nowhere: no node to link
                            if rule.object_heads and not (o.refers_to or o.text).endswith(rule.object_heads):
                                continue
                            if rule.subject_heads and not (s.refers_to or s.text).endswith(rule.subject_heads):
                                continue
                            seen.add(key)
                            if rule.predicate == "issued":
                                self.issuers.setdefault(o.refers_to or o.text, []).append(s)
                            if rule.inverse:
                                s, o = o, s
                            yield Claim(
                                subject=s,
                                predicate=rule.predicate,
                                object=o,
                                evidence=sent.evidence(self.article.id, rule.name),
                                qualifiers=(("date", self.article.date),) if self.article.date else (),
                                confidence=rule.confidence,
                            )
        yield from self._nested(sent, items)
        yield from self._speakers(sent, items)
        for mention in self._current:  # the sentence's entities, events named after their body
            if mention.label == "PERSON":
                self.people.append(mention)
            elif mention.label == "GPE":
                self.places.append(mention)
            elif mention.label == "EVENT" and not self.generic_event(mention.text):
                self.events.append(mention)
            elif mention.label in ("ORG", "PROJECT"):
                self.named.append(mention)
            if mention.label == "PROJECT" and mention.start >= self.article.body_start:
                self.projects.append((mention, sent))
        self.previous_items = items
        self.previous_sent = sent


def extract_claims_from_sentences(
    sents: Sequence[Sentence], article: Article, officials: Iterable[Mention] = ()
) -> Iterator[Claim]:
    """Claims of an article, sentence by sentence. ``officials`` are the people with posts
    (from :mod:`kg.extract.posts`), which group references such as 巡视领导 stand for."""
    state = ArticleClaims(article, officials)
    claims = [c for sent in sents for c in state.sentence(sent)]
    claims += state.plan_claims(claims)
    claims += state.signature_claims(sents)
    claims += state.unit_claims(sents)
    yield from supersede(restated(claims, article.body_start), load_config().supersedes)


def restated(claims: list[Claim], body_start: int) -> list[Claim]:
    """Drop a headline's claim that the body states again, by the same subject and predicate
    (headline 习近平签署国家主席令, body 习近平…签署第四十一号…主席令; headline 王沪宁主持并讲话, body
    王沪宁主持闭幕会): the body names the object in full. Only for objects a headline shortens
    (``SHORTENED``: events and documents); a place the headline names (习近平在江苏考察) stays beside
    the body's cities, and so does a headline claim the body does not restate."""

    def side(m: Mention) -> str:
        return m.refers_to or m.text

    said = {(side(c.subject), c.predicate) for c in claims if c.evidence.start >= body_start}
    return [c for c in claims if c.evidence.start >= body_start or c.object.label not in SHORTENED
            or (side(c.subject), c.predicate) not in said]


def supersede(claims: list[Claim], rules: dict[str, str]) -> list[Claim]:
    """Drop a claim that a stronger one of the same article makes redundant: who presides over
    a meeting organized it, and is not also listed as attending it (``[supersedes]``:
    attended -> organized, from the gold conventions' 主持 → organized)."""

    def side(m: Mention) -> str:
        return m.refers_to or m.text

    strong = {(side(c.subject), c.predicate, side(c.object)) for c in claims}
    return [c for c in claims if (side(c.subject), rules.get(c.predicate), side(c.object)) not in strong]
