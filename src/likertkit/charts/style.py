"""How every chart looks: seaborn's theme with reproducible files, colour-blind-safe palettes (one hue for a
scale with no positive end), text colours that contrast with their background, and each figure marked with
the function that drew it."""

from __future__ import annotations

import functools

import matplotlib as mpl
import numpy as np
import pandas as pd
import seaborn as sns

from likertkit.charts.files import REPRODUCIBLE_RC
from likertkit.defaults import PALETTES

__all__ = ["DARK_TEXT", "MAX_BARS", "NEUTRAL_GREY", "SEQUENTIAL", "apply_style", "drawn_by", "has_no_direction",
           "palette", "text_colour"]

NEUTRAL_GREY = "#d4d4d4"


# More bars than this make a chart nobody can read (and a PNG too tall to save): the report then gives tables.
MAX_BARS = 200


def drawn_by(function):
    """Mark the figure a plotting function returns with the function's public name, for the files' metadata:
    ``likertkit.charts.plot_diverging`` (the package it is used from, not the module inside it that holds it)."""
    public = function.__module__.rpartition(".")[0] if function.__module__.startswith("likertkit.charts.") \
        else function.__module__

    @functools.wraps(function)
    def draw(*args, **kwargs):
        fig = function(*args, **kwargs)
        fig.likertkit_drawn_by = f"{public}.{function.__name__}"
        return fig
    return draw


def apply_style():
    """Seaborn's theme plus the settings that make figure files byte-identical between runs."""
    sns.set_theme(style="whitegrid", context="notebook")
    mpl.rcParams.update(REPRODUCIBLE_RC)




# A scale with no positive end (how often, how much: see likertkit.scales.direction) is drawn in one hue, light to dark.
SEQUENTIAL = "crest"


def has_no_direction(scale: pd.DataFrame) -> bool:
    """Whether the scale was marked as having no positive end (:func:`likertkit.scales.direction.orient`)."""
    return "direction" in scale and bool((scale["direction"].astype(str) == "none").all())


def palette(scale: pd.DataFrame, name: str = "RdBu") -> list:
    """The colours of a scale's answers: a colour-blind-safe diverging palette (``name``, one of
    :data:`likertkit.defaults.PALETTES`: ColorBrewer RdBu unless told), a neutral middle answer in light grey, and
    a side with fewer answers than the other in the shades nearest the centre; for a scale with no positive end,
    one hue from light to dark, so that neither end looks good or bad."""
    if name not in PALETTES:
        raise ValueError(f"palette {name!r} is not one of {', '.join(PALETTES)}")
    k = len(scale)
    if has_no_direction(scale):
        return sns.color_palette(SEQUENTIAL, k).as_hex()
    from likertkit.stats.items import agreement_codes

    lower, upper = (len(codes) for codes in agreement_codes(scale))
    reach = max(lower, upper)  # the longer side spans the palette; the shorter takes the shades nearest the centre
    colours = sns.color_palette(name, 2 * reach + 1).as_hex()
    middle = [NEUTRAL_GREY] * (k - lower - upper)  # a neutral answer, when the scale has one
    return colours[reach - lower:reach] + middle + colours[reach + 1:reach + 1 + upper]


DARK_TEXT = "#222222"


def _luminance(colour) -> float:
    """WCAG relative luminance of a colour."""
    channels = np.array(mpl.colors.to_rgb(colour))
    linear = np.where(channels <= 0.03928, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def text_colour(background) -> str:
    """White or near-black, whichever contrasts more with ``background`` (WCAG contrast ratio)."""
    light = _luminance(background)
    white, dark = 1.05 / (light + 0.05), (light + 0.05) / (_luminance(DARK_TEXT) + 0.05)
    return "white" if white > dark else DARK_TEXT
