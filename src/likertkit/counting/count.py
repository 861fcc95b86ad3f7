"""Counting your own survey's answers into the compendium's tidy tables.

:mod:`likertkit.io.responses` tallies each item's distinct answer texts as it reads; only those few texts are
classified here, by one rule applied the same way in every column:

* blank (empty or spaces only): missing, counted as a blank answer;
* a whole number that is a scale code: that code. ``2`` is the usual way to write it; ``02``, ``+2``,
  ``2.0`` or ``2.00`` are read as ``2`` too and counted in the log ("written as a decimal or with
  leading zeros"); ``2.5`` or ``1e0`` are not codes;
* a whole number listed in ``MISSING``: missing, counted;
* a scale label, in any case, spaces around it ignored: its code, counted (a label that looks like a
  number, such as ``10``, counts only where it is not itself a code: codes win, with a warning);
* a text listed in ``MISSING`` (any case): missing, counted;
* anything else: an error naming the line, respondent, column and value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from likertkit.counting.log import CleaningLog
from likertkit.defaults import MIN_GROUP
from likertkit.errors import InputError
from likertkit.io.files import line_number, text_columns
from likertkit.io.responses import (
    ITEM_COLUMNS,
    ROW_NUMBERS,
    MissingAnswers,
    Responses,
    parse_whole_number,
    text_key,
)
from likertkit.scales.table import describe_scale, scale_parts
from likertkit.stats.groups import group_tests, pairwise_tests
from likertkit.stats.items import construct_means
from likertkit.wording import count_noun

__all__ = ["MISSING_GROUP", "NO_ANSWER_MARKS", "REVERSED_MARK", "STEP", "Survey", "answer_labels", "count_survey",
           "formula_cells", "formula_like", "formula_note", "group_names", "groups_sharing_a_name", "record_formulas",
           "respondent_codes", "scale_answers", "scale_names", "weighted_group_table", "weighted_table"]

STEP = "count responses"


@dataclass
class Survey:
    counts: pd.DataFrame
    items: pd.DataFrame
    scale: pd.DataFrame
    log: CleaningLog
    warnings: list = field(default_factory=list)
    group_column: str = ""
    weight_column: str = ""  # the column of survey weights (WEIGHT=), when given
    group_counts: pd.DataFrame | None = None  # group, item, code, category, count (with GROUP=)
    group_sizes: pd.DataFrame | None = None  # group, n_respondents
    constructs: pd.DataFrame | None = None  # see likertkit.stats.reliability (items with a construct)
    item_analysis: pd.DataFrame | None = None
    construct_scores: pd.DataFrame | None = None  # each respondent's construct scores (and group, with GROUP=)
    construct_means: pd.DataFrame | None = None  # see likertkit.stats.items.construct_means
    weighted: pd.DataFrame | None = None  # weighted counts, percents, mean and SD per item, with Kish's n (WEIGHT=)
    weighted_by_group: pd.DataFrame | None = None  # the same per compared group, ``group`` first (GROUP= and WEIGHT=)
    group_tests: pd.DataFrame | None = None  # see likertkit.stats.groups.group_tests (with GROUP=)
    pairwise_tests: pd.DataFrame | None = None  # see likertkit.stats.groups.pairwise_tests (three groups or more)
    comments: pd.DataFrame | None = None  # item, respondent_id, answer, text: open-ended answers (likertkit.io.comments)


def weighted_table(responses: Responses, items, scale_of, classifier_of) -> pd.DataFrame:
    """Per item: raw ``n_valid``, Kish's effective n ``(sum w)^2 / sum w^2``, the sum of weights, the weighted count
    and percent of each code (of the valid answers' weights), and the weighted mean and SD. The SD treats the
    weights as survey (reliability) weights: ``sum w (x - m)^2 / (W - sum w^2 / W)``, which is the sample SD when
    every weight is 1."""
    rows = _weighted_rows(responses.weighted_tallies, responses.tallies, items, scale_of, classifier_of)
    for row in rows:
        if not row["sum_of_weights"] > 0:
            raise InputError(responses.path, f"the weights of the valid answers to item {row['item']!r} sum to zero",
                             column=responses.weight_column)
    return pd.DataFrame(rows)


def weighted_group_table(responses: Responses, items, scale_of, classifier_of, groups: dict) -> pd.DataFrame:
    """:func:`weighted_table` for each group, one after another, with ``group`` first: ``groups`` maps the group
    values read to their names, in order. An item whose valid answers in a group weigh nothing (none answered it
    there, or every weight was zero) has an effective n of 0 and no percents, mean or SD."""
    rows = [dict(group=name) | row for value, name in groups.items()
            for row in _weighted_rows(responses.weighted_group_tallies.get(value, {}),
                                      responses.group_tallies.get(value, {}), items, scale_of, classifier_of)]
    if rows:
        return pd.DataFrame(rows)
    codes = list(dict.fromkeys(code for item in items["item"] for code in scale_of[item]["code"]))
    return pd.DataFrame(columns=["group", "item", "label", "domain", "n_valid", "n_effective", "sum_of_weights",
                                 *(f"weighted_count_{c}" for c in codes), *(f"weighted_valid_pct_{c}" for c in codes),
                                 "mean", "sd"])  # no group compared: no rows, the columns as ever


def _weighted_rows(weighted_tallies: dict, tallies: dict, items, scale_of, classifier_of) -> list:
    rows = []
    for item, label, domain in zip(items["item"], items["label"], items["domain"], strict=True):
        scale, classify = scale_of[item], classifier_of[item]
        position = {code: i for i, code in enumerate(scale["code"])}
        w, w2 = np.zeros(len(scale)), np.zeros(len(scale))
        for value, (weight, squared) in weighted_tallies.get(item, {}).items():
            code, _ = classify(value)
            if code is not None:
                w[position[code]] += weight
                w2[position[code]] += squared
        n = int(sum(k for value, k in tallies.get(item, {}).items() if classify(value)[0] is not None))
        total, total2 = w.sum(), w2.sum()
        codes = scale["code"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = float(w @ codes / total) if total > 0 else float("nan")
            denominator = total - total2 / total if total > 0 else 0.0
            sd = float(np.sqrt(w @ (codes - mean) ** 2 / denominator)) if denominator > 0 else float("nan")
            n_effective = total ** 2 / total2 if total2 > 0 else 0.0
            row = dict(item=item, label=label, domain=domain, n_valid=n, n_effective=n_effective, sum_of_weights=total)
            row |= {f"weighted_count_{c}": x for c, x in zip(scale["code"], w, strict=True)}
            row |= {f"weighted_valid_pct_{c}": 100 * x / total if total > 0 else float("nan")
                    for c, x in zip(scale["code"], w, strict=True)}
        rows.append(row | dict(mean=mean, sd=sd))
    return rows


def respondent_codes(responses: Responses, names: list, classifier_of: dict) -> pd.DataFrame:
    """Each respondent's code on the kept items (missing answers as NaN), from their dictionary-encoded answers:
    each distinct answer text is classified once, then looked up for every respondent."""
    columns = {}
    for name in names:
        parts = []
        for chunk in responses.answers[name]:
            lookup = np.array([np.nan if code is None else code for code, _ in map(classifier_of[name],
                                                                                   chunk.dictionary.to_pylist())],
                              dtype=float)
            parts.append(lookup[np.asarray(chunk.indices.to_numpy(zero_copy_only=False), dtype=np.int64)] if len(lookup)
                         else np.full(len(chunk), np.nan))
        columns[name] = np.concatenate(parts) if parts else np.array([], dtype=float)
    return pd.DataFrame(columns)


def _analyse_constructs(survey: Survey, responses: Responses, items, scale_of, classifier_of, items_file):
    """Score the items of each construct (reversing reverse-keyed ones) and analyse their reliability. An item
    everyone answered alike has no correlation with anything: an error naming it, not a failed computation."""
    from likertkit.stats import reliability
    members = items[items["construct"] != ""]
    codes = respondent_codes(responses, list(members["item"]), classifier_of)
    for line, item, construct in zip(members.index, members["item"], members["construct"], strict=True):
        answered = codes[item].dropna().unique()
        if len(answered) < 2:
            raise InputError(items_file, f"item {item!r} of construct {construct!r} has one answer only "
                             f"({', '.join(str(int(a)) for a in answered) or 'none'}) from everyone who answered it, so "
                             "no correlation, alpha or omega can be computed with it; leave it out of the construct",
                             line_number(line), "construct")
    for item, reversed_ in zip(members["item"], members["reversed"], strict=True):
        if reversed_:
            scale = scale_of[item]["code"]
            codes[item] = reliability.reverse_scored(codes[item], int(scale.min()), int(scale.max()))
    survey.constructs, survey.item_analysis = reliability.analyse(codes, members)
    survey.construct_scores = pd.DataFrame({construct: codes[list(part["item"])].mean(axis=1, skipna=True)
                                            for construct, part in members.groupby("construct", sort=False)})
    if responses.group_values is not None:
        names = group_names(responses)
        survey.construct_scores["group"] = [names[v] for v in responses.group_values.to_pylist()]
    survey.construct_means = construct_means(survey.construct_scores, list(survey.constructs["construct"]))
    survey.warnings += [f"{w}" for w in reliability.warnings(survey.constructs, survey.item_analysis)]
    n_reversed = int(members["reversed"].sum())
    if n_reversed:
        survey.log.record("score constructs", "transformation", "reverse-keyed items scored low + high - code where "
                          "items are combined (their own tables keep the answers as given)", responses.path, "",
                          ", ".join(members.loc[members["reversed"], "item"]), "", n_reversed)




REVERSED_MARK = " (reverse-keyed)"  # after a reverse-keyed item's label in its own tables and charts


MISSING_GROUP = "(no group)"  # the group of respondents whose group cell is blank


def group_names(responses: Responses) -> dict:
    """Each group value as shown: its value label (SPSS, Stata) when it has one, :data:`MISSING_GROUP` for a blank.

    Every group keeps its own name: values that would be shown alike (two codes labelled "Other", ``1`` and ``01``
    under one label, a value written "(no group)") are told apart by the value itself, ``Other [1]`` and
    ``Other [2]``, instead of being merged (:func:`groups_sharing_a_name` lists them for the log).
    """
    labelled = _labelled_group_values(responses)
    shared = _sharing_a_name(labelled)
    names = {value: f"{name} [{value}]" if value in shared else name for value, name in labelled.items()}
    if len(set(names.values())) < len(names):
        raise InputError(responses.source.path, f"the values of {responses.group_column!r} cannot be told apart "
                                                "by their labels, nor by label and value", column=responses.group_column)
    return names


def groups_sharing_a_name(responses: Responses) -> list:
    """The group values (not the blank) whose label another value of the group column also has."""
    return _sharing_a_name(_labelled_group_values(responses))


def _sharing_a_name(labelled: dict) -> list:
    seen = pd.Series(list(labelled.values()), dtype=object)
    shared = set(seen[seen.duplicated()])
    return [value for value, name in labelled.items() if value and name in shared]


def _labelled_group_values(responses: Responses) -> dict:
    labels = responses.source.value_labels.get(responses.group_column, {})
    names = {}
    for value in responses.group_sizes:
        number = parse_whole_number(value) if value else None
        names[value] = MISSING_GROUP if not value else str(labels.get(number, labels.get(value, value)))
    return names


def _count_groups(responses: Responses, items, scale_of, classifier_of) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts per group x item x code, and respondents per group (in the order of the labels); respondents with no
    group value are in neither."""
    names = group_names(responses)
    order = sorted((value for value in responses.group_sizes if value), key=_group_key)
    rows, sizes = [], []
    for value in order:
        sizes.append(dict(group=names[value], n_respondents=responses.group_sizes[value]))
        for item in items["item"]:
            tally = responses.group_tallies.get(value, {}).get(item, {})
            scale = scale_of[item]
            item_counts, _ = classifier_of[item].count(list(tally), list(tally.values()), lambda bad: AssertionError(bad))
            rows += [dict(group=names[value], item=item, code=code, category=label, count=int(k))
                     for code, label, k in zip(scale["code"], scale["label"], item_counts, strict=True)]
    return pd.DataFrame(rows), pd.DataFrame(sizes)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text) -> bool:
    """Whether a spreadsheet opening a CSV would read this cell as a formula (not a plain number such as ``-1``).

    >>> formula_like("=HYPERLINK(1)"), formula_like("-1"), formula_like("- not at all"), formula_like("Agree")
    (True, False, True, False)
    """
    text = str(text)
    if not text.startswith(_FORMULA_START):
        return False
    try:
        float(text)
        return False
    except ValueError:
        return True


