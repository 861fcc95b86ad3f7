"""Reading inputs strictly and writing outputs all-or-nothing."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from likertkit.errors import InputError

__all__ = ["ASCII_SUPERSETS", "CHUNK_BYTES", "FLOAT_FORMAT", "LINE_INDEX", "MAX_LINE_BYTES", "SNIFF_LIMIT",
           "TEXT_COLUMNS", "UTF8_COMMA", "bad_byte_place", "check_line_lengths", "check_regular", "check_utf8_file",
           "csv_records", "first_ragged_record", "first_undecodable", "header_names", "holds_carriage_return",
           "holds_utf8_characters", "line_number", "not_utf8_error", "option_values", "read_csv_strict", "read_tidy",
           "read_utf8_bytes", "record_line", "text_columns", "write_outputs"]

# Stable text for floats in every CSV we write: 15 significant digits survive a
# round trip of the values we compute and do not flicker in the last bit.
FLOAT_FORMAT = "%.15g"


LINE_INDEX = "line"
"""The name of the index :func:`read_csv_strict` gives a table: each row's line in its file, for error messages."""


CHUNK_BYTES = 1 << 24


ASCII_SUPERSETS = {"utf-8", "utf-8-sig", "cp1252", "latin-1", "iso8859-15", "ascii"}  # codecs' names


def first_undecodable(path, encoding: str = "utf-8"):
    """``None`` if the whole file decodes in ``encoding``, else ``(line, byte, offset)`` of the first byte that does
    not. Read in 16 MB slices, never whole; a slice of plain ASCII is not decoded (it is valid in every
    encoding that contains ASCII, when no character is left open from the slice before)."""
    decoder, offset = codecs.getincrementaldecoder(encoding)(), 0
    ascii_safe = codecs.lookup(encoding).name in ASCII_SUPERSETS
    with open(path, "rb") as stream:
        while True:
            chunk = stream.read(CHUNK_BYTES)
            final = len(chunk) < CHUNK_BYTES
            if not (ascii_safe and chunk.isascii() and not decoder.getstate()[0]):
                try:
                    decoder.decode(chunk, final=final)
                except UnicodeDecodeError as err:
                    stream.seek(0)
                    lines = 1 + stream.read(offset).count(b"\n") + chunk[:err.start].count(b"\n")
                    return lines, chunk[err.start], offset + err.start
            offset += len(chunk)
            if final:
                return None


# A character of two, three or four bytes as UTF-8 writes it; Windows-1252 text rarely holds one (it would read
# as "Ã©"), so a file holding these beside an invalid byte is UTF-8 with a few bad bytes, not Windows-1252.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def holds_utf8_characters(path) -> bool:
    """Whether the file holds at least one character of more than one byte written as UTF-8 writes it."""
    with open(path, "rb") as stream:
        tail = b""
        while chunk := stream.read(CHUNK_BYTES):
            if _UTF8_SEQUENCE.search(tail + chunk):
                return True
            tail = chunk[-3:]
    return False


def bad_byte_place(path, offset: int, delimiter: str = ",") -> tuple:
    """``(line, column name, byte, text before it)`` of the byte at ``offset`` of a text file: its line, the header's
    name of the field it stands in (the header split by ``delimiter``, quotes respected), the byte and the few
    characters that precede it on its line, for an error a person can find in an editor."""
    with open(path, "rb") as stream:
        head = stream.read(min(offset, SNIFF_LIMIT))
        stream.seek(offset)
        byte = stream.read(1)[0]
        stream.seek(0)
        line, start, position = 1, 0, 0
        while position < offset:
            chunk = stream.read(min(CHUNK_BYTES, offset - position))
            found = chunk.count(b"\n")
            if found:
                line += found
                start = position + chunk.rindex(b"\n") + 1
            position += len(chunk)
        stream.seek(start)
        prefix = stream.read(offset - start).decode("utf-8", errors="replace")
    header_line = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").rstrip("\r")
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    fields = next(csv.reader([prefix], delimiter=delimiter), [""])
    column = header[len(fields) - 1].strip() if 0 < len(fields) <= len(header) else ""
    return line, column, byte, prefix[-20:]


SNIFF_LIMIT = 1 << 16  # bytes of a file's start read for its header line


def not_utf8_error(path, offset: int, delimiter: str = ",", what: str = "") -> InputError:
    """The one error for a file that is UTF-8 but for a byte: naming its line, column and byte."""
    line, column, byte, before = bad_byte_place(path, offset, delimiter)
    return InputError(path, f"is UTF-8 but for byte {byte:#04x} (after {before!r}), which is no UTF-8 character: "
                            f"{what or 'correct the byte (or save the file again as UTF-8)'}", line, column or "")


