"""The reader's edition: a static HTML site of the executed notebooks, built offline with Sphinx and myst-nb.

    python -m loechting2020.site [--out build/site]

The notebooks are not re-run: the site shows the outputs ``make all`` stored in them. They are copied into a
scratch source folder (``build/site-src``) and prepared for reading there, never in place: every code cell
is folded away behind a "Show code" toggle (the ``hide-input`` tag), and each figure's alt text, which the
notebook stores on the image output, is handed to myst-nb as the cell's image option. The index page
(what the study is, every figure at a glance with its alt text, how to cite) and the reference list are
written from the files code wrote: ``figures/*.txt``, ``notebooks/references.json``, ``CITATION.cff``.
Sphinx runs with warnings as errors, so a broken link between pages stops the build.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import shutil
import sys
from pathlib import Path

from loechting2020 import notebooks, references, story
from loechting2020.paths import PROJECT

SITE_TITLE = "Løchting et al. (2020), executable"


# Everything is local: no fonts, scripts or styles from the network (the browser tests check it).
CONFIG = {
    "project": SITE_TITLE,
    "author": "The Løchting et al. (2020) compendium contributors",
    "copyright": "the compendium contributors (code: MIT); the article's data and quotations: CC BY 4.0",
    "extensions": ["myst_nb", "loechting2020.site"],
    "templates_path": ["_templates"],
    "html_theme": "sphinx_book_theme",
    "html_title": SITE_TITLE,
    "html_static_path": ["_static"],
    "html_css_files": ["reading.css"],
    "html_favicon": "_static/favicon.svg",
    "html_context": {"default_mode": "light"},
    "html_last_updated_fmt": None,
    "html_show_sourcelink": False,
    "html_copy_source": False,
    "html_theme_options": {"show_toc_level": 2, "use_download_button": False, "use_fullscreen_button": False,
                           "use_repository_button": False, "navigation_with_keys": False,
                           # no contents list beside the text: the text column gets the width, for tables
                           "secondary_sidebar_items": []},
    "nb_execution_mode": "off",
    "nb_merge_streams": True,
    "nb_render_markdown_format": "myst",
    "myst_heading_anchors": 3,
    "exclude_patterns": ["_build"],
    "suppress_warnings": ["myst.header"],
    "language": "en",
    "smartquotes": False,  # quotes and descriptions are shown as written: no ' turned into ’
}


CSS = """/* likertkit: tables for reading in the reader's edition */
.cell_output { overflow-x: auto; }
.cell_output table { font-size: 0.9em; }
.cell_output td, .cell_output th { text-align: left; vertical-align: top; }
figure.figure-at-a-glance img, .cell_output img { max-width: 100%; height: auto; }
/* the theme keeps 272 px beside the text for a contents list this site does not show: the text gets it */
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
/* Tables fit the text column: long text wraps instead of widening its column; wide tables get the page */
.cell_output th, .cell_output td { min-width: 0 !important; overflow-wrap: break-word;
                                   padding: 0.2em 0.4em !important; }
.cell_output table { width: 100%; }
.cell_output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
figcaption, figcaption p { color: inherit !important; opacity: 1 !important; }
/* On a phone a wide table scrolls inside its box; a shadow at the edge that hides columns says so */
.cell_output .likertkit-table {
  background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)),
              linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) 100% 0,
              radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.3), rgba(0,0,0,0)),
              radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.3), rgba(0,0,0,0)) 100% 0;
  background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
  background-attachment: local, local, scroll, scroll; }
