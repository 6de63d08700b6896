"""The docstring examples of the export modules run as tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.export.namespaces", "kg.export.common", "kg.export.turtle", "kg.export.html",
           "kg.export.synthetic", "kg.query"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
