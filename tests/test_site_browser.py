"""The reader's edition in a real browser: headless Chromium, driven by selenium, over the built site.

Every page must load with no console error, show every image with a non-empty alt text, link only to
pages and anchors that exist, never scroll sideways at 1,280 or 390 px, and pass an axe-core scan with no
serious or critical violation. A full-page screenshot of each page is kept in ``build/site-shots/``.

Needs Debian's ``chromium`` and ``chromium-driver`` and axe-core from npm (``make axe``; ``.ci/run``
installs all three). Without them these tests are skipped, and the run's summary says so in capitals;
with ``LIKERTKIT_REQUIRE_BROWSER=1`` (CI) a missing browser is a failure instead.
"""

import functools
import http.server
import re
import threading
import urllib.parse
from pathlib import Path

import pytest

import browsers
from conftest import ROOT

AXE = ROOT / "build" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "build" / "site-shots"
WIDTHS = (1280, 390)
MISSING = browsers.missing(sphinx=True) or (
    "" if AXE.exists() else f"axe-core is not installed ({AXE.relative_to(ROOT)}: make test installs it when npm is here)")
pytestmark = browsers.required_or_skipped(MISSING)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built afresh, served on localhost (as a reader's browser would get it from a web server)."""
    from loechting2020 import site

    out = tmp_path_factory.mktemp("site")
    site.build(ROOT, out)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield out, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    driver = browsers.chromium()
    yield driver
    driver.quit()


def _pages(out: Path) -> list:
    return sorted(p.name for p in out.glob("*.html") if p.name not in ("genindex.html", "search.html"))


def _open(driver, url, width):
    driver.set_window_size(width, 900)
    driver.get(url)
    driver.execute_script("return document.fonts.ready")


def test_the_site_has_an_index_a_page_per_notebook_and_the_references(site):
    out, _ = site
    pages = _pages(out)
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    assert pages == sorted(["index.html", "references.html", "descriptions.html", *(f"{n}.html" for n in notebooks)])


def test_every_page_loads_without_console_errors_and_every_image_has_alt_text(site, browser):
    out, base = site
    SHOTS.mkdir(parents=True, exist_ok=True)
    shown = 0
    for page in _pages(out):
        _open(browser, base + page, 1280)
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, f"{page}: {errors}"
        images = browser.execute_script(
            "return [...document.images].map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0,"
            " (i.getAttribute('alt') || '').trim()])")
        shown += len(images)
        for src, loaded, alt in images:
            assert loaded, f"{page}: {src} did not load"
            assert alt, f"{page}: {src} has no alt text"
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1280, min(height + 100, 16000))
        browser.save_screenshot(str(SHOTS / page.replace(".html", ".png")))
    figures = len(list((ROOT / "figures").glob("*.png")))
    assert shown >= 2 * figures, "each figure shows on the index and on its notebook's page"


def test_no_internal_link_is_broken(site, browser):
    out, base = site
    ids_by_page = {}
    for page in _pages(out):
        _open(browser, base + page, 1280)
        ids_by_page[page] = set(browser.execute_script("return [...document.querySelectorAll('[id]')].map(e => e.id)"))
    broken = []
    for page in _pages(out):
        _open(browser, base + page, 1280)
        for href in browser.execute_script("return [...document.querySelectorAll('a[href]')].map(a => a.href)"):
            target = urllib.parse.urlsplit(href)
            if not href.startswith(base):
                continue
            path = target.path.lstrip("/") or "index.html"
            if not (out / urllib.parse.unquote(path)).exists():
                broken.append(f"{page} -> {href}")
            elif target.fragment and path in ids_by_page and urllib.parse.unquote(target.fragment) not in ids_by_page[path]:
                broken.append(f"{page} -> {href} (no such anchor)")
    assert not broken, "\n".join(broken)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(site, browser, width):
    out, base = site
    wide = []
    for page in _pages(out):
        _open(browser, base + page, width)
        scroll, client = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if scroll > client:
            wide.append(f"{page}: {scroll} px of content in {client} px")
    assert not wide, "\n".join(wide)


