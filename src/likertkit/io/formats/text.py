"""CSV and TSV text files: the encoding (UTF-8 with or without a byte-order mark, else Windows-1252) and the
delimiter (comma, semicolon, tab or bar; a space only when nothing else splits the header), detected unless given,
and a survey platform's extra header rows under the column names (Qualtrics' question text and import ids,
SurveyMonkey's row of answer options), recognised and skipped. The records are streamed by
:mod:`likertkit.io.batches`.

Examples
--------
>>> detect_delimiter('id;q1;"a, b";q2')
';'
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from pathlib import Path

from likertkit.errors import InputError
from likertkit.io.files import check_line_lengths, csv_records, first_undecodable, holds_utf8_characters, not_utf8_error
from likertkit.io.sources import SNIFF_BYTES, Source

__all__ = ["DELIMITERS", "DELIMITER_NAMES", "detect_delimiter", "detect_encoding", "extra_header_rows", "open_file"]

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar", " ": "space"}


DELIMITER_NAMES = {"comma": ",", ",": ",", "semicolon": ";", ";": ";", "tab": "\t", "\\t": "\t", "\t": "\t",
                   "space": " ",
                   "bar": "|", "pipe": "|", "|": "|"}


def detect_encoding(path: Path, given: str = "") -> tuple[str, str]:
    """``(encoding, note)``: the given one (checked), else UTF-8 (with or without BOM), else Windows-1252."""
    if given:
        try:
            name = codecs.lookup(given).name
        except LookupError:
            raise InputError("ENCODING", f"{given!r} is not an encoding Python knows (e.g. utf-8, windows-1252, latin-1)") from None
        _decode_all(path, name, given=True)
        return name, f"encoding {given} (given)"
    with open(path, "rb") as stream:
        bom = stream.read(3) == codecs.BOM_UTF8
    bad = first_undecodable(path, "utf-8")
    if bad is None:
        return ("utf-8-sig", "encoding UTF-8 with a byte-order mark (detected)") if bom else ("utf-8", "encoding UTF-8 (detected)")
    if bom or holds_utf8_characters(path):  # UTF-8 but for a few bytes: never re-read every label as Windows-1252
        with open(path, "rb") as stream:
            first = stream.read(SNIFF_BYTES).decode("utf-8", errors="replace").lstrip("\ufeff")
        delimiter = detect_delimiter(next((line for line in first.splitlines() if line.strip()), ""))
        raise not_utf8_error(path, bad[2], delimiter, "correct the byte, or give ENCODING= if the file is in "
                                                      "another encoding")
    if _decode_all(path, "cp1252", given=False):
        return "cp1252", "encoding Windows-1252 (detected: the file is not valid UTF-8)"
    raise InputError(path, "is neither UTF-8 nor Windows-1252 text; say its encoding with ENCODING=... (e.g. latin-1)")


def _decode_all(path: Path, encoding: str, given: bool) -> bool:
    """Does the whole file decode (:func:`likertkit.io.files.first_undecodable`)? With ``given``, a failure is an error
    naming the line."""
    bad = first_undecodable(path, encoding)
    if bad and given:
        raise InputError(path, f"is not valid {encoding} (byte {bad[1]:#04x})", bad[0])
    return bad is None


def detect_delimiter(header: str) -> str:
    """The delimiter of a header line: the candidate that splits it into the most fields, quotes respected (a
    split that leaves a quote inside a field is the wrong one); a space only when nothing else splits it
    (column names often hold spaces); comma when none does."""
    best, fields = ",", 1
    for candidate in DELIMITERS:
        if candidate == " " and fields > 1:
            break
        split = next(csv.reader([header], delimiter=candidate), [])
        if any('"' in field for field in split):
            continue
        if len(split) > fields:
            best, fields = candidate, len(split)
    return best


def _text_dialect(path: Path, encoding: str, delimiter: str) -> tuple[str, str, list]:
    check_line_lengths(path)
    encoding, note = detect_encoding(path, encoding)
    notes = [note]
    if delimiter:
        if delimiter not in DELIMITER_NAMES:
            raise InputError("DELIMITER", f"{delimiter!r} is not one of comma, semicolon, tab, bar, space")
        delimiter = DELIMITER_NAMES[delimiter]
        notes.append(f"delimiter {DELIMITERS[delimiter]} (given)")
    else:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES).decode(encoding, errors="replace")
        first = next((line for line in head.splitlines() if line.strip()), "")
        delimiter = detect_delimiter(first)
        notes.append(f"delimiter {DELIMITERS[delimiter]} (detected)")
    return encoding, delimiter, notes


# A survey platform's export puts more header rows under the column names: Qualtrics the question text and
# then {"ImportId":"QID1_1"} in every column; SurveyMonkey a row of "Response" and answer option texts.
_IMPORT_ID = re.compile(r'^\{"ImportId":')


_PLATFORM_WORDS = {"response", "open-ended response", "other (please specify)"}


def _is_header_row(fields: list, header: list) -> bool:
    filled = [f.strip() for f in fields if f.strip()]
    if len(filled) < max(1, len(header) // 2):
        return False
    if sum(bool(_IMPORT_ID.match(f)) for f in filled) >= len(filled) / 2:
        return True
    return sum(f.casefold() in _PLATFORM_WORDS for f in filled) >= len(filled) / 2


def _repeats_the_header(fields: list, header: list) -> bool:
    """A legacy Qualtrics export's second row: its first columns repeat their names (``ResponseID``, ``Status``)
    and its questions' columns hold the question text."""
    repeated = sum(f.strip() == h.strip() for f, h in zip(fields, header, strict=False) if f.strip())  # rows may be ragged
    return repeated >= 2 and repeated >= len(header) // 8 and not _looks_like_answers(fields)


