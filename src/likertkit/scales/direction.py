"""Which end of a response scale is positive, read from its labels, so charts and statistics never swap
agreement and disagreement however the codes run.

SPSS files often code 1 = "Strongly agree" … 5 = "Strongly disagree". :func:`orient` puts such a scale in
the order negative → positive (the order every chart, percent agreeing and quartile here follows) and
says so. Only labels that evaluate (agree, satisfied, likely, important, good …) say which end is positive;
a frequency or amount scale (never … always, not at all … extremely) has none, however its words run: it
keeps its order, the note says so, and the scale is marked ``direction = none`` so that charts draw it in
one hue, with no end looking good. ``POSITIVE=first|last`` names a positive end for any scale.

Examples
--------
>>> label_polarity("Strongly disagree"), label_polarity("Agree"), label_polarity("Neither agree nor disagree")
(-1, 1, 0)
>>> import pandas as pd
>>> scale, note = orient(pd.DataFrame({"code": [1, 2, 3], "label": ["Agree", "Neutral", "Disagree"]}))
>>> list(scale["code"]), note
([3, 2, 1], "labels run positive-first ('Agree' … 'Disagree'): reordered negative → positive")
>>> scale, note = orient(pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Never", "Occas", "Regul", "Heavy"]}))
>>> list(scale["direction"].unique()), note
(['none'], "labels give no direction ('Never' … 'Heavy'): order kept, drawn in one hue so that neither end reads as good (POSITIVE=first or last names a positive end)")
"""  # noqa: E501 (a doctest's expected output is one line)

from __future__ import annotations

import re

import pandas as pd

from likertkit.errors import InputError
from likertkit.scales.vocabulary import has_direction, scale_family

__all__ = ["NEGATIVE", "POSITIVE", "label_polarity", "orient"]

# Words that evaluate, marking the negative or the positive end of a scale of agreement, satisfaction,
# likelihood, importance, quality, helpfulness or support. How often or how much (never … always, not at all …
# extremely) is not among them: those scales have no positive end. A label holding both (the "neither … nor …"
# middle) is neutral.
NEGATIVE = ("disagree", "dissatisfied", "unsatisfied", "unlikely", "unimportant", "not important", "poor", "bad",
            "oppose", "against", "worse", "unhelpful", "not helpful", "useless", "unacceptable", "negative",
            "inaccurate", "false", "untrue")


POSITIVE = ("agree", "satisfied", "likely", "important", "excellent", "good", "support", "favour", "favor", "better",
            "helpful", "useful", "acceptable", "positive", "accurate", "true")


_NEGATIONS = ("dis", "un", "not ", "not at all ", "in")


def _contains(label: str, word: str) -> bool:
    return re.search(rf"(?<![a-z]){re.escape(word)}", label) is not None


def label_polarity(label) -> int:
    """+1 for a label at the positive end, -1 for the negative end, 0 when it says neither (or both)."""
    text = str(label).casefold()
    negative = any(_contains(text, word) for word in NEGATIVE)
    positive = any(_contains(text, word) and not any(_contains(text, neg + word) for neg in _NEGATIONS)
                   for word in POSITIVE)
    if negative and positive or "neither" in text or "neutral" in text:
        return 0
    return 1 if positive else -1 if negative else 0


def orient(scale: pd.DataFrame, positive: str = "") -> tuple[pd.DataFrame, str]:
    """The scale ordered negative → positive, and a note for the log saying what was decided and why.

    ``positive`` is ``"first"`` or ``"last"`` (which row of the scale as given is the positive end), or empty
    to read it from the labels.
    """
    first, last = scale["label"].iloc[0], scale["label"].iloc[-1]
    span = f"({first!r} … {last!r})"
    kept, reversed_ = scale.reset_index(drop=True), scale.iloc[::-1].reset_index(drop=True)
    if positive:
        choice = str(positive).strip().lower()
        if choice not in ("first", "last"):
            raise InputError("POSITIVE", f"{positive!r} is neither first nor last")
        if choice == "first":
            return reversed_.assign(direction="POSITIVE"), f"POSITIVE=first {span}: reordered negative → positive"
        return kept.assign(direction="POSITIVE"), f"POSITIVE=last {span}: order kept, the last answer drawn on the right"
    ends = (label_polarity(first), label_polarity(last))
    if ends in ((1, -1), (1, 0), (0, -1)):
        return reversed_.assign(direction="labels"), f"labels run positive-first {span}: reordered negative → positive"
    if ends in ((-1, 1), (-1, 0), (0, 1)):
        return kept.assign(direction="labels"), f"labels run negative → positive {span}: order kept"
    family = scale_family(scale["label"])
    kind = f" (a scale of {family})" if family and not has_direction(family) else ""
    return (kept.assign(direction="none"), f"labels give no direction{kind} {span}: order kept, drawn in one hue so "
            "that neither end reads as good (POSITIVE=first or last names a positive end)")
