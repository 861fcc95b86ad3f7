"""Stopping cleanly: SIGINT, SIGTERM and SIGHUP become ``KeyboardInterrupt``, and a run started by make
stops when make is interrupted, even when the signal reached make alone.

GNU make, sent SIGINT by itself (``kill -INT <make>``, not Ctrl-C at a terminal, which reaches the whole
process group), does not pass it on: it resets its SIGINT handler and waits for the recipe to end. A run
would then go on and write its results after the user asked it to stop. :func:`follow_make` watches for
that reset (``SigCgt`` in ``/proc/<make>/status``) and interrupts the run; ``PR_SET_PDEATHSIG`` covers make
being killed outright.
"""

from __future__ import annotations

import glob
import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path

__all__ = ["POLL_SECONDS", "follow_make", "owned_name", "remove_leftovers", "signals_raise", "stop_if_make_stopped"]

POLL_SECONDS = 0.2


@contextmanager
def signals_raise():
    """SIGTERM and SIGHUP raise ``KeyboardInterrupt`` like SIGINT, so ``finally`` blocks clean up."""
    def interrupt(number, frame):
        raise KeyboardInterrupt(signal.Signals(number).name)

    numbers = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]  # no SIGHUP on Windows
    previous = {number: signal.signal(number, interrupt) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _caught_signals(pid) -> int:
    """The bit mask of signals process ``pid`` has handlers for (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("SigCgt:"):
                return int(line.split()[1], 16)
    except OSError:
        pass
    return 0


# The make this process follows (follow_make), checked once more right before a run moves its files in.
_followed = {}


def stop_if_make_stopped():
    """Raise ``KeyboardInterrupt`` when the make this process follows was interrupted or is gone: the last check
    before a run's results move in, so a run that finishes between two of the watcher's looks still stops."""
    parent = _followed.get("pid")
    if parent is None:
        return
    if os.getppid() != parent or not _caught_signals(parent) & (1 << (signal.SIGINT - 1)):
        raise KeyboardInterrupt("make was interrupted")


def follow_make():
    """Interrupt this process when its parent (make) is interrupted or dies. Linux only; elsewhere a no-op."""
    parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent or parent == 1:
        os.kill(os.getpid(), signal.SIGTERM)
        return
    sigint = 1 << (signal.SIGINT - 1)
    if not _caught_signals(parent) & sigint:
        return  # make ignores SIGINT (started in the background): nothing to watch
    _followed["pid"] = parent

    def watch():
        while _caught_signals(parent) & sigint:
            threading.Event().wait(POLL_SECONDS)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=watch, name="follow-make", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def owned_name(prefix: str) -> str:
    """``prefix`` with this process's id, for a scratch file or folder that :func:`remove_leftovers` can tell
    apart from those of runs still going: ``.02-describe-likert.`` -> ``.02-describe-likert.4711.``."""
    return f"{prefix}{os.getpid()}."


def remove_leftovers(folder: Path, prefix: str, suffix: str = "") -> list:
    """Remove what runs that were killed outright left in ``folder``: files or folders named
    ``<prefix><pid>.…<suffix>`` (see :func:`owned_name`) whose process is gone, owned by this user. Returns their
    names, and says so on stderr."""
    import shutil
    import sys

    removed = []
    for path in sorted(Path(folder).glob(f"{glob.escape(prefix)}*{suffix}")):
        pid = path.name[len(prefix):].split(".", 1)[0]
        try:
            info = path.lstat()
        except OSError:
            continue
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)) or info.st_uid != os.getuid():
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    if removed:
        print(f"removed {', '.join(removed)} in {folder}: left by a run that was killed", file=sys.stderr)
    return removed
