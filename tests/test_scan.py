"""The compiled CSV scanner (likertkit.io.scan, likertkit.io.batches) reads exactly what Arrow's CSV reader reads.

Every regular CSV is read twice, by the scanner in small blocks (so that records, quoted fields and line
ends fall across block boundaries) and by Arrow's streaming reader (the reader the pipeline used before,
and still uses for what the scanner refuses); everything read must be equal: each item's texts and
counts, the ids and their order, group and weighted tallies, kept answers, skipped rows. Files the scanner
refuses (irregular quotes, ragged records) fall back to Arrow, with Arrow's results and errors.
"""

import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from likertkit.errors import InputError
from likertkit.io import batches, responses, scan
from likertkit.io.sources import open_source


def read_both(path, items, block_bytes, monkeypatch, **roles):
    """The responses as the scanner reads them (asserting it did) and as Arrow reads them."""
    monkeypatch.setattr(responses, "CSV_BLOCK_BYTES", block_bytes)
    used_arrow = []
    arrow = batches._arrow_key_batches

    def spy(*args, **kwargs):
        used_arrow.append(True)
        return arrow(*args, **kwargs)

    monkeypatch.setattr(batches, "_arrow_key_batches", spy)
    scanned = responses.read_responses(open_source(path), items, **roles)
    assert not used_arrow, "the scanner gave up on a regular file"
    monkeypatch.setattr(responses, "_read", _arrow_only(responses._read))
    monkeypatch.setattr(responses, "CSV_BLOCK_BYTES", 1 << 22)  # Arrow needs a record to fit in a block
    return scanned, responses.read_responses(open_source(path), items, **roles)


def _arrow_only(read):
    return lambda source, header, roles, regular: read(source, header, roles, regular=False)


def same(a: responses.Responses, b: responses.Responses):
    assert a.tallies == b.tallies
    assert a.num_rows == b.num_rows
    assert (a.id_hashes is None) == (b.id_hashes is None)
    if a.id_hashes is not None:
        assert (a.id_hashes == b.id_hashes).all()
        assert a.id_texts(range(a.num_rows)) == b.id_texts(range(b.num_rows))
    assert a.skipped_empty_rows == b.skipped_empty_rows
    assert (a.records is None) == (b.records is None) and (a.records is None or (a.records == b.records).all())
    assert a.group_tallies == b.group_tallies and a.group_sizes == b.group_sizes
    assert a.weighted_tallies == b.weighted_tallies  # weights of halves and wholes: sums exact in any order
    assert a.weighted_group_tallies == b.weighted_group_tallies
    if a.answers or b.answers:
        assert {k: [str(x) for x in pa.chunked_array(v).cast(pa.string()).to_pylist()] for k, v in a.answers.items()} == \
               {k: [str(x) for x in pa.chunked_array(v).cast(pa.string()).to_pylist()] for k, v in b.answers.items()}


# Cells that a survey export holds, regular CSV all: codes, labels, blanks, spaces, quoted texts with the
# delimiter, doubled quotes and line breaks inside, non-ASCII text, a one-character non-ASCII answer.
CELLS = ["1", "2", "3", "", " ", "9", "Agree", '"Strongly agree"', '"2"', '""', '"a, b"', '"say ""no"""',
         '"two\nlines"', '"cr\r\nlf"', "02", "2.0", "Ærlig talt", "é", "NA", " 3 "]


def random_survey(seed, rows=300, line_end="\n"):
    rng = random.Random(seed)
    lines = ["respondent_id,q1,team,q2,w,q3"]
    for r in range(rows):
        cells = [f"r{r}", rng.choice(CELLS), rng.choice(["a", "b", '"c, d"', ""]), rng.choice(CELLS),
                 rng.choice(["1", "0.5", "2"]), rng.choice(CELLS)]
        lines.append(",".join(cells))
        if rng.random() < 0.05:
            lines.append("")  # blank lines are not records
    return line_end.join(lines) + line_end


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("block_bytes", [16, 100, 1 << 23])
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_the_scanner_reads_what_arrow_reads(tmp_path, monkeypatch, seed, block_bytes, line_end):
    path = tmp_path / "responses.csv"
    path.write_text(random_survey(seed, line_end=line_end), encoding="utf-8", newline="")
    scanned, arrow = read_both(path, ["q1", "q2", "q3"], block_bytes, monkeypatch, group_column="team",
                               weight_column="w", per_respondent=["q1", "q3"])
    same(scanned, arrow)
    assert scanned.num_rows == 300


