"""Reading survey files as researchers hold them.

:mod:`~likertkit.io.sources` tells what a file is and opens it with its format's module
(:mod:`~likertkit.io.formats`: CSV, Excel, SPSS and Stata, R, Parquet, a DataFrame); :mod:`~likertkit.io.files`
owns reading small CSV files (items, scales) and writing outputs; :mod:`~likertkit.io.batches` cuts a large CSV
into blocks at record ends and :mod:`~likertkit.io.compiled` counts each block's answers in compiled code, one
block per core (with the extra ``likertkit[fast]``, numba, for files of some megabytes; else Arrow's reader and
:mod:`~likertkit.io.scan`'s NumPy tallies give the same counts);
:mod:`~likertkit.io.responses` reads a survey's answers through them, batch by batch, and checks its ids;
:mod:`~likertkit.io.printed` reads numbers as journals print them.
"""

__all__ = ["batches", "comments", "compiled", "files", "formats", "keys", "printed", "responses", "scan", "sources"]
