"""Checks for the lesson's exercises (``teaching/exercises.ipynb``): each answer against the compendium's data.

Every expected answer is computed here from the files the notebooks wrote (``data/processed/``) or the
article's transcriptions (``data/raw/``), never typed in, so the checks follow the data. A check returns
whether the answer is right and a sentence of feedback that says why, without giving the answer away.
In the notebook, :func:`check` shows that feedback and :func:`score` the tally; an answer left as ``...``
fails its check, so the blank notebook fails every one (``tests/test_lesson.py`` proves both ways).

Examples
--------
>>> passed, feedback = run_check("q6", {1, 2, 4, 6})
>>> passed
True
>>> run_check("q6", ...)[0]
False
"""

from __future__ import annotations

import itertools

import pandas as pd

from likertkit.io.files import read_csv_strict, read_tidy
from loechting2020.audit import denominator_matches
from loechting2020.paths import PROJECT

_results: dict = {}


def _processed(name: str) -> pd.DataFrame:
    return read_tidy(PROJECT.processed / f"{name}.csv")


def _items(values) -> set | None:
    """Item numbers as a set of strings (``{6, "10"}`` -> ``{"6", "10"}``); None for anything but a collection."""
    if isinstance(values, (set, frozenset, list, tuple, pd.Series)):
        return {str(v).strip() for v in values}
    return None


def _given(answer) -> bool:
    return answer is not ... and answer is not None


def check_denominator(answer) -> tuple[bool, str]:
    """q1: ``(denominator the article used, "all" or "valid"; item 10's percent disagreeing of its valid answers)``."""
    table1 = _processed("table1")
    matches = denominator_matches(read_csv_strict(PROJECT.raw / "table1.csv"), table1,
                                  _processed("scale"))
    used = {"all respondents": "all", "valid answers": "valid"}[matches["denominator"]]
    row = table1.set_index(table1["item"].astype(str)).loc["10"]
    expected = row["valid_pct_0"] + row["valid_pct_1"]
    if not (isinstance(answer, tuple) and len(answer) == 2):
        return False, "Answer with a pair: ('all' or 'valid', the percent as a number)."
    denominator, percent = answer
    if denominator != used:
        return False, (f"Of {matches['cells']} printed percents, {matches[used]} match one denominator: "
                       "recompute a few and compare.")
    if not isinstance(percent, (int, float)) or round(float(percent), 1) != round(expected, 1):
        return False, (f"Item 10 has {row['n_valid']} valid answers of {row['n_valid'] + row['n_missing']}: "
                       "divide the two lowest answers' counts by the valid answers.")
    return True, (f"Right: the article divides by all respondents; of the valid answers, {expected:.1f} % disagree "
                  f"(of all respondents, {row['pct_0'] + row['pct_1']:.1f} %).")


def check_same_mean(answer) -> tuple[bool, str]:
    """q2: ``((item, item) with the closest means, their gap in percent agreeing, in points)``."""
    stats = _processed("item_statistics").set_index("item")
    pairs = sorted(itertools.combinations(stats.index, 2),
                   key=lambda p: abs(stats.loc[p[0], "mean"] - stats.loc[p[1], "mean"]))
    closest = pairs[0]
    gap = abs(stats.loc[closest[0], "pct_agree"] - stats.loc[closest[1], "pct_agree"])
    if not (isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[0], (tuple, list, set))):
        return False, "Answer with a pair: ((item, item), the gap in points)."
    pair, points = answer
    if _items(pair) != _items(closest):
        return False, "Sort the items by mean (notebook 03's dot plot) and look for the two closest."
    if not isinstance(points, (int, float)) or round(float(points), 1) != round(gap, 1):
        return False, "Right pair; now subtract their percents agreeing (the right-hand totals of the diverging chart)."
    return True, (f"Right: means {stats.loc[closest[0], 'mean']:.2f} and {stats.loc[closest[1], 'mean']:.2f}, "
                  f"yet {gap:.1f} points apart in agreement: the mean hides how answers spread.")


def check_closure(answer) -> tuple[bool, str]:
    """q3: the items whose printed counts are not among the CLOSURE solutions for their printed mean and SD."""
    checks = _processed("consistency")
    expected = _items(checks.loc[~checks["table1_counts_among_them"].astype(bool), "item"])
    if not _given(answer) or not isinstance(answer, (set, list, tuple)):
        return False, "Answer with a set of item numbers, e.g. {1, 2}."
    if _items(answer) != expected:
        return False, (f"{len(expected)} items; run CLOSURE on each item's printed mean, SD and n, and look for its "
                       "printed counts among the solutions.")
    flagged = checks[checks["item"].astype(str).isin(expected)]
    grim = ("though each passes GRIM" if flagged["grim"].astype(bool).all() else
            "and not every one passes GRIM")
    return True, (f"Right: the printed counts of these items cannot give their printed mean and SD, {grim}: the "
                  "summary and the counts disagree somewhere in the printing.")


