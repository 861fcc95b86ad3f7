"""The cleaning log: every answer recoded, skipped, set missing or checked, counted, with where it was."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["CleaningLog", "LOG_COLUMNS", "LOG_KINDS"]

LOG_COLUMNS = ["step", "file", "row", "column", "kind", "original", "result", "note"]


LOG_KINDS = ("transformation", "anomaly", "check")


@dataclass
class CleaningLog:
    """Every transformation, anomaly and check, in the order they happened."""

    entries: list = field(default_factory=list)

    def record(self, step, kind, note, file="", row="", column="", original="", result=""):
        if kind not in LOG_KINDS:
            raise ValueError(f"log kind must be one of {LOG_KINDS}, not {kind!r}")
        self.entries.append(dict(step=step, file=Path(file).name if file else "", row=row,
                                 column=column, kind=kind, original=original, result=result, note=note))

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.entries, columns=LOG_COLUMNS)

    def summary(self) -> pd.DataFrame:
        """How many entries of each kind each step made."""
        frame = self.to_frame()
        return frame.groupby(["step", "kind"], sort=False).size().rename("entries").reset_index()
