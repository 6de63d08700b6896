"""kg — a knowledge-graph builder for Chinese government news.

Pipeline, one direction: ingest -> nlp -> extract -> resolve -> graph -> export.

>>> import kg
>>> nlp = kg.load_pipeline()                      # doctest: +SKIP
>>> G = kg.build_graph(["seeds"])                 # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_pipeline", "build_graph", "read_pages"]


def __getattr__(name: str):
    # Lazy imports: `import kg` stays cheap (no spaCy / ONNX start-up) until a stage is used.
    if name == "load_pipeline":
        from kg.nlp import load_pipeline

        return load_pipeline
    if name == "build_graph":
        from kg.graph import build_graph

        return build_graph
    if name == "read_pages":
        from kg.ingest import read_pages

        return read_pages
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
