"""Fixtures of the resolve tests: one resolver per profile per session (the gazetteer is
loaded once per process anyway, but the tables and memo caches need not be rebuilt)."""

from __future__ import annotations

import pytest

from kg.resolve import Gazetteer, Resolver


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> Resolver:
    return Resolver("taiyuan_daily", gazetteer)


@pytest.fixture()
def fresh(gazetteer: Gazetteer) -> Resolver:
    """A resolver with an empty merge and problem log."""
    return Resolver("taiyuan_daily", gazetteer)
