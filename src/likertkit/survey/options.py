"""What a survey's reader is told: one object holding every option, as ``likertkit report`` and
:func:`likertkit.describe` take them."""

from __future__ import annotations

from dataclasses import dataclass

from likertkit.defaults import MIN_GROUP

__all__ = ["SurveyOptions"]


@dataclass(frozen=True)
class SurveyOptions:
    """How to read a survey: every option of ``likertkit report`` in one object. Each may be left at its default.

    Parameters
    ----------
    items : str or path
        An items CSV (``item, label, group`` and optionally ``construct, reverse, scale, comments``), or column
        names and glob patterns separated by commas (``"Q1_*,Q2"``); empty: the value-labelled columns of an SPSS
        or Stata file (or the ordered categorical columns of a DataFrame) whose labels form a response scale.
    scale : str or path
        A scale CSV (``code, label``, lowest first); empty: from the value labels, else inferred from the answers.
    missing : str
        Codes or labels that mean no answer, separated by commas (``"9,Don't know"``).
    encoding, delimiter : str
        A CSV's, when they are not detected right.
    id : str
        The respondent id column (default: found by its name, else none).
    positive : str
        Which end of the scale is positive (``"first"`` or ``"last"`` answer as given), when the words do not say.
    center : str or float
        Where the scale's centre lies, as R likert's ``center=``: a position counting the first answer as 1, a whole
        number making that answer the middle, a half (``"1.5"``) putting the centre between two answers. Default:
        the middle answer of an odd bipolar scale, else between the halves; a unipolar scale (*No / Somewhat /
        Very*) has no neutral middle (:mod:`likertkit.scales.sides`).
    top_box : str or int
        A number of the scale's highest answers whose percent each item's statistics give beside the percent above
        the centre (``pct_top_box``: ``2`` for the top-two box); default: none.
    group : str
        A column whose values split the respondents for comparison.
    weight : str
        A column of survey weights.
    group_labels : str or path
        A CSV ``code, label`` naming the values of ``group``.
    comments : str
        ``"next"``: each item's open-ended comments are in the column right after it.
    min_group : int
        Groups of fewer respondents are listed but not compared.

    Examples
    --------
    >>> options = SurveyOptions(items="q*", missing="9", group="team")
    >>> options.min_group, options.weight
    (5, '')
    """

    items: object = ""
    scale: object = ""
    missing: str = ""
    encoding: str = ""
    delimiter: str = ""
    id: str = ""
    positive: str = ""
    center: object = ""
    top_box: object = ""
    group: str = ""
    weight: str = ""
    group_labels: object = ""
    comments: str = ""
    min_group: int = MIN_GROUP
