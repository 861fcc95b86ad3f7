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
import re

import numpy as np
import pandas as pd

from likertkit.formats import with_percent_sign
from likertkit.io.files import read_csv_strict, read_tidy
from loechting2020.audit import denominator_matches
from loechting2020.paths import PROJECT

_results: dict = {}


def _processed(name: str) -> pd.DataFrame:
    return read_tidy(PROJECT.processed / f"{name}.csv")


# The columns of the compendium's tables that hold an exercise's answer (exercise 1's percent in the lower half of the
# valid answers, exercise 4's ratings and their rationales, exercise 6's verdicts on the article, exercise 7's
# flags), left out of what the exercises load, as the paper handout leaves them out; the teacher finds them in
# notebooks 02 and 04, the reader's edition and data/.
ANSWER_COLUMNS = {"item_statistics": ("pct_disagree", "pct_disagree_ci_low", "pct_disagree_ci_high", "floor_effect",
                                      "ceiling_effect"),
                  "joint_display": ("convergence", "rationale"),
                  "gramms": ("article_meets", "compendium_adds", "missing")}


def student_tables() -> tuple:
    """``table1, item_stats, joint, quotes, gramms``: the tables the exercises work on, without the columns that hold
    an answer (:data:`ANSWER_COLUMNS`)."""
    table1, item_stats, joint = (_processed(name).drop(columns=list(ANSWER_COLUMNS.get(name, ())))
                                 for name in ("table1", "item_statistics", "joint_display"))
    quotes = read_csv_strict(PROJECT.raw / "quotes.csv")
    gramms = read_csv_strict(PROJECT.raw / "gramms.csv").drop(columns=list(ANSWER_COLUMNS["gramms"]))
    return table1, item_stats, joint, quotes, gramms


def text_trap(example: str = 'table1.item == "10"') -> str:
    """The trap every check names when an answer looks like its result (an empty selection, NaN, 0), with a
    selection that works as its example."""
    wanted = example.split(" == ")[1].strip('"')
    return (f"`item` and `theme` hold text, as the article prints them: select with `{example}`, not `== {wanted}`, "
            "which matches no row.")


TEXT_ITEMS = text_trap()


def _sequence(value) -> list | None:
    """Any collection as a list (list, tuple, set, NumPy array, pandas Index or Series); None for a single value."""
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        return None
    return list(value)


def _pair(answer) -> tuple | None:
    """A two-part answer in any collection type, as a tuple; None for anything else."""
    parts = _sequence(answer)
    return tuple(parts) if parts is not None and len(parts) == 2 else None


def _label(value) -> str:
    """An item or participant number as text: ``6``, ``6.0``, ``np.int64(6)`` and ``"6"`` read the same."""
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool) \
            and float(value).is_integer():
        return str(int(value))
    return str(value).strip()


def _items(values) -> set | None:
    """Item numbers as a set of strings (``[6, "10"]`` -> ``{"6", "10"}``); None for a single value."""
    parts = _sequence(values)
    return None if parts is None else {_label(v) for v in parts}


def _number(value) -> float | None:
    """A single number (a one-element Series or array counts as its element); None for anything else."""
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)) and np.size(value) == 1:
        value = np.asarray(value).ravel()[0]
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return float(value)
    return None


def _empty(value) -> bool:
    """An empty Series, Index or array: what a filter that matched no row gives."""
    return isinstance(value, (pd.Series, pd.Index, np.ndarray)) and np.size(value) == 0


def _percent_hint(value, expected: float, tolerance: float, decimals: str) -> str | None:
    """Why a percent answer is not right in form (not a number, empty, NaN, a fraction, unrounded); None if its form
    is right. The hints never state the expected value."""
    number = _number(value)
    if number is None:
        if _empty(value):
            return "Your percent is empty: no row matched. " + TEXT_ITEMS
        return "The percent should be one number."
    if np.isnan(number):
        return "Your percent is NaN (not a number): " + TEXT_ITEMS
    if abs(100 * number - expected) <= tolerance and abs(number - expected) > tolerance:
        return "That looks like a fraction: answer in percent (0 to 100), not 0 to 1."
    if decimals == "whole" and not number.is_integer():
        return "Round the percent to a whole number."
    if decimals == "one" and number.is_integer() and abs(number - expected) <= 0.5 + 1e-9:
        return "Close: give the percent to one decimal, as the question asks (e.g. 12.3, not 12)."
    return None


