"""Mixed-methods integration: a study's quotes, themes and findings read strictly, and the joint display that sets
each finding beside the survey items bearing on it (O'Cathain, Murphy & Nicholl's triangulation protocol).

Stage: after ``counting`` (it takes the item statistics as given), before ``charts`` and ``report``.
"""

from likertkit.mixed.inputs import (
    RATINGS,
    read_findings,
    read_quotes,
    read_study,
    read_themes,
)
from likertkit.mixed.joint import joint_display
from likertkit.mixed.summary import joint_sentences, speakers_by_theme

__all__ = ["RATINGS", "joint_display", "joint_sentences", "read_findings", "read_quotes", "read_study",
           "read_themes", "speakers_by_theme"]
