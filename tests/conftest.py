"""Shared fixtures. The spaCy pipeline loads the LAC model once per test session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
#: The read-only development data beside the repository (gold, corpora, public NER sets, the
#: reference scorer); never copied in. KG_SHARED points elsewhere when it lives elsewhere.
SHARED = Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))
GOLD_DIR = SHARED / "gold"


def seed_pages() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def gold_pages() -> list[tuple[Path, dict]]:
    """(seed page, gold) for every seed page that has hand-made gold."""
    out = []
    for gold_file in sorted(GOLD_DIR.glob("*.json")):
        out.append((SEEDS / f"{gold_file.stem}.txt", json.loads(gold_file.read_text(encoding="utf-8"))))
    return out


@pytest.fixture(scope="session", autouse=True)
def _analysis_cache(tmp_path_factory):
    """Builds in tests use a cache of their own, never the user's ~/.cache/kg."""
    import os

    saved = os.environ.get("KG_CACHE_DIR")
    os.environ["KG_CACHE_DIR"] = str(tmp_path_factory.mktemp("kg-cache"))
    yield
    if saved is None:
        os.environ.pop("KG_CACHE_DIR", None)
    else:
        os.environ["KG_CACHE_DIR"] = saved


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_graph(nlp):
    """The graph of all five seed pages (years from seeds/manifest.toml)."""
    from kg.graph import build_graph

    return build_graph([SEEDS], nlp=nlp)


@pytest.fixture(scope="session")
def gold_graphs(nlp):
    """(gold, graph of that page alone) for every page with hand-made gold."""
    from kg.graph import build_graph

    return [(gold, build_graph([page], nlp=nlp)) for page, gold in gold_pages()]


@pytest.fixture(scope="session")
def seed_articles():
    """Every article of the seed pages, by id."""
    from kg.ingest import read_pages

    return {a.id: a for a in read_pages([SEEDS])}
