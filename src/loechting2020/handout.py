"""The printable handout: four A4 pages for a class, built offline with WeasyPrint (selectable text).

    python -m loechting2020.handout [--out build/handout.pdf]

Page 1 is Figure 1 with its alt text as the description; page 2 the joint display; page 3 the GRAMMS
table; page 4 the exercise sheet, taken from ``teaching/exercises.ipynb`` so that the two cannot differ.
Everything comes from the files ``make all`` wrote and the article's transcriptions; nothing is re-run.
A handout longer than :data:`MAX_PAGES` pages is an error, not a surprise at the printer.
"""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

from likertkit.io.files import read_csv_strict, read_tidy
from likertkit.report.markup import to_html
from likertkit.report.reading import table_html
from loechting2020 import notebooks, references
from loechting2020.paths import PROJECT

MAX_PAGES = 4


CSS = """
@page { size: A4; margin: 14mm 14mm 16mm 14mm;
        @bottom-center { content: "Løchting et al. (2020), executable compendium · page " counter(page) " of " counter(pages);
                         font-size: 8pt; color: #555; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 4pt 0; } h2 { font-size: 12pt; margin: 8pt 0 4pt 0; }
section { page-break-after: always; } section:last-child { page-break-after: auto; }
img { width: 100%; } .small { font-size: 8pt; color: #333; }
table { width: 100%; font-size: 7.6pt !important; } caption { font-size: 9pt; }
div.likertkit-table { overflow: visible !important; }
th, td { min-width: 0 !important; padding: 2pt 3pt !important; }
section.sheet { font-size: 8.8pt; } section.sheet h2 { font-size: 10pt; margin: 5pt 0 2pt 0; }
.exercise { margin-bottom: 5pt; } .exercise p { margin: 2pt 0; }
.answer { border-bottom: 1px solid #999; height: 13pt; margin-bottom: 2pt; }
"""


def _markdown(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links read as their words on paper
    return to_html(text)


def _exercise_sheet(path: Path) -> str:
    """The exercises' prompts from the student notebook, each followed by lines to answer on."""
    cells = notebooks.read(path)["cells"]
    parts = []
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and re.match(r"## \d", text):
            heading, _, body = text.partition("\n")
            parts.append(f'<div class="exercise"><h2>{html.escape(heading.lstrip("# "))}</h2>{_markdown(body)}'
                         '<div class="answer"></div></div>')
    return "".join(parts)


def handout_html(root: Path = PROJECT.root) -> str:
    citation = references.format_entry(references.read_bibliography(root / "notebooks" / "references.json")["loechting2020"])
    figure = root / "figures" / "fig1_likert_diverging.svg"
    alt = (root / "figures" / "fig1_likert_diverging.txt").read_text(encoding="utf-8").strip()
    joint = read_tidy(root / "data" / "processed" / "joint_display.csv")
    joint = joint[["theme", "finding", "statistics", "quote_ids", "convergence"]].rename(
        columns={"statistics": "survey items: mean (SD), % agreeing", "quote_ids": "quotes"})
    gramms = read_csv_strict(root / "data" / "raw" / "gramms.csv").reset_index(drop=True)
    gramms = gramms[["gramms_item", "guideline", "article_meets", "missing"]].rename(
        columns={"gramms_item": "item", "article_meets": "the article", "missing": "still missing"})
    lesson = root / "teaching" / "exercises.ipynb"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Caseworkers and return to work (Løchting et al. 2020): class handout</title>
<style>{CSS}</style></head><body>
<section><h1>Caseworkers and return to work: a mixed-methods study, recomputed</h1>
<p class="small">{_markdown(citation)}</p>
<h2>Figure 1 · The 15 survey items as diverging stacked bars</h2>
<img src="{figure.as_uri()}" alt="{html.escape(alt)}">
<p class="small"><strong>What the figure shows.</strong> {html.escape(alt)}</p>
<p class="small">Drawn by notebook 03 (likertkit.charts.plot_diverging) from the counts the article prints.</p></section>
<section><h1>The joint display</h1>
<p class="small">Each focus-group finding beside the survey items that bear on it, rated for convergence
(notebook 04). Ratings are the compendium's reading of the article's own statements.</p>
{table_html(joint)}</section>
<section><h1>Reporting: the GRAMMS checklist</h1>
<p class="small">Good Reporting of A Mixed Methods Study (O'Cathain, Murphy &amp; Nicholl 2008), applied to the article
(notebook 04).</p>
{table_html(gramms)}</section>
<section class="sheet"><h1>Exercise sheet</h1>
<p class="small">The exercises of teaching/exercises.ipynb, where each answer is checked against the data.</p>
{_exercise_sheet(lesson)}</section>
</body></html>"""


def build(root: Path = PROJECT.root, out: Path | None = None) -> tuple[Path, int]:
    """Write the handout PDF; returns its path and page count."""
    from weasyprint import HTML

    out = Path(out or root / "build" / "handout.pdf")
    document = HTML(string=handout_html(root), base_url=str(root)).render()
    if len(document.pages) > MAX_PAGES:
        raise SystemExit(f"the handout runs to {len(document.pages)} pages, more than {MAX_PAGES}")
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = out.with_suffix(".pdf.partial")
    document.write_pdf(scratch)
    scratch.replace(out)
    return out, len(document.pages)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m loechting2020.handout", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to write the PDF (default build/handout.pdf)")
    args = parser.parse_args(argv)
    out, pages = build(PROJECT.root, args.out)
    print(f"The handout ({pages} A4 pages) is at {out}")


if __name__ == "__main__":
    main()
