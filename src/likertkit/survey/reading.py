"""A survey read, checked and counted: from a file as researchers hold it (CSV, Excel, SPSS, Stata, Parquet, R) or
a DataFrame in memory, with the options of :class:`~likertkit.survey.options.SurveyOptions`.

:func:`load` reads (:mod:`likertkit.io`), says what the answers mean (:mod:`likertkit.scales`: from a scale CSV,
the file's value labels or the answers' words) and counts (:mod:`likertkit.counting`) into a
:class:`~likertkit.counting.count.Survey` with its cleaning log; :func:`load_survey` is the same with the options
given one by one.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pandas as pd

from likertkit.counting.count import Survey, answer_labels, count_survey, scale_answers
from likertkit.defaults import MIN_GROUP
from likertkit.errors import InputError
from likertkit.io.comments import describe_pairs, pair_columns, read_comments
from likertkit.io.files import line_number, option_values, read_csv_strict
from likertkit.io.formats.frame import frame_source
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
from likertkit.scales.direction import orient
from likertkit.scales.sides import mark_top_box, split_sides
from likertkit.scales.table import combine_scales, describe_scale, read_scales
from likertkit.scales.vocabulary import scale_family
from likertkit.survey.options import SurveyOptions
from likertkit.wording import plural, shortened

__all__ = ["LABEL_CHARS", "NON_ANSWER", "ScaleNeeded", "example_files", "items_from_spec", "load", "load_survey",
           "read_group_labels", "read_survey", "scales_from_answers", "scales_from_labels", "short_labels"]


def items_from_spec(items_spec, source: Source, header: list, id_column: str, roles=(), missing: str = "",
                    scales: dict | None = None) -> pd.DataFrame:
    """The items: from an items CSV (``item, label, group``), from a list of column names or glob patterns
    matched against each header's first line, or, with no ``ITEMS``, every column other than the id column and
    those in ``roles`` (GROUP, WEIGHT) whose value labels (SPSS, Stata, R, a DataFrame's ordered categoricals) or,
    in a file without them (CSV, Excel, Parquet), whose answers in words form a response scale this package knows
    (:mod:`likertkit.scales.vocabulary`) or are labels of one of ``scales`` (SCALE, when given); the others are
    listed in the log with how to include them."""
    spec = "" if isinstance(items_spec, list) else str(items_spec or "").strip()
    if spec and Path(spec).suffix.lower() == ".csv":
        return _by_first_line(read_items(spec), header)
    if isinstance(items_spec, list):
        names = _named_columns(items_spec, source, header, id_column)
    elif spec:
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
                f"value-labelled {plural('column', len(others))} not taken as {plural('item', len(others))}"
                ", their labels being no response scale this tool knows: " + "; ".join(
                    f"{name} ({', '.join(map(str, list(source.value_labels[name].values())[:4]))}"
                    f"{', …' if len(source.value_labels[name]) > 4 else ''})" for name in others)
                + f". To include them, name them in ITEMS= (e.g. ITEMS='{','.join(others[:2])}')")
        if not names:
            raise InputError("ITEMS", f"is needed for {source.path.name}: none of its value-labelled columns has "
                                      "labels that form a response scale this tool knows (agreement, frequency, "
                                      "satisfaction …); name the items with ITEMS='Q1,Q2' or an items CSV")
    else:
        names = _items_by_answers(source, header, id_column, roles, missing, scales)
    questions = [source.variable_labels.get(name) or source.question_text.get(first_line(name))
                 or " ".join(name.split()) for name in names]
    if any(first_line(name) in source.question_text for name in names):
        source.notes.append("item labels from the export's row of question text")
    labels, note = short_labels(questions)
    if note:
        source.notes.append(note)
    table = pd.DataFrame({"item": names, "label": labels, "group": [""] * len(names)},
                         index=pd.Index(range(2, len(names) + 2), name="line"))
    return table.assign(question=[" ".join(q.split()) for q in questions]) if labels != questions else table


def _items_by_answers(source: Source, header: list, id_column: str, roles, missing: str, scales: dict | None) -> list:
    """With no ``ITEMS`` and no value labels: the columns whose answers, in words, are a response scale this package
    knows (:func:`likertkit.scales.vocabulary.infer_scale`) or labels of one of ``scales`` (SCALE), as a
    value-labelled file's items are the columns whose labels are one. Answers that are ways of not answering
    ("Don't know") or ``MISSING`` are left aside; a column of numbers is never taken (its codes say nothing of a
    scale). The log names the items found and the columns not taken, with how to choose otherwise."""
    from likertkit.scales.vocabulary import infer_scale

    candidates = [name for name in header if str(name).strip() and header.count(name) == 1
                  and name not in (id_column, *roles)]
    responses = read_responses(source, candidates, id_column)
    declared = parse_missing(missing, pd.DataFrame({"code": [], "label": []}))
    given_labels = [{text_key(label).casefold() for label in part["label"]} for part in (scales or {}).values()]
    names, others = [], []
    for name in candidates:
        answers = [text for text in _answered(responses.tallies[name], declared) if not NON_ANSWER.search(text)]
        in_words = bool(answers) and all(parse_whole_number(text) is None for text in answers)
        keys = {text_key(text).casefold() for text in answers}
        labelled = any(keys <= labels for labels in given_labels)
        (names if in_words and (labelled or infer_scale(answers)) else others).append(name)
    what = "a DataFrame" if source.kind == "frame" else source.path.name
    if not names:
        raise InputError("ITEMS", f"is needed for {what}: no column's answers are, in words, a response scale this "
                                  "tool knows (agreement, frequency, satisfaction …); name the items with "
                                  "ITEMS='Q1_*,Q2' (items=['q1', 'q2']) or an items CSV (item, label, group)")
    source.notes.append(f"no ITEMS given: {plural('item', len(names))} found by their answers, in words of a response "
                        f"scale: {', '.join(first_line(name) for name in names)}")
    if others:
        shown = [first_line(name) for name in others]
        source.left_out.append(f"{plural('column', len(others))} not taken as {plural('item', len(others))}, their "
                               f"answers being no response scale in words: {', '.join(shown[:10])}"
                               + (f" and {len(shown) - 10} more" if len(shown) > 10 else "")
                               + ". To include or leave out columns, name the items in ITEMS=")
    return names


# A label longer than this is a whole question (a platform export's header): charts and tables show a short one.
LABEL_CHARS = 60


def short_labels(questions: list) -> tuple[list, str]:
    """Labels a chart can show for items whose text is a whole question (a platform export's header of hundreds
    of characters), and a note for the log; the questions as they are when every one is short.

    A stem every question shares (``How satisfied are you with …? - Salary``, ``… - Benefits``) is taken off,
    leaving what tells the items apart, after the question's code when each has one (``Q7_1 Salary``); what is
    left is cut at a word (:func:`likertkit.wording.shortened`); if two
    labels would still read alike, the items are labelled ``Q1`` … ``Qn`` in their order, and the full questions
    are the key.

    >>> short_labels(["Short", "Also short"])
    (['Short', 'Also short'], '')
    >>> stem = "Thinking of the last twelve months and of everything your employer offered you, how satisfied are you with"
    >>> short_labels([f"{stem} - your salary?", f"{stem} - your benefits?"])[0]
    ['salary', 'benefits']
    """
    flat = [" ".join(str(q).split()) for q in questions]
    if all(len(q) <= LABEL_CHARS for q in flat):
        return flat, ""
    codes = [q.split(" ", 1)[0] for q in flat]  # a platform's question codes (Q7_1 …), kept before each label
    if not (len(set(codes)) == len(codes) and all(_CODE.fullmatch(code) and " " in q for code, q in zip(codes, flat,
                                                                                                           strict=True))):
        codes = [""] * len(flat)
    texts = [q[len(code):].strip() for code, q in zip(codes, flat, strict=True)]
    shared = _shared_stem(texts) if len(texts) > 1 else ""
    tails = [text[len(shared):].strip(" -–—:?.") or text for text in texts] if shared else texts
    labels = [f"{code} {shortened(tail, LABEL_CHARS - len(code) - 1)}" if code else shortened(tail, LABEL_CHARS)
              for code, tail in zip(codes, tails, strict=True)]
    if len(set(labels)) < len(labels):
        labels = [f"Q{k}" for k in range(1, len(flat) + 1)]
        return labels, (f"item labels Q1 … Q{len(flat)}: the questions are too long for a chart and alike in their first "
                        f"{LABEL_CHARS} characters; each item's whole question is in items.csv (question) and the "
                        "report's key")
    said = f"the question every item shares, {shortened(shared, 200)!r}, left out of the labels; " if shared else ""
    return labels, (f"item labels shortened to {LABEL_CHARS} characters at most ({said}each item's whole question is "
                    "in items.csv, column question, and the report's key)")


# A question code as platforms write it before the question: Q7_1, P7, QID12, S2.3b.
_CODE = re.compile(r"[A-Za-z]{1,5}\d+[A-Za-z0-9_.]*")


def _shared_stem(texts: list) -> str:
    """The words every text begins with, when they make a stem worth taking off (30 characters or more) and leave
    each text something of its own."""
    first, words = texts[0].split(" "), 0
    while words < len(first) and all(t.split(" ")[:words + 1] == first[:words + 1] for t in texts[1:]):
        words += 1
    stem = " ".join(first[:words])
    if len(stem) < 30 or any(len(t) <= len(stem) + 1 for t in texts):
        return ""
    return stem


def _by_first_line(items: pd.DataFrame, header: list) -> pd.DataFrame:
    """An items CSV may name a column by its header's first line (``Q7_1`` for a platform's ``Q7_1`` + the
    question on the lines below), as ``ITEMS`` patterns do: such names become the column's whole header."""
    whole = {}
    for name in header:
        whole.setdefault(first_line(name), []).append(name)
    named = [name if name in header or len(whole.get(name, [])) != 1 else whole[name][0] for name in items["item"]]
    return items.assign(item=named) if named != list(items["item"]) else items