@pytest.mark.parametrize("seed", range(3))
def test_arrow_reading_in_many_batches_reads_what_the_scanner_reads(tmp_path, monkeypatch, seed):
    """Arrow's reading (the plain install's), in batches of a few records, each keyed on its own and read ahead in a
    thread: the same texts, counts, ids, groups, weights and kept answers as the scanner's, whose blocks fall
    elsewhere."""
    path = tmp_path / "responses.csv"
    path.write_text(random_survey(seed, rows=2_000), encoding="utf-8", newline="")
    scanned, _ = read_both(path, ["q1", "q2", "q3"], 100, monkeypatch, group_column="team", weight_column="w",
                           per_respondent=["q1", "q3"])
    monkeypatch.setattr(responses, "CSV_BLOCK_BYTES", 1 << 10)  # Arrow's blocks: about 25 records each
    arrow = responses.read_responses(open_source(path), ["q1", "q2", "q3"], group_column="team", weight_column="w",
                                     per_respondent=["q1", "q3"])
    same(scanned, arrow)
    assert scanned.num_rows == 2_000


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_a_byte_order_mark_and_windows_1252_are_read_alike(tmp_path, monkeypatch, encoding):
    path = tmp_path / "responses.csv"
    text = random_survey(1).replace("\r", "").replace("Ærlig", "Ærlig")
    path.write_bytes(text.encode(encoding))
    scanned, arrow = read_both(path, ["q1", "q2"], 64, monkeypatch, group_column="team")
    same(scanned, arrow)
    assert "Ærlig talt" in " ".join(scanned.tallies["q1"]) + " ".join(scanned.tallies["q2"])


def test_rows_without_ids_and_empty_rows_are_numbered_alike(tmp_path, monkeypatch):
    path = tmp_path / "responses.csv"
    path.write_text("q1,q2\n1,2\n,\n \t, \n3,Agree\n", encoding="utf-8")
    scanned, arrow = read_both(path, ["q1", "q2"], 16, monkeypatch)
    same(scanned, arrow)
    assert scanned.skipped_empty_rows == 2 and scanned.num_rows == 2 and list(scanned.records) == [0, 3]


def test_a_platform_export_with_quoted_multi_line_header_rows(tmp_path, monkeypatch):
    path = tmp_path / "responses.csv"
    path.write_text('respondent_id,Q1_1,Q1_2\n"Response ID","Agree with:\nfirst","second"\n'
                    '"{""ImportId"":""_recordId""}","{""ImportId"":""QID1_1""}","{""ImportId"":""QID1_2""}"\n'
                    "R_1,1,2\nR_2,3,\n", encoding="utf-8")
    source = open_source(path)
    assert source.header_rows == 3
    scanned, arrow = read_both(path, ["Q1_1", "Q1_2"], 32, monkeypatch)
    same(scanned, arrow)
    assert scanned.id_texts([0, 1]) == ["R_1", "R_2"]


def test_a_record_longer_than_a_block_and_a_cut_inside_quotes(tmp_path, monkeypatch):
    long_text = "x" * 500 + "\n" + "y" * 500  # a quoted answer with a line break, far longer than a block
    path = tmp_path / "responses.csv"
    path.write_text(f'respondent_id,q1\nr1,"{long_text}"\nr2,1\nr3,"a\nb"\nr4,2\n', encoding="utf-8")
    scanned, arrow = read_both(path, ["q1"], 16, monkeypatch)
    same(scanned, arrow)
    assert scanned.tallies["q1"][long_text] == 1


