"""Packages whose public names load their modules when first used (PEP 562), so that importing a package costs
nothing until one of its names is asked for.

Examples
--------
>>> namespace = {"__name__": "demo"}
>>> getattr_, dir_ = attach(namespace, {"sqrt": "math", "root": "math:sqrt"})
>>> getattr_("root")(9.0), dir_()
(3.0, ['__name__', 'root', 'sqrt'])
"""

from __future__ import annotations

import importlib

__all__ = ["attach"]


def attach(namespace: dict, api: dict):
    """The ``__getattr__`` and ``__dir__`` of the package whose ``globals()`` is ``namespace``, for ``api``:
    ``{public name: "module"}``, or ``"module:name"`` where the module holds it under another name."""
    def __getattr__(name):
        if name in api:
            module, _, attribute = api[name].partition(":")
            return getattr(importlib.import_module(module), attribute or name)
        raise AttributeError(f"module {namespace['__name__']!r} has no attribute {name!r}")

    def __dir__():
        return sorted({*namespace, *api})

    return __getattr__, __dir__
