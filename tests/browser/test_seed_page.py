"""output/graph.html of a real seed build, in headless Chromium with the network off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from tests.conftest import SEEDS

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="module")
def seed_output(tmp_path_factory, nlp) -> Path:
    out = tmp_path_factory.mktemp("seed-build")
    assert main(["build", str(SEEDS), "-o", str(out), "-q"]) == 0
    return out


def test_seed_page_opens_readable_carries_everything_and_is_offline(open_page, seed_output):
    graph = json.loads((seed_output / "graph.json").read_text(encoding="utf-8"))
    p = open_page(seed_output / "graph.html")
    drawn = p.page.evaluate("window.kg.nodes.getIds()")
    assert len(drawn) == 150 < len(graph["nodes"])  # the overview, not the hairball
    assert not any(n.startswith("article/") for n in drawn)
    assert sorted(p.page.evaluate("window.kg.data.nodes.map(n => n[0])")) == sorted(n["id"] for n in graph["nodes"])
    assert {"person/周计伟", "org/中共太原市委员会", "place/山西省/太原市"} <= set(drawn)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / "seed-graph-overview.png"))
    p.page.fill("#kg-search", "周计伟")
    p.page.press("#kg-search", "Enter")
    p.page.wait_for_function("window.kgReady === true && window.kgView === 'focus'")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == ["person/周计伟"]
    details = p.page.inner_text("#kg-details")
    assert "市委常委 @ 中共太原市委员会" in details and "迎泽区" in details
    assert "周计伟赴迎泽区" in details  # the evidence sentence of the visit
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    p.page.screenshot(path=str(ARTIFACTS / "seed-graph-zhou.png"))
    assert p.external == [] and p.other_files == []
    assert p.console_errors == [] and p.dialogs == []


def test_ego_page_of_kg_show(open_page, seed_output, capsys):
    page = seed_output / "zhou.html"
    assert main(["show", "周计伟", "--graph", str(seed_output / "graph.json"), "--html", str(page), "-q"]) == 0
    capsys.readouterr()
    p = open_page(page)
    ids = p.page.evaluate("window.kg.nodes.getIds()")
    assert "person/周计伟" in ids and "org/中共太原市委员会" in ids
    assert all(not i.startswith("article/") for i in ids)
    assert p.external == [] and p.console_errors == []
