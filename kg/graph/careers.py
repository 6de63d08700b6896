"""Careers: posts over time, read from a built graph.

A post is one **membership** per (person, organisation, title) across all articles. Its
interval (W3C ORG ``org:memberDuring`` an OWL-Time ``time:Interval``) begins at an appointment
or election (``postChange`` edges of kind ``appointed`` / ``elected``) and ends at a removal
(``removed``, ``resigned``, ``dismissed``, ``expelled``); a bound the text gives no change for
is the first / last date the post was seen held (``holdsPost`` edges) — or unknown when the
post was never seen held before the change (removed without a known start). The rule is the
one of DESIGN.md "Careers" and issue 11. One membership has one interval: a post left and
taken again (免去 in 2022, 任命 in 2023) keeps the latest term.

>>> from kg.graph.query import example_graph
>>> G = example_graph()
>>> _ = G.add_edge("person/武晓花", "org/中共太原市委员会", key="postChange|x", predicate="postChange",
...                title="市委常委", kind="removed", date="2024-03-01", evidence=[], confidence=0.9)
>>> m = memberships(G)[0]
>>> (m.title, m.begin, m.begin_from, m.end, m.end_from)
('市委常委', '2023-01-07', 'seen', '2024-03-01', 'removed')
>>> m.held_on("2023-06-01"), m.held_on("2024-06-01")
(True, False)

Dates are ISO forms of any precision (``2023-01-07``, ``2013-03``, ``1999``); a date without a
year (``--01-07``) counts only when no dated evidence exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.resources import load_toml

_KINDS = load_toml("extract/changes.toml")
HOLDING_KINDS = frozenset(_KINDS["holding_kinds"])
ENDING_KINDS = frozenset(_KINDS["ending_kinds"])
CHANGE_KINDS: tuple[str, ...] = tuple(_KINDS["kinds"])


@dataclass(frozen=True, slots=True)
class Change:
    """One dated change of a post, with the evidence it was read from."""

    kind: str
    date: str | None
    evidence: tuple[dict[str, Any], ...] = ()

    def to_json(self, evidence: bool = True) -> dict[str, Any]:
        """The change as JSON; without ``evidence``, the articles it was read from."""
        if evidence:
            return {"kind": self.kind, "date": self.date, "evidence": [dict(e) for e in self.evidence]}
        return {"kind": self.kind, "date": self.date, "articles": sorted({e["article_id"] for e in self.evidence})}


@dataclass(slots=True)
class Membership:
    """A person's post at an organisation under one title, over time.

    ``seen``: dates the text states the post held; ``changes``: dated changes, oldest first;
    ``begin_from`` / ``end_from``: how each bound is known (a change kind, ``"seen"``, or ``""``
    when the bound is unknown); ``articles``: every article behind it; ``stated``: a text states
    the post held (a ``holdsPost`` edge: seen on a date, or a past post 原…/历任…) or taken (an
    appointment or election) — see :attr:`stated`.
    """

    person: str
    org: str
    title: str
    seen: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    former: bool = False
    stated_held: bool = False
    begin: str | None = None
    begin_from: str = ""
    end: str | None = None
    end_from: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.person, self.org, self.title)

    @property
    def held(self) -> bool:
        """True when the post was held at some time: stated held, begun or ended by a change
        (a nomination alone is no post)."""
        return bool(self.seen) or self.former or any(c.kind in HOLDING_KINDS | ENDING_KINDS for c in self.changes)

    @property
    def stated(self) -> bool:
        """True when a text states the post held or taken: a ``holdsPost`` edge, or an
        appointment or election. A post the texts only show ending (免去, 不再担任, 辞去, 撤销,
        开除) or only proposed (提名) is not stated: its tenure is implied by the change, and the
        Turtle export writes it as a change on an ``org:Post``, not as an ``org:Membership`` (the
        gold conventions of ``../shared/gold-dev/README.md``: "a removal states a change, not a
        post the page lists").

        >>> Membership("p", "o", "t", changes=[Change("removed", "2023-01-01")]).stated
        False
        >>> Membership("p", "o", "t", stated_held=True, changes=[Change("removed", "2023-01-01")]).stated
        True
        """
        return self.stated_held or any(c.kind in HOLDING_KINDS for c in self.changes)

    def held_on(self, date: str) -> bool:
        """Was the post held on ``date`` (ISO, any precision)? An unknown beginning is open, and
        so is an end known only as the last date seen; a former post (原…) has no known interval
        and answers False."""
        if not self.held or (self.former and self.begin is None):
            return False
        if self.begin is not None and _cmp(date, self.begin) < 0:
            return False
        return self.end is None or self.end_from == "seen" or _cmp(date, self.end) <= 0

    def to_json(self, evidence: bool = True) -> dict[str, Any]:
        """The membership as JSON (the graph's ``memberships`` attribute uses ``evidence=False``:
        the sentences stay on the edges)."""
        return {
            "person": self.person,
            "org": self.org,
            "title": self.title,
            "begin": self.begin,
            "begin_from": self.begin_from,
            "end": self.end,
            "end_from": self.end_from,
            "seen": list(self.seen),
            "former": self.former,
            "held": self.held,
            "stated": self.stated,
            "changes": [c.to_json(evidence) for c in self.changes],
            "articles": list(self.articles),
        }


def _dated(dates: Iterable[str | None]) -> list[str]:
    """Dates that can be ordered: ISO forms with a year (a month-day alone only if nothing else)."""
    dates = sorted({d for d in dates if d})
    with_year = [d for d in dates if not d.startswith("--")]
    return with_year or dates


def _cmp(a: str, b: str) -> int:
    """Order two ISO dates of any precision by their common prefix (2023 == 2023-05-01)."""
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def memberships(G: nx.MultiDiGraph) -> list[Membership]:
    """Every membership of the graph, sorted by person, organisation and title.

    Reads ``holdsPost`` edges (title, date, ``former``) and ``postChange`` edges (title, kind,
    date) and computes each interval by the rule of the module docstring.
    """
    found: dict[tuple[str, str, str], Membership] = {}
    for s, o, data in G.edges(data=True):
        predicate = data.get("predicate")
        if predicate not in ("holdsPost", "postChange"):
            continue
        title = str(data.get("title") or "").strip()
        if not title:
            continue
        m = found.setdefault((s, o, title), Membership(s, o, title))
        evidence = tuple(sorted((dict(e) for e in data.get("evidence") or ()), key=lambda e: (e["article_id"], e["start"], e["rule"])))
        m.articles.extend(e["article_id"] for e in evidence)
        if predicate == "holdsPost":
            m.stated_held = True
            if data.get("former"):
                m.former = True
            elif data.get("date"):
                m.seen.append(str(data["date"]))
        else:
            m.changes.append(Change(str(data.get("kind")), data.get("date") or None, evidence))
    for m in found.values():
        _settle(m)
    return [found[k] for k in sorted(found)]


def _settle(m: Membership) -> None:
    m.seen = _dated(m.seen)
    m.articles = sorted(set(m.articles))
    m.changes.sort(key=lambda c: (c.date or "", CHANGE_KINDS.index(c.kind) if c.kind in CHANGE_KINDS else 99))
    starts = _dated(c.date for c in m.changes if c.kind in HOLDING_KINDS)
    ends = _dated(c.date for c in m.changes if c.kind in ENDING_KINDS)
    if starts:
        m.begin = starts[0]
        m.begin_from = next(c.kind for c in m.changes if c.date == m.begin and c.kind in HOLDING_KINDS)
    elif m.seen and not (ends and _cmp(m.seen[0], ends[-1]) > 0):
        m.begin, m.begin_from = m.seen[0], "seen"
    # An end is a removal after the last (re)appointment; else the last date seen held.
    last_start = starts[-1] if starts else None
    valid_ends = [d for d in ends if last_start is None or _cmp(d, last_start) >= 0]
    if valid_ends:
        m.end = valid_ends[-1]
        m.end_from = next(c.kind for c in reversed(m.changes) if c.date == m.end and c.kind in ENDING_KINDS)
    else:
        last = _dated(m.seen + ([last_start] if last_start else []))
        if last:
            m.end, m.end_from = last[-1], "seen"


def career(G: nx.MultiDiGraph, person: str) -> list[Membership]:
    """The memberships of one person node, oldest first (undated ones last).

    >>> from kg.graph.query import example_graph
    >>> [(m.title, m.begin, m.end) for m in career(example_graph(), "person/武晓花")]
    [('市委常委', '2023-01-07', '2023-01-07'), ('组织部部长', '2023-01-07', '2023-01-07')]
    """
    return careers(G).get(person, [])


def careers(G: nx.MultiDiGraph) -> dict[str, list[Membership]]:
    """Every person's memberships, oldest first (undated ones last), from one pass over the
    edges: what a page of many people needs (calling :func:`career` per person would read all
    edges once per person).

    >>> from kg.graph.query import example_graph
    >>> sorted(careers(example_graph()))[:1]
    ['person/武晓花']
    """
    out: dict[str, list[Membership]] = {}
    for m in memberships(G):
        out.setdefault(m.person, []).append(m)
    for rows in out.values():
        rows.sort(key=lambda m: (m.begin is None and m.end is None, m.begin or m.end or "", m.title, m.org))
    return out


def holders(G: nx.MultiDiGraph, title: str, date: str, org: str | None = None) -> list[Membership]:
    """Who held a post (title ending with ``title``, at ``org`` if given) on ``date``
    (:meth:`Membership.held_on`; the same answer as ``queries/post_holders_on_date.rq``).

    >>> from kg.graph.query import example_graph
    >>> [m.person for m in holders(example_graph(), "部长", "2023-01-07")]
    ['person/武晓花']
    >>> holders(example_graph(), "部长", "2022-01-07")
    []
    """
    return [m for m in memberships(G) if m.title.endswith(title) and (org is None or m.org == org) and m.held_on(date)]


def changes_between(G: nx.MultiDiGraph, start: str, end: str) -> list[tuple[Membership, Change]]:
    """Every change dated within [start, end] (ISO dates of any precision), oldest first."""
    rows = [(m, c) for m in memberships(G) for c in m.changes if c.date and _cmp(start, c.date) <= 0 and _cmp(c.date, end) <= 0]
    return sorted(rows, key=lambda mc: (mc[1].date or "", mc[0].key, mc[1].kind))
