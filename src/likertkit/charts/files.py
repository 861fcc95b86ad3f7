"""Saving figures: SVG, PDF and PNG that rebuild byte for byte and say where they came from.

Each file names, in its own metadata, the function that drew it (set by :func:`likertkit.charts.drawn_by`)
and the notebook that called it; text stays text in SVG and PDF (editable, searchable); no dates.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib as mpl
from matplotlib.layout_engine import PlaceHolderLayoutEngine

__all__ = ["FIGURE_FORMATS", "REPRODUCIBLE_RC", "content_box", "figure_bytes", "figure_files", "figure_formats",
           "provenance"]

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
    files = {stem.with_suffix(f".{fmt}"): figure_bytes(fig, fmt, notebook=notebook, box=box)
             for fmt in figure_formats(formats)}
    if alt is not None:
        files[stem.with_suffix(".txt")] = alt.strip() + "\n"
    return files