MAX_LINE_BYTES = CHUNK_BYTES  # 16 MiB: no line of a survey or study file is near it; a longer one is refused


def check_line_lengths(path) -> None:
    """Refuse a text file holding a line of more than :data:`MAX_LINE_BYTES` (a file with no line breaks at all, say),
    in one pass of 16 MB slices: it would be read whole into memory to find the line's end."""
    since, line = 0, 1  # bytes since the last line break; the line they belong to
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            first = chunk.find(b"\n")
            if since + (len(chunk) if first < 0 else first) > MAX_LINE_BYTES:
                raise InputError(path, f"this line is longer than {MAX_LINE_BYTES >> 20} MB, the longest line this tool "
                                       "reads: is it a text file with line breaks?", line)
            if first >= 0:
                line += chunk.count(b"\n")
                since = len(chunk) - chunk.rindex(b"\n") - 1
            else:
                since += len(chunk)


def check_utf8_file(path) -> None:
    """Refuse a file that is absent, empty or not UTF-8."""
    path = Path(path)
    check_regular(path)
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    with open(path, "rb") as stream:
        head = stream.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8 "
                               "(in Excel: CSV UTF-8)", 1)
    check_line_lengths(path)
    bad = first_undecodable(path)
    if bad:
        line, byte, offset = bad
        if holds_utf8_characters(path):
            raise not_utf8_error(path, offset)
        raise InputError(path, f"not valid UTF-8 (byte {byte:#04x} at offset {offset}): save it as UTF-8 "
                               "(in Excel: CSV UTF-8)", line)
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            if re.search(rb"\S", chunk):
                return
    raise InputError(path, "file is empty")


def check_regular(path: Path):
    """``path`` is a file or a folder that can be read: not missing, not a link that leads nowhere or in a loop,
    not a FIFO, socket or device (reading one could wait for ever)."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError as err:
        if path.is_symlink():
            raise InputError(path, "is a symbolic link that leads nowhere or in a loop") from None
        if err.errno == 13:
            raise InputError(path, "cannot be read: permission denied") from None
        raise InputError(path, "file not found") from None
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise InputError(path, f"is {kind}, not a file: give it as a regular file")


def read_utf8_bytes(path) -> bytes:
    """A small file's bytes, refused clearly if it is absent, empty or not UTF-8."""
    check_utf8_file(path)
    return Path(path).read_bytes()


# How a CSV is written: its encoding and delimiter (likertkit.io.sources detects both for survey files).
UTF8_COMMA = ("utf-8-sig", ",")


def _text(source, encoding="utf-8-sig"):
    """A text stream over a CSV given as its bytes or its path (a path is read as it goes, not whole)."""
    encoding = "utf-8-sig" if encoding == "utf-8" else encoding  # a byte-order mark is not part of the header
    if isinstance(source, (bytes, bytearray)):
        return io.TextIOWrapper(io.BytesIO(source), encoding=encoding, newline="")
    return open(source, encoding=encoding, newline="")


def header_names(path, source, strip=True, dialect=UTF8_COMMA, unique=True) -> list[str]:
    """The header's column names (spaces stripped unless ``strip=False``), however long; no name twice unless
    ``unique`` is False (a survey platform's export may repeat the header of columns that are not items)."""
    with _text(source, dialect[0]) as text:
        header = [name.strip() if strip else name for name in next(csv.reader(text, delimiter=dialect[1]), [])]
    seen = set()
    for name in header:
        if name in seen and unique:
            raise InputError(path, f"column {name!r} appears more than once in the header", 1, name)
        seen.add(name)
    return header


def csv_records(source, path, dialect=UTF8_COMMA):
    """``(line, fields)`` for each record of a CSV file (its bytes or its path), where ``line`` is the file line
    the record starts on.

    Blank lines are skipped (they are not records), so a record after one, or after a quoted field that
    spans lines, still gets its own line number, as a text editor shows it.
    """
    with _text(source, dialect[0]) as text:
        reader = csv.reader(text, strict=True, delimiter=dialect[1])
        line = 1
        try:
            for fields in reader:
                if fields:
                    yield line, fields
                line = reader.line_num + 1
        except csv.Error as err:
            if "field larger than field limit" in str(err):
                raise InputError(path, f"a field is longer than {csv.field_size_limit():,} characters, the longest "
                                       "field Python's CSV reader takes: shorten it", line) from None
            raise InputError(path, f"not a well-formed CSV file: {err}", line) from None


def record_line(path, source, record: int, dialect=UTF8_COMMA) -> int:
    """The file line on which data record ``record`` (0 = the first after the header) starts."""
    for position, (line, _) in enumerate(csv_records(source, path, dialect)):
        if position == record + 1:
            return line
    raise IndexError(record)