def test_axe_finds_no_serious_or_critical_violation(site, browser):
    out, base = site
    axe = AXE.read_text(encoding="utf-8")
    found = []
    for page in _pages(out):
        _open(browser, base + page, 1280)
        browser.execute_script(axe)
        violations = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
            "v => [v.id, v.impact, v.help, v.nodes.slice(0, 3).map(n => n.target.join(' '))])));")
        found += [f"{page}: {rule} ({impact}) {help_} at {where}" for rule, impact, help_, where in violations
                  if impact in ("serious", "critical")]
    assert not found, "\n".join(found)


def test_at_1280_px_every_table_fits_its_column_and_no_output_box_hides_text(site, browser):
    """A reader sees every column without scrolling sideways: each table is no wider than the box it sits in,
    and no code or output box hides part of a line."""
    out, base = site
    hidden = []
    for page in _pages(out):
        _open(browser, base + page, 1280)
        hidden += [f"{page}: {what}" for what in browser.execute_script("""
            const found = [];
            for (const table of document.querySelectorAll('article table')) {
                const box = table.parentElement;
                if (table.offsetParent && table.scrollWidth > box.clientWidth + 1)
                    found.push(`a table of ${table.scrollWidth} px in a column of ${box.clientWidth} px: ` +
                               (table.innerText || '').slice(0, 60));
            }
            for (const pre of document.querySelectorAll('article .cell_output pre, article .output pre')) {
                if (pre.offsetParent && pre.scrollWidth > pre.clientWidth + 1)
                    found.push(`an output box of ${pre.scrollWidth} px shown in ${pre.clientWidth} px: ` +
                               pre.innerText.slice(0, 60));
            }
            return found;""")]
    assert not hidden, "\n".join(hidden)


def test_the_index_opens_with_the_findings_and_links_each_figure_to_its_full_size(site, browser):
    from loechting2020 import site as site_module

    out, base = site
    _open(browser, base + "index.html", 1280)
    text = " ".join(browser.find_element("tag name", "article").text.split())
    for paragraph in site_module.findings(ROOT):
        first_words = " ".join(paragraph.replace("*", "").split()[:12])
        assert first_words in text, first_words
    assert text.index("What it finds") < text.index("The notebooks") < text.index("The figures at a glance")
    links = browser.execute_script(
        "return [...document.querySelectorAll('figure.figure-at-a-glance')].map(f => {"
        " const a = f.querySelector('a'); const img = f.querySelector('img');"
        " return [a ? a.getAttribute('href') : '', img.getAttribute('src'), getComputedStyle(f.querySelector('figcaption')).color]; })")
    assert links, "the figures at a glance"
    for href, src, colour in links:
        assert href and href.split("/")[-1] == src.split("/")[-1], (href, src)
        red, green, blue = (float(v) for v in re.findall(r"[\d.]+", colour)[:3])
        assert max(red, green, blue) < 110, f"a caption in {colour} is too pale to read comfortably"


