"""The data model: the spine every stage shares.

One direction only::

    ingest  -> Article
    nlp     -> spacy Doc (per Article)
    extract -> Mention, Post, Claim   (surface strings + evidence)
    resolve -> Entity, Relation       (canonical ids)
    graph   -> networkx.MultiDiGraph  (see kg.graph for node and edge attributes)

Everything a later stage needs travels in these dataclasses; nothing reaches back into an
earlier stage. Character offsets are always offsets into ``Article.text`` (``start`` inclusive,
``end`` exclusive), and ``Article.source_offset`` maps them back into the page file.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Author:
    """A byline or photo credit: ``记者 魏薇`` -> Author("魏薇", "reporter")."""

    name: str
    role: str  # "reporter" | "correspondent" | "photographer"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text copied verbatim from the decoded page.

    ``article.text[start:start+length] == page_text[source_start:source_start+length]``.
    Whitespace trimmed between paragraphs and paragraphs re-joined after a layout break only
    ever happen *between* segments, so offsets inside a segment map back exactly.
    """

    start: int
    source_start: int
    length: int


@dataclass(slots=True)
class Article:
    """One news item of a page (an article, a photo with its caption, a commentary).

    ``id`` is stable across runs: the page's file stem and the item's ordinal on the page.
    ``text`` is what is analysed: the headline and sub-headlines (one line each; they name
    meetings and people too), then the body from ``body_start``.
    ``date`` is ISO 8601 (``2023-01-07``) when the year is known, else an XML Schema
    gMonthDay (``--01-07``), else None.
    """

    id: str
    source: str
    ordinal: int
    text: str
    body_start: int = 0  # text[:body_start] is the headline and sub-headlines, one per line
    kind: str = "article"  # "article" | "photo"
    section: str | None = None
    headline: str | None = None
    subheadlines: list[str] = field(default_factory=list)
    date: str | None = None
    dateline_place: str | None = None
    agency: str | None = None  # the news agency of the dateline (新华社北京7月26日电 -> 新华社)
    authors: list[Author] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The text without its headline lines: what the page prints under the headline."""
        return self.text[self.body_start :]

    def source_offset(self, offset: int) -> int | None:
        """Map a char offset in ``text`` to the offset in the decoded page text.

        >>> a = Article("p/001", "p.txt", 1, "甲乙丙", segments=[Segment(0, 10, 2), Segment(2, 20, 1)])
        >>> a.source_offset(1), a.source_offset(2)
        (11, 20)
        """
        starts = [s.start for s in self.segments]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        if offset >= seg.start + seg.length:
            return None
        return seg.source_start + offset - seg.start

    def to_json(self) -> dict[str, Any]:
        """The row written to ``articles.jsonl``."""
        row = asdict(self)
        row["segments"] = [[s.start, s.source_start, s.length] for s in self.segments]
        return row


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention found by NER or a rule.

    ``label`` uses spaCy's Chinese (OntoNotes) scheme plus two of kg's own: PERSON, ORG, GPE,
    LOC, FAC, EVENT, LAW, DATE, PROJECT, TITLE. ``article.text[start:end] == text`` always.

    ``refers_to`` is set on references that stand for something named elsewhere: 该区 in an
    article datelined 迎泽区 refers to ``"迎泽区"``; 我市 / 我省 refer to the paper's home city
    / province (``"@city"``, ``"@province"``). Resolution resolves ``refers_to`` instead of
    ``text``, so no node is ever a pronoun, while the span still points at the words written.
    """

    text: str
    label: str
    article_id: str
    start: int
    end: int
    sent_start: int = 0
    sent_end: int = 0
    refers_to: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an edge exists: the sentence of the article it came from and the rule that fired.

    ``article.text[start:end] == sentence``.
    """

    article_id: str
    sentence: str
    start: int
    end: int
    rule: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Post:
    """A title held by a person at an organisation, as the text states it.

    ``org`` is the organisation as the chain implies it, still unresolved (``市委组织部`` for
    ``组织部部长`` after ``市委常委``); None for a title with no organisation in sight, which
    resolution may still fill from the home context (副市长 -> 太原市人民政府).
    ``org_mention`` is the organisation as written in this sentence (``组织部``), when written,
    so that resolution can record it as an alias of ``org``.

    ``change`` is set when the text states a change of the post rather than the post alone
    (:mod:`kg.extract.changes`): ``appointed`` / ``elected`` (the person holds it from
    ``date``), ``removed`` / ``resigned`` / ``dismissed`` / ``expelled`` (the post ends on
    ``date``), ``nominated`` (neither). ``former`` marks a post the text gives as past
    (原副市长, 前国防部部长, 曾任…), held before ``date`` and not at it.
    """

    person: Mention
    title: str
    org: str | None
    evidence: Evidence
    org_mention: Mention | None = None
    date: str | None = None
    confidence: float = 1.0
    change: str | None = None
    former: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """An extracted relation between two mentions, before resolution.

    Subjects such as 他 / 一行 / 该区 are already replaced by the mention they stand for, so
    ``subject`` and ``object`` are always named mentions (possibly from an earlier sentence).
    """

    subject: Mention
    predicate: str
    object: Mention
    evidence: Evidence
    qualifiers: tuple[tuple[str, str], ...] = ()
    confidence: float = 1.0


@dataclass(slots=True)
class Entity:
    """A resolved entity: one node of the graph.

    ``id`` is ``<type slug>/<key>`` (``person/武晓花``, ``org/中共太原市委员会``) and is the
    same in every run and corpus that resolves the same canonical name.
    """

    id: str
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    attrs: dict[str, Any] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0


@dataclass(slots=True)
class Relation:
    """A resolved, evidence-bearing edge between two entity ids."""

    subject: str
    predicate: str
    object: str
    evidence: list[Evidence] = field(default_factory=list)
    qualifiers: dict[str, str] = field(default_factory=dict)
    confidence: float = 1.0
