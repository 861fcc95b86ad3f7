"""The compiled kernels (numba) of :mod:`likertkit.io.scan`: the CSV scanner and the tallies, loaded only when a
file is large enough to pay back numba's import (:func:`likertkit.io.scan.use_compiled`). What each does, and
the keys it gives, are described there; :mod:`likertkit.io.scan` holds the same tallies in NumPy."""

from __future__ import annotations

import numpy as np
from numba import njit

from likertkit.io.keys import CR, EMPTY, FIRST_TEXT, IRREGULAR_QUOTE, LF, QUOTE, RAGGED, REGULAR, TOO_MANY_TEXTS, UNTERMINATED

__all__ = ["all_blank", "scan_chunk", "tally", "tally_by_group", "tally_weighted", "tally_weighted_by_group"]


@njit(cache=True, nogil=True, inline="always")
def _text_key(buf, start, end, table, hashes, starts, ends, count):
    """The key of the longer text ``buf[start:end]``: its dictionary entry, added if new (``count[0]`` entries
    so far); -1 when the dictionary is full."""
    mask = np.int64(len(table) - 1)
    h = np.uint64(14695981039346656037)  # FNV-1a
    for k in range(start, end):
        h = (h ^ np.uint64(buf[k])) * np.uint64(1099511628211)
    slot = np.int64(h & np.uint64(mask))
    length = end - start
    while True:
        entry = table[slot]
        if entry < 0:
            break
        if hashes[entry] == h and ends[entry] - starts[entry] == length:
            same = True
            for k in range(length):
                if buf[starts[entry] + k] != buf[start + k]:
                    same = False
                    break
            if same:
                return FIRST_TEXT + entry
        slot = (slot + 1) & mask
    entry = count[0]
    if entry >= len(starts):
        return -1
    hashes[entry], starts[entry], ends[entry] = h, start, end
    table[slot] = entry
    count[0] = entry + 1
    return FIRST_TEXT + entry


@njit(cache=True, nogil=True)
def scan_chunk(buf, delimiter, item_of, text_of, keys, text_bytes, text_offsets, table, hashes, starts, ends):
    """Scan whole CSV records in ``buf`` (no header; it starts at a record and ends after one).

    ``item_of[c]`` is the item number of field ``c`` (or -1), ``text_of[c]`` its text-column number (or -1).
    Fills ``keys[r, j]``, item ``j``'s key in record ``r``; the dictionary of longer texts (``table``, an
    open-addressing hash table of entry numbers, at most half full; entry ``k`` is ``buf[starts[k]:ends[k]]``,
    raw: a quoted text keeps its doubled quotes, with its hash in ``hashes``); and text column ``t`` of record
    ``r`` as ``text_bytes[t, text_offsets[t, r]:text_offsets[t, r + 1]]`` (unquoted). The caller gives arrays
    large enough for the records (``keys``, ``text_offsets``) and bytes (``text_bytes``) of ``buf``; the
    dictionary holds ``len(starts)`` texts, ``len(table)`` is a power of two at least twice that.
    Returns ``(status, records, distinct texts)``; :data:`TOO_MANY_TEXTS` asks for a larger dictionary.
    """
    n = len(buf)
    n_fields = len(item_of)
    table[:] = -1
    text_offsets[:, 0] = 0
    fill = np.zeros(text_bytes.shape[0], dtype=np.int64)
    count = np.zeros(1, dtype=np.int64)
    i, row, field = 0, 0, 0
    status = REGULAR
    trailing_empty = False
    while i < n:
        c = buf[i]
        if field == 0 and (c == LF or c == CR):
            i += 1  # an empty line is not a record
            continue
        if c < 128 and i + 2 < n and buf[i + 1] == delimiter and c != delimiter and c != QUOTE and c != LF \
                and c != CR and field + 1 < n_fields:
            # the usual cell, one character before a delimiter: the same result as below, in fewer steps
            item = item_of[field]
            if item >= 0:
                keys[row, item] = c
            column = text_of[field]
            if column >= 0:
                text_bytes[column, fill[column]] = c
                fill[column] += 1
                text_offsets[column, row + 1] = fill[column]
            i += 2
            field += 1
            continue
        escaped = False
        if c == QUOTE:
            i += 1
            start = i
            while i < n:
                if buf[i] == QUOTE:
                    if i + 1 < n and buf[i + 1] == QUOTE:
                        escaped = True
                        i += 2
                        continue
                    break
                i += 1
            if i >= n:
                status = UNTERMINATED
                break
            end = i
            i += 1
            if i < n and buf[i] != delimiter and buf[i] != LF and buf[i] != CR:
                status = IRREGULAR_QUOTE
                break
        else:
            start = i
            while i < n:
                c = buf[i]
                if c == delimiter or c == LF or c == CR or c == QUOTE:
                    break
                i += 1
            if i < n and c == QUOTE:
                status = IRREGULAR_QUOTE
                break
            end = i
        if field >= n_fields:
            status = RAGGED
            break
        item = item_of[field]
        if item >= 0:
            if end == start:
                keys[row, item] = EMPTY
            elif end == start + 1 and buf[start] < 128:
                keys[row, item] = buf[start]
            else:
                key = _text_key(buf, start, end, table, hashes, starts, ends, count)
                if key < 0:
                    status = TOO_MANY_TEXTS
                    break
                keys[row, item] = key
        column = text_of[field]
        if column >= 0:
            at = fill[column]
            k = start
            while k < end:
                text_bytes[column, at] = buf[k]
                at += 1
                k += 2 if escaped and buf[k] == QUOTE else 1
            fill[column] = at
            text_offsets[column, row + 1] = at
        # what ends the field: a delimiter, a line end, or the end of the chunk
        if i < n and buf[i] == delimiter:
            field += 1
            i += 1
            if i >= n:  # a delimiter at the very end of the file (no line end): an empty last field follows
                trailing_empty = True
            continue
        if field != n_fields - 1:
            status = RAGGED
            break
        if i < n:
            i += 2 if buf[i] == CR and i + 1 < n and buf[i + 1] == LF else 1
        row += 1
        field = 0
    if status == REGULAR and trailing_empty:
        if field != n_fields - 1:
            status = RAGGED
        else:
            item = item_of[field]
            if item >= 0:
                keys[row, item] = EMPTY
            column = text_of[field]
            if column >= 0:
                text_offsets[column, row + 1] = fill[column]
            row += 1
    return status, row, count[0]


