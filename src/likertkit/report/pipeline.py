"""Your own survey, step by step: read and check its files, count the answers once, run the report into OUT.

:func:`load_survey` reads (:mod:`likertkit.io`) and counts (:mod:`likertkit.counting`); :func:`run_report`
writes the tidy tables, runs the report notebook that ships with the package (``survey-report.ipynb``, beside
this module) on them and renders it, all in a staging folder that :mod:`likertkit.report.outfolder` moves into
``OUT`` at the end. :mod:`likertkit.cli` is the command line around them.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
import tempfile
from pathlib import Path

import pandas as pd

from likertkit.counting.count import Survey, count_survey, record_formulas, scale_answers
from likertkit.defaults import MIN_GROUP
from likertkit.errors import InputError
from likertkit.io.comments import describe_pairs, pair_columns, read_comments
from likertkit.io.files import (
    line_number,
    option_values,
    read_csv_strict,
    write_outputs,
)
from likertkit.io.responses import (
    MissingAnswers,
    check_unique_ids,
    choose_id_column,
    parse_missing,
    parse_whole_number,
    read_items,
    read_responses,
    scale_warnings,
    survey_header,
    text_key,
    yes_or_no,
)
from likertkit.io.sources import Source, first_line, open_source
from likertkit.ipynb import read, write
from likertkit.report.layout import layout
from likertkit.report.outfolder import OutFolder
from likertkit.scales.direction import orient
from likertkit.scales.table import combine_scales, describe_scale, read_scales
from likertkit.scales.vocabulary import scale_family

# The one notebook a survey of yours runs through, apart from the article's numbered notebooks.
REPORT_NOTEBOOK = Path(__file__).with_name("survey-report.ipynb")
# Run from a source checkout (src/likertkit/report/pipeline.py), the checkout's own folders are never an OUT.
CHECKOUT = Path(__file__).resolve().parents[3]


def items_from_spec(items_spec, source: Source, header: list, id_column: str, roles=()) -> pd.DataFrame:
    """The items: from an items CSV (``item, label, group``), from a list of column names or glob patterns
    matched against each header's first line, or (SPSS, Stata, with no ``ITEMS``) every value-labelled column
    whose labels form a response scale (:func:`likertkit.scales.vocabulary.scale_family`) other than the id column and
    those in ``roles`` (GROUP, WEIGHT); the others are listed in the log with how to include them."""
    spec = str(items_spec or "").strip()
    if spec and Path(spec).suffix.lower() == ".csv":
        return read_items(spec)
    if spec:
        patterns = [p.strip() for p in option_values(spec, "ITEMS") if p.strip()]
        names = []
        for pattern in patterns:
            matched = [name for name in header if fnmatch.fnmatchcase(first_line(name), pattern) and name != id_column]
            if not matched:
                raise InputError("ITEMS", f"{pattern!r} matches no column of {source.path.name}; its columns: "
                                          f"{', '.join(first_line(n) for n in header)}")
            names += [name for name in matched if name not in names]
    elif source.value_labels:
        labelled = [name for name in header if name in source.value_labels and name not in (id_column, *roles)]
        names = [name for name in labelled if _labels_form_a_scale(source, name)]
        others = [name for name in labelled if name not in names]
        if others:
            source.left_out.append(
                f"value-labelled column{'s' if len(others) > 1 else ''} not taken as item{'s' if len(others) > 1 else ''}"
                ", their labels being no response scale this tool knows: " + "; ".join(
                    f"{name} ({', '.join(map(str, list(source.value_labels[name].values())[:4]))}"
                    f"{', …' if len(source.value_labels[name]) > 4 else ''})" for name in others)
                + f". To include them, name them in ITEMS= (e.g. ITEMS='{','.join(others[:2])}')")
        if not names:
            raise InputError("ITEMS", f"is needed for {source.path.name}: none of its value-labelled columns has "
                                      "labels that form a response scale this tool knows (agreement, frequency, "
                                      "satisfaction …); name the items with ITEMS='Q1,Q2' or an items CSV")
    else:
        raise InputError("ITEMS", f"is needed for {source.path.name}: an items CSV (item, label, group) or column "
                                  "names and patterns such as ITEMS='Q1_*,Q2'")
    labels = [source.variable_labels.get(name) or source.question_text.get(first_line(name))
              or " ".join(name.split()) for name in names]
    if any(first_line(name) in source.question_text for name in names):
        source.notes.append("item labels from the export's row of question text")
    return pd.DataFrame({"item": names, "label": labels, "group": [""] * len(names)},
                        index=pd.Index(range(2, len(names) + 2), name="line"))


def _labels_form_a_scale(source: Source, name: str) -> bool:
    """Whether a column's value labels, less the ways of not answering and the codes declared missing, are a
    response scale :mod:`likertkit.scales.vocabulary` knows."""
    declared = set(source.user_missing.get(name, ()))
    answers = [label for code, label in source.value_labels[name].items()
               if code not in declared and not NON_ANSWER.search(str(label))]
    return scale_family(answers) is not None


# Value labels that are not answers on the scale but ways of not answering: set missing, and said so.
NON_ANSWER = re.compile(r"don.?t know|do not know|refus|not applicable|\bn/?a\b|no answer|prefer not|cannot say|"
                        r"can.?t say|not sure|missing|skipped", re.IGNORECASE)


def scales_from_labels(source: Source, items: pd.DataFrame) -> dict:
    """``{name: scale}`` from an SPSS or Stata file's value labels (codes kept as in the file), one scale per set
    of labels the items share, named by its two end labels; ``items`` gains a ``scale`` column naming each
    item's. Codes the file declares missing, and codes labelled as a way of not answering ("Don't know",
    "Refused", "Not applicable" …), are left out and read as missing. Labels are compared as answers are (case,
    surrounding spaces and Unicode form aside: :func:`likertkit.io.responses.text_key`), so ``Never … Always`` and
    ``never … always`` are one scale, shown as first written; the log says so."""
    sets, non_answers, scale_of, spellings = {}, {}, [], {}
    for name in items["item"]:
        labels = source.value_labels.get(name)
        if not labels:
            raise InputError(source.path, f"column {name!r} has no value labels, so SCALE=scale.csv is needed", 1, name)
        declared = set(source.user_missing.get(name, ()))
        for code, label in labels.items():
            if code not in declared and NON_ANSWER.search(str(label)):
                non_answers[code] = label
                source.user_missing.setdefault(name, []).append(code)
        kept = [(code, label) for code, label in labels.items() if code not in declared and code not in non_answers]
        non_numeric = [code for code, _ in kept if not isinstance(code, int)]
        if non_numeric:
            raise InputError(source.path, f"value label codes must be whole numbers (a string variable's labels are no "
                                          f"scale); found {non_numeric[0]!r}", 1, name)
        key = tuple(sorted((code, text_key(label).casefold()) for code, label in kept))
        answers = spellings.setdefault(key, tuple(sorted(kept)))
        if answers != tuple(sorted(kept)):
            written = ", ".join(f"{code} = {label}" for code, label in sorted(kept))
            source.notes.append(f"value labels of {name!r} ({written}) differ from an earlier item's only in case or "
                                "spacing: read as the same scale, shown as first written")
        sets.setdefault(answers, []).append(name)
        scale_of.append(answers)
    if non_answers:
        source.notes.append("value labels read as no answer (set missing): "
                            + ", ".join(f"{code} = {label}" for code, label in sorted(non_answers.items())))
    names = {}
    for answers in sets:
        name = f"{answers[0][1]} – {answers[-1][1]}" if len(sets) > 1 else ""
        names[answers] = name if name not in names.values() else f"{name} ({len(names) + 1})"
    if len(sets) > 1:
        items["scale"] = [names[answers] for answers in scale_of]
    return {names[answers]: pd.DataFrame({"code": [c for c, _ in answers], "label": [label for _, label in answers]})
            for answers in sets}


class ScaleNeeded(InputError):
    """No ``SCALE`` was given and the answers are not a response scale this package knows: ``draft`` is a scale
    table (``code, label``) of the answers found, for the researcher to put in order and pass back."""

    def __init__(self, problem: str, draft: pd.DataFrame):
        super().__init__("SCALE", problem)
        self.draft = draft


def scales_from_answers(responses, items: pd.DataFrame, missing: str, source: Source) -> dict:
    """``{name: scale}`` inferred from each item's answers in words (:func:`likertkit.scales.vocabulary.infer_scale`),
    one scale per set of labels the items share; ``items`` gains a ``scale`` column when there are several, and the
    log says what was inferred. Answers that no known scale holds (or codes without labels) raise
    :class:`ScaleNeeded` with a draft scale of every answer found, lowest first as far as the words tell."""
    from likertkit.scales.direction import label_polarity
    from likertkit.scales.vocabulary import infer_scale

    declared = parse_missing(missing, pd.DataFrame({"code": [], "label": []}))
    inferred, unknown = {}, {}
    for item in items["item"]:
        answers = {text.strip(): n for text, n in responses.tallies[item].items()
                   if text.strip() and parse_whole_number(text) not in declared.codes
                   and text_key(text).casefold() not in declared.labels}
        found = infer_scale(answers) if answers and not any(parse_whole_number(t) is not None for t in answers) \
            else None
        if found:
            inferred[item] = found
        else:
            for text, n in answers.items():
                unknown[text] = unknown.get(text, 0) + n
    if unknown:
        order = sorted(unknown, key=lambda t: (parse_whole_number(t) is None, parse_whole_number(t) or 0,
                                               label_polarity(t), -unknown[t], t))
        draft = pd.DataFrame({"code": range(1, len(order) + 1), "label": order})
        listed = ", ".join(f"{t!r} ({unknown[t]})" for t in order[:12]) + (" …" if len(order) > 12 else "")
        raise ScaleNeeded(f"is needed: the answers of {', '.join(i for i in items['item'] if i not in inferred)} are "
                          f"not a response scale this tool knows: {listed}", draft)
    sets = {}
    for item, (family, labels) in inferred.items():
        sets.setdefault(tuple(labels), (family, []))[1].append(item)
    names = {labels: (f"{labels[0]} – {labels[-1]}" if len(sets) > 1 else "") for labels in sets}
    if len(sets) > 1:
        items["scale"] = [names[tuple(inferred[item][1])] for item in items["item"]]
    parts = {}
    for labels, (family, members) in sets.items():
        part = pd.DataFrame({"code": range(1, len(labels) + 1), "label": list(labels)})
        parts[names[labels]] = part
        source.notes.append(f"scale inferred from the answers of {', '.join(members)} (a scale of {family}): "
                            f"{describe_scale(part)}; give SCALE= to say otherwise")
    return parts


def _item_scales(items: pd.DataFrame, parts: dict, items_spec) -> None:
    """Check each item's ``scale`` (an items CSV column) against the scales SCALE holds."""
    if len(parts) == 1:
        return
    if "scale" not in items or not items["scale"].str.strip().all():
        raise InputError(items_spec if str(items_spec).lower().endswith(".csv") else "ITEMS",
                         f"SCALE holds {len(parts)} scales ({', '.join(parts)}): give each item its scale in a "
                         "'scale' column of the items CSV")
    items["scale"] = items["scale"].str.strip()
    for index, name in zip(items.index, items["scale"]):
        if name not in parts:
            raise InputError(items_spec, f"scale {name!r} is not in SCALE ({', '.join(parts)})", line_number(index),
                             "scale")


