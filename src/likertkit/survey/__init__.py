"""A survey read, checked, counted and described, in memory: the stage between counting and the report.

* :mod:`~likertkit.survey.options`: :class:`SurveyOptions`, every option of a survey's reading in one object;
* :mod:`~likertkit.survey.reading`: :func:`load` reads a file or a DataFrame, says what its answers mean and
  counts them (:func:`load_survey` takes the options one by one);
* :mod:`~likertkit.survey.parts`: a survey split by response scale, and the tables stacked again;
* :mod:`~likertkit.survey.description`: :func:`describe`, a survey's every table as one :class:`Description`.
"""

from likertkit.survey.description import Description, describe, described, read_description
from likertkit.survey.options import SurveyOptions
from likertkit.survey.parts import combined, of_items, split_by_scale
from likertkit.survey.reading import ScaleNeeded, example_files, load, load_survey, read_survey

__all__ = ["Description", "ScaleNeeded", "SurveyOptions", "combined", "describe", "described", "example_files", "load",
           "load_survey", "of_items", "read_description", "read_survey", "split_by_scale"]
