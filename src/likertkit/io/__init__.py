"""Reading survey files as researchers hold them.

:mod:`~likertkit.io.sources` tells what a file is and opens it; :mod:`~likertkit.io.files` owns reading small
CSV files (items, scales) and writing outputs; :mod:`~likertkit.io.batches` cuts a large CSV into blocks at
record ends and :mod:`~likertkit.io.scan` counts each block's answers in compiled code, one block per core
(with the extra ``likertkit[fast]``, numba; without it, Arrow's reader and NumPy give the same counts);
:mod:`~likertkit.io.responses` reads a survey's answers through them, batch by batch, and checks its ids;
:mod:`~likertkit.io.printed` reads numbers as journals print them.
"""

__all__ = ["batches", "comments", "files", "printed", "responses", "scan", "sources"]
