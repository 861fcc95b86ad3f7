"""Every example in the packages' docstrings runs and prints what it says (numpydoc "Examples" sections).

Only modules whose docstrings hold an example are run (a doctest of a module without one would pass without
testing anything); ``__main__`` modules are commands, not examples.
"""

import doctest
import importlib
import inspect
import pkgutil

import pytest

import likertkit
import loechting2020

MODULES = sorted(m.name for package in (likertkit, loechting2020)
                 for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
                 if not m.name.endswith("__main__"))
WITH_EXAMPLES = [name for name in MODULES if ">>>" in inspect.getsource(importlib.import_module(name))]


def test_examples_are_found():
    assert len(WITH_EXAMPLES) >= 10, WITH_EXAMPLES


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("name", likertkit.__all__)
def test_every_public_name_has_parameters_and_a_running_example(name):
    """numpydoc, as pingouin writes it: Parameters, and an Examples section that the test above runs."""
    obj = getattr(likertkit, name)
    doc = inspect.getdoc(obj) or ""
    assert "Parameters\n----------" in doc and "Examples\n--------" in doc and ">>>" in doc, name
    assert obj.__module__ in WITH_EXAMPLES, obj.__module__
