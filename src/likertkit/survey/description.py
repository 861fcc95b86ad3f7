"""A survey described: every table ``likertkit report`` shows and writes, as one typed result in memory.

:func:`describe` reads, checks and counts a survey (a DataFrame in memory, or any file ``likertkit report``
reads) and returns a :class:`Description`; :func:`described` does the same for a survey already counted
(:func:`likertkit.survey.load`), and :func:`read_description` reads one back from the tables a report wrote.
The report's notebook works from a :class:`Description`, so what it shows and what :func:`describe` returns are
the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from likertkit.counting.count import Survey
from likertkit.defaults import MIN_GROUP
from likertkit.stats.items import describe_items, item_statistics
from likertkit.survey.options import SurveyOptions
from likertkit.survey.parts import combined, of_items, split_by_scale, weighted_counts
from likertkit.survey.reading import load

__all__ = ["Description", "describe", "described", "read_description"]


@dataclass(frozen=True)
class Description:
    """A survey described, as tidy tables (one row per item, or per item and answer): what :func:`describe`
    returns.

    Parameters
    ----------
    items : DataFrame
        ``item, label, domain, n_respondents, n_valid, n_missing, n_answering`` (respondents who answered at least
        one item; and ``scale`` with several scales).
    scale : DataFrame
        ``code, label, direction, side``: the answers, negative to positive, and which side of the centre each lies
        on (and ``scale`` with several).
    counts : DataFrame
        ``item, code, category, count``: valid answers only.
    statistics : DataFrame
        Per item: n, mean and SD, median and quartiles, mode, the percents in the upper and lower halves of the
        scale with Wilson 95% intervals, floor and ceiling (:func:`likertkit.stats.item_statistics`).
    percents : DataFrame
        Per item: count and percent of each answer, cumulative percents (:func:`likertkit.stats.describe_items`).
    log : DataFrame
        The cleaning log: every answer recoded, skipped or set missing, counted.
    warnings : tuple of str
    group, weight : str
        The columns that split and weighted the respondents, when given.
    group_counts, group_sizes, group_tests, pairwise_tests : DataFrame or None
        With ``group``: answers per group, respondents per group, and the tests of a difference.
    weighted : DataFrame or None
        With ``weight``: weighted counts, percents, mean and SD, and Kish's effective n, per item.
    weighted_by_group : DataFrame or None
        With ``group`` and ``weight``: the same per compared group and item, ``group`` first.
    constructs, item_analysis, construct_means : DataFrame or None
        With an items table naming constructs: reliability, item-rest correlations and scores.
    comments : DataFrame or None
        ``item, respondent_id, answer, text``: open-ended answers, each with the answer its writer gave the item.

    Examples
    --------
    >>> import pandas as pd
    >>> result = describe(pd.DataFrame({"q1": ["Yes", "No", "Yes"]}), items=["q1"], scale=["No", "Yes"])
    >>> result.n_respondents, result.statistics["pct_agree"].round(1).tolist(), len(result.parts)
    (3, [66.7], 1)
    """

    items: pd.DataFrame
    scale: pd.DataFrame
    counts: pd.DataFrame
    statistics: pd.DataFrame
    percents: pd.DataFrame
    log: pd.DataFrame
    warnings: tuple = ()
    group: str = ""
    weight: str = ""
    group_counts: pd.DataFrame | None = None
    group_sizes: pd.DataFrame | None = None
    group_tests: pd.DataFrame | None = None
    pairwise_tests: pd.DataFrame | None = None
    weighted: pd.DataFrame | None = None
    weighted_by_group: pd.DataFrame | None = None
    constructs: pd.DataFrame | None = None
    item_analysis: pd.DataFrame | None = None
    construct_means: pd.DataFrame | None = None
    comments: pd.DataFrame | None = None

    @property
    def parts(self) -> list:
        """``[(scale name, counts, items, scale)]``: the survey split by response scale (one part, named ``""``,
        for a survey with one scale)."""
        return split_by_scale(self.counts, self.items, self.scale)

    @property
    def weighted_parts(self) -> list:
        """:attr:`parts` with the sums of weights as the counts (with ``weight``; else None)."""
        if self.weighted is None:
            return None
        return [(name, weighted_counts(of_items(self.weighted, items), scale), items, scale)
                for name, _, items, scale in self.parts]

    @property
    def weighted_statistics(self) -> pd.DataFrame | None:
        """With ``weight``: :attr:`statistics` of the weighted answers (percents of the sums of weights, intervals on
        Kish's effective n; :func:`likertkit.stats.weighted_item_statistics`); else None."""
        if self.weighted is None:
            return None
        from likertkit.stats.weighted import weighted_item_statistics

        return combined(self.parts, lambda c, i, s: weighted_item_statistics(of_items(self.weighted, i), s))

    @property
    def n_respondents(self) -> int:
        """Respondents read (every record that is not empty)."""
        return int(self.items["n_respondents"].max())

    def __repr__(self) -> str:
        extra = [f"group={self.group!r}"] if self.group else []
        extra += [f"weight={self.weight!r}"] if self.weight else []
        return (f"Description({len(self.items)} items, {self.n_respondents} respondents, {len(self.scale)} answers"
                + "".join(f", {e}" for e in extra) + ")")


def _statistics(counts, items, scale) -> tuple[pd.DataFrame, pd.DataFrame]:
    parts = split_by_scale(counts, items, scale)
    return (combined(parts, item_statistics),
            combined(parts, lambda c, i, s: describe_items(c, i, s, cumulative=True)))


def described(survey: Survey) -> Description:
    """The :class:`Description` of a survey already read and counted (:func:`likertkit.survey.load`)."""
    statistics, percents = _statistics(survey.counts, survey.items, survey.scale)
    return Description(items=survey.items, scale=survey.scale, counts=survey.counts, statistics=statistics,
                       percents=percents, log=survey.log.to_frame(), warnings=tuple(survey.warnings),
                       group=survey.group_column, weight=survey.weight_column, group_counts=survey.group_counts,
                       group_sizes=survey.group_sizes, group_tests=survey.group_tests,
                       pairwise_tests=survey.pairwise_tests, weighted=survey.weighted,
                       weighted_by_group=survey.weighted_by_group, constructs=survey.constructs,
                       item_analysis=survey.item_analysis, construct_means=survey.construct_means,
                       comments=survey.comments)


def describe(data, *, items=None, scale=None, group: str = "", weight: str = "", id: str = "", missing="",
             positive: str = "", center="", top_box="", min_group: int = MIN_GROUP, comments: str = "", encoding: str = "",
             delimiter: str = "") -> Description:
    """Describe a Likert survey: every answer checked and counted, each item's statistics, and, when asked, groups
    compared, weights applied and multi-item constructs analysed.

    Parameters
    ----------
    data : DataFrame or path
        One row per respondent, one column per item (a wide table). An ordered ``pd.Categorical`` column's
        categories are its scale, lowest first. Any file ``likertkit report`` reads may be given instead.
    items : list of str, str or path, optional
        The item columns (a list of names, or names and glob patterns in one string, ``"q*"``), or an items CSV
        (``item, label, group, construct, reverse``). Default: the categorical columns whose categories form a
        response scale (with a DataFrame), as for an SPSS file's value labels.
    scale : list, dict, DataFrame or path, optional
        The answers, lowest first: labels (coded 1, 2, …), ``{code: label}``, a DataFrame ``code, label`` or a
        scale CSV. Default: the categories, else inferred from the answers' words.
    group, weight, id : str, optional
        Columns that split the respondents for comparison, weight them, and identify them.
    missing : str or list, optional
        Codes or labels meaning no answer (``"9"``, ``["Don't know"]``).
    positive : {"", "first", "last"}
        Which end of the scale (its first or last answer as given) is positive, when its words do not say.
    center : str or float, optional
        Where the scale's centre lies, as R likert's ``center=`` (:class:`likertkit.survey.SurveyOptions`).
    top_box : int, optional
        Give each item's percent in the scale's ``top_box`` highest answers too (``pct_top_box`` and its Wilson
        interval in :attr:`Description.statistics`).
    min_group : int, default 5
        Groups of fewer respondents are listed but not compared.
    comments : {"", "next"}
        ``"next"``: each item's open-ended answers are in the column after it.
    encoding, delimiter : str, optional
        A CSV file's, when they are not detected right.

    Returns
    -------
    Description
        The tables ``likertkit report`` writes, the same numbers byte for byte.

    Raises
    ------
    likertkit.InputError
        Naming the row, column and value of the first answer that is not on the scale (or the first other problem).

    Examples
    --------
    >>> import pandas as pd
    >>> answers = pd.DataFrame({"q1": ["Agree", "Disagree", "Agree", None], "q2": [1, 2, 2, 1]})
    >>> result = describe(answers, items=["q1", "q2"], scale=["Disagree", "Agree"])
    >>> result
    Description(2 items, 4 respondents, 2 answers)
    >>> result.statistics[["item", "n_valid", "pct_agree"]].round(1).values.tolist()
    [['q1', 3, 66.7], ['q2', 4, 50.0]]
    """
    if not isinstance(missing, str):
        missing = ",".join(_quoted(str(value)) for value in missing)
    return described(load(data, SurveyOptions(items=items if items is not None else "",
                                              scale=scale if scale is not None else "", missing=missing, id=id,
                                              positive=positive, center=center, top_box=top_box, group=group, weight=weight,
                                              comments=comments,
                                              min_group=min_group, encoding=encoding, delimiter=delimiter)))


def _quoted(value: str) -> str:
    """One value of a comma-separated option, quoted as a CSV field when it holds a comma or a quote."""
    return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"') else value


# The tables a report writes to data/processed/, by the Description (and Survey) field each holds, in the order
# the report writes them (likertkit.report.pipeline).
TABLE_FILES = {"counts": "counts", "items": "items", "scale": "scale", "weighted": "weighted",
               "constructs": "constructs", "item_analysis": "item_analysis", "construct_means": "construct_means",
               "group_tests": "group_tests", "pairwise_tests": "pairwise_tests", "group_counts": "group_counts",
               "group_sizes": "group_sizes", "weighted_by_group": "weighted_by_group", "log": "cleaning_log",
               "comments": "comments"}


def read_description(processed, group: str = "", weight: str = "") -> Description:
    """A :class:`Description` read back from the tables a report wrote to its ``data/processed/`` folder; the
    item statistics are computed again from the counts. ``group`` and ``weight`` name the columns the run was
    given (the report's parameters)."""
    from likertkit.io.files import read_tidy

    processed = Path(processed)
    tables = {name: read_tidy(processed / f"{stem}.csv") if (processed / f"{stem}.csv").exists() else None
              for name, stem in TABLE_FILES.items()}
    statistics, percents = _statistics(tables["counts"], tables["items"], tables["scale"])
    return Description(statistics=statistics, percents=percents, group=group, weight=weight, **tables)