def check_convergence(answer) -> tuple[bool, str]:
    """q4: ``(rating, statement id)`` for the joint display's row on collaboration with GPs and employers."""
    joint = _processed("joint_display")
    row = joint[joint["finding"].str.contains("Collaboration with GPs")].iloc[0]
    if not (isinstance(answer, tuple) and len(answer) == 2):
        return False, "Answer with a pair: (rating, statement id such as 'S01')."
    rating, statement = answer
    if str(rating).strip().lower() != row["convergence"]:
        return False, ("Compare what the focus group said about GPs (quotes " + row["quote_ids"].replace(";", ", ")
                       + ") with the survey's items " + row["items"].replace(";", " and ") + ".")
    if str(statement).strip().upper() not in row["rationale"]:
        return False, "Right rating; now name the article's statement (S01–S16) that says the strands differ here."
    return True, f"Right, as the compendium reads it: {row['rationale']}"


def check_theme_weight(answer) -> tuple[bool, str]:
    """q5: ``(participants voicing theme 3, percent of theme 3's quotes from its most-quoted participant)``."""
    quotes = read_csv_strict(PROJECT.raw / "quotes.csv")
    theme = quotes[quotes["theme"].astype(str) == "3"]
    voices = theme["participant"].nunique()
    top = 100 * theme["participant"].value_counts().max() / len(theme)
    if not (isinstance(answer, tuple) and len(answer) == 2):
        return False, "Answer with a pair: (number of participants, percent)."
    people, share = answer
    if people != voices:
        return False, "Count distinct participants, not quotes (notebook 04's grid)."
    if not isinstance(share, (int, float)) or round(float(share)) != round(top):
        return False, f"Right count; now the largest share of theme 3's {len(theme)} quotes held by one participant."
    return True, (f"Right: {voices} of {quotes['participant'].nunique()} participants voice it and no one holds more than {top:.0f} % of its quotes, "
                  "so it is not one person's view.")


def check_gramms(answer) -> tuple[bool, str]:
    """q6: the GRAMMS items the article meets only partly."""
    gramms = read_csv_strict(PROJECT.raw / "gramms.csv")
    expected = _items(gramms.loc[gramms["article_meets"].str.startswith("Partly"), "gramms_item"])
    if not _given(answer) or not isinstance(answer, (set, list, tuple)):
        return False, "Answer with a set of GRAMMS item numbers, e.g. {1, 2}."
    if _items(answer) != expected:
        return False, "Read each GRAMMS item against the article (notebook 04's table): which are met only in part?"
    return True, f"Right: GRAMMS items {', '.join(sorted(expected))} of {len(gramms)} are reported only in part."


def check_floor_ceiling(answer) -> tuple[bool, str]:
    """q7: ``(items with a floor effect, items with a ceiling effect)`` by the 15 % criterion."""
    stats = _processed("item_statistics")
    floor = _items(stats.loc[stats["floor_effect"].astype(bool), "item"])
    ceiling = _items(stats.loc[stats["ceiling_effect"].astype(bool), "item"])
    if not (isinstance(answer, tuple) and len(answer) == 2):
        return False, "Answer with a pair of sets: ({floor items}, {ceiling items})."
    if _items(answer[0]) != floor or _items(answer[1]) != ceiling:
        return False, "More than 15 % of the valid answers at the lowest (floor) or highest (ceiling) answer."
    return True, ("Right: items at a ceiling cannot show improvement, items at a floor cannot show decline; "
                  "a reason to prefer percents and medians to means there.")


CHECKS = {"q1": check_denominator, "q2": check_same_mean, "q3": check_closure, "q4": check_convergence,
          "q5": check_theme_weight, "q6": check_gramms, "q7": check_floor_ceiling}


def run_check(name: str, answer) -> tuple[bool, str]:
    """Run one exercise's check; an unanswered exercise (``...``) fails with a reminder."""
    if not _given(answer):
        return False, "Not answered yet: replace the ... with your answer."
    return CHECKS[name](answer)


def check(name: str, answer):
    """In the notebook: check an answer and show the feedback."""
    from IPython.display import display

    from likertkit.report.markup import Markdown
    passed, feedback = run_check(name, answer)
    _results[name] = passed
    display(Markdown(f"**{name} {'✔ passed' if passed else '✘ not yet'}.** {feedback}"))


def score():
    """In the notebook: how many checks passed, of all the exercises."""
    from IPython.display import display

    from likertkit.report.markup import Markdown
    passed = sum(_results.get(name, False) for name in CHECKS)
    display(Markdown(f"**Score: {passed} of {len(CHECKS)} checks passed.**"))