def _compare_groups(survey: Survey, responses: Responses, items, scale_of, classifier_of, min_group: int):
    """The groups' counts and sizes, and the tests between them. Respondents with no group value are left out of
    every comparison (and counted once); groups of fewer than ``min_group`` respondents are listed in
    ``group_sizes`` (``compared`` false) but left out of the counts, charts, sentences and tests."""
    column, survey_file, log = responses.group_column, responses.path, survey.log
    blank = responses.group_sizes.get("", 0)
    if blank == responses.num_rows:
        raise InputError(survey_file, f"the GROUP column {column!r} is blank for every respondent: there are no "
                                      "groups to compare", column=column)
    counts, sizes = _count_groups(responses, items, scale_of, classifier_of)
    sizes["compared"] = sizes["n_respondents"] >= min_group
    compared = set(sizes.loc[sizes["compared"], "group"])
    survey.group_column = column
    survey.group_counts = counts[counts["group"].isin(compared)].reset_index(drop=True)
    survey.group_sizes = pd.concat([sizes, pd.DataFrame([dict(group=MISSING_GROUP, n_respondents=blank,
                                                              compared=False)])], ignore_index=True) if blank else sizes
    scores = {}
    if survey.construct_scores is not None:
        parts = dict(list(survey.construct_scores.groupby("group", sort=False)))
        order = [g for g in sizes["group"] if g in compared and g in parts]  # the items' order of groups, so that
        scores = {construct: {g: parts[g][construct].dropna().to_numpy() for g in order}  # r's sign means the same
                  for construct in survey.constructs["construct"]}
    if responses.weighted_group_tallies is not None:
        names = group_names(responses)
        values = {value: names[value] for value in sorted((v for v in responses.group_sizes if v), key=_group_key)
                  if names[value] in compared}
        survey.weighted_by_group = weighted_group_table(responses, survey.items, scale_of, classifier_of, values)
    survey.group_tests = group_tests(survey.group_counts, items, scale_of, scores)
    survey.pairwise_tests = pairwise_tests(survey.group_counts, items, scale_of, scores)
    if survey.construct_means is not None:
        means = survey.construct_means
        means = means[(means["group"] == "") | means["group"].isin(compared)]
        construct_order = {c: k for k, c in enumerate(dict.fromkeys(means["construct"]))}
        group_order = {"": -1, **{g: k for k, g in enumerate(sizes["group"])}}  # the groups' own order, as listed
        survey.construct_means = means.sort_values(
            ["construct", "group"], key=lambda column: column.map(construct_order if column.name == "construct"
                                                                  else group_order)).reset_index(drop=True)
    for key, written in (responses.group_spellings or {}).items():
        log.record("count by group", "transformation", f"values of {column!r} written differently read as one group "
                   f"(surrounding spaces removed, Unicode NFC): {', '.join(map(repr, written))} as {key!r}",
                   survey_file, "", column, "", len(written))
    told_apart = groups_sharing_a_name(responses)
    if told_apart:
        log.record("count by group", "anomaly", f"{len(told_apart)} values of {column!r} share a label; each is "
                   f"shown with its value in brackets, not merged: {', '.join(told_apart)}", survey_file, "", column, "",
                   len(told_apart))
    log.record("count by group", "check", f"{len(sizes)} groups in {column!r}, {len(compared)} of them compared",
               survey_file, "", column, "", len(sizes))
    small = sizes[~sizes["compared"]]
    if len(small):
        log.record("count by group", "anomaly", f"groups of fewer than {min_group} respondents (MIN_GROUP) listed but "
                   "not compared: " + ", ".join(f"{g} ({n})" for g, n in zip(small["group"], small["n_respondents"], strict=True)),
                   survey_file, "", column, "", int(small["n_respondents"].sum()))
    if blank:
        log.record("count by group", "anomaly", f"respondents with no {column!r} value left out of the group charts, "
                   "sentences and tests", survey_file, "", column, "", blank)