def _named_columns(wanted: list, source: Source, header: list, id_column: str) -> list:
    """Columns named exactly (a multi-line header also by its first line), in the order given."""
    names = []
    for name in wanted:
        matched = [column for column in header if name in (column, first_line(column)) and column != id_column]
        if not matched:
            raise InputError("ITEMS", f"{name!r} is not a column of {source.path.name}; its columns: "
                                      f"{', '.join(first_line(n) for n in header)}")
        names += [column for column in matched if column not in names]
    return names


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
    inferred, unknown, answered = {}, {}, {}
    for item in items["item"]:
        answers = _answered(responses.tallies[item], declared)
        answered[item] = set(answers)
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
        blocks = _answer_blocks({item: answers for item, answers in answered.items() if item not in inferred})
        drafts = {name: pd.DataFrame({"code": range(1, len(texts) + 1), "label": [t for t in order if t in texts]})
                  for name, texts in blocks.items()}
        draft = combine_scales(drafts) if len(drafts) > 1 else next(iter(drafts.values()))
        listed = ", ".join(f"{t!r} ({unknown[t]})" for t in order[:12]) + (" …" if len(order) > 12 else "")
        several = (f"; the draft holds one scale per block of items that share answers ({'; '.join(blocks)}), and "
                   "each item is matched to the scale that holds its answers" if len(blocks) > 1 else "")
        raise ScaleNeeded(f"is needed: the answers of {', '.join(i for i in items['item'] if i not in inferred)} are "
                          f"not a response scale this tool knows: {listed}{several}", draft)
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


