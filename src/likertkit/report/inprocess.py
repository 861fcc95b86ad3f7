"""Running a notebook in this process: what a kernel would show, without starting one.

:func:`run_in_process` runs a notebook's code cells one after another in a private IPython shell of this
process and keeps what each cell showed (its printed text, its displays, the value of its last line) as the
cell's outputs, as a kernel would. A report on a small survey then costs the work, not a second interpreter
that imports everything again (:mod:`likertkit.report.execution` runs the compendium's notebooks that way).

The shell leaves nothing behind: the names IPython adds to the builtins, the module it puts in
``sys.modules``, the prompts and its exit handler are undone when the run ends, and a shell the caller is
running in (a Jupyter kernel calling :func:`likertkit.run_report`) is put back as it was.
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import errno
import io
import sys
import tempfile
import traceback
import types
import warnings
from pathlib import Path

from likertkit.errors import NotebookFailed
from likertkit.ipynb import PYTHON3_KERNELSPEC, read, write

__all__ = ["run_in_process"]


class _Outputs:
    """A cell's outputs in nbformat's shape, in the order the cell made them; consecutive text on one stream
    is one output, as a kernel sends it."""

    def __init__(self):
        self.items = []

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.items[-1] if self.items else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.items.append({"output_type": "stream", "name": name, "text": text})

    def display(self, data: dict, metadata: dict | None, result_count: int | None = None) -> None:
        output = {"output_type": "display_data" if result_count is None else "execute_result",
                  "data": dict(data), "metadata": dict(metadata or {})}
        if result_count is not None:
            output["execution_count"] = result_count
        self.items.append(output)

    def finished(self) -> list:
        for output in self.items:
            if output["output_type"] == "stream":
                output["text"] = output["text"].splitlines(keepends=True)
            else:
                output["data"] = {mime: value.splitlines(keepends=True) if isinstance(value, str) and mime != "image/png"
                                  else value for mime, value in output["data"].items()}
        return self.items


class _Stream(io.TextIOBase):
    """sys.stdout or sys.stderr while a cell runs: what it writes becomes the cell's stream output."""

    def __init__(self, outputs: _Outputs, name: str):
        self.outputs, self.name_ = outputs, name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.outputs.stream(self.name_, text)
        return len(text)


@contextlib.contextmanager
def _private_shell():
    """An IPython shell of this process for one run, with the global state it touches restored afterwards."""
    from IPython.core.display_trap import DisplayTrap
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.profiledir import ProfileDir
    from traitlets.config import Config

    saved_builtins = {name: builtins.__dict__.get(name, _ABSENT) for name in ("__IPYTHON__", "display")}
    saved_prompts = {name: getattr(sys, name, _ABSENT) for name in ("ps1", "ps2")}
    saved_instances = {cls: cls.__dict__.get("_instance", _ABSENT) for cls in InteractiveShell.mro()
                       if "_instance" in cls.__dict__ or cls is InteractiveShell}
    module = types.ModuleType("__likertkit_report__")
    saved_module = sys.modules.get(module.__name__, _ABSENT)
    with tempfile.TemporaryDirectory(prefix="likertkit-ipython-") as home:
        shell = InteractiveShell(config=Config({"HistoryManager": {"enabled": False}}), ipython_dir=home,
                                 profile_dir=ProfileDir.create_profile_dir(home), user_module=module)
        atexit.unregister(shell.atexit_operations)
        current = {"outputs": _Outputs(), "count": 0}

        class Publisher(DisplayPublisher):
            def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
                current["outputs"].display(data, metadata)

        class Hook(DisplayHook):
            def write_output_prompt(self):
                pass

            def write_format_data(self, format_dict, md_dict=None):
                current["outputs"].display(format_dict, md_dict, current["count"])

            def finish_displayhook(self):
                pass

            def update_user_ns(self, result):
                pass

        shell.display_pub = Publisher(shell=shell)
        shell.displayhook = Hook(shell=shell, cache_size=0)
        shell.display_trap = DisplayTrap(hook=shell.displayhook)
        for cls in saved_instances:
            cls._instance = shell  # IPython.display.display and get_ipython() find this shell while it runs
        try:
            yield shell, current
        finally:
            for cls, instance in saved_instances.items():
                if instance is _ABSENT:
                    with contextlib.suppress(AttributeError):
                        del cls._instance
                else:
                    cls._instance = instance
            for name, value in saved_builtins.items():
                if value is _ABSENT:
                    builtins.__dict__.pop(name, None)
                else:
                    builtins.__dict__[name] = value
            for name, value in saved_prompts.items():
                if value is _ABSENT:
                    with contextlib.suppress(AttributeError):
                        delattr(sys, name)
                else:
                    setattr(sys, name, value)
            if saved_module is _ABSENT:
                sys.modules.pop(module.__name__, None)
            else:
                sys.modules[module.__name__] = saved_module
            shell.atexit_operations()


