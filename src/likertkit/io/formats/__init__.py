"""One module per file format a survey comes in, each opening a file into a :class:`likertkit.io.sources.Source`
with ``open_file(path, kind, encoding, delimiter)``: :mod:`~likertkit.io.formats.text` (CSV, TSV),
:mod:`~likertkit.io.formats.excel` (.xlsx), :mod:`~likertkit.io.formats.stats` (SPSS .sav, Stata .dta),
:mod:`~likertkit.io.formats.rdata` (.rds, .RData), :mod:`~likertkit.io.formats.parquet` (a file or a folder), and
:mod:`~likertkit.io.formats.frame` (a pandas DataFrame in memory).

A source is read in one of three shapes, whatever its format: a CSV is streamed by the scanner or Arrow's reader,
Parquet by Arrow's dataset, and every other format is read whole into ``Source.table`` (every cell as text, with
its value labels), which the rest of the package reads alike (:mod:`likertkit.io.batches`). Adding a format is one
module here giving such a table, its kind in :data:`likertkit.io.sources.KINDS`, :data:`~likertkit.io.sources.SUFFIXES`
and :data:`~likertkit.io.sources.READERS`, and its first bytes in :func:`~likertkit.io.sources.kind_by_content`.
"""

__all__ = ["excel", "frame", "parquet", "rdata", "stats", "text"]
