"""The report as one self-contained HTML page: an executed notebook's Markdown and outputs, its code hidden.

The page holds only what this package's report notebook shows: its own Markdown (rendered by
:func:`likertkit.report.markup.to_html`, raw HTML shown as text), the HTML its cells display (tables and
sentences in which every user text was escaped where it was written, :mod:`likertkit.report.markup`), figures
as PNG with their alt text, and printed text, escaped. So it needs no template engine, no HTML parser and no
JupyterLab stylesheet: a short stylesheet of its own, prose in lines a reader can follow, and nothing loaded
from the network. Its Content-Security-Policy lets it run no script and fetch nothing but its own inline
images and styles, whatever a survey's labels hold.

Examples
--------
>>> cells = [{"cell_type": "markdown", "source": ["## Answers by item\\n", "\\n", "Each bar is one item."]},
...          {"cell_type": "code", "source": "print('hi')", "outputs": [
...              {"output_type": "stream", "name": "stdout", "text": ["<b>1 < 2</b>\\n"]}]}]
>>> page = render_page({"cells": cells, "metadata": {}}, title="Staff <survey>")
>>> "<title>Staff &lt;survey&gt;</title>" in page
True
>>> '<h2 id="Answers-by-item">Answers by item</h2>' in page
True
>>> "<pre>&lt;b&gt;1 &lt; 2&lt;/b&gt;\\n</pre>" in page, "print(" in page
(True, False)
"""

from __future__ import annotations

import html
import re

from likertkit.report.markup import to_html

__all__ = ["CONTENT_SECURITY_POLICY", "MIN_SECTIONS", "STYLE", "render_page"]

# The report is sent around as one file: it loads nothing from the network, and its Content-Security-Policy lets it
# run no script at all and fetch nothing but its own inline images and styles, whatever text a survey's labels hold.
CONTENT_SECURITY_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

# Prose in lines of about 75 characters; tables and figures as wide as the page; figures shrink on a narrow screen
# (each <img> carries its width, the height follows).
STYLE = """\
body { margin: 0; color: #1b1b1b; background: #fff; line-height: 1.5; font-size: 16px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1, h2, h3, h4 { line-height: 1.25; font-weight: 600; }
h1 { font-size: 1.85rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 0.75rem; padding-top: 0.75rem; border-top: 1px solid #d8d8d8; }
h3 { font-size: 1.15rem; margin: 1.75rem 0 0.5rem; }
p, li, dd, dt, blockquote { max-width: 48rem; }
ul, ol { padding-left: 1.5rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em;
  background: #f2f2f2; padding: 0.05em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; background: #f6f6f6;
  padding: 0.6rem 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 3px solid #c8c8c8; color: #333; }
img { display: block; max-width: 100%; height: auto; margin: 1rem auto; }
table tbody tr:nth-child(odd) { background: #f6f6f6; }
table caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
a { color: #0b5aa8; }
.output { margin: 0.75rem 0; }
.contents { margin: 1.25rem 0 0; font-size: 0.95rem; max-width: 48rem; }
.contents p { margin: 0 0 0.25rem; }
.contents ol { margin: 0; padding-left: 1.5rem; columns: 2 16rem; column-gap: 2.5rem; }
@media print { .contents { display: none; } }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } img, table { break-inside: avoid; } }
"""

# What an output shows, of the forms it carries, as JupyterLab chooses: HTML first, then an image, Markdown, text.
_SHOWN = ("text/html", "image/png", "text/markdown", "text/plain")

_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)

_TAG = re.compile(r"<[^>]*>")

# A page of this many sections or more opens with a list of them.
MIN_SECTIONS = 3


def _with_ids(markup: str, taken: set, sections: list) -> str:
    """Headings get ids as JupyterLab and nbconvert give them (their text, spaces as hyphens), so a link to a
    section of the report keeps working; a second heading of the same text gets ``-2``, ``-3`` … Each section
    heading (``<h2>``) is added to ``sections`` as ``(id, its HTML)``."""

    def named(match) -> str:
        anchor = html.unescape(_TAG.sub("", match.group(2))).strip().replace(" ", "-")
        unique, n = anchor, 1
        while unique in taken:
            n += 1
            unique = f"{anchor}-{n}"
        taken.add(unique)
        if match.group(1) == "2":
            sections.append((unique, match.group(2)))
        return f'<h{match.group(1)} id="{html.escape(unique)}">{match.group(2)}</h{match.group(1)}>'

    return _HEADING.sub(named, markup)


def _contents(sections: list) -> str:
    """A list of the page's sections, each a link to its heading."""
    links = "".join(f'<li><a href="#{html.escape(anchor)}">{inner}</a></li>' for anchor, inner in sections)
    return (f'<div class="contents" role="navigation" aria-label="Contents">\n<p><strong>Contents</strong></p>\n'
            f'<ol>{links}</ol>\n</div>')


def _image(data: str, metadata: dict) -> str:
    shown = metadata.get("image/png", {})
    width = shown.get("width") or metadata.get("width")
    size = f' width="{int(width)}"' if width else ""
    encoded = "".join("".join(data).split())  # a notebook may keep its base64 in lines (a list, or breaks)
    return (f'<img src="data:image/png;base64,{html.escape(encoded)}"{size} '
            f'alt="{html.escape(str(shown.get("alt", "")))}">')


def _output(output: dict) -> str:
    if output["output_type"] == "stream":
        return f"<pre>{html.escape(''.join(output['text']))}</pre>"
    if output["output_type"] == "error":  # a report that failed stops before its page; shown as text all the same
        return f"<pre>{html.escape(output.get('ename', ''))}: {html.escape(output.get('evalue', ''))}</pre>"
    data = output.get("data", {})
    mime = next((mime for mime in _SHOWN if mime in data), None)
    if mime == "text/html":
        return "".join(data[mime])
    if mime == "image/png":
        return _image(data[mime], output.get("metadata", {}))
    if mime == "text/markdown":
        return to_html("".join(data[mime]))
    if mime == "text/plain":
        return f"<pre>{html.escape(''.join(data[mime]))}</pre>"
    return ""


def render_page(notebook: dict, title: str = "report") -> str:
    """An executed notebook (a dict, as :func:`likertkit.ipynb.read` gives it) as one self-contained HTML page: each
    Markdown cell rendered, each code cell's outputs shown and its code hidden, under the browser title ``title``
    (escaped).

    Parameters
    ----------
    notebook : dict
        The executed notebook.
    title : str, default "report"
        The page's title, as the browser shows it.

    Returns
    -------
    str
        The page, UTF-8 text.
    """
    taken, parts, sections, first_section = set(), [], [], None
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            shown = [to_html("".join(cell["source"]))]
        elif cell["cell_type"] == "code":
            shown = [f'<div class="output">\n{markup}\n</div>' for markup in map(_output, cell.get("outputs", []))
                     if markup]
        else:
            shown = []
        for markup in shown:
            parts.append(_with_ids(markup, taken, sections))
            if sections and first_section is None:
                first_section = len(parts) - 1
    if len(sections) >= MIN_SECTIONS:  # the contents after the opening (its question and findings), before section 1
        parts.insert(first_section, _contents(sections))
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")
