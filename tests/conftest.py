import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the package, whether or not it is installed


@pytest.fixture(autouse=True, scope="session")
def compiled_scanner_on_small_files():
    """The tests' files are small: in this process they are read by the compiled scanner (when numba is here) as a
    large file would be, so that its edge cases stay tested; a command run as a subprocess reads them as a user's
    small file is read (Arrow and NumPy, likertkit.io.scan.COMPILE_FROM_BYTES), and tests compare the two."""
    from likertkit.io import scan

    scan.COMPILE_FROM_BYTES = 0
    yield


@pytest.fixture
def write_csv(tmp_path):
    """Write text to a CSV file in a temporary folder and return its path."""

    def write(name, text, encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return path

    return write


def pytest_collection_modifyitems(session, config, items):
    """The check of rebuilt outputs runs last, after nbval has re-executed the notebooks that make them."""
    items.sort(key=lambda item: item.path.name == "check_rebuilt_outputs.py")


def tidy_survey(rows, labels, n_respondents=None, codes=None, domain=lambda item: "D"):
    """``{item: [count per code]}`` on a scale with ``labels`` -> the tidy ``(counts, items, scale)`` tables.

    Codes run from 1 unless ``codes`` are given; ``n_respondents`` defaults to each item's total (no missing).
    """
    codes = list(codes if codes is not None else range(1, len(labels) + 1))
    scale = pd.DataFrame({"code": codes, "label": labels})
    counts = pd.DataFrame([dict(item=i, code=codes[c], category=labels[c], count=k)
                           for i, ks in rows.items() for c, k in enumerate(ks)])
    items = pd.DataFrame([dict(item=i, label=f"Item {i}", domain=domain(i), n_respondents=n_respondents or sum(ks),
                               n_valid=sum(ks), n_missing=(n_respondents or sum(ks)) - sum(ks))
                          for i, ks in rows.items()])
    return counts, items, scale


# The names the tests of the results folder's machinery stage, beside the tool's own output names.
SCRATCH_NAMES = frozenset({"a.csv", "b.csv", "c.csv", "x.csv", "y.csv", "notes.csv", "a/one.csv", "a/two.csv",
                           "figures/fig.svg", "figures/sub/fig.svg"})


def staged_run(out, files, overwrite=False):
    """A run of :class:`likertkit.report.outfolder.OutFolder` that writes ``{relative path: text}`` and commits."""
    from likertkit.report import outfolder

    with outfolder.OutFolder(out, overwrite, names=outfolder.OUTPUT_NAMES | SCRATCH_NAMES) as folder:
        for relative, text in files.items():
            (folder.staging / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder.staging / relative).write_text(text)
        folder.commit()


def pytest_terminal_summary(terminalreporter):
    """A skipped browser test is said loudly at the end of the run, never passed over in silence."""
    reasons = {str(report.longrepr[-1]) for report in terminalreporter.stats.get("skipped", [])
               if isinstance(report.longrepr, tuple) and "BROWSER TESTS NOT RUN" in str(report.longrepr[-1])}
    for reason in sorted(reasons):
        terminalreporter.write_sep("!", reason.replace("Skipped: ", ""), yellow=True, bold=True)
