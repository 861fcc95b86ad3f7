"""How every chart looks: seaborn's "whitegrid" theme with reproducible files, colour-blind-safe palettes (one hue
for a scale with no positive end), text colours that contrast with their background, and each figure marked with
the function that drew it. Nothing here imports seaborn (0.6 s with the scipy.stats it loads): its theme, palettes
and heat map are written out, and the tests check each against seaborn's own."""

from __future__ import annotations

import functools

import matplotlib as mpl
import numpy as np
import pandas as pd

from likertkit.charts.files import REPRODUCIBLE_RC
from likertkit.defaults import PALETTES

__all__ = ["COLOUR_BLIND", "DARK_TEXT", "MAX_BARS", "NEUTRAL_GREY", "SEQUENTIAL", "THEME", "apply_style",
           "colormap_colours", "drawn_by", "has_no_direction", "palette", "text_colour"]

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


# What seaborn 0.13's set_theme(style="whitegrid", context="notebook") sets, but for its default colormap ("rocket",
# which only seaborn registers and no chart here uses): the tests compare it with seaborn's.
THEME = {
    "axes.axisbelow": True, "axes.edgecolor": ".8", "axes.grid": True, "axes.labelcolor": ".15", "axes.labelsize": 12.0,
    "axes.linewidth": 1.25, "axes.titlesize": 12.0, "font.size": 12.0, "grid.color": ".8", "grid.linewidth": 1.0,
    "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
    "legend.fontsize": 11.0, "legend.title_fontsize": 12.0, "lines.solid_capstyle": "round", "patch.edgecolor": "w",
    "patch.force_edgecolor": True, "text.color": ".15", "xtick.bottom": False, "xtick.color": ".15",
    "xtick.labelsize": 11.0, "xtick.major.size": 6.0, "xtick.major.width": 1.25, "xtick.minor.size": 4.0,
    "xtick.minor.width": 1.0, "ytick.color": ".15", "ytick.labelsize": 11.0, "ytick.left": False,
    "ytick.major.size": 6.0, "ytick.major.width": 1.25, "ytick.minor.size": 4.0, "ytick.minor.width": 1.0,
    "axes.prop_cycle": mpl.cycler("color", ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860",
                                            "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"]),  # seaborn's "deep"
}

# seaborn's "colorblind" palette (Okabe & Ito's colours, reordered): the groups of a construct chart.
COLOUR_BLIND = ("#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494", "#ece133",
                "#56b4e9")


def apply_style():
    """seaborn's "whitegrid" theme (:data:`THEME`) plus the settings that make figure files byte-identical between
    runs."""
    mpl.rcParams.update(THEME)
    mpl.rcParams.update(REPRODUCIBLE_RC)


def colormap_colours(name: str, n: int) -> list:
    """``n`` colours, as hex, sampled evenly from a colormap without its two ends (for contrast at the extremes), as
    seaborn's ``color_palette(name, n)`` samples a matplotlib colormap; ``"crest"`` is seaborn's
    (:mod:`likertkit.charts.crest`).

    >>> colormap_colours("RdBu", 3)
    ['#e58368', '#f6f7f7', '#68abd0']
    """
    from likertkit.charts.crest import CREST

    cmap = mpl.colors.ListedColormap(CREST, "crest") if name == "crest" else mpl.colormaps[name]
    return [mpl.colors.rgb2hex(colour) for colour in cmap(np.linspace(0, 1, int(n) + 2)[1:-1])[:, :3]]




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
        return colormap_colours(SEQUENTIAL, k)
    from likertkit.stats.items import agreement_codes

    lower, upper = (len(codes) for codes in agreement_codes(scale))
    reach = max(lower, upper)  # the longer side spans the palette; the shorter takes the shades nearest the centre
    colours = colormap_colours(name, 2 * reach + 1)
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
