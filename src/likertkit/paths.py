"""Where everything lives: the one place the compendium's paths are set.

``Layout(root)`` mirrors the compendium's folders under any root, so the same
notebooks can write the article's outputs into the project or a user's survey
outputs into a folder of their choosing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# src/likertkit/paths.py -> the checkout holding this package is two folders above it. The project the
# notebooks read and write is that checkout, unless LIKERTKIT_PROJECT_ROOT names a copy of it (make test
# runs the notebooks in a scratch copy, so that no test rewrites a tracked file).
SOURCE_ROOT = Path(__file__).resolve().parents[2]
PROJECT_ROOT = Path(os.environ.get("LIKERTKIT_PROJECT_ROOT") or SOURCE_ROOT)


@dataclass(frozen=True)
class Layout:
    """The compendium's folders below one root."""

    root: Path = PROJECT_ROOT

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root).resolve())

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def build(self) -> Path:
        return self.root / "build"

    def relative(self, path) -> str:
        """A path as shown to readers: relative to the root, with forward slashes."""
        return Path(path).resolve().relative_to(self.root).as_posix()


PROJECT = Layout()


def layout(out_root=None) -> Layout:
    """The project's own layout, or a mirror of it below ``out_root``."""
    return Layout(out_root) if out_root else PROJECT
