"""docs/queries.md: every ```sparql recipe runs on a fresh build of the seeds and finds rows,
and every ready query of queries/ is documented with the command that runs it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.export import write_turtle
from kg.query import run_query

ROOT = Path(__file__).resolve().parent.parent.parent
COOKBOOK = ROOT / "docs" / "queries.md"


def recipes(text: str) -> list[tuple[str, str]]:
    """(heading, query) for every fenced ```sparql block, in page order; other fences
    (``sh``, ``python``, result tables) are not queries."""
    out, heading = [], ""
    for match in re.finditer(r"^(#{2,4}) ([^\n]+)$|^```sparql\n(.*?)^```$", text, re.M | re.S):
        if match.group(2):
            heading = match.group(2).strip()
        else:
            out.append((heading, match.group(3)))
    return out


RECIPES = recipes(COOKBOOK.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_ttl(seed_graph, tmp_path_factory) -> Path:
    """graph.ttl of a fresh build of the five seed pages (the graph `kg build seeds` writes)."""
    path = tmp_path_factory.mktemp("cookbook") / "graph.ttl"
    write_turtle(seed_graph, path)
    return path


def test_the_cookbook_has_recipes():
    assert len(RECIPES) >= 5
    assert len({heading for heading, _ in RECIPES}) == len(RECIPES), "one recipe per heading"


@pytest.mark.parametrize("heading, query", RECIPES, ids=[h for h, _ in RECIPES])
def test_recipe_returns_rows(seed_ttl, heading, query):
    answer = json.loads(run_query([seed_ttl], query, fmt="json"))
    rows = answer["results"]["bindings"]
    assert rows, f"recipe {heading!r} found nothing on the seeds"
    assert all(row for row in rows), f"recipe {heading!r} returned empty rows"


@pytest.mark.parametrize("rq", sorted(p.name for p in (ROOT / "queries").glob("*.rq")))
def test_every_ready_query_is_documented(rq):
    text = COOKBOOK.read_text(encoding="utf-8")
    assert f"### `{rq}`" in text
    assert f"kg query output/graph.ttl --file queries/{rq}" in text


def test_recipe_extraction():
    text = "## A\n```sparql\nSELECT ?x {}\n```\n```sh\nkg query\n```\n### B\n```sparql\nASK {}\n```\n"
    assert recipes(text) == [("A", "SELECT ?x {}\n"), ("B", "ASK {}\n")]
