"""R data files (.rds, .RData), read with pyreadr (the optional extra ``likertkit[r]``): the data frame the file
holds (an .RData file's first, the others named in the log), each factor's levels, in order, its value labels."""

from __future__ import annotations

from pathlib import Path

from likertkit.errors import InputError
from likertkit.io.formats.frame import frame_cells
from likertkit.io.sources import Source, describe_kind, optional_module

__all__ = ["open_file"]


def open_file(path: Path, kind: str = "r", encoding: str = "", delimiter: str = "") -> Source:
    """An R data file (pyreadr): the data frame it holds (an .RData file's first, the others named in the log);
    each factor's levels, in order, are its value labels, coded 1, 2, … as R codes them."""
    pyreadr = optional_module("pyreadr", "r", path, "r")
    try:
        frames = pyreadr.read_r(str(path))
    except Exception as err:  # pyreadr.custom_errors.LibrdataError and friends
        raise InputError(path, f"cannot be read as {describe_kind('r')}: {err}") from None
    frames = {name: frame for name, frame in frames.items() if hasattr(frame, "columns")}
    if not frames:
        raise InputError(path, "holds no data frame")
    name, frame = next(iter(frames.items()))
    source = Source(path, "r")
    source.table, source.value_labels = frame_cells(frame)
    source.notes.append(f"{describe_kind('r')}: {f'data frame {name!r}' if name else 'its data frame'}, {frame.shape[0]} rows, "
                        f"{len(source.value_labels)} factors (their levels, in order, are the scale)")
    if len(frames) > 1:
        source.left_out.append(f"not read: the file's other data frames {', '.join(map(repr, list(frames)[1:]))} "
                               "(only the first is read: save the survey alone with saveRDS)")
    return source
