"""Running a notebook reproducibly and rendering it for readers.

:func:`execute` runs a notebook with papermill on this Python's kernel, over Unix sockets, into a scratch file
that replaces the output only when every cell ran, its volatile metadata stripped so a rerun gives the same
bytes; :func:`render_html` turns an executed notebook into one self-contained page (code hidden, alt texts on
the images, nothing loaded from the network, no script allowed to run). :func:`read` and :func:`write` keep
notebooks byte-stable.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

from likertkit.errors import NotebookFailed
from likertkit.interrupts import owned_name, remove_leftovers
from likertkit.ipynb import read, strip_volatile, write
from likertkit.report.page import render_page

__all__ = ["KERNEL_PREFIX", "execute", "render_html"]

KERNEL_PREFIX = "likertkit-kernel-"  # the kernel's sockets, in a folder of the system's temporary folder


def execute(notebook: Path, output: Path | None = None, parameters: dict | None = None,
            failed_dir: Path | None = None, kernelspec: dict | None = None) -> dict:
    """Run ``notebook`` into ``output`` (default: in place) and return the executed notebook.

    The notebook runs from its own folder on this Python's kernel, into a scratch file beside ``output`` that is
    removed on any failure or interruption; only a notebook that ran to the end replaces ``output``, with its
    volatile metadata stripped (:func:`strip_volatile`, naming ``kernelspec`` as its kernel). On failure the
    partly run notebook is kept in ``failed_dir`` (default: the system's temporary folder) and
    :class:`likertkit.errors.NotebookFailed` is raised with the failing cell's error; a full disk raises
    ``OSError(ENOSPC)``. What a run killed
    outright left (its scratch notebook, its kernel's socket folder) is removed first, and said.
    """
    import papermill  # only the compendium's notebooks run on a kernel; a survey report runs in this process

    notebook = Path(notebook).resolve()
    output = Path(output or notebook).resolve()
    failed = Path(failed_dir or Path(tempfile.gettempdir()) / "likertkit-failed") / notebook.name
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(output.parent, f".{notebook.stem}.", ".ipynb")
    remove_leftovers(Path(tempfile.gettempdir()), KERNEL_PREFIX)
    fd, scratch = tempfile.mkstemp(prefix=owned_name(f".{notebook.stem}."), suffix=".ipynb", dir=output.parent)
    os.close(fd)
    try:
        with tempfile.TemporaryDirectory(prefix=owned_name(KERNEL_PREFIX)) as sockets:
            papermill.execute_notebook(str(notebook), scratch, parameters=parameters or {}, kernel_name="python3",
                                       cwd=str(notebook.parent), progress_bar=False, config=_local_kernel(sockets))
    except papermill.PapermillExecutionError as err:
        if "No space left on device" in str(err.evalue) or "Errno 28" in str(err.evalue):
            Path(scratch).unlink(missing_ok=True)
            raise OSError(errno.ENOSPC, "No space left on device", str(output.parent)) from None
        failed.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(scratch, failed)
        raise NotebookFailed(f"{notebook.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}\n"
                             f"The partly executed notebook is kept at {failed}; open it to see the error in place.",
                             re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(err.traceback))) from None  # no colour codes
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    executed = strip_volatile(read(scratch), kernelspec)
    write(executed, scratch)
    os.chmod(scratch, 0o644)
    os.replace(scratch, output)
    failed.unlink(missing_ok=True)
    return executed


def _local_kernel(folder: str):
    """Talk to the kernel over Unix sockets in ``folder`` (only this user can reach them) instead of TCP on
    localhost, which any local process can connect to and which makes ipykernel warn that the traffic is
    unencrypted. The sockets go when the folder does.

    The kernel's own log is kept to critical messages: jupyter_client interrupts every kernel before shutting it
    down (SIGINT), and ipykernel logs that as "ERROR | KeyboardInterrupt caught in kernel." on the terminal of a
    run that succeeded. What a cell prints, warnings and errors included, reaches the notebook as before."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": os.path.join(folder, "kernel")},
                   "NotebookClient": {"extra_arguments": ["--IPKernelApp.log_level=CRITICAL"]}})


def render_html(notebook: Path, title: str = "") -> str:
    """An executed notebook as one self-contained HTML page with the code hidden (:func:`likertkit.report.page.
    render_page`): what a reader sees, its browser title ``title`` (escaped; default: the notebook's name). It
    loads nothing from the network and its Content-Security-Policy forbids every script."""
    return render_page(read(notebook), title or Path(notebook).stem)