@njit(cache=True, nogil=True)
def tally(keys, n_keys):
    """``counts[j, k]``: how many rows have key ``k`` in column ``j``."""
    counts = np.zeros((keys.shape[1], n_keys), dtype=np.int64)
    for r in range(keys.shape[0]):
        for j in range(keys.shape[1]):
            counts[j, keys[r, j]] += 1
    return counts


@njit(cache=True, nogil=True)
def tally_by_group(keys, groups, n_groups, n_keys):
    """``counts[g, j, k]``: how many rows of group ``g`` have key ``k`` in column ``j``."""
    counts = np.zeros((n_groups, keys.shape[1], n_keys), dtype=np.int64)
    for r in range(keys.shape[0]):
        g = groups[r]
        for j in range(keys.shape[1]):
            counts[g, j, keys[r, j]] += 1
    return counts


@njit(cache=True, nogil=True)
def tally_weighted(keys, weights, n_keys):
    """``sums[0, j, k]``: the sum of the weights of rows with key ``k`` in column ``j``; ``sums[1]``: of squares."""
    sums = np.zeros((2, keys.shape[1], n_keys), dtype=np.float64)
    for r in range(keys.shape[0]):
        w = weights[r]
        for j in range(keys.shape[1]):
            sums[0, j, keys[r, j]] += w
            sums[1, j, keys[r, j]] += w * w
    return sums


@njit(cache=True, nogil=True)
def tally_weighted_by_group(keys, groups, weights, n_groups, n_keys):
    """``sums[0, g, j, k]``: the sum of the weights of group ``g``'s rows with key ``k`` in column ``j``; ``sums[1]``:
    of squares."""
    sums = np.zeros((2, n_groups, keys.shape[1], n_keys), dtype=np.float64)
    for r in range(keys.shape[0]):
        g, w = groups[r], weights[r]
        for j in range(keys.shape[1]):
            sums[0, g, j, keys[r, j]] += w
            sums[1, g, j, keys[r, j]] += w * w
    return sums


@njit(cache=True, nogil=True)
def all_blank(keys, blank):
    """Per row: is every key one whose text is blank (``blank[k]``)? Stops at a row's first answer."""
    out = np.ones(keys.shape[0], dtype=np.bool_)
    for r in range(keys.shape[0]):
        for j in range(keys.shape[1]):
            if not blank[keys[r, j]]:
                out[r] = False
                break
    return out
