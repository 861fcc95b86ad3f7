"""The audit of a printed table as a page a reviewer can cite, and the command that writes it.

:func:`audit_page` writes one self-contained HTML page (no script, nothing fetched: the report's
Content-Security-Policy): how many printed numbers got each verdict, then every number not reproduced with its
reason in words, then the full table; every printed text is escaped. :func:`run_audit` reads ``table.csv``
and ``scale.csv``, audits the table (:mod:`likertkit.audit`) and writes ``audit.csv`` and ``audit.html`` into
``OUT`` as the survey report does (:mod:`likertkit.report.outfolder`: nothing of yours is touched).
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

import pandas as pd

from likertkit.audit.table import VERDICTS, audit_table, read_table, verdict_counts
from likertkit.counting.count import formula_note
from likertkit.io.files import read_csv_strict, write_outputs
from likertkit.report.markup import literal, to_html
from likertkit.report.outfolder import OutFolder
from likertkit.report.page import CONTENT_SECURITY_POLICY
from likertkit.report.reading import table_html
from likertkit.scales.table import read_scale

__all__ = ["RULE", "STYLE", "audit_page", "run_audit", "summary"]

RULE = ("A printed number is reproduced when the value recomputed from the table's other numbers lies within half a "
        "unit of its last printed decimal (2.15 stands for 2.145 to 2.155), so rounding either way at the edge counts.")
STYLE = ("body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}"
         "li{margin:0.3em 0}code{font-size:0.95em}")


def summary(audit: pd.DataFrame) -> str:
    """The verdicts and the percents' denominator in a few sentences (Markdown), computed from the audit."""
    counts = verdict_counts(audit)
    parts = [f"{int(counts[v])} *{v}*" for v in VERDICTS if counts[v]]
    text = (f"Of **{len(audit)}** printed numbers checked: " + ", ".join(parts) + ". "
            + ("Every checkable number is reproduced or consistent." if not counts["differs"] + counts["impossible"]
               else f"{int(counts['differs'] + counts['impossible'])} are not reproduced by any recomputation tried; "
                    "each is listed below with what was computed."))
    denominator = audit.attrs.get("denominator", {})
    if denominator.get("of"):
        found = denominator["reproduced"]
        said = {"all respondents": "all respondents (N)", "valid answers": "each item's valid answers"}
        text += (f" The percents printed beside counts are of {said[denominator['name']]}: "
                 f"{found[denominator['name']]} of {denominator['of']} are reproduced that way, "
                 + " and ".join(f"{k} as percents of {said[name]}" for name, k in found.items()
                                if name != denominator["name"]) + ".")
    return text


def audit_page(audit: pd.DataFrame, title: str, notes=()) -> str:
    """The audit as one self-contained HTML page; ``notes`` are said under the table of every number."""
    flagged = audit[audit["verdict"].isin(["differs", "impossible"])]
    items = "".join(f"<li><strong>item {html.escape(str(r.item))}, {html.escape(r.quantity)}</strong> printed "
                    f"<code>{html.escape(str(r.printed))}</code>: {html.escape(r.verdict)}. {html.escape(r.reason)}</li>"
                    for r in flagged.itertuples())
    shown = audit.assign(recomputed=[f"{v:.4g}" if isinstance(v, float) else str(v) for v in audit["recomputed"]])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title><style>{STYLE}</style></head><body><main>
{to_html("# " + literal(title))}
{to_html(summary(audit))}
<p>{html.escape(RULE)}</p>
{table_html(verdict_counts(audit).rename_axis("verdict").reset_index(name="numbers"))}
<h2>Numbers not reproduced</h2>
{f"<ul>{items}</ul>" if items else "<p>None: every number that could be recomputed was reproduced.</p>"}
<h2>Every number checked</h2>
{table_html(shown)}
{"".join(f"<p>{html.escape(note)}</p>" for note in notes)}
<p><small>Written by likertkit audit. The reasons say what was computed; they do not say why a number differs.</small></p>
</main></body></html>
"""


def run_audit(table_file, scale_file, out, n_all: int | None = None, overwrite=False, inputs=frozenset()) -> Path:
    """Audit ``table_file`` on the scale of ``scale_file``, with ``n_all`` respondents if the article gives it,
    into ``out`` (``audit.csv``, ``audit.html``); returns ``out``. Bad input is an :class:`InputError` naming the
    file, line, column and value, before anything is written."""
    scale = read_scale(read_csv_strict(scale_file, ["code", "label"]), scale_file)
    audit = audit_table(read_table(table_file, scale), scale, n_all)
    out = Path(out).resolve()
    notes = [note for note in [formula_note({"audit.csv": audit})] if note]
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    with OutFolder(out, overwrite, inputs) as folder:
        write_outputs({folder.staging / "audit.csv": audit,
                       folder.staging / "audit.html": audit_page(audit, f"Audit of {Path(table_file).name}", notes)})
        folder.commit()
    return out
