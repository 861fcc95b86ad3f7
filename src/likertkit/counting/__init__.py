"""A survey validated and counted into tidy tables (:mod:`~likertkit.counting.count`), with every answer that
was recoded, skipped or set missing counted in the cleaning log (:mod:`~likertkit.counting.log`)."""

from likertkit.counting.count import (
    MIN_GROUP,
    MISSING_GROUP,
    REVERSED_MARK,
    Survey,
    count_survey,
    formula_like,
)
from likertkit.counting.log import CleaningLog

__all__ = ["CleaningLog", "MIN_GROUP", "MISSING_GROUP", "REVERSED_MARK", "Survey", "count_survey", "formula_like"]
