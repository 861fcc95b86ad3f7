"""Your own survey, step by step: read and check its files, count the answers once, run the report into OUT.

:func:`load_survey` reads (:mod:`likertkit.responses`) and counts (:mod:`likertkit.counting`);
:func:`run_report` writes the tidy tables, runs ``notebooks/survey/survey-report.ipynb`` on them and
renders it, all in a staging folder that :mod:`likertkit.outfolder` moves into ``OUT`` at the end.
:mod:`likertkit.survey` is the command line around them.
"""

from __future__ import annotations

import csv
import fnmatch
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

from .cleaning import read_scale
from .counting import Survey, count_survey
from .errors import InputError
from .files import read_csv_strict, write_outputs
from .outfolder import OutFolder
from .paths import PROJECT, SOURCE_ROOT, layout
from .direction import orient
from .responses import (MissingAnswers, choose_id_column, parse_missing, read_items, read_responses, respondent_ids,
                        scale_warnings, survey_header)
from .sources import Source, first_line, open_source

# The one notebook a survey of yours runs through, apart from the article's numbered notebooks.
REPORT_NOTEBOOK = PROJECT.notebooks / "survey" / "survey-report.ipynb"


def item_table(items_spec, source: Source, header: list, id_column: str) -> pd.DataFrame:
    """The items: from an items CSV (``item, label, group``), from a list of column names or glob patterns
    matched against each header's first line, or (SPSS, Stata, with no ``ITEMS``) every value-labelled column."""
    spec = str(items_spec or "").strip()
    if spec and Path(spec).suffix.lower() == ".csv":
        return read_items(spec)
    if spec:
        try:
            patterns = [p.strip() for p in next(csv.reader([spec], skipinitialspace=True), []) if p.strip()]
        except csv.Error as err:
            raise InputError("ITEMS", f"cannot read {spec!r}: {err}") from None
        names = []
        for pattern in patterns:
            matched = [name for name in header if fnmatch.fnmatchcase(first_line(name), pattern) and name != id_column]
            if not matched:
                raise InputError("ITEMS", f"{pattern!r} matches no column of {source.path.name}; its columns: "
                                          f"{', '.join(first_line(n) for n in header)}")
            names += [name for name in matched if name not in names]
    elif source.value_labels:
        names = [name for name in header if name in source.value_labels and name != id_column]
    else:
        raise InputError("ITEMS", f"is needed for {source.path.name}: an items CSV (item, label, group) or column "
                                  "names and patterns such as ITEMS='Q1_*,Q2'")
    labels = [source.variable_labels.get(name) or " ".join(name.split()) for name in names]
    return pd.DataFrame({"item": names, "label": labels, "group": [""] * len(names)},
                        index=pd.Index(range(2, len(names) + 2), name="line"))


# Value labels that are not answers on the scale but ways of not answering: set missing, and said so.
NON_ANSWER = re.compile(r"don.?t know|do not know|refus|not applicable|\bn/?a\b|no answer|prefer not|cannot say|"
                        r"can.?t say|not sure|missing|skipped", re.IGNORECASE)


def scale_from_labels(source: Source, items: pd.DataFrame) -> pd.DataFrame:
    """The response scale an SPSS or Stata file's value labels give its items (codes kept as in the file).
    Codes the file declares missing, and codes labelled as a way of not answering ("Don't know", "Refused",
    "Not applicable" …), are left out and read as missing. The items must share one set of labels."""
    sets, non_answers = {}, {}
    for name in items["item"]:
        labels = source.value_labels.get(name)
        if not labels:
            raise InputError(source.path, f"column {name!r} has no value labels, so SCALE=scale.csv is needed", 1, name)
        declared = set(source.user_missing.get(name, ()))
        for code, label in labels.items():
            if code not in declared and NON_ANSWER.search(str(label)):
                non_answers[code] = label
                source.user_missing.setdefault(name, []).append(code)
        answers = tuple(sorted((code, label) for code, label in labels.items()
                               if code not in declared and code not in non_answers))
        sets.setdefault(answers, []).append(name)
    if non_answers:
        source.notes.append("value labels read as no answer (set missing): "
                            + ", ".join(f"{code} = {label}" for code, label in sorted(non_answers.items())))
    if len(sets) > 1:
        described = "; ".join(f"{', '.join(names[:3])}{' …' if len(names) > 3 else ''}: "
                              f"{' / '.join(label for _, label in answers)}" for answers, names in sets.items())
        raise InputError(source.path, f"the items use {len(sets)} different sets of value labels ({described}); "
                                      "run one set at a time with ITEMS=...")
    (answers,) = sets
    non_numeric = [code for code, _ in answers if not isinstance(code, int)]
    if non_numeric:
        raise InputError(source.path, f"value label codes must be whole numbers; found {non_numeric[0]!r}")
    return pd.DataFrame({"code": [code for code, _ in answers], "label": [label for _, label in answers]})


