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
import threading
import urllib.parse
from pathlib import Path

import browsers
import pytest
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
    assert pages == sorted(["index.html", "references.html", *(f"{n}.html" for n in notebooks)])


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
