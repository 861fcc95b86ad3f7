"""Parquet: a file, or a folder of files (a partitioned dataset), streamed by Arrow's dataset reader
(:mod:`likertkit.io.batches`); a folder is read as it lies, with no symbolic link in it."""

from __future__ import annotations

from pathlib import Path

from likertkit.errors import InputError
from likertkit.io.sources import SUFFIXES, Source, describe_kind

__all__ = ["open_file"]


def _check_no_links(folder: Path) -> None:
    """A folder of Parquet files is read as it lies: a symbolic link in it (one to the folder itself would read every
    file again, and again) is an error naming it."""
    import os

    for top, folders, files in os.walk(folder):
        for name in sorted(folders + files):
            if os.path.islink(os.path.join(top, name)):
                link = Path(top, name).relative_to(folder)
                raise InputError(folder, f"holds a symbolic link, {link.as_posix()}: a folder of Parquet files is "
                                         "read with no links in it (one may lead back into the folder); copy the "
                                         "files in instead")


def open_file(path: Path, kind: str = "parquet", encoding: str = "", delimiter: str = "") -> Source:
    """A Parquet file, or a folder of them (checked: no links, a Parquet file in it, not named as another format)."""
    if not path.is_dir():
        return Source(path, "parquet")
    _check_no_links(path)
    suffix = SUFFIXES.get(path.suffix.lower())
    if suffix and suffix != "parquet":
        raise InputError(path, f"is a folder, not {describe_kind(suffix)} as its name says")
    if not any(p.is_file() for p in path.rglob("*.parquet")) and not any(p.is_file() for p in path.rglob("*.pq")):
        raise InputError(path, "is a folder with no Parquet file (.parquet) in it" if any(path.iterdir()) else
                               "is an empty folder")
    return Source(path, "parquet", notes=["a folder of Parquet files (a partitioned dataset)"])
