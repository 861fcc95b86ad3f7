"""One error type for bad input, so every message names file, line, column and problem."""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """Raised when an input file cannot be used as it stands.

    The message always has the same shape,
    ``file, line L (record), column 'C': problem``, where the line is the
    file's own line number (the header is line 1) and the record names the
    row in the data's own terms (an item, a respondent id) when there is one.
    """

    def __init__(self, file, problem, line=None, column=None, record=None, place=None):
        self.file = Path(file).name if file is not None else "<input>"
        self.line = line
        self.place = place  # where in a file without lines: "row 4" (a sheet), "case 12" (SPSS)
        self.column = column
        self.record = record
        self.problem = problem
        where = [self.file]
        if line is not None or place is not None:
            where.append((f"line {line}" if line is not None else place) + (f" ({record})" if record else ""))
        elif record:
            where.append(str(record))
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(", ".join(where) + f": {problem}")
