"""SPSS .sav and Stata .dta files, read with pyreadstat (the optional extra ``likertkit[spss]``): every cell as
text, the variable labels, the value labels (codes kept as in the file) and the values SPSS declares missing,
single values and ranges, however wide.

Examples
--------
>>> import pandas as pd
>>> declared_missing([{"lo": 90, "hi": 99999}, {"lo": 8, "hi": 8}], pd.Series([1, 5, 99, 150, None]), {99: "No answer"})
[8, 99, 150]
"""

from __future__ import annotations

import numbers
from pathlib import Path

from likertkit.errors import InputError
from likertkit.io.sources import Source, describe_kind, optional_module, text_table

__all__ = ["declared_missing", "open_file"]


def open_file(path: Path, kind: str = "sav", encoding: str = "", delimiter: str = "") -> Source:
    """An SPSS or Stata file (pyreadstat): every cell as text, with its variable labels, value labels and the
    values it declares missing."""
    pyreadstat = optional_module("pyreadstat", "spss", path, kind)

    reader = pyreadstat.read_sav if kind == "sav" else pyreadstat.read_dta
    try:
        frame, meta = reader(str(path), user_missing=True, apply_value_formats=False)
    except Exception as err:  # pyreadstat.ReadstatError and friends
        raise InputError(path, f"cannot be read as {describe_kind(kind)}: {err}") from None
    rows = frame.itertuples(index=False, name=None)
    source = Source(path, kind, table=text_table(list(frame.columns), list(rows)))
    source.variable_labels = {name: label for name, label in zip(meta.column_names, meta.column_labels, strict=True) if label}
    source.value_labels = {name: {_code(code): label for code, label in labels.items()}
                           for name, labels in meta.variable_value_labels.items()}
    for name, ranges in (getattr(meta, "missing_ranges", None) or {}).items():
        source.user_missing[name] = declared_missing(ranges, frame[name], source.value_labels.get(name, {}))
    source.notes.append(f"{describe_kind(kind)}: {frame.shape[0]} {source.row_word}s, "
                        f"{len(source.value_labels)} variables with value labels")
    return source


def _code(code):
    """A value label's code: a whole number as an int (``1.0`` -> ``1``), any other as it is (a string
    variable's ``'M'``)."""
    if isinstance(code, numbers.Real) and float(code).is_integer():
        return int(code)
    return code


def declared_missing(ranges: list, values, labels: dict) -> list:
    """The codes a statistics file declares missing, among those its column holds or labels: SPSS declares
    single values and ranges (``90`` to ``99999``); membership in a range is tested, never enumerated.

    """
    numeric = [(span["lo"], span["hi"]) for span in ranges
               if isinstance(span["lo"], numbers.Real) and isinstance(span["hi"], numbers.Real)]
    seen = {float(value) for value in values.dropna().unique() if isinstance(value, numbers.Real)}
    seen |= {float(code) for code in labels if isinstance(code, numbers.Real)}
    seen |= {low for low, high in numeric if low == high}
    codes = sorted(value for value in seen if any(low <= value <= high for low, high in numeric))
    return [int(code) if float(code).is_integer() else code for code in codes]
