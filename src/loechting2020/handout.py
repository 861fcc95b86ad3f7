"""The printable handouts for a class, built offline with WeasyPrint (selectable text).

    python -m loechting2020.handout [--out build/handout.pdf] [--teacher-out build/handout-teacher.pdf]

Two editions. The **student's** (``build/handout.pdf``) works on paper alone and answers no exercise:
page 1 is Figure 1 with its description, page 2 the joint display without its ratings, page 3 the GRAMMS
checklist with where to look in the article but not the verdicts; then the exercise sheet, each question
in plain words (the part of ``teaching/exercises.ipynb``'s prompt before "In the notebook", so that the two
cannot differ), the data it needs printed beside it and lines to answer on. The **teacher's**
(``build/handout-teacher.pdf``) is the same with the ratings and verdicts shown, then the lesson plan and the
discussion questions (from ``teaching/README.md``, the one place they are written), and a last section giving
every exercise's answer and the reason, computed by :data:`loechting2020.lesson.ANSWERS` and the checks.
Everything comes from the files ``make all`` wrote and the article's transcriptions; nothing is re-run.
A handout longer than :data:`MAX_PAGES` pages is an error, not a surprise at the printer.
"""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

import pandas as pd

from likertkit import formats
from likertkit.io.files import read_csv_strict, read_tidy
from likertkit.report.markup import to_html
from likertkit.report.reading import table_html
from likertkit.wording import listed, named
from loechting2020 import lesson, notebooks, references
from loechting2020.paths import PROJECT

MAX_PAGES = {"student": 6, "teacher": 8}
"""The most A4 pages each edition may run to."""

