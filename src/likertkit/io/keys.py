"""The keys and statuses the CSV scanner gives (:mod:`likertkit.io.scan`, :mod:`likertkit.io.compiled`): a key per
cell (a one-character text is its ASCII code; an empty cell :data:`EMPTY`; a longer text :data:`FIRST_TEXT` plus its
place in the chunk's dictionary), and the status of a scanned chunk. Here alone, so that the compiled kernels and
the NumPy module that loads them share them without importing each other."""

__all__ = ["CR", "EMPTY", "FIRST_TEXT", "IRREGULAR_QUOTE", "LF", "QUOTE", "RAGGED", "REGULAR", "TOO_MANY_TEXTS",
           "UNTERMINATED"]

EMPTY = 256  # the key of an empty cell


FIRST_TEXT = 257  # the key of the chunk's first longer text


REGULAR, IRREGULAR_QUOTE, UNTERMINATED, RAGGED, TOO_MANY_TEXTS = 0, 1, 2, 3, 4


QUOTE, LF, CR = 34, 10, 13