def _answered(tally: dict, missing: MissingAnswers) -> dict:
    """``{answer: count}`` of a column's tally, each answer as written but trimmed: blanks and the answers ``missing``
    declares left out."""
    answered = {}
    for text, n in tally.items():
        if text.strip() and not missing.declares(text):
            answered[text.strip()] = answered.get(text.strip(), 0) + n
    return answered


def _answer_blocks(answers_of: dict) -> dict:
    """``{name: answers}``: items joined into blocks wherever two share an answer (in the items' order), each block
    named by its first and last item (``q1 … q4``), with the answers its items gave."""
    blocks = []  # [(items, answers)]
    for item, answers in answers_of.items():
        joined = [block for block in blocks if block[1] & answers]
        merged = ([i for block in joined for i in block[0]] + [item], set().union(answers, *(b[1] for b in joined)))
        blocks = [block for block in blocks if block not in joined] + [merged]
    blocks.sort(key=lambda block: list(answers_of).index(block[0][0]))
    named = {}
    for members, answers in blocks:
        members = sorted(members, key=list(answers_of).index)
        name = first_line(members[0]) + (f" … {first_line(members[-1])}" if len(members) > 1 else "")
        named[name] = answers
    return named


def _scales_by_answers(items: pd.DataFrame, parts: dict, responses, missing: MissingAnswers, source: Source) -> None:
    """Without a ``scale`` column naming each item's, give each item the one scale of SCALE that holds all its
    answers (codes or labels, any case; missing answers aside): an error names an item that fits none or several."""
    holds = {name: ({str(code) for code in part["code"]}, {text_key(label).casefold() for label in part["label"]})
             for name, part in parts.items()}
    chosen = []
    for item in items["item"]:
        answers = list(_answered(responses.tallies[item], missing))
        fits = [name for name, (codes, labels) in holds.items() if all(
            str(parse_whole_number(text)) in codes if parse_whole_number(text) is not None
            else text_key(text).casefold() in labels for text in answers)]
        if len(fits) != 1:
            shown = ", ".join(repr(t) for t in answers[:6]) + (" …" if len(answers) > 6 else "")
            problem = "in none of them" if not fits else f"in each of {', '.join(fits)}"
            raise InputError("SCALE", f"holds {len(parts)} scales ({', '.join(parts)}) and the answers of item "
                                      f"{first_line(item)!r} ({shown}) are {problem}: give each item its scale in a "
                                      "'scale' column of an items CSV")
        chosen.append(fits[0])
    items["scale"] = chosen
    source.notes.append(f"SCALE holds {len(parts)} scales: each item matched to the one holding its answers ("
                        + "; ".join(f"{name}: {', '.join(first_line(i) for i, s in zip(items['item'], chosen, strict=True) if s == name)}"
                                    for name in parts if name in chosen) + ")")


