"""The charts' tick labels, as functions of a module (a ``FuncFormatter``'s), not lambdas: a figure that holds them
can be pickled, and unpickled in a process that has imported no more than matplotlib and this module
(:func:`likertkit.charts.figure_helpers` saves figures so).

Examples
--------
>>> percent_tick(40.0), distance_percent_tick(-40.0)
('40%', '40%')
"""

from __future__ import annotations

from likertkit.formats import with_percent_sign

__all__ = ["distance_percent_tick", "percent_tick"]


def percent_tick(value, position=None) -> str:
    """An axis tick of percents: ``40%``."""
    return with_percent_sign(value, 0)


def distance_percent_tick(value, position=None) -> str:
    """A diverging chart's tick, a percent either side of zero: ``40%`` at -40 and at 40."""
    return with_percent_sign(abs(value), 0)
