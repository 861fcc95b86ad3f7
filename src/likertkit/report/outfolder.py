"""The results folder ``OUT`` of ``make survey``: it holds only what runs wrote, and nothing of yours is lost.

* Each run records the files it wrote, with their SHA-256, in ``OUT/likertkit-manifest.json``.
* A run writes only files of the names in :data:`OUTPUT_NAMES`, and removes only such files: a manifest entry of
  any other name (a hand-edited manifest) is reported and left alone, never deleted.
* An input file of the run (SURVEY, ITEMS, SCALE, QUOTES …) that lies in ``OUT`` at a path the run writes is
  refused before anything is written, with or without ``OVERWRITE``: the run would replace what it reads.
* A later run replaces exactly those files (and removes those it no longer makes). Any other file in
  ``OUT`` (your survey, your notes, a file of ours you edited) stops the run before any work, unless you
  ask to overwrite: then files of the same name as an output are replaced and every other file is
  left alone. Nothing the run did not write is ever deleted.
* The run works in a hidden staging folder inside ``OUT`` and moves the finished files in only at the
  end, with SIGINT and SIGTERM held off for that moment; a failed or interrupted run removes its staging
  folder and leaves ``OUT`` as it was (a folder it had to create is removed again).
* One run at a time: a second run into the same ``OUT`` is refused while the first holds the lock.
* Nothing outside ``OUT`` is ever touched: every path the manifest lists must be a relative path inside
  ``OUT`` with no symbolic link on its way, and the run never writes through a symbolic link inside ``OUT``
  (it refuses, naming the link).
* A run killed outright (SIGKILL, power cut) leaves its marked staging folder; the next run removes it and
  says so. If it was killed while moving its files in, the staging folder's plan (the files and checksums it
  was moving) tells the next run which of the files in ``OUT`` are a run's, so they are not taken for yours.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import tempfile
from pathlib import Path

from likertkit.errors import InputError
from likertkit.interrupts import stop_if_make_stopped

__all__ = ["ALWAYS_WRITTEN", "DRAFT_SCALE", "FIGURE_STEMS", "LOCK_FILE", "MANIFEST", "MAX_LISTED_NAME",
           "OUTPUT_NAMES", "OutFolder", "STAGING_MARK", "STAGING_PLAN", "STAGING_PREFIX", "TABLE_NAMES",
           "check_contents", "check_inputs", "check_writable", "foreign_files", "inputs_inside", "link_on_the_way",
           "previous_run"]

MANIFEST = "likertkit-manifest.json"


STAGING_PREFIX = ".likertkit-staging-"


STAGING_MARK = ".likertkit-staging"


LOCK_FILE = ".likertkit-lock"  # where flock does not exist: held while a run writes, removed when it ends

STAGING_PLAN = ".likertkit-plan.json"  # in a staging folder: the files it is moving into OUT, with their SHA-256


FIGURE_STEMS = ("fig1_likert_diverging", "teaching_stacked_percent", "teaching_mean_ci", "teaching_heatmap",
                "weighted_diverging", "constructs_mean_ci", "by_group_diverging")
TABLE_NAMES = ("counts", "items", "scale", "cleaning_log", "weighted", "weighted_by_group", "constructs", "item_analysis",
               "construct_means", "group_tests", "pairwise_tests", "group_counts", "group_sizes", "by_group", "table1",
               "item_statistics", "comments", "quotes", "themes", "speakers_by_theme", "joint_display")
DRAFT_SCALE = "scale-draft.csv"  # written into OUT when the scale cannot be inferred
OUTPUT_NAMES = frozenset(
    ["report.ipynb", "report.html", "joint_display.html", "joint_display.pdf", DRAFT_SCALE, "audit.csv", "audit.html"]
    + [f"data/processed/{name}.csv" for name in TABLE_NAMES]
    + [f"figures/{stem}.{kind}" for stem in FIGURE_STEMS for kind in ("svg", "pdf", "png", "txt")])
"""Every file a run of ``likertkit report`` or ``likertkit audit`` may write into ``OUT`` (besides the manifest), by
its path relative to ``OUT``: the only files a run writes, and the only ones it ever removes."""


# What every run writes, checked for symbolic links before any work (the rest is checked before the moves).
ALWAYS_WRITTEN = ("data", "data/processed", "figures", "report.ipynb", "report.html", MANIFEST)


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


def link_on_the_way(out: Path, relative: str) -> Path | None:
    """The first symbolic link on the way from ``out`` to ``out/relative`` (the target itself included), or None."""
    path = out
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            return path
    return None


MAX_LISTED_NAME = 1024  # characters: no output name is near it; a longer entry is no manifest of ours


def _inside(out: Path, relative, listed_in: Path) -> str:
    """``relative`` checked as a path a manifest or plan may list: relative, inside ``out``, no link on the way."""
    name = str(relative)
    if len(name) > MAX_LISTED_NAME:
        raise InputError(listed_in, f"lists a name of {len(name):,} characters ({name[:40]!r} …), which no run of "
                                    "this tool writes: it is not a manifest this tool wrote; move it away or choose "
                                    "another OUT")
    parts = Path(name).parts
    if not name or Path(name).is_absolute() or "\\" in name or any(p in ("..", ".") for p in parts) or \
            Path(*parts).as_posix() != name:
        raise InputError(listed_in, f"lists {name!r}, which is not a path inside {out}: this tool wrote no such "
                                    "entry, and touches nothing outside OUT; move the file away or choose another OUT")
    link = link_on_the_way(out, name)
    if link is not None:
        raise InputError(listed_in, f"lists {name!r}, but {link} is a symbolic link: nothing is written or removed "
                                    "through a link; remove the link or choose another OUT")
    return name


def _read_listing(path: Path, key: str) -> dict:
    try:
        files = json.loads(path.read_text(encoding="utf-8"))[key]
        return {name: str(digest) for name, digest in files.items()}
    except (ValueError, KeyError, AttributeError, TypeError, UnicodeDecodeError):
        raise InputError(path, "is not a manifest this tool wrote; move it away or choose another OUT") from None


def previous_run(out: Path, unknown: list | None = None, names=OUTPUT_NAMES) -> dict:
    """``{relative path: sha256}`` of the files earlier runs wrote into ``out`` (empty if none): those its manifest
    lists, and those a run killed while moving its files in was moving (its staging folder's plan). Every path
    is checked to lie inside ``out`` with no symbolic link on its way. An entry that is none of
    ``names`` (:data:`OUTPUT_NAMES`) is no file of a run's (a hand-edited manifest): it is left out, and added to ``unknown``
    when given, so that it is reported and the file left alone."""
    manifest = out / MANIFEST
    listings = []
    if manifest.is_symlink():
        raise InputError(manifest, "is a symbolic link: nothing is read or written through a link; remove it")
    if manifest.is_file():
        listings.append((manifest, _read_listing(manifest, "files")))
    for staging in _stale_staging(out):
        if (staging / STAGING_PLAN).is_file():
            listings.append((staging / STAGING_PLAN, _read_listing(staging / STAGING_PLAN, "files")))
    ours = {}
    for listed_in, files in listings:
        for name, digest in files.items():
            name = _inside(out, name, listed_in)
            if name in names:
                ours.setdefault(name, set()).add(digest)
            elif unknown is not None and name not in unknown:
                unknown.append(name)
    return ours


def _stale_staging(out: Path) -> list:
    """Marked staging folders in ``out`` (a run's own, real folders, not links)."""
    if not out.is_dir():
        return []
    return [path for path in sorted(out.glob(STAGING_PREFIX + "*"))
            if path.is_dir() and not path.is_symlink() and (path / STAGING_MARK).is_file()]


def foreign_files(out: Path, ours: dict | None = None, names=OUTPUT_NAMES) -> list[str]:
    """Files in ``out`` that no run wrote, or that were changed since (relative paths, sorted); ``ours`` is
    :func:`previous_run`'s answer when the caller has it."""
    if not out.is_dir():
        return []
    ours = previous_run(out, names=names) if ours is None else ours
    foreign = []
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if relative in (MANIFEST, LOCK_FILE) or relative.split("/")[0].startswith(STAGING_PREFIX):
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        if relative not in ours or path.is_symlink() or _sha256(path) not in ours[relative]:
            foreign.append(relative)
    return foreign


def inputs_inside(out: Path, paths) -> dict:
    """``{relative path: path as given}`` of those ``paths`` (the run's input files) that lie inside ``out``: never
    foreign to the run that reads them, never removed by it (a draft scale the tool wrote there, edited and passed
    back as SCALE), and never where the run writes (:func:`check_inputs`)."""
    inside = {}
    for path in paths:
        if path:
            try:
                inside[Path(path).resolve().relative_to(Path(out).resolve()).as_posix()] = path
            except (ValueError, OSError, RuntimeError):  # outside OUT, or a link in a loop (said when it is read)
                pass
    return inside


def check_inputs(out: Path, inputs, written=OUTPUT_NAMES):
    """Refuse a run whose input files (``{relative path inside out: the path as given}``) lie where it writes."""
    for relative, given in sorted(dict(inputs).items()):
        if relative in written:
            raise InputError(given, f"lies in OUT at {relative}, a path the run writes its own {Path(relative).name} "
                                    f"to: the run would replace the file it reads (with or without OVERWRITE); move "
                                    f"it out of {out}, or choose another OUT")


def check_contents(out: Path, overwrite: bool, ours: dict | None = None, inputs=frozenset(), names=OUTPUT_NAMES):
    """Refuse an ``OUT`` that holds anything but a previous run's untouched results (and this run's ``inputs``, by
    their paths relative to ``out``), unless told to overwrite."""
    for relative in ALWAYS_WRITTEN:
        link = link_on_the_way(out, relative)
        if link is not None:
            raise InputError("OUT", f"{link} is a symbolic link: a run writes there and never writes through a link; "
                                    "remove the link or choose another OUT")
    foreign = [name for name in foreign_files(out, ours, names) if name not in inputs]
    if foreign and not overwrite:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise InputError("OUT", f"{out} holds files this tool did not write, or that were changed since ({shown}); "
                                f"choose an empty or new folder, or say OVERWRITE=yes to replace only the files a run "
                                f"writes and leave every other file alone")


class OutFolder:
    """``with OutFolder(out, overwrite) as folder:`` write into ``folder.staging``; :meth:`commit` moves it into ``out``.
    ``names`` are the files a run may write and remove, by their paths relative to ``out`` (:data:`OUTPUT_NAMES`)."""

    def __init__(self, out, overwrite=False, inputs=frozenset(), names=OUTPUT_NAMES):
        self.out = Path(out)
        self.names = frozenset(names)
        self.overwrite = overwrite
        self.inputs = set(inputs)  # relative paths of the run's input files inside out: kept, never foreign
        self.created: Path | None = None
        self.lock_fd = None
        self.lock_file: Path | None = None  # where flock does not exist (Windows): the run's lock file in out
        self.staging: Path | None = None
        self.recovered: dict = {}
        self.unknown: list = []  # manifest entries that are no output name: reported, left alone

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
            check_contents(self.out, self.overwrite, self.recovered, self.inputs)
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out))
            (self.staging / STAGING_MARK).touch()
        except BaseException:
            self._release(failed=True)
            raise
        return self

    def _lock(self):
        """One run at a time: an exclusive lock on ``out`` itself (flock, POSIX), else, where flock does not exist
        (Windows), a lock file in ``out`` created exclusively and removed when the run ends."""
        busy = InputError("OUT", f"another run is writing into {self.out}; wait for it to finish, or choose another "
                                 "folder")
        try:
            import fcntl
        except ImportError:
            try:
                self.lock_fd = os.open(self.out / LOCK_FILE, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                raise InputError("OUT", f"another run is writing into {self.out} (it holds {LOCK_FILE}); wait for it "
                                        f"to finish, or, if no run is, remove {self.out / LOCK_FILE}") from None
            self.lock_file = self.out / LOCK_FILE
            return
        self.lock_fd = os.open(self.out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            fcntl.flock(self.lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise busy from None
            raise

    def _remove_stale_staging(self):
        """Staging folders left by a run that was killed outright (SIGKILL, power cut): ours, marked, removed, and
        said. What their plans list is kept in ``self.recovered`` for this run's manifest."""
        import sys

        self.recovered = previous_run(self.out, self.unknown, self.names)
        if self.unknown:
            shown = ", ".join(map(repr, self.unknown[:3])) + (f" and {len(self.unknown) - 3} more"
                                                               if len(self.unknown) > 3 else "")
            print(f"note: {self.out / MANIFEST} lists {shown}, which no run of this tool writes: left alone, and "
                  "no longer listed", file=sys.stderr)
        stale = _stale_staging(self.out)
        for path in stale:
            shutil.rmtree(path)
        if stale:
            print(f"removed {', '.join(p.name for p in stale)} in {self.out}: left by a run that was killed",
                  file=sys.stderr)

    def commit(self, replace_previous: bool = True):
        """Move the staged files into ``out``, remove a previous run's files this run no longer makes, record them.
        With ``replace_previous`` false (a draft written beside an earlier run's results), the earlier files stay
        and stay recorded."""
        stop_if_make_stopped()  # a make interrupted while this run finished: nothing moves in
        # Interrupts wait while the files move in (where signals can be blocked: not on Windows).
        blocked = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}
        mask = getattr(signal, "pthread_sigmask", None)
        old = mask(signal.SIG_BLOCK, blocked) if mask else None
        try:
            previous = self.recovered
            ours = {STAGING_MARK, STAGING_PLAN}
            files = [path for path in sorted(self.staging.rglob("*"))
                     if not path.is_dir() and path.relative_to(self.staging).as_posix() not in ours]
            written = {path.relative_to(self.staging).as_posix(): _sha256(path) for path in files}
            unexpected = sorted(set(written) - self.names)
            if unexpected:  # a file of a name this module does not know would be one it could never remove
                raise RuntimeError(f"likertkit wrote {unexpected[0]!r}, which is not among its output names")
            check_inputs(self.out, {name: self.out / name for name in self.inputs}, written)
            for relative in written:
                link = link_on_the_way(self.out, relative)
                if link is not None:
                    raise InputError("OUT", f"{link} is a symbolic link: the run would write through it; nothing was "
                                            "moved in; remove the link or choose another OUT")
            plan = self.staging / STAGING_PLAN
            plan.write_text(json.dumps({"files": written}, sort_keys=True), encoding="utf-8")
            for path in files:
                relative = path.relative_to(self.staging).as_posix()
                target = self.out / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(path, 0o644)
                os.replace(path, target)
            kept = {} if replace_previous else {name: _sha256(self.out / name) for name in previous
                                                if name not in written and (self.out / name).is_file()}
            for relative in sorted(set(previous) - set(written) - self.inputs) if replace_previous else ():
                stale = self.out / relative
                if stale.is_file() and link_on_the_way(self.out, relative) is None and _sha256(stale) in previous[relative]:
                    stale.unlink()
                    _remove_empty_parents(stale.parent, self.out)
            manifest = self.out / MANIFEST
            tmp = manifest.with_name(f".{MANIFEST}.tmp")
            tmp.write_text(json.dumps({"written_by": "likertkit", "files": {**kept, **written}}, indent=1, sort_keys=True)
                           + "\n", encoding="utf-8")
            os.replace(tmp, manifest)
            shutil.rmtree(self.staging)
            self.staging = None
        finally:
            if mask:
                mask(signal.SIG_SETMASK, old)

    def __exit__(self, kind, value, traceback):
        self._release(failed=kind is not None)
        return False

    def _release(self, failed):
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if self.lock_fd is not None:
            os.close(self.lock_fd)
            self.lock_fd = None
        if self.lock_file is not None:
            self.lock_file.unlink(missing_ok=True)
            self.lock_file = None
        if failed and self.created is not None:
            _remove_empty_tree(self.created)


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
