"""The ``likertkit`` command: a report on your own Likert survey.

    likertkit report SURVEY --out DIR [--items ITEMS] [--scale scale.csv] [--id COLUMN] [--group COLUMN]
                     [--group-labels CSV] [--weight COLUMN] [--quotes CSV] [--themes CSV] [--findings CSV]
                     [--comments next] [--min-group N] [--missing 9,99] [--encoding ENC] [--delimiter NAME]
                     [--positive first|last] [--center POSITION] [--top-box K] [--order agreement|questionnaire]
                     [--title TEXT] [--palette NAME] [--formats svg,pdf,png] [--overwrite]

``likertkit audit TABLE --scale scale.csv [--n N] --out DIR`` audits a printed table (:mod:`likertkit.audit`).

``likertkit report`` opens the survey file (:mod:`likertkit.io.sources`), checks it and the other files, counts the answers
once (:mod:`likertkit.counting`), writes the tidy tables, then runs the survey report notebook that ships with
the package on them: ``DIR`` gets ``report.ipynb``, ``report.html`` (code hidden), ``data/processed/`` and
``figures/``; :mod:`likertkit.report.outfolder` keeps ``DIR`` safe. Bad input stops it before anything is
written, with one line naming the file, line, respondent, column and value (exit status 2); a run that fails or
is interrupted (Ctrl-C, SIGTERM, SIGHUP) leaves ``DIR`` as it was (exit status 130 when interrupted).
``python -m likertkit`` is the same command.
"""

from __future__ import annotations

import argparse
import errno
import signal
import sys
from pathlib import Path

from likertkit import __version__
from likertkit.errors import InputError, NotebookFailed
from likertkit.interrupts import follow_make, signals_raise

__all__ = ["AUDIT_OPTIONS", "OPTIONS", "ORDERS", "audit", "main", "parser", "report"]

ORDERS = {"agree": "agree", "agreement": "agree", "questionnaire": "questionnaire"}
# Each option of `likertkit report` and the make variable that sets it (make survey VARIABLE=...).
OPTIONS = {"out": "OUT", "items": "ITEMS", "scale": "SCALE", "id": "ID", "group": "GROUP",
           "group_labels": "GROUP_LABELS", "weight": "WEIGHT", "quotes": "QUOTES", "themes": "THEMES",
           "findings": "FINDINGS", "comments": "COMMENTS",
           "min_group": "MIN_GROUP", "missing": "MISSING", "encoding": "ENCODING", "delimiter": "DELIMITER",
           "positive": "POSITIVE", "center": "CENTER", "top_box": "TOP_BOX", "order": "ORDER", "title": "TITLE",
           "palette": "PALETTE", "formats": "FORMATS", "overwrite": "OVERWRITE"}


