"""The choices and defaults the ``likertkit`` command offers, importable with nothing heavy (no pandas, matplotlib,
seaborn, scipy or numba): ``likertkit --help`` names them without loading the stages that use them."""

from __future__ import annotations

__all__ = ["MIN_GROUP", "PALETTES"]

MIN_GROUP = 5  # groups of fewer respondents are listed, not compared (MIN_GROUP=)

PALETTES = ("RdBu", "PuOr", "BrBG", "PRGn", "PiYG", "RdYlBu")
"""The diverging colour palettes a chart may use (PALETTE=): ColorBrewer's that stay distinguishable with the common
colour-vision deficiencies, as matplotlib names them."""
