"""Fixtures of the export tests: the hand-made graph of tests/export/graphs.py and its Turtle."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest


def _load_graphs():
    """tests/export/graphs.py, registered as ``kg_test_graphs`` so test modules can import it
    (pytest runs in importlib mode: test folders are not on sys.path)."""
    if "kg_test_graphs" in sys.modules:
        return sys.modules["kg_test_graphs"]
    spec = importlib.util.spec_from_file_location("kg_test_graphs", Path(__file__).with_name("graphs.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["kg_test_graphs"] = module
    spec.loader.exec_module(module)
    return module


graphs = _load_graphs()


@pytest.fixture
def G():
    """A fresh copy of the small hand-made graph (tests may change it)."""
    return graphs.small_graph()


@pytest.fixture(scope="session")
def small_ttl(tmp_path_factory) -> Path:
    from kg.export import write_turtle

    path = tmp_path_factory.mktemp("ttl") / "graph.ttl"
    write_turtle(graphs.small_graph(), path)
    return path
