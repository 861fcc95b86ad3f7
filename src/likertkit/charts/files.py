"""Saving figures: SVG, PDF and PNG that rebuild byte for byte and say where they came from.

Each file names, in its own metadata, the function that drew it (set by :func:`likertkit.charts.drawn_by`)
and the notebook that called it; text stays text in SVG and PDF (editable, searchable); no dates.

A PDF takes longest: its fonts are embedded as TrueType (Type 42, so that the text can be edited), and
fontTools subsets each font, in Python, for each file. Within :func:`figure_helpers`, the PDF (and, with a third
core, the PNG) is saved in a helper process while the other formats are saved here.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import os
import pickle
from pathlib import Path

import matplotlib as mpl
from matplotlib.layout_engine import PlaceHolderLayoutEngine

__all__ = ["FIGURE_FORMATS", "REPRODUCIBLE_RC", "content_box", "figure_bytes", "figure_files", "figure_formats",
           "figure_helpers", "provenance"]

FIGURE_FORMATS = ("svg", "pdf", "png")


def figure_formats(formats) -> tuple:
    """The figure formats asked for, as :data:`FIGURE_FORMATS` orders them: every one for ``None`` or ``""``, else
    a list or a comma-separated text of them, in any case (``"png,svg"``). A format not among them is a
    ``ValueError`` naming it.

    Examples
    --------
    >>> figure_formats("PNG, svg"), figure_formats(None)
    (('svg', 'png'), ('svg', 'pdf', 'png'))
    """
    if formats is None or (isinstance(formats, str) and not formats.strip()):
        return FIGURE_FORMATS
    asked = [str(fmt).strip().lower() for fmt in (formats.split(",") if isinstance(formats, str) else formats)]
    unknown = [fmt for fmt in asked if fmt not in FIGURE_FORMATS]
    if unknown or not asked:
        raise ValueError(f"{(unknown or [formats])[0]!r} is not one of {', '.join(FIGURE_FORMATS)}")
    return tuple(fmt for fmt in FIGURE_FORMATS if fmt in asked)


# Text stays text in SVG and PDF (editable, searchable); no random ids or dates in the files; a title or
# label holding two dollar signs ("from $5 to $10") is shown as typed, not read as mathematics.
REPRODUCIBLE_RC = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "likertkit", "font.family": "DejaVu Sans",
                   "text.parse_math": False}


def provenance(fig, notebook: str = "") -> dict:
    """``{"notebook", "function", "description"}``: where a figure was drawn, for its files' metadata."""
    function = getattr(fig, "likertkit_drawn_by", "")
    parts = [f"drawn by {function}" if function else "", f"in {notebook}" if notebook else ""]
    return dict(notebook=notebook, function=function, description=" ".join(p for p in parts if p).capitalize())


def _metadata(fmt: str, made: dict) -> dict:
    """Provenance in each format's own fields; no dates, so rebuilds stay byte-identical."""
    if fmt == "svg":
        return {"Date": None, "Source": made["notebook"] or None, "Description": made["description"] or None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Subject": made["description"] or None,
                "Keywords": "; ".join(f"{k}={v}" for k, v in made.items() if k != "description" and v) or None}
    return {key.capitalize(): value for key, value in made.items() if value and key != "description"} | (
        {"Description": made["description"]} if made["description"] else {})


def figure_bytes(fig, fmt: str, dpi=200, notebook: str = "", box=None) -> bytes:
    """The figure as SVG, PDF or PNG bytes with its provenance and no timestamps, so rebuilds are byte-identical;
    cut to ``box`` (inches), by default what the figure draws (:func:`content_box`)."""
    buffer = io.BytesIO()
    engine = fig.get_layout_engine()
    # tight_layout leaves a placeholder engine behind, which does nothing but makes savefig lay the whole figure
    # out once more before drawing it: set aside while saving.
    placeholder = isinstance(engine, PlaceHolderLayoutEngine)
    try:
        if placeholder:
            fig.set_layout_engine(None)
        with mpl.rc_context(REPRODUCIBLE_RC):
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_metadata(fmt, provenance(fig, notebook)),
                        bbox_inches=content_box(fig, dpi) if box is None else box)
    finally:
        if placeholder:
            fig.set_layout_engine(engine)
    return buffer.getvalue()