def read_survey(survey_file, items_spec="", scale_csv="", missing="", encoding="", delimiter="", id_column="",
                positive="", group=""):
    """Check the survey file's kind, the items, the scale (oriented negative → positive), the missing codes and
    the responses; return them parsed."""
    source = open_source(survey_file, encoding, delimiter)
    header = survey_header(source)
    id_name = choose_id_column(source, header, id_column)
    items = item_table(items_spec, source, header, id_name)
    if scale_csv:
        scale_csv = Path(scale_csv)
        scale = read_scale(read_csv_strict(scale_csv, ["code", "label"]), scale_csv)
    elif source.value_labels:
        scale = scale_from_labels(source, items)
        source.notes.append(f"scale from the value labels of {len(items)} items: "
                            + ", ".join(f"{c} = {label}" for c, label in zip(scale["code"], scale["label"])))
    else:
        raise InputError("SCALE", f"is needed for {source.path.name}: a CSV with code, label")
    scale, note = orient(scale, positive)
    source.notes.append(f"scale direction: {note}")
    missing_answers = parse_missing(missing, scale)
    declared = {code for name in items["item"] for code in source.user_missing.get(name, ())} - set(scale["code"])
    if declared:
        missing_answers = MissingAnswers(missing_answers.codes | frozenset(declared), missing_answers.labels)
        source.notes.append(f"codes the file declares missing: {', '.join(map(str, sorted(declared)))}")
    responses = read_responses(source, list(items["item"]), id_name, group)
    return scale, missing_answers, items, responses


def load_survey(survey_file, items_spec="", scale_csv="", missing="", encoding="", delimiter="", id_column="",
                positive="", group="") -> Survey:
    """Read, validate and count a respondent-level survey into the compendium's tidy tables."""
    scale, missing_answers, items, responses = read_survey(survey_file, items_spec, scale_csv, missing, encoding,
                                                           delimiter, id_column, positive, group)
    ids = respondent_ids(responses)  # unique and present, checked before any counting
    items_file = items_spec if str(items_spec).lower().endswith(".csv") else "ITEMS"
    survey = count_survey(responses, ids, items, scale, missing_answers, items_file)
    if scale_csv:
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


def run_report(survey: Survey, out, title="", order="agree", overwrite=False, palette="RdBu"):
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
        tables = {staged.processed / "counts.csv": survey.counts, staged.processed / "items.csv": survey.items,
                  staged.processed / "scale.csv": survey.scale,
                  staged.processed / "cleaning_log.csv": survey.log.to_frame()}
        if survey.group_column:
            tables[staged.processed / "group_counts.csv"] = survey.group_counts
            tables[staged.processed / "group_sizes.csv"] = survey.group_sizes
        write_outputs(tables)
        print("running the report ...", flush=True)
        executed = execute(REPORT_NOTEBOOK, folder.staging / "report.ipynb",
                           dict(out_root=str(folder.staging), title=title, order=order, palette=palette),
                           check_outputs=False,
                           failed_dir=failed_dir)
        write_outputs({folder.staging / "report.html": render_html(executed)})
        folder.commit()
    return out