_ABSENT = object()


def _parameters_cell(parameters: dict) -> dict:
    """The cell papermill would add after the notebook's ``parameters`` cell, holding the values given."""
    lines = ["# Parameters"] + [f"{name} = {value!r}" for name, value in parameters.items()]
    return {"cell_type": "code", "execution_count": None, "id": "injected-parameters",
            "metadata": {"tags": ["injected-parameters"]}, "outputs": [],
            "source": "\n".join(lines).splitlines(keepends=True)}


def run_in_process(notebook: Path, output: Path, parameters: dict | None = None, kernelspec: dict | None = None,
                   failed_dir: Path | None = None) -> dict:
    """Run ``notebook``'s code cells in this process and write it, with their outputs, to ``output``.

    Parameters
    ----------
    notebook, output : path
        The notebook to run and where the executed one is written (only when every cell ran).
    parameters : dict, optional
        Values set after the cell tagged ``parameters``, in a cell tagged ``injected-parameters`` (as papermill
        does), and recorded in the notebook's metadata.
    kernelspec : dict, optional
        The kernel the written notebook names (default: Python 3), for whoever opens and re-runs it.
    failed_dir : path, optional
        Where the partly run notebook is kept when a cell fails (default: the system's temporary folder).

    Returns
    -------
    dict
        The executed notebook.

    Raises
    ------
    NotebookFailed
        Naming the cell that failed and its error; nothing is written to ``output``.
    """
    nb = read(notebook)
    parameters = dict(parameters or {})
    cells = []
    for cell in nb["cells"]:
        cells.append(cell)
        if parameters and "parameters" in cell.get("metadata", {}).get("tags", []):
            cells.append(_parameters_cell(parameters))
    nb["cells"] = cells
    with _private_shell() as (shell, current), warnings.catch_warnings():
        warnings.simplefilter("default")
        for cell in (c for c in nb["cells"] if c["cell_type"] == "code"):
            current["outputs"], current["count"] = _Outputs(), current["count"] + 1
            outputs = current["outputs"]
            with contextlib.redirect_stdout(_Stream(outputs, "stdout")), \
                    contextlib.redirect_stderr(_Stream(outputs, "stderr")):
                result = shell.run_cell("".join(cell["source"]), store_history=False, silent=False)
            error = result.error_before_exec or result.error_in_exec
            cell["execution_count"] = current["count"]
            cell["outputs"] = outputs.finished()
            if error is not None and (not isinstance(error, Exception) or _disk_full(error)):
                raise error  # an interrupt, or a full disk: the caller says so in one line, as for any step
            if error is not None:
                failed = Path(failed_dir or Path(tempfile.gettempdir()) / "likertkit-failed") / Path(notebook).name
                failed.parent.mkdir(parents=True, exist_ok=True)
                write(_described(nb, parameters, kernelspec), failed)
                raise NotebookFailed(f"{Path(notebook).name} failed in cell {current['count']}: "
                                     f"{type(error).__name__}: {error}\n"
                                     f"The partly executed notebook is kept at {failed}; open it to see the error in "
                                     "place.", "".join(traceback.format_exception(error)))
    write(_described(nb, parameters, kernelspec), output)
    return nb


def _disk_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def _described(nb: dict, parameters: dict, kernelspec: dict | None) -> dict:
    """The notebook naming the kernel to re-run it on and the parameters it ran with."""
    nb["metadata"]["kernelspec"] = dict(kernelspec or PYTHON3_KERNELSPEC)
    if parameters:
        nb["metadata"]["papermill"] = {"parameters": parameters}
    return nb
