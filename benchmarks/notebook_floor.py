"""The floor for `make all`: run each numbered notebook with only its import lines.

    python benchmarks/notebook_floor.py

Each stripped notebook goes through the same runner `make all` uses (a fresh
Python, papermill, a kernel), so the difference between this and
`make clean all` is the compendium's own work.
"""

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from likertkit import notebooks
from likertkit.paths import PROJECT

IMPORT_LINE = re.compile(r"^(import |from \S+ import )")


def imports_only(nb: dict) -> dict:
    code = [line for cell in nb["cells"] if cell["cell_type"] == "code"
            for line in "".join(cell["source"]).splitlines() if IMPORT_LINE.match(line)]
    first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    nb["cells"] = [dict(first_code, source="\n".join(code), outputs=[], execution_count=None)]
    return nb


def main():
    total = 0.0
    with tempfile.TemporaryDirectory() as scratch:
        for path in notebooks.numbered_notebooks(PROJECT.notebooks):
            stripped = Path(scratch) / path.name
            notebooks.write(imports_only(notebooks.read(path)), stripped)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "likertkit.run", str(stripped), "--no-check-outputs"],
                           check=True, cwd=PROJECT.root)
            seconds = time.perf_counter() - start
            total += seconds
            print(f"{path.name:40s} {seconds:6.2f} s")
    print(f"{'floor: imports only, all notebooks':40s} {total:6.2f} s")


if __name__ == "__main__":
    main()
