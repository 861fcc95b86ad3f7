"""Which answers of a scale lie below its centre, at it and above it: what a diverging chart draws left and right
of zero, and what the percents in the upper and lower halves count.

* A bipolar scale (*disagree … agree*, *dissatisfied … satisfied*) with an odd number of answers has a neutral
  middle answer: it is in neither half, and a chart splits it across zero.
* A scale with an even number of answers has no middle: its lower half lies left, its upper half right.
* A unipolar scale, whose first answer is the absence of what the others give in degrees (*No / Somewhat / Very*,
  *Not at all … Extremely*, *Never … Always*, *To no degree …*), has no neutral answer either: its middle answer
  says *some*, not *neither*, so it lies with the answers above it (*No* on the left; *Somewhat* and *Very* on the
  right).
* ``center`` (R likert's ``center=``) sets the centre by hand: a position counted from 1 for the first answer; a
  whole number makes that answer the middle, a half (``1.5``) puts the centre between two answers.

The scale table gets a ``side`` column (``lower``, ``middle``, ``upper``), which
:func:`likertkit.stats.agreement_codes` reads; a scale table without one is split by the first two rules.
:func:`mark_top_box` adds a ``top_box`` column: the highest answers a "top-k box" percent counts, beside the
percent above the centre (:func:`likertkit.stats.item_statistics`).

Examples
--------
>>> import pandas as pd
>>> scale = pd.DataFrame({"code": [1, 2, 3], "label": ["No", "Somewhat", "Very"]})
>>> sided, note = split_sides(scale)
>>> list(sided["side"]), note
(['lower', 'upper', 'upper'], "a unipolar scale ('No' … 'Very'): no neutral middle; 'No' lies left of zero, 'Somewhat' and 'Very' right (CENTER= moves the centre)")
>>> list(split_sides(scale, "2")[0]["side"])
['lower', 'middle', 'upper']
"""  # noqa: E501 (a doctest's expected output is one line)

from __future__ import annotations

import re

import pandas as pd

from likertkit.errors import InputError
from likertkit.scales.direction import label_polarity
from likertkit.scales.vocabulary import MODIFIERS, normalised, scale_family
from likertkit.wording import listed

__all__ = ["SIDES", "default_sides", "is_unipolar", "mark_top_box", "parse_center", "split_sides"]

SIDES = ("lower", "middle", "upper")

# A first answer that names the absence of what the others give in degrees; what follows it ("important" in
# "Not at all important") must be in every other answer.
_ABSENCE = re.compile(r"(?:not at all|none at all|never or (?:almost|hardly) ever|never|none|nothing|no|not|to no|"
                      r"in no|to none)(?: (.*))?")
_NEUTRAL_WORDS = ("neither", "neutral", "undecided", "unsure", "not sure", "no opinion", "don't know", "maybe")


def _words(text: str) -> set:
    return {w for w in re.findall(r"[a-z]+", text) if w not in MODIFIERS}


def is_unipolar(labels) -> bool:
    """Whether a scale's first answer is the absence of what its other answers give in degrees.

    >>> is_unipolar(["Not at all important", "Slightly important", "Very important"])
    True
    >>> is_unipolar(["No", "Maybe", "Yes"]), is_unipolar(["Disagree", "Neutral", "Agree"])
    (False, False)
    """
    labels = [normalised(label) for label in labels]
    found = _ABSENCE.fullmatch(labels[0]) if labels else None
    if found is None or len(labels) < 3:
        return False
    content = _words(found.group(1) or "")
    rest = labels[1:]
    if any(_ABSENCE.fullmatch(label) or label_polarity(label) < 0 or any(w in label for w in _NEUTRAL_WORDS)
           for label in rest):
        return False
    if not all(content <= set(re.findall(r"[a-z]+", label)) for label in rest):
        return False
    return bool(content) or scale_family(labels) in ("amount", "frequency")


