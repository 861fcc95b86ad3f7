"""Every link from one of the project's Markdown pages to a heading of another (``page.md#anchor``) lands on a
heading that exists, by GitHub's rule for heading anchors (issue 30: teaching/README.md linked ``#read-it``)."""

import re

import pytest

from conftest import ROOT

PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / "teaching").glob("*.md"),
                *(ROOT / "examples").glob("*/README.md")])
LINK = re.compile(r"\]\(([^)\s]+\.md)#([^)\s]+)\)")


def anchors(page) -> set:
    """GitHub's anchor of each heading: lower case, punctuation other than hyphens dropped, spaces as hyphens."""
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading:
            text = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower())
            found.add(text.replace(" ", "-"))
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_to_a_heading_lands_on_one(page):
    for target, anchor in LINK.findall(page.read_text(encoding="utf-8")):
        linked = (page.parent / target).resolve()
        assert linked.is_file(), f"{page.name} links {target}, which is not there"
        assert anchor in anchors(linked), f"{page.name} links {target}#{anchor}, which is no heading there"
