"""Where text becomes Markdown and HTML: the one place a report's words are turned into markup.

Every sentence a notebook or report shows goes through :class:`Markdown` (Markdown written by this package)
or :class:`Plain` (plain text such as an alt text). Both render to HTML here, with markdown-it-py in its
CommonMark mode and raw HTML switched off: a ``<script>`` or ``<img onerror=…>`` in a label, a title, a
group name, a file name or a quote is shown as those characters and never becomes an element, and a link
is made only to a safe address (markdown-it refuses ``javascript:``, ``vbscript:``, ``file:`` and ``data:``).
So a sentence helper that forgot to escape a label could at worst show it in italics; it cannot make a
page run code. The one exception is :class:`Html`, for the few displays (the joint display, a list of comments)
whose HTML is written by this package with every user text escaped by ``html.escape``.

User text placed *inside* a Markdown sentence goes through :func:`literal`, which backslash-escapes every
Markdown punctuation character, so a label such as ``*Very* [good]`` is shown exactly as typed.

Examples
--------
>>> print(literal("*Very* [good]"))
\\*Very\\* \\[good\\]
>>> to_html("A label " + literal("<img src=x onerror=alert(1)>") + ".")
'<p>A label &lt;img src=x onerror=alert(1)&gt;.</p>\\n'
>>> to_html("[click](javascript:alert(1))")
'<p>[click](javascript:alert(1))</p>\\n'
>>> Plain("<b>5 < 6</b>")._repr_html_()
'<p>&lt;b&gt;5 &lt; 6&lt;/b&gt;</p>'
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

__all__ = ["Html", "Markdown", "Plain", "literal", "to_html"]

# The characters that can start markup inside a sentence (emphasis, code, links, images, HTML, entities,
# tables, strikethrough, math on the reader's edition): each backslash-escaped, as CommonMark allows for any
# ASCII punctuation, so it stands for itself.
_PUNCTUATION = re.compile(r"([\\`*_\[\]<>!&{}|~#$])")


_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


_RENDERER = MarkdownIt("commonmark", {"html": False})


def literal(text) -> str:
    """``text`` as Markdown that shows exactly these characters inside a sentence: the characters that start
    markup escaped, line breaks as spaces (a line break could start a heading or a list)."""
    return _PUNCTUATION.sub(r"\\\1", _LINE_BREAK.sub(" ", str(text)))


# A paragraph of this package's Markdown may open with its anchor, ``{#ref-jamieson2004}`` (a reference list
# entry that citations link to): it becomes the paragraph's id.
_ANCHOR = re.compile(r"<p>\{#(ref-[a-z0-9-]+)\}")


def to_html(markdown: str) -> str:
    """Markdown written by this package as HTML: raw HTML is shown as text, links only to safe addresses; a
    paragraph opening with ``{#ref-…}`` gets that id."""
    return _ANCHOR.sub(r'<p id="\1">', _RENDERER.render(str(markdown)))


class Markdown:
    """A Markdown sentence or paragraph for a notebook's output, shown as safe HTML (:func:`to_html`).

    It replaces IPython's ``Markdown``, whose output the HTML exporters render with raw HTML passed through. The
    output carries both the HTML (which the report page and JupyterLab show) and the Markdown source (which the
    reader's edition renders with its own cross-references)."""

    def __init__(self, text: str):
        self.text = str(text)

    def _repr_html_(self) -> str:
        return to_html(self.text)

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


class Plain(Markdown):
    """Plain text (an alt text, a message) for a notebook's output: every character shown as typed."""

    def _repr_html_(self) -> str:
        return "".join(f"<p>{html.escape(part)}</p>" for part in self.text.split("\n\n"))

    def _repr_markdown_(self) -> str:
        return "\n\n".join(literal(part) for part in self.text.split("\n\n"))


class Html:
    """HTML this package wrote with every user text in it escaped (``html.escape``), such as the joint display,
    for a notebook's output as it stands."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup
