"""Relation claims from trigger words, one mechanism driven by ``relations.toml``.

A rule names a predicate, its trigger words, the NER labels allowed on each side and a
*shape* — where the subject and object sit relative to the trigger (see the data file for
the five shapes: ``svo``, ``at``, ``agent``, ``pair``, ``venue``). Subjects written as references (他,
李永强一行, 巡视领导, 该区, 我市) are replaced by what they stand for (see
``references.toml``), so a claim never has a pronoun on either side.

>>> from kg.model import Article
>>> a = Article("t/001", "t.txt", 1, "周计伟赴迎泽区，调研督导工作。")
>>> s = Sentence.from_text(a.text, ents=[("周计伟", "PERSON"), ("迎泽区", "GPE")])
>>> [(c.subject.text, c.predicate, c.object.text) for c in extract_claims_from_sentences([s], a)]
[('周计伟', 'visited', '迎泽区')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.spans import Sentence
from kg.model import Article, Claim, Mention
from kg.resources import load_toml


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
    trigger_re: re.Pattern[str] | None = None  # the triggers as one alternation, longest first


@dataclass(frozen=True, slots=True)
class Item:
    """Something a rule can take as subject or object: an entity or a resolved reference."""

    start: int
    end: int
    label: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    """Words (or a pattern) that stand for something named elsewhere; see references.toml."""

    kind: str
    pattern: re.Pattern[str]
    refers_to: str | None = None


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
    locatives: tuple[str, ...] = ()
    phrase_stops: tuple[str, ...] = ()
    refs: tuple[Reference, ...] = ()


SHAPES = ("svo", "at", "agent", "pair", "venue")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
REFERENCE_KINDS = ("last_person", "group_person", "officials", "place", "home", "last_event")


@lru_cache(maxsize=1)
def load_config() -> Config:
    raw = load_toml("extract/relations.toml")
    rules = []
    for r in raw["rules"]:
        if r["shape"] not in SHAPES:
            raise ValueError(f"relations.toml: rule {r['name']}: unknown shape {r['shape']!r}")
        rules.append(
            Rule(
                name=r["name"],
                predicate=r["predicate"],
                shape=r["shape"],
                triggers=tuple(sorted(r["triggers"], key=len, reverse=True)),
                subject=frozenset(r["subject"]),
                object=frozenset(r["object"]),
                max_gap=r.get("max_gap", 3),
                object_fallback=r.get("object_fallback"),
                confidence=r.get("confidence", 0.7),
                phrase_suffixes=tuple(r.get("object_phrase", {}).get("suffixes", ())),
                phrase_label=r.get("object_phrase", {}).get("label", ""),
                trigger_re=re.compile("|".join(map(re.escape, sorted(r["triggers"], key=len, reverse=True)))),
            )
        )
    refs = []
    for ref in load_toml("extract/references.toml")["refs"]:
        if ref["kind"] not in REFERENCE_KINDS:
            raise ValueError(f"references.toml: unknown kind {ref['kind']!r}")
        words = sorted(ref.get("words", ()), key=len, reverse=True)
        pattern = ref.get("pattern") or "|".join(map(re.escape, words))
        refs.append(Reference(ref["kind"], re.compile(pattern), ref.get("refers_to")))
    from kg.schema import SCHEMA

    for rule in rules:
        SCHEMA.predicate(rule.predicate)  # a typo in the data file fails here
    return Config(
        rules=tuple(rules),
        joiners=tuple(sorted(raw["joiners"], key=len, reverse=True)),
        gap_words=tuple(sorted(raw["gap_words"], key=len, reverse=True)),
        clause_ends=frozenset(raw["clause_ends"]),
        agent_markers=tuple(raw["agent_markers"]),
        at_markers=tuple(raw["at_markers"]),
        pair_joiners=tuple(raw["pair_joiners"]),
        subject_reach=raw["subject_reach"],
        locatives=tuple(raw["locatives"]),
        phrase_stops=tuple(raw["phrase_stops"]),
        refs=tuple(refs),
    )


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
        self.previous_items: list[Item] = []
        self._current: list[Mention] = []  # entities of the sentence being read

    # -- references ---------------------------------------------------------------------
    def _reference_items(self, sent: Sentence) -> list[Item]:
        items = []
        for ref in self.cfg.refs:
            for m in ref.pattern.finditer(sent.text):
                start, end = sent.start + m.start(), sent.start + m.end()
                if sent.ent_at(start) or sent.ent_at(end - 1):
                    continue
                mentions = self._resolve_reference(sent, ref, m, start, end)
                if mentions:
                    label = mentions[0].label if ref.kind != "place" else "GPE"
                    items.append(Item(start, end, label, tuple(mentions)))
        return items

    def _resolve_reference(self, sent: Sentence, ref: Reference, match: re.Match, start: int, end: int) -> list[Mention]:
        kind, target, word = ref.kind, ref.refers_to, match.group()
        before = [p for p in self.people + self._current if p.label == "PERSON" and p.end <= start]
        if kind == "last_event":  # 本次对接会 -> the last event named …对接会
            head = match.group("head")
            return [e for e in self.events + self._current if e.label == "EVENT" and e.end <= start and e.text.endswith(head)][-1:]
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

    @staticmethod
    def _distinct(mentions: Iterable[Mention]) -> list[Mention]:
        seen: dict[str, Mention] = {}
        for m in mentions:
            seen.setdefault(m.text, m)
        return list(seen.values())

    # -- items --------------------------------------------------------------------------
    def _items(self, sent: Sentence) -> list[Item]:
        items = [Item(e.start, e.end, e.label, (sent.mention(e, self.article.id),)) for e in sent.ents]
        items += self._reference_items(sent)
        items.sort(key=lambda i: (i.start, -i.end))
        # Drop items nested in another (a reference inside an entity was already skipped).
        out: list[Item] = []
        for item in items:
            if out and item.start < out[-1].end:
                continue
            out.append(item)
        return out

    def _triggers(self, sent: Sentence, rule: Rule, items: Sequence[Item]) -> Iterator[tuple[int, int]]:
        # A trigger must line up with the segmentation on at least one side (先后来到 is often
        # cut 先|后来|到, so 来到 ends on a boundary without starting on one); a one-character
        # trigger on both.
        starts = {t.start for t in sent.tokens}
        ends = {t.end for t in sent.tokens}
        for m in rule.trigger_re.finditer(sent.text):
            start, end = sent.start + m.start(), sent.start + m.end()
            if any(i.start <= start < i.end for i in items):
                continue
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
        """The item at index ``last`` and the coordinated ones before it."""
        group = [items[last]]
        for j in range(last - 1, -1, -1):
            gap = sent.slice(items[j].end, group[0].start).strip()
            if items[j].label in labels and gap in self.cfg.joiners:
                group.insert(0, items[j])
            else:
                break
        return group

    def _group_forward(self, sent: Sentence, items: Sequence[Item], first: int, labels: frozenset[str]) -> list[Item]:
        group = [items[first]]
        for j in range(first + 1, len(items)):
            gap = sent.slice(group[-1].end, items[j].start).strip()
            if items[j].label in labels and gap in self.cfg.joiners and gap not in self.cfg.clause_ends:
                group.append(items[j])
            else:
                break
        return group

    def _subject_before(self, sent: Sentence, items: Sequence[Item], pos: int, labels: frozenset[str]) -> list[Item]:
        """The nearest subject group before ``pos``, if it is close enough to be the subject:
        in the trigger's clause or the one before it (副市长李永强和…负责人一起,赴迎泽区), and
        at most ``subject_reach`` characters away — a name deep in an earlier clause is a
        topic of its own (…习近平总书记赋予山西…使命的良苦用心,坚持…)."""
        idx = [k for k, i in enumerate(items) if i.end <= pos and i.label in labels]
        if not idx:
            return []
        if self._after_locative(sent, items, items[idx[-1]]):
            return []  # 在北京举行…: 北京 is where, not who
        gap = sent.slice(items[idx[-1]].end, pos)
        if len(gap) > self.cfg.subject_reach or sum(c in self.cfg.clause_ends for c in gap) > 1:
            return []
        return self._group_back(sent, items, idx[-1], labels)

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
        aside) after ``pos``, in the same clause."""
        for k, item in enumerate(items):
            if item.start < pos:
                continue
            gap = self._clause_text(sent, pos, item.start)
            if gap is None:
                return []
            gap = _strip_words(gap.strip(), self.cfg.gap_words)
            if item.label in labels and len(gap) <= max_gap:
                return self._group_forward(sent, items, k, labels)
            if len(gap) > max_gap:
                return []
        return []

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
        if not (4 <= len(phrase) <= 40 and phrase.endswith(rule.phrase_suffixes)):
            return []
        if phrase.startswith(self.cfg.phrase_stops) or any(c in phrase for c in "、的等"):
            return []  # 的迪斯尼乐园扩建计划, 司法解释、加强案例指导…: not one title
        if any(start <= i.start < start + len(phrase) for i in items if i.label not in ("ORG", "GPE")):
            return []  # a named entity inside: the clause is not one name
        mention = Mention(phrase, rule.phrase_label, self.article.id, start, start + len(phrase), sent.start, sent.end)
        return [Item(mention.start, mention.end, rule.phrase_label, (mention,))]

    # -- shapes -------------------------------------------------------------------------
    def _svo(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        subjects = self._subject_before(sent, items, t[0], rule.subject)
        if not subjects:
            return
        objects = self._object_after(sent, items, t[1], rule.object, rule.max_gap)
        if not objects and rule.phrase_suffixes:
            objects = self._phrase_after(sent, items, t[1], rule)
        if not objects and rule.object_fallback == "previous":
            rest = _strip_words(sent.slice(t[1], sent.end).strip(), self.cfg.gap_words)
            if not rest or rest[0] in self.cfg.clause_ends:
                pool = [i for i in list(self.previous_items) + list(items) if i.end <= t[0] and i.label in rule.object]
                objects = pool[-1:]
        if objects and sent.slice(objects[-1].end, sent.end).startswith("的"):
            # A relative clause: 会见正在莫斯科出席…会议的中国国务委员戴秉国 — whoever attends is
            # named after 的, not before the verb.
            after = [i for i in items if i.start > objects[-1].end and i.label in rule.subject]
            near = after[:1] if after and self._clause_text(sent, objects[-1].end, after[0].start) is not None else []
            subjects = near if near and after[0].start - objects[-1].end <= self.cfg.subject_reach else []
        if objects and subjects:
            yield subjects, objects

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

    def _at(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        subjects = self._subject_before(sent, items, t[0], rule.subject)
        if not subjects:
            return
        for k, item in enumerate(items):
            if item.end > subjects[0].start:
                break
            before = sent.slice(sent.start, item.start)
            if item.label in rule.object and before.endswith(self.cfg.at_markers):
                between = [i for i in items if item.end <= i.start < subjects[0].start and i.label in rule.subject]
                if between:
                    return
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
        subjects = [i for i in items if marker < i.start and i.end <= t[0] and i.label in rule.subject]
        if not subjects:
            return
        after = _strip_words(sent.slice(t[1], sent.end), self.cfg.gap_words)
        if after.startswith("的"):
            objects = self._object_after(sent, items, t[1], rule.object, rule.max_gap + 1)  # 的
        else:
            # X由Y承建: X before 由; with object_fallback "previous", X may be the topic of the
            # sentence before (…EPC项目封顶。研究院位于…，由山西建投潇河公司EPC总包。)
            pool = list(self.previous_items) if rule.object_fallback == "previous" else []
            before = [i for i in pool + [i for i in items if i.end <= marker] if i.label in rule.object]
            objects = before[-1:]
        if objects:
            yield subjects, objects

    def _pair(self, sent: Sentence, items: Sequence[Item], rule: Rule, t: tuple[int, int]) -> Iterator[tuple[list[Item], list[Item]]]:
        labels = rule.subject | rule.object
        idx = [k for k, i in enumerate(items) if i.end <= t[0] and i.label in labels]
        if len(idx) < 2:
            return
        b = items[idx[-1]]
        gap = self._clause_text(sent, b.end, t[0])
        if gap is None or len(gap) > 6:
            return
        a_idx = idx[-2]
        a = items[a_idx]
        joiner = sent.slice(a.end, b.start).strip()
        if joiner in self.cfg.pair_joiners:
            # 山大社区党支部和山大离退休人员党支部联合… ; A、B和C联合举办: every two of them.
            group = self._group_back(sent, items, a_idx, labels) + [b]
            for i, left in enumerate(group):
                for right in group[i + 1 :]:
                    yield [left], [right]
            return
        before_a = sent.slice(sent.start, b.start)
        if before_a.rstrip().endswith(self.cfg.pair_joiners):
            # 与X合作 with the subject written earlier in the sentence: take the nearest one.
            subj = [i for i in items[: idx[-1]] if i.label in labels]
            if subj:
                yield [subj[-1]], [b]

    # -- driver -------------------------------------------------------------------------
    def sentence(self, sent: Sentence) -> Iterator[Claim]:
        self._current = [sent.mention(e, self.article.id) for e in sent.ents]
        items = self._items(sent)
        shapes = {"svo": self._svo, "at": self._at, "agent": self._agent, "pair": self._pair, "venue": self._venue}
        seen: set[tuple[int, int, str, int, int]] = set()
        for rule in self.cfg.rules:
            for trigger in self._triggers(sent, rule, items):
                for subjects, objects in shapes[rule.shape](sent, items, rule, trigger):
                    for s in (m for i in subjects for m in i.mentions):
                        for o in (m for i in objects for m in i.mentions):
                            key = (s.start, s.end, rule.predicate, o.start, o.end)
                            if s.text == o.text or key in seen:
                                continue
                            seen.add(key)
                            yield Claim(
                                subject=s,
                                predicate=rule.predicate,
                                object=o,
                                evidence=sent.evidence(self.article.id, rule.name),
                                qualifiers=(("date", self.article.date),) if self.article.date else (),
                                confidence=rule.confidence,
                            )
        for e in sent.ents:
            mention = sent.mention(e, self.article.id)
            if e.label == "PERSON":
                self.people.append(mention)
            elif e.label == "GPE":
                self.places.append(mention)
            elif e.label == "EVENT":
                self.events.append(mention)
        self.previous_items = items


def extract_claims_from_sentences(
    sents: Sequence[Sentence], article: Article, officials: Iterable[Mention] = ()
) -> Iterator[Claim]:
    """Claims of an article, sentence by sentence. ``officials`` are the people with posts
    (from :mod:`kg.extract.posts`), which group references such as 巡视领导 stand for."""
    state = ArticleClaims(article, officials)
    for sent in sents:
        yield from state.sentence(sent)