def _report_options(parser):
    from likertkit.defaults import MIN_GROUP, PALETTES

    parser.add_argument("survey", metavar="SURVEY",
                        help="the responses: CSV/TSV (any common encoding and delimiter), .xlsx, .sav, .dta, Parquet "
                             "(a file or a folder)")
    parser.add_argument("--out", required=True, metavar="DIR", help="the folder for the results")
    parser.add_argument("--items", default="", help="items.csv (item, label, group[, construct, reverse, scale]) or "
                                                    "column names and glob patterns, e.g. 'Q1_*,Q2'; optional for "
                                                    ".sav/.dta (columns whose value labels form a response scale)")
    parser.add_argument("--scale", default="", help="scale.csv (code, label[, scale]); optional for .sav/.dta")
    parser.add_argument("--id", default="", help="the respondent id column (default: respondent_id if present, else "
                                                 "respondents are numbered)")
    parser.add_argument("--group", default="", help="a column whose values split the respondents into groups")
    parser.add_argument("--group-labels", default="", metavar="CSV",
                        help="a CSV code, label naming the GROUP column's values (1 = Women, 2 = Men)")
    parser.add_argument("--weight", default="", help="a column of survey weights")
    parser.add_argument("--quotes", default="", metavar="CSV",
                        help="a mixed-methods study's quotes: quote_id, theme, speaker, text[, source] (kept verbatim)")
    parser.add_argument("--themes", default="", metavar="CSV", help="its themes: theme, name[, description]")
    parser.add_argument("--findings", default="", metavar="CSV",
                        help="its findings: finding_id, theme, statement, items, quotes, rating, rationale "
                             "(items and quotes ;-separated ids); gives joint_display.html, .pdf and .csv")
    parser.add_argument("--comments", default="", metavar="next",
                        help="open-ended answers: 'next' pairs each item with the column right after it when that "
                             "holds free text (an items CSV's comments column may name the column instead, by header "
                             "or #N); gives data/processed/comments.csv")
    parser.add_argument("--min-group", default=str(MIN_GROUP), metavar="N",
                        help=f"groups of fewer respondents are listed but not compared (default {MIN_GROUP})")
    parser.add_argument("--missing", default="", help='codes and labels that mean no answer, e.g. 9,99,"Don\'t know"')
    parser.add_argument("--encoding", default="", help="the text file's encoding (default: detected)")
    parser.add_argument("--delimiter", default="", help="comma, semicolon, tab, bar or space (default: detected)")
    parser.add_argument("--positive", default="", help="first or last: the positive end of the scale "
                                                       "(default: read from evaluative labels, else none)")
    parser.add_argument("--center", default="", metavar="POSITION",
                        help="where the scale's centre lies, as R likert's center=: the first answer is 1, a whole number "
                             "makes that answer the middle, a half (1.5) puts the centre between two answers (default: an "
                             "odd bipolar scale's middle answer; a unipolar scale such as No/Somewhat/Very has no middle)")
    parser.add_argument("--top-box", default="", metavar="K",
                        help="also give each item's percent in the scale's K highest answers (2: the top-two box)")
    parser.add_argument("--order", default="agree", help="agreement (items sorted by the upper half's percent, the "
                                                         "default) or questionnaire")
    parser.add_argument("--title", default="", help="the report's and the chart's title (default: the file's name)")
    parser.add_argument("--palette", default="RdBu", help=f"the answers' colours: one of {', '.join(PALETTES)}")
    parser.add_argument("--formats", default="", metavar="svg,pdf,png",
                        help="the figures' file formats, some of svg, pdf, png (default: all three; the report shows "
                             "every figure whatever you choose)")
    parser.add_argument("--overwrite", nargs="?", const="yes", default="no", metavar="yes|no",
                        help="DIR may hold other files: replace those named as an output, keep every other")
    parser.add_argument("--follow-parent", action="store_true", help=argparse.SUPPRESS)  # make survey: see interrupts


