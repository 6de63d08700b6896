"""Every example in kg's docstrings runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(m.name for m in pkgutil.walk_packages(kg.__path__, "kg."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples failed"


def test_the_examples_are_there():
    """Most modules document themselves by example; a doctest run that finds none is broken."""
    with_examples = [
        name for name in MODULES
        if doctest.DocTestFinder().find(importlib.import_module(name)) and any(
            t.examples for t in doctest.DocTestFinder().find(importlib.import_module(name))
        )
    ]
    assert len(with_examples) >= 25, with_examples