def _close(value, expected: float, tolerance: float) -> bool:
    return abs(float(_number(value)) - expected) <= tolerance + 1e-9


def _given(answer) -> bool:
    return answer is not ... and answer is not None


def _item_10() -> pd.Series:
    table1 = _processed("table1")
    return table1.set_index(table1["item"].astype(str)).loc["10"]


def _denominator() -> tuple[str, float]:
    """The denominator the printed percents match, and item 10's exact percent of its valid answers in the
    scale's lower half."""
    matches = denominator_matches(read_csv_strict(PROJECT.raw / "table1.csv"), _processed("table1"),
                                  _processed("scale"))
    row = _item_10()
    return ({"all respondents": "all", "valid answers": "valid"}[matches["denominator"]],
            100 * (row["count_0"] + row["count_1"]) / row["n_valid"])


def answer_denominator() -> tuple[str, float]:
    """q1's answer, as the question asks for it: ``("all" or "valid", percent to one decimal)``."""
    used, percent = _denominator()
    return used, round(float(percent), 1)


def check_denominator(answer) -> tuple[bool, str]:
    """q1: ``(denominator the article used, "all" or "valid"; item 10's percent of its valid answers in the lower half)``."""
    used, expected = _denominator()
    row = _item_10()
    pair = _pair(answer)
    if pair is None:
        return False, "Answer with two things: ('all' or 'valid', the percent)."
    denominator, percent = pair
    said = str(denominator).strip().lower()
    if said not in ("all", "valid"):
        return False, f"Name the denominator as 'all' or 'valid' (your answer says {str(denominator)[:20]!r})."
    if said != used:
        return False, ("Not that denominator: recompute two or three printed percents, dividing by all 61 "
                       "respondents and by the item's valid answers, and see which gives the printed values.")
    form = _percent_hint(percent, expected, 0.05, "one")
    if form:
        return False, "Right denominator. " + form
    if not _close(percent, expected, 0.05):
        return False, (f"Right denominator. Item 10 has {row['n_valid']} valid answers of "
                       f"{row['n_valid'] + row['n_missing']}: divide the two lowest answers' counts by the valid answers.")
    return True, (f"Right: the article divides by all respondents; of the valid answers, {with_percent_sign(expected)} are "
                  "in the lower half "
                  f"(of all respondents, {with_percent_sign(row['pct_0'] + row['pct_1'])}).")


def _same_mean() -> tuple[tuple, float]:
    """The two items with the closest means, and their exact gap in the percent in the upper half, in points."""
    stats = _processed("item_statistics").set_index("item")
    closest = min(itertools.combinations(stats.index, 2),
                  key=lambda p: abs(stats.loc[p[0], "mean"] - stats.loc[p[1], "mean"]))
    return closest, abs(stats.loc[closest[0], "pct_agree"] - stats.loc[closest[1], "pct_agree"])


def answer_same_mean() -> tuple[tuple, float]:
    """q2's answer, as the question asks for it: ``((item, item), gap in points to one decimal)``."""
    closest, gap = _same_mean()
    return closest, round(float(gap), 1)


def check_same_mean(answer) -> tuple[bool, str]:
    """q2: ``((item, item) with the closest means, their gap in the percent in the upper half, in points)``."""
    stats = _processed("item_statistics").set_index("item")
    closest, gap = _same_mean()
    pair = _pair(answer)
    if pair is None or _pair(pair[0]) is None:
        return False, "Answer with two things: ((item, item), the gap in points)."
    items, points = pair
    if not _items(items) <= set(stats.index.astype(str)):
        return False, "Name two of the 15 items by their numbers."
    if _items(items) != _items(closest):
        return False, "Not the closest pair: sort the items by mean (notebook 03's dot plot) and compare neighbours."
    if _number(points) is not None and _number(points) < 0:
        points = -_number(points)  # a gap is a distance: B - A counts as much as A - B
    form = _percent_hint(points, gap, 0.05, "one")
    if form:
        return False, "Right pair. " + form
    if not _close(points, gap, 0.05):
        return False, "Right pair; now subtract their percents in the upper half (the right-hand totals of the diverging chart)."
    return True, (f"Right: means {stats.loc[closest[0], 'mean']:.2f} and {stats.loc[closest[1], 'mean']:.2f}, "
                  f"yet {gap:.1f} points apart in agreement: the mean hides how answers spread.")


