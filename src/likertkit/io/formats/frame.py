"""A pandas DataFrame in memory as a survey source (:func:`likertkit.describe`): each cell as the text a CSV would
hold, and its categorical columns' categories, in order, as value labels."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from likertkit.errors import InputError
from likertkit.io.sources import Source, cell_text

__all__ = ["FRAME_NAME", "frame_cells", "frame_source"]


def frame_cells(frame) -> tuple[pa.Table, dict]:
    """A data frame's cells as text, as a CSV would hold them, and its categorical columns' categories, in order,
    as value labels coded 1, 2, … (as R codes a factor's levels)."""
    columns, value_labels = {}, {}
    for column in frame.columns:
        values = frame[column]
        if hasattr(values, "cat"):
            value_labels[str(column)] = {k + 1: str(level) for k, level in enumerate(values.cat.categories)}
            codes = values.cat.codes.to_numpy()
            columns[str(column)] = [str(code + 1) if code >= 0 else "" for code in codes]
        else:
            columns[str(column)] = [cell_text(value) for value in values.tolist()]
    return pa.table({column: pa.array(texts, type=pa.string()) for column, texts in columns.items()}), value_labels


# How a data frame in memory is named in messages and the cleaning log, in place of a file's name.
FRAME_NAME = "the DataFrame"


def frame_source(frame) -> Source:
    """A pandas DataFrame in memory as a survey source: each cell as the text a CSV would hold (``3.0`` as
    ``3``, NaN and None as blank), its categorical columns' categories, in order, as value labels coded 1, 2, …
    (an ordered ``pd.Categorical`` of "Disagree" … "Agree" is a scale), and a named index (``respondent_id``) as
    a column. Rows are named as ``DataFrame.iloc`` counts them, from 0."""
    if frame.index.name is not None or frame.index.names[0] is not None:
        frame = frame.reset_index()
    names = [str(column) for column in frame.columns]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise InputError(FRAME_NAME, f"has two columns named {duplicated[0]!r}")
    source = Source(Path(FRAME_NAME), "frame", first_row=0)
    source.table, source.value_labels = frame_cells(frame)
    source.notes.append(f"a DataFrame in memory: {len(frame)} rows, {len(source.value_labels)} categorical columns "
                        "(their categories, in order, are the scale)")
    return source
