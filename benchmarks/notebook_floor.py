"""The floor for `make all`: run each numbered notebook with only its import lines.

    python benchmarks/notebook_floor.py [--build] [--repeat N]

With ``--build`` (``make floor-vs-build``) each round also times ``make clean all`` right after the
floor, so the two are compared on the same machine in the same minutes; this machine's timings vary by
a third from minute to minute, so compare medians. Writes ``build/floor.json``.

Each stripped notebook goes through the same runner `make all` uses (a fresh
Python, papermill, a kernel), so the difference between this and
`make clean all` is the compendium's own work.
"""

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from likertkit import ipynb
from loechting2020 import notebooks
from loechting2020.paths import PROJECT

IMPORT_LINE = re.compile(r"^(import |from \S+ import )")


def imports_only(nb: dict) -> dict:
    code = [line for cell in nb["cells"] if cell["cell_type"] == "code"
            for line in "".join(cell["source"]).splitlines() if IMPORT_LINE.match(line)]
    first_code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    nb["cells"] = [dict(first_code, source="\n".join(code), outputs=[], execution_count=None)]
    return nb


def floor_seconds(scratch) -> float:
    """One run of every numbered notebook with its imports only, one after another."""
    total = 0.0
    for path in notebooks.numbered_notebooks(PROJECT.notebooks):
        stripped = Path(scratch) / path.name
        ipynb.write(imports_only(ipynb.read(path)), stripped)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "loechting2020.run", str(stripped), "--no-check-outputs"],
                       check=True, cwd=PROJECT.root, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        total += seconds
        print(f"  {path.name:40s} {seconds:6.2f} s")
    return total


def build_seconds() -> float:
    """One `make clean all`, as a reader types it (it rewrites the same bytes)."""
    start = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "clean", "all"], check=True, cwd=PROJECT.root,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="also time `make clean all`, alternating with the floor")
    parser.add_argument("--repeat", type=int, default=1, help="rounds (the medians are reported)")
    args = parser.parse_args()
    floors, builds = [], []
    with tempfile.TemporaryDirectory() as scratch:
        for round_ in range(args.repeat):
            floors.append(floor_seconds(scratch))
            print(f"{'floor: imports only, all notebooks':42s} {floors[-1]:6.2f} s")
            if args.build:
                builds.append(build_seconds())
                print(f"{'make clean all':42s} {builds[-1]:6.2f} s   ratio {builds[-1] / floors[-1]:.2f}")
    result = {"seconds_floor": floors, "seconds_clean_all": builds,
              "median_floor": statistics.median(floors)}
    if builds:
        result["median_clean_all"] = statistics.median(builds)
        result["median_ratio"] = statistics.median(b / f for b, f in zip(builds, floors, strict=True))
        print(f"median over {args.repeat} round(s): floor {result['median_floor']:.1f} s, make clean all "
              f"{result['median_clean_all']:.1f} s, ratio {result['median_ratio']:.2f}")
    PROJECT.build.mkdir(exist_ok=True)
    (PROJECT.build / "floor.json").write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