def parser() -> argparse.ArgumentParser:
    """The command line: ``likertkit report …``, ``likertkit --version``."""
    top = argparse.ArgumentParser(
        prog="likertkit", description="Likert survey reports: read the survey as you hold it, check every answer, "
                                      "count, describe, test and draw it, into a folder of tables, figures and a "
                                      "self-contained HTML report.",
        epilog="likertkit report SURVEY --out DIR [--items ITEMS] [--scale CSV] [--id COLUMN] [--group COLUMN] "
               "[--group-labels CSV] [--weight COLUMN] [--quotes CSV] [--themes CSV] [--findings CSV] "
               "[--comments next] [--min-group N] [--missing CODES] [--encoding ENC] [--delimiter NAME] "
               "[--positive first|last] [--center POSITION] [--top-box K] [--order agreement|questionnaire] "
               "[--title TEXT] [--palette NAME] [--formats svg,pdf,png] "
               "[--overwrite]. 'likertkit report --help' says what each option holds.")
    top.add_argument("--version", action="version", version=f"likertkit {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _report_options(commands.add_parser("report", help="report on one survey", description=__doc__.splitlines()[0]))
    audit = commands.add_parser("audit", help="audit a printed Likert table: every number recomputed from the others",
                                description="Audit a Likert table as an article prints it: counts, percents, means "
                                            "and SDs recomputed from each other, each with a verdict and its reason "
                                            "(audit.csv, audit.html).")
    audit.add_argument("table", metavar="TABLE", help="table.csv: item[, label, n], count_<code> / pct_<code> / "
                                                      "cell_<code>, mean and sd or mean_sd, as printed")
    audit.add_argument("--scale", required=True, help="scale.csv (code, label): the answers' codes")
    audit.add_argument("--n", default="", help="the number of respondents, when the article gives it (N)")
    audit.add_argument("--out", required=True, metavar="DIR", help="the folder for audit.csv and audit.html")
    audit.add_argument("--overwrite", nargs="?", const="yes", default="no", metavar="yes|no",
                       help="DIR may hold other files: replace those named as an output, keep every other")
    return top


def audit(args) -> Path:
    """Run ``likertkit audit`` on parsed arguments; returns the results folder."""
    from likertkit.io.responses import parse_whole_number, yes_or_no
    from likertkit.report.audit_page import run_audit
    from likertkit.report.outfolder import check_contents, check_inputs, check_writable, inputs_inside
    from likertkit.report.pipeline import check_out

    n_all = parse_whole_number(args.n) if str(args.n).strip() else None
    if str(args.n).strip() and (n_all is None or n_all < 1):
        raise InputError("N", f"{args.n!r} is not a whole number of respondents")
    overwrite = yes_or_no(args.overwrite)
    if overwrite is None:
        raise InputError("OVERWRITE", f"{args.overwrite!r} is neither yes nor no")
    out = Path(args.out).resolve()
    check_out(out)
    check_writable(out)
    inputs = inputs_inside(out, [args.table, args.scale])
    check_inputs(out, inputs)
    check_contents(out, overwrite, inputs=inputs)
    run_audit(args.table, args.scale, out, n_all, overwrite, inputs)
    print(f"audited {Path(args.table).name}: {out / 'audit.html'}")
    return out


def _checked(args):
    """The options' values checked, as the names a make user typed (``ORDER``, ``MIN_GROUP`` …)."""
    from likertkit.defaults import PALETTES
    from likertkit.io.responses import parse_whole_number, yes_or_no

    for name in ("survey", "out"):
        if not getattr(args, name).strip():
            raise InputError(name.upper(), "is empty")
    if args.order.strip().lower() not in ORDERS:
        raise InputError("ORDER", f"{args.order!r} is not one of agreement, questionnaire")
    min_group = parse_whole_number(args.min_group)
    if min_group is None or min_group < 1:
        raise InputError("MIN_GROUP", f"{args.min_group!r} is not a whole number of respondents, 1 or more")
    if args.palette not in PALETTES:
        raise InputError("PALETTE", f"{args.palette!r} is not one of {', '.join(PALETTES)}")
    overwrite = yes_or_no(args.overwrite)
    if overwrite is None:
        raise InputError("OVERWRITE", f"{args.overwrite!r} is neither yes nor no")
    from likertkit.charts.files import figure_formats

    try:
        formats = figure_formats(args.formats)
    except ValueError as err:
        raise InputError("FORMATS", str(err)) from None
    return ORDERS[args.order.strip().lower()], min_group, overwrite, formats


def report(args) -> Path:
    """Run ``likertkit report`` on parsed arguments; returns the results folder."""
    from likertkit.charts.files import figure_helpers
    from likertkit.io.files import write_outputs
    from likertkit.mixed import read_study
    from likertkit.report.outfolder import (
        DRAFT_SCALE,
        OUTPUT_NAMES,
        OutFolder,
        check_contents,
        check_inputs,
        check_writable,
        inputs_inside,
    )
    from likertkit.report.pipeline import check_out, run_report
    from likertkit.survey import ScaleNeeded, SurveyOptions, load

    order, min_group, overwrite, formats = _checked(args)
    out = Path(args.out).resolve()
    check_out(out)
    check_writable(out)
    inputs = inputs_inside(out, [args.survey, args.scale, args.group_labels, args.quotes, args.themes, args.findings,
                                 args.items if args.items.lower().endswith(".csv") else ""])
    check_inputs(out, inputs, OUTPUT_NAMES - {DRAFT_SCALE})  # a draft scale passed back as SCALE is read, not written
    check_contents(out, overwrite, inputs=inputs)
    # The helpers that save figures (a PDF beside a PNG) start now, to be ready by the first figure.
    with figure_helpers(formats=formats):
        try:
            survey = load(args.survey, SurveyOptions(
                items=args.items, scale=args.scale, missing=args.missing, encoding=args.encoding, delimiter=args.delimiter,
                id=args.id, positive=args.positive, center=args.center, top_box=args.top_box, group=args.group,
                weight=args.weight, group_labels=args.group_labels,
                comments=args.comments, min_group=min_group))  # fail fast, before any output
        except ScaleNeeded as needed:  # the one output of a run that stops: a draft scale to put in order
            with OutFolder(out, overwrite, inputs) as folder:
                write_outputs({folder.staging / DRAFT_SCALE: needed.draft})
                folder.commit(replace_previous=False)
            raise InputError("SCALE", f"{needed.problem}. A draft of the scale, these answers as found, is in "
                                      f"{out / DRAFT_SCALE}: put them in order, lowest first, number them, and give it as "
                                      "SCALE (--scale)") from None
        study = read_study(survey.items["item"], args.quotes, args.themes, args.findings)  # fail fast, too
        for warning in survey.warnings + study["warnings"]:
            print(f"warning: {warning}", file=sys.stderr)
        run_report(survey, out, args.title or f"{Path(args.survey).name}: answers by item", order, overwrite,
                   args.palette, min_group, inputs, study, formats)
    print(f"{survey.items.shape[0]} items, {survey.items['n_respondents'].iloc[0]} respondents: results in {out}")
    return out


# The audit's options besides the report's, by the make variable that sets each.
AUDIT_OPTIONS = {"n": "N", "table": "TABLE"}


def _as_typed(err: InputError, via_make: bool) -> str:
    """An error naming an option as its user typed it: ``--order`` on the command line, ``ORDER`` through make."""
    text = str(err)
    option = {variable: name for name, variable in {**OPTIONS, **AUDIT_OPTIONS}.items()}.get(err.file)
    if via_make or option is None or not text.startswith(f"{err.file}:"):
        return text
    return f"--{option.replace('_', '-')}" + text[len(err.file):]


def main(argv=None):
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if getattr(args, "follow_parent", False):
        follow_make()
    shown_out = args.out or "OUT"
    try:
        with signals_raise():
            (report if args.command == "report" else audit)(args)
    except InputError as err:
        print(f"error: {_as_typed(err, via_make=getattr(args, 'follow_parent', False))}", file=sys.stderr)
        raise SystemExit(2) from None
    except NotebookFailed as err:
        print(f"{err.details}\n\n{err}", file=sys.stderr)
        raise SystemExit(1) from None
    except OSError as err:
        if err.errno not in (errno.ENOSPC, errno.EDQUOT):
            raise
        print(f"error: OUT: no space left on the disk of {shown_out}: {shown_out} was left as it was; free some space or "
              "choose another OUT", file=sys.stderr)
        raise SystemExit(2) from None
    except KeyboardInterrupt:
        # The staging folder, the kernel and its connection file were cleaned up on the way out here. A second
        # interrupt while the interpreter shuts down must not turn the exit status 130 into a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print(f"interrupted: {shown_out} was left as it was", file=sys.stderr, flush=True)
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
