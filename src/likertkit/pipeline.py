"""Your own survey, step by step: read and check its files, count the answers once, run the report into OUT.

:func:`load_survey` reads (:mod:`likertkit.responses`) and counts (:mod:`likertkit.counting`);
:func:`run_report` writes the tidy tables, runs ``notebooks/survey/survey-report.ipynb`` on them and
renders it, all in a staging folder that :mod:`likertkit.outfolder` moves into ``OUT`` at the end.
:mod:`likertkit.survey` is the command line around them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .cleaning import read_scale
from .counting import Survey, count_survey
from .errors import InputError
from .files import read_csv_strict, write_outputs
from .outfolder import OutFolder
from .paths import PROJECT, SOURCE_ROOT, layout
from .responses import parse_missing, read_items, read_responses, respondent_ids, scale_warnings

# The one notebook a survey of yours runs through, apart from the article's numbered notebooks.
REPORT_NOTEBOOK = PROJECT.notebooks / "survey" / "survey-report.ipynb"


def read_survey(survey_csv, items_csv, scale_csv, missing=""):
    """Check the scale, the missing codes, the items and the responses file; return them parsed."""
    scale_csv, items_csv = Path(scale_csv), Path(items_csv)
    scale = read_scale(read_csv_strict(scale_csv, ["code", "label"]), scale_csv)
    missing_answers = parse_missing(missing, scale)
    items = read_items(items_csv)
    responses = read_responses(survey_csv, list(items["item"]))
    return scale, missing_answers, items, responses


def load_survey(survey_csv, items_csv, scale_csv, missing="") -> Survey:
    """Read, validate and count a respondent-level survey into the compendium's tidy tables."""
    scale, missing_answers, items, responses = read_survey(survey_csv, items_csv, scale_csv, missing)
    ids = respondent_ids(responses)  # unique and present, checked before any counting
    survey = count_survey(responses, ids, items, scale, missing_answers, items_csv)
    survey.warnings[:0] = scale_warnings(scale, scale_csv)
    return survey


# --- running the notebooks on a survey -------------------------------------------

def check_out(out: Path):
    for root in {PROJECT.root, SOURCE_ROOT}:
        protected = [root / part for part in ("data", "figures", "notebooks", "src", "tests")]
        if out == root or any(out == p or p in out.parents for p in protected):
            raise InputError("OUT", f"{out} would overwrite the compendium's own files; choose another folder")
        if out in root.parents:
            raise InputError("OUT", f"{out} holds the compendium itself; choose another folder")


def run_report(survey: Survey, out, title="", order="agree", overwrite=False):
    """Write the counted survey's tidy tables, run the report notebook on them, render it, then move all into ``out``.

    Everything is made in a staging folder inside ``out`` (see :mod:`likertkit.outfolder`) and moved in only
    when the report has run and rendered.
    """
    from .run import execute, render_html  # papermill and nbconvert are only needed here

    out = Path(out).resolve()
    check_out(out)
    failed_dir = Path(tempfile.gettempdir()) / f"likertkit-survey-failed-{os.getpid()}"
    with OutFolder(out, overwrite) as folder:
        staged = layout(folder.staging)
        write_outputs({staged.processed / "counts.csv": survey.counts, staged.processed / "items.csv": survey.items,
                       staged.processed / "scale.csv": survey.scale,
                       staged.processed / "cleaning_log.csv": survey.log.to_frame()})
        print("running the report ...", flush=True)
        executed = execute(REPORT_NOTEBOOK, folder.staging / "report.ipynb",
                           dict(out_root=str(folder.staging), title=title, order=order), check_outputs=False,
                           failed_dir=failed_dir)
        write_outputs({folder.staging / "report.html": render_html(executed)})
        folder.commit()
    return out
