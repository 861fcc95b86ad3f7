"""After nbval: the committed outputs are exactly what the notebooks make.

Not collected on its own (its name does not start with ``test_``): ``make test`` and ``make nbval`` run it
after nbval has re-executed the notebooks in a scratch copy of the project (``LIKERTKIT_PROJECT_ROOT``),
which held only the raw data and the notebooks. So an edited or stale figure or processed file in the
repository fails here, and nothing in the repository is rewritten.
"""

import pytest

from loechting2020 import notebooks
from loechting2020.paths import PROJECT

from conftest import ROOT

OUTPUT_FOLDERS = ("data/processed", "figures")


INDEX = "figures/README.md"  # made by make from the notebooks and figures, not by a notebook: checked on its own


def files_below(root):
    return {p.relative_to(root).as_posix(): p for folder in OUTPUT_FOLDERS for p in sorted((root / folder).rglob("*"))
            if p.is_file() and p.relative_to(root).as_posix() != INDEX}


def test_the_figure_index_is_current():
    assert (ROOT / INDEX).read_text() == notebooks.figure_index(PROJECT.root), "run `make all` and commit"


def test_outputs_were_rebuilt_in_a_scratch_copy():
    assert PROJECT.root != ROOT, "run through `make test` or `make nbval`: the notebooks must run in a scratch copy"
    assert files_below(PROJECT.root), "nbval made no outputs in the scratch copy"


@pytest.mark.parametrize("relative", sorted(files_below(ROOT)))
def test_committed_output_is_what_the_notebooks_make(relative):
    committed, made = ROOT / relative, PROJECT.root / relative
    assert made.exists(), f"{relative} is committed but no notebook made it"
    assert committed.read_bytes() == made.read_bytes(), (
        f"{relative} differs from what the notebooks make; run `make all` and commit, or undo the edit")


def test_no_output_is_left_uncommitted():
    assert sorted(files_below(PROJECT.root)) == sorted(files_below(ROOT))
