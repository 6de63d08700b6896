"""The graph stage: one ``networkx.MultiDiGraph`` of resolved entities and relations.

See ``docs/graph-model.md`` for node and edge attributes. :func:`build_graph` runs the whole
pipeline (ingest -> nlp -> extract -> resolve -> graph); the plain functions in
:mod:`kg.graph.query` read a built graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from kg.graph.build import GraphBuilder, assemble
from kg.graph.query import ego, find, neighbours, posts_of, read_graph

__all__ = ["build_graph", "GraphBuilder", "assemble", "ego", "find", "neighbours", "posts_of", "read_graph"]


def build_graph(
    paths: Iterable[str | Path],
    *,
    profile: str | Path = "taiyuan_daily",
    year: int | None = None,
    nlp=None,
    n_process: int = 1,
    on_error: Callable | None = None,
) -> nx.MultiDiGraph:
    """Read pages (files or folders of ``.txt``) and return their knowledge graph.

    ``profile`` is a newspaper profile name or TOML path (home city and province);
    ``year`` completes month/day datelines when no manifest gives it; ``on_error`` receives
    an :class:`~kg.errors.InputError` per unreadable page (default: raise).

    >>> G = build_graph(["seeds"])                                  # doctest: +SKIP
    >>> G.nodes["person/周计伟"]["roles"]                            # doctest: +SKIP
    ['official']
    """
    from kg.ingest import read_pages
    from kg.nlp import load_pipeline
    from kg.pipeline import analyse
    from kg.resolve import Resolver, load_profile

    nlp = nlp or load_pipeline()
    resolver = Resolver(load_profile(profile))
    articles = read_pages(paths, year=year, on_error=on_error)
    return assemble(analyse(articles, nlp, n_process=n_process), resolver)
