"""The graph as FollowTheMoney entities, for Aleph, OpenSanctions' tools and ``ftm``.

One JSON object per line (``{"id", "schema", "properties": {name: [values]}}``), the format
``ftm validate``, ``ftm aggregate`` and Aleph's bulk loader read. The mapping is data
(``kg/data/export/ftm.toml``):

* nodes: Person, Organization (PublicBody for party and government bodies), Territory for
  places (``partOf`` the parent territory, ``territoryCode`` the adcode), Project, Event, and
  Article for both kg's articles and the documents they name;
* a post (``holdsPost``) is a Position (``title（organisation）``, ``organization``), an
  Occupancy (holder, post, the ISO dates it was seen) and a Membership (member, organization,
  role = the title);
* ``mentions`` and ``authored`` are Documentation (document = the article); ``undertakes`` is a
  ProjectParticipant; every other relation an UnknownLink with ``role`` = the predicate;
* evidence: every relation entity carries ``proof`` (the articles) and ``summary`` (the
  sentences), and each Documentation the sentences of its article that involve its entity.

Ids are ``kg-<schema>-<16 hex>`` from a hash of the kg id, so they are stable across runs.
Dates that lack a year (``--01-07``) are not FtM dates and are left out. Nothing here imports
``followthemoney``: the tests validate the output with it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.common import atomic_open, check_date, check_graph, edge_evidence, iter_list, sorted_edges, sorted_nodes
from kg.resources import load_toml
from kg.schema import SCHEMA

Entity = dict[str, Any]

POST = SCHEMA.predicate("holdsPost").name


@lru_cache(maxsize=None)
def mapping() -> dict[str, Any]:
    """``kg/data/export/ftm.toml``, checked against kg's schema (unknown names raise KeyError)."""
    data = load_toml("export/ftm.toml")
    for kg_type in data["schemata"]:
        SCHEMA.type(kg_type)
    for predicate in (*data["edge_properties"], *data["intervals"]):
        SCHEMA.predicate(predicate)
    return data