def _item_scales(items: pd.DataFrame, parts: dict, items_spec) -> None:
    """Check each item's ``scale`` (an items CSV column) against the scales SCALE holds."""
    if len(parts) == 1 or "scale" not in items:  # several scales and no column: matched by the answers, once read
        return
    if not items["scale"].str.strip().all():
        raise InputError(items_spec if str(items_spec).lower().endswith(".csv") else "ITEMS",
                         f"SCALE holds {len(parts)} scales ({', '.join(parts)}): give each item its scale in a "
                         "'scale' column of the items CSV")
    items["scale"] = items["scale"].str.strip()
    for index, name in zip(items.index, items["scale"], strict=True):
        if name not in parts:
            raise InputError(items_spec, f"scale {name!r} is not in SCALE ({', '.join(parts)})", line_number(index),
                             "scale")


def _constructs(items: pd.DataFrame, items_spec) -> pd.DataFrame:
    """Each item's ``construct`` (text; empty = none) and ``reversed`` (from the items CSV's ``reverse`` column:
    yes or no), checked: a value that is neither is an error naming the line."""
    items = items.copy()
    items["construct"] = items["construct"].str.strip() if "construct" in items else ""
    flags = []
    for index, value in zip(items.index, items["reverse"] if "reverse" in items else [""] * len(items), strict=True):
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
    for index, code, label in zip(frame.index, frame["code"], frame["label"], strict=True):
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


def _scale_given(scale) -> tuple[pd.DataFrame, object]:
    """A scale given as a CSV path, a DataFrame ``code, label``, a dict ``{code: label}`` or a list of labels
    (lowest first, coded 1, 2, …), as the strict table :func:`likertkit.scales.table.read_scales` checks, and the
    name its errors give."""
    if isinstance(scale, (str, Path)):
        return read_csv_strict(Path(scale), ["code", "label"]), Path(scale)
    if isinstance(scale, pd.DataFrame):
        missing = [name for name in ("code", "label") if name not in scale.columns]
        if missing:
            raise InputError("SCALE", f"the scale's DataFrame has no {missing[0]!r} column (it needs code, label)")
        rows = scale.reset_index(drop=True)
    elif isinstance(scale, dict):
        rows = pd.DataFrame({"code": list(scale), "label": list(scale.values())})
    else:
        labels = list(scale)
        rows = pd.DataFrame({"code": range(1, len(labels) + 1), "label": labels})
    table = rows.astype(object).where(rows.notna(), "").astype(str)
    table.index = pd.Index(range(2, len(table) + 2), name="line")
    return table, "SCALE"


def _items_given(items) -> str | Path | list:
    """Items given as an items CSV's path, column names and patterns in one string, or a list of column names."""
    if isinstance(items, (str, Path)) or not items:
        return items or ""
    return [str(name) for name in items]


