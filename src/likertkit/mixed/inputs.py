"""A mixed-methods study's qualitative inputs, read strictly: themes, quotes and findings.

Every cell is read as written; a quote's text is kept byte for byte (commas, line breaks, any script). Each
problem is one :class:`~likertkit.errors.InputError` naming the file, line, column and value; problems that do
not stop the reading (a quote linked to findings of two themes) are returned as warnings, to be logged.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from likertkit.errors import InputError
from likertkit.io.files import read_csv_strict
from likertkit.io.printed import split_list
from likertkit.io.responses import text_key

__all__ = ["MAX_FINDINGS", "QUOTE_COLUMNS", "RATINGS", "SEPARATOR", "read_findings", "read_quotes", "read_study",
           "read_themes"]

RATINGS = ("agreement", "partial agreement", "silence", "dissonance")
"""The convergence ratings of the triangulation protocol (O'Cathain, Murphy & Nicholl 2010); blank is "not yet rated"."""


def _keys(frame: pd.DataFrame, path: Path, columns, notes: list) -> None:
    """The ids in ``columns`` read by the survey's rule for text that names something (:func:`text_key`: surrounding
    spaces removed, Unicode NFC), so ``'T1 '`` and ``'T1'`` are one id; an id holding the lists' separator ``;`` is an
    error (a finding citing it would cite two). What the rule changed is added to ``notes``."""
    changed = []
    for column in columns:
        if column not in frame:
            continue
        for line, value in frame[column].items():
            if SEPARATOR in value:
                raise InputError(path, f"{value!r} holds {SEPARATOR!r}, which separates the ids a finding lists: "
                                       "an id must not hold it", line, column)
            key = text_key(value)
            if key != value:
                changed.append(f"{value!r} as {key!r} (line {line}, {column})")
                frame.at[line, column] = key
    if changed:
        notes.append(f"{path.name}: ids read without surrounding spaces and in one Unicode form (NFC): "
                     + ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else ""))


SEPARATOR = ";"


def _unique(frame: pd.DataFrame, path: Path, column: str) -> None:
    """Each value of ``column`` present and used once, or one error naming the line of the first problem."""
    seen = {}
    for line, value in frame[column].items():
        if not value.strip():
            raise InputError(path, "is empty", line, column)
        if value in seen:
            raise InputError(path, f"{value!r} is used twice (first on line {seen[value]})", line, column)
        seen[value] = line


def read_themes(path, notes: list | None = None) -> pd.DataFrame:
    """``theme, name, description`` of each theme, in the file's order (``description`` optional).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "themes.csv"
    >>> _ = path.write_text("theme,name\\nT1,Time\\nT2,Tools\\n", encoding="utf-8")
    >>> read_themes(path)["name"].tolist()
    ['Time', 'Tools']
    """
    path = Path(path)
    themes = read_csv_strict(path, ["theme", "name"])
    _keys(themes, path, ["theme"], [] if notes is None else notes)
    _unique(themes, path, "theme")
    if "description" not in themes:
        themes["description"] = ""
    return themes[["theme", "name", "description"]]


def read_quotes(path, themes: pd.DataFrame | None = None, notes: list | None = None) -> pd.DataFrame:
    """``quote_id, theme, speaker, text, source`` of each quote (``source`` optional), text verbatim.

    Without ``themes``, each theme is named as in the quotes, in order of first appearance; with them, a theme
    not in ``themes`` is an error.
    """
    path = Path(path)
    quotes = read_csv_strict(path, ["quote_id", "theme", "speaker", "text"])
    _keys(quotes, path, ["quote_id", "theme"], [] if notes is None else notes)
    _unique(quotes, path, "quote_id")
    for line, text in quotes["text"].items():
        if not text.strip():
            raise InputError(path, "the quote's text is empty", line, "text", f"quote {quotes.at[line, 'quote_id']}")
    if themes is not None:
        known = set(themes["theme"])
        for line, theme in quotes["theme"].items():
            if theme not in known:
                raise InputError(path, f"theme {theme!r} is not in the themes file", line, "theme")
    if "source" not in quotes:
        quotes["source"] = ""
    return quotes[["quote_id", "theme", "speaker", "text", "source"]]


