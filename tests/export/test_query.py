"""SPARQL: the ready queries in queries/ answer the users' questions on the fixture graph;
formats and errors of kg.query.run_query."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from kg.errors import QueryError, UsageError
from kg.query import QUERY_FORMATS, format_table, run_query

QUERIES = Path(__file__).resolve().parents[2] / "queries"


def rows(ttl: Path, name: str) -> list[tuple[str, ...]]:
    text = run_query([ttl], (QUERIES / name).read_text(encoding="utf-8"), fmt="csv")
    table = list(csv.reader(io.StringIO(text)))
    return [tuple(r) for r in table[1:]]


EXPECTED = {
    "officials_of_shiwei.rq": [
        ("周计伟", "市委常委", "中共太原市委员会"),
        ("周计伟", "秘书长", "中共太原市委员会"),
        ("武晓花", "市委常委", "中共太原市委员会"),
        ("武晓花", "组织部部长", "中共太原市委组织部"),
    ],
    "posts_of_person.rq": [
        ("--01-09", "市委常委", "中共太原市委员会", "市委经济工作会议召开", graphs.S_MEET),
        ("2023-01-07", "市委常委", "中共太原市委员会", "周计伟在老军营街道调研", graphs.S_VISIT),
        ("2023-01-07", "秘书长", "中共太原市委员会", "周计伟在老军营街道调研", graphs.S_VISIT),
    ],
    "post_holders_on_date.rq": [
        ("周计伟", "秘书长", "中共太原市委员会", "2023-01-07", "2023-01-10"),
    ],
    "career_of_person.rq": [
        ("2023-01-07", "2023-01-07", "市委常委", "中共太原市委员会", "seen", "seen"),
        ("2023-01-07", "2023-01-10", "秘书长", "中共太原市委员会", "seen", "removed"),
    ],
    "changes_in_range.rq": [
        ("2023-01-10", "周计伟", "removed", "秘书长", "中共太原市委员会", graphs.S_CHANGE),
    ],
    "posts_changed_hands.rq": [],  # nobody took the post here: see tests/graph/test_careers.py
    "projects_in_jinyuan.rq": [
        ("晋源古城保护项目", "晋源街道"),
        ("晋阳湖水系连通一期工程", "晋源区"),
    ],
    "visits_in_yingze.rq": [
        ("周计伟", "太原市第十五中学校", "--01-09", graphs.S_SCHOOL, "市委经济工作会议召开"),
        ("周计伟", "老军营街道", "2023-01-07", graphs.S_VISIT, "周计伟在老军营街道调研"),
        (graphs.XSS_NAME, "迎泽区", "2023-01-10", graphs.S_XSS, graphs.XSS_HEADLINE),
    ],
    "orgs_of_person.rq": [
        ("中共太原市委员会", "任职"),
        ("中共太原市委员会", "职务变动"),
        ("太原市第十五中学校", "调研/视察"),
    ],
    "articles_behind_edge.rq": [
        ("周计伟在老军营街道调研", "2023-01-07", "000_b783142fb1ce736d.txt", graphs.S_VISIT, "0", str(len(graphs.S_VISIT)), "visit_trigger"),
    ],
}


def test_every_query_file_has_expected_rows():
    assert sorted(p.name for p in QUERIES.glob("*.rq")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ready_queries_answer_on_the_fixture(small_ttl, name):
    assert rows(small_ttl, name) == EXPECTED[name]


def test_projects_outside_the_district_are_not_listed(small_ttl):
    assert "迎泽公园改造工程" not in {r[0] for r in rows(small_ttl, "projects_in_jinyuan.rq")}


def test_visits_outside_the_district_are_not_listed(small_ttl):
    assert "武晓花" not in {r[0] for r in rows(small_ttl, "visits_in_yingze.rq")}


def test_class_hierarchy_from_the_ontology(small_ttl):
    text = run_query([small_ttl], "SELECT DISTINCT ?name WHERE { ?p a/rdfs:subClassOf* kg:Person ; rdfs:label ?name } ORDER BY ?name", "csv")
    assert text.split() == ["name", "<img", "src=x", "onerror=alert(1)>", "周计伟", "尹哲", "武晓花"]


def test_table_format_shortens_iris_and_counts_rows(small_ttl):
    out = run_query([small_ttl], "SELECT ?p WHERE { ?p a kg:Official } ORDER BY ?p")
    assert out.splitlines() == ["p", "-" * 17, "kgr:person/周计伟", "kgr:person/武晓花", "(2 rows)"]


def test_json_format_is_sparql_results_json(small_ttl):
    out = json.loads(run_query([small_ttl], "SELECT ?t WHERE { ?r a org:Role ; rdfs:label ?t } ORDER BY ?t", "json"))
    assert out["head"]["vars"] == ["t"]
    assert [b["t"]["value"] for b in out["results"]["bindings"]] == ["市委常委", "秘书长", "组织部部长"]
    assert out["results"]["bindings"][0]["t"]["xml:lang"] == "zh"


@pytest.mark.parametrize("fmt, expected", [("table", "true\n"), ("csv", "true\n"), ("json", '{"head": {}, "boolean": true}\n')])
def test_ask(small_ttl, fmt, expected):
    assert run_query([small_ttl], "ASK { ?m a org:Membership }", fmt) == expected


def test_construct_gives_turtle(small_ttl):
    out = run_query([small_ttl], "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a kg:Reporter ; rdfs:label ?l }")
    assert "尹哲" in out and "@zh" in out


def test_table_pads_by_display_width():
    assert format_table(["名", "x"], [["周计伟", "1"], ["ab", "2"]]).splitlines()[2:4] == ["周计伟  1", "ab      2"]


def test_formats_constant():
    assert QUERY_FORMATS == ("table", "csv", "json")


def test_missing_file_is_e502_naming_it(tmp_path):
    with pytest.raises(QueryError) as err:
        run_query([tmp_path / "nope.ttl"], "SELECT * WHERE { ?s ?p ?o }")
    assert err.value.code == "E502" and "nope.ttl" in str(err.value)


def test_bad_turtle_is_e502_naming_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> <c> .\n<a> <b> \"unterminated .\n", encoding="utf-8")
    with pytest.raises(QueryError) as err:
        run_query([bad], "SELECT * WHERE { ?s ?p ?o }")
    assert err.value.code == "E502" and "bad.ttl" in str(err.value) and "2" in str(err.value).split("bad.ttl", 1)[1]


def test_bad_query_is_e501(small_ttl):
    with pytest.raises(QueryError) as err:
        run_query([small_ttl], "SELEKT ?x WHERE { ?x ?y ?z }")
    assert err.value.code == "E501" and "syntax error" in str(err.value)


def test_unknown_format_is_a_usage_error(small_ttl):
    with pytest.raises(UsageError):
        run_query([small_ttl], "ASK {}", fmt="xml")
