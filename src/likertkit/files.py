"""Reading inputs strictly and writing outputs all-or-nothing."""

from __future__ import annotations

import codecs
import csv
import io
import os
import tempfile
from pathlib import Path

import pandas as pd

from .errors import InputError

# Stable text for floats in every CSV we write: 15 significant digits survive a
# round trip of the values we compute and do not flicker in the last bit.
FLOAT_FORMAT = "%.15g"


def read_utf8_bytes(path) -> bytes:
    """A file's bytes, refused clearly if it is absent, empty or not UTF-8 (checked in slices: no full copy)."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "file not found")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(path, "file is empty")
    decoder, step = codecs.getincrementaldecoder("utf-8")(), 1 << 24
    for start in range(0, len(raw), step):
        try:
            decoder.decode(raw[start:start + step], final=start + step >= len(raw))
        except UnicodeDecodeError as err:
            offset = start + err.start
            raise InputError(path, f"not valid UTF-8 (byte {raw[offset]:#04x} at offset {offset})",
                             raw[:offset].count(b"\n") + 1) from None
    return raw


def header_names(path, raw: bytes) -> list[str]:
    """The header's column names (spaces stripped); a name given twice is an error."""
    header = [name.strip() for name in next(csv.reader(io.StringIO(raw[:1 << 16].decode("utf-8-sig", "ignore"))), [])]
    seen = set()
    for name in header:
        if name in seen:
            raise InputError(path, f"column {name!r} appears more than once in the header", 1, name)
        seen.add(name)
    return header


def read_csv_strict(path, required_columns=(), dtype=str):
    """Read a UTF-8 CSV with every cell as text, failing clearly on bad files.

    Rows are numbered as a spreadsheet shows them: the header is line 1, so the
    first data row is line 2 (see :func:`line_number`).
    """
    path = Path(path)
    header_names(path, read_utf8_bytes(path))
    frame = pd.read_csv(path, dtype=dtype, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [str(c).strip() for c in frame.columns]
    missing = [c for c in required_columns if c not in frame.columns]
    if missing:
        raise InputError(path, f"required column(s) missing: {', '.join(missing)}; "
                               f"found: {', '.join(map(str, frame.columns))}", 1)
    if frame.empty:
        raise InputError(path, "file has a header but no data rows")
    return frame


def line_number(index):
    """The 1-based line of a data row in its CSV file (line 1 is the header)."""
    return int(index) + 2


def _write_one(obj, path: Path):
    if isinstance(obj, pd.DataFrame):
        obj.to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n")
    elif isinstance(obj, bytes):
        path.write_bytes(obj)
    else:
        path.write_text(str(obj), encoding="utf-8", newline="\n")


def write_outputs(outputs: dict):
    """Write every output or none of them.

    Each file is first written beside its target under a temporary name; only
    when all have been written are they moved into place. A file whose bytes
    would not change is left alone, so its timestamp stays put and Make does
    not rebuild what depends on it.
    """
    staged = []
    try:
        for target, obj in outputs.items():
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            os.close(fd)
            os.chmod(tmp, 0o644)
            staged.append((Path(tmp), target))
            _write_one(obj, Path(tmp))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        if target.exists() and target.read_bytes() == tmp.read_bytes():
            tmp.unlink()
        else:
            os.replace(tmp, target)
    return [target for _, target in staged]
