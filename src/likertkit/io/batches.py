"""A survey's records, batch by batch, as answer keys: what :mod:`likertkit.io.responses` validates and counts.

Every reader gives the same :class:`KeyBatch`: each item's answers as small integer keys into one list of
distinct answer texts (the texts exactly as written), and the columns kept as text (respondent id, group,
weight) as Arrow strings. Two readers make them:

* **regular CSV** (comma-, semicolon-, tab- … separated, in UTF-8 or a one-byte encoding): the file is cut
  into blocks at record ends and the blocks are scanned in parallel, one per core, by the compiled scanner
  of :mod:`likertkit.io.scan`; cells are never turned into strings, only the few distinct texts are;
* **everything else** (Parquet files and folders, streamed with pyarrow's dataset API; Excel, SPSS and Stata
  tables read whole; and any CSV the scanner does not call regular, read again from the start with Arrow's
  streaming CSV reader): a thread reads the batches ahead, and each is keyed as the scanner keys a block (its
  item columns dictionary-encoded by Arrow) on the other cores.

Memory per batch depends on the block size and the number of items, never on the number of respondents.
"""

from __future__ import annotations

import codecs
import io
import os
import queue
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

from likertkit.errors import InputError
from likertkit.io import scan
from likertkit.io.files import ASCII_SUPERSETS, header_names
from likertkit.io.sources import Source

__all__ = ["BATCH_ROWS", "FIXED_TEXTS", "KeyBatch", "MAX_WORKERS", "NotRegular", "as_text", "csv_text_batches",
           "key_batches", "text_batches", "workers"]

BATCH_ROWS = 65_536  # Parquet, Excel, SPSS and Stata rows per batch


FIXED_TEXTS = [chr(code) for code in range(128)] + [None] * 128 + [""]  # the texts of keys 0 ... scan.EMPTY


class NotRegular(Exception):
    """The CSV is not one the scanner reads (irregular quoting, ragged records, an encoding it does not know):
    read it with Arrow's reader instead, which gives its own results and errors."""


@dataclass
class KeyBatch:
    """One batch of records. ``keys[r, j]`` is item ``j``'s answer in record ``r``, as an index into ``texts``
    (``None`` marks a key no cell has); ``columns`` are the text columns asked for, in the order asked.
    ``keys`` may be refilled once the next batch is asked for: copy what must last longer."""

    keys: np.ndarray
    texts: list
    columns: list
    fixed_keys: int = 0  # keys below this mean the same text in every batch (``texts`` begins alike in all)

    @property
    def num_rows(self) -> int:
        return len(self.keys)


MAX_WORKERS = 8  # blocks scanned at once: each holds its buffers (about 20 MB), so memory stays bounded on big machines