def _constructs(items: pd.DataFrame, items_spec) -> pd.DataFrame:
    """Each item's ``construct`` (text; empty = none) and ``reversed`` (from the items CSV's ``reverse`` column:
    yes or no), checked: a value that is neither is an error naming the line."""
    items = items.copy()
    items["construct"] = items["construct"].str.strip() if "construct" in items else ""
    flags = []
    for index, value in zip(items.index, items["reverse"] if "reverse" in items else [""] * len(items)):
        reversed_ = yes_or_no(value, also_yes=("reversed", "reverse"))
        if reversed_ is None:
            raise InputError(items_spec, f"reverse {value!r} is neither yes nor no", line_number(index), "reverse")
        flags.append(reversed_)
    items["reversed"] = flags
    stray = items[items["reversed"] & (items["construct"] == "")]
    if len(stray):
        raise InputError(items_spec, f"item {stray['item'].iloc[0]!r} is reverse-keyed but in no construct: say which "
                         "construct it belongs to", line_number(stray.index[0]), "construct")
    return items


def read_group_labels(path, group: str) -> dict:
    """``{value: name}`` from a CSV ``code, label`` naming the values of the GROUP column (a CSV's codes 1/2 as
    "Women"/"Men"); whole-number codes match however the file writes them (``1``, ``01``, ``1.0``)."""
    if not group:
        raise InputError("GROUP_LABELS", "names the values of a GROUP column: give GROUP too")
    frame = read_csv_strict(path, ["code", "label"])
    names, seen = {}, {}
    for index, code, label in zip(frame.index, frame["code"], frame["label"]):
        code, label = code.strip(), label.strip()
        key = parse_whole_number(code)
        key = code if key is None else key
        if not code or not label:
            raise InputError(path, f"{'code' if not code else 'label'} is empty", line_number(index),
                             "code" if not code else "label")
        if key in seen:
            raise InputError(path, f"code {code!r} appears twice (also on line {seen[key]})", line_number(index), "code")
        seen[key], names[key] = line_number(index), label
    return names


