"""Showing tables and figures to readers: in JupyterLab, in the HTML report and on a site built from notebooks.

:func:`for_reading` makes every DataFrame a notebook shows a table for reading (no 0, 1, 2 … index beside
the real one, readable headers, text left-aligned and wrapped, numbers right-aligned, wide tables
scrolling inside their own box); :func:`show` displays a figure with its alt text, which the report page puts
on the ``<img>`` and a site builder (myst-nb) can hand on. The HTML is written here, with
inline styles and no random ids, so a re-run gives the same bytes (nbval compares them).

Examples
--------
>>> import pandas as pd
>>> readable_header("valid_pct_4"), readable_header("pct_agree_ci_low"), readable_header("sd")
('valid % 4', '% agree CI low', 'SD')
>>> html = table_html(pd.DataFrame({"item": [1], "label": ["MSD challenging"]}))
>>> "<th" in html and ">0<" not in html
True
"""

from __future__ import annotations

import html
import io
import numbers

import pandas as pd

from likertkit.io.files import LINE_INDEX

__all__ = ["ABBREVIATIONS", "MAX_ROWS", "WRAP_FROM", "figure_png", "for_reading", "readable_header", "show",
           "table_html"]

ABBREVIATIONS = {"pct": "%", "ci": "CI", "sd": "SD", "iqr": "IQR", "q1": "Q1", "q3": "Q3", "id": "id", "ids": "ids"}


MAX_ROWS = 200


# A text column whose longest value is longer than this gets room to wrap instead of one long line.
WRAP_FROM = 40


_BOX = "overflow-x:auto;max-width:100%;margin:0.5em 0"


_TABLE = "border-collapse:collapse;font-size:0.9em;line-height:1.35"


_HEAD = "padding:0.3em 0.6em;border-bottom:2px solid #666;vertical-align:bottom;"


_CELL = "padding:0.25em 0.6em;border-bottom:1px solid #ddd;vertical-align:top;"


def readable_header(name) -> str:
    """A column name as a reader's header: words, not snake_case; pct, ci, sd … as %, CI, SD …"""
    return " ".join(ABBREVIATIONS.get(word.lower(), word) for word in str(name).split("_") if word)


# Text that is a number as printed, such as "23 (37.7)" or "2.15 (0.9)": aligned right like numbers.
_PRINTED_NUMBER = r"[-+]?[\d.,]+%?(\s*\([-+]?[\d.,]+%?\))?"


def _is_numeric(column: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(column):
        return False
    if pd.api.types.is_numeric_dtype(column):
        return True
    values = column.dropna().astype(str)
    return bool(len(values)) and bool(values.str.fullmatch(_PRINTED_NUMBER).all())


def _cell(value, float_format) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) or (isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral)):
        return float_format(value) if float_format else f"{value:g}"
    return str(value)


def table_html(frame: pd.DataFrame, caption: str = "") -> str:
    """A DataFrame as an HTML table for reading. An unnamed index (row positions, such as 0, 1, 2 … or what is
    left of them after a filter) and the file line numbers a strict reader keeps (an index named ``line``) are
    left out; any other named index becomes the first column; at most :data:`MAX_ROWS` rows, with a note saying
    how many were left out."""
    plumbing = frame.index.nlevels == 1 and frame.index.name in (None, LINE_INDEX)
    shown = frame.reset_index(drop=plumbing) if not isinstance(frame.index, pd.RangeIndex) or frame.index.name else frame
    shown = shown.loc[:, ~shown.columns.duplicated()] if shown.columns.duplicated().any() else shown
    float_format = pd.get_option("display.float_format")
    heads, aligns = [], []
    for name in shown.columns:
        column = shown[name]
        numeric = _is_numeric(column)
        longest = 0 if numeric else int(column.astype(str).str.len().max() or 0) if len(column) else 0
        width = f"min-width:{min(longest, 60) // 2}em;" if longest > WRAP_FROM else ""
        align = "text-align:right;" if numeric else "text-align:left;"
        heads.append(f'<th scope="col" style="{_HEAD}{align}{width}">{html.escape(readable_header(name))}</th>')
        aligns.append(align)
    rows = []
    for values in shown.head(MAX_ROWS).itertuples(index=False):
        cells = "".join(f'<td style="{_CELL}{align}">{html.escape(_cell(value, float_format))}</td>'
                        for value, align in zip(values, aligns, strict=True))
        rows.append(f"<tr>{cells}</tr>")
    out = io.StringIO()
    # A box that may scroll sideways is focusable, so keyboard users can scroll it too (WCAG 2.1.1).
    out.write(f'<div class="likertkit-table" style="{_BOX}" tabindex="0" role="region" aria-label="Table">'
              f'<table style="{_TABLE}">')
    if caption:
        out.write(f'<caption style="text-align:left;font-weight:bold;padding:0.3em 0">{html.escape(caption)}</caption>')
    out.write(f"<thead><tr>{''.join(heads)}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    if len(shown) > MAX_ROWS:
        out.write(f"<p><em>The first {MAX_ROWS} of {len(shown)} rows.</em></p>")
    out.write("</div>")
    return out.getvalue()


def for_reading(shell=None) -> None:
    """Show every DataFrame in this notebook as :func:`table_html` draws it (in a running IPython only)."""
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return
    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


def figure_png(fig, dpi: int = 100) -> bytes:
    """The PNG a notebook shows inline (the files in figures/ are written by :mod:`likertkit.charts`)."""
    from likertkit.charts.files import figure_bytes
    return figure_bytes(fig, "png", dpi=dpi)


def show(fig, alt: str, files: dict | None = None) -> None:
    """Display a figure inline with its alt text, and close it so the inline backend does not show it twice.

    With ``files`` (what :func:`likertkit.charts.figure_files` made of it), the PNG file written at 200 dpi is shown
    at half its pixel width, the size a 100-dpi image takes, sharp on a high-density screen, and the figure is not
    drawn again for the page."""
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    if not str(alt).strip():
        raise ValueError("a figure needs an alt text")
    saved = next((data for path, data in (files or {}).items() if str(path).endswith(".png")), None)
    if saved is None:
        display(Image(data=figure_png(fig), format="png", metadata={"alt": str(alt)}))
    else:
        width = int.from_bytes(saved[16:20], "big")  # the PNG's IHDR: width, then height, in pixels
        display(Image(data=saved, format="png", width=(width + 1) // 2, metadata={"alt": str(alt)}))
    plt.close(fig)