@pytest.mark.parametrize("text", ['respondent_id,q1\nr1,a"b\nr2,1\n', 'respondent_id,q1\nr1,"a"b\nr2,1\n'])
def test_irregular_quotes_are_left_to_arrow(tmp_path, text):
    """A quote inside an unquoted field, or text after a closing quote: Arrow's reading, as before."""
    path = tmp_path / "responses.csv"
    path.write_text(text, encoding="utf-8")
    source = open_source(path)
    header = responses.survey_header(source)
    with pytest.raises(batches.NotRegular):
        list(batches.key_batches(source, header, ["respondent_id"], ["q1"], 1 << 20))
    read = responses.read_responses(source, ["q1"])
    assert read.num_rows == 2 and sum(read.tallies["q1"].values()) == 2


def test_a_ragged_record_is_still_an_error_naming_its_line(tmp_path):
    path = tmp_path / "responses.csv"
    path.write_text("respondent_id,q1,q2\nr1,1,2\nr2,1\nr3,1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 3: has 2 field"):
        responses.read_responses(open_source(path), ["q1", "q2"])


def test_scan_statuses():
    def status(text, n_fields=2):
        none = np.full(n_fields, -1, dtype=np.int64)
        buffers = batches._ScanBuffers(0, 0)
        block = np.frombuffer(text.encode(), dtype=np.uint8)
        buffers.fit(len(block), n_fields)
        return buffers.scan(block, ord(","), none, none)[:2]

    assert status("1,2\n3,4\n") == (scan.REGULAR, 2)
    assert status("1,2\r\n\r\n3,4") == (scan.REGULAR, 2)  # a blank line is no record; the last needs no line end
    assert status('1,"2\n') == (scan.UNTERMINATED, 0)
    assert status('1,x"y\n')[0] == scan.IRREGULAR_QUOTE
    assert status('1,"x"y\n')[0] == scan.IRREGULAR_QUOTE
    assert status("1,2,3\n")[0] == scan.RAGGED
    assert status("1\n")[0] == scan.RAGGED
    assert status("1,2\n3,") == (scan.REGULAR, 2)  # a file ending in a delimiter: an empty last field
    assert status("1,2\n3,,")[0] == scan.RAGGED


def test_the_tallies_in_numpy_and_compiled_add_up_as_a_loop_over_rows_does():
    """Each kernel (NumPy's bincount, and numba's where it is here) against a plain loop over the rows: counts per
    column, per group, and sums of weights and of their squares, overall and per group."""
    rng = np.random.default_rng(7)
    keys, groups = rng.integers(0, 6, size=(500, 4)), rng.integers(0, 3, size=500)
    weights = rng.choice([0.5, 1.0, 2.0, 0.25], size=500)  # sums exact in any order
    counts, by_group = np.zeros((4, 6), dtype=np.int64), np.zeros((3, 4, 6), dtype=np.int64)
    weighted, weighted_by_group = np.zeros((2, 4, 6)), np.zeros((2, 3, 4, 6))
    for r in range(500):
        for j in range(4):
            k, g, w = keys[r, j], groups[r], weights[r]
            counts[j, k] += 1
            by_group[g, j, k] += 1
            weighted[:, j, k] += (w, w * w)
            weighted_by_group[:, g, j, k] += (w, w * w)
    import importlib.util

    spec = importlib.util.spec_from_file_location("numpy_kernels", scan.__file__)  # a fresh copy: its NumPy kernels,
    kernels = [importlib.util.module_from_spec(spec)]  # whichever this process's scan module has switched to
    spec.loader.exec_module(kernels[0])
    assert not kernels[0].COMPILED
    if scan.AVAILABLE:
        from likertkit.io import compiled
        kernels.append(compiled)
    for kernel in kernels:
        assert (kernel.tally(keys, 6) == counts).all()
        assert (kernel.tally_by_group(keys, groups, 3, 6) == by_group).all()
        assert (kernel.tally_weighted(keys, weights, 6) == weighted).all()
        assert (kernel.tally_weighted_by_group(keys, groups, weights, 3, 6) == weighted_by_group).all()