def content_box(fig, dpi=200):
    """What the figure draws, in inches, with savefig's padding: ``bbox_inches="tight"`` measured once.

    Measured on the figure's own canvas, whose text sizes its layout (``tight_layout``) has already measured;
    ``bbox_inches="tight"`` would lay out every text again in each format before drawing it, which for a chart
    of a hundred items is seconds. Text measured at the canvas's resolution is as wide as at a higher one,
    within 0.02 inch on this package's charts (the padding is 0.1 inch); at a lower resolution hinted text
    grows wider, so a file saved below the canvas's resolution is measured as it is drawn (``"tight"``)."""
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if get_renderer is None or dpi < fig.dpi:
        return "tight"
    return fig.get_tightbbox(get_renderer()).padded(mpl.rcParams["savefig.pad_inches"])


def figure_files(fig, stem, notebook: str = "", alt: str | None = None, formats=None) -> dict:
    """A figure as files that rebuild byte for byte: SVG, PDF and PNG (or the ``formats`` asked for), and its alt text.

    Each file names, in its metadata, the function that drew the figure (:func:`likertkit.charts.drawn_by`) and
    the ``notebook`` that called it, when given; no dates, so a rerun gives the same bytes.

    Parameters
    ----------
    fig : matplotlib Figure
    stem : path
        The files' path without its suffix.
    notebook : str, optional
        The notebook that drew the figure, for the metadata.
    alt : str, optional
        The alt text, written to ``stem.txt``.
    formats : list or str, optional
        Some of :data:`FIGURE_FORMATS` (:func:`figure_formats`); default every one.

    Returns
    -------
    dict
        ``{stem.svg: bytes, stem.pdf: bytes, stem.png: bytes[, stem.txt: text]}``, ready for
        :func:`likertkit.io.files.write_outputs`.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> files = figure_files(fig, "out/bars", alt="An empty chart.")
    >>> sorted(str(path) for path in files)
    ['out/bars.pdf', 'out/bars.png', 'out/bars.svg', 'out/bars.txt']
    >>> files[Path("out/bars.txt")].strip()
    'An empty chart.'
    >>> figure_files(fig, "out/bars")[Path("out/bars.png")] == files[Path("out/bars.png")]
    True
    """
    stem = Path(stem)
    box = content_box(fig)  # measured once: the three files show the same box
    wanted = figure_formats(formats)
    helpers = _HELPERS.get()
    elsewhere = helpers.submit(fig, wanted, notebook, box) if helpers is not None else {}
    made = {fmt: figure_bytes(fig, fmt, notebook=notebook, box=box) for fmt in wanted if fmt not in elsewhere}
    made.update({fmt: helpers.result(job, fig, fmt, notebook, box) for fmt, job in elsewhere.items()})
    files = {stem.with_suffix(f".{fmt}"): made[fmt] for fmt in wanted}
    if alt is not None:
        files[stem.with_suffix(".txt")] = alt.strip() + "\n"
    return files


# Saving a figure in helper processes (figure_helpers): the formats each figure sends out, cheapest last. A PDF
# takes longest (fontTools subsets each embedded font, in Python), then the 200-dpi PNG; the SVG is quick.
_SENT_OUT = ("pdf", "png")
_HELPERS = contextvars.ContextVar("likertkit_figure_helpers", default=None)