def _set_hint(answer, expected: set, what: str, example: str, choices: int) -> str | None:
    """Why a set of numbers is not right (none given, empty, one missing, one too many), saying nothing of its
    members; ``choices`` is how many there are to choose from (15 items, 6 GRAMMS items)."""
    given = _items(answer)
    if given is None:
        return f"Answer with a collection of {what} numbers, e.g. {example}."
    if not given and expected:
        return "Your set is empty. If you filtered on item numbers: " + TEXT_ITEMS
    if given == expected:
        return None
    # The kind of mistake only one step from the answer, and never a count: hints that answered probes (one item
    # at a time, or all but one) would give the set away in a few tries without reading the data.
    if given < expected and len(given) == len(expected) - 1 >= 2:
        return "All of yours are right, but one that belongs is missing."
    if given > expected and len(given) == len(expected) + 1 and 2 * len(given) < len(expected) + choices:
        return "The answer is among yours, but one of yours does not belong."
    return "Not yet: some of yours do not belong, or some that belong are missing."


def answer_closure() -> set:
    """q3's answer: the items whose printed counts are not among CLOSURE's solutions for their printed mean and SD."""
    checks = _processed("consistency")
    return _items(checks.loc[~checks["table1_counts_among_them"].astype(bool), "item"])


def check_closure(answer) -> tuple[bool, str]:
    """q3: the items whose printed counts are not among the CLOSURE solutions for their printed mean and SD."""
    checks = _processed("consistency")
    expected = answer_closure()
    hint = _set_hint(answer, expected, "item", "{1, 2}", len(checks))
    if hint:
        return False, hint + " Run CLOSURE on each item's printed mean, SD and n and look for its printed counts."
    flagged = checks[checks["item"].astype(str).isin(expected)]
    grim = ("though each passes GRIM" if flagged["grim"].astype(bool).all() else
            "and not every one passes GRIM")
    return True, (f"Right: the printed counts of these items cannot give their printed mean and SD, {grim}: the "
                  "summary and the counts disagree somewhere in the printing.")


RATINGS = ("agreement", "partial agreement", "silence", "dissonance")


def _gp_row() -> pd.Series:
    joint = _processed("joint_display")
    return joint[joint["finding"].str.contains("Collaboration with GPs")].iloc[0]


def answer_convergence() -> tuple[str, str]:
    """q4's answer: the joint display's rating of the row on GPs and employers, and the statement its rationale cites."""
    row = _gp_row()
    return row["convergence"], re.findall(r"S\d\d", row["rationale"])[0]


def check_convergence(answer) -> tuple[bool, str]:
    """q4: ``(rating, statement id)`` for the joint display's row on collaboration with GPs and employers."""
    row = _gp_row()
    pair = _pair(answer)
    if pair is None:
        return False, "Answer with two things: (rating, statement id such as 'S01')."
    rating, statement = (str(part).strip() for part in pair)
    if rating.lower() not in RATINGS and statement.lower() in RATINGS:
        return False, "Order swapped? Answer with the rating first, then the statement id: (rating, 'S01')."
    if rating.lower() not in RATINGS:
        return False, f"Rate with one of the four ratings the question names (your answer says {rating[:20]!r})."
    if rating.lower() != row["convergence"]:
        return False, ("Not that rating: compare what the focus group said about GPs (quotes "
                       + row["quote_ids"].replace(";", ", ") + ") with the survey's items "
                       + row["items"].replace(";", " and ") + ".")
    if statement.upper() not in row["rationale"]:
        return False, "Right rating; now name the article's statement (S01, S02 …) that says the strands differ here."
    return True, f"Right, as the compendium reads it: {row['rationale']}"


def _theme_3() -> pd.DataFrame:
    quotes = read_csv_strict(PROJECT.raw / "quotes.csv")
    return quotes[quotes["theme"].astype(str) == "3"]


def _theme_weight() -> tuple[int, float]:
    """How many participants voice theme 3, and the exact percent of its quotes from its most-quoted one."""
    theme = _theme_3()
    return theme["participant"].nunique(), 100 * theme["participant"].value_counts().max() / len(theme)


