"""The package's errors: one type for bad input, so every message names file, line, column and problem, and one for a
notebook that fails while it runs. Library code raises these; only the command line turns them into an exit code."""

from __future__ import annotations

from pathlib import Path

__all__ = ["InputError", "NotebookFailed"]


class InputError(ValueError):
    """Raised when an input cannot be used as it stands, with one message naming where and what.

    The message always has the same shape, ``file, line L (record), column 'C': problem``, where the line is
    the file's own line number (the header is line 1) and the record names the row in the data's own terms
    (a respondent id, an item) when there is one; files without lines name their place instead (``row 4`` of a
    sheet, ``case 12`` of an SPSS file). An option given on the command line is named as its make variable.

    Parameters
    ----------
    file : path or str
        The file (only its name is shown), or the option (``"MISSING"``).
    problem : str
        What is wrong, in words.
    line : int, optional
        The file's line.
    column : str, optional
    record : str, optional
        The row in the data's own terms, such as ``"respondent r2"``.
    place : str, optional
        Where in a file without lines.

    Examples
    --------
    >>> str(InputError("data/responses.csv", "value '7' is not a code or label", 3, "q1", "respondent r2"))
    "responses.csv, line 3 (respondent r2), column 'q1': value '7' is not a code or label"
    >>> str(InputError("MISSING", "'9' is also an answer on the scale"))
    "MISSING: '9' is also an answer on the scale"
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


class NotebookFailed(RuntimeError):
    """A notebook stopped with an error in one of its cells (library code raises it; ``likertkit report`` prints
    it and exits with status 1).

    Parameters
    ----------
    message : str
        Which cell failed, with what error, and where the partly run notebook is kept.
    details : str, optional
        The failing cell's traceback, as plain text.

    Examples
    --------
    >>> err = NotebookFailed("report.ipynb failed in cell 3: ZeroDivisionError: division by zero", "Traceback ...")
    >>> str(err).split(":")[0], err.details
    ('report.ipynb failed in cell 3', 'Traceback ...')
    """

    def __init__(self, message: str, details: str = ""):
        super().__init__(message)
        self.details = details