def workers() -> int:
    """The cores this process may use, at most :data:`MAX_WORKERS`."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cores))


def _record_end(block: np.ndarray, count_quotes: bool) -> int:
    """Where the last whole record of ``block`` ends (after its line end); 0 when no line ends in it.

    Without ``count_quotes`` the last line end is taken: a guess, which the scan of the block checks (it
    ends inside a quoted field if the guess was wrong). With it, a line end counts only after an even number
    of quotes, which in regular CSV means outside quoted fields."""
    search = min(len(block), 1 << 16)
    while True:
        base = len(block) - search
        tail = block[base:]
        ends = np.flatnonzero((tail == scan.LF) | (tail == scan.CR))
        if count_quotes and len(ends):
            quotes_before = np.count_nonzero(block[:base] == scan.QUOTE)
            in_tail = np.concatenate(([0], np.cumsum(tail == scan.QUOTE)))
            ends = ends[(quotes_before + in_tail[ends]) % 2 == 0]
        if len(ends):
            return base + int(ends[-1]) + 1
        if search == len(block):
            return 0
        search = min(len(block), 4 * search)


def _line_end(buffer: bytes, start: int):
    """The end (after its line end) of the record that starts at ``start``, or None if it goes on past the buffer."""
    position, quotes = start, 0
    while True:
        ends = [i for i in (buffer.find(b"\n", position), buffer.find(b"\r", position)) if i >= 0]
        if not ends:
            return None
        end = min(ends)
        quotes += buffer.count(b'"', position, end)
        position = end + 1
        if quotes % 2 == 0:
            return position + 1 if buffer[end:end + 2] == b"\r\n" else position


def _data_start(source: Source, header: list, block_bytes: int) -> int:
    """The byte where the data records start: after the header and a platform's extra header rows, which must
    be regular CSV records (else :class:`NotRegular`)."""
    size = max(block_bytes, 1 << 16)
    while True:
        with open(source.path, "rb") as stream:
            head = stream.read(size)
        first = 3 if head.startswith(codecs.BOM_UTF8) else 0
        position = first
        for _ in range(source.header_rows):
            end = _line_end(head, position)
            if end is None:
                break
            position = end
        else:
            none = np.full(len(header), -1, dtype=np.int64)
            buffers = _ScanBuffers(0, 0)
            buffers.fit(position - first, len(header))
            status, rows, _ = buffers.scan(np.frombuffer(head[first:position], dtype=np.uint8),
                                           source.delimiter.encode("ascii")[0], none, none)
            if status != scan.REGULAR or rows != source.header_rows:
                raise NotRegular("the header rows are not regular CSV records")
            return position
        if len(head) < size:
            raise NotRegular("the header does not end")
        size *= 4


def _decode(raw: bytes, encoding: str) -> str:
    try:
        return raw.replace(b'""', b'"').decode(encoding)
    except UnicodeDecodeError as err:
        raise NotRegular(f"undecodable text: {err}") from None


def _text_column(data: np.ndarray, offsets: np.ndarray, rows: int, encoding: str) -> pa.Array:
    """A text column's bytes and offsets as an Arrow string array (copied, so the scan's buffers can go)."""
    data, offsets = data[: offsets[rows]].copy(), offsets[: rows + 1].copy()
    if encoding in ("utf-8", "utf-8-sig") or not (data >= 128).any():
        array = pa.StringArray.from_buffers(rows, pa.py_buffer(offsets), pa.py_buffer(data))
        try:
            array.validate(full=True)
        except pa.ArrowInvalid as err:
            raise NotRegular(f"not UTF-8: {err}") from None
        return array
    binary = pa.BinaryArray.from_buffers(pa.binary(), rows, [None, pa.py_buffer(offsets), pa.py_buffer(data)])
    return pa.array([_decode(value, encoding) for value in binary.to_pylist()], type=pa.string())


class _ScanBuffers:
    """A block of the file and the arrays its scan fills, reused block after block (fresh memory costs a page
    fault per 4 kB)."""

    def __init__(self, n_items: int, n_texts: int):
        self.n_items, self.n_texts = n_items, n_texts
        self.block = np.empty(0, dtype=np.uint8)
        self.keys = np.empty((0, n_items), dtype=np.int32)
        self.text_bytes = np.empty((n_texts, 0), dtype=np.uint8)
        self.text_offsets = np.empty((n_texts, 1), dtype=np.int32)
        self._dictionary(1024)

    def _dictionary(self, capacity: int):
        self.table = np.empty(2 * capacity, dtype=np.int64)
        self.hashes = np.empty(capacity, dtype=np.uint64)
        self.starts, self.ends = np.empty(capacity, dtype=np.int64), np.empty(capacity, dtype=np.int64)

    def read(self, stream, offset: int, size: int) -> np.ndarray:
        """``size`` bytes of the file from ``offset`` (fewer at its end)."""
        if len(self.block) < size:
            self.block = np.empty(size, dtype=np.uint8)
        stream.seek(offset)
        return self.block[: stream.readinto(memoryview(self.block)[:size])]

    def fit(self, n_bytes: int, n_fields: int):
        """Room for a block of ``n_bytes``: a record takes at least ``n_fields`` bytes (its delimiters and end)."""
        rows = n_bytes // n_fields + 1
        if len(self.keys) < rows:
            self.keys = np.empty((rows, self.n_items), dtype=np.int32)
            self.text_offsets = np.empty((self.n_texts, rows + 1), dtype=np.int32)
        if self.text_bytes.shape[1] < n_bytes:
            self.text_bytes = np.empty((self.n_texts, n_bytes), dtype=np.uint8)

    def scan(self, block: np.ndarray, delimiter: int, item_of, text_of):
        from likertkit.io import compiled  # loaded already: the scanner runs only once use_compiled said so

        self.fit(len(block), len(item_of))
        while True:
            status, rows, n_distinct = compiled.scan_chunk(block, delimiter, item_of, text_of, self.keys, self.text_bytes,
                                                       self.text_offsets, self.table, self.hashes, self.starts,
                                                       self.ends)
            if status != scan.TOO_MANY_TEXTS:
                return status, rows, n_distinct
            self._dictionary(4 * len(self.starts))


class _CutInsideQuotes(Exception):
    """A block was cut at a line end inside a quoted field: cut again from there, counting quotes."""


def _scan_block(block: np.ndarray, buffers: _ScanBuffers, delimiter: int, item_of, text_of, encoding: str,
                prepare) -> KeyBatch:
    status, rows, n_distinct = buffers.scan(block, delimiter, item_of, text_of)
    if status == scan.UNTERMINATED:
        raise _CutInsideQuotes()
    if status != scan.REGULAR:
        raise NotRegular(f"scanner status {status}")
    texts = FIXED_TEXTS + [_decode(block[s:e].tobytes(), encoding)
                           for s, e in zip(buffers.starts[:n_distinct].tolist(), buffers.ends[:n_distinct].tolist(), strict=True)]
    columns = [_text_column(buffers.text_bytes[t], buffers.text_offsets[t], rows, encoding)
               for t in range(buffers.n_texts)]
    return prepare(KeyBatch(buffers.keys[:rows], texts, columns, len(FIXED_TEXTS)))


def _regular_csv_batches(source: Source, header: list, text_names: list, item_names: list, block_bytes: int,
                         prepare):
    encoding = codecs.lookup(source.encoding).name
    delimiter = source.delimiter.encode("ascii", "replace")
    if encoding not in ASCII_SUPERSETS or len(delimiter) != 1 or delimiter == b'"':
        raise NotRegular(f"encoding {source.encoding} or delimiter {source.delimiter!r}")
    item_of = np.full(len(header), -1, dtype=np.int64)
    text_of = np.full(len(header), -1, dtype=np.int64)
    for j, name in enumerate(item_names):
        item_of[header.index(name)] = j
    for t, name in enumerate(text_names):
        text_of[header.index(name)] = t
    offset, count_quotes = _data_start(source, header, block_bytes), False
    pool = ThreadPoolExecutor(workers())
    pending, free = deque(), []
    try:
        with open(source.path, "rb") as stream:
            size, last = block_bytes, False
            while not (last and not pending):
                if not last and len(pending) <= workers():
                    buffers = free.pop() if free else _ScanBuffers(len(item_names), len(text_names))
                    block = buffers.read(stream, offset, size)
                    last = len(block) < size
                    cut = len(block) if last else _record_end(block, count_quotes)
                    if not cut:  # a record longer than the block
                        free.append(buffers)
                        size *= 2
                        continue
                    pending.append((pool.submit(_scan_block, block[:cut], buffers, delimiter[0], item_of, text_of,
                                                encoding, prepare), buffers, offset))
                    offset, size = offset + cut, block_bytes
                    continue
                future, buffers, start = pending.popleft()
                try:
                    batch = future.result()
                except _CutInsideQuotes:
                    if count_quotes:
                        raise NotRegular("a quoted field does not end") from None
                    for other, other_buffers, _ in pending:
                        other.cancel()
                        _wait(other)
                        free.append(other_buffers)
                    pending.clear()
                    free.append(buffers)
                    offset, count_quotes, last = start, True, False
                    continue
                yield batch
                free.append(buffers)  # the caller is done with the batch: its arrays may be filled again
    finally:
        for future, _, _ in pending:
            future.cancel()
        pool.shutdown()


def _wait(future):
    try:
        future.result()
    except Exception:  # noqa: BLE001 - a block cut after a wrong cut: its result is dropped anyway
        pass


def _unique_names(header: list) -> list:
    """The header with repeated names told apart (``name``, ``name\x00 2`` ...), for the readers' column lists."""
    seen, names = {}, []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}\x00{seen[name]}")
    return names


