"""kg.plot: Chinese text is drawn with real glyphs (no tofu), the entity graph, ego pictures."""

from __future__ import annotations

import doctest
import importlib
import warnings
from pathlib import Path

import matplotlib
import networkx as nx
import pytest
from matplotlib.figure import Figure

from kg.errors import ExportError, UsageError
from kg.plot import PROBE, _draws, cjk_font, draw_ego, entity_graph, save_figure, use_cjk_font
from kg.resources import load_list

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
TOFU = "missing from font"


def small_graph() -> nx.MultiDiGraph:
    """Two officials, their bodies, a district and the article that names them."""
    G = nx.MultiDiGraph()
    nodes = {
        "article/p/001": ("Article", "市领导赴迎泽区调研督导工作"),
        "person/周计伟": ("Person", "周计伟"),
        "person/武晓花": ("Person", "武晓花"),
        "org/中共太原市委员会": ("Organization", "中共太原市委员会"),
        "org/中共太原市纪律检查委员会": ("Organization", "中共太原市纪律检查委员会"),
        "place/山西省/太原市/迎泽区": ("Place", "迎泽区"),
        "place/山西省/太原市": ("Place", "太原市"),
    }
    for node, (etype, label) in nodes.items():
        G.add_node(node, type=etype, label=label, aliases=[])
    for node in nodes:
        if not node.startswith("article/"):
            G.add_edge("article/p/001", node, predicate="mentions")
    G.add_edge("person/周计伟", "org/中共太原市委员会", predicate="holdsPost", title="市委常委")
    G.add_edge("person/周计伟", "org/中共太原市纪律检查委员会", predicate="holdsPost", title="纪委书记")
    G.add_edge("person/武晓花", "org/中共太原市委员会", predicate="holdsPost", title="市委常委")
    G.add_edge("person/周计伟", "place/山西省/太原市/迎泽区", predicate="visited")
    G.add_edge("place/山西省/太原市/迎泽区", "place/山西省/太原市", predicate="partOf", source="gazetteer")
    G.add_edge("person/周计伟", "person/武晓花", predicate="coAppearsWith", weight=3)
    return G


def glyph_warnings(fig: Figure, path: Path) -> list[str]:
    """Save the figure (which draws every text) and return matplotlib's missing-glyph warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save_figure(fig, path)
    return [str(w.message) for w in caught if TOFU in str(w.message)]


def test_the_font_found_draws_chinese():
    family = cjk_font()
    assert family in load_list("plot/cjk_fonts.txt")
    files = [e.fname for e in matplotlib.font_manager.fontManager.ttflist if e.name == family]
    assert files and any(_draws(f, PROBE + "周计伟迎泽区") for f in files)


def test_ego_picture_has_no_tofu():
    path = ARTIFACTS / "plot-ego.png"
    path.unlink(missing_ok=True)
    fig = draw_ego(small_graph(), "周计伟", radius=2)
    assert glyph_warnings(fig, path) == []
    assert path.stat().st_size > 10_000
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"周计伟", "武晓花", "迎泽区", "任职：市委常委", "调研/视察"} <= texts


def test_default_font_chart_has_no_tofu_after_use_cjk_font():
    with matplotlib.rc_context():
        family = use_cjk_font()
        assert matplotlib.rcParams["font.sans-serif"][0] == family
        fig = Figure(figsize=(4, 3))
        ax = fig.add_subplot()
        ax.bar(["周计伟", "李永强", "武晓花"], [3, 5, 2])
        ax.set_title("提及次数 mentions")
        assert glyph_warnings(fig, ARTIFACTS / "plot-bars.png") == []


def test_the_check_sees_tofu_with_a_latin_font(tmp_path):
    """The control: the same names in DejaVu Sans (no Chinese) do raise the warning."""
    fig = Figure(figsize=(3, 2))
    fig.text(0.1, 0.5, "周计伟 迎泽区", fontfamily="DejaVu Sans")
    assert any("missing from font" in w for w in glyph_warnings(fig, tmp_path / "tofu.png"))


def test_no_chinese_font_is_a_clear_error():
    with pytest.raises(ExportError, match=r"E403.*No Such Font.*fonts-noto-cjk"):
        cjk_font(["No Such Font"])
    with pytest.raises(ExportError, match="E403"):
        cjk_font(["DejaVu Sans"])  # installed, but without Chinese glyphs
    with pytest.raises(ExportError, match="E403"):
        use_cjk_font("DejaVu Sans")


def test_entity_graph_leaves_out_articles_and_sums_parallel_edges():
    H = entity_graph(small_graph())
    assert not any(n.startswith("article/") for n in H)
    assert H.number_of_nodes() == 6
    assert H.edges["person/周计伟", "org/中共太原市委员会"] == {"weight": 1, "predicates": ["holdsPost"]}
    assert H.edges["person/周计伟", "person/武晓花"]["weight"] == 3  # shared articles
    assert dict(H.degree())["person/周计伟"] == 4


def test_ego_unknown_name_is_a_usage_error():
    with pytest.raises(UsageError, match="E902.*'不存在'"):
        draw_ego(small_graph(), "不存在")


def test_ego_is_deterministic():
    a = draw_ego(small_graph(), "person/周计伟")
    b = draw_ego(small_graph(), "person/周计伟")
    pos = lambda fig: sorted((t.get_text(), t.get_position()) for t in fig.axes[0].texts)  # noqa: E731
    assert pos(a) == pos(b)


def test_docstring_examples():
    result = doctest.testmod(importlib.import_module("kg.plot"), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
