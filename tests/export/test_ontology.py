"""ontology/kg.ttl declares exactly what the schema and the KG namespace use; shapes.ttl parses."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

from kg.export.namespaces import KG, ONTOLOGY_DIR, expand
from kg.export.turtle import attribute_classes
from kg.schema import SCHEMA


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


def labels(onto: Graph, term) -> dict[str, str]:
    return {lit.language: str(lit) for lit in onto.objects(term, RDFS.label) if isinstance(lit, Literal)}


@pytest.mark.parametrize("name", sorted(SCHEMA.types))
def test_every_schema_type_is_a_class_with_zh_and_en_labels(onto, name):
    term = KG[name]
    assert (term, RDF.type, OWL.Class) in onto
    got = labels(onto, term)
    assert got.get("zh") == SCHEMA.type(name).zh
    assert got.get("en") == SCHEMA.type(name).en
    assert any(lit.language == "zh" for lit in onto.objects(term, RDFS.comment))


@pytest.mark.parametrize("name", sorted(SCHEMA.types))
def test_schema_rdf_classes_are_superclasses(onto, name):
    supers = set(onto.objects(KG[name], RDFS.subClassOf))
    for curie in SCHEMA.type(name).rdf:
        assert expand(curie) in supers, f"kg:{name} should be rdfs:subClassOf {curie}"


@pytest.mark.parametrize("name", sorted(SCHEMA.predicates))
def test_every_schema_predicate_is_a_property_with_zh_and_en_labels(onto, name):
    term = KG[name]
    assert (term, RDF.type, OWL.ObjectProperty) in onto
    got = labels(onto, term)
    assert got.get("zh") == SCHEMA.predicate(name).zh
    assert got.get("en") == SCHEMA.predicate(name).en
    assert {lit.language for lit in onto.objects(term, RDFS.comment)} >= {"zh", "en"}


def test_namespace_and_ontology_declare_the_same_terms(onto):
    declared = {str(s)[len(str(KG._NS)):] for s in onto.subjects(RDFS.label, None) if str(s).startswith(str(KG._NS))}
    in_code = set(KG.__annotations__)
    assert declared == in_code


def test_every_term_has_zh_and_en_label(onto):
    for name in KG.__annotations__:
        assert set(labels(onto, KG[name])) >= {"zh", "en"}, name


def test_misspelt_term_raises():
    with pytest.raises(AttributeError):
        KG.visitd  # noqa: B018


def test_subclasses_by_node_attribute_come_from_the_ontology():
    table = attribute_classes()
    assert table[("roles", "official")] == KG.Official
    assert table[("admin_level", "county")] == KG.County
    assert table[("kind", "party")] == KG.PartyOrganization
    assert ("roles", "other") not in table


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl"])
def test_ontology_files_parse_in_a_second_strict_parser(name):
    store = ox.Store()
    store.load(path=str(ONTOLOGY_DIR / name), format=ox.RdfFormat.TURTLE)
    assert len(store) > 50