class _NoSplitLineEnd(io.RawIOBase):
    """A file read in pieces none of which ends in a carriage return (but the last): Arrow's CSV reader drops the
    ``\n`` of a quoted ``\r\n`` that falls across two of the pieces it reads, so ``"two\r\nlines"`` would become
    ``"two\rlines"``, silently (apache/arrow#51368, open in pyarrow 26). Holding the ``\r`` back for the next piece
    keeps every ``\r\n`` within one piece."""

    def __init__(self, raw):
        self.raw, self.held = raw, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.held + self.raw.read(max(len(buffer) - len(self.held), 1))
        self.held = b""
        if len(data) > 1 and data.endswith(b"\r"):
            data, self.held = data[:-1], data[-1:]
        buffer[: len(data)] = data
        return len(data)

    def close(self):
        self.raw.close()
        super().close()


def csv_text_batches(source: Source, header: list, wanted: list, block_bytes: int):
    """Record batches of the wanted columns, every cell as text, in the file's encoding and delimiter
    (Arrow's streaming reader: any CSV it can parse)."""
    raw_header = header_names(source.path, source.path, strip=False, dialect=(source.encoding, source.delimiter),
                              unique=False)
    names = _unique_names(raw_header)
    by_stripped = dict(zip(_unique_names(header), names, strict=True))
    columns = [by_stripped[name] for name in wanted]
    encoding = "utf8" if source.encoding in ("utf-8", "utf-8-sig") else source.encoding
    stream = _NoSplitLineEnd(open(source.path, "rb"))
    try:
        reader = pa_csv.open_csv(
            stream, read_options=pa_csv.ReadOptions(use_threads=True, block_size=block_bytes, encoding=encoding,
                                                    column_names=names, skip_rows_after_names=source.header_rows),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True, delimiter=source.delimiter),
            convert_options=pa_csv.ConvertOptions(include_columns=columns, null_values=[], strings_can_be_null=False,
                                                  quoted_strings_can_be_null=False,
                                                  column_types={name: pa.string() for name in columns}))
        for batch in reader:
            yield pa.RecordBatch.from_arrays([batch.column(name) for name in columns], names=wanted)
    finally:
        stream.close()


