"""The words of the response scales researchers use: which family a scale's labels belong to, and which end
of it (if any) is positive.

A scale is recognised when every one of its labels is made of one family's words (and the modifiers any
scale uses: *strongly*, *very*, *somewhat*, *not at all* …), in any case. Families of evaluation (agreement,
satisfaction, likelihood, importance, quality, helpfulness, ease, support) have a positive end; frequency and
amount do not: *always* is not better than *never*, and a chart must not draw it as if it were.

Examples
--------
>>> scale_family(["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"])
'agreement'
>>> scale_family(["Never", "Rarely", "Sometimes", "Often", "Always"]), scale_family(["Male", "Female"])
('frequency', None)
>>> scale_family(["To no degree", "To a small degree", "To some degree", "To a large degree"])
'amount'
>>> has_direction("agreement"), has_direction("frequency"), has_direction(None)
(True, False, False)
"""

from __future__ import annotations

import re

# Words any response scale may use around its family's own words.
MODIFIERS = frozenset("""a an the of to at all in on no not nor neither or and i am is it very extremely strongly
somewhat slightly mildly moderately fairly quite rather completely totally fully mostly partly partially
absolutely definitely highly really much more less most least little bit lot great deal degree extent large
small some any tend time times almost nearly hardly ever every""".split())


FAMILIES = {  # family: (has a positive end, its own words)
    "agreement": (True, {"agree", "disagree", "agreement", "disagreement", "neutral", "undecided", "unsure"}),
    "satisfaction": (True, {"satisfied", "dissatisfied", "unsatisfied", "satisfactory", "unsatisfactory", "neutral",
                            "content", "discontent"}),
    "likelihood": (True, {"likely", "unlikely", "neutral", "certain", "uncertain", "probably", "possibly"}),
    "importance": (True, {"important", "unimportant", "importance", "neutral"}),
    "quality": (True, {"poor", "fair", "good", "excellent", "bad", "average", "acceptable", "unacceptable",
                       "adequate", "inadequate", "terrible", "okay", "ok", "outstanding", "superior", "inferior"}),
    "helpfulness": (True, {"helpful", "unhelpful", "useful", "useless", "neutral"}),
    "ease": (True, {"easy", "difficult", "hard", "neutral"}),
    "support": (True, {"support", "oppose", "favour", "favor", "against", "neutral"}),
    "frequency": (False, {"never", "rarely", "seldom", "sometimes", "occasionally", "often", "frequently",
                          "usually", "always", "regularly", "daily", "weekly", "monthly", "yearly", "once", "twice",
                          "week", "month", "year", "day", "days"}),
    "amount": (False, {"none", "no", "moderate", "moderately", "extremely", "much", "lot", "deal", "degree", "extent",
                       "little", "some", "bit", "somewhat", "slightly", "considerably", "enormously"}),
}


def _words(label) -> list:
    return re.findall(r"[a-z]+", str(label).casefold().replace("n't", " not").replace("’", "'"))


def scale_family(labels) -> str | None:
    """The family whose words make up every label (``'agreement'``, ``'frequency'`` …), or None when the labels
    are not a response scale this package knows (two or more labels are needed)."""
    labels = [label for label in labels if str(label).strip()]
    if len(labels) < 2:
        return None
    words = [_words(label) for label in labels]
    for family, (_, own) in FAMILIES.items():
        if all(ws and all(w in own or w in MODIFIERS for w in ws) for ws in words) and \
                any(w in own and (w not in MODIFIERS or family == "amount") for ws in words for w in ws):
            return family
    return None


def has_direction(family: str | None) -> bool:
    """Whether a family of scales has a positive end (agreement does; frequency and amount do not)."""
    return bool(family) and FAMILIES[family][0]