def _group_key(value):
    number = parse_whole_number(value)
    return (0, number, "") if number is not None else (1, 0, value.casefold())


class _Classifier:
    """The rule above for one scale and one ``MISSING``, with each distinct answer text classified once."""

    def __init__(self, scale, missing: MissingAnswers):
        self.codes = [int(code) for code in scale["code"]]
        self.position = {code: i for i, code in enumerate(self.codes)}
        self.by_label = {text_key(label).casefold(): code for code, label in zip(self.codes, scale["label"], strict=True)}
        self.missing = missing
        self.known: dict = {}

    def __call__(self, text):
        """``(code, how)`` for one distinct answer; ``how`` is 'code', 'written', 'label', 'missing', 'blank' or None."""
        if text not in self.known:
            self.known[text] = self._classify(text)
        return self.known[text]

    def _classify(self, text):
        key = text_key(text)
        if not key:
            return None, "blank"
        number = parse_whole_number(key)
        if number is not None:
            how = "code" if key == str(number) else "written"
            if number in self.position:
                return number, how
            if number in self.missing.codes:
                return None, "missing"
        folded = key.casefold()
        if folded in self.by_label:
            return self.by_label[folded], "label"
        if folded in self.missing.labels:
            return None, "missing"
        return None, None

    def is_answer(self, text) -> bool:
        """Whether ``text`` is one of the scale's answers (a code, however written, or a label) or declared missing."""
        return self(text)[1] not in (None, "blank")

    def count(self, values, ns, bad_value):
        """One item's counts per code, in scale order, and how many answers were recoded or set missing."""
        counts = np.zeros(len(self.codes), dtype=np.int64)
        tallied = dict(blank=0, missing=0, label=0, written=0)
        for value, n in zip(values, ns, strict=True):
            code, how = self(value)
            if how is None:
                raise bad_value(value)
            if how in tallied:
                tallied[how] += n
            if code is not None:
                counts[self.position[code]] += n
        return counts, tallied


