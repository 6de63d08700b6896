"""A light, char-offset view of a parsed article, sentence by sentence.

Extraction rules read entities, titles and parts of speech by character offset. Reading them
from this view rather than from spaCy objects keeps the rules short and lets tests build
sentences by hand (``Sentence.from_text``) without running the statistical model.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract.mentions import ELIDED_KEY
from kg.model import Evidence, Mention

#: Labels of doc.ents that name entities (TITLE spans and DATE are kept apart).
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PROJECT", "EVENT", "LAW"})


@dataclass(frozen=True, slots=True)
class Ent:
    """An entity or title span: ``sentence_text[start - sentence.start : end - sentence.start]``."""

    start: int
    end: int
    label: str
    text: str
    refers_to: str | None = None  # 省 of 省、市红十字会 stands for 省红十字会


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    tag: str


@dataclass(slots=True)
class Sentence:
    """One sentence of an article with its entities, titles and tokens (article offsets)."""

    start: int
    end: int
    text: str
    ents: list[Ent] = field(default_factory=list)
    titles: list[Ent] = field(default_factory=list)
    tokens: list[Tok] = field(default_factory=list)

    def slice(self, start: int, end: int) -> str:
        """Text between two article offsets, clipped to this sentence."""
        return self.text[max(start, self.start) - self.start : min(end, self.end) - self.start]

    def ent_at(self, offset: int) -> Ent | None:
        """The entity covering an article offset, if any."""
        for ent in self.ents:
            if ent.start <= offset < ent.end:
                return ent
        return None

    def token_starting_at(self, offset: int) -> Tok | None:
        for tok in self.tokens:
            if tok.start == offset:
                return tok
        return None

    def evidence(self, article_id: str, rule: str) -> Evidence:
        return Evidence(article_id, self.text, self.start, self.end, rule)

    def mention(self, ent: Ent, article_id: str) -> Mention:
        return Mention(ent.text, ent.label, article_id, ent.start, ent.end, self.start, self.end, ent.refers_to)

    @classmethod
    def from_text(
        cls, text: str, ents: Iterable[tuple[str, str]] = (), titles: Iterable[str] = (), offset: int = 0
    ) -> Sentence:
        """Build a sentence by hand for tests: ``ents`` as (surface, label), each at its first
        occurrence after the previous one.

        >>> s = Sentence.from_text("副市长李永强出席", ents=[("李永强", "PERSON")], titles=["副市长"])
        >>> s.ents[0].start, s.titles[0].end
        (3, 3)
        """
        sent = cls(offset, offset + len(text), text)
        for target, items in ((sent.ents, ents), (sent.titles, ((t, "TITLE") for t in titles))):
            cursor = 0
            for surface, label in items:
                i = text.index(surface, cursor)
                target.append(Ent(offset + i, offset + i + len(surface), label, surface))
                cursor = i + len(surface)
            target.sort(key=lambda e: (e.start, e.end))
        return sent


def sentences(doc: Doc) -> list[Sentence]:
    """The sentences of a parsed Doc with its entities, ``titles`` spans and tokens."""
    # Elided names (省 of 省、市红十字会, kb_id 省红十字会) replace the entity they sit in.
    elided = [Ent(e.start_char, e.end_char, e.label_, e.text, e.kb_id_ or None) for e in doc.spans.get(ELIDED_KEY, ())]
    ents = sorted(
        [
            Ent(e.start_char, e.end_char, e.label_, e.text)
            for e in doc.ents
            if e.label_ in ENTITY_LABELS and not any(x.start < e.end_char and e.start_char < x.end for x in elided)
        ]
        + [x for x in elided if x.label in ENTITY_LABELS],
        key=lambda e: (e.start, e.end),
    )
    titles = sorted(
        (Ent(s.start_char, s.end_char, "TITLE", s.text) for s in doc.spans.get("titles", ())),
        key=lambda e: (e.start, e.end),
    )
    out: list[Sentence] = []
    for sent in doc.sents:
        # Evidence is the sentence without the line break or spaces around it.
        text = sent.text
        start = sent.start_char + len(text) - len(text.lstrip())
        text = text.strip()
        if not text:
            continue
        s = Sentence(start, start + len(text), text)
        s.ents = _within(ents, s.start, s.end)
        s.titles = _within(titles, s.start, s.end)
        s.tokens = [Tok(t.idx, t.idx + len(t.text), t.tag_) for t in sent]
        out.append(s)
    return out


def _within(spans: list[Ent], start: int, end: int) -> list[Ent]:
    """The spans (sorted by start) that lie inside [start, end): a bisect, not a scan, so long
    articles stay linear."""
    i = bisect_left(spans, start, key=lambda e: e.start)
    out = []
    while i < len(spans) and spans[i].start < end:
        if spans[i].end <= end:
            out.append(spans[i])
        i += 1
    return out


def iter_ents(sents: Iterable[Sentence], labels: frozenset[str] | set[str]) -> Iterator[tuple[Sentence, Ent]]:
    for sent in sents:
        for ent in sent.ents:
            if ent.label in labels:
                yield sent, ent
