"""One person across articles: namesakes split where their contexts contradict, merges explained.

The rule (data: ``kg/data/resolve/person_identity.toml``): a name is one person in every
article unless an article contradicts every identity the name already has — its posts name a
province (``浙江省委`` -> 浙江省, ``三亚市教育局`` -> 海南省) that none of an identity's articles
shares, and the two are dated within ``window_days``. Such an article starts a new identity
``person/NAME~2``. Organisations of national bodies (``national_prefixes``) name no province.
Pinned decisions (``[[pins]]``: name + a context word of the article + split/merge) come first.

Articles are taken in the order the build reads them, so the same corpus gives the same ids.
Every decision that joins two articles with provinces, and every split, is listed with its
reason in :attr:`PersonIdentities.decisions` (the run report's ``person_identity``).

>>> ids = PersonIdentities.for_tests()
>>> ids.assign("王伟", "person/王伟", "a/1", "2023-01-05", {"浙江省"}, "")
'person/王伟'
>>> ids.assign("王伟", "person/王伟", "a/2", "2023-03-01", {"海南省"}, "")
'person/王伟~2'
>>> ids.assign("王伟", "person/王伟", "a/3", "2023-04-01", {"浙江省"}, "")
'person/王伟'
>>> [(d["decision"], d["reason"]) for d in ids.decisions][:1]
[('split', 'posts in 海南省, not 浙江省, within 365 days (a/1 2023-01-05, a/2 2023-03-01)')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import DataError
from kg.resources import data_path, load_toml

DEFAULT_FILE = "resolve/person_identity.toml"


@dataclass(frozen=True, slots=True)
class Pin:
    """A decision a user pinned: the name in articles whose text contains ``context``."""

    name: str
    context: str
    decision: str  # "split" | "merge"


@dataclass(slots=True)
class _Identity:
    id: str
    regions: set[str] = field(default_factory=set)
    seen: list[tuple[str, str | None]] = field(default_factory=list)  # (article, date)


def _day(date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(date) if date and len(date) == 10 else None
    except ValueError:
        return None


class PersonIdentities:
    """Identity decisions of one build (see the module docstring)."""

    def __init__(self, gazetteer, path: str | Path = DEFAULT_FILE) -> None:
        rules = load_toml(path)
        self.gazetteer = gazetteer
        self.window = int(rules.get("window_days", 365))
        self.national = tuple(rules.get("national_prefixes", ()))
        self.pins: list[Pin] = []
        for i, row in enumerate(rules.get("pins", ()), 1):
            if row.get("decision") not in ("split", "merge") or not row.get("name") or not row.get("context") and row.get("decision") == "split":
                raise DataError("E301", data_path(path), detail=f"pin {i}: needs name, context and decision = 'split' or 'merge'")
            self.pins.append(Pin(row["name"], row.get("context", ""), row["decision"]))
        self._by_name: dict[str, list[_Identity]] = {}
        self.decisions: list[dict[str, Any]] = []
        self._regions: dict[str, frozenset[str]] = {}

    @classmethod
    def for_tests(cls, pins: Iterable[Pin] = ()) -> PersonIdentities:
        """Identities without a gazetteer (regions are given directly)."""
        ids = cls(None)
        ids.pins.extend(pins)
        return ids

    # -- context -------------------------------------------------------------------------
    def regions(self, orgs: Iterable[str]) -> frozenset[str]:
        """The provinces that organisations as written name (浙江省委 -> 浙江省); national
        bodies and names without a place give none."""
        out: set[str] = set()
        for org in orgs:
            if not org or org.startswith(self.national):
                continue
            if org not in self._regions:
                self._regions[org] = frozenset(self._province(org))
            out |= self._regions[org]
        return frozenset(out)

    def _province(self, org: str) -> set[str]:
        if self.gazetteer is None:
            return set()
        for k in range(min(len(org) - 1, 8), 1, -1):
            places = [p for p in self.gazetteer.lookup(org[:k]) if p.level in ("province", "city")]
            if places:
                return {places[0].path[0]}
        return set()

    # -- decisions -----------------------------------------------------------------------------
    def assign(self, name: str, base_id: str, article: str, date: str | None, regions: Iterable[str], text: str) -> str:
        """The id of ``name`` in one article, given the provinces its posts there name."""
        regions = set(regions)
        identities = self._by_name.setdefault(name, [])
        for pin in self.pins:
            if pin.name == name and pin.decision == "split" and pin.context and pin.context in text:
                return self._join(identities, f"{base_id}~{pin.context}", article, date, regions, f"pinned split: the article says {pin.context}", True)
        merge = any(p.name == name and p.decision == "merge" for p in self.pins)
        unpinned = [i for i in identities if "~" not in i.id or i.id[len(base_id) + 1 :].isdigit()]
        if not unpinned:
            return self._join(identities, base_id, article, date, regions, "", False)
        if merge or not regions:
            return self._join(identities, unpinned[0].id, article, date, regions, "pinned merge" if merge and regions else "", False)
        contradicted = []
        for identity in unpinned:
            clash = self._clash(identity, date, regions)
            if clash is None:
                shared = identity.regions & regions
                reason = f"posts in {'、'.join(sorted(shared))}" if shared else "no contradiction (another province, but not at the same time)" if identity.regions else ""
                return self._join(identities, identity.id, article, date, regions, reason, False)
            contradicted.append(clash)
        new_id = f"{base_id}~{len(unpinned) + 1}"
        return self._join(identities, new_id, article, date, regions, contradicted[0], True)

    def _clash(self, identity: _Identity, date: str | None, regions: set[str]) -> str | None:
        """Why an article contradicts an identity, or None."""
        if not identity.regions or identity.regions & regions:
            return None
        day = _day(date)
        near = [(a, d) for a, d in identity.seen if day is not None and (other := _day(d)) is not None and abs((day - other).days) <= self.window]
        if not near:
            return None
        a, d = near[0]
        return f"posts in {'、'.join(sorted(regions))}, not {'、'.join(sorted(identity.regions))}, within {self.window} days ({a} {d}, {{article}} {date})"

    def _join(self, identities: list[_Identity], eid: str, article: str, date: str | None, regions: set[str], reason: str, split: bool) -> str:
        identity = next((i for i in identities if i.id == eid), None)
        created = identity is None
        if identity is None:
            identity = _Identity(eid)
            identities.append(identity)
        name = eid.split("/", 1)[-1].split("~", 1)[0]
        if (article, date) not in identity.seen:
            if created and split:
                self.decisions.append({"name": name, "decision": "split", "id": eid, "articles": [article],
                                       "reason": reason.replace("{article}", article)})
            elif not created and not split and reason:
                self.decisions.append({"name": name, "decision": "merge", "id": eid,
                                       "articles": sorted({a for a, _ in identity.seen} | {article}), "reason": reason})
            identity.seen.append((article, date))
        identity.regions |= regions
        return eid
