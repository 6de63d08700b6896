"""Small helpers for notebooks: Chinese text in matplotlib, the entity graph, ego pictures.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs: every name would be drawn as
an empty box ("tofu") with a ``Glyph … missing from font(s)`` warning. :func:`cjk_font` finds
an installed font that does draw Chinese (the candidates are listed in
``kg/data/plot/cjk_fonts.txt``; Debian's ``fonts-noto-cjk`` provides the first ones) and
:func:`use_cjk_font` makes it matplotlib's default.

:func:`entity_graph` is the graph to measure centrality and communities on,
:func:`draw_ego` draws the neighbourhood of one entity with Chinese labels, and
:func:`query_frame` turns a SPARQL answer into a pandas DataFrame. Figures are made
with :class:`matplotlib.figure.Figure` (no pyplot state), so they work without a display and a
notebook shows the returned figure once.

matplotlib is imported only by this module, which nothing in the build pipeline imports: it
comes with kg's test extras (``pip install -e '.[test]'``), as does pandas (imported by
:func:`query_frame` only).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import networkx as nx
from matplotlib import font_manager, rcParams
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from kg.errors import ExportError, QueryError, UsageError
from kg.graph.query import ego, find
from kg.resources import data_path, load_list
from kg.schema import SCHEMA

#: The candidate font families, one per line, best first.
FONT_LIST = "plot/cjk_fonts.txt"
#: Characters a font must draw to count as a Chinese font (common, simplified and traditional).
PROBE = "中文汉字简體"


@lru_cache(maxsize=None)
def _draws(fname: str, text: str) -> bool:
    """Whether the font file has a glyph for every character of ``text``."""
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(fname)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(font.get_char_index(ord(ch)) for ch in text)


def _installed() -> dict[str, list[str]]:
    """Font files by family name, as matplotlib's font manager knows them."""
    files: dict[str, list[str]] = defaultdict(list)
    for entry in font_manager.fontManager.ttflist:
        files[entry.name].append(entry.fname)
    return files


def _add_new_system_fonts() -> int:
    """Register fonts installed after matplotlib cached its font list; how many were added.

    matplotlib builds its font list once (``~/.cache/matplotlib``) and does not look again, so a
    font installed later (``apt-get install fonts-noto-cjk``) is unknown until it is added.
    """
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    added = 0
    for path in sorted(font_manager.findSystemFonts()):
        if path not in known:
            try:
                font_manager.fontManager.addfont(path)
                added += 1
            except (OSError, RuntimeError, ValueError):
                continue
    return added


def _first_drawing(names: Iterable[str]) -> str | None:
    files = _installed()
    for name in names:
        if any(_draws(fname, PROBE) for fname in files.get(name, ())):
            return name
    return None


def cjk_font(candidates: Iterable[str] | None = None) -> str:
    """The first installed font family (of ``candidates``, by default the data file's list)
    that draws Chinese; raises ``ExportError`` E403 naming the candidates when there is none.

    >>> cjk_font()                                      # doctest: +SKIP
    'Noto Sans CJK SC'
    >>> cjk_font(["No Such Font"])
    Traceback (most recent call last):
    ...
    kg.errors.ExportError: [E403] no font with Chinese glyphs for plots (none of No Such Font is installed with Chinese glyphs; install one (Debian: apt-get install fonts-noto-cjk))
    """
    names = tuple(candidates) if candidates is not None else load_list(FONT_LIST)
    found = _first_drawing(names)
    if found is None and _add_new_system_fonts():
        found = _first_drawing(names)
    if found is None:
        raise ExportError(
            "E403",
            data_path(FONT_LIST) if candidates is None else None,
            detail=f"none of {', '.join(names)} is installed with Chinese glyphs; "
            "install one (Debian: apt-get install fonts-noto-cjk)",
        )
    return found


def use_cjk_font(family: str | None = None) -> str:
    """Make a Chinese font matplotlib's default sans-serif font; returns its family name.

    Latin letters and digits are drawn with it too (the Noto CJK fonts include them), so a
    figure has one consistent look.
    """
    family = cjk_font([family] if family else None)
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [family] + [f for f in rcParams["font.sans-serif"] if f != family]
    return family


