"""A response scale as a table (``code, label``; several scales with a ``scale`` column): read, checked,
described, split and combined.

Examples
--------
>>> import pandas as pd
>>> describe_scale(pd.DataFrame({"code": [1, 2], "label": ["Disagree", "Agree"]}))
'1 = Disagree, 2 = Agree'
"""

from __future__ import annotations

import pandas as pd

from likertkit.errors import InputError
from likertkit.io.files import line_number

__all__ = ["SCALE_COLUMNS", "combine_scales", "describe_scale", "read_scale", "read_scales", "scale_parts"]

# A scale table's columns, those after the first two added as the survey is read (:func:`likertkit.scales.orient`,
# :mod:`likertkit.scales.sides`).
SCALE_COLUMNS = ("code", "label", "direction", "side", "top_box")


def read_scale(frame: pd.DataFrame, file) -> pd.DataFrame:
    """Validate a scale table (``code, label``, most negative first) and type its codes."""
    rows = []
    for index, row in frame.iterrows():
        code_text, label = str(row["code"]).strip(), str(row["label"]).strip()
        try:
            code = int(code_text)
        except ValueError:
            raise InputError(file, f"code {code_text!r} is not a whole number", line_number(index), "code") from None
        if not label:
            raise InputError(file, "label is empty", line_number(index), "label")
        rows.append((line_number(index), code, label))
    for column, position in (("code", 1), ("label", 2)):
        seen = {}
        for row in rows:
            key = row[position] if column == "code" else row[position].casefold()
            if key in seen:
                raise InputError(file, f"{column} {row[position]!r} appears twice (also on line {seen[key]})",
                                 row[0], column)
            seen[key] = row[0]
    if len(rows) < 2:
        raise InputError(file, "a scale needs at least two categories")
    return pd.DataFrame({"code": [r[1] for r in rows], "label": [r[2] for r in rows]})


def read_scales(frame: pd.DataFrame, file) -> dict:
    """``{name: scale}`` from a scale table; with a ``scale`` column, one scale per name (in the order they first
    appear), each checked as :func:`read_scale` checks one; without it, one scale named ``""``."""
    if "scale" not in frame.columns:
        return {"": read_scale(frame, file)}
    names = frame["scale"].str.strip()
    for index, name in zip(frame.index, names, strict=True):
        if not name:
            raise InputError(file, "scale name is empty", line_number(index), "scale")
    return {name: read_scale(frame[names == name], file) for name in dict.fromkeys(names)}


def describe_scale(scale: pd.DataFrame) -> str:
    """``'1 = Disagree, 2 = Agree'``: a scale's codes and labels, as messages, logs and reports name them."""
    return ", ".join(f"{code} = {label}" for code, label in zip(scale["code"], scale["label"], strict=True))


def scale_parts(scale: pd.DataFrame) -> dict:
    """``{name: scale}``: the scales a combined scale table holds (a ``scale`` column names each), or ``{"": scale}``."""
    if "scale" not in scale.columns:
        return {"": scale.reset_index(drop=True)}
    columns = [c for c in SCALE_COLUMNS if c in scale.columns]
    return {name: part[columns].reset_index(drop=True)
            for name, part in scale.groupby(scale["scale"].astype(str), sort=False)}


def combine_scales(parts: dict) -> pd.DataFrame:
    """One scale table from ``{name: scale}``: as it is for one scale, with a ``scale`` column for several."""
    if len(parts) == 1:
        return next(iter(parts.values())).reset_index(drop=True)
    return pd.concat([part.assign(scale=name)[["scale", *[c for c in SCALE_COLUMNS if c in part]]]
                      for name, part in parts.items()], ignore_index=True)