"""


# Five bars of a diverging chart: the site's icon (a browser asks for one; without it, a 404 in the console).
FAVICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
           '<rect x="1" y="2" width="6" height="3" fill="#d6604d"/><rect x="7" y="2" width="8" height="3" fill="#4393c3"/>'
           '<rect x="3" y="7" width="4" height="3" fill="#d6604d"/><rect x="7" y="7" width="5" height="3" fill="#4393c3"/>'
           '<rect x="5" y="12" width="2" height="3" fill="#d6604d"/><rect x="7" y="12" width="7" height="3" fill="#4393c3"/>'
           '</svg>\n')


# Accessibility mends, each found by the axe-core scan in tests/test_site_browser.py (WCAG 2.5.3, label in
# name): pydata-sphinx-theme's search button and myst-nb's code toggle carry an aria-label that differs from
# their visible text, so a speech-input user saying what they see ("Show code cell source") is not heard.
# Both are drawn here without it; their visible text is their name.
SEARCH_BUTTON = """<button class="btn search-button-field search-button__button pst-js-only" title="{{ _('Search') }}"
 data-bs-placement="bottom" data-bs-toggle="tooltip">
 <i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>
 <span class="search-button__default-text">{{ _('Search') }}</span>
 <span class="search-button__kbd-shortcut"><kbd class="kbd-shortcut__modifier">Ctrl</kbd>+<kbd class="kbd-shortcut__modifier">K</kbd></span>
</button>
"""


def _visit_code_toggle(translator, node):
    translator.body.append(f'<details class="admonition hide {" ".join(node["classes"])}">\n<summary>\n'
                           f'<p class="collapsed admonition-title">{html.escape(node["prompt_show"])}</p>\n'
                           f'<p class="expanded admonition-title">{html.escape(node["prompt_hide"])}</p>\n</summary>\n')


def _depart_code_toggle(translator, node):
    translator.body.append("</details>\n")


def setup(app):
    """This module is also a Sphinx extension: it draws myst-nb's code toggle without the mismatched label."""
    from myst_nb.sphinx_ import HideCodeCellNode

    app.add_node(HideCodeCellNode, override=True, html=(_visit_code_toggle, _depart_code_toggle))
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _page_targets(text: str, page: str) -> str:
    """Citations and reference anchors as MyST targets of this page: Sphinx labels are site-wide, and each
    page lists its own references, so ``#ref-jamieson2004`` becomes ``#ref-02-jamieson2004`` on page 02."""
    text = re.sub(r"\]\(#ref-([\w-]+)\)", lambda m: f"](#ref-{page}-{m.group(1)})", text)
    return re.sub(r'\{#ref-([\w-]+)\}', lambda m: f"(ref-{page}-{m.group(1)})=\n", text)


def reading_copy(nb: dict, page: str = "") -> dict:
    """The notebook as the site shows it: code folded, figures carrying their alt text for myst-nb, citations
    linked to the page's own reference list."""
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            cell["source"] = _page_targets("".join(cell["source"]), page)
        for output in cell.get("outputs", []):
            if "text/markdown" in output.get("data", {}):
                output["data"].pop("text/html", None)  # the Markdown, with the page's own cross-references
                output["data"]["text/markdown"] = _page_targets("".join(output["data"]["text/markdown"]), page)
        if cell["cell_type"] != "code":
            continue
        tags = cell.setdefault("metadata", {}).setdefault("tags", [])
        if "hide-input" not in tags:
            tags.append("hide-input")
        alts = [o["metadata"]["image/png"]["alt"] for o in cell.get("outputs", [])
                if "image/png" in o.get("data", {}) and o.get("metadata", {}).get("image/png", {}).get("alt")]
        if alts:
            cell["metadata"].setdefault("mystnb", {})["image"] = {"alt": short_alt(alts[0])}
            if short_alt(alts[0]) != alts[0] and not _shown_as_text(nb, alts[0]):
                cell["outputs"].append({"output_type": "display_data", "metadata": {},
                                        "data": {"text/markdown": f"*Described in full:* {alts[0]}"}})
    _findings_first(nb)
    return nb


ALT_LIMIT = 250  # characters: a longer alt text is read out whole before anything else; it goes beside the image