# How R, SAS, SQL exports and spreadsheets write "no answer": an error on one of these says how to declare it missing.
NO_ANSWER_MARKS = frozenset({"na", "n/a", "nan", "null", "none", ".", "#n/a"})


def scale_answers(scale: pd.DataFrame, missing: MissingAnswers):
    """``is_answer(text)``: whether a text would be read as an answer on ``scale`` (any of its scales) or as a
    declared missing code or label, by the rule every answer is read by.

    >>> is_answer = scale_answers(pd.DataFrame({"code": [1, 2], "label": ["No", "Yes"]}), MissingAnswers())
    >>> is_answer("2.0"), is_answer(" yes"), is_answer("Yes, but slowly")
    (True, True, False)
    """
    return _Classifier(scale, missing).is_answer


def answer_labels(scale: pd.DataFrame, missing: MissingAnswers, items: pd.DataFrame) -> dict:
    """``{item: label_of(text)}``: the label of the answer a text gives on the item's scale, by the rule every
    answer is read by ("2", " 2.0" and "agree" are all "Agree"); blank for a blank or declared-missing answer, and
    a text that is no answer as written.

    >>> scale = pd.DataFrame({"code": [1, 2], "label": ["Disagree", "Agree"]})
    >>> label_of = answer_labels(scale, MissingAnswers(), pd.DataFrame({"item": ["q1"]}))["q1"]
    >>> label_of("2.0"), label_of(" agree"), label_of("")
    ('Agree', 'Agree', '')
    """
    parts = scale_parts(scale)
    labellers = {}
    for name, part in parts.items():
        classify, label = _Classifier(part, missing), dict(zip(part["code"].astype(int), part["label"], strict=True))

        def label_of(text, classify=classify, label=label):
            code, how = classify(text)
            return label[code] if code is not None else ("" if how in ("blank", "missing") else str(text))
        labellers[name] = label_of
    return {item: labellers[name] for item, name in scale_names(parts, items).items()}


