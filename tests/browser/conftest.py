"""Fixtures of the browser tests: headless Debian Chromium driven by Playwright (no browser
download: ``executable_path`` points at /usr/bin/chromium), every non-file request blocked."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def _load_graphs():
    """tests/export/graphs.py, registered as ``kg_test_graphs`` so test modules can import it
    (pytest runs in importlib mode: test folders are not on sys.path)."""
    if "kg_test_graphs" in sys.modules:
        return sys.modules["kg_test_graphs"]
    spec = importlib.util.spec_from_file_location("kg_test_graphs", Path(__file__).parent.parent / "export" / "graphs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["kg_test_graphs"] = module
    spec.loader.exec_module(module)
    return module


graphs = _load_graphs()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """A page opened from file:// with everything else blocked, and what happened on it."""

    def __init__(self, browser, path: Path, hash: str = "") -> None:
        self.url = path.resolve().as_uri()
        self.external: list[str] = []  # non-file requests (blocked)
        self.other_files: list[str] = []  # file requests other than the page itself
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url + hash)
        self.page.wait_for_function("window.kgReady === true", timeout=120_000)

    def _route(self, route) -> None:
        url = route.request.url
        if url == self.url:
            route.continue_()
            return
        (self.other_files if url.startswith("file:") else self.external).append(url)
        route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    pages: list[Page] = []

    def _open(path: Path, hash: str = "") -> Page:
        page = Page(browser, path, hash)
        pages.append(page)
        return page

    yield _open
    for page in pages:
        page.close()