def read_findings(path, quotes: pd.DataFrame, items, themes: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list]:
    """``finding_id, theme, statement, items, quotes, rating, rationale`` of each finding, checked against the
    quotes and the survey's item ids; returns the findings and a list of warnings.

    ``items`` and ``quotes`` are ``;``-separated ids, each of which must exist; ``rating`` is one of
    :data:`RATINGS` or blank (not yet rated). A quote cited under findings of two themes is a warning, not an
    error: a quote may bear on two themes, but a reader should know.
    """
    path = Path(path)
    findings = read_csv_strict(path, ["finding_id", "theme", "statement", "items", "quotes", "rating", "rationale"])
    if len(findings) > MAX_FINDINGS:
        raise InputError(path, f"holds {len(findings):,} findings, more than the {MAX_FINDINGS} a joint display shows "
                               "(its page and PDF grow with each): give the study's findings, not every coded segment",
                         findings.index[MAX_FINDINGS], "finding_id")
    notes: list = []
    _keys(findings, path, ["finding_id", "theme"], notes)
    _unique(findings, path, "finding_id")
    known_items, known_quotes = {str(i) for i in items}, set(quotes["quote_id"])
    known_themes = set(themes["theme"]) if themes is not None else set(quotes["theme"]) | set(findings["theme"])
    themes_of_quote: dict = {}
    for line, row in findings.iterrows():
        record = f"finding {row['finding_id']}"
        if row["theme"] not in known_themes:
            raise InputError(path, f"theme {row['theme']!r} is not in the themes file", line, "theme", record)
        for item in split_list(row["items"]):
            if item not in known_items:
                raise InputError(path, f"item {item!r} is not an item of the survey", line, "items", record)
        cited = [text_key(quote) for quote in split_list(row["quotes"])]
        findings.at[line, "quotes"] = SEPARATOR.join(cited)  # by the ids' own rule (_keys)
        for quote in cited:
            if quote not in known_quotes:
                raise InputError(path, f"quote {quote!r} is not in the quotes file", line, "quotes", record)
            themes_of_quote.setdefault(quote, []).append(row["theme"])
        rating = row["rating"].strip().lower()
        if rating and rating not in RATINGS:
            raise InputError(path, f"rating {row['rating']!r} is not one of {', '.join(RATINGS)} (or blank)",
                             line, "rating", record)
        findings.at[line, "rating"] = rating
    warnings = notes + [f"{path.name}: quote {quote} is linked to findings of {len(set(found))} themes: "
                + ", ".join(dict.fromkeys(found)) for quote, found in themes_of_quote.items() if len(set(found)) > 1]
    return findings, warnings


MAX_FINDINGS = 500  # a joint display of more is none to read (300 findings made a 101-page PDF in 20 s here)


QUOTE_COLUMNS = ["quote_id", "theme", "speaker", "text", "source"]


def read_study(items, quotes="", themes="", findings="") -> dict:
    """The qualitative strand of a mixed-methods study, from the files given (any may be ``""``): ``themes``,
    ``quotes`` and ``findings`` tables (``None`` when not given) and ``warnings``. Without a themes file, the
    themes are named as in the quotes, in order of first appearance.

    Raises
    ------
    InputError
        For the first bad cell (see :func:`read_quotes`, :func:`read_findings`), or ``THEMES`` given alone.
    """
    if themes and not (quotes or findings):
        raise InputError("THEMES", "names the themes of QUOTES or FINDINGS: give one of them too")
    notes: list = []
    given = read_themes(themes, notes) if themes else None
    quote_table = read_quotes(quotes, given, notes) if quotes else pd.DataFrame(columns=QUOTE_COLUMNS)
    finding_table, warnings = (read_findings(findings, quote_table, items, given) if findings else (None, []))
    warnings = notes + warnings
    theme_table = given
    if theme_table is None:  # named as in the quotes, then the findings, in order of first appearance
        first = list(dict.fromkeys([*quote_table["theme"], *(finding_table["theme"] if findings else [])]))
        theme_table = pd.DataFrame({"theme": first, "name": first, "description": [""] * len(first)})
    return {"themes": theme_table, "quotes": quote_table if quotes else None, "findings": finding_table,
            "warnings": warnings}
