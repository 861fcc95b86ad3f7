"""Compiled kernels that read a survey's CSV bytes straight into answer keys, and count the keys.

A Likert survey's CSV is mostly one-character answers (``1`` … ``5``) between delimiters. Parsing every
cell into a string object (what a general CSV reader does) costs far more than the counting. The scanner
here walks the bytes once, in compiled code (numba, without the GIL, one chunk of the file per core), and
gives each item cell a small integer **key**:

* ``0`` … ``127``: the cell is that one ASCII character (``3`` is key 51);
* :data:`EMPTY` (256): the cell is empty;
* ``257 + k``: the cell is the ``k``-th distinct longer text of this chunk (``Agree``, ``2.0``, ``" 3"``),
  held in the chunk's dictionary by its first occurrence.

Each key stands for one exact text, so tallies of keys are tallies of the texts as written: what a text
means on the scale is decided later, once per distinct text (:mod:`likertkit.counting`). Columns that are
kept as text (respondent id, group, weight) are copied out, unquoted, as Arrow string buffers.

The scanner accepts only regular CSV (RFC 4180): a quote opens a field only at its start and closes it only
before a delimiter or line end, ``""`` inside a quoted field is one quote, every record has the header's
number of fields. Anything else returns a status other than :data:`REGULAR`, and the caller reads the file
with Arrow's general reader instead, which gives its own results and errors, so irregular files are read
exactly as before. Empty lines are skipped, as Arrow does; ``\\r\\n``, ``\\n`` and ``\\r`` end a record.

The scanner and compiled tallies live in :mod:`likertkit.io.compiled`, loaded by :func:`use_compiled` only for a
file of :data:`COMPILE_FROM_BYTES` or more: below that, numba's import and its cached kernels (about 0.8 s) cost more
than they save. Otherwise (a small file; numba, the optional extra ``likertkit[fast]``, not installed; or
``LIKERTKIT_NO_NUMBA`` set) every CSV is read by Arrow's reader and the tallies here are counted by NumPy
(``bincount``), to the same results (tested).
"""

from __future__ import annotations

import importlib.util
import os

import numpy as np

from likertkit.io.keys import (
    CR,
    EMPTY,
    FIRST_TEXT,
    IRREGULAR_QUOTE,
    LF,
    QUOTE,
    RAGGED,
    REGULAR,
    TOO_MANY_TEXTS,
    UNTERMINATED,
)

__all__ = ["AVAILABLE", "COMPILED", "COMPILE_FROM_BYTES", "CR", "EMPTY", "FIRST_TEXT", "IRREGULAR_QUOTE", "LF", "QUOTE",
           "RAGGED", "REGULAR", "TOO_MANY_TEXTS", "UNTERMINATED", "all_blank", "tally", "tally_by_group",
           "tally_weighted", "tally_weighted_by_group", "use_compiled"]


def _numba_installed() -> bool:
    if os.environ.get("LIKERTKIT_NO_NUMBA"):
        return False
    try:
        return importlib.util.find_spec("numba") is not None
    except (ImportError, ValueError):  # ValueError: sys.modules["numba"] is None (made unavailable)
        return False


# Whether the compiled kernels can be loaded (numba installed, LIKERTKIT_NO_NUMBA not set), and whether they are.
AVAILABLE = _numba_installed()
COMPILED = False

# Files smaller than this are read by Arrow and counted by NumPy: numba's import and the loading of its cached
# kernels (about 0.8 s in a fresh process) would cost more than they save. Measured on 2 cores, whole processes
# reading and counting 100 items, Arrow's reading against the scanner: 1.0-1.2 s against 1.5-1.8 s at 14 MB,
# 1.4-1.5 s against 1.6-1.9 s at 41 MB, 1.8-2.0 s against 1.6-1.8 s at 82 MB, 2.8 s against 1.8 s at 164 MB.
# With more cores the scanner (one block per core) gains; Arrow's streaming parse does not.
COMPILE_FROM_BYTES = 64 << 20



def use_compiled(n_bytes: int) -> bool:
    """Load the compiled kernels (:mod:`likertkit.io.compiled`) for a file of ``n_bytes``, when numba is here and
    the file is large enough to pay back its import; from then on :func:`tally` and the others are the compiled
    ones (the same results). Returns whether the compiled kernels are in use."""
    global COMPILED
    if not COMPILED and AVAILABLE and n_bytes >= COMPILE_FROM_BYTES:
        try:
            from likertkit.io import compiled
        except ImportError:  # numba found but not importable (a broken install): NumPy it is
            return False
        globals().update({name: getattr(compiled, name) for name in ("tally", "tally_by_group", "tally_weighted",
                                                                     "tally_weighted_by_group", "all_blank")})
        COMPILED = True
    return COMPILED


# The tallies in NumPy (bincount over (column, key) pairs), to the compiled kernels' results.

def tally(keys, n_keys):
    """``counts[j, k]``: how many rows have key ``k`` in column ``j``."""
    rows, columns = keys.shape
    flat = (np.arange(columns, dtype=np.int64) * n_keys + keys).ravel()
    return np.bincount(flat, minlength=columns * n_keys).reshape(columns, n_keys).astype(np.int64)


def tally_by_group(keys, groups, n_groups, n_keys):
    """``counts[g, j, k]``: how many rows of group ``g`` have key ``k`` in column ``j``."""
    rows, columns = keys.shape
    cell = (np.asarray(groups, dtype=np.int64)[:, None] * columns + np.arange(columns)) * n_keys + keys
    return np.bincount(cell.ravel(), minlength=n_groups * columns * n_keys).reshape(
        n_groups, columns, n_keys).astype(np.int64)


def tally_weighted(keys, weights, n_keys):
    """``sums[0, j, k]``: the sum of the weights of rows with key ``k`` in column ``j``; ``sums[1]``: of squares."""
    rows, columns = keys.shape
    flat = (np.arange(columns, dtype=np.int64) * n_keys + keys).ravel()
    w = np.repeat(np.asarray(weights, dtype=np.float64), columns)
    sums = np.zeros((2, columns, n_keys), dtype=np.float64)
    for row, values in enumerate((w, w * w)):  # bincount adds each bin's weights in row order, as the loop does
        sums[row] = np.bincount(flat, weights=values, minlength=columns * n_keys).reshape(columns, n_keys)
    return sums


def tally_weighted_by_group(keys, groups, weights, n_groups, n_keys):
    """``sums[0, g, j, k]``: the sum of the weights of group ``g``'s rows with key ``k`` in column ``j``; ``sums[1]``:
    of squares."""
    rows, columns = keys.shape
    cell = ((np.asarray(groups, dtype=np.int64)[:, None] * columns + np.arange(columns)) * n_keys + keys).ravel()
    w = np.repeat(np.asarray(weights, dtype=np.float64), columns)
    sums = np.zeros((2, n_groups * columns * n_keys), dtype=np.float64)
    for row, values in enumerate((w, w * w)):
        sums[row] = np.bincount(cell, weights=values, minlength=n_groups * columns * n_keys)
    return sums.reshape(2, n_groups, columns, n_keys)


def all_blank(keys, blank):
    """Per row: is every key one whose text is blank (``blank[k]``)?"""
    return np.asarray(blank, dtype=bool)[keys].all(axis=1) if keys.shape[1] else np.ones(len(keys), dtype=bool)
