"""The explorer page in a real headless Chromium, opened from file:// with the network off:
drawn, complete, searchable, filterable, and immune to hostile names."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from kg.export import write_html

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="module")
def small_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(graphs.small_graph(), path, title="kg 测试图谱")
    return path


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTIFACTS / name
    page.screenshot(path=str(out))
    assert out.stat().st_size > 10_000
    return out


def assert_clean(p) -> None:
    assert p.external == [], "requests left the machine"
    assert p.other_files == [], "the page loaded other files"
    assert p.console_errors == []
    assert p.dialogs == []


def node_screen_position(page, node_id: str) -> tuple[float, float]:
    pos = page.evaluate(
        """id => { const c = window.kg.network.canvasToDOM(window.kg.network.getPosition(id));
                   const r = document.getElementById('kg-network').getBoundingClientRect();
                   return [r.left + c.x, r.top + c.y]; }""",
        node_id,
    )
    return pos[0], pos[1]


def test_page_draws_every_node_offline(open_page, small_page):
    p = open_page(small_page)
    G = graphs.small_graph()
    assert p.page.evaluate("window.kg.nodes.length") == G.number_of_nodes()
    assert sorted(p.page.evaluate("window.kg.nodes.getIds()")) == sorted(G.nodes)
    assert p.page.evaluate("window.kg.network.physics.physicsEnabled") is False  # switched off after stabilising
    assert p.page.locator("canvas").count() == 1
    assert p.page.title() == "kg 测试图谱"
    screenshot(p.page, "graph-small.png")
    assert_clean(p)


def test_search_finds_and_selects_zhou(open_page, small_page):
    p = open_page(small_page)
    p.page.fill("#kg-search", "周计伟")
    assert p.page.locator("#kg-results li").first.inner_text().startswith("周计伟")
    p.page.press("#kg-search", "Enter")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == ["person/周计伟"]
    details = p.page.inner_text("#kg-details")
    assert "周计伟" in details and "市委常委 @ 中共太原市委员会" in details and "调研/视察 → 老军营街道" in details
    screenshot(p.page, "graph-search.png")
    assert_clean(p)


def test_search_by_alias(open_page, small_page):
    p = open_page(small_page)
    p.page.fill("#kg-search", "市委")
    p.page.press("#kg-search", "Enter")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == ["org/中共太原市委员会"]
    p.page.fill("#kg-search", "不存在的名字")
    assert p.page.inner_text("#kg-results") == "没有找到"
    assert_clean(p)


def test_filter_by_type_hides_and_shows(open_page, small_page):
    p = open_page(small_page)
    hidden = "window.kg.nodes.get({filter: n => n.hidden === true}).map(n => n.id).sort()"
    p.page.uncheck('input.kg-type-filter[value="Place"]')
    places = sorted(n for n, t in graphs.small_graph().nodes(data="type") if t == "Place")
    assert p.page.evaluate(hidden) == places
    p.page.click("#kg-show-all")
    assert p.page.evaluate(hidden) == []
    assert_clean(p)


def test_hostile_name_shows_as_text(open_page, small_page):
    p = open_page(small_page)
    xss_id = f"person/{graphs.XSS_NAME}"
    # search, select: the details panel shows the name as text
    p.page.fill("#kg-search", "<img")
    p.page.press("#kg-search", "Enter")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == [xss_id]
    assert graphs.XSS_NAME in p.page.text_content("#kg-details")
    # hover: vis-network's tooltip holds our DOM text, not markup
    p.page.mouse.move(*node_screen_position(p.page, xss_id))
    tip = p.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert graphs.XSS_NAME in tip.text_content()
    # the headline that tries to close <script> is text too
    article = p.page.evaluate(f"window.kg.nodes.get('article/{graphs.A3}').title.textContent")
    assert graphs.XSS_HEADLINE in article
    assert p.page.evaluate("document.querySelectorAll('img, b, #kg-side script').length") == 0
    screenshot(p.page, "graph-xss.png")
    assert_clean(p)  # no alert dialog, no request for the 'x' image


def test_edge_tooltip_shows_sentence_and_headline(open_page, small_page):
    p = open_page(small_page)
    text = p.page.evaluate(
        """() => window.kg.edges.get({filter: e => e.from === 'person/周计伟' && e.kg.pred === 'visited'
                                               && e.to.endsWith('老军营街道')})[0].title.textContent"""
    )
    assert graphs.S_VISIT in text and "《周计伟在老军营街道调研》" in text and "调研/视察" in text
    assert_clean(p)


def test_large_graph_is_capped_and_still_drawn(open_page, tmp_path):
    G = graphs.large_graph(n_people=1200)
    assert G.number_of_nodes() > 1500
    path = tmp_path / "large.html"
    write_html(G, path)
    p = open_page(path)
    assert p.page.evaluate("window.kg.nodes.length") == 1500
    assert f"（共 {G.number_of_nodes()} 个）" in p.page.inner_text("#kg-note")
    p.page.fill("#kg-search", "机构1")
    p.page.press("#kg-search", "Enter")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == ["org/机构1"]
    screenshot(p.page, "graph-large.png")
    assert_clean(p)


def test_empty_and_single_node_pages(open_page, tmp_path):
    import networkx as nx

    for n in (0, 1):
        G = nx.MultiDiGraph()
        if n:
            G.add_node("person/周计伟", type="Person", label="周计伟", aliases=[])
        write_html(G, tmp_path / f"{n}.html")
        p = open_page(tmp_path / f"{n}.html")
        assert p.page.evaluate("window.kg.nodes.length") == n
        assert_clean(p)
