"""Rendering a recomputed Table 1 for publication: HTML, LaTeX and Markdown."""

from __future__ import annotations

import html
import re

import pandas as pd

from likertkit.report.markup import literal
from likertkit.report.reading import table_html


def printed_layout(table1: pd.DataFrame, scale: pd.DataFrame, mean_places=2, sd_places=1, pct_places=1):
    """Table 1 laid out as the article prints it: item, ``mean (SD)``, then ``count (percent)`` per category."""
    out = pd.DataFrame({
        "Item": [f"{item} {label}" for item, label in zip(table1["item"], table1["label"], strict=True)],
        "Mean (SD)": [f"{m:.{mean_places}f} ({s:.{sd_places}f})" for m, s in zip(table1["mean"], table1["sd"], strict=True)],
    })
    for code, label in zip(scale["code"], scale["label"], strict=True):
        out[label] = [f"{c} ({p:.{pct_places}f})" for c, p in zip(table1[f"count_{code}"], table1[f"pct_{code}"], strict=True)]
    return out


def to_html(layout: pd.DataFrame, caption: str, footnote: str, table_id="table1") -> str:
    """A standalone, dependency-free HTML page holding the table as :func:`likertkit.report.reading.table_html` draws
    it for reading (readable headers, text left, numbers right, wide tables scrolling in their box)."""
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(caption)}</title>\n<style>body{{font-family:sans-serif;margin:1em}}</style>\n"
            f"</head>\n<body>\n<main id=\"{html.escape(table_id)}\">\n{table_html(layout, caption)}\n"
            f"<p><small>{html.escape(footnote)}</small></p>\n</main>\n</body>\n</html>\n")


def to_latex(layout: pd.DataFrame, caption: str, footnote: str, label="tab:table1") -> str:
    """A booktabs table for LaTeX documents (needs \\usepackage{booktabs})."""
    escaped = layout.map(_latex_escape)
    escaped.columns = [_latex_escape(c) for c in layout.columns]
    body = (escaped.style.hide(axis="index")
            .to_latex(column_format="l" + "r" * (len(layout.columns) - 1), hrules=True,
                      caption=_latex_escape(caption), label=label, position="htbp"))
    return body.replace("\\end{table}", f"\\par\\footnotesize {_latex_escape(footnote)}\n\\end{{table}}")


def to_markdown(layout: pd.DataFrame, caption: str, footnote: str) -> str:
    """The table as Markdown, every cell escaped (:func:`likertkit.report.markup.literal`: a ``|`` or ``<`` in a label stays
    text and cannot break the table)."""
    escaped = layout.map(literal)
    escaped.columns = [literal(c) for c in layout.columns]
    table = escaped.to_markdown(index=False, colalign=['left'] + ['right'] * (len(layout.columns) - 1))
    return f"**{literal(caption)}**\n\n{table}\n\n{literal(footnote)}\n"


_LATEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
                  "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _latex_escape(text) -> str:
    return re.sub(r"[\\&%$#_{}~^]", lambda m: _LATEX_SPECIAL[m.group()], str(text))


def table1_caption(table1: pd.DataFrame, items: pd.DataFrame, scale: pd.DataFrame) -> tuple[str, str]:
    """The caption and footnote of the recomputed Table 1, with its n, missing answers and scale."""
    caption = (f"Table 1 (recomputed). Counts (percent of all respondents), mean and SD of the {len(table1)} "
               "survey items")
    missing_note = "; ".join(f"item {i}: {m}" for i, m in zip(table1["item"], table1["n_missing"], strict=True) if m)
    footnote = (f"Recomputed from the counts printed in Løchting et al. (2020), BMC Public Health, "
                f"doi:10.1186/s12889-020-09804-0 (CC BY 4.0). n = {items['n_respondents'].max()}; "
                f"missing answers: {missing_note or 'none'}. SD is the sample SD (n - 1). "
                f"Scale: {', '.join(f'{code} {label.lower()}' for code, label in zip(scale['code'], scale['label'], strict=True))}.")
    return caption, footnote