def read_survey(survey_file, items_spec="", scale_csv="", missing="", encoding="", delimiter="", id_column="",
                positive="", group="", weight="", group_labels=""):
    """Open a survey file and check it, its items, its scales and its missing codes; nothing is counted yet.

    Parameters
    ----------
    survey_file : path
        CSV/TSV (any common encoding and delimiter), .xlsx, .sav, .dta, or Parquet (a file or a folder).
    items_spec : str or path
        An items CSV (``item, label, group[, construct, reverse, scale]``) or column names and glob patterns
        (``"Q1_*,Q2"``); may be empty for .sav/.dta (the columns whose value labels form a response scale).
    scale_csv : str or path
        A scale CSV (``code, label[, scale]``); may be empty for .sav/.dta (their value labels).
    missing : str
        Codes and labels meaning no answer, comma-separated (``'9,"Don\'t know"'``).
    encoding, delimiter, id_column, positive, group, weight : str
        As the command line's ``--encoding``, ``--delimiter``, ``--id``, ``--positive``, ``--group``,
        ``--weight``; empty for the default.

    Returns
    -------
    scale : DataFrame
        ``code, label, direction`` (and ``scale`` with several), each scale ordered negative → positive.
    missing : MissingAnswers
    items : DataFrame
    responses : Responses
        The answers, tallied per item in one streamed pass.

    Raises
    ------
    InputError
        Naming the file, line, column and value of the first problem.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "answers.csv").write_text("respondent_id,q1,q2\\nr1,1,2\\nr2,Agree,2\\nr3,9,1\\n")
    >>> _ = (folder / "scale.csv").write_text("code,label\\n1,Disagree\\n2,Agree\\n")
    >>> scale, missing, items, responses = read_survey(folder / "answers.csv", "q1,q2", folder / "scale.csv", "9")
    >>> list(scale["label"]), list(items["item"]), responses.num_rows
    (['Disagree', 'Agree'], ['q1', 'q2'], 3)
    """
    source = open_source(survey_file, encoding, delimiter)
    if group_labels:
        source.value_labels[group] = read_group_labels(group_labels, group)
        source.notes.append(f"the values of {group!r} named by {Path(group_labels).name}")
    header = survey_header(source)
    id_name = choose_id_column(source, header, id_column)
    items = items_from_spec(items_spec, source, header, id_name, (group, weight))
    if scale_csv:
        scale_csv = Path(scale_csv)
        parts = read_scales(read_csv_strict(scale_csv, ["code", "label"]), scale_csv)
        _item_scales(items, parts, items_spec)
    elif source.value_labels:
        parts = scales_from_labels(source, items)
        for name, part in parts.items():
            source.notes.append(f"scale{' ' + repr(name) if name else ''} from the value labels: {describe_scale(part)}")
    else:
        items = _constructs(items, items_spec)
        keep = list(items.loc[items["construct"] != "", "item"])
        responses = read_responses(source, list(items["item"]), id_name, group, keep, weight)
        parts = scales_from_answers(responses, items, missing, source)
        for name, part in parts.items():
            orient(part, positive)  # a bad POSITIVE is said before anything else
    oriented = {}
    for name, part in parts.items():
        oriented[name], note = orient(part, positive)
        source.notes.append(f"scale{' ' + repr(name) if name else ''} direction: {note}")
    scale = combine_scales(oriented)
    missing_answers = parse_missing(missing, scale)
    declared = {code for name in items["item"] for code in source.user_missing.get(name, ())} - set(scale["code"])
    if declared:
        missing_answers = MissingAnswers(missing_answers.codes | frozenset(declared), missing_answers.labels)
        source.notes.append(f"codes the file declares missing: {', '.join(map(str, sorted(declared)))}")
    if "reversed" not in items:
        items = _constructs(items, items_spec)
        keep = list(items.loc[items["construct"] != "", "item"])
        responses = read_responses(source, list(items["item"]), id_name, group, keep, weight)
    return scale, missing_answers, items, responses


