"""Shared fixtures. The spaCy pipeline loads the LAC model once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD_DIR = Path(__file__).resolve().parent / "fixtures" / "gold"


def seed_pages() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def gold_pages() -> list[tuple[Path, dict]]:
    """(seed page, gold) for every seed page that has hand-made gold."""
    out = []
    for gold_file in sorted(GOLD_DIR.glob("*.json")):
        out.append((SEEDS / f"{gold_file.stem}.txt", json.loads(gold_file.read_text(encoding="utf-8"))))
    return out


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp import load_pipeline

    return load_pipeline()
