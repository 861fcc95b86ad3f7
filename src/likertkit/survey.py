"""Your own Likert survey through the compendium: the command line (the steps are in :mod:`likertkit.pipeline`).

    python -m likertkit.survey --survey responses.csv --items items.csv --scale scale.csv --out DIR \
        [--missing 9,99] [--title TEXT] [--order agreement|questionnaire] [--overwrite] [--id COLUMN] \
        [--encoding ENC] [--delimiter semicolon] [--positive first|last] [--group COLUMN] [--palette PuOr] [--weight COLUMN]

(or ``make survey SURVEY=... ITEMS=... SCALE=... OUT=... [MISSING=9,99] [TITLE=...] [ORDER=...]
[OVERWRITE=yes] [ID=...] [ENCODING=...] [DELIMITER=...] [POSITIVE=...] [GROUP=...] [PALETTE=...] [WEIGHT=...]``, whose values reach Python through the
environment, byte for byte) opens the survey file (:mod:`likertkit.sources`), checks it and the other files
(:mod:`likertkit.responses`), counts the answers once (:mod:`likertkit.counting`), writes the tidy tables, then runs the survey report notebook (``notebooks/survey/survey-report.ipynb``) on them: ``DIR``
gets ``report.ipynb``, ``report.html`` (code hidden), ``data/processed/`` and ``figures/``;
:mod:`likertkit.outfolder` keeps ``DIR`` safe. Bad input stops it before anything is
written, with one message naming the file, line, respondent, column and value; a run that fails or is
interrupted later leaves ``DIR`` as it was.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from .charts import PALETTES
from .errors import InputError
from .interrupts import follow_make, signals_raise
from .outfolder import check_contents, check_writable
from .pipeline import check_out, load_survey, run_report
from .counting import MIN_GROUP
from .responses import parse_whole_number, yes_or_no

ORDERS = {"agree": "agree", "agreement": "agree", "questionnaire": "questionnaire"}
# make survey hands each variable to Python through the environment, never through a shell line:
# option name -> the environment variable the Makefile exports it as (its value byte for byte).
MAKE_VARIABLES = {"survey": "SURVEY", "items": "ITEMS", "scale": "SCALE", "out": "OUT", "missing": "MISSING",
                  "title": "TITLE", "order": "ORDER", "overwrite": "OVERWRITE", "id": "ID", "encoding": "ENCODING",
                  "delimiter": "DELIMITER", "positive": "POSITIVE", "group": "GROUP", "palette": "PALETTE",
                  "weight": "WEIGHT", "min_group": "MIN_GROUP"}
ENVIRONMENT_PREFIX = "LIKERTKIT_MAKE_"


def _arguments_from_make() -> list[str]:
    """The command line ``make survey`` means, read from the environment it exports (no shell in between)."""
    argv = []
    for option, variable in MAKE_VARIABLES.items():
        value = os.environ.get(ENVIRONMENT_PREFIX + variable, "")
        if option == "overwrite":
            overwrite = yes_or_no(value)
            if overwrite is None:
                raise InputError("OVERWRITE", f"{value!r} is neither yes nor no")
            if overwrite:
                argv.append("--overwrite")
        elif value != "" or option in ("survey", "out"):
            argv.append(f"--{option.replace('_', '-')}={value}")  # one word: a value starting with '-' stays a value
    return argv


def _parser():
    parser = argparse.ArgumentParser(prog="python -m likertkit.survey", description=__doc__.splitlines()[0])
    parser.add_argument("--survey", required=True,
                        help="responses: CSV/TSV (any common encoding and delimiter), .xlsx, .sav, .dta or Parquet")
    parser.add_argument("--items", default="", help="items.csv (item, label, group) or column names and glob patterns, "
                                                    "e.g. 'Q1_*,Q2'; optional for .sav/.dta (value-labelled columns)")
    parser.add_argument("--scale", default="", help="scale.csv (code, label); optional for .sav/.dta (value labels)")
    parser.add_argument("--id", default="", help="the respondent id column (default respondent_id if present, else "
                                                 "row numbers)")
    parser.add_argument("--encoding", default="", help="the text file's encoding (default: detected)")
    parser.add_argument("--delimiter", default="", help="comma, semicolon, tab, bar or space (default: detected)")
    parser.add_argument("--group", default="", help="a column whose values split the respondents into groups "
                                                    "(by_group.csv and a grouped chart)")
    parser.add_argument("--weight", default="", help="a column of survey weights (weighted.csv, Kish's effective n)")
    parser.add_argument("--min-group", default=str(MIN_GROUP),
                        help=f"groups of fewer respondents are listed but not compared (default {MIN_GROUP})")
    parser.add_argument("--palette", default="RdBu", help=f"the answers' colours: one of {', '.join(PALETTES)}")
    parser.add_argument("--positive", default="", help="first or last: which end of the scale is positive "
                                                       "(default: read from the labels)")
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
        for name in ("survey", "out"):
            if not getattr(args, name).strip():
                raise InputError(name.upper(), f"is empty (make survey needs {name.upper()}=...)")
        if args.order.strip().lower() not in ORDERS:
            raise InputError("ORDER", f"{args.order!r} is not one of agreement, questionnaire")
        order = ORDERS[args.order.strip().lower()]
        min_group = parse_whole_number(args.min_group)
        if min_group is None or min_group < 1:
            raise InputError("MIN_GROUP", f"{args.min_group!r} is not a whole number of respondents, 1 or more")
        if args.palette not in PALETTES:
            raise InputError("PALETTE", f"{args.palette!r} is not one of {', '.join(PALETTES)}")
        out, shown_out = Path(args.out).resolve(), args.out
        check_out(out)
        check_writable(out)
        check_contents(out, args.overwrite)
        with signals_raise():
            survey = load_survey(args.survey, args.items, args.scale, args.missing, args.encoding, args.delimiter,
                                 args.id, args.positive, args.group, args.weight, min_group)  # fail fast
            for warning in survey.warnings:
                print(f"warning: {warning}", file=sys.stderr)
            run_report(survey, out, args.title or f"{Path(args.survey).name}: answers by item", order, args.overwrite,
                       args.palette, min_group)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    except OSError as err:
        if err.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        print(f"error: OUT: no space left on the disk of {shown_out}: {shown_out} was left as it was; free some space or "
              "choose another OUT", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        # The staging folder, the kernel and its connection file were cleaned up on the way out here.
        print(f"interrupted: {shown_out} was left as it was", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(130)  # not SystemExit: a second interrupt during interpreter shutdown would turn 130 into -2
    print(f"{survey.items.shape[0]} items, {survey.items['n_respondents'].iloc[0]} respondents: results in {out}")


if __name__ == "__main__":
    main()