def load_survey(survey_file, items_spec="", scale_csv="", missing="", encoding="", delimiter="", id_column="",
                positive="", group="", weight="", min_group=MIN_GROUP, group_labels="", comments="") -> Survey:
    """Read, check and count a respondent-level survey into tidy tables, with a cleaning log.

    Parameters
    ----------
    survey_file, items_spec, scale_csv, missing, encoding, delimiter, id_column, positive, group, weight
        As for :func:`read_survey`.
    min_group : int, default 5
        Groups of fewer respondents are listed but not compared.
    comments : {"", "next"}
        Open-ended answers: ``"next"`` pairs each item with the column right after it when that holds free text
        (:func:`likertkit.io.comments.pair_columns`); an items CSV's ``comments`` column names the column instead.

    Returns
    -------
    Survey
        ``counts`` (``item, code, category, count``), ``items``, ``scale``, ``log`` (the cleaning log),
        ``warnings``, and, when asked for, ``group_counts``, ``group_sizes``, ``group_tests``, ``weighted``,
        ``constructs``, ``item_analysis`` and ``comments`` (``item, respondent_id, text``).

    Raises
    ------
    InputError
        Naming the file, line, respondent, column and value of the first bad answer.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "answers.csv").write_text("respondent_id,q1,q2\\nr1,1,2\\nr2,Agree,2\\nr3,9,1\\n")
    >>> _ = (folder / "scale.csv").write_text("code,label\\n1,Disagree\\n2,Agree\\n")
    >>> survey = load_survey(folder / "answers.csv", "q1,q2", folder / "scale.csv", missing="9")
    >>> survey.counts[["item", "code", "count"]].values.tolist()
    [['q1', 1, 1], ['q1', 2, 1], ['q2', 1, 1], ['q2', 2, 2]]
    >>> survey.items[["item", "n_valid", "n_missing"]].values.tolist()
    [['q1', 2, 1], ['q2', 3, 0]]
    """
    scale, missing_answers, items, responses = read_survey(survey_file, items_spec, scale_csv, missing, encoding,
                                                           delimiter, id_column, positive, group, weight, group_labels)
    check_unique_ids(responses)  # unique and present, checked before any counting
    items_file = items_spec if str(items_spec).lower().endswith(".csv") else "ITEMS"
    pairs, not_paired = pair_columns(responses.header, items, comments, (responses.id_column, group, weight),
                                     items_file)
    survey = count_survey(responses, items, scale, missing_answers, items_file, min_group,
                          {position + 1 for position in pairs.values()})
    if pairs or not_paired:
        found = read_comments(responses, pairs, scale_answers(scale, missing_answers), not_paired)
        survey.comments = found.table
        for kind, note, column, result in describe_pairs(found):
            survey.log.record("read comments", kind, note, responses.path, "", column, "", result)
    if scale_csv:
        survey.warnings[:0] = scale_warnings(scale, scale_csv)
    return survey


