"""The joint display as a page of its own: ``joint_display.html`` to read (at a desk or on a phone) and
``joint_display.pdf`` for a manuscript's supplement, from the same HTML.

Each theme in turn; under it each finding with the researcher's rating and rationale, the survey items it cites
(each with its valid *n*, the percent in the upper half of its scale with the Wilson 95 % interval, its median
and a small diverging bar of its answers, drawn as :func:`likertkit.charts.diverging_layout` lays out the report's
chart) and its quotes in full, as typed. The page is self-contained: no script, nothing fetched (the report's
Content-Security-Policy), every text of the researcher's escaped.
"""

from __future__ import annotations

import html

import pandas as pd

from likertkit.charts import style
from likertkit.charts.diverging import diverging_layout
from likertkit.formats import percent, with_percent_sign
from likertkit.io.printed import split_list
from likertkit.mixed import joint_sentences
from likertkit.report.page import CONTENT_SECURITY_POLICY
from likertkit.scales.table import scale_parts
from likertkit.survey.parts import split_by_scale

__all__ = ["ABOUT", "DISPLAY_STYLE", "FOOTER", "PAGE_STYLE", "item_bar_svg", "joint_fragment", "joint_page",
           "pdf_bytes"]

# The page's own rules, and the display's, scoped to .lk-joint so that they hold inside the survey report too.
PAGE_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#222;line-height:1.45;
  max-width:72em;margin:1.5em auto;padding:0 1em}