def answer_theme_weight() -> tuple[int, int]:
    """q5's answer, as the question asks for it: ``(participants, percent as a whole number)``."""
    voices, top = _theme_weight()
    return int(voices), round(float(top))


def check_theme_weight(answer) -> tuple[bool, str]:
    """q5: ``(participants voicing theme 3, percent of theme 3's quotes from its most-quoted participant)``."""
    quotes, theme = read_csv_strict(PROJECT.raw / "quotes.csv"), _theme_3()
    voices, top = _theme_weight()
    pair = _pair(answer)
    if pair is None:
        return False, "Answer with two things: (number of participants, percent)."
    people, share = pair
    count = _number(people)
    if count is None:
        return False, ("Your count is empty: no row matched. " + TEXT_ITEMS if _empty(people) else
                       "The number of participants should be one whole number.")
    if count == 0:
        return False, "Your count is 0. " + text_trap('quotes.theme == "3"')
    if count != voices:
        return False, "Not that count: count distinct participants, not quotes (notebook 04's grid)."
    form = _percent_hint(share, top, 0.5, "whole")
    if form:
        return False, "Right count. " + form
    if not _close(share, top, 0.5):
        return False, f"Right count; now the largest share of theme 3's {len(theme)} quotes held by one participant."
    return True, (f"Right: {voices} of {quotes['participant'].nunique()} participants voice it and no one holds more "
                  f"than {with_percent_sign(top, 0)} of its quotes, "
                  "so it is not one person's view.")


def answer_gramms() -> set:
    """q6's answer: the GRAMMS items the compendium reads the article as meeting only partly."""
    gramms = read_csv_strict(PROJECT.raw / "gramms.csv")
    return _items(gramms.loc[gramms["article_meets"].str.startswith("Partly"), "gramms_item"])


def check_gramms(answer) -> tuple[bool, str]:
    """q6: the GRAMMS items the article meets only partly."""
    gramms = read_csv_strict(PROJECT.raw / "gramms.csv")
    expected = answer_gramms()
    hint = _set_hint(answer, expected, "GRAMMS item", "{1, 2}", len(gramms))
    if hint:
        return False, hint + " Read each GRAMMS item against the article (notebook 04's table)."
    return True, f"Right: GRAMMS items {', '.join(sorted(expected))} of {len(gramms)} are reported only in part."


def answer_floor_ceiling() -> tuple[set, set]:
    """q7's answer: the items with a floor effect and those with a ceiling effect, by the 15 % criterion."""
    stats = _processed("item_statistics")
    return (_items(stats.loc[stats["floor_effect"].astype(bool), "item"]),
            _items(stats.loc[stats["ceiling_effect"].astype(bool), "item"]))


def check_floor_ceiling(answer) -> tuple[bool, str]:
    """q7: ``(items with a floor effect, items with a ceiling effect)`` by the 15 % criterion."""
    floor, ceiling = answer_floor_ceiling()
    pair = _pair(answer)
    if pair is None or _items(pair[0]) is None or _items(pair[1]) is None:
        return False, "Answer with two collections: ({floor items}, {ceiling items}); set() for none."
    wrong = [name for name, given, expected in (("floor", pair[0], floor), ("ceiling", pair[1], ceiling))
             if _items(given) != expected]
    if wrong and floor != ceiling and (_items(pair[0]), _items(pair[1])) == (ceiling, floor):
        return False, "Order swapped? Answer with the floor items first, then the ceiling items."
    if wrong:
        return False, (f"Your {' and '.join(wrong)} {'set is' if len(wrong) == 1 else 'sets are'} not right: more than "
                       "15 % of the valid answers at the lowest (floor) or highest (ceiling) answer.")
    return True, ("Right: items at a ceiling cannot show improvement, items at a floor cannot show decline; "
                  "a reason to prefer percents and medians to means there.")


CHECKS = {"q1": check_denominator, "q2": check_same_mean, "q3": check_closure, "q4": check_convergence,
          "q5": check_theme_weight, "q6": check_gramms, "q7": check_floor_ceiling}
ANSWERS = {"q1": answer_denominator, "q2": answer_same_mean, "q3": answer_closure, "q4": answer_convergence,
           "q5": answer_theme_weight, "q6": answer_gramms, "q7": answer_floor_ceiling}
"""Each exercise's answer, for the teacher's handout; the check of an exercise passes its answer (tested)."""


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
