"""The explorer page in a real headless Chromium, opened from file:// with the network off: a
readable overview, a focused view whose labels never overlap, relations as links that move the
selection, filters that re-lay out, the selection in the URL hash, and hostile names as text."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg_test_graphs as graphs  # tests/export/graphs.py, registered by conftest.py
from kg.export import write_html
from kg.export.html import settings

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
VIEW = settings()["view"]
DRAWN = "window.kg.nodes.get({filter: n => n.font.color !== 'rgba(0,0,0,0)'}).map(n => n.id).sort()"


@pytest.fixture(scope="module")
def small_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(graphs.small_graph(), path, title="kg 测试图谱")
    return path


@pytest.fixture(scope="module")
def large_page(tmp_path_factory) -> tuple[Path, object]:
    G = graphs.large_graph(n_people=2000)
    path = tmp_path_factory.mktemp("html") / "large.html"
    write_html(G, path)
    return path, G


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


def wait_view(page, view: str) -> None:
    page.wait_for_function(f"window.kgReady === true && window.kgView === '{view}'", timeout=60_000)


def select(page, node_id: str) -> None:
    page.evaluate("id => window.kg.select(id)", node_id)
    wait_view(page, "focus")


def node_screen_position(page, node_id: str) -> tuple[float, float]:
    pos = page.evaluate(
        """id => { const c = window.kg.network.canvasToDOM(window.kg.network.getPosition(id));
                   const r = document.getElementById('kg-network').getBoundingClientRect();
                   return [r.left + c.x, r.top + c.y]; }""",
        node_id,
    )
    return pos[0], pos[1]


def overlapping_labels(page) -> list[tuple[str, str]]:
    """Pairs of drawn nodes whose boxes (shape and label, as vis-network computed them) meet."""
    boxes = page.evaluate(f"""() => {DRAWN}.map(id => [id, window.kg.network.getBoundingBox(id)])""")
    assert all(b["right"] > b["left"] and b["bottom"] > b["top"] for _, b in boxes)
    pairs = []
    for i, (a, p) in enumerate(boxes):
        for b, q in boxes[i + 1:]:
            if p["left"] < q["right"] and q["left"] < p["right"] and p["top"] < q["bottom"] and q["top"] < p["bottom"]:
                pairs.append((a, b))
    return pairs


def test_small_graph_opens_on_its_entities_without_articles(open_page, small_page):
    p = open_page(small_page)
    G = graphs.small_graph()
    entities = sorted(n for n, t in G.nodes(data="type") if t != "Article")
    assert p.page.evaluate("window.kg.nodes.getIds().sort()") == entities
    assert p.page.evaluate("window.kg.network.physics.physicsEnabled") is False  # switched off after the layout
    assert p.page.locator("canvas").count() == 1
    assert p.page.title() == "kg 测试图谱"
    assert p.page.evaluate("window.kg.network.getScale()") * VIEW["font_size"] >= VIEW["min_label_px"]
    p.page.check("#kg-articles")  # articles only when asked for
    wait_view(p.page, "overview")
    linked = {a for a in G if a.startswith("article/") and G.degree(a)}  # articles linked to a drawn entity
    assert sorted(p.page.evaluate("window.kg.nodes.getIds()")) == sorted(set(entities) | linked) and linked
    screenshot(p.page, "graph-small.png")
    assert_clean(p)


def test_first_view_of_a_large_graph_is_the_most_connected_150(open_page, large_page):
    path, G = large_page
    p = open_page(path)
    drawn = p.page.evaluate("window.kg.nodes.getIds()")
    assert len(drawn) == p.page.evaluate("window.kg.meta.overview") == 150
    assert not any(n.startswith("article/") for n in drawn)
    from kg.export.html import entity_degree

    degree = entity_degree(G)
    ranked = sorted((n for n in G if not n.startswith("article/")), key=lambda n: (-degree[n], n))
    assert sorted(drawn) == sorted(ranked[:150])
    assert p.page.evaluate("window.kg.network.getScale()") * VIEW["font_size"] >= VIEW["min_label_px"]
    screenshot(p.page, "graph-large-overview.png")
    assert_clean(p)


@pytest.mark.parametrize("node", ["place/省0/市0", "org/机构1", "person/人物1"])
def test_focused_view_labels_never_overlap(open_page, large_page, node):
    path, G = large_page
    p = open_page(path)
    select(p.page, node)
    drawn = p.page.evaluate(DRAWN)
    neighbours = set(G.predecessors(node)) | set(G.successors(node))
    neighbours = {n for n in neighbours if not n.startswith("article/")}
    assert set(drawn) - {node} <= neighbours
    assert len(drawn) - 1 == min(len(neighbours), VIEW["focus_max"])
    assert overlapping_labels(p.page) == []
    # the rest of the overview is still there, dimmed
    assert p.page.evaluate("window.kg.nodes.length") > len(drawn)
    screenshot(p.page, f"graph-focus-{node.replace('/', '_')}.png")
    assert_clean(p)


def test_overlap_check_can_fail(open_page, large_page):
    """Two drawn nodes moved onto each other are caught: the check above is not vacuous."""
    path, _ = large_page
    p = open_page(path)
    select(p.page, "org/机构1")
    a, b = p.page.evaluate(DRAWN)[:2]
    p.page.evaluate("([a, b]) => { const q = window.kg.network.getPosition(b); window.kg.network.moveNode(a, q.x + 3, q.y + 3); }", [a, b])
    assert (a, b) in overlapping_labels(p.page) or (b, a) in overlapping_labels(p.page)


def test_selection_focuses_and_the_panel_lists_posts_relations_and_articles(open_page, small_page):
    p = open_page(small_page)
    p.page.fill("#kg-search", "周计伟")
    assert p.page.locator("#kg-results li").first.inner_text().startswith("周计伟")
    p.page.press("#kg-search", "Enter")
    wait_view(p.page, "focus")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == ["person/周计伟"]
    assert p.page.evaluate("decodeURIComponent(location.hash)") == "#node=person/周计伟"
    details = p.page.inner_text("#kg-details")
    assert "市委常委、秘书长 @ 中共太原市委员会" in details and "调研/视察 → 老军营街道" in details
    assert graphs.S_VISIT in details and "《周计伟在老军营街道调研》 2023-01-07" in details
    assert "《市委经济工作会议召开》" in details  # its articles
    dimmed = p.page.evaluate("window.kg.nodes.get({filter: n => n.font.color === 'rgba(0,0,0,0)'}).map(n => n.id)")
    assert "project/晋源古城保护项目" in dimmed  # not a neighbour: dimmed, not gone
    screenshot(p.page, "graph-focus-zhou.png")
    assert_clean(p)


def test_a_click_on_a_relation_link_moves_the_selection(open_page, small_page):
    p = open_page(small_page)
    select(p.page, "person/周计伟")
    link = p.page.locator('#kg-details a.kg-link[data-node="org/太原市第十五中学校"]').first
    link.click()
    wait_view(p.page, "focus")
    p.page.wait_for_function("window.kgSelected === 'org/太原市第十五中学校'")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == ["org/太原市第十五中学校"]
    assert p.page.evaluate("decodeURIComponent(location.hash)") == "#node=org/太原市第十五中学校"
    assert "太原市第十五中学校" in p.page.inner_text("#kg-details .kg-tip-head")
    # and back, through the link of the other end
    p.page.locator('#kg-details a.kg-link[data-node="person/周计伟"]').first.click()
    p.page.wait_for_function("window.kgSelected === 'person/周计伟'")
    assert_clean(p)


def test_the_url_hash_restores_the_selection(open_page, small_page, tmp_path):
    shared = tmp_path / "shared.html"
    shared.write_bytes(small_page.read_bytes())
    p = open_page(shared, hash="#node=" + "org/%E4%B8%AD%E5%85%B1%E5%A4%AA%E5%8E%9F%E5%B8%82%E5%A7%94%E5%91%98%E4%BC%9A")
    wait_view(p.page, "focus")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == ["org/中共太原市委员会"]
    assert "中共太原市委员会" in p.page.inner_text("#kg-details")
    p.page.keyboard.press("Escape")
    wait_view(p.page, "overview")
    assert p.page.evaluate("location.hash") == ""
    assert_clean(p)


def test_filters_re_lay_out_what_stays(open_page, large_page):
    path, G = large_page
    p = open_page(path)
    before = p.page.evaluate("window.kg.network.getPositions()")
    p.page.uncheck('input.kg-type-filter[value="Place"]')
    wait_view(p.page, "overview")
    drawn = p.page.evaluate("window.kg.nodes.getIds()")
    assert len(drawn) == 150 and not any(n.startswith("place/") for n in drawn)
    after = p.page.evaluate("window.kg.network.getPositions()")
    assert any(before.get(n) != after[n] for n in drawn)  # laid out again, new nodes placed
    # by predicate: no partOf edge is drawn
    p.page.click("#kg-show-all")
    wait_view(p.page, "overview")
    p.page.uncheck('input.kg-pred-filter[value="partOf"]')
    wait_view(p.page, "overview")
    preds = p.page.evaluate("window.kg.edges.get().map(e => window.kg.data.preds[window.kg.data.edges[e.kgIndex][2]][0])")
    assert preds and "partOf" not in preds
    # by date: a focused person keeps only the relations dated in the range
    p.page.click("#kg-show-all")
    wait_view(p.page, "overview")
    select(p.page, "person/人物1")
    dates = p.page.evaluate("""() => window.kg.edges.get({filter: e => e.title}).map(e => window.kg.data.edges[e.kgIndex][4]).flat()""")
    dated = sorted(d for d in dates if d[:1].isdigit())
    assert len(set(dated)) >= 2
    cut = dated[len(dated) // 2]
    p.page.fill("#kg-from", cut)
    p.page.dispatch_event("#kg-from", "change")
    wait_view(p.page, "focus")
    kept = p.page.evaluate("""() => window.kg.edges.get({filter: e => e.title}).map(e => window.kg.data.edges[e.kgIndex][4])""")
    assert kept and all(not ds or any(d >= cut for d in ds) for ds in kept)
    assert len(kept) < len(dates)
    assert overlapping_labels(p.page) == []
    assert_clean(p)


def test_hostile_name_shows_as_text(open_page, small_page):
    p = open_page(small_page)
    xss_id = f"person/{graphs.XSS_NAME}"
    p.page.fill("#kg-search", "<img")
    p.page.press("#kg-search", "Enter")
    wait_view(p.page, "focus")
    assert p.page.evaluate("window.kg.network.getSelectedNodes()") == [xss_id]
    assert graphs.XSS_NAME in p.page.text_content("#kg-details")
    # hover: vis-network's tooltip holds our DOM text, not markup
    p.page.mouse.move(*node_screen_position(p.page, xss_id))
    tip = p.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert graphs.XSS_NAME in tip.text_content()
    # the headline that tries to close <script> is text too, in the panel's evidence
    assert graphs.XSS_HEADLINE in p.page.text_content("#kg-details")
    assert p.page.evaluate("document.querySelectorAll('img, b, #kg-side script').length") == 0
    screenshot(p.page, "graph-xss.png")
    assert_clean(p)  # no alert dialog, no request for the 'x' image


def test_edge_tooltip_shows_sentence_and_headline(open_page, small_page):
    p = open_page(small_page)
    select(p.page, "person/周计伟")
    text = p.page.evaluate(
        """() => window.kg.edges.get({filter: e => e.from === 'person/周计伟' && e.to.endsWith('老军营街道')})[0].title.textContent"""
    )
    assert graphs.S_VISIT in text and "《周计伟在老军营街道调研》" in text and "调研/视察" in text
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
        if n:
            select(p.page, "person/周计伟")
            assert "周计伟" in p.page.inner_text("#kg-details")
        assert_clean(p)
