"""Headless Chromium for the tests that judge a page as a reader's browser shows it (selenium, Debian's
``chromium`` and ``chromium-driver``).

Without a browser those tests are skipped and the run's summary says so in capitals (see ``conftest.py``);
with ``LIKERTKIT_REQUIRE_BROWSER=1`` (CI) a missing browser is a failure instead.
"""

import os
import shutil

import pytest

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def missing(sphinx: bool = False) -> str:
    """Why a browser test cannot run here ("" when it can)."""
    try:
        import selenium  # noqa: F401
        if sphinx:
            import sphinx as _sphinx  # noqa: F401
    except ImportError as err:
        return f"{err.name} is not installed (pip install -r requirements-site.txt)"
    if not (CHROMIUM and CHROMEDRIVER):
        return "Chromium or ChromeDriver is not installed (Debian: apt-get install chromium chromium-driver)"
    return ""


def required_or_skipped(reason: str):
    """The ``pytestmark`` of a module of browser tests: skip loudly, or fail in CI, when ``reason`` is set."""
    if reason and os.environ.get("LIKERTKIT_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"LIKERTKIT_REQUIRE_BROWSER=1 but the browser tests cannot run: {reason}")
    return pytest.mark.skipif(bool(reason), reason=f"BROWSER TESTS NOT RUN: {reason}")


def chromium():
    """A headless Chromium that keeps its console log, never reaching the network on its own."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--hide-scrollbars"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    return driver
