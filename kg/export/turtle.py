"""The graph as RDF: ontology terms from ``ontology/kg.ttl``, standard vocabularies alongside.

One mechanism, driven by ``kg/data/schema.toml``: a node of type T is ``a kg:T`` plus the
type's ``rdf`` classes (and the subclasses kg.ttl ties to node attributes); an edge with
predicate p is ``s kg:p o`` plus p's ``rdf`` properties (same direction) and ``rdf_inverse``
properties (object to subject), and one ``kg:Evidence`` node per evidence item that says why.
Posts follow W3C ORG: every title at an organisation is an ``org:Post`` (``org:postIn``,
``org:role``); a post a text states held or taken (``holdsPost`` edges, appointments, elections)
is also an ``org:Membership`` of its person (``org:member``, ``org:organization``, ``org:role``,
``org:memberDuring``), and the person ``org:holds`` the post; a ``postChange`` edge is a
``kg:PostChange`` on the post (``kg:post``, ``kg:person``) linked to the membership it begins or
ends (``kg:membership``) when there is one. A post the texts only show ending (免去…职务) or
proposed (提名) is a change and no membership (:attr:`kg.graph.careers.Membership.stated`).

No blank nodes: memberships and evidence get IRIs derived from a hash of their content, so the
same graph always gives the same triples and byte-identical Turtle. See ontology/README.md.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("person/周计伟", type="Person", label="周计伟", aliases=[])
>>> G.add_node("org/中共太原市委员会", type="Organization", label="中共太原市委员会", aliases=["市委"])
>>> _ = G.add_edge("person/周计伟", "org/中共太原市委员会", key="holdsPost|0", predicate="holdsPost",
...            title="市委常委", date="2023-01-07", confidence=1.0, evidence=[])
>>> g = to_rdf(G)
>>> sorted({str(o) for o in g.objects(None, ORG.role)})
['https://w3id.org/kg/id/role/市委常委']
>>> len(set(g.subjects(RDF.type, ORG.Membership))), len(set(g.subjects(RDF.type, ORG.Post)))
(1, 1)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.errors import DataError
from kg.export.common import atomic_write, check_date, check_graph, edge_evidence, iter_list, sorted_edges, sorted_nodes
from kg.export.namespaces import KG, ONTOLOGY_DIR, PREFIXES, bind_prefixes, expand, iri
from kg.graph.careers import Membership, memberships
from kg.schema import SCHEMA

Triple = tuple[URIRef, URIRef, URIRef | Literal]

#: Node attributes written as plain literals, by node type: attribute -> property.
_ARTICLE_LITERALS = {"source": DCTERMS.source, "section": KG.section, "dateline_place": KG.datelinePlace, "kind": KG.articleKind}


@lru_cache(maxsize=None)
def _ontology(path: Path = ONTOLOGY_DIR / "kg.ttl") -> Graph:
    onto = Graph()
    try:
        onto.parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise DataError("E301", path, detail=f"cannot read the ontology: {exc}") from exc
    return onto


@lru_cache(maxsize=None)
def attribute_classes() -> dict[tuple[str, str], URIRef]:
    """``(node attribute, value) -> subclass`` as kg.ttl declares with kg:nodeAttribute/kg:nodeValue.

    >>> attribute_classes()[("roles", "official")] == KG.Official
    True
    """
    onto = _ontology()
    table: dict[tuple[str, str], URIRef] = {}
    for cls, attribute in onto.subject_objects(KG.nodeAttribute):
        for value in onto.objects(cls, KG.nodeValue):
            table[(str(attribute), str(value))] = cls
    return table


def attribute_label(attribute: str, value: str, lang: str = "zh") -> str:
    """The ontology's label of the subclass an attribute value selects, else the value itself.

    >>> attribute_label("admin_level", "county"), attribute_label("roles", "other")
    ('县级行政区', 'other')
    """
    cls = attribute_classes().get((attribute, value))
    if cls is None:
        return value
    for label in sorted(_ontology().objects(cls, RDFS.label)):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return value


def _hash_iri(kind: str, *parts: Any) -> URIRef:
    """A content-derived IRI (``kgr:evidence/3f2a…``): same content, same IRI, in every run."""
    digest = hashlib.sha1(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()
    return iri(f"{kind}/{digest[:16]}")


def role_iri(title: str) -> URIRef:
    """One ``org:Role`` per distinct title: ``kgr:role/市委常委``."""
    return iri(f"role/{title}")


def article_iri(article_id: str) -> URIRef:
    return iri(f"article/{article_id}")


def date_literal(value: str, where: str = "graph") -> Literal:
    """``2023-01-07`` -> xsd:date; ``--01-07`` -> xsd:gMonthDay (year unknown)."""
    return Literal(str(value), datatype=XSD[check_date(value, where)])


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


_DECIMAL = XSD.decimal  # looked up once (see _EV)


def _confidence(value: Any) -> Literal:
    return Literal(Decimal(str(round(float(value), 6))).normalize(), datatype=_DECIMAL)


def node_triples(node: str, data: dict[str, Any], people: dict[str, str]) -> Iterator[Triple]:
    """Type, subclasses, label, aliases and attributes of one node.

    ``people`` maps person labels to node ids, to link an article's bylines to person nodes.
    """
    subject = iri(node)
    etype = SCHEMA.type(data["type"])
    yield subject, RDF.type, KG[etype.name]
    for curie in etype.rdf:
        yield subject, RDF.type, expand(curie)
    classes = attribute_classes()
    for attribute in ("roles", "kind", "admin_level"):
        for value in iter_list(data.get(attribute)):
            if (cls := classes.get((attribute, str(value)))) is not None:
                yield subject, RDF.type, cls
    label = data["label"].strip()
    yield subject, RDFS.label, _zh(label)
    for alias in iter_list(data.get("aliases")):
        if str(alias).strip() and str(alias).strip() != label:
            yield subject, SKOS.altLabel, _zh(str(alias).strip())
    if isinstance(data.get("mentions"), int) and not isinstance(data.get("mentions"), bool):
        yield subject, KG.mentionCount, Literal(data["mentions"])
    for article_id in iter_list(data.get("articles")):
        yield subject, DCTERMS.isReferencedBy, article_iri(str(article_id))
    if data.get("adcode"):
        yield subject, KG.adcode, Literal(str(data["adcode"]))
    if etype.name == "Article":
        yield from _article_triples(subject, data, people)


def _article_triples(subject: URIRef, data: dict[str, Any], people: dict[str, str]) -> Iterator[Triple]:
    yield subject, DCTERMS.title, _zh((data.get("headline") or data["label"]).strip())
    if data.get("date"):
        yield subject, DCTERMS.date, date_literal(data["date"], str(subject))
    for attribute, prop in _ARTICLE_LITERALS.items():
        if data.get(attribute):
            yield subject, prop, Literal(str(data[attribute]))
    # Bylines: dcterms:creator is the person node of that name when the graph has one
    # (authored edges assert the same triple through the schema's rdf_inverse).
    for author in iter_list(data.get("authors")):
        name = author[0] if isinstance(author, (list, tuple)) else str(author)
        if name in people:
            yield subject, DCTERMS.creator, iri(people[name])


def edge_triples(G: nx.MultiDiGraph, s: str, o: str, data: dict[str, Any], stated: frozenset[tuple[str, str, str]] = frozenset()) -> Iterator[Triple]:
    """Direct triples of one edge, its evidence nodes and (holdsPost) its membership or
    (postChange) its change; ``stated``: the (person, organisation, title) keys of the stated
    memberships, the only ones a change links to."""
    pred = SCHEMA.predicate(data["predicate"])
    subject, obj, prop = iri(s), iri(o), KG[pred.name]
    yield subject, prop, obj
    for curie in pred.rdf:
        yield subject, expand(curie), obj
    for curie in pred.rdf_inverse:
        yield obj, expand(curie), subject
    evidence_iris = []
    for node_iri, triples in _evidence_nodes(s, o, prop, data):
        evidence_iris.append(node_iri)
        yield from triples
    if pred.name == "holdsPost" and str(data.get("title") or "").strip():
        yield subject, ORG.memberOf, obj
        yield from _membership(G, s, o, data, evidence_iris)
    if pred.name == "postChange" and str(data.get("title") or "").strip():
        yield from _change(G, s, o, data, evidence_iris, stated)


#: Terms of the evidence nodes, looked up once: a ``DefinedNamespace`` attribute costs a
#: checked lookup each time, and an export writes a dozen per evidence item.
_EV = {
    name: term
    for name, term in (
        ("type", RDF.type), ("Evidence", KG.Evidence), ("Entity", PROV.Entity), ("subject", KG.subject),
        ("predicate", KG.predicate), ("object", KG.object), ("wasDerivedFrom", PROV.wasDerivedFrom),
        ("value", PROV.value), ("startOffset", KG.startOffset), ("endOffset", KG.endOffset), ("rule", KG.rule),
        ("source", KG.source), ("confidence", KG.confidence), ("date", KG.date), ("title", KG.title), ("weight", KG.weight),
    )
}


def _evidence_nodes(s: str, o: str, prop: URIRef, data: dict[str, Any]) -> Iterator[tuple[URIRef, list[Triple]]]:
    """One kg:Evidence per evidence item; data edges (no evidence) get one carrying kg:source."""
    common = {k: data.get(k) for k in ("title", "date", "confidence", "weight", "source")}
    items: Iterable[dict[str, Any] | None] = edge_evidence(data) or [None]
    t = _EV
    for ev in items:
        node = _hash_iri("evidence", s, str(prop), o, ev, common)
        triples: list[Triple] = [
            (node, t["type"], t["Evidence"]),
            (node, t["type"], t["Entity"]),
            (node, t["subject"], iri(s)),
            (node, t["predicate"], prop),
            (node, t["object"], iri(o)),
        ]
        if ev is not None:
            triples += [
                (node, t["wasDerivedFrom"], article_iri(str(ev["article_id"]))),
                (node, t["value"], _zh(str(ev["sentence"]))),
                (node, t["startOffset"], Literal(int(ev["start"]))),
                (node, t["endOffset"], Literal(int(ev["end"]))),
                (node, t["rule"], Literal(str(ev["rule"]))),
            ]
        if common["source"]:
            triples.append((node, t["source"], Literal(str(common["source"]))))
        elif ev is None:
            triples.append((node, t["source"], Literal("unknown")))
        if common["confidence"] is not None:
            triples.append((node, t["confidence"], _confidence(common["confidence"])))
        if common["date"]:
            triples.append((node, t["date"], date_literal(common["date"], f"edge {s} -> {o}")))
        if str(common["title"] or "").strip():
            triples.append((node, t["title"], _zh(str(common["title"]).strip())))
        if common["weight"] is not None:
            triples.append((node, t["weight"], Literal(int(common["weight"]))))
        yield node, triples


def membership_iri(person: str, org: str, title: str) -> URIRef:
    """One ``org:Membership`` per (person, organisation, title) across all articles."""
    return _hash_iri("membership", person, org, title)


def post_iri(org: str, title: str) -> URIRef:
    """One ``org:Post`` per (organisation, title): the position, whoever holds it."""
    return _hash_iri("post", org, title)


def _post(G: nx.MultiDiGraph, o: str, title: str) -> Iterator[Triple]:
    """``org:Post`` of a title at organisation o, with its ``org:Role``."""
    node, role = post_iri(o, title), role_iri(title)
    yield node, RDF.type, ORG.Post
    yield node, ORG.postIn, iri(o)
    yield node, ORG.role, role
    yield node, RDFS.label, _zh(f"{title} · {G.nodes[o]['label']}")
    yield role, RDF.type, ORG.Role
    yield role, RDFS.label, _zh(title)


def _membership_core(G: nx.MultiDiGraph, s: str, o: str, title: str) -> Iterator[Triple]:
    node = membership_iri(s, o, title)
    yield node, RDF.type, ORG.Membership
    yield node, ORG.member, iri(s)
    yield node, ORG.organization, iri(o)
    yield node, ORG.role, role_iri(title)
    yield node, RDFS.label, _zh(f"{G.nodes[s]['label']} · {title} · {G.nodes[o]['label']}")
    yield from _post(G, o, title)
    yield iri(s), ORG.holds, post_iri(o, title)


def _membership(G: nx.MultiDiGraph, s: str, o: str, data: dict[str, Any], evidence: list[URIRef]) -> Iterator[Triple]:
    """``org:Membership`` of person s at organisation o under one title (one node per triple)."""
    title = str(data["title"]).strip()
    node = membership_iri(s, o, title)
    yield from _membership_core(G, s, o, title)
    if data.get("date"):
        yield node, KG.dateSeen, date_literal(data["date"], f"edge {s} -> {o}")
    if data.get("former"):
        yield node, KG.former, Literal(True)
    for ev_node in evidence:
        yield node, KG.evidence, ev_node
    for article_id in sorted({str(ev["article_id"]) for ev in data.get("evidence") or ()}):
        yield node, PROV.wasDerivedFrom, article_iri(article_id)


def instant_iri(date: str) -> URIRef:
    """One ``time:Instant`` per date (``kgr:time/2023-07-25``): every change and interval bound on
    that day shares it."""
    return iri(f"time/{date}")


#: OWL-Time properties for an instant's position, by the XSD type of the date.
_IN_XSD = {"date": TIME.inXSDDate, "gYearMonth": TIME.inXSDgYearMonth, "gYear": TIME.inXSDgYear}


def _instant(date: str, where: str) -> Iterator[Triple]:
    datatype = check_date(date, where)
    if datatype not in _IN_XSD:  # a month and day without a year is no position on the time line
        return
    node = instant_iri(date)
    yield node, RDF.type, TIME.Instant
    yield node, _IN_XSD[datatype], date_literal(date, where)


def _change(G: nx.MultiDiGraph, s: str, o: str, data: dict[str, Any], evidence: list[URIRef],
            stated: frozenset[tuple[str, str, str]]) -> Iterator[Triple]:
    """A ``kg:PostChange`` (a ``prov:Activity``) of one postChange edge: its kind, its person and
    post (``kg:person``, ``kg:post``), the membership it begins or ends when that is stated
    (``kg:membership``), its date as a ``time:Instant``, the evidence of the edge."""
    title = str(data["title"]).strip()
    kind = str(data.get("kind") or "")
    date = str(data.get("date") or "")
    node = _hash_iri("change", s, o, title, kind, date)
    yield from _post(G, o, title)
    yield node, RDF.type, KG.PostChange
    yield node, RDF.type, PROV.Activity
    yield node, KG.changeKind, Literal(kind)
    yield node, KG.person, iri(s)
    yield node, KG.post, post_iri(o, title)
    if (s, o, title) in stated:
        yield from _membership_core(G, s, o, title)
        yield node, KG.membership, membership_iri(s, o, title)
    yield node, RDFS.label, _zh(f"{G.nodes[s]['label']} · {kind} · {title} · {G.nodes[o]['label']}")
    if date:
        yield node, KG.dateSeen, date_literal(date, f"edge {s} -> {o}")
        if (instant := list(_instant(date, f"edge {s} -> {o}"))):
            yield from instant
            yield node, TIME.hasTime, instant_iri(date)
    for ev_node in evidence:
        yield node, KG.evidence, ev_node
    for article_id in sorted({str(ev["article_id"]) for ev in data.get("evidence") or ()}):
        yield node, PROV.wasDerivedFrom, article_iri(article_id)


def _interval(m: Membership) -> Iterator[Triple]:
    """``org:memberDuring`` of a stated membership: a ``time:Interval`` with the known bounds."""
    if not m.stated or (m.begin is None and m.end is None):
        return
    node = membership_iri(m.person, m.org, m.title)
    interval = _hash_iri("interval", m.person, m.org, m.title)
    yield node, ORG.memberDuring, interval
    yield interval, RDF.type, TIME.Interval
    for date, how, prop, known in ((m.begin, m.begin_from, TIME.hasBeginning, KG.beginKnownFrom), (m.end, m.end_from, TIME.hasEnd, KG.endKnownFrom)):
        if date is None:
            continue
        instant = list(_instant(date, f"membership {m.person} {m.title}"))
        if not instant:
            continue
        yield from instant
        yield interval, prop, instant_iri(date)
        yield interval, known, Literal(how)


def triples(G: nx.MultiDiGraph) -> Iterator[Triple]:
    """Every triple of the export, nodes first then edges, in a stable order (may repeat)."""
    check_graph(G)
    nodes = sorted_nodes(G)
    people = {d["label"]: n for n, d in nodes if d["type"] == "Person"}
    for node, data in nodes:
        yield from node_triples(node, data, people)
    ms = memberships(G)
    stated = frozenset(m.key for m in ms if m.stated)
    for s, o, _key, data in sorted_edges(G):
        yield from edge_triples(G, s, o, data, stated)
    for m in ms:
        yield from _interval(m)


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """The whole graph as an rdflib Graph with kg's prefixes bound."""
    graph = bind_prefixes(Graph(bind_namespaces="none"))
    for triple in triples(G):
        graph.add(triple)
    return graph


def _ox_term(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def turtle_bytes(G: nx.MultiDiGraph) -> bytes:
    """``G`` as Turtle: the distinct triples sorted, serialised by pyoxigraph (Rust; about 4x
    faster than rdflib's serializer on large graphs), so the same graph gives the same bytes."""
    unique = sorted(set(triples(G)), key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))
    out = [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in unique]
    # Entity IRIs are written in full (<…/id/person/周计伟>): as prefixed names their slashes
    # would need escaping (kgr:person\/周计伟), which reads worse.
    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items() if prefix != "kgr"}
    return ox.serialize(out, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def write_turtle(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Write ``G`` as Turtle, atomically; the same graph always gives the same bytes."""
    atomic_write(path, turtle_bytes(G))