def example_files():
    """A folder holding a tiny survey, made up for the examples in this package's docstrings: ``answers.csv``
    (three respondents, items ``q1`` and ``q2``, one answer given as a label and one as ``9``, no answer) and
    ``scale.csv`` (``1 = Disagree, 2 = Agree``).

    >>> sorted(path.name for path in example_files().iterdir())
    ['answers.csv', 'scale.csv']
    """
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="likertkit-example-"))
    (folder / "answers.csv").write_text("respondent_id,q1,q2\nr1,1,2\nr2,Agree,2\nr3,9,1\n", encoding="utf-8")
    (folder / "scale.csv").write_text("code,label\n1,Disagree\n2,Agree\n", encoding="utf-8")
    return folder


def read_survey(survey, options: SurveyOptions | None = None):
    """Open a survey and check it, its items, its scales and its missing codes; nothing is counted yet.

    Parameters
    ----------
    survey : path or DataFrame
        CSV/TSV (any common encoding and delimiter), .xlsx, .sav, .dta, .rds/.RData, or Parquet (a file or a
        folder); or a pandas DataFrame (:func:`likertkit.io.formats.frame.frame_source`).
    options : SurveyOptions, optional

    Returns
    -------
    scale : DataFrame
        ``code, label, direction, side`` (and ``scale`` with several), each scale ordered negative → positive, its
        answers' sides of the centre marked (:func:`likertkit.scales.sides.split_sides`).
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
    >>> folder = example_files()  # answers.csv (q1, q2; 9 = no answer) and scale.csv (Disagree, Agree)
    >>> given = SurveyOptions(items="q1,q2", scale=folder / "scale.csv", missing="9")
    >>> scale, missing, items, responses = read_survey(folder / "answers.csv", given)
    >>> list(scale["label"]), list(items["item"]), responses.num_rows
    (['Disagree', 'Agree'], ['q1', 'q2'], 3)
    """
    o = options or SurveyOptions()
    items_spec, group, weight, positive = _items_given(o.items), o.group, o.weight, o.positive
    source = frame_source(survey) if isinstance(survey, pd.DataFrame) else open_source(survey, o.encoding,
                                                                                         o.delimiter)
    if o.group_labels:
        source.value_labels[group] = read_group_labels(o.group_labels, group)
        source.notes.append(f"the values of {group!r} named by {Path(o.group_labels).name}")
    header = survey_header(source)
    id_name = choose_id_column(source, header, o.id)
    given = None
    if isinstance(o.scale, (pd.DataFrame, dict, list, tuple)) or (o.scale is not None and str(o.scale)):
        given = read_scales(*_scale_given(o.scale))
    items = items_from_spec(items_spec, source, header, id_name, (group, weight), o.missing, given)
    if given is not None:
        parts = given
        _item_scales(items, parts, items_spec)
    elif source.value_labels:
        parts = scales_from_labels(source, items)
        for name, part in parts.items():
            source.notes.append(f"scale{' ' + repr(name) if name else ''} from the value labels: {describe_scale(part)}")
    else:
        items = _constructs(items, items_spec)
        keep = list(items.loc[items["construct"] != "", "item"])
        responses = read_responses(source, list(items["item"]), id_name, group, keep, weight)
        parts = scales_from_answers(responses, items, o.missing, source)
        for name, part in parts.items():
            orient(part, positive)  # a bad POSITIVE is said before anything else
    oriented = {}
    for name, part in parts.items():
        part, note = orient(part, positive)
        source.notes.append(f"scale{' ' + repr(name) if name else ''} direction: {note}")
        part, note = split_sides(part, o.center, name)
        source.notes.append(f"scale{' ' + repr(name) if name else ''} centre: {note}")
        if str(o.top_box).strip():
            part, note = mark_top_box(part, o.top_box, name)
            source.notes.append(f"scale{' ' + repr(name) if name else ''} top box: {note}")
        oriented[name] = part
    scale = combine_scales(oriented)
    missing_answers = parse_missing(o.missing, scale)
    declared = {code for name in items["item"] for code in source.user_missing.get(name, ())} - set(scale["code"])
    if declared:
        missing_answers = MissingAnswers(missing_answers.codes | frozenset(declared), missing_answers.labels)
        source.notes.append(f"codes the file declares missing: {', '.join(map(str, sorted(declared)))}")
    if "reversed" not in items:
        items = _constructs(items, items_spec)
        keep = list(items.loc[items["construct"] != "", "item"])
        responses = read_responses(source, list(items["item"]), id_name, group, keep, weight)
    if len(oriented) > 1 and "scale" not in items:
        _scales_by_answers(items, oriented, responses, missing_answers, source)
    return scale, missing_answers, items, responses