def _parquet_batches(path: Path, wanted: list):
    import pyarrow.dataset as ds

    dataset = ds.dataset(path, format="parquet")
    for fragment in dataset.get_fragments():  # a file without a column is not a file of blank answers
        names = set(fragment.physical_schema.names)
        absent = [name for name in wanted if name not in names]
        if absent:
            raise InputError(fragment.path, f"has no column {absent[0]!r}, which the other files of {path.name} have: "
                                            "every file of a Parquet folder must hold every column read",
                             column=absent[0])
    # Read ahead a little (a file, a few batches): the defaults hold several row groups of several files at once.
    yield from dataset.to_batches(columns=wanted, batch_size=BATCH_ROWS, batch_readahead=2, fragment_readahead=1)


def _table_batches(table: pa.Table, header: list, wanted: list):
    """Record batches of a table read whole (Excel, SPSS, Stata), by the header's position of each wanted name."""
    position = {name: i for i, name in reversed(list(enumerate(header)))}
    selected = table.select([position[name] for name in wanted]).rename_columns(wanted)
    yield from selected.to_batches(BATCH_ROWS)


def text_batches(source: Source, header: list, names: list, block_bytes: int):
    """Record batches of the named columns, as the file holds them (CSV: text; Parquet: typed)."""
    if source.is_csv:
        return csv_text_batches(source, header, names, block_bytes)
    if source.table is not None:
        return _table_batches(source.table, header, names)
    return _parquet_batches(source.path, names)


def as_text(column) -> pa.Array:
    """A column as text, as the file shows it: typed values as text (``2``, ``2.0``), nulls blank."""
    column = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
    return pc.fill_null(column, "")


_FIXED_KEY = {text: key for key, text in enumerate(FIXED_TEXTS) if text is not None}