def scale_names(parts: dict, items: pd.DataFrame) -> dict:
    """``{item: the name of its scale in parts}`` (:func:`likertkit.scales.table.scale_parts`): the items table's
    ``scale`` column when there are several scales, the one scale's name otherwise. The one rule counting and
    every reader of answers take each item's scale by."""
    several = "scale" in items and len(parts) > 1
    only = next(iter(parts))
    return dict(zip(items["item"], items["scale"] if several else [only] * len(items), strict=True))


def _bad_value(responses: Responses, name, scale, missing):
    def error(value):
        record, respondent = responses.locate(name, value)
        described = describe_scale(scale)
        also = f" nor a missing code or label ({missing.describe()})" if missing else ""
        hint = f"; if it means no answer, give MISSING={value.strip()}" if value.strip().casefold() in NO_ANSWER_MARKS \
            else ""
        return InputError(responses.path, f"value {value!r} is not a code or label of the scale ({described}){also}"
                                          f"{hint}",
                          column=name, **responses.where(record, respondent))
    return error


def count_survey(responses: Responses, items, scale, missing: MissingAnswers, items_file="items.csv",
                 min_group: int = MIN_GROUP, comment_columns=frozenset(), items_found: bool = False) -> Survey:
    """Validate every answer and count each item's answers into the tidy tables, logging what changed. With a
    group column, groups of fewer than ``min_group`` respondents are listed but not compared. The columns at
    ``comment_columns`` (1-based positions) hold open-ended answers, read elsewhere, so are not said to be ignored."""
    survey_file, items_name = responses.path, Path(items_file).name
    log, warnings = CleaningLog(), []
    n = responses.num_rows
    if responses.skipped_empty_rows:
        why = ("records with a blank respondent id and no answers (empty rows) skipped" if responses.id_hashes is not None
               else "records with every column blank (empty rows) skipped")
        log.record(STEP, "anomaly", why, survey_file, "", responses.id_column, "", responses.skipped_empty_rows)
    for note in responses.source.notes:
        log.record("read file", "check", note, survey_file, "", "", "", "")
    for note in responses.source.left_out:
        log.record("read file", "anomaly", note, survey_file, "", "", "", "")
    if responses.id_column == ROW_NUMBERS:
        log.record("read file", "check", "no respondent id column (no respondent_id, no ID=): respondents are "
                   "numbered 1, 2, ... in file order", survey_file, "", ROW_NUMBERS, "", n)
    roles = {c for c in (responses.id_column, responses.group_column, responses.weight_column) if c}
    listed = set(items["item"]) | roles  # an unused role is "", never a column's name (a blank header is one)
    extra = [(position, c) for position, c in enumerate(responses.header, 1)
             if c not in listed and position not in comment_columns]
    if extra:
        named = [c if c.strip() else f"(column {position}, no header)" for position, c in extra]
        # with no ITEMS the items were found by their answers (likertkit.survey.reading): the rest were not taken
        not_in = "not taken as items" if items_found else f"not in {items_name}"
        warnings.append(f"{survey_file.name}: column(s) {not_in} were ignored: {', '.join(named)}")
        for name in named:
            log.record("select columns", "anomaly", "column not taken as an item: excluded" if items_found else
                       f"column not listed in {items_name}: excluded", survey_file, 1, name, "", f"{n} values excluded")

    tallies = [(list(responses.tallies[name]), list(responses.tallies[name].values())) for name in items["item"]]
    notes = (("label", "transformation", "answers given as scale labels recoded to codes"),
             ("written", "transformation", "codes written as decimals or with leading zeros (e.g. 2.0, 02) read as "
                                           "whole codes"),
             ("missing", "transformation", f"answers declared missing ({missing.describe()}) set to missing"),
             ("blank", "check", "blank answers counted as missing"))
    counts, rows = [], []
    parts = scale_parts(scale)
    name_of = scale_names(parts, items)
    classifiers = {name: _Classifier(part, missing) for name, part in parts.items()}
    scale_of = {item: parts[name] for item, name in name_of.items()}
    classifier_of = {item: classifiers[name] for item, name in name_of.items()}
    for line, (item, label, group), (values, ns) in zip(items.index, items[list(ITEM_COLUMNS)].itertuples(index=False),
                                                         tallies, strict=True):
        item_scale = scale_of[item]
        bad = _bad_value(responses, item, item_scale, missing)
        item_counts, tallied = classifier_of[item].count(values, ns, bad)
        n_valid = int(item_counts.sum())
        if n_valid == 0:
            raise InputError(items_file, f"item {item!r} has no valid answers in {survey_file.name} (all {n} blank or "
                                         f"missing): there is nothing to describe; leave it out of the items file",
                             line, "item")
        for how, kind, note in notes:
            if tallied[how]:
                log.record(STEP, kind, note, survey_file, "", item, "", tallied[how])
        counts += [dict(item=item, code=code, category=cat, count=int(k))
                   for code, cat, k in zip(item_scale["code"], item_scale["label"], item_counts, strict=True)]
        construct, reversed_ = (items.at[line, "construct"], bool(items.at[line, "reversed"])) if "construct" in items \
            else ("", False)
        rows.append(dict(item=item, label=label + (REVERSED_MARK if reversed_ else ""), domain=group or construct,
                         n_respondents=n, n_valid=n_valid, n_missing=n - n_valid,
                         n_answering=n if responses.n_answering is None else responses.n_answering)
                    | ({"scale": name_of[item]} if len(parts) > 1 else {})
                    | ({"question": items.at[line, "question"]} if "question" in items else {}))
    log.record(STEP, "check", f"{count_noun(n, 'respondent')}, {count_noun(len(items), 'item')}, ids unique", survey_file,
               "", responses.id_column, "", n)
    if responses.n_answering is not None and responses.n_answering < n:
        log.record(STEP, "check", f"{count_noun(n - responses.n_answering, 'respondent')} answered no item (every item "
                   f"blank): kept, {responses.n_answering} answered at least one", survey_file, "", "", "",
                   n - responses.n_answering)
    survey = Survey(pd.DataFrame(counts), pd.DataFrame(rows), scale, log, warnings)
    if responses.answers:
        _analyse_constructs(survey, responses, items, scale_of, classifier_of, items_file)
    if responses.weighted_tallies is not None:
        survey.weighted = weighted_table(responses, survey.items, scale_of, classifier_of)
        survey.weight_column = responses.weight_column
        log.record("weight answers", "check", f"answers weighted by {responses.weight_column!r}: Kish's effective n "
                   f"{survey.weighted['n_effective'].min():.1f} to {survey.weighted['n_effective'].max():.1f} "
                   f"(raw n {survey.weighted['n_valid'].min()} to {survey.weighted['n_valid'].max()})", survey_file, "",
                   responses.weight_column, "", len(survey.weighted))
    if responses.group_column:
        _compare_groups(survey, responses, items, scale_of, classifier_of, min_group)
    return survey