def first_ragged_record(path, source, dialect=UTF8_COMMA):
    """``(line, n_fields, n_header_fields)`` of the first record whose width differs from the header's, or None."""
    records = csv_records(source, path, dialect)
    _, header = next(records)
    for line, fields in records:
        if len(fields) != len(header):
            return line, len(fields), len(header)
    return None


def read_csv_strict(path, required_columns=()):
    """Read a small UTF-8 CSV with every cell as text, failing clearly on bad files.

    Every cell is kept as written (``NA``, ``None`` or ``01`` stay text); every record must have as many
    fields as the header. The frame's index is each record's line in the file (the header is line 1),
    so an error can name the line a text editor shows (see :func:`line_number`).
    """
    path = Path(path)
    raw = read_utf8_bytes(path)
    header = header_names(path, raw)
    lines, rows = [], []
    records = csv_records(raw, path)
    next(records)
    for line, fields in records:
        if len(fields) != len(header):
            raise InputError(path, f"has {len(fields)} field(s) where the header has {len(header)}", line)
        lines.append(line)
        rows.append(fields)
    frame = pd.DataFrame(rows, columns=header, index=pd.Index(lines, name=LINE_INDEX), dtype=str)
    missing = [c for c in required_columns if c not in frame.columns]
    if missing:
        raise InputError(path, f"required column(s) missing: {', '.join(missing)}; found: {', '.join(header)}", 1)
    if frame.empty:
        raise InputError(path, "file has a header but no data rows")
    return frame


def option_values(text, option: str) -> list:
    """A comma-separated option as its values, read as one CSV record: ``'9,"Don\'t know, really"'`` ->
    ``['9', "Don't know, really"]`` (quote a value that holds a comma); empty -> ``[]``. A value that is not one
    record is an error naming the option.

    >>> option_values('9, 99,"Don\\'t know, really"', "MISSING")
    ['9', '99', "Don't know, really"]
    """
    text = str(text or "")
    if not text.strip():
        return []
    try:
        return next(csv.reader([text], skipinitialspace=True), [])
    except csv.Error as err:
        raise InputError(option, f"cannot read {text!r}: {err}") from None


def line_number(index) -> int:
    """The file line of a row of a frame from :func:`read_csv_strict` (its index holds the lines)."""
    return int(index)


# Columns of the tidy tables the notebooks write and read that hold text, whatever they look like:
# item ids such as ``01`` and labels such as ``NA`` or ``1`` must come back exactly as written.
TEXT_COLUMNS = frozenset({"item", "label", "domain", "category", "group", "file", "row", "column", "kind",
                          "original", "result", "note", "step", "scale", "construct", "theme"})


def read_tidy(path, text_columns=()) -> pd.DataFrame:
    """Read a tidy table this package wrote: text columns as text, the others as numbers where they are.

    ``pandas.read_csv`` would guess types, turning item ``01`` into ``1`` and the label ``NA`` into a
    missing value; here the columns in :data:`TEXT_COLUMNS`, and those in ``text_columns``, stay exactly as
    written.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for name in frame.columns:
        if name in TEXT_COLUMNS or name in text_columns:
            continue
        if len(frame) and frame[name].isin(["True", "False"]).all():
            frame[name] = frame[name] == "True"
            continue
        try:
            frame[name] = pd.to_numeric(frame[name].replace("", np.nan))
        except ValueError:
            pass  # a computed column of text, such as several modes '1;2'
    return frame


def text_columns(frame: pd.DataFrame) -> list:
    """The names of ``frame``'s columns that hold text (what a written CSV's reader must take as typed)."""
    return [name for name in frame.columns
            if frame[name].dtype == object or pd.api.types.is_string_dtype(frame[name])]


def holds_carriage_return(frame: pd.DataFrame) -> bool:
    """Whether any text cell (or column name) of ``frame`` holds a carriage return."""
    return any("\r" in str(name) for name in frame.columns) or any(
        frame[name].astype(str).str.contains("\r", regex=False).any() for name in text_columns(frame))


def _write_one(obj, path: Path):
    if isinstance(obj, pd.DataFrame):
        # Python's csv writer quotes a field holding the line terminator ("\n") but not a lone "\r", which every
        # reader then takes for the end of a row: a table holding one has each text field quoted.
        quoting = csv.QUOTE_NONNUMERIC if holds_carriage_return(obj) else csv.QUOTE_MINIMAL
        obj.to_csv(path, index=False, float_format=FLOAT_FORMAT, lineterminator="\n", quoting=quoting)
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