def default_sides(labels) -> list:
    """The sides of a scale's answers, lowest first, by the rules above (no ``center``)."""
    k = len(labels)
    lower = k // 2
    if k % 2 and not is_unipolar(labels):
        return ["lower"] * lower + ["middle"] + ["upper"] * lower
    return ["lower"] * lower + ["upper"] * (k - lower)


def parse_center(center, k: int, name: str = "") -> list:
    """The sides ``center`` gives a scale of ``k`` answers; an :class:`InputError` naming ``CENTER`` when it is not
    a position inside the scale (a whole number or a half, from 1.5 to ``k`` - 0.5).

    >>> parse_center("2.5", 4), parse_center(3, 5)
    (['lower', 'lower', 'upper', 'upper'], ['lower', 'lower', 'middle', 'upper', 'upper'])
    """
    text = str(center).strip()
    of = f" for scale {name!r}" if name else ""
    try:
        position = float(text)
    except ValueError:
        position = float("nan")
    if not (position * 2).is_integer() or not 1.5 <= position <= k - 0.5:
        wholes = "" if k < 3 else f"{2 if k == 3 else f'a whole number from 2 to {k - 1}'} (that answer is the middle) or "
        halves = "1.5" if k == 2 else f"a half from 1.5 to {k - 0.5}"
        raise InputError("CENTER", f"{text!r} is not a position inside the scale{of}: {wholes}{halves} (the centre "
                                   "between two answers), counting the first answer as 1")
    return ["lower" if i < position else "middle" if i == position else "upper" for i in range(1, k + 1)]


def _answers(labels) -> str:
    return listed(repr(str(label)) for label in labels)


def split_sides(scale: pd.DataFrame, center="", name: str = "") -> tuple[pd.DataFrame, str]:
    """The scale (ordered lowest first) with its ``side`` column, and a note for the log saying what lies where and
    why. ``center`` as R likert's ``center=``: empty for the rules above."""
    labels = list(scale["label"].astype(str))
    span = f"({labels[0]!r} … {labels[-1]!r})"
    if str(center).strip():
        sides = parse_center(center, len(labels), name)
        why = f"CENTER={str(center).strip()} {span}"
    else:
        sides = default_sides(labels)
        why = (f"a unipolar scale {span}: no neutral middle" if len(labels) % 2 and "middle" not in sides else
               f"an even scale {span}: no middle" if len(labels) % 2 == 0 else f"a scale with a middle answer {span}")
    sided = scale.reset_index(drop=True).assign(side=sides)
    lower, middle, upper = ([label for label, side in zip(labels, sides, strict=True) if side == s] for s in SIDES)
    note = (f"{why}; {_answers(lower)} {'lies' if len(lower) == 1 else 'lie'} left of zero, "
            + (f"{_answers(middle)} in the middle, " if middle else "") + f"{_answers(upper)} right"
            + (" (CENTER= moves the centre)" if not str(center).strip() else ""))
    return sided, note


def mark_top_box(scale: pd.DataFrame, top_box, name: str = "") -> tuple[pd.DataFrame, str]:
    """The scale (lowest first) with a ``top_box`` column marking its ``top_box`` highest answers, and a note for the
    log; an :class:`InputError` naming ``TOP_BOX`` unless it is a whole number from 1 to one less than the answers.

    >>> scale = pd.DataFrame({"code": [1, 2, 3, 4], "label": ["Never", "Rarely", "Often", "Always"]})
    >>> marked, note = mark_top_box(scale, "1")
    >>> list(marked["top_box"]), note
    ([False, False, False, True], "TOP_BOX=1 counts 'Always'")
    """
    from likertkit.io.responses import parse_whole_number

    text, k = str(top_box).strip(), len(scale)
    boxes = parse_whole_number(text)
    if boxes is None or not 1 <= boxes < k:
        of = f" for scale {name!r}" if name else ""
        raise InputError("TOP_BOX", f"{text!r} is not a number of answers{of}: a whole number from 1 to {k - 1}")
    marked = scale.reset_index(drop=True).assign(top_box=[i >= k - boxes for i in range(k)])
    return marked, f"TOP_BOX={boxes} counts {_answers(list(marked.loc[marked['top_box'], 'label']))}"
