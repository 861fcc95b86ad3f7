"""The survey report: :mod:`~likertkit.report.pipeline` writes a survey's report (read and counted by
:mod:`likertkit.survey`) into a results folder kept safe by :mod:`~likertkit.report.outfolder`, running the report notebook in this process
(:mod:`~likertkit.report.inprocess`) and rendering it (:mod:`~likertkit.report.execution`).

The notebook's building blocks are modules of their own, imported by name, not part of this package's public
face: its sections (:mod:`~likertkit.report.sections`), the sentences written from the data
(:mod:`~likertkit.report.sentences`), the one place text becomes markup (:mod:`~likertkit.report.markup`),
tables and figures for reading (:mod:`~likertkit.report.reading`), a mixed-methods study's section and joint
display (:mod:`~likertkit.report.study`, :mod:`~likertkit.report.joint_page`).

``import likertkit.report`` is light: the names below are loaded when first used.
"""

from __future__ import annotations

from likertkit.lazy import attach

# Public name -> the module that holds it.
_API = {"run_report": "likertkit.report.pipeline", "render_html": "likertkit.report.execution",
        "run_in_process": "likertkit.report.inprocess"}
__all__ = sorted(_API)


__getattr__, __dir__ = attach(globals(), _API)