def entity_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """The entities and the relations between them, as a simple undirected weighted graph.

    Article nodes are left out, and with them the ``mentions`` and ``authored`` edges: every
    entity of an article would otherwise be two steps from every other through the article
    node, so the articles with most names would dominate degree and betweenness and say
    nothing about who is linked to whom. What stays is what the text states (posts, visits,
    co-operation, organisation structure, the place hierarchy, co-appearance).

    Parallel edges between two entities become one edge whose ``weight`` adds them up
    (a ``coAppearsWith`` edge counts its shared articles) and whose ``predicates`` lists them.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("article/p/001", type="Article", label="市领导赴迎泽区")
    >>> G.add_node("person/周计伟", type="Person", label="周计伟")
    >>> G.add_node("org/中共太原市委员会", type="Organization", label="中共太原市委员会")
    >>> _ = G.add_edge("article/p/001", "person/周计伟", predicate="mentions")
    >>> _ = G.add_edge("person/周计伟", "org/中共太原市委员会", predicate="holdsPost", title="市委常委")
    >>> _ = G.add_edge("person/周计伟", "org/中共太原市委员会", predicate="holdsPost", title="秘书长")
    >>> H = entity_graph(G)
    >>> sorted(H)
    ['org/中共太原市委员会', 'person/周计伟']
    >>> H.edges["person/周计伟", "org/中共太原市委员会"]
    {'weight': 2, 'predicates': ['holdsPost']}
    """
    H = nx.Graph()
    H.add_nodes_from(sorted((n, d) for n, d in G.nodes(data=True) if d.get("type") != "Article"))
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2].get("predicate", ""))):
        if u not in H or v not in H or u == v:
            continue
        weight = d.get("weight", 1) if d.get("predicate") == "coAppearsWith" else 1
        if H.has_edge(u, v):
            H[u][v]["weight"] += weight
            if d["predicate"] not in H[u][v]["predicates"]:
                H[u][v]["predicates"] = sorted([*H[u][v]["predicates"], d["predicate"]])
        else:
            H.add_edge(u, v, weight=weight, predicates=[d["predicate"]])
    return H


def node_id(G: nx.MultiDiGraph, name: str) -> str:
    """A node id from an id or a name (label or alias), preferring entities to articles.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org/中共太原市委员会", type="Organization", label="中共太原市委员会", aliases=["市委"])
    >>> node_id(G, "市委")
    'org/中共太原市委员会'
    >>> node_id(G, "市政府")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: [E902] no entity named '市政府'
    """
    if name in G:
        return name
    found = find(G, name)
    entities = [n for n in found if G.nodes[n].get("type") != "Article"]
    if not (entities or found):
        raise UsageError("E902", detail=repr(name))
    return (entities or found)[0]


def _wrap(text: str, width: int) -> str:
    """Break a long Chinese name into lines of ``width`` characters.

    >>> print(_wrap("中共太原市纪律检查委员会", 6))
    中共太原市纪
    律检查委员会
    """
    return "\n".join(text[i : i + width] for i in range(0, len(text), width)) or text


def _edge_text(data: dict) -> str:
    """The words on a drawn edge: the predicate's Chinese name, and the title of a post."""
    text = SCHEMA.predicate(data["predicate"]).zh
    return f"{text}：{data['title']}" if data.get("title") else text