def check_out(out: Path):
    """Refuse an ``OUT`` that is, holds or lies inside the folders of the checkout this package runs from (when it
    runs from a source checkout): a report must never overwrite the code or data it was built from."""
    if not (CHECKOUT / "pyproject.toml").is_file():
        return
    protected = [CHECKOUT / part for part in ("data", "figures", "notebooks", "src", "tests")]
    if out == CHECKOUT or any(out == p or p in out.parents for p in protected):
        raise InputError("OUT", f"{out} would overwrite the files of {CHECKOUT}; choose another folder")
    if out in CHECKOUT.parents:
        raise InputError("OUT", f"{out} holds {CHECKOUT} itself; choose another folder")


def finish_report(executed: Path, staging: Path, out: Path) -> list:
    """The executed report as it is kept: the warnings (stderr output) taken out, which a reader should never see as
    red boxes of library messages, and returned for the terminal of whoever ran it; the staging folder it ran in
    named as the ``OUT`` its files are moved to, so the same run gives the same bytes."""
    nb = read(executed)
    found = []
    for cell in nb["cells"]:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = "".join(cell["source"]).replace(str(staging), str(out))
    parameters = nb["metadata"].get("papermill", {}).get("parameters", {})
    if parameters.get("out_root") == str(staging):
        parameters["out_root"] = str(out)
    for cell in nb["cells"]:
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found += [line.strip() for line in "".join(output["text"]).splitlines() if line.strip()]
            else:
                kept.append(output)
        if "outputs" in cell:
            cell["outputs"] = kept
    write(nb, executed)
    return found