def load(survey, options: SurveyOptions | None = None) -> Survey:
    """Read, check and count a respondent-level survey into tidy tables, with a cleaning log.

    Parameters
    ----------
    survey : path or DataFrame
        As for :func:`read_survey`.
    options : SurveyOptions, optional
        How to read it (items, scale, missing codes, id, group, weight …); an items CSV's ``comments`` column, or
        ``comments="next"``, pairs items with their open-ended answers (:func:`likertkit.io.comments.pair_columns`).

    Returns
    -------
    Survey
        ``counts`` (``item, code, category, count``), ``items``, ``scale``, ``log`` (the cleaning log),
        ``warnings``, and, when asked for, ``group_counts``, ``group_sizes``, ``group_tests``, ``weighted``,
        ``constructs``, ``item_analysis`` and ``comments`` (``item, respondent_id, answer, text``).

    Raises
    ------
    InputError
        Naming the file, line, respondent, column and value of the first bad answer.

    Examples
    --------
    >>> folder = example_files()  # answers.csv (q1, q2; 9 = no answer) and scale.csv (Disagree, Agree)
    >>> survey = load(folder / "answers.csv", SurveyOptions(items="q1,q2", scale=folder / "scale.csv", missing="9"))
    >>> survey.counts[["item", "code", "count"]].values.tolist()
    [['q1', 1, 1], ['q1', 2, 1], ['q2', 1, 1], ['q2', 2, 2]]
    >>> survey.items[["item", "n_valid", "n_missing"]].values.tolist()
    [['q1', 2, 1], ['q2', 3, 0]]
    """
    o = options or SurveyOptions()
    scale, missing_answers, items, responses = read_survey(survey, o)
    check_unique_ids(responses)  # unique and present, checked before any counting
    items_spec = _items_given(o.items)
    items_file = items_spec if str(items_spec).lower().endswith(".csv") else "ITEMS"
    pairs, not_paired = pair_columns(responses.header, items, o.comments, (responses.id_column, o.group, o.weight),
                                     items_file)
    counted = count_survey(responses, items, scale, missing_answers, items_file, o.min_group,
                           {position + 1 for position in pairs.values()}, items_found=not str(items_spec or "").strip()
                           and not isinstance(items_spec, list))
    if pairs or not_paired:
        found = read_comments(responses, pairs, scale_answers(scale, missing_answers), not_paired,
                              answer_labels(scale, missing_answers, items))
        counted.comments = found.table
        for kind, note, column, result in describe_pairs(found):
            counted.log.record("read comments", kind, note, responses.path, "", column, "", result)
    if isinstance(o.scale, (str, Path)) and str(o.scale):
        counted.warnings[:0] = scale_warnings(scale, o.scale)
    return counted


def load_survey(survey_file, items_spec="", scale_csv="", missing="", encoding="", delimiter="", id_column="",
                positive="", group="", weight="", min_group=MIN_GROUP, group_labels="", comments="",
                center="", top_box="") -> Survey:
    """:func:`load` with the options given one by one, in the order of the command line's.

    Parameters
    ----------
    survey_file : path or DataFrame
    items_spec, scale_csv, missing, encoding, delimiter, id_column, positive, group, weight, min_group
        The fields of :class:`~likertkit.survey.options.SurveyOptions` (``items``, ``scale``, … ``id``).
    group_labels, comments, center, top_box
        Likewise.

    Returns
    -------
    Survey

    Examples
    --------
    >>> folder = example_files()
    >>> load_survey(folder / "answers.csv", "q1,q2", folder / "scale.csv", missing="9").counts["count"].tolist()
    [1, 1, 1, 2]
    """
    return load(survey_file, SurveyOptions(items=items_spec, scale=scale_csv, missing=missing, encoding=encoding,
                                           delimiter=delimiter, id=id_column, positive=positive, group=group,
                                           weight=weight, group_labels=group_labels, comments=comments,
                                           min_group=min_group, center=center, top_box=top_box))
