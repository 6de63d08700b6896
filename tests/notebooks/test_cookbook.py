"""docs/queries.md: every ```sparql recipe runs on a fresh build of the seeds and finds rows,
every ready query of queries/ is documented with the command that runs it, and the result
tables shown for them (and the README's) are exactly what `kg query` prints on the seeds.

After a change to the extraction, refresh the shown tables with
``KG_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/notebooks/test_cookbook.py`` and read the
diff of docs/queries.md and README.md before committing it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kg.export import write_turtle
from kg.query import run_query

ROOT = Path(__file__).resolve().parent.parent.parent
COOKBOOK = ROOT / "docs" / "queries.md"
README = ROOT / "README.md"
UPDATE = os.environ.get("KG_UPDATE_DOCS") == "1"


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


class Shown:
    """A fenced block's text and where it sits in the page (``start``/``end`` of its content)."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end


def shown_results(text: str, marker: str) -> Shown | None:
    """The first plain ``` block (no language) after ``marker`` and before the next heading:
    the result table a page shows under a query. Fences are read in pairs, so the closing
    fence of a ```sh block is not taken for an opening one."""
    at = text.find(marker)
    if at < 0:
        return None
    pos, opened = at + len(marker), None  # opened: (language, content start)
    for line in re.finditer(r"^(#{2,4} |```(\w*)$)", text[pos:], re.M):
        where = pos + line.start()
        if opened is None and line.group(1).startswith("#"):
            return None
        if not line.group(1).startswith("```"):
            continue
        if opened is None:
            opened = (line.group(2), where + len(line.group(1)) + 1)
        else:
            if opened[0] == "":
                return Shown(text[opened[1]:where], opened[1], where)
            opened = None
    return None


SHOWN = [(COOKBOOK, p.name, f"### `{p.name}`") for p in sorted((ROOT / "queries").glob("*.rq"))]
SHOWN.append((README, "officials_of_shiwei.rq", "**3. Ask SPARQL.**"))


@pytest.mark.parametrize("doc, rq, marker", SHOWN, ids=[f"{d.name}-{rq}" for d, rq, _ in SHOWN])
def test_shown_results_are_what_the_query_gives(seed_ttl, doc, rq, marker):
    text = doc.read_text(encoding="utf-8")
    shown = shown_results(text, marker)
    assert shown, f"{doc.name} shows no result table for {rq}"
    actual = run_query([seed_ttl], (ROOT / "queries" / rq).read_text(encoding="utf-8"), fmt="table")
    if UPDATE and shown.text != actual:
        doc.write_text(text[:shown.start] + actual + text[shown.end:], encoding="utf-8")
        return
    assert shown.text == actual, f"{doc.name}: the table shown for {rq} is stale (KG_UPDATE_DOCS=1 refreshes it)"


def test_shown_results_extraction():
    text = "### `a.rq`\n\n```sh\nkg query\n```\n\n```\nname\n(1 row)\n```\n### r\n"
    assert shown_results(text, "### `a.rq`").text == "name\n(1 row)\n"
    assert shown_results("### `a.rq`\ntext\n### r\n```\nx\n```\n", "### `a.rq`") is None
