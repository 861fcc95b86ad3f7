"""JupyterLab for the compendium: its kernel, registered where asked, and notebooks saved as ``make all`` writes them.

    python -m loechting2020.lab kernel --prefix .venv-lab   # what `make lab` does: inside Lab's own environment
    python -m loechting2020.lab kernel --user               # what `make kernel` does: for your own JupyterLab

The kernel runs the build environment's Python (this one) with the package on its path, under the name every
notebook declares (:data:`loechting2020.notebooks.KERNEL_NAME`), so Lab opens them on it without asking. Paths
travel as JSON in ``kernel.json``, never through a shell, so a checkout path with spaces or quotes works.

:func:`pre_save` is JupyterLab's pre-save hook (``make lab`` sets it): it applies the same normalisation as
``make all`` (:func:`likertkit.ipynb.strip_volatile`), so opening, running and saving a notebook whose
outputs did not change leaves ``git status`` clean.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from loechting2020 import notebooks  # standard library and likertkit.ipynb only: JupyterLab's own environment

# (.venv-lab, jupyterlab alone) imports this module for pre_save, and has no pandas


def kernel_spec() -> dict:
    """The ``kernel.json`` of the compendium's kernel: this Python, the package's source on its path."""
    from loechting2020.paths import SOURCE_ROOT

    return {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": notebooks.KERNELSPEC["display_name"], "language": "python",
            "env": {"PYTHONPATH": str(SOURCE_ROOT / "src"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
            "metadata": {"debugger": True}}


def install_kernel(user: bool = False, prefix: str | None = None) -> Path:
    """Register the kernel (with ipykernel's logos) for the current user or under ``prefix``; returns its folder."""
    from ipykernel.kernelspec import RESOURCES
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / notebooks.KERNEL_NAME
        shutil.copytree(RESOURCES, folder)
        (folder / "kernel.json").write_text(json.dumps(kernel_spec(), indent=1, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
        installed = KernelSpecManager().install_kernel_spec(str(folder), notebooks.KERNEL_NAME, user=user,
                                                            prefix=prefix, replace=None)
    return Path(installed)


def pre_save(model, **kwargs):
    """JupyterLab's pre-save hook: a notebook is saved in the form ``make all`` writes it."""
    if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
        notebooks.strip_volatile(model["content"], notebooks.KERNELSPEC)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m loechting2020.lab", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["kernel"])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--user", action="store_true", help="for the current user (your own JupyterLab)")
    where.add_argument("--prefix", help="inside an environment, e.g. .venv-lab")
    args = parser.parse_args(argv)
    folder = install_kernel(user=args.user, prefix=args.prefix)
    print(f"Registered the kernel {notebooks.KERNEL_NAME!r} ({notebooks.KERNELSPEC['display_name']}) in {folder}")
    if args.user:
        print(f"To remove it: jupyter kernelspec remove {notebooks.KERNEL_NAME}   (or delete that folder)")


if __name__ == "__main__":
    main()