def short_alt(description: str) -> str:
    """An image's alt text: its description when short, else the description's first sentence, the full text
    standing beside the image (the notebook's own words, or a line the site adds).

    >>> short_alt("Bar chart of 3 items. " + "The highest is item 2 (60%). " * 10)
    'Bar chart of 3 items.'
    >>> short_alt("Table of 14 findings: " + "each row gives a finding, " * 12 + "and its rating.")
    'Table of 14 findings.'
    """
    if len(description) <= ALT_LIMIT:
        return description
    first = re.match(r"(.+?\.)(\s|$)", description)
    first = first.group(1) if first else description
    if len(first) > ALT_LIMIT:  # one long sentence: what comes before its first colon or semicolon names the figure
        first = re.split(r"[:;]", first, maxsplit=1)[0].rstrip(" .") + "."
    return first if len(first) <= ALT_LIMIT else description[:ALT_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _shown_as_text(nb: dict, description: str) -> bool:
    """Whether a page already shows ``description`` in its text (a cell that quotes the alt text, say)."""
    return any(description in "".join(output.get("data", {}).get("text/markdown", ""))
               for cell in nb["cells"] for output in cell.get("outputs", []))


def _findings_first(nb: dict) -> None:
    """The page's findings right under its question: the output of the cell that words them (the last code cell
    with a Markdown output before the notebook's first section) is shown again after the question's paragraph,
    with no code bar above it; in its own place the cell keeps its code, folded, and shows no output twice. The
    notebook's sentence saying its findings are "printed just below" (true of the notebook) is left out here."""
    cells = nb["cells"]
    end = next((i for i in range(1, len(cells)) if cells[i]["cell_type"] == "markdown"), len(cells))
    worded = [i for i in range(1, end) if cells[i]["cell_type"] == "code"
              and any("text/markdown" in o.get("data", {}) for o in cells[i].get("outputs", []))]
    if not worded:
        return
    cell = cells[worded[-1]]
    shown = copy.deepcopy(cell)
    shown["metadata"]["tags"] = ["remove-input"]
    if "id" in shown:
        shown["id"] = f"{shown['id']}-findings"
    cell["metadata"]["tags"].append("remove-output")
    paragraphs = "".join(cells[0]["source"]).split("\n\n")
    asked = next((i for i, text in enumerate(paragraphs) if text.startswith("**Question.**")), 0) + 1
    rest = [text for text in paragraphs[asked:] if not text.startswith("**What it finds**")]
    cells[0]["source"] = "\n\n".join(paragraphs[:asked])
    after = [{**copy.deepcopy(cells[0]), "source": "\n\n".join(rest)}] if rest else []
    if after and "id" in after[0]:
        after[0]["id"] = f"{after[0]['id']}-rest"
    cells[1:1] = [shown, *after]


def _title(nb: dict) -> str:
    return "".join(nb["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()


def _citation() -> str:
    entry = references.read_bibliography()["loechting2020"]
    return references.format_entry(entry)


def findings(root: Path) -> list[str]:
    """What the study found, from the files the notebooks wrote: the survey's answers, the integration of the two
    strands and the audit of the printed numbers, each a paragraph with its numbers (the index opens with them)."""
    from likertkit import charts
    from likertkit.io.files import read_tidy
    from likertkit.report import sentences
    from loechting2020 import synthesis

    processed = root / "data" / "processed"
    counts, items, scale = (read_tidy(processed / f"{name}.csv") for name in ("counts", "items", "scale"))
    _, rows = charts.diverging_layout(counts, items, scale, group="domain", order="agree")
    joint = read_tidy(processed / "joint_display.csv")
    audit = read_tidy(processed / "audit.csv")
    status = audit["status"].value_counts()
    differing = sorted(set(audit.loc[audit["status"] == "differs", "statistic"]))
    return [f"**The survey** ({len(rows)} items, up to {rows['n_valid'].max()} caseworkers). "
            + sentences.diverging_findings(rows, scale),
            "**The focus group beside the survey.** " + story.convergence(joint, synthesis.CONVERGENCE),
            f"**The printed numbers.** Of the {len(audit)} numbers the article prints about its survey, "
            f"{status.get('reproduced', 0)} reproduce from the printed counts, {status.get('differs', 0)} differ"
            + (f" (all of them {' or '.join(map(story.statistic_words, differing))})" if differing else "")
            + f" and {status.get('not_reproducible', 0)} cannot be recomputed from what was published."]


def index_page(root: Path, pages: list) -> str:
    """The index: what the study is and found, the notebooks, every figure (linked to its full size) with its alt
    text, how to cite."""
    lines = [f"# {SITE_TITLE}", "",
             "A survey of 61 caseworkers and one focus group on return to work (Løchting et al. 2020), recomputed.",
             "", "## What it finds", "",
             *(paragraph + "\n" for paragraph in findings(root)), "## About this edition", "",
             "An executable, checked and teachable edition of one published mixed-methods study: a survey of 61",
             "caseworkers (15 Likert items) and one focus group (6 caseworkers, 3 themes, 16 quotes). No",
             "respondent-level data were published, so everything here starts from what the article prints,",
             "recomputed by code and audited. Each page is one notebook of the compendium, with its code one click",
             "away (\"Show code cell source\").", "",
             f"**The article.** {_citation()}", "", "## The notebooks", ""]
    for name, title in pages:
        lines.append(f"1. [{title}]({name}.ipynb)")
    lines += ["1. [References](references.md)", "", "## The figures at a glance", ""]
    for relative, path, section, _ in notebooks.figure_rows(root):
        if not relative.endswith(".png"):
            continue
        alt_file = root / Path(relative).with_suffix(".txt")
        alt = alt_file.read_text(encoding="utf-8").strip() if alt_file.exists() else ""
        if not alt:
            raise SystemExit(f"{relative} has no alt text ({alt_file.name}); every figure on the site needs one")
        # each thumbnail links to Sphinx's copy of the image (in _images/, under its own name), at full size
        described = "" if short_alt(alt) == alt else f" [Described in full](descriptions.md#{_anchor(relative)})."
        lines += [f"```{{figure}} {relative}", f":alt: {short_alt(alt)}", f":target: _images/{Path(relative).name}",
                  ":figclass: figure-at-a-glance", "",
                  f"{section}: drawn in [{_title(notebooks.read(path))}]({path.stem}.ipynb).{described}", "```", ""]
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    version = next((line.split(":", 1)[1].strip() for line in cff.splitlines() if line.startswith("version:")), "")
    lines += ["## How to cite", "",
              "Cite the article above for its data, findings and quotations. To cite this compendium (version "
              f"{version}), use `CITATION.cff` in the repository, which GitHub and Zenodo read.", "",
              "## Colophon", "",
              "Built with Sphinx and myst-nb from the notebooks as `make all` executed them, by "
              "`python -m loechting2020.site` (`make site`). Code: MIT licence. Data and quotations: CC BY 4.0, from "
              "the article.", ""]
    return "\n".join(lines)


def _anchor(relative: str) -> str:
    """The anchor of a figure's full description on the descriptions page."""
    return "described-" + Path(relative).stem.replace("_", "-")


def descriptions_page(root: Path) -> str:
    """Every figure's full description (its alt text file), each under its own anchor: what a short alt text on the
    index links to."""
    lines = ["# Figure descriptions", "", "Each figure of the compendium described in words, from the same numbers "
             "it draws (the `.txt` file beside it in `figures/`).", ""]
    for relative, path, section, _ in notebooks.figure_rows(root):
        alt_file = root / Path(relative).with_suffix(".txt")
        if relative.endswith(".png") and alt_file.exists():
            lines += [f"({_anchor(relative)})=", f"## {section}", "",
                      alt_file.read_text(encoding="utf-8").strip(), "",
                      f"Drawn in [{_title(notebooks.read(path))}]({path.stem}.ipynb).", ""]
    return "\n".join(lines)


def prepare(root: Path, source: Path) -> list:
    """Write the site's sources into ``source`` (emptied first: it is build scratch). Returns the page names."""
    if source.exists():
        shutil.rmtree(source)
    (source / "_static").mkdir(parents=True)
    (source / "_static" / "reading.css").write_text(CSS, encoding="utf-8")
    (source / "_static" / "favicon.svg").write_text(FAVICON, encoding="utf-8")
    (source / "_templates").mkdir()
    (source / "_templates" / "search-button-field.html").write_text(SEARCH_BUTTON, encoding="utf-8")
    shutil.copytree(root / "figures", source / "figures", ignore=shutil.ignore_patterns("*.pdf", "*.svg", "*.md"))
    pages = []
    for path in notebooks.numbered_notebooks(root / "notebooks"):
        nb = notebooks.read(path)
        notebooks.write(reading_copy(nb, path.name[:2]), source / path.name)
        pages.append((path.stem, _title(nb)))
    bibliography = references.read_bibliography(root / "notebooks" / "references.json")
    listed = references.render(sorted(bibliography.values(), key=references.sort_key), heading="")
    (source / "references.md").write_text(
        "# References\n\nEvery work the compendium cites, from `notebooks/references.json`.\n\n"
        + re.sub(r"\{#(ref-[\w-]+)\}", r"(\1)=\n", listed), encoding="utf-8")
    (source / "descriptions.md").write_text(descriptions_page(root), encoding="utf-8")
    toctree = "\n".join(["```{toctree}", ":hidden:", ":maxdepth: 1", "", *(name for name, _ in pages),
                         "references", "descriptions", "```", ""])
    (source / "index.md").write_text(index_page(root, pages) + "\n" + toctree, encoding="utf-8")
    return [name for name, _ in pages]


def build(root: Path = PROJECT.root, out: Path | None = None) -> Path:
    """Build the site into ``out`` (default ``build/site``); returns the index page."""
    from sphinx.application import Sphinx

    out = Path(out or root / "build" / "site")
    source = root / "build" / "site-src"
    prepare(root, source)
    if out.exists():
        shutil.rmtree(out)
    from sphinx.util import console

    console.nocolor()  # a plain log, without terminal colour codes, wherever it is written
    app = Sphinx(str(source), None, str(out), str(root / "build" / "site-doctrees"), "html",
                 confoverrides=dict(CONFIG), status=sys.stdout, warning=sys.stderr, freshenv=True,
                 warningiserror=True, keep_going=True)
    app.build()
    if app.statuscode:
        raise SystemExit(app.statuscode)
    for page in out.glob("*.html"):
        page.write_text(link_images(page.read_text(encoding="utf-8")), encoding="utf-8")
    return out / "index.html"


_IMAGE = re.compile(r"<img\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")


def link_images(page: str) -> str:
    """Every image in a page's article linked to its file at full size (on a phone a figure is shown at a third of
    its width); an image already inside a link is left as it is.

    >>> link_images('<article><p><img alt="A chart" src="_images/fig.png" /></p></article>')
    '<article><p><a class="image-full-size" href="_images/fig.png"><img alt="A chart" src="_images/fig.png" /></a></p></article>'
    """
    start, end = page.find("<article"), page.rfind("</article>")
    if start < 0 or end < 0:
        return page
    article, linked, last = page[start:end], [], 0
    for image in _IMAGE.finditer(article):
        linked.append(article[last:image.start()])
        if re.search(r"<a\b[^>]*>\s*$", article[:image.start()]):
            linked.append(image.group(0))
        else:
            linked.append(f'<a class="image-full-size" href="{image.group(1)}">{image.group(0)}</a>')
        last = image.end()
    return page[:start] + "".join(linked) + article[last:] + page[end:]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m loechting2020.site", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to write the site (default build/site)")
    args = parser.parse_args(argv)
    index = build(PROJECT.root, args.out)
    print(f"The reader's edition is at {index}")


if __name__ == "__main__":
    main()
