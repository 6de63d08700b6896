"""Vocabularies of the export, declared once.

``KG`` is closed (``_fail = True``): a misspelt term raises instead of writing a silent wrong
IRI. Standard vocabularies are rdflib's own (ORG, FOAF, SDO, PROV, DCTERMS, SKOS, GEO …).
Data IRIs are ``https://w3id.org/kg/id/`` + the node id, percent-encoding only what an IRI may
not hold, so Chinese stays readable.

>>> str(KG.visited)
'https://w3id.org/kg/ontology#visited'
>>> KG.visitd
Traceback (most recent call last):
...
AttributeError: term 'visitd' not in namespace 'https://w3id.org/kg/ontology#'
>>> str(iri("place/山西省/太原市/迎泽区"))
'https://w3id.org/kg/id/place/山西省/太原市/迎泽区'
>>> str(iri("person/<img src=x>"))
'https://w3id.org/kg/id/person/%3Cimg%20src=x%3E'
>>> str(expand("schema:location"))
'https://schema.org/location'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    GEO,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

from kg.errors import DataError
from kg.resources import DATA_DIR


class KG(DefinedNamespace):
    """kg's own terms; ``ontology/kg.ttl`` declares each of them (a test checks both agree)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg/ontology#")

    # entity types (kg/data/schema.toml)
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Project: URIRef
    Event: URIRef
    Document: URIRef
    Article: URIRef
    # subclasses chosen by a node attribute (kg:nodeAttribute / kg:nodeValue in kg.ttl)
    Official: URIRef
    Reporter: URIRef
    Photographer: URIRef
    PartyOrganization: URIRef
    GovernmentBody: URIRef
    Enterprise: URIRef
    School: URIRef
    Hospital: URIRef
    Association: URIRef
    OrganizationalUnit: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Town: URIRef
    Village: URIRef
    Evidence: URIRef
    PostChange: URIRef
    # relations (kg/data/schema.toml predicates)
    holdsPost: URIRef
    postChange: URIRef
    visited: URIRef
    attended: URIRef
    organized: URIRef
    undertakes: URIRef
    memberOf: URIRef
    cooperatesWith: URIRef
    issued: URIRef
    locatedIn: URIRef
    partOf: URIRef
    subOrganizationOf: URIRef
    authored: URIRef
    supplied: URIRef
    datelinedAt: URIRef
    mentions: URIRef
    coAppearsWith: URIRef
    # evidence
    subject: URIRef
    predicate: URIRef
    object: URIRef
    evidence: URIRef
    rule: URIRef
    startOffset: URIRef
    endOffset: URIRef
    confidence: URIRef
    source: URIRef
    title: URIRef
    date: URIRef
    dateSeen: URIRef
    weight: URIRef
    # careers: post changes and membership intervals
    changeKind: URIRef
    person: URIRef
    post: URIRef
    membership: URIRef
    former: URIRef
    beginKnownFrom: URIRef
    endKnownFrom: URIRef
    # attributes
    mentionCount: URIRef
    adcode: URIRef
    section: URIRef
    datelinePlace: URIRef
    articleKind: URIRef
    # annotations read by the export
    nodeAttribute: URIRef
    nodeValue: URIRef


#: Data namespace: entity, membership, role and evidence IRIs.
KGR = Namespace("https://w3id.org/kg/id/")

#: Prefixes bound in every output and accepted in schema.toml ``rdf`` lists and in queries.
_STANDARD = {
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS, "org": ORG, "schema": SDO,
    "foaf": FOAF, "prov": PROV, "dcterms": DCTERMS, "geo": GEO, "time": TIME, "sh": SH,
}
PREFIXES: dict[str, Namespace] = {"kg": Namespace(str(KG._NS)), "kgr": KGR} | {
    prefix: Namespace(str(ns._NS)) for prefix, ns in _STANDARD.items()
}

#: The ontology and shapes: ``ontology/`` at the top of the repository, shipped inside the
#: package as ``kg/data/ontology`` (a link to it), so installed wheels have it too.
ONTOLOGY_DIR = DATA_DIR / "ontology"

# ASCII characters an IRI may hold as they are (RFC 3987 iunreserved + sub-delims + ":@/").
_IRI_SAFE_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")


def _iri_char(ch: str) -> str:
    if ch in _IRI_SAFE_ASCII:
        return ch
    if ord(ch) > 0x7F and unicodedata.category(ch)[0] not in "CZ":
        return ch  # letters, CJK, full-width punctuation stay readable
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


@lru_cache(maxsize=1 << 16)
def iri(node_id: str) -> URIRef:
    """The stable IRI of a graph node id (or any id under the data namespace); cached, as an
    export asks for each node's IRI once per edge and evidence item."""
    return URIRef(str(KGR) + "".join(_iri_char(ch) for ch in node_id))


def expand(curie: str, *, where: str | Path = "schema.toml") -> URIRef:
    """``schema:location`` -> full IRI; unknown prefixes and kg terms raise DataError."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in PREFIXES or not local:
        raise DataError("E301", where, detail=f"unknown prefixed name {curie!r}; known prefixes: {', '.join(sorted(PREFIXES))}")
    if prefix == "kg":
        try:
            return KG[local]
        except (AttributeError, KeyError) as exc:
            raise DataError("E301", where, detail=f"{curie!r} is not a term of the kg ontology") from exc
    return PREFIXES[prefix][local]


def bind_prefixes(graph: Graph) -> Graph:
    """Bind kg's prefixes on an rdflib graph (replacing rdflib's defaults of the same name)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def sparql_prologue() -> str:
    """``PREFIX`` lines for every known prefix, for queries that leave them out."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
