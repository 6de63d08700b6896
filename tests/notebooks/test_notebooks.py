"""Both notebooks run top to bottom in a fresh kernel and show what their prose promises."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.notebook

FOLDER = Path(__file__).resolve().parent.parent.parent / "notebooks"
NOTEBOOKS = ["explore.ipynb", "sparql.ipynb"]


def cell(nb, tag: str):
    """The one cell carrying ``tag`` in its metadata."""
    found = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(found) == 1, f"expected one cell tagged {tag!r}, found {len(found)}"
    return found[0]


def text_of(c) -> str:
    """Everything a code cell showed as text: streams, plain-text and HTML results."""
    parts = []
    for out in c.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        for mime in ("text/plain", "text/html"):
            if mime in out.get("data", {}):
                parts.append(out["data"][mime])
    return "\n".join(parts)


def images_of(c) -> int:
    """How many pictures a cell showed."""
    return sum("image/png" in out.get("data", {}) for out in c.get("outputs", []))


def all_output_text(nb) -> str:
    return "\n".join(text_of(c) for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_without_errors_or_tofu(run_notebook, name):
    nb, _, seconds = run_notebook(name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.get("execution_count") for c in code), "a code cell did not run"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    assert "missing from font" not in all_output_text(nb)  # matplotlib's tofu warning
    assert seconds < 60, f"{name} took {seconds:.0f} s"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_without_outputs(name):
    """The repository keeps notebooks clean: outputs are made by running them, not stored."""
    nb = nbformat.read(FOLDER / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    stored = [c.id for c in code if c.outputs or c.execution_count is not None]
    assert stored == [], f"{name}: clear the outputs before committing (Kernel → Restart & Clear Output, save)"
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= 4  # prose between the code


def test_explore_officials_and_centrality(run_notebook):
    nb, _, _ = run_notebook("explore.ipynb")
    shiwei = text_of(cell(nb, "shiwei-officials"))
    assert "中共太原市委员会" in shiwei and ("周计伟" in shiwei or "武晓花" in shiwei)
    assert "市委常委" in shiwei
    officials = text_of(cell(nb, "top-officials"))
    assert "betweenness" in officials and ("周计伟" in officials or "李永强" in officials)
    assert "中共太原市委员会" in text_of(cell(nb, "top-organisations"))


def test_explore_communities_co_appearance_and_time(run_notebook):
    nb, _, _ = run_notebook("explore.ipynb")
    communities = text_of(cell(nb, "communities"))
    assert "modularity" in communities and "most linked members" in communities
    assert "shared articles" in text_of(cell(nb, "co-appearance"))
    over_time = cell(nb, "mentions-over-time")
    assert images_of(over_time) == 1 and "2022-05-24" in text_of(over_time)


def test_explore_ego_picture(run_notebook):
    nb, out, _ = run_notebook("explore.ipynb")
    picture = out / "ego_周计伟.png"
    assert picture.is_file() and picture.stat().st_size > 20_000
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert images_of(cell(nb, "ego-picture")) == 1
    links = text_of(cell(nb, "ego-links"))
    assert "任职" in links and "市委常委" in links
    assert (out / "mentions_by_date.png").is_file()


def test_sparql_builds_the_graph_it_lacks(run_notebook):
    nb, out, _ = run_notebook("sparql.ipynb")
    assert (out / "graph.ttl").is_file() and (out / "articles.jsonl").is_file()
    assert str(out / "graph.ttl") in text_of(cell(nb, "setup"))


def test_sparql_ready_queries_as_tables(run_notebook):
    nb, _, _ = run_notebook("sparql.ipynb")
    officials = cell(nb, "officials-of-shiwei")
    html = "\n".join(o["data"]["text/html"] for o in officials.outputs if "text/html" in o.get("data", {}))
    assert "<table" in html and "中共太原市委员会" in html and ("周计伟" in html or "武晓花" in html)
    assert "副市长" in text_of(cell(nb, "posts-of-person"))  # the VALUES line swapped to 李永强
    assert "迎泽区" in text_of(cell(nb, "visits-in-yingze"))
    listed = text_of(cell(nb, "all-queries"))
    assert all(p.name in listed for p in (FOLDER.parent / "queries").glob("*.rq"))


def test_sparql_follows_an_edge_to_its_sentence(run_notebook):
    nb, _, _ = run_notebook("sparql.ipynb")
    evidence = text_of(cell(nb, "evidence"))
    assert "—kg:visited→" in evidence and "<table" in evidence
    check = text_of(cell(nb, "evidence-check"))
    assert "matches the evidence: True" in check and "matches the evidence: False" not in check
    quoted = check.split("「", 1)[1].split("」", 1)[0]
    assert quoted and quoted in evidence
    assert quoted[:30] in text_of(cell(nb, "articles-behind-edge"))  # the ready query, names swapped in


def test_explore_careers(run_notebook):
    nb, _, _ = run_notebook("explore.ipynb")
    seeds = text_of(cell(nb, "career-seeds"))
    assert "中共太原市委员会" in seeds and "seen" in seeds
    notices = text_of(cell(nb, "careers-notices"))
    assert "appointed" in notices and "removed" in notices and "2022-12-30" in notices
    assert "2023-03-01 外交部部长: ['秦刚']" in notices
    assert "2023-08-01 外交部部长: ['王毅']" in notices
