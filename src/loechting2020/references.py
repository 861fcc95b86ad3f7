"""The works the compendium cites: one bibliography file, and each notebook's reference list drawn from it.

The bibliography is CSL JSON (``notebooks/references.json``), the format Zotero, pandoc and citeproc read.
In a notebook's Markdown a citation is a link to its entry, ``[Jamieson 2004](#ref-jamieson2004)``; the
notebook's last cell calls :func:`reference_list`, which finds those links in the notebook itself and
lists the works they name, with DOIs as links. A citation with no entry in the bibliography is an error,
so a list cannot silently lose a work.

Examples
--------
>>> cited_keys("as argued (see [Norman 2010](#ref-norman2010); [Jamieson 2004](#ref-jamieson2004))")
['norman2010', 'jamieson2004']
>>> format_entry({"id": "x", "author": [{"family": "Wilson", "given": "Edwin B."}],
...               "issued": {"date-parts": [[1927]]}, "title": "Probable inference",
...               "container-title": "JASA", "volume": "22", "DOI": "10.1080/01621459.1927.10502953"})
'Wilson, E. B. (1927). Probable inference. *JASA*, 22. [doi:10.1080/01621459.1927.10502953](https://doi.org/10.1080/01621459.1927.10502953)'
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from likertkit.errors import InputError
from loechting2020.paths import PROJECT

CITATION = re.compile(r"\]\(#ref-([A-Za-z0-9_-]+)\)")


def bibliography_file() -> Path:
    return PROJECT.notebooks / "references.json"


def read_bibliography(path=None) -> dict:
    """``{id: CSL JSON entry}``, in the file's order; a duplicated id or an entry without a title is an error."""
    path = Path(path or bibliography_file())
    entries = {}
    for position, entry in enumerate(json.loads(path.read_text(encoding="utf-8")), start=1):
        key = entry.get("id", "")
        if not key or key in entries or not entry.get("title"):
            problem = "a duplicated id" if key in entries else "no id" if not key else "no title"
            raise InputError(path, f"entry {position} ({key or '?'}) has {problem}")
        entries[key] = entry
    return entries


def _initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in re.split(r"[\s.]+", given) if part)


def _authors(people: list) -> str:
    names = [f"{p['family']}, {_initials(p.get('given', ''))}".rstrip(", ") for p in people]
    if len(names) > 20:  # APA 7: the first nineteen, an ellipsis, the last
        return ", ".join(names[:19] + ["…", names[-1]])
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def format_entry(entry: dict) -> str:
    """One work as Markdown, in APA style: authors, year, title, journal, volume(issue), pages, DOI as a link."""
    year = entry.get("issued", {}).get("date-parts", [[None]])[0][0]
    text = f"{_authors(entry.get('author', []))} ({year or 'n.d.'}). {entry['title'].rstrip('.')}."
    if entry.get("container-title"):
        text += f" *{entry['container-title']}*"
        if entry.get("volume"):
            text += f", {entry['volume']}" + (f"({entry['issue']})" if entry.get("issue") else "")
        if entry.get("number"):
            text += f", {entry['number']}"
        text += f", {entry['page']}." if entry.get("page") else "."
    if entry.get("DOI"):
        text += f" [doi:{entry['DOI']}](https://doi.org/{entry['DOI']})"
    elif entry.get("URL"):
        text += f" <{entry['URL']}>"
    if entry.get("note"):
        text += f" ({entry['note']}.)" if not entry.get("DOI") and not entry.get("URL") else f" {entry['note']}."
    return text


def cited_keys(markdown: str) -> list:
    """The ids of the works a Markdown text cites, in the order of first citation."""
    return list(dict.fromkeys(CITATION.findall(markdown)))


def notebook_markdown(notebook) -> str:
    """All Markdown of a notebook file, joined."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")


def sort_key(entry: dict):
    year = entry.get("issued", {}).get("date-parts", [[0]])[0][0] or 0
    return ([p["family"].lower().replace("ø", "o") for p in entry.get("author", [])], year)


def reference_list(notebook, bibliography: dict | None = None, heading: str = "## References") -> str:
    """The Markdown reference list of the works ``notebook`` cites, each with an anchor its citations link to."""
    bibliography = read_bibliography() if bibliography is None else bibliography
    keys = cited_keys(notebook_markdown(notebook))
    missing = [key for key in keys if key not in bibliography]
    if missing:
        raise InputError(bibliography_file(), f"{Path(notebook).name} cites {', '.join(missing)}, "
                         "which the bibliography does not hold")
    return render(sorted((bibliography[key] for key in keys), key=sort_key), heading)


def render(entries: list, heading: str = "## References") -> str:
    """Markdown of a reference list: each entry a paragraph opening with its anchor ``{#ref-<id>}``
    (:func:`likertkit.report.markup.to_html` makes it the paragraph's id)."""
    lines = [heading, ""] if heading else []
    for entry in entries:
        lines += [f'{{#ref-{entry["id"]}}}{format_entry(entry)}', ""]
    return "\n".join(lines).rstrip() + "\n"
