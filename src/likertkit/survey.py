"""Your own Likert survey through the compendium: the command line and the run of the notebooks.

    python -m likertkit.survey --survey responses.csv --items items.csv --scale scale.csv --out DIR \
        [--missing 9,99] [--title TEXT] [--order agreement|questionnaire] [--overwrite]

(or ``make survey SURVEY=... ITEMS=... SCALE=... OUT=... [MISSING=9,99] [TITLE=...] [ORDER=...]
[OVERWRITE=yes]``, whose values reach Python through the environment, byte for byte) checks the three
files (:mod:`likertkit.responses`), counts the answers once (:mod:`likertkit.counting`), writes the tidy
tables, then runs the survey report notebook (``notebooks/survey/survey-report.ipynb``) on them: ``DIR``
gets ``report.ipynb``, ``report.html`` (code hidden), ``data/processed/`` and ``figures/``;
:mod:`likertkit.outfolder` keeps ``DIR`` safe. Bad input stops it before anything is
written, with one message naming the file, line, respondent, column and value; a run that fails or is
interrupted later leaves ``DIR`` as it was.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .cleaning import read_scale
from .counting import Survey, count_survey
from .errors import InputError
from .files import read_csv_strict, write_outputs
from .interrupts import follow_make, signals_raise
from .outfolder import OutFolder, check_contents, check_writable
from .paths import PROJECT, SOURCE_ROOT, layout
from .responses import parse_missing, read_items, read_responses, respondent_ids, scale_warnings

# The one notebook a survey of yours runs through, apart from the article's numbered notebooks.
REPORT_NOTEBOOK = PROJECT.notebooks / "survey" / "survey-report.ipynb"
ORDERS = {"agree": "agree", "agreement": "agree", "questionnaire": "questionnaire"}
# make survey hands each variable to Python through the environment, never through a shell line:
# option name -> the environment variable the Makefile exports it as (its value byte for byte).
MAKE_VARIABLES = {"survey": "SURVEY", "items": "ITEMS", "scale": "SCALE", "out": "OUT", "missing": "MISSING",
                  "title": "TITLE", "order": "ORDER", "overwrite": "OVERWRITE"}
ENVIRONMENT_PREFIX = "LIKERTKIT_MAKE_"


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

def _check_out(out: Path):
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
    _check_out(out)
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


def _arguments_from_make() -> list[str]:
    """The command line ``make survey`` means, read from the environment it exports (no shell in between)."""
    argv = []
    for option, variable in MAKE_VARIABLES.items():
        value = os.environ.get(ENVIRONMENT_PREFIX + variable, "")
        if option == "overwrite":
            if value.strip().lower() in ("1", "yes", "true", "y"):
                argv.append("--overwrite")
            elif value.strip() and value.strip().lower() not in ("0", "no", "false", "n"):
                raise InputError("OVERWRITE", f"{value!r} is neither yes nor no")
        elif value != "" or option in ("survey", "items", "scale", "out"):
            argv.append(f"--{option}={value}")  # one word: a value starting with '-' stays a value
    return argv


def _parser():
    parser = argparse.ArgumentParser(prog="python -m likertkit.survey", description=__doc__.splitlines()[0])
    parser.add_argument("--survey", required=True, help="responses: respondent_id plus one column per item")
    parser.add_argument("--items", required=True, help="items: item, label, group")
    parser.add_argument("--scale", required=True, help="scale: code, label, most negative first")
    parser.add_argument("--out", required=True, help="folder for the results (mirrors the compendium)")
    parser.add_argument("--missing", default="", help='codes and labels that mean missing, e.g. 9,99,"Don\'t know"')
    parser.add_argument("--title", default="", help="title of the diverging bar chart")
    parser.add_argument("--order", default="agree", help="agreement (sort items by agreement) or questionnaire")
    parser.add_argument("--overwrite", action="store_true",
                        help="OUT may hold other files: replace those of the same name as an output, keep the rest")
    parser.add_argument("--from-make", action="store_true", help=argparse.SUPPRESS)
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser()
    shown_out = "OUT"
    try:
        if argv == ["--from-make"]:
            follow_make()
            argv = _arguments_from_make()
        args = parser.parse_args(argv)
        for name in ("survey", "items", "scale", "out"):
            if not getattr(args, name).strip():
                raise InputError(name.upper(), f"is empty (make survey needs {name.upper()}=...)")
        if args.order.strip().lower() not in ORDERS:
            raise InputError("ORDER", f"{args.order!r} is not one of agreement, questionnaire")
        order = ORDERS[args.order.strip().lower()]
        out, shown_out = Path(args.out).resolve(), args.out
        _check_out(out)
        check_writable(out)
        check_contents(out, args.overwrite)
        with signals_raise():
            survey = load_survey(args.survey, args.items, args.scale, args.missing)  # fail fast, before any output
            for warning in survey.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            run_report(survey, out, args.title or f"{Path(args.survey).name}: answers by item", order, args.overwrite)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        # The staging folder, the kernel and its connection file were cleaned up on the way out here.
        print(f"interrupted: {shown_out} was left as it was", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(130)  # not SystemExit: a second interrupt during interpreter shutdown would turn 130 into -2
    print(f"{survey.items.shape[0]} items, {survey.items['n_respondents'].iloc[0]} respondents: results in {out}")


if __name__ == "__main__":
    main()
