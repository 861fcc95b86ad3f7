"""Your own Likert survey through the compendium: reading, validating and counting respondent-level answers.

    python -m likertkit.survey --survey responses.csv --items items.csv --scale scale.csv --out DIR [--missing 9,99]

(or ``make survey SURVEY=... ITEMS=... SCALE=... OUT=... [MISSING=9,99]``) checks the three files, then runs
notebooks 01-03 on them into ``DIR``, which mirrors the compendium (``notebooks/``, ``data/processed/``,
``figures/``). Bad input stops it before anything is written, with one message naming the file, line,
respondent, column and value; a run that fails later leaves ``DIR`` as it was.

Reading uses pyarrow's multi-threaded CSV parser; answers are counted per column without building
respondent-level Python objects, so a survey of 600,000 respondents x 100 items takes seconds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from .cleaning import CleaningLog, read_scale
from .errors import InputError
from .files import header_names, line_number, read_csv_strict, read_utf8_bytes
from .paths import PROJECT

RESPONDENT_ID = "respondent_id"
ITEM_COLUMNS = ("item", "label", "group")
# The notebooks that take a survey; 04 is about the article's focus group only.
SURVEY_NOTEBOOKS = ("01-clean-data", "02-describe-likert", "03-plot-diverging-bars")


@dataclass
class Survey:
    counts: pd.DataFrame
    items: pd.DataFrame
    scale: pd.DataFrame
    log: CleaningLog
    warnings: list = field(default_factory=list)


def parse_missing_codes(text, scale: pd.DataFrame) -> list[int]:
    """``'9,99'`` -> ``[9, 99]``; codes that are also answers on the scale are refused."""
    codes = []
    for part in str(text or "").replace(";", ",").split(","):
        if part.strip():
            try:
                codes.append(int(part))
            except ValueError:
                raise InputError("MISSING", f"missing code {part.strip()!r} is not a whole number") from None
    clash = sorted(set(codes) & set(scale["code"]))
    if clash:
        raise InputError("MISSING", f"missing code(s) {', '.join(map(str, clash))} are also answers on the scale")
    return codes


def read_items(path) -> pd.DataFrame:
    """The item table: ``item`` (a column of the responses), ``label``, ``group``; items unique."""
    items = read_csv_strict(path, ITEM_COLUMNS)
    seen = {}
    for index, row in items.iterrows():
        name = str(row["item"]).strip()
        if not name:
            raise InputError(path, "item name is empty", line_number(index), "item")
        if name == RESPONDENT_ID:
            raise InputError(path, f"{RESPONDENT_ID!r} is the respondent column, not an item", line_number(index), "item")
        if name in seen:
            raise InputError(path, f"item {name!r} appears twice (also on line {seen[name]})", line_number(index), "item")
        seen[name] = line_number(index)
    return items.assign(item=items["item"].str.strip(), label=items["label"].str.strip(), group=items["group"].str.strip())


def read_responses_table(path, item_names) -> pa.Table:
    """The responses as an Arrow table, after checking the file and its header."""
    path = Path(path)
    raw = read_utf8_bytes(path)
    header = header_names(path, raw)
    if RESPONDENT_ID not in header:
        raise InputError(path, f"required column {RESPONDENT_ID!r} is missing; found: {', '.join(header)}", 1)
    absent = [name for name in item_names if name not in header]
    if absent:
        raise InputError(path, f"item(s) listed in the items file but not in the responses: {', '.join(absent)}", 1)
    try:
        table = pa_csv.read_csv(pa.BufferReader(raw), read_options=pa_csv.ReadOptions(use_threads=True),
                                convert_options=pa_csv.ConvertOptions(column_types={RESPONDENT_ID: pa.string()},
                                                                      strings_can_be_null=True))
    except pa.ArrowInvalid as err:
        raise InputError(path, f"not a well-formed CSV file: {err}") from None
    table = table.rename_columns([name.strip() for name in table.column_names])
    if table.num_rows == 0:
        raise InputError(path, "file has a header but no data rows")
    return table


def _respondent_ids(table, path) -> pa.Array:
    ids = pc.utf8_trim_whitespace(table.column(RESPONDENT_ID).combine_chunks())
    blank = pc.or_(pc.is_null(ids), pc.equal(ids, ""))
    if pc.any(blank).as_py():
        row = int(pc.index(blank, True).as_py())
        raise InputError(path, "respondent id is empty", line_number(row), RESPONDENT_ID)
    if pc.count_distinct(ids).as_py() < len(ids):
        series = pd.Series(ids.to_pylist())
        row = int(np.flatnonzero(series.duplicated().to_numpy())[0])
        first = int(np.flatnonzero((series == series[row]).to_numpy())[0])
        raise InputError(path, f"respondent id {series[row]!r} appears twice (also on line {line_number(first)})",
                         line_number(row), RESPONDENT_ID, f"respondent {series[row]}")
    return ids


def _tally(array: pa.ChunkedArray) -> pa.StructArray:
    """Each distinct answer in a column with its count, nulls included (Arrow's hash kernel, no Python loop)."""
    if not (pa.types.is_integer(array.type) or pa.types.is_string(array.type)):
        array = pc.cast(array, pa.string())
    return pc.value_counts(array)


class _Column:
    """One item's distinct answers mapped onto the scale, with what was recoded or set missing."""

    def __init__(self, name, scale, missing_codes, path, ids):
        self.name, self.path, self.ids = name, path, ids
        self.codes, self.labels = list(scale["code"]), list(scale["label"])
        self.position = {code: i for i, code in enumerate(self.codes)}
        self.by_text = {str(code): code for code in self.codes}
        self.by_label = {label.strip().casefold(): code for code, label in zip(self.codes, self.labels)}
        self.missing_codes = set(missing_codes)
        self.counts = np.zeros(len(self.codes), dtype=np.int64)
        self.blank = self.declared_missing = self.from_labels = 0

    def count(self, array: pa.ChunkedArray, tally: pa.StructArray):
        for value, n in zip(tally.field("values").to_pylist(), tally.field("counts").to_pylist()):
            code, how = self._classify(value)
            if how == "blank":
                self.blank += n
            elif how == "missing":
                self.declared_missing += n
            elif how is None:
                raise self._bad_value(value, int(pc.index(array, value).as_py()))
            else:
                self.counts[self.position[code]] += n
                self.from_labels += n if how == "label" else 0
        return self

    def _classify(self, value):
        """(code, how) for one distinct answer: how is 'code', 'label', 'missing', 'blank' or None (invalid)."""
        if value is None:
            return None, "blank"
        if isinstance(value, int):
            key = str(value)
        else:
            key = value.strip().casefold()
            if not key:
                return None, "blank"
        if key in self.by_text:
            return self.by_text[key], "code"
        if key in self.by_label:
            return self.by_label[key], "label"
        if key.lstrip("-").isdigit() and int(key) in self.missing_codes:
            return None, "missing"
        return None, None

    def _bad_value(self, value, row):
        scale = ", ".join(f"{code} = {label}" for code, label in zip(self.codes, self.labels))
        also = f" nor a missing code ({', '.join(map(str, sorted(self.missing_codes)))})" if self.missing_codes else ""
        return InputError(self.path, f"value {value!r} is not a code or label of the scale ({scale}){also}",
                          line_number(row), self.name, f"respondent {self.ids[row].as_py()}")


def read_survey(survey_csv, items_csv, scale_csv, missing=""):
    """Check the scale, the missing codes, the items and the responses file; return them parsed."""
    scale_csv, items_csv, survey_csv = Path(scale_csv), Path(items_csv), Path(survey_csv)
    scale = read_scale(read_csv_strict(scale_csv, ["code", "label"]), scale_csv)
    missing_codes = parse_missing_codes(missing, scale)
    items = read_items(items_csv)
    table = read_responses_table(survey_csv, list(items["item"]))
    _respondent_ids(table, survey_csv)  # unique and present, checked before any counting
    return scale, missing_codes, items, table


def count_survey(table, items, scale, missing_codes, survey_csv, items_csv="items.csv") -> Survey:
    """Validate every answer and count each item's answers into the tidy tables, logging what changed.

    Each column's distinct answers are tallied in Arrow, in parallel threads; only the few distinct values
    per item are then looked up in Python.
    """
    survey_csv, items_csv = Path(survey_csv), Path(items_csv)
    log = CleaningLog()
    ids = table.column(RESPONDENT_ID)
    n = table.num_rows
    step = "count responses"
    warnings = []
    extra = [c for c in table.column_names if c not in set(items["item"]) | {RESPONDENT_ID}]
    if extra:
        warnings.append(f"{survey_csv.name}: column(s) not in {items_csv.name} were ignored: {', '.join(extra)}")
        for name in extra:
            log.record("select columns", "anomaly", f"column not listed in {items_csv.name}: excluded",
                       survey_csv, 1, name, "", f"{n} values excluded")

    with ThreadPoolExecutor() as pool:
        tallies = list(pool.map(lambda name: _tally(table.column(name)), items["item"]))
    counts, rows = [], []
    for (item, label, group), tally in zip(items[list(ITEM_COLUMNS)].itertuples(index=False), tallies):
        column = _Column(item, scale, missing_codes, survey_csv, ids).count(table.column(item), tally)
        n_valid = int(column.counts.sum())
        for kind, k, note in (("transformation", column.from_labels, "answers given as scale labels recoded to codes"),
                              ("transformation", column.declared_missing,
                               f"answers with a missing code ({', '.join(map(str, missing_codes))}) set to missing"),
                              ("check", column.blank, "blank answers counted as missing")):
            if k:
                log.record(step, kind, note, survey_csv, "", item, "", k)
        counts += [dict(item=item, code=code, category=cat, count=int(k))
                   for code, cat, k in zip(scale["code"], scale["label"], column.counts)]
        rows.append(dict(item=item, label=label, domain=group, n_respondents=n, n_valid=n_valid, n_missing=n - n_valid))
        if n_valid == 0:
            warnings.append(f"{survey_csv.name}: item {item!r} has no valid answers")
    log.record(step, "check", f"{n} respondents, {len(items)} items, ids unique", survey_csv, "", RESPONDENT_ID, "", n)
    return Survey(pd.DataFrame(counts), pd.DataFrame(rows), scale, log, warnings)


def load_survey(survey_csv, items_csv, scale_csv, missing="") -> Survey:
    """Read, validate and count a respondent-level survey into the compendium's tidy tables."""
    scale, missing_codes, items, table = read_survey(survey_csv, items_csv, scale_csv, missing)
    return count_survey(table, items, scale, missing_codes, survey_csv, items_csv)


# --- running the notebooks on a survey -------------------------------------------

def _check_out(out: Path):
    protected = [PROJECT.root / part for part in ("data", "figures", "notebooks", "src", "tests")]
    if out == PROJECT.root or any(out == p or p in out.parents for p in protected):
        raise InputError("OUT", f"{out} would overwrite the compendium's own files; choose another folder")


def run_notebooks(survey_csv, items_csv, scale_csv, out, missing="", title="", order="agree"):
    """Execute notebooks 01-03 on the survey into a staging folder, then move the result into ``out``."""
    from .run import execute  # papermill is only needed here

    out = Path(out).resolve()
    _check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    parameters = {
        "01-clean-data": dict(survey_csv=str(Path(survey_csv).resolve()), items_csv=str(Path(items_csv).resolve()),
                              scale_csv=str(Path(scale_csv).resolve()), missing_codes=str(missing or "")),
        "02-describe-likert": dict(audit_article=False),
        "03-plot-diverging-bars": dict(recruitment_flow=False, order=order, who="respondents",
                                       title=title or f"{Path(survey_csv).name}: answers by item"),
    }
    try:
        for name in SURVEY_NOTEBOOKS:
            print(f"running {name} ...", flush=True)
            execute(PROJECT.notebooks / f"{name}.ipynb", staging / "notebooks" / f"{name}.ipynb",
                    dict(out_root=str(staging), **parameters[name]), check_outputs=False)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _move_into(staging, out)
    return out


def _move_into(staging: Path, out: Path):
    if not out.exists() or not any(out.iterdir()):
        staging.replace(out)  # replaces an empty folder too
        return
    for part in ("notebooks", "data", "figures"):
        target = out / part
        if target.exists():
            shutil.rmtree(target)
        (staging / part).rename(target)
    shutil.rmtree(staging)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m likertkit.survey", description=__doc__.splitlines()[0])
    parser.add_argument("--survey", required=True, help="responses: respondent_id plus one column per item")
    parser.add_argument("--items", required=True, help="items: item, label, group")
    parser.add_argument("--scale", required=True, help="scale: code, label, most negative first")
    parser.add_argument("--out", required=True, help="folder for the results (mirrors the compendium)")
    parser.add_argument("--missing", default="", help="codes that mean missing, e.g. 9,99")
    parser.add_argument("--title", default="", help="title of the diverging bar chart")
    parser.add_argument("--order", default="agree", choices=("agree", "questionnaire"))
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    for name in ("survey", "items", "scale", "out"):
        if not getattr(args, name).strip():
            parser.error(f"--{name} is empty (make survey needs {name.upper()}=...)")
    try:
        _check_out(Path(args.out).resolve())
        survey = load_survey(args.survey, args.items, args.scale, args.missing)  # fail fast, before any output
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        raise SystemExit(2) from None
    for warning in survey.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    out = run_notebooks(args.survey, args.items, args.scale, args.out, args.missing, args.title, args.order)
    print(f"{survey.items.shape[0]} items, {survey.items['n_respondents'].iloc[0]} respondents: results in {out}")


if __name__ == "__main__":
    main()