def draw_ego(
    G: nx.MultiDiGraph,
    node: str,
    radius: int = 1,
    *,
    seed: int = 7,
    font: str | None = None,
    width: int = 8,
    size: tuple[float, float] = (10.0, 8.0),
) -> Figure:
    """A picture of the entities within ``radius`` steps of ``node`` (an id or a name).

    Nodes are coloured by type as in the HTML explorer (``kg/data/schema.toml``), the centre
    is drawn larger, and each line says what links the two ends (``任职：市委常委``,
    ``调研/视察`` …), with an arrow from subject to object. Articles are left out (see
    :func:`entity_graph`). The layout is seeded, so the same graph gives the same picture.
    Save it with ``fig.savefig("ego.png", dpi=150)``.
    """
    centre = node_id(G, node)
    family = cjk_font([font] if font else None)
    sub = ego(G, centre, radius=radius)
    texts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, d in sub.edges(data=True):
        texts[(u, v)].add(_edge_text(d))
    D = nx.DiGraph()
    D.add_nodes_from(sorted(sub.nodes))
    D.add_edges_from(sorted(texts))
    pos = nx.spring_layout(D.to_undirected(as_view=True), seed=seed, k=2.5 / max(len(D), 1) ** 0.5)

    fig = Figure(figsize=size, layout="tight")
    ax = fig.add_subplot()
    types = [sub.nodes[n].get("type", "") for n in D]
    colours = [SCHEMA.types[t].color if t in SCHEMA.types else "#cccccc" for t in types]
    sizes = [1400 if n == centre else 700 for n in D]
    nx.draw_networkx_edges(D, pos, ax=ax, node_size=sizes, edge_color="#8a8a8a", arrows=True, arrowsize=12)
    nx.draw_networkx_nodes(D, pos, ax=ax, node_color=colours, node_size=sizes, alpha=0.9, linewidths=0)
    labels = {n: _wrap(sub.nodes[n].get("label", n), width) for n in D}
    nx.draw_networkx_labels(D, pos, labels=labels, ax=ax, font_family=family, font_size=9)
    edge_labels = {pair: "、".join(sorted(t)) for pair, t in texts.items()}
    nx.draw_networkx_edge_labels(
        D, pos, edge_labels=edge_labels, ax=ax, font_family=family, font_size=7, font_color="#444444"
    )
    present = sorted(set(types) & set(SCHEMA.types), key=list(SCHEMA.types).index)
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=9, color=SCHEMA.types[t].color,
               label=f"{SCHEMA.types[t].zh} {SCHEMA.types[t].en}")
        for t in present
    ]
    if handles:
        ax.legend(handles=handles, loc="lower right", prop={"family": family, "size": 8}, frameon=False)
    title = sub.nodes[centre].get("label", centre)
    ax.set_title(f"{title} 的关系网（{radius} 步以内，{len(D)} 个实体）", fontfamily=family)
    ax.axis("off")
    return fig


def save_figure(fig: Figure, path: str | Path, *, dpi: int = 150) -> Path:
    """Write a figure as PNG (or the suffix's format), creating the folder; returns the path."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=dpi)
    except OSError as exc:
        raise ExportError("E401", path, detail=exc.strerror or str(exc)) from exc
    return path


#: XSD datatypes whose literals become Python numbers in a DataFrame.
_NUMBERS = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#int": int,
    "http://www.w3.org/2001/XMLSchema#long": int,
    "http://www.w3.org/2001/XMLSchema#nonNegativeInteger": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
    "http://www.w3.org/2001/XMLSchema#float": float,
}


def _cell(term: object, prefixes: dict[str, str]) -> object:
    """A SPARQL term as a table cell: numbers as numbers, other literals as their text, IRIs
    shortened with kg's prefixes (``kgr:person/周计伟``), unbound as ``None``."""
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        convert = _NUMBERS.get(term.datatype.value)
        try:
            return convert(term.value) if convert else term.value
        except ValueError:
            return term.value
    if isinstance(term, ox.NamedNode):
        for prefix, ns in prefixes.items():
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    return str(term)


def query_frame(store, sparql: str, *, short_iris: bool = True):
    """Run a SELECT query on a pyoxigraph store and return the rows as a pandas DataFrame.

    ``store`` comes from :func:`kg.query.load_store` (the graph's Turtle plus kg's ontology),
    so a notebook loads the graph once and asks many questions. kg's prefixes (``kg:``,
    ``kgr:``, ``org:``, ``prov:``, ``dcterms:`` …) are predeclared, as in ``kg query``.
    IRIs are shown with those prefixes (``kgr:person/周计伟``) unless ``short_iris=False``
    (full IRIs, to paste back into another query as ``<…>``).

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("https://w3id.org/kg/id/person/周计伟"),
    ...                   ox.NamedNode("https://w3id.org/kg/ontology#mentionCount"), ox.Literal("3", datatype=ox.NamedNode(
    ...                   "http://www.w3.org/2001/XMLSchema#integer"))))
    >>> query_frame(store, "SELECT ?who ?n WHERE { ?who kg:mentionCount ?n }").to_dict("records")
    [{'who': 'kgr:person/周计伟', 'n': 3}]
    >>> query_frame(store, "ASK { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: [E501] SPARQL query failed (only a SELECT query gives a table)
    """
    import pandas as pd
    import pyoxigraph as ox

    from kg.export.namespaces import PREFIXES

    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    try:
        result = store.query(sparql, prefixes=prefixes)
    except SyntaxError as exc:
        raise QueryError("E501", detail=f"syntax error in the query: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError("E501", detail=str(exc)) from exc
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("E501", detail="only a SELECT query gives a table")
    names = [v.value for v in result.variables]
    shorten = prefixes if short_iris else {}
    rows = [[_cell(solution[name], shorten) for name in names] for solution in result]
    return pd.DataFrame(rows, columns=names)