def formula_cells(tables: dict) -> dict:
    """``{text: ["file column", …]}`` of every text cell (and column name) of ``tables`` (``{file name: DataFrame}``)
    that a spreadsheet opening the CSV would read as a formula (:func:`formula_like`), in sorted order."""
    found: dict = {}
    for name, frame in tables.items():
        for column in frame.columns:
            if formula_like(column):
                found.setdefault(str(column), []).append(f"{name} header")
        for column in text_columns(frame):
            where = f"{name} {column}"
            for text in dict.fromkeys(str(v) for v in frame[column].dropna() if str(v)[:1] in _FORMULA_START):
                if formula_like(text) and where not in found.setdefault(text, []):
                    found[text].append(where)
    return dict(sorted(found.items()))


def formula_note(tables: dict, found: dict | None = None) -> str:
    """One sentence naming every text of ``tables`` a spreadsheet would read as a formula and where it stands, or
    ``""`` when there is none: the one rule every CSV this package writes is checked by (``found``:
    :func:`formula_cells`'s answer, when the caller has it)."""
    found = formula_cells(tables) if found is None else found
    if not found:
        return ""
    shown = "; ".join(f"{text!r} ({', '.join(places[:3])}{' …' if len(places) > 3 else ''})"
                      for text, places in list(found.items())[:50])
    return (f"{count_noun(len(found), 'text')} a spreadsheet would read as a formula (they start with "
            f"=, +, - or @), kept exact in the CSV files: import those as text, not by opening them: {shown}"
            + (f"; and {len(found) - 50} more" if len(found) > 50 else ""))


def record_formulas(log: CleaningLog, tables: dict) -> None:
    """Log, in one line, the texts of the CSV files ``tables`` (``{file name: DataFrame}``) that a spreadsheet
    would read as a formula (kept exact), if any (:func:`formula_note`)."""
    found = formula_cells(tables)
    if found:
        log.record("write tables", "anomaly", formula_note(tables, found), "", "", "", "", len(found))