def test_the_dictionary_grows_for_many_distinct_texts(tmp_path, monkeypatch):
    path = tmp_path / "responses.csv"
    path.write_text("respondent_id,q1\n" + "".join(f"r{i},text {i}\n" for i in range(5000)), encoding="utf-8")
    scanned, arrow = read_both(path, ["q1"], 1 << 23, monkeypatch)
    same(scanned, arrow)
    assert len(scanned.tallies["q1"]) == 5000


def test_equal_hashes_of_different_ids_are_not_a_duplicate(tmp_path, monkeypatch):
    """Ids are checked through 8-byte hashes; where hashes are equal the ids are read again as text."""
    path = tmp_path / "responses.csv"
    path.write_text("respondent_id,q1\n" + "".join(f"r{i},1\n" for i in range(50)) + "r7,2\n", encoding="utf-8")
    monkeypatch.setattr(responses, "hash_strings", lambda ids: np.zeros(len(ids), dtype=np.uint64))  # all collide
    read = responses.read_responses(open_source(path), ["q1"])
    with pytest.raises(InputError, match="line 52 \\(respondent r7\\), column 'respondent_id': respondent id 'r7' "
                                         "appears twice \\(also on line 9\\)"):
        responses.check_unique_ids(read)
    path.write_text("respondent_id,q1\n" + "".join(f"r{i},1\n" for i in range(50)), encoding="utf-8")
    assert responses.check_unique_ids(responses.read_responses(open_source(path), ["q1"])) == 50


def test_real_files_nobody_here_wrote_are_read_as_arrow_reads_them(monkeypatch):
    """Every CSV shipped in statsmodels' datasets (public data from many sources and writers: quoted names,
    decimals, blanks, a file whose last line ends in a delimiter without a line end), each column taken as an
    item: the scanner reads every one, and reads it as Arrow does."""
    import statsmodels

    files = sorted(Path(statsmodels.__file__).parent.glob("datasets/*/*.csv"))
    assert len(files) >= 25
    for path in files:
        source = open_source(path)
        header = responses.survey_header(source)
        roles = responses._Roles(responses.ROW_NUMBERS, "", "", [h for h in dict.fromkeys(header) if header.count(h) == 1],
                                 [], [])
        scanned = responses._read(source, header, roles, regular=True)
        arrow = responses._read(source, header, roles, regular=False)
        assert scanned.tallies == arrow.tallies and scanned.num_rows == arrow.num_rows, path.name


def test_a_parquet_folder_with_groups_is_counted_as_its_csv(tmp_path, monkeypatch):
    """One Parquet file per year, read in small batches, GROUP and WEIGHT included: the same tallies as the CSV, the
    weights per group as summed row by row."""
    import pyarrow.parquet as pq

    monkeypatch.setattr(batches, "BATCH_ROWS", 7)
    rng = random.Random(3)
    rows = [dict(respondent_id=f"r{i}", q1=rng.choice(["1", "2", "3", "", "Agree"]), team=rng.choice(["a", "b", ""]),
                 w=rng.choice(["1", "0.5"]), year=2020 + i % 3) for i in range(120)]
    (tmp_path / "responses.csv").write_text("respondent_id,q1,team,w\n" + "".join(
        f"{r['respondent_id']},{r['q1']},{r['team']},{r['w']}\n" for r in rows), encoding="utf-8")
    for year in (2020, 2021, 2022):
        part = tmp_path / "parquet" / f"year={year}"
        part.mkdir(parents=True)
        chosen = [r for r in rows if r["year"] == year]
        pq.write_table(pa.table({k: [r[k] for r in chosen] for k in ("respondent_id", "q1", "team", "w")}),
                       part / "part-0.parquet")
    roles = dict(group_column="team", weight_column="w", per_respondent=["q1"])
    from_csv = responses.read_responses(open_source(tmp_path / "responses.csv"), ["q1"], **roles)
    from_parquet = responses.read_responses(open_source(tmp_path / "parquet"), ["q1"], **roles)
    assert from_parquet.tallies == from_csv.tallies and from_parquet.num_rows == 120
    assert from_parquet.group_tallies == from_csv.group_tallies and from_parquet.group_sizes == from_csv.group_sizes
    assert from_parquet.weighted_tallies == from_csv.weighted_tallies
    by_hand: dict = {}  # team -> answer -> [sum of weights, of their squares], row by row
    for r in rows:
        sums = by_hand.setdefault(r["team"], {}).setdefault(r["q1"], [0.0, 0.0])
        sums[0], sums[1] = sums[0] + float(r["w"]), sums[1] + float(r["w"]) ** 2
    for read in (from_csv, from_parquet):
        assert {team: tally["q1"] for team, tally in read.weighted_group_tallies.items()} == by_hand
    assert sorted(from_parquet.id_hashes.tolist()) == sorted(from_csv.id_hashes.tolist())