def _start_helper():
    """A helper process's start: matplotlib without a screen, and Ctrl-C left to the process that started it
    (which stops the helpers), so that an interrupted run prints one message, not one per helper."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # starting up, give way to the caller, who is still reading the survey
        os.nice(5)
    mpl.use("Agg")
    import matplotlib.backends.backend_agg  # noqa: F401 - loaded before the first figure comes, not when it does
    import matplotlib.backends.backend_pdf  # noqa: F401
    import matplotlib.backends.backend_svg  # noqa: F401
    import matplotlib.figure  # noqa: F401


def _save_pickled(blob: bytes, fmt: str, notebook: str, box, rc: dict) -> bytes:
    """:func:`figure_bytes` of a pickled figure, under the rcParams of the process that sent it."""
    with mpl.rc_context(rc):
        return figure_bytes(pickle.loads(blob), fmt, notebook=notebook, box=box)


def _ready() -> bool:
    return True


class _Helpers:
    """The helper processes of :func:`figure_helpers`; each figure's slowest formats are saved there."""

    def __init__(self, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn on every system: a forked child would inherit the threads of the process (Arrow's, IPython's)
        # mid-way; a spawned one starts clean, and works the same on Windows and macOS.
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_start_helper)
        self.workers, self.saved_here, self.saved_by_helpers = workers, 0, 0
        for _ in range(workers):  # start them now, while the caller reads and counts
            self.pool.submit(_ready)

    def submit(self, fig, formats, notebook, box) -> dict:
        """Send some of the figure's ``formats`` to the helpers: ``{format: job}`` (none when the figure cannot
        be pickled, or the helpers are gone)."""
        sent = [fmt for fmt in _SENT_OUT if fmt in formats][: self.workers]
        if not sent or len(formats) < 2:
            return {}
        try:
            blob = pickle.dumps(fig)
            rc = {key: value for key, value in mpl.rcParams.items() if key != "backend"}
            return {fmt: self.pool.submit(_save_pickled, blob, fmt, notebook, box, rc) for fmt in sent}
        except Exception:  # noqa: BLE001 - unpicklable artist, helpers broken: saved here, to the same bytes
            return {}

    def result(self, job, fig, fmt, notebook, box) -> bytes:
        """A job's bytes; saved here instead if the helper failed (the same bytes either way)."""
        try:
            data = job.result()
        except Exception:  # noqa: BLE001 - a helper that died or failed: the figure is saved here
            self.saved_here += 1
            return figure_bytes(fig, fmt, notebook=notebook, box=box)
        self.saved_by_helpers += 1
        return data

    def close(self):
        """Stop the helpers. They hold nothing to keep (no file, nothing half-sent once their jobs are done or
        cancelled), so they are ended, not asked to wind down: an interpreter's shutdown with matplotlib loaded
        takes about 0.2 s, which the caller would wait for."""
        terminate = getattr(self.pool, "terminate_workers", None)  # Python 3.14
        if terminate is not None:
            terminate()
            return
        helpers = list((getattr(self.pool, "_processes", None) or {}).values())
        # the pool's manager thread sees a helper end and reaps it too: until it has, this process may still list
        # the helper among its children (both threads wait for the same pid; the one that loses sees no status)
        manager = getattr(self.pool, "_executor_manager_thread", None)
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in helpers:
            process.terminate()
        if manager is not None:
            manager.join(timeout=10)  # bounded: a pool whose thread hangs must not hang the caller
        for process in helpers:
            process.join()


def helper_count() -> int:
    """How many helper processes :func:`figure_helpers` starts here by default: one per core beyond the first,
    at most one per format sent out; none on one core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(0, min(cores - 1, len(_SENT_OUT)))


@contextlib.contextmanager
def figure_helpers(workers: int | None = None, formats=None):
    """Within this block, :func:`figure_files` saves each figure's PDF (and, with a third core, its PNG) in
    helper processes while it saves the other formats itself: the same bytes, in about half the time on two
    cores. Without helpers to start (one core, ``workers=0``, a single format), nothing changes.

    The helpers are started when the block begins, so that they are ready by the first figure, and stopped when
    it ends, however it ends. They read nothing and write nothing: each gets a pickled figure and returns bytes.
    A figure that cannot be pickled is saved in this process.

    Parameters
    ----------
    workers : int, optional
        How many helper processes; default :func:`helper_count`.
    formats : list or str, optional
        The formats the block's figures are saved in (:func:`figure_formats`; default every one): a single format
        is saved where it is asked for, so it starts no helper.

    Yields
    ------
    object or None
        The helpers (``saved_by_helpers`` counts the files they saved), or None when there are none.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> alone = figure_files(fig, "out/bars")
    >>> with figure_helpers(workers=1):
    ...     helped = figure_files(fig, "out/bars")
    >>> helped == alone
    True
    """
    workers = helper_count() if workers is None else workers
    if workers < 1 or len(figure_formats(formats)) < 2 or _HELPERS.get() is not None:
        yield _HELPERS.get()
        return
    try:
        helpers = _Helpers(workers)
    except (OSError, ImportError, NotImplementedError):  # no processes here (a sandbox, a browser's Python)
        yield None
        return
    token = _HELPERS.set(helpers)
    try:
        yield helpers
    finally:
        _HELPERS.reset(token)
        helpers.close()
