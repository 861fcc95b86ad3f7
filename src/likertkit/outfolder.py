"""The results folder ``OUT`` of ``make survey``: it holds only what runs wrote, and nothing of yours is lost.

* Each run records the files it wrote, with their SHA-256, in ``OUT/likertkit-manifest.json``.
* A later run replaces exactly those files (and removes those it no longer makes). Any other file in
  ``OUT`` (your survey, your notes, a file of ours you edited) stops the run before any work, unless you
  ask to overwrite: then files of the same name as an output are replaced and every other file is
  left alone. Nothing the run did not write is ever deleted.
* The run works in a hidden staging folder inside ``OUT`` and moves the finished files in only at the
  end, with SIGINT and SIGTERM held off for that moment; a failed or interrupted run removes its staging
  folder and leaves ``OUT`` as it was (a folder it had to create is removed again).
* One run at a time: a second run into the same ``OUT`` is refused while the first holds the lock.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import shutil
import signal
import tempfile
from pathlib import Path

from .errors import InputError

MANIFEST = "likertkit-manifest.json"
STAGING_PREFIX = ".likertkit-staging-"
STAGING_MARK = ".likertkit-staging"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_writable(out: Path):
    """``OUT`` is a folder (or can be made one) that this user may write into."""
    if out.exists() and not out.is_dir():
        raise InputError("OUT", f"{out} is a file, not a folder")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise InputError("OUT", f"{existing} is a file, so {out} cannot be created")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise InputError("OUT", f"{existing} is not writable: cannot write the results into {out}")


def previous_run(out: Path) -> dict:
    """``{relative path: sha256}`` of the files a previous run wrote into ``out`` (empty if none)."""
    manifest = out / MANIFEST
    if not manifest.is_file():
        return {}
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        return {str(name): str(digest) for name, digest in files.items()}
    except (ValueError, KeyError, AttributeError, UnicodeDecodeError):
        raise InputError(manifest, "is not a manifest this tool wrote; move it away or choose another OUT") from None


def foreign_files(out: Path) -> list[str]:
    """Files in ``out`` that no run wrote, or that were changed since (relative paths, sorted)."""
    if not out.is_dir():
        return []
    ours = previous_run(out)
    foreign = []
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if relative == MANIFEST or relative.split("/")[0].startswith(STAGING_PREFIX):
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        if relative not in ours or path.is_symlink() or _sha256(path) != ours[relative]:
            foreign.append(relative)
    return foreign


def check_contents(out: Path, overwrite: bool):
    """Refuse an ``OUT`` that holds anything but a previous run's untouched results, unless told to overwrite."""
    foreign = foreign_files(out)
    if foreign and not overwrite:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise InputError("OUT", f"{out} holds files this tool did not write, or that were changed since ({shown}); "
                                f"choose an empty or new folder, or say OVERWRITE=yes to replace only the files a run "
                                f"writes and leave every other file alone")


class OutFolder:
    """``with OutFolder(out, overwrite) as folder:`` write into ``folder.staging``; :meth:`commit` moves it into ``out``."""

    def __init__(self, out, overwrite=False):
        self.out = Path(out)
        self.overwrite = overwrite
        self.created: Path | None = None
        self.lock_fd = None
        self.staging: Path | None = None

    def __enter__(self) -> "OutFolder":
        check_writable(self.out)
        top = self.out
        while not top.parent.exists():
            top = top.parent
        if not self.out.exists():
            self.out.mkdir(parents=True)
            self.created = top
        try:
            self._lock()
            self._remove_stale_staging()
            check_contents(self.out, self.overwrite)
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out))
            (self.staging / STAGING_MARK).touch()
        except BaseException:
            self._release(failed=True)
            raise
        return self

    def _lock(self):
        self.lock_fd = os.open(self.out, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise InputError("OUT", f"another run is writing into {self.out}; wait for it to finish, "
                                        f"or choose another folder") from None
            raise

    def _remove_stale_staging(self):
        """Staging folders left by a run that was killed outright (SIGKILL, power cut): ours, marked, removed."""
        for path in self.out.glob(STAGING_PREFIX + "*"):
            if path.is_dir() and not path.is_symlink() and (path / STAGING_MARK).is_file():
                shutil.rmtree(path)

    def commit(self):
        """Move the staged files into ``out``, remove a previous run's files this run no longer makes, record them."""
        blocked = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
        old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        try:
            previous = previous_run(self.out)
            (self.staging / STAGING_MARK).unlink()
            written = {}
            for path in sorted(self.staging.rglob("*")):
                if path.is_dir():
                    continue
                relative = path.relative_to(self.staging).as_posix()
                written[relative] = _sha256(path)
                target = self.out / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(path, 0o644)
                os.replace(path, target)
            for relative in sorted(set(previous) - set(written)):
                stale = self.out / relative
                if stale.is_file() and not stale.is_symlink() and _sha256(stale) == previous[relative]:
                    stale.unlink()
                    _remove_empty_parents(stale.parent, self.out)
            manifest = self.out / MANIFEST
            tmp = manifest.with_name(f".{MANIFEST}.tmp")
            tmp.write_text(json.dumps({"written_by": "likertkit.survey", "files": written}, indent=1, sort_keys=True)
                           + "\n", encoding="utf-8")
            os.replace(tmp, manifest)
            shutil.rmtree(self.staging)
            self.staging = None
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def __exit__(self, kind, value, traceback):
        self._release(failed=kind is not None)
        return False

    def _release(self, failed):
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if failed and self.created is not None:
            _remove_empty_tree(self.created)
        if self.lock_fd is not None:
            os.close(self.lock_fd)
            self.lock_fd = None


def _remove_empty_parents(folder: Path, stop: Path):
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _remove_empty_tree(top: Path):
    """Remove folders this run created, bottom up, only while they are empty."""
    for folder in sorted((p for p in top.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
        except OSError:
            return
    try:
        top.rmdir()
    except OSError:
        pass
