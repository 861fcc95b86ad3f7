"""Your own survey's report: the tidy tables written, the report notebook that ships with the package
(``survey-report.ipynb``, beside this module) run on them in this process and rendered, all in a staging folder
that :mod:`likertkit.report.outfolder` moves into ``OUT`` at the end.

:func:`run_report` takes a survey read and counted by :mod:`likertkit.survey`; :mod:`likertkit.cli` is the
command line around them.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import pandas as pd

from likertkit.charts.files import figure_formats, figure_helpers
from likertkit.counting.count import Survey, record_formulas
from likertkit.defaults import MIN_GROUP
from likertkit.errors import InputError
from likertkit.io.files import write_outputs
from likertkit.ipynb import read, write
from likertkit.report.layout import layout
from likertkit.report.outfolder import OutFolder
from likertkit.survey.description import TABLE_FILES

__all__ = ["REPORT_NOTEBOOK", "check_out", "finish_report", "run_report", "study_tables"]

# The one notebook a survey of yours runs through, apart from the article's numbered notebooks.
REPORT_NOTEBOOK = Path(__file__).with_name("survey-report.ipynb")
# Run from a source checkout (src/likertkit/report/pipeline.py), the checkout's own folders are never an OUT.
CHECKOUT = Path(__file__).resolve().parents[3]


def check_out(out: Path):
    """Refuse an ``OUT`` that is, holds or lies inside the folders of the checkout this package runs from (when it
    runs from a source checkout): a report must never overwrite the code or data it was built from."""
    if not (CHECKOUT / "pyproject.toml").is_file():
        return
    protected = [CHECKOUT / part for part in ("data", "figures", "notebooks", "src", "tests")]
    if out == CHECKOUT or any(out == p or p in out.parents for p in protected):
        raise InputError("OUT", f"{out} would overwrite the files of {CHECKOUT}; choose another folder")
    if out in CHECKOUT.parents:
        raise InputError("OUT", f"{out} holds {CHECKOUT} itself; choose another folder")


def finish_report(executed: Path, staging: Path, out: Path) -> list:
    """The executed report as it is kept: the warnings (stderr output) taken out, which a reader should never see as
    red boxes of library messages, and returned for the terminal of whoever ran it; the staging folder it ran in
    named as the ``OUT`` its files are moved to, so the same run gives the same bytes."""
    nb = read(executed)
    found = []
    for cell in nb["cells"]:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["source"] = "".join(cell["source"]).replace(str(staging), str(out))
    parameters = nb["metadata"].get("papermill", {}).get("parameters", {})
    if parameters.get("out_root") == str(staging):
        parameters["out_root"] = str(out)
    for cell in nb["cells"]:
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                found += [line.strip() for line in "".join(output["text"]).splitlines() if line.strip()]
            else:
                kept.append(output)
        if "outputs" in cell:
            cell["outputs"] = kept
    write(nb, executed)
    return found


def study_tables(survey: Survey, study, staged, title="", palette="RdBu") -> dict:
    """The outputs of a mixed-methods study's qualitative strand, by path below ``staged`` (a
    :class:`~likertkit.report.layout.Layout`): the open-ended comments, quotes, themes and who speaks under which
    theme in ``data/processed/``; with findings, the joint display there too, and as ``joint_display.html`` and
    ``joint_display.pdf`` (the PDF when WeasyPrint can run here: else the log and the terminal say why not)."""
    from likertkit.mixed import joint_display, speakers_by_theme
    from likertkit.report.joint_page import joint_page, pdf_bytes
    from likertkit.stats import item_statistics
    from likertkit.survey.parts import combined, split_by_scale

    folder, tables = staged.processed, {}
    if survey.comments is not None:
        tables[folder / "comments.csv"] = survey.comments
    if not study:
        return tables
    if study["quotes"] is not None:
        tables[folder / "quotes.csv"] = study["quotes"]
        tables[folder / "speakers_by_theme.csv"] = speakers_by_theme(study["quotes"], study["themes"]).reset_index()
    if study["themes"] is not None and len(study["themes"]):
        tables[folder / "themes.csv"] = study["themes"]
    if study["findings"] is not None:
        stats = combined(split_by_scale(survey.counts, survey.items, survey.scale), item_statistics)
        joint = joint_display(study["findings"], stats, survey.scale)
        tables[folder / "joint_display.csv"] = joint
        page = joint_page(joint, study["themes"], study["quotes"], survey.counts, survey.items, survey.scale, stats,
                          title, palette=palette)
        tables[staged.root / "joint_display.html"] = page
        pdf = pdf_bytes(page)
        if pdf is None:
            note = ("joint_display.pdf not written: WeasyPrint, or the Pango library it draws text with, is not "
                    "installed here (pip install 'likertkit[pdf]'; Pango from your system's packages)")
            print(f"warning: {note}", file=sys.stderr)
            survey.log.record("write tables", "anomaly", note)
        else:
            tables[staged.root / "joint_display.pdf"] = pdf
    return tables


@contextlib.contextmanager
def _caller_untouched():
    """Matplotlib's settings and pandas' display options as they were before the report ran in this process (the
    report's notebook sets its own), whoever called :func:`run_report`."""
    import matplotlib

    with matplotlib.rc_context(), pd.option_context("display.float_format", pd.get_option("display.float_format")):
        yield


def run_report(survey: Survey, out, title="", order="agree", overwrite=False, palette="RdBu", min_group=MIN_GROUP,
               inputs=frozenset(), study=None, formats=None):
    """Write a counted survey's tables, run the report notebook on them and render it, into ``out``.

    Everything is made in a staging folder inside ``out`` and moved in only when the report has run and
    rendered (:mod:`likertkit.report.outfolder`): a failed or interrupted run leaves ``out`` as it was, and a
    file of yours in ``out`` stops the run unless ``overwrite``.

    Parameters
    ----------
    survey : Survey
        From :func:`likertkit.survey.load`.
    out : path
        The results folder: it gets ``report.ipynb``, ``report.html``, ``data/processed/`` and ``figures/``.
    title : str, optional
    order : {"agree", "questionnaire"}
    overwrite : bool, default False
    palette : str, default "RdBu"
        One of :data:`likertkit.defaults.PALETTES`.
    min_group : int, default 5
    inputs : set of str, optional
        The run's input files lying inside ``out`` (relative paths): read, never taken for a file of yours,
        never removed.
    study : dict, optional
        A mixed-methods study's qualitative strand (:func:`likertkit.mixed.read_study`): its quotes and themes are
        written to ``data/processed/quotes.csv`` and ``themes.csv`` (and who speaks under which theme to
        ``speakers_by_theme.csv``), and its findings, beside the survey's item statistics, to
        ``data/processed/joint_display.csv``, ``joint_display.html`` and ``joint_display.pdf``
        (:func:`study_tables`); the report gains a section on them.
    formats : list or str, optional
        The figures' file formats, some of ``svg``, ``pdf``, ``png`` (:func:`likertkit.charts.figure_formats`);
        default every one. The page shows each figure whatever the formats.

    Returns
    -------
    Path
        The results folder.

    Examples
    --------
    >>> from likertkit.survey import example_files, load_survey
    >>> folder = example_files()
    >>> out = run_report(load_survey(folder / "answers.csv", "q1,q2", folder / "scale.csv", missing="9"),
    ...                  folder / "report")
    running the report ...
    >>> sorted(path.name for path in out.iterdir())
    ['data', 'figures', 'likertkit-manifest.json', 'report.html', 'report.ipynb']
    """
    from likertkit.report.execution import render_html
    from likertkit.report.inprocess import run_in_process

    formats = list(figure_formats(formats))  # an unknown format stops the run before anything is written
    out = Path(out).resolve()
    check_out(out)
    failed_dir = Path(tempfile.gettempdir()) / f"likertkit-survey-failed-{os.getpid()}"
    with OutFolder(out, overwrite, inputs) as folder:
        staged = layout(folder.staging)
        study_outputs = study_tables(survey, study, staged, title, palette)  # first: it may add to the log
        # the survey's tables that it holds (the log last, once formulas are recorded; comments are the study's)
        tables = {staged.processed / f"{stem}.csv": table for field, stem in TABLE_FILES.items()
                  if field not in ("log", "comments") and (table := getattr(survey, field)) is not None
                  and (field != "pairwise_tests" or len(table))}
        tables.update(study_outputs)
        record_formulas(survey.log, {staged.relative(path): table for path, table in tables.items()
                                     if isinstance(table, pd.DataFrame)})
        tables[staged.processed / "cleaning_log.csv"] = survey.log.to_frame()
        write_outputs(tables)
        print("running the report ...", flush=True)
        executed = folder.staging / "report.ipynb"
        with _caller_untouched(), figure_helpers(formats=formats):
            run_in_process(REPORT_NOTEBOOK, executed,
                           dict(out_root=str(folder.staging), title=title, order=order, palette=palette,
                                min_group=min_group, group=survey.group_column, weight=survey.weight_column,
                                formats=formats),
                           failed_dir=failed_dir)
        for warning in finish_report(executed, folder.staging, out):
            print(f"warning (from the report's code, not shown in it): {warning}", file=sys.stderr)
        write_outputs({folder.staging / "report.html": render_html(executed, title)})
        folder.commit()
    return out