def _read_ahead_threads() -> list:
    import threading

    return [thread for thread in threading.enumerate() if thread.name == "likertkit-read-ahead" and thread.is_alive()]


def test_arrow_reading_left_early_stops_the_thread_reading_ahead(tmp_path):
    """A reader that stops after the first batch (an error in it, a Ctrl-C) leaves no thread reading the file."""
    path = tmp_path / "responses.csv"
    path.write_text("respondent_id,q1\n" + "".join(f"r{i},{i % 5 + 1}\n" for i in range(20_000)), encoding="utf-8")
    source = open_source(path)
    header = responses.survey_header(source)
    read = batches.key_batches(source, header, ["respondent_id"], ["q1"], 1 << 10, regular=False)
    first = next(read)
    assert first.num_rows and _read_ahead_threads()
    read.close()
    assert not _read_ahead_threads()


def test_an_error_arrow_meets_far_into_the_file_names_its_line(tmp_path, monkeypatch):
    """Read in many batches by Arrow (a thread reading ahead), a ragged record deep in the file is still one
    error naming its line, and no thread is left reading."""
    monkeypatch.setattr(responses, "CSV_BLOCK_BYTES", 1 << 10)
    rows = [f"r{i},{i % 5 + 1},{i % 3 + 1}\n" for i in range(5_000)]
    rows[4_000] = "r4000,1\n"
    path = tmp_path / "responses.csv"
    path.write_text("respondent_id,q1,q2\n" + "".join(rows), encoding="utf-8")
    source = open_source(path)
    header = responses.survey_header(source)
    roles = responses._Roles("respondent_id", "", "", ["q1", "q2"], [], [])
    with pytest.raises(InputError, match="line 4002: has 2 field"):
        responses._read(source, header, roles, regular=False)
    assert not _read_ahead_threads()


def test_a_quoted_line_break_across_arrows_blocks_is_kept_whole(tmp_path, monkeypatch):
    """A quoted \\r\\n whose \\r ends one of the pieces Arrow reads: Arrow's reader drops the \\n
    (apache/arrow#51368); read through likertkit, the answer keeps it, as the scanner reads it."""
    at = 1 << 10  # the pieces Arrow reads
    head = "respondent_id,q1\n" + "".join(f"r{i:03d},1\n" for i in range(100))
    row = 'r999,"two\r\nlines"\n'
    pad = f"p{'x' * (at - 1 - len(head) - row.index(chr(13)) - 4)},2\n"  # an id long enough to put the \r there
    content = head + pad + row + "r1000,4\n"
    assert content.index("\r") == at - 1
    path = tmp_path / "responses.csv"
    path.write_bytes(content.encode("ascii"))
    monkeypatch.setattr(responses, "CSV_BLOCK_BYTES", at)
    read = responses._read(open_source(path), responses.survey_header(open_source(path)),
                           responses._Roles("respondent_id", "", "", ["q1"], [], []), regular=False)
    assert read.tallies["q1"].get("two\r\nlines") == 1 and "two\rlines" not in read.tallies["q1"]