h1{font-size:1.5em;margin:0 0 .4em}
@media (max-width:40em){body{margin:.8em auto}}
@page{size:A4;margin:15mm}
"""
DISPLAY_STYLE = """
.lk-joint .lk-theme{font-size:1.2em;font-weight:600;margin:1.6em 0 .3em;border-bottom:2px solid #666}
.lk-joint .lk-finding-head{font-size:1.02em;font-weight:600;margin:0 0 .3em}
.lk-finding{border:1px solid #ccc;border-radius:4px;padding:.7em .9em;margin:.8em 0;break-inside:avoid}
.lk-rating{margin:.1em 0 .5em}
.lk-strands{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.2em}
.lk-strand{font-size:.9em;margin:0 0 .3em;color:#444;text-transform:uppercase;letter-spacing:.04em}
.lk-item{margin:0 0 .7em}.lk-item p{margin:.1em 0}.lk-joint .lk-bar{display:block;width:100%;max-width:22em;height:1.1em}
.lk-numbers{font-size:.92em}
.lk-joint blockquote{margin:0 0 .7em;padding:0 0 0 .8em;border-left:3px solid #999}
.lk-joint blockquote p{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.lk-joint blockquote footer{font-size:.88em;color:#444}
.lk-legend{display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:.88em;margin:.4em 0}
.lk-swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;border:1px solid #999}
.lk-none{color:#555;font-style:italic}
@media (max-width:40em){.lk-strands{grid-template-columns:minmax(0,1fr)}}
"""


def _escape(text) -> str:
    return html.escape(str(text))


def item_bar_svg(segments: pd.DataFrame, colours: list, described: str) -> str:
    """One item's answers as a small diverging bar (an inline SVG, 200 units for -100 % to 100 %): its lower half
    left of the centre line, its upper half right, an odd scale's middle split across it."""
    rects = "".join(f'<rect x="{100 + left:.2f}" y="2" width="{width:.2f}" height="12" fill="{colour}"/>'
                    for left, width, colour in zip(segments["left"], segments["width"], colours, strict=True) if width > 0)
    return (f'<svg class="lk-bar" viewBox="0 0 200 16" preserveAspectRatio="none" role="img" '
            f'aria-label="{_escape(described)}" xmlns="http://www.w3.org/2000/svg">{rects}'
            '<line x1="100" y1="0" x2="100" y2="16" stroke="#222" stroke-width="0.8"/></svg>')


def _item_blocks(counts, items, scale, item_stats, palette: str) -> dict:
    """``{item: html}``: each item's label, numbers and bar, on its own scale."""
    blocks = {}
    stats = item_stats.set_index(item_stats["item"].astype(str))
    for _, part_counts, part_items, part_scale in split_by_scale(counts, items, scale):
        segments, _ = diverging_layout(part_counts, part_items, part_scale, group=None, order="questionnaire")
        colours, labels = style.palette(part_scale, palette), dict(zip(part_scale["code"], part_scale["label"], strict=True))
        for item, own in segments.groupby(segments["item"].astype(str), sort=False):
            row = stats.loc[item]
            upper = f"{with_percent_sign(row['pct_agree'])} in the upper half"
            numbers = (f"n {int(row['n_valid'])}, {upper} (95% CI {percent(row['pct_agree_ci_low'])}–"
                       f"{percent(row['pct_agree_ci_high'])}), median {_escape(labels.get(row['median'], row['median']))}")
            blocks[item] = (f'<div class="lk-item"><p><strong>{_escape(item)}</strong> {_escape(row["label"])}</p>'
                            f'{item_bar_svg(own, colours, f"{item}: {upper}")}'
                            f'<p class="lk-numbers">{numbers}</p></div>')
    return blocks


def _legend(scale, palette: str) -> str:
    parts = []
    for name, part in scale_parts(scale).items():
        parts.append((f"<p><strong>{_escape(name)}</strong></p>" if name else "") + '<div class="lk-legend" aria-hidden="true">' + "".join(
            f'<span><span class="lk-swatch" style="background:{colour}"></span>{_escape(label)}</span>'
            for label, colour in zip(part["label"], style.palette(part, palette), strict=True)) + "</div>")
    return "".join(parts)


def _quote_block(quote) -> str:
    source = f", {_escape(quote['source'])}" if str(quote["source"]).strip() else ""
    return (f'<blockquote><p>{_escape(quote["text"])}</p><footer>— {_escape(quote["speaker"])}{source} '
            f'({_escape(quote["quote_id"])})</footer></blockquote>')


def joint_fragment(joint, themes, quotes, counts, items, scale, item_stats, heading_level=2, palette="RdBu") -> str:
    """The joint display as HTML to place in a page or a report: theme by theme, each finding with its rating, its
    survey items (numbers and bar, in the colours of ``palette``) and its quotes; its styles scoped to
    ``.lk-joint``."""
    blocks = _item_blocks(counts, items, scale, item_stats, palette)
    by_quote = {} if quotes is None else {q["quote_id"]: q for _, q in quotes.iterrows()}
    h, sections = heading_level, []
    for theme, name, description in zip(themes["theme"], themes["name"], themes["description"], strict=True):
        own = joint[joint["theme"] == theme]
        if own.empty:
            continue
        cards = []
        for _, finding in own.iterrows():
            survey = "".join(blocks[i] for i in split_list(finding["items"])) or '<p class="lk-none">No survey item.</p>'
            said = "".join(_quote_block(by_quote[q]) for q in split_list(finding["quotes"]) if q in by_quote) \
                or '<p class="lk-none">No quote.</p>'
            rationale = f" — {_escape(finding['rationale'])}" if str(finding["rationale"]).strip() else ""
            cards.append(f'<article class="lk-finding"><h{h + 1} class="lk-finding-head">{_escape(finding["finding_id"])}. '
                         f'{_escape(finding["statement"])}</h{h + 1}><p class="lk-rating">Rating: '
                         f'<strong>{_escape(finding["rating"])}</strong>{rationale}</p><div class="lk-strands">'
                         f'<section><h{h + 2} class="lk-strand">Survey</h{h + 2}>{survey}</section>'
                         f'<section><h{h + 2} class="lk-strand">Quotes</h{h + 2}>{said}</section>'
                         "</div></article>")
        about = f"<p>{_escape(description)}</p>" if str(description).strip() else ""
        sections.append(f'<section><h{h} class="lk-theme">{_escape(name)}</h{h}>{about}{"".join(cards)}</section>')
    return f'<div class="lk-joint"><style>{DISPLAY_STYLE}</style>{_legend(scale, palette)}{"".join(sections)}</div>'


ABOUT = ("Each finding beside the survey items it cites and the quotes that bear on it. The findings, quotes and "
         "ratings are the researcher's, as given; the ratings follow O'Cathain, Murphy & Nicholl's triangulation "
         "protocol (agreement, partial agreement, silence, dissonance), and nothing here judges them. Each item's "
         "numbers are computed from the survey's answers: its valid n, the percent of valid answers in the upper half "
         "of its scale with a Wilson 95% confidence interval, and its median answer. Its bar shows every answer as a "
         "percent of the valid answers, the lower half of the scale left of the line, the upper half right, a middle "
         "answer split across it.")


FOOTER = ("Written by likertkit report from the run's findings, quotes and survey (data/processed/joint_display.csv "
          "holds the same rows).")


def joint_page(joint, themes, quotes, counts, items, scale, item_stats, title="", footer=FOOTER,
               palette="RdBu") -> str:
    """The joint display as one self-contained HTML page (see the module's description); ``footer`` says where it
    comes from (escaped)."""
    sentences = " ".join(joint_sentences(joint, themes, list(items["item"].astype(str))))
    heading = f"Joint display · {title}" if title else "Joint display"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_escape(heading)}</title><style>{PAGE_STYLE}</style></head><body><main>
<h1>{_escape(heading)}</h1>
<p>{_escape(sentences)}</p>
<p>{_escape(ABOUT)}</p>
{joint_fragment(joint, themes, quotes, counts, items, scale, item_stats, palette=palette)}
<footer style="margin-top:2em;font-size:.88em;color:#444">{_escape(footer)}</footer>
</main></body></html>
"""


def pdf_bytes(page: str) -> bytes | None:
    """``page`` printed to PDF by WeasyPrint (A4); None when WeasyPrint, or the Pango library it draws text with,
    is not installed here."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError):
        return None

    class RefuseEveryURL(URLFetcher):
        """A page that needs nothing from outside itself: every address named in it, a local file's or a web
        server's, is refused (WeasyPrint then leaves that resource out, and no byte of it reaches the PDF)."""

        def fetch(self, url, headers=None):
            raise ValueError(f"{url[:80]}: a joint display fetches nothing")

    return HTML(string=page, url_fetcher=RefuseEveryURL()).write_pdf()
