"""Helpers for extraction tests: parse one sentence as a one-sentence article."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.model import Article


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(text, dateline_place=None) -> (posts, claims)`` through the real pipeline."""

    def run(text: str, dateline_place: str | None = None, date: str | None = "2023-01-07"):
        article = Article("t/001", "t.txt", 1, text, date=date, dateline_place=dateline_place)
        return extract_article(nlp(text), article)

    return run