def extra_header_rows(path: Path, encoding: str, delimiter: str) -> tuple[int, str, list]:
    """``(rows, platform, question texts)``: how many records after the header are a platform export's extra header
    rows (0, 1 or 2), whose export it is, and the row of question text under the names (or [])."""
    try:
        records = list(itertools.islice(csv_records(path, path, (encoding, delimiter)), 4))
    except InputError:
        return 0, "", []  # a malformed file: the reader names the line
    if len(records) < 3:
        return 0, "", []
    header = records[0][1]
    if _is_header_row(records[2][1], header) and not _looks_like_answers(records[1][1]):
        return 2, "Qualtrics (question text, then import ids)", records[1][1]
    if _repeats_the_header(records[1][1], header):
        return 1, "Qualtrics, legacy (a row of question text)", records[1][1]
    if _is_header_row(records[1][1], header):
        return 1, "SurveyMonkey (a row of answer options)", []
    return 0, "", []


def _looks_like_answers(fields: list) -> bool:
    """A row with some whole numbers in it is a respondent's, not a row of question texts."""
    return sum(f.strip().isdigit() for f in fields) >= max(2, len(fields) // 3)



def open_file(path: Path, kind: str = "csv", encoding: str = "", delimiter: str = "") -> Source:
    """A CSV or TSV file opened: its encoding and delimiter (detected unless given), and a platform export's extra
    header rows (skipped, their question text kept as ``question_text``), each said in the notes."""
    encoding, delimiter, notes = _text_dialect(path, encoding, delimiter)
    extra, platform, questions = extra_header_rows(path, encoding, delimiter)
    if extra:
        notes.append(f"{extra} extra header row(s) after the header skipped: a {platform} export")
    source = Source(path, "csv", encoding=encoding, delimiter=delimiter, notes=notes, header_rows=1 + extra)
    source.question_text = {name.strip(): text.strip() for name, text in
                            zip(next(iter(csv_records(path, path, (encoding, delimiter))))[1], questions,
                                strict=False)  # no row of questions: none
                            if text.strip() and text.strip() != name.strip()}
    return source