def _hash(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def ftm_id(schema: str, *key: str) -> str:
    """A stable FtM id for ``key`` (a kg node id, or the parts of a relation).

    >>> ftm_id("Person", "person/周计伟")
    'kg-person-09b968b7690e4aac'
    """
    return f"{mapping()['id_prefix']}-{schema.lower()}-{_hash(*key)}"


def _iso(value: Any) -> str | None:
    """An ISO date of the graph, or None for a date without year (gMonthDay) or no date."""
    if value is None:
        return None
    return str(value) if check_date(value, "date") == "date" else None


class _Entities:
    """Entities under construction: properties as sets, merged when an id comes twice."""

    def __init__(self) -> None:
        self.schema: dict[str, str] = {}
        self.props: dict[str, dict[str, set[str]]] = {}

    def add(self, entity_id: str, schema: str, **props: Iterable[Any] | Any) -> str:
        self.schema.setdefault(entity_id, schema)
        self.props.setdefault(entity_id, defaultdict(set))
        for name, values in props.items():
            self.put(entity_id, name, values)
        return entity_id

    def put(self, entity_id: str, name: str, values: Iterable[Any] | Any) -> None:
        if isinstance(values, (str, int, float)) or values is None:
            values = [values]
        self.props[entity_id][name].update(str(v) for v in values if v is not None and str(v).strip())

    def rows(self) -> list[Entity]:
        out = []
        for entity_id in sorted(self.schema):
            props = {k: sorted(v) for k, v in sorted(self.props[entity_id].items()) if v}
            out.append({"id": entity_id, "schema": self.schema[entity_id], "properties": props})
        return out


def _node_schema(data: dict[str, Any]) -> str:
    m = mapping()
    schema = m["schemata"][data["type"]]
    if data["type"] == "Organization":
        schema = m["org_kinds"].get(str(data.get("kind") or ""), schema)
    return schema


def _sentences_by_article(G: nx.MultiDiGraph) -> dict[tuple[str, str], set[str]]:
    """(article id, node) -> evidence sentences of that article that involve the node."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, o, data in G.edges(data=True):
        for ev in data.get("evidence") or ():
            found[(str(ev["article_id"]), s)].add(str(ev["sentence"]))
            found[(str(ev["article_id"]), o)].add(str(ev["sentence"]))
    return found


def to_ftm(G: nx.MultiDiGraph) -> list[Entity]:
    """FollowTheMoney entity dicts of ``G``, sorted by id (values sorted, no duplicates).

    Raises :class:`~kg.errors.ExportError` (E402) for a graph that breaks the graph contract.

    >>> from kg.graph.query import example_graph
    >>> rows = to_ftm(example_graph())
    >>> sorted({r["schema"] for r in rows})
    ['Membership', 'Occupancy', 'Organization', 'Person', 'Position']
    """
    check_graph(G)
    m = mapping()
    out = _Entities()
    ids: dict[str, str] = {}
    for node, data in sorted_nodes(G):
        schema = _node_schema(data)
        ids[node] = entity_id = out.add(ftm_id(schema, node), schema, name=data["label"])
        aliases = [a for a in iter_list(data.get("aliases")) if str(a) != data["label"]]
        if aliases:
            out.put(entity_id, "alias", aliases)
        for attribute, prop in m["node_properties"].get(schema, {}).items():
            out.put(entity_id, prop, iter_list(data.get(attribute)))
        if data["type"] == "Person":
            out.put(entity_id, "topics", [m["topics"][r] for r in iter_list(data.get("roles")) if r in m["topics"]])
        if data["type"] == "Article":
            out.put(entity_id, "title", data["label"])
            out.put(entity_id, "publishedAt", _iso(data.get("date")))

    sentences = _sentences_by_article(G)
    article_id = {n: ids[n] for n, t in G.nodes(data="type") if t == "Article"}

    def evidence_of(edges: list[dict[str, Any]]) -> dict[str, list[str]]:
        evs = [ev for data in edges for ev in edge_evidence(data)]
        proof = [article_id[f"article/{ev['article_id']}"] for ev in evs if f"article/{ev['article_id']}" in article_id]
        return {"proof": proof, "summary": [ev["sentence"] for ev in evs]}

    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for s, o, _key, data in sorted_edges(G):
        groups[(s, o, data["predicate"])].append(data)
    for (s, o, predicate), edges in groups.items():
        subject, obj = ids[s], ids[o]
        dates = [_iso(d.get("date")) for d in edges]
        if predicate == POST:
            for title, titled in _by_title(edges).items():
                position = out.add(ftm_id("Position", title, o), "Position",
                                   name=f"{title}（{G.nodes[o]['label']}）", organization=obj)
                titled_dates = [_iso(d.get("date")) for d in titled]
                out.add(ftm_id("Occupancy", s, title, o), "Occupancy", holder=subject, post=position,
                        date=titled_dates, **evidence_of(titled))
                out.add(ftm_id("Membership", s, title, o), "Membership", member=subject, organization=obj,
                        role=title, date=titled_dates, **evidence_of(titled))
            continue
        rule = m["edge_properties"].get(predicate)
        if _fits(rule, out.schema[subject], out.schema[obj]):
            out.put(subject, rule["property"], obj)
            continue
        interval = m["intervals"].get(predicate)
        pred = SCHEMA.predicate(predicate)
        if interval is not None and out.schema[subject] not in interval.get("subjects", [out.schema[subject]]):
            interval = None  # 晋源区 undertakes a project: a Territory is no participant
        if interval is None:
            out.add(ftm_id("UnknownLink", s, predicate, o), "UnknownLink", subject=subject, object=obj,
                    role=pred.en, date=dates, **evidence_of(edges))
            continue
        ends = {interval["subject"]: subject, interval["object"]: obj}
        rel_id = out.add(ftm_id(interval["schema"], s, predicate, o), interval["schema"], role=pred.en, date=dates, **ends)
        if interval["schema"] == "Documentation":
            article, entity = (s, o) if G.nodes[s]["type"] == "Article" else (o, s)
            out.put(rel_id, "summary", sentences.get((article.removeprefix("article/"), entity), ()))
            if predicate == "authored":
                out.put(ids[article], "author", G.nodes[entity]["label"])
        else:
            for name, values in evidence_of(edges).items():
                out.put(rel_id, name, values)
    return out.rows()


def _by_title(edges: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    titles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for data in edges:
        titles[str(data.get("title") or SCHEMA.predicate(POST).zh)].append(data)
    return dict(sorted(titles.items()))


def _fits(rule: dict[str, Any] | None, subject_schema: str, object_schema: str) -> bool:
    return bool(rule) and subject_schema in rule["subject"] and object_schema in rule["object"]


def write_ftm(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as FtM JSON lines (UTF-8, one entity a line, sorted by id), atomically.

    Raises :class:`~kg.errors.ExportError`: E402 for a graph that is not kg's, E401 when
    ``path`` cannot be written.
    """
    rows = to_ftm(G)
    with atomic_open(path) as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
