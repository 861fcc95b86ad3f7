"""Every example in the package's docstrings runs and prints what it says (numpydoc "Examples" sections)."""

import doctest
import importlib
import pkgutil

import pytest

import likertkit

MODULES = sorted(m.name for m in pkgutil.iter_modules(likertkit.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(f"likertkit.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