def test_at_390_px_a_table_that_scrolls_shows_a_shadow_at_its_edge(site, browser):
    """On a phone a wide table may scroll inside its box, with a visible cue: the box draws a shadow at its edge."""
    out, base = site
    scrolling = 0
    for page in _pages(out):
        _open(browser, base + page, 390)
        for overflows, background in browser.execute_script(
                "return [...document.querySelectorAll('article .likertkit-table')].filter(b => b.offsetParent)"
                ".map(b => [b.scrollWidth > b.clientWidth + 1, getComputedStyle(b).backgroundImage])"):
            if overflows:
                scrolling += 1
                assert "gradient" in background, f"{page}: a table scrolls with no cue"
    assert scrolling, "at 390 px some table scrolls (the cue is tested on it)"


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_each_pages_findings_are_on_its_first_screen(site, browser, width, height):
    """The findings are the first thing under each page's question: the top of the first findings paragraph (the
    index's first paragraph under "What it finds", a notebook page's first output) lies within the first screen, at a
    desk and on a phone (issue 30)."""
    out, base = site
    for page in _pages(out):
        if page in ("references.html", "descriptions.html"):
            continue
        browser.set_window_size(width, height)
        browser.get(base + page)
        chrome = browser.execute_script("return window.outerHeight - window.innerHeight")
        browser.set_window_size(width, height + chrome)  # the page itself gets the screen's height
        browser.execute_script("return document.fonts.ready")
        top, viewport, text = browser.execute_script("""
            const first = document.querySelector('#what-it-finds p') ||
                          document.querySelector('article .cell_output, article .output');
            return first ? [first.getBoundingClientRect().top, window.innerHeight, first.innerText.slice(0, 80)]
                         : [null, window.innerHeight, ''];""")
        assert top is not None, f"{page}: no findings found"
        assert 0 <= top < viewport, f"{page} at {width} px: the findings start at {top:.0f} px, below the first " \
                                    f"screen of {viewport} px ({text!r})"
        if page != "index.html":
            code_bars = browser.execute_script("""
                const first = document.querySelector('article .cell_output, article .output');
                return [...document.querySelectorAll('article details')].filter(d =>
                    d.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).length;""")
            assert code_bars == 0, f"{page}: {code_bars} code bars before the findings"


def test_every_image_on_a_page_links_to_its_full_size_file(site, browser):
    """On a phone a figure shows at a third of its width: each image in a page's article is a link to its own file
    (issue 30)."""
    out, base = site
    seen = 0
    for page in _pages(out):
        _open(browser, base + page, 390)
        for src, href in browser.execute_script(
                "return [...document.querySelectorAll('article img')].map(i => [i.src, i.closest('a') ? "
                "i.closest('a').href : ''])"):
            seen += 1
            assert href and href.split("#")[0] == src, f"{page}: {src} links to {href!r}"
    assert seen >= 2 * len(list((ROOT / "figures").glob("*.png")))


def test_every_alt_text_is_short_and_each_long_description_stands_beside_it_or_a_link_away(site, browser):
    """Figure 1's description runs to about 1,000 characters: as an alt text it would be read out whole. Each image's
    alt is at most 250 characters; a figure whose description (figures/*.txt) is longer has it in full on its page,
    or a link away, on the descriptions page (issue 30)."""
    out, base = site
    descriptions = {p.with_suffix(".png").name: " ".join(p.read_text(encoding="utf-8").split())
                    for p in (ROOT / "figures").glob("*.txt")}
    assert max(map(len, descriptions.values())) > 250, "a long description to test with"
    for page in _pages(out):
        _open(browser, base + page, 1280)
        text = " ".join(browser.find_element("tag name", "article").text.split())
        for src, alt, link in browser.execute_script(
                "return [...document.querySelectorAll('article img')].map(i => [i.getAttribute('src'), i.alt,"
                " [...(i.closest('figure') || document.createElement('x')).querySelectorAll('a')]"
                ".map(a => a.href).find(h => h.includes('descriptions.html#')) || ''])"):
            assert len(alt) <= 250, f"{page}: {src} has an alt of {len(alt)} characters"
            full = next((d for name, d in descriptions.items() if src.endswith(name)), None)
            if full is None or len(full) <= 250:
                continue
            if link:
                _open(browser, link, 1280)
                anchor = link.split("#")[1]
                section = browser.execute_script(f"return document.getElementById('{anchor}').innerText")
                assert full in " ".join(section.split()), f"{page}: {src}'s description is not at {link}"
                _open(browser, base + page, 1280)
            else:
                assert full in text, f"{page}: {src}'s full description is neither on the page nor linked"
