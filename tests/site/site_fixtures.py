"""Fixtures: the study site built once per test session, served locally, and a real browser.

A plugin module rather than a conftest.py: tests/conftest.py is imported as `conftest` by the
other tests, and a second conftest.py would take its place. Test modules load this one with
`pytest_plugins = ["site_fixtures"]`.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_coverage import REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "test-output" / "screenshots"


@dataclass(frozen=True)
class Build:
    site: Path
    returncode: int
    output: str
    seconds: float


def build_site(root: Path, site: Path) -> Build:
    """`mkdocs build --strict` of the repository at `root` into `site`, as CI and Pages run it."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MLFLOW_DISABLE_TELEMETRY": "true"}
    started = time.monotonic()
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site)],
        cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    return Build(site, done.returncode, done.stdout + done.stderr, time.monotonic() - started)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(REPO, tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def built_site(site_build: Build) -> Path:
    """The built site's folder; the tests that need it stop with the build's output when it failed."""
    if site_build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{_tail(site_build.output)}", pytrace=False)
    return site_build.site


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1, on a free port, from a thread."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright (never a downloaded browser build)."""
    if not CHROMIUM.exists():
        message = (
            f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; on CI the browser tests must run", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Tab:
    """A browser page with the console errors and failed requests it collected."""

    page: object
    errors: list[str]
    base: str

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture(scope="session")
def browser_context(browser) -> Iterator[object]:
    """One context for all tests, so the browser's cache is shared and each page loads fast."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def tab(browser_context, site_url: str) -> Iterator[Tab]:
    page = browser_context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: _failed(request, errors))
    # Nothing may leave the machine: a request to anywhere but the local server is an error.
    page.route(
        lambda url: not url.startswith(site_url) and not url.startswith("data:"),
        lambda route: (errors.append(f"external request: {route.request.url}"), route.abort()),
    )
    try:
        yield Tab(page, errors, site_url)
    finally:
        page.close()


def _failed(request, errors: list[str]) -> None:
    # A request the page itself cancels (navigating away mid-load) is not a fault of the site;
    # external requests are recorded (and stopped) by the route above.
    if "ERR_ABORTED" not in (request.failure or ""):
        errors.append(f"request failed: {request.url} ({request.failure})")
