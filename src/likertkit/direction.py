"""Which end of a response scale is positive, read from its labels, so charts and statistics never swap
agreement and disagreement however the codes run.

SPSS files often code 1 = "Strongly agree" … 5 = "Strongly disagree". :func:`orient` puts such a scale in
the order negative → positive (the order every chart, percent agreeing and quartile here follows) and
says so; a scale whose labels do not say which end is positive keeps its order, and the note says which end
is drawn on the right. ``POSITIVE=first|last`` overrides the labels.

Examples
--------
>>> label_polarity("Strongly disagree"), label_polarity("Agree"), label_polarity("Neither agree nor disagree")
(-1, 1, 0)
>>> import pandas as pd
>>> scale, note = orient(pd.DataFrame({"code": [1, 2, 3], "label": ["Agree", "Neutral", "Disagree"]}))
>>> list(scale["code"]), note
([3, 2, 1], "labels run positive-first ('Agree' … 'Disagree'): reordered negative → positive")
"""

from __future__ import annotations

import re

import pandas as pd

from .errors import InputError

# Words that mark the negative or the positive end of common Likert scales (agreement, satisfaction,
# likelihood, frequency, importance, quality, support). A label holding both (the "neither … nor …"
# middle) is neutral.
NEGATIVE = ("disagree", "dissatisfied", "unsatisfied", "unlikely", "never", "not at all", "unimportant",
            "not important", "poor", "bad", "oppose", "against", "worse", "rarely", "none", "no extent",
            "very little", "unhelpful", "not helpful", "useless", "unacceptable", "negative", "inaccurate", "false",
            "untrue")
POSITIVE = ("agree", "satisfied", "likely", "always", "important", "excellent", "good", "support", "favour",
            "favor", "better", "often", "great extent", "very large", "helpful", "useful", "acceptable", "positive",
            "very much", "completely", "accurate", "true")
_NEGATIONS = ("dis", "un", "not ", "in")


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
    if positive:
        choice = str(positive).strip().lower()
        if choice not in ("first", "last"):
            raise InputError("POSITIVE", f"{positive!r} is neither first nor last")
        if choice == "first":
            return scale.iloc[::-1].reset_index(drop=True), f"POSITIVE=first {span}: reordered negative → positive"
        return scale.reset_index(drop=True), f"POSITIVE=last {span}: order kept, the last answer drawn on the right"
    ends = (label_polarity(first), label_polarity(last))
    if ends in ((1, -1), (1, 0), (0, -1)):
        return (scale.iloc[::-1].reset_index(drop=True),
                f"labels run positive-first {span}: reordered negative → positive")
    if ends in ((-1, 1), (-1, 0), (0, 1)):
        return scale.reset_index(drop=True), f"labels run negative → positive {span}: order kept"
    return (scale.reset_index(drop=True), f"labels do not say which end is positive {span}: order kept, "
            f"{last!r} drawn on the right (POSITIVE=first reverses it)")
