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

__all__ = ["FAMILIES", "MODIFIERS", "TEMPLATES", "has_direction", "infer_scale", "normalised", "scale_family"]

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
                          "week", "month", "year", "day", "days", "several", "few", "couple", "while", "about",
                          "half", "hour", "hours", "than"}),
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


# --- the response scales researchers use, in order: a survey's answers in words are matched to one of them ----

_NEUTRAL = ("neither agree nor disagree", "neither agree or disagree", "neither disagree nor agree", "neutral",
            "undecided", "not sure", "neither")


def _agree(steps):
    return [{"sd": "strongly disagree", "d": "disagree", "sod": ("somewhat disagree", "slightly disagree",
             "mildly disagree", "tend to disagree"), "n": _NEUTRAL, "soa": ("somewhat agree", "slightly agree",
             "mildly agree", "tend to agree"), "a": "agree", "sa": "strongly agree"}[s] for s in steps.split()]


def _degree(word):
    return [(f"to no {word}", "not at all"), f"to a small {word}", (f"to some {word}", f"to a moderate {word}"),
            (f"to a large {word}", f"to a great {word}"), (f"to a very large {word}", f"to a very great {word}")]


TEMPLATES = [  # (family, answers lowest first; a tuple holds the ways one answer is written)
    ("agreement", _agree("d n a")), ("agreement", _agree("sd d a sa")), ("agreement", _agree("sd d n a sa")),
    ("agreement", _agree("sd d sod soa a sa")), ("agreement", _agree("sd d sod n soa a sa")),
    ("frequency", ["never", ("rarely", "seldom"), ("sometimes", "occasionally"), ("often", "frequently", "usually"),
                   "always"]),
    ("frequency", ["never", ("rarely", "seldom"), ("sometimes", "occasionally"), "often", "very often", "always"]),
    ("frequency", ["never", "sometimes", ("often", "most of the time"), "always"]),
    ("frequency", ["never", "once in a while", "about half the time", ("usually", "most of the time"), "always"]),
    ("frequency", [("never or almost never", "never or hardly ever"), "once or twice a month", "once or twice a week",
                   ("every day or almost every day", "almost every day")]),  # TIMSS, PISA
    ("frequency", [("never", "never or hardly ever", "never or almost never"),
                   ("less than once a month", "a few times a year"), "once a month", "several times a month",
                   "once a week", "several times a week", ("every day", "daily")]),  # the ESS's and GSS's
    ("satisfaction", ["very dissatisfied", "dissatisfied", "satisfied", "very satisfied"]),
    ("satisfaction", ["very dissatisfied", "dissatisfied", ("neither satisfied nor dissatisfied",
                      "neither dissatisfied nor satisfied", "neutral"), "satisfied", "very satisfied"]),
    ("likelihood", ["very unlikely", "unlikely", "likely", "very likely"]),
    ("likelihood", [("very unlikely", "extremely unlikely"), "unlikely", ("neither likely nor unlikely", "neutral",
                     "unsure"), "likely", ("very likely", "extremely likely")]),
    ("importance", ["not important", "somewhat important", "important", "very important"]),
    ("importance", ["very unimportant", "unimportant", "important", "very important"]),
    ("importance", ["very unimportant", "unimportant", ("neither important nor unimportant", "neutral"),
                    "important", "very important"]),
    ("importance", [("not at all important", "not important"), "slightly important", "moderately important",
                    "very important", "extremely important"]),
    ("quality", ["poor", "fair", "good", "excellent"]),
    ("quality", ["very poor", "poor", "fair", "good", "very good"]),
    ("quality", ["poor", "fair", "good", "very good", "excellent"]),
    ("amount", [("no", "not at all"), ("somewhat", "a little"), ("very", "very much", "a lot")]),
    ("amount", ["not at all", "not much", "some", "a lot"]),
    ("amount", ["not at all", ("a little", "slightly", "a little bit"), ("moderately", "somewhat", "some"),
                ("quite a bit", "very", "a lot"), ("extremely", "very much", "a great deal")]),
    ("amount", _degree("degree")), ("amount", _degree("extent")),
]


def normalised(text) -> str:
    """An answer as the templates write it: case, spacing and typographic apostrophes aside."""
    return " ".join(str(text).replace("’", "'").casefold().split())


def infer_scale(answers) -> tuple[str, list] | None:
    """``(family, labels lowest first)`` of the smallest known response scale that holds every answer in
    ``answers`` (texts, any case), the labels written as the answers write them where they are answered; None when
    no known scale holds them all.

    >>> infer_scale(["Agree", "strongly agree", "Neutral", "Disagree"])
    ('agreement', ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'strongly agree'])
    >>> infer_scale(["Never", "Often", "Always"])
    ('frequency', ['Never', 'Sometimes', 'Often', 'Always'])
    >>> infer_scale(["Bad", "Fine", "Great"]) is None
    True
    """
    written = {}
    for text in answers:
        written.setdefault(normalised(text), str(text).strip())
    for family, steps in sorted(TEMPLATES, key=lambda template: len(template[1])):
        options = [step if isinstance(step, tuple) else (step,) for step in steps]
        # every answer on a step of the scale, and no two different answers on one step (never merged)
        if all(any(text in option for option in options) for text in written) and \
                all(sum(text in option for text in written) <= 1 for option in options):
            labels = []
            for option in options:
                seen = next((written[text] for text in option if text in written), None)
                labels.append(seen or option[0][0].upper() + option[0][1:])
            return family, labels
    return None
