"""The examples in kg.nlp's docstrings run and hold (pytest here does not collect doctests)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.nlp.splits", "kg.nlp.patterns", "kg.nlp.gazetteer", "kg.nlp.components", "kg.nlp.lac"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
