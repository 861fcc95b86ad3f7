"""Execute one numbered notebook with papermill, reproducibly.

    python -m loechting2020.run notebooks/02-describe-likert.ipynb [--output OUT.ipynb] [-p NAME VALUE]...

The notebook runs from its own folder on the current Python's kernel. On
success its volatile metadata is stripped, it is written in place (or to
``--output``), and its declared outputs are checked (Make keeps a stamp of the
run; outputs are rewritten only when their bytes change). On failure the partly executed notebook is
kept under ``build/failed/`` and the failing cell's error is shown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from likertkit.errors import NotebookFailed
from likertkit.interrupts import signals_raise
from likertkit.report.execution import execute
from loechting2020.notebooks import KERNELSPEC, declared_paths
from loechting2020.paths import PROJECT


def _parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m loechting2020.run", description=__doc__.splitlines()[0])
    parser.add_argument("notebook", type=Path)
    parser.add_argument("--output", type=Path, help="where to write the executed notebook (default: in place)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                        help="a papermill parameter, passed as a string")
    parser.add_argument("--no-check-outputs", action="store_true",
                        help="do not check the outputs the notebook declares (for runs into another folder)")
    return parser.parse_args(argv)


def _check_outputs(outputs, name):
    """Every declared output must exist. They are not touched: an output whose bytes did not change keeps its
    time, so Make does not re-run the notebooks that read it."""
    absent = [p for p in outputs if not (PROJECT.root / p).exists()]
    if absent:
        raise SystemExit(f"{name} ran but did not write its declared output(s): {', '.join(absent)}")


def main(argv=None):
    args = _parse_args(sys.argv[1:] if argv is None else argv)
    try:
        with signals_raise():  # SIGTERM (make passes it on) removes the scratch notebook and the kernel's sockets
            executed = execute(args.notebook, args.output, dict(args.parameter), PROJECT.build / "failed", KERNELSPEC)
    except KeyboardInterrupt:
        print(f"interrupted: {args.notebook} was left as it was", file=sys.stderr)
        raise SystemExit(130) from None
    except NotebookFailed as err:
        print(f"{err.details}\n\n{err}", file=sys.stderr)
        raise SystemExit(1) from None
    if not args.no_check_outputs:
        _check_outputs(declared_paths(executed)["Outputs"], args.notebook.name)


if __name__ == "__main__":
    main()