EDITIONS = ("student", "teacher")


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
.answer { border-bottom: 1px solid #999; height: 16pt; }
.answers { margin-bottom: 8pt; } .data { margin: 3pt 0 2pt 0; }
.data table { font-size: 7.2pt !important; } .data th, .data td { padding: 1pt 3pt !important; }
.statement { margin: 1pt 0; font-size: 7.4pt; }
.key p { margin: 3pt 0; }
.plan td:first-child { white-space: nowrap; }
"""


def _markdown(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links read as their words on paper
    return to_html(text)


def _question(text: str) -> tuple[str, str]:
    """An exercise cell's heading and its question in plain words: the prose before "**In the notebook.**"."""
    heading, _, body = text.partition("\n")
    return heading.lstrip("# ").strip(), body.split("**In the notebook.**")[0].strip()


def _exercises(path: Path) -> list[tuple[str, str, str]]:
    """The exercises of the student notebook as (number, heading, plain question), in order."""
    found = []
    for cell in notebooks.read(path)["cells"]:
        text = "".join(cell["source"])
        number = re.match(r"## (\d+) ·", text)
        if cell["cell_type"] == "markdown" and number:
            found.append((number.group(1), *_question(text)))
    return found


def _printed_table1(root: Path) -> str:
    """Table 1 as the article prints it, with each item's valid answers: the data of exercises 1, 3 and 7."""
    printed = read_csv_strict(root / "data" / "raw" / "table1.csv")
    valid = read_tidy(root / "data" / "processed" / "table1.csv").set_index("item")["n_valid"]
    scale = read_tidy(root / "data" / "processed" / "scale.csv")
    frame = printed[["item", "label", "mean_sd"]].rename(columns={"mean_sd": "mean (SD)"}).reset_index(drop=True)
    for code, label in zip(scale["code"], scale["label"], strict=True):
        frame[f"{code} {label.lower()}"] = printed[f"cell_{code}"].to_numpy()
    frame["valid answers"] = frame["item"].map(valid)
    return table_html(frame, "Table 1 as printed (Løchting et al. 2020): count (percent) of each answer")


def _means(root: Path) -> str:
    """Each item's mean and percent in the upper half of the scale, recomputed from the printed counts: the data of exercise 2."""
    stats = read_tidy(root / "data" / "processed" / "item_statistics.csv")
    frame = pd.DataFrame({"item": stats["item"], "label": stats["label"],
                          "mean": stats["mean"].map(formats.two_decimals),
                          "% in the upper half": stats["pct_agree"].map(formats.percent)})
    return table_html(frame, "Means and percent in the upper half (of valid answers), from the printed counts")


def _statements(root: Path) -> str:
    """The article's integration statements, its own words: the data of exercise 4."""
    statements = read_csv_strict(root / "data" / "raw" / "integration_statements.csv")
    return "".join(f'<p class="statement"><strong>{html.escape(row.statement)}</strong>'
                   + (f' (items {html.escape(_numbers(str(row.items).split(";")))})' if str(row.items).strip() else "")
                   + f': “{html.escape(row.quote)}”</p>' for row in statements.itertuples())


def _voices(root: Path) -> str:
    """Quotes per participant and theme: the data of exercise 5."""
    quotes = read_csv_strict(root / "data" / "raw" / "quotes.csv")
    counts = pd.crosstab(quotes["participant"], quotes["theme"].map("theme {}".format))
    counts.index.name = "participant"
    return table_html(counts, "Quotes per participant and theme (the article's 16 quotes)")


def _data_beside(root: Path) -> dict[str, str]:
    """The data each exercise needs on paper, under the exercise that first uses it."""
    return {"1": '<div class="data">' + _printed_table1(root) + "</div>",
            "2": '<div class="data">' + _means(root) + "</div>",
            "3": '<p class="small">Use Table 1 under exercise 1.</p>',
            "4": '<div class="data">' + _statements(root) + "</div>",
            "5": '<div class="data">' + _voices(root) + "</div>",
            "6": '<p class="small">Use the GRAMMS checklist on page 3 and the article.</p>',
            "7": '<p class="small">Use Table 1 under exercise 1: divide by the valid answers.</p>'}


def _exercise_sheet(root: Path) -> str:
    """Each exercise's question in plain words, the data it needs and lines to answer on."""
    data = _data_beside(root)
    return "".join(f'<div class="exercise"><h2>{html.escape(heading)}</h2>{_markdown(question)}{data.get(number, "")}'
                   f'<div class="answers">{"<div class=answer></div>" * 3}</div></div>'
                   for number, heading, question in _exercises(root / "teaching" / "exercises.ipynb"))


def _numbers(values) -> str:
    """Item numbers in numeric order, joined as words: ``{"10", "6"}`` -> ``"6 and 10"``; ``"none"`` for none."""
    return listed(sorted(map(str, values), key=lambda v: (len(v), v))) or "none"


def _items(values, noun: str = "item") -> str:
    """``"item 13"``, ``"items 6 and 8"``, ``"no item"``: numbers after the noun they need."""
    return named(noun, sorted(map(str, values), key=lambda v: (len(v), v)))


ANSWER_WORDS = {
    "q1": lambda a: f"divide by {a[0]} {'respondents' if a[0] == 'all' else 'answers'}; {formats.with_percent_sign(a[1])}",
    "q2": lambda a: f"{_items(a[0])}; {a[1]:.1f} points",
    "q3": lambda a: _items(a),
    "q4": lambda a: f"{a[0]}; statement {a[1]}",
    "q5": lambda a: f"{a[0]} participants; {formats.with_percent_sign(a[1], 0)}",
    "q6": lambda a: _items(a, "GRAMMS item"),
    "q7": lambda a: f"floor: {_items(a[0])}; ceiling: {_items(a[1])}",
}
"""Each exercise's answer in words, for the teacher's key."""


def _readme_section(root: Path, heading: str) -> str:
    """The Markdown of one ``## heading`` section of teaching/README.md (the one place the plan and the discussion
    questions are written), without its heading."""
    text = (root / "teaching" / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n") + len(heading) + 5
    end = text.find("\n## ", start)
    return text[start:end if end >= 0 else None].strip()


def _plan(root: Path) -> str:
    """The lesson plan and the discussion questions, as teaching/README.md has them (the teacher's edition only)."""
    plan = _readme_section(root, "Plan (90 minutes)")
    rows = [line.strip().strip("|").split("|") for line in plan.splitlines() if line.startswith("|")]
    header, body = [cell.strip() for cell in rows[0]], [[cell.strip() for cell in row] for row in rows[2:]]
    table = pd.DataFrame(body, columns=header)
    for column in table.columns:  # on paper, Markdown's marks and links read as their words
        table[column] = table[column].str.replace(r"\[([^\]]+)\]\([^)]*\)", r"\1", regex=True).str.replace("**", "").str.replace("`", "")
    notes = "\n\n".join(part for part in plan.split("\n\n") if not part.lstrip().startswith("|")
                         and "tests/test_lesson.py" not in part)
    return (f'<section class="key plan"><h1>The plan (90 minutes)</h1>{table_html(table)}{_markdown(notes)}'
            f'<h1>Discussion questions</h1>{_markdown(_readme_section(root, "Discussion questions"))}</section>')


def _answer_key(root: Path) -> str:
    """Every exercise's answer and why, as the checks compute them (the teacher's edition only)."""
    parts = []
    for (number, heading, _), name in zip(_exercises(root / "teaching" / "exercises.ipynb"), lesson.CHECKS, strict=True):
        answer = lesson.ANSWERS[name]()
        passed, why = lesson.run_check(name, answer)
        if not passed:
            raise SystemExit(f"the answer to exercise {number} does not pass its own check: {why}")
        why = why.removeprefix("Right: ").removeprefix("Right, ")
        parts.append(f"<p><strong>{html.escape(heading)}.</strong> Answer: {html.escape(ANSWER_WORDS[name](answer))}. "
                     f"Why: {html.escape(why[:1].upper() + why[1:])}</p>")
    return f'<section class="key"><h1>Answers (teacher\'s edition)</h1>{"".join(parts)}</section>'


def handout_html(root: Path = PROJECT.root, edition: str = "student") -> str:
    """The handout as HTML; ``edition`` is ``"student"`` (no answers) or ``"teacher"`` (ratings, verdicts, answers)."""
    if edition not in EDITIONS:
        raise ValueError(f"edition is one of {', '.join(EDITIONS)}, not {edition!r}")
    teacher = edition == "teacher"
    citation = references.format_entry(references.read_bibliography(root / "notebooks" / "references.json")["loechting2020"])
    figure = root / "figures" / "fig1_likert_diverging.svg"
    alt = (root / "figures" / "fig1_likert_diverging.txt").read_text(encoding="utf-8").strip()
    joint = read_tidy(root / "data" / "processed" / "joint_display.csv")
    joint = joint[["theme", "finding", "statistics", "quote_ids", *(["convergence"] if teacher else [])]].rename(
        columns={"statistics": "survey items: mean (SD), % in the upper half", "quote_ids": "quotes"})
    gramms = read_csv_strict(root / "data" / "raw" / "gramms.csv").reset_index(drop=True)
    gramms = gramms[["gramms_item", "guideline", *(["article_meets", "missing"] if teacher else ["article_location"])]].rename(
        columns={"gramms_item": "item", "article_meets": "the article", "missing": "still missing",
                 "article_location": "where to look in the article"})
    title = "class handout, teacher's edition" if teacher else "class handout"
    rated = ("Each focus-group finding beside the survey items that bear on it, rated for convergence (notebook 04). "
             "Ratings are the compendium's reading of the article's own statements." if teacher else
             "Each focus-group finding beside the survey items that bear on it (notebook 04). Exercise 4 asks you "
             "to rate one row.")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Caseworkers and return to work (Løchting et al. 2020): {title}</title>
<style>{CSS}</style></head><body>
<section><h1>Caseworkers and return to work: a mixed-methods study, recomputed</h1>
<p class="small">{_markdown(citation)}</p>
<h2>Figure 1 · The 15 survey items as diverging stacked bars</h2>
<img src="{figure.as_uri()}" alt="{html.escape(alt)}">
<p class="small"><strong>What the figure shows.</strong> {html.escape(alt)}</p>
<p class="small">Drawn by notebooks/03-plot-diverging-bars.ipynb from the counts the article prints.</p></section>
<section><h1>The joint display</h1>
<p class="small">{rated}</p>
{table_html(joint)}</section>
<section><h1>Reporting: the GRAMMS checklist</h1>
<p class="small">Good Reporting of A Mixed Methods Study (O'Cathain, Murphy &amp; Nicholl 2008){
    ", applied to the article (notebook 04)." if teacher else ": exercise 6 asks which items the article meets only partly."}</p>
{table_html(gramms)}</section>
<section class="sheet"><h1>Exercise sheet</h1>
<p class="small">The exercises of teaching/exercises.ipynb, where each answer can also be checked against the data.
Everything each one needs is printed with it.</p>
{_exercise_sheet(root)}</section>
{_plan(root) + _answer_key(root) if teacher else ""}
</body></html>"""  # noqa: E501 (the page's head line)


def build(root: Path = PROJECT.root, out: Path | None = None, edition: str = "student") -> tuple[Path, int]:
    """Write one edition of the handout as a PDF; returns its path and page count."""
    from weasyprint import HTML

    out = Path(out or root / "build" / ("handout.pdf" if edition == "student" else f"handout-{edition}.pdf"))
    document = HTML(string=handout_html(root, edition), base_url=str(root)).render()
    if len(document.pages) > MAX_PAGES[edition]:
        raise SystemExit(f"the {edition}'s handout runs to {len(document.pages)} pages, more than {MAX_PAGES[edition]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = out.with_suffix(".pdf.partial")
    document.write_pdf(scratch)
    scratch.replace(out)
    return out, len(document.pages)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m loechting2020.handout", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to write the student's PDF (default build/handout.pdf)")
    parser.add_argument("--teacher-out", type=Path,
                        help="where to write the teacher's PDF (default build/handout-teacher.pdf)")
    args = parser.parse_args(argv)
    for edition, out in (("student", args.out), ("teacher", args.teacher_out)):
        path, pages = build(PROJECT.root, out, edition)
        print(f"The {edition}'s handout ({pages} A4 pages) is at {path}")


if __name__ == "__main__":
    main()