def study_tables(survey: Survey, study, staged, title="") -> dict:
    """The outputs of a mixed-methods study's qualitative strand, by path below ``staged`` (a
    :class:`~likertkit.report.layout.Layout`): the open-ended comments, quotes, themes and who speaks under which
    theme in ``data/processed/``; with findings, the joint display there too, and as ``joint_display.html`` and
    ``joint_display.pdf`` (the PDF when WeasyPrint can run here: else the log and the terminal say why not)."""
    from likertkit.mixed import joint_display, speakers_by_theme
    from likertkit.report.joint_page import joint_page, pdf_bytes
    from likertkit.report.sections import combined, split_by_scale
    from likertkit.stats import item_statistics

    folder, tables = staged.processed, {}
    if survey.comments is not None:
        tables[folder / "comments.csv"] = survey.comments
    if not study:
        return tables
    if study["quotes"] is not None:
        tables[folder / "quotes.csv"] = study["quotes"]
        tables[folder / "speakers_by_theme.csv"] = speakers_by_theme(study["quotes"], study["themes"]).reset_index()
    if study["themes"] is not None and len(study["themes"]):
        tables[folder / "themes.csv"] = study["themes"]
    if study["findings"] is not None:
        stats = combined(split_by_scale(survey.counts, survey.items, survey.scale), item_statistics)
        joint = joint_display(study["findings"], stats, survey.scale)
        tables[folder / "joint_display.csv"] = joint
        page = joint_page(joint, study["themes"], study["quotes"], survey.counts, survey.items, survey.scale, stats,
                          title)
        tables[staged.root / "joint_display.html"] = page
        pdf = pdf_bytes(page)
        if pdf is None:
            note = ("joint_display.pdf not written: WeasyPrint, or the Pango library it draws text with, is not "
                    "installed here (pip install -r requirements.txt; Pango from your system's packages)")
            print(f"warning: {note}", file=sys.stderr)
            survey.log.record("write tables", "anomaly", note)
        else:
            tables[staged.root / "joint_display.pdf"] = pdf
    return tables