def _dictionary_keys(column) -> tuple[np.ndarray, list]:
    """A column's answers as indices into its distinct texts (typed values and nulls as text)."""
    encoded = column if pa.types.is_dictionary(column.type) else pc.dictionary_encode(column, null_encoding="encode")
    texts = as_text(encoded.dictionary).to_pylist()
    indices = encoded.indices
    if indices.null_count:  # a dictionary column's nulls: one more text, blank
        indices = pc.fill_null(indices, len(texts))
        texts.append("")
    return np.asarray(indices.to_numpy(zero_copy_only=False), dtype=np.int64), texts


def _batch_keys(batch: pa.RecordBatch, n_text_columns: int, prepare):
    """A record batch as a :class:`KeyBatch` keyed as the scanner keys a block: a one-character ASCII text and the
    empty text by :data:`FIXED_TEXTS`, every other text by its place among the batch's own; then ``prepare``d."""
    items = batch.columns[n_text_columns:]
    keys = np.empty((batch.num_rows, len(items)), dtype=np.int32)
    texts, key_of = list(FIXED_TEXTS), dict(_FIXED_KEY)
    for j, column in enumerate(items):
        indices, column_texts = _dictionary_keys(column)
        for text in column_texts:
            if text not in key_of:
                key_of[text] = len(texts)
                texts.append(text)
        if len(indices):
            keys[:, j] = np.array([key_of[text] for text in column_texts], dtype=np.int32)[indices]
    columns = [as_text(batch.column(t)) for t in range(n_text_columns)]
    return prepare(KeyBatch(keys, texts, columns, len(FIXED_TEXTS)))


class _ReadAhead:
    """The batches of ``batches`` (an iterator), read one after another in a single thread of their own while the
    ones before are worked on: Arrow parses a CSV block or decodes a Parquet page without holding the GIL. At most
    ``ahead`` batches wait; :meth:`close` stops the thread."""

    _END = object()

    def __init__(self, batches, ahead: int):
        self.batches, self.slots, self.stop = batches, queue.Queue(ahead), threading.Event()
        self.thread = threading.Thread(target=self._read, name="likertkit-read-ahead", daemon=True)
        self.thread.start()

    def _put(self, item) -> bool:
        while not self.stop.is_set():
            try:
                self.slots.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def _read(self):
        try:
            for batch in self.batches:
                if not self._put((batch, None)):
                    return
            self._put((self._END, None))
        except BaseException as err:  # noqa: BLE001 - handed to the reading thread, which raises it
            self._put((None, err))
        finally:
            close = getattr(self.batches, "close", None)
            if close is not None:
                close()

    def __iter__(self):
        while True:
            batch, err = self.slots.get()
            if err is not None:
                raise err
            if batch is self._END:
                return
            yield batch

    def close(self):
        self.stop.set()
        self.thread.join()


def _arrow_key_batches(source: Source, header: list, text_names: list, item_names: list, block_bytes: int, prepare):
    """Arrow reads the batches (a thread reading ahead) and each is keyed and ``prepare``d on the other cores
    (Arrow's kernels run without the GIL), in the order read."""
    ahead = _ReadAhead(text_batches(source, header, text_names + item_names, block_bytes), workers())
    pool, pending = ThreadPoolExecutor(workers()), deque()
    try:
        for batch in ahead:
            pending.append(pool.submit(_batch_keys, batch, len(text_names), prepare))
            if len(pending) > workers():
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown()
        ahead.close()


def key_batches(source: Source, header: list, text_names: list, item_names: list, block_bytes: int, regular=True,
                prepare=lambda batch: batch):
    """The survey as :class:`KeyBatch` es, each passed through ``prepare`` (run on the scanning cores: per-batch
    work that does not depend on the batches before). The regular-CSV scanner when ``regular`` and the file is a
    CSV large enough for it (:func:`likertkit.io.scan.use_compiled`; it raises :class:`NotRegular` when it cannot go
    on: read again with ``regular=False``), else Arrow."""
    if regular and source.is_csv and scan.use_compiled(source.path.stat().st_size):
        return _regular_csv_batches(source, header, text_names, item_names, block_bytes, prepare)
    return _arrow_key_batches(source, header, text_names, item_names, block_bytes, prepare)