def run_report(survey: Survey, out, title="", order="agree", overwrite=False, palette="RdBu", min_group=MIN_GROUP,
               inputs=frozenset(), study=None):
    """Write a counted survey's tables, run the report notebook on them and render it, into ``out``.

    Everything is made in a staging folder inside ``out`` and moved in only when the report has run and
    rendered (:mod:`likertkit.report.outfolder`): a failed or interrupted run leaves ``out`` as it was, and a
    file of yours in ``out`` stops the run unless ``overwrite``.

    Parameters
    ----------
    survey : Survey
        From :func:`load_survey`.
    out : path
        The results folder: it gets ``report.ipynb``, ``report.html``, ``data/processed/`` and ``figures/``.
    title : str, optional
    order : {"agree", "questionnaire"}
    overwrite : bool, default False
    palette : str, default "RdBu"
        One of :data:`likertkit.defaults.PALETTES`.
    min_group : int, default 5
    inputs : set of str, optional
        The run's input files lying inside ``out`` (relative paths): read, never taken for a file of yours,
        never removed.
    study : dict, optional
        A mixed-methods study's qualitative strand (:func:`likertkit.mixed.read_study`): its quotes and themes are
        written to ``data/processed/quotes.csv`` and ``themes.csv`` (and who speaks under which theme to
        ``speakers_by_theme.csv``), and its findings, beside the survey's item statistics, to
        ``data/processed/joint_display.csv``, ``joint_display.html`` and ``joint_display.pdf``
        (:func:`study_tables`); the report gains a section on them.

    Returns
    -------
    Path
        The results folder.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "answers.csv").write_text("respondent_id,q1,q2\\nr1,1,2\\nr2,2,2\\nr3,2,1\\n")
    >>> _ = (folder / "scale.csv").write_text("code,label\\n1,Disagree\\n2,Agree\\n")
    >>> out = run_report(load_survey(folder / "answers.csv", "q1,q2", folder / "scale.csv"), folder / "report")
    running the report ...
    >>> sorted(path.name for path in out.iterdir())
    ['data', 'figures', 'likertkit-manifest.json', 'report.html', 'report.ipynb']
    """
    from likertkit.charts.style import set_palette
    from likertkit.report.execution import (  # papermill and nbconvert are only needed here
        execute,
        render_html,
    )

    out = Path(out).resolve()
    check_out(out)
    failed_dir = Path(tempfile.gettempdir()) / f"likertkit-survey-failed-{os.getpid()}"
    with OutFolder(out, overwrite, inputs) as folder:
        staged = layout(folder.staging)
        set_palette(palette)
        study_outputs = study_tables(survey, study, staged, title)  # first: it may add to the log
        tables = {staged.processed / "counts.csv": survey.counts, staged.processed / "items.csv": survey.items,
                  staged.processed / "scale.csv": survey.scale}
        if survey.weighted is not None:
            tables[staged.processed / "weighted.csv"] = survey.weighted
        if survey.constructs is not None:
            tables[staged.processed / "constructs.csv"] = survey.constructs
            tables[staged.processed / "item_analysis.csv"] = survey.item_analysis
            tables[staged.processed / "construct_means.csv"] = survey.construct_means
        if survey.group_column:
            tables[staged.processed / "group_tests.csv"] = survey.group_tests
            if len(survey.pairwise_tests):
                tables[staged.processed / "pairwise_tests.csv"] = survey.pairwise_tests
            tables[staged.processed / "group_counts.csv"] = survey.group_counts
            tables[staged.processed / "group_sizes.csv"] = survey.group_sizes
        tables.update(study_outputs)
        record_formulas(survey.log, {staged.relative(path): table for path, table in tables.items()
                                     if isinstance(table, pd.DataFrame)})
        tables[staged.processed / "cleaning_log.csv"] = survey.log.to_frame()
        write_outputs(tables)
        print("running the report ...", flush=True)
        executed = folder.staging / "report.ipynb"
        execute(REPORT_NOTEBOOK, executed, dict(out_root=str(folder.staging), title=title, order=order, palette=palette,
                                                min_group=min_group), failed_dir=failed_dir)
        for warning in finish_report(executed, folder.staging, out):
            print(f"warning (from the report's code, not shown in it): {warning}", file=sys.stderr)
        write_outputs({folder.staging / "report.html": render_html(executed, title)})
        folder.commit()
    return out
