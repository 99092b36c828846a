"""End-to-end tests in a real browser: Playwright (sync API) driving Debian's Chromium
against the app served by pytest-django's ``live_server``, with axe-core checking every page.

Run them with ``pytest -m e2e`` (they also run in a plain ``pytest``). They skip, with the
reason, when the ``playwright`` or ``axe-playwright-python`` package or ``/usr/bin/chromium``
is missing. Browsers are never downloaded: Playwright is pointed at the system Chromium.

Django's async-safety check and Playwright
-------------------------------------------
Playwright's sync API runs an asyncio event loop in the test's thread (in a greenlet), so
while it runs, Django sees a running loop and refuses ORM calls from that thread
(``SynchronousOnlyOperation``). We do *not* turn the check off with
``DJANGO_ALLOW_ASYNC_UNSAFE`` (that is process-wide and would hide real mistakes in the
rest of the suite). Instead Playwright lives per test and only between the data and the
database teardown: the ``page`` fixture depends on the seed fixtures (so the data exists
before the event loop starts) and is torn down before pytest-django flushes the database.
Inside a test body everything goes through the browser, as it does for a user; the server
runs in its own thread, where there is no event loop.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

# Debian's Chromium; IOP_E2E_CHROMIUM points elsewhere (another distribution's path).
CHROMIUM = os.environ.get("IOP_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "iop-demo-2026"  # partnerships.demo.DEMO_PASSWORD, as in the README
SEED_TIME = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)

# Every page axe checked in this run: (test, url, state, violations), printed at the end.
AXE_LOG: list[tuple[str, str, str, int]] = []


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "e2e: end-to-end test in a real browser (Playwright + /usr/bin/chromium, axe-core); "
        "skipped when they are missing",
    )


def missing_browser_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (pip install playwright==1.65.2)"
    if importlib.util.find_spec("axe_playwright_python") is None:
        return (
            "the Python package axe-playwright-python is not installed "
            "(pip install axe-playwright-python==0.1.8)"
        )
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests up front (before their data is seeded) when they cannot run."""
    reason = missing_browser_reason()
    if reason is None:
        return
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.skip(reason=f"e2e: {reason}"))


def pytest_terminal_summary(terminalreporter):
    """Per-page axe summary (URL: violations), so it shows in CI logs even with -q."""
    if not AXE_LOG:
        return
    terminalreporter.section("axe-core (WCAG 2.1 A/AA): violations per page")
    for test, url, state, count in AXE_LOG:
        suffix = f" [{state}]" if state else ""
        terminalreporter.write_line(f"{url}{suffix}: {count} violations  ({test})")
    total = sum(count for *_, count in AXE_LOG)
    terminalreporter.write_line(f"{len(AXE_LOG)} page checks, {total} violations in all")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so ``browser_page`` knows of a failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


# --- data -------------------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    """Issued documents go to a temporary MEDIA_ROOT, not var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_data(transactional_db, media_root):
    """``manage.py seed_demo`` (the Linköping case and its users), loaded before the browser
    starts. The clock is held at a day in November 2026 while seeding only; the server and
    the browser then run on the real clock (a frozen clock would expire cookies)."""
    import time_machine
    from django.core.management import call_command

    with time_machine.travel(SEED_TIME, tick=False):
        call_command("seed_demo", verbosity=0)


# --- the browser ------------------------------------------------------------------------


@pytest.fixture
def browser_page(request, live_server, tmp_path):
    """A fresh Chromium page (own context: cookies, no CSP bypass) for one test, with an
    ``A11y`` recorder. Depend on the data fixtures *before* this one."""
    reason = missing_browser_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    a11y = A11y(page=page, test=request.node.name, base=live_server.url)
    page.on("response", a11y.record_navigation)
    page.on("console", a11y.record_console)
    try:
        yield page, a11y
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            # What the browser showed when the test failed: HTML and a screenshot.
            (tmp_path / "failure.html").write_text(page.content())
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            print(f"browser state at failure ({page.url}): {tmp_path}/failure.html, .png")
    finally:
        context.close()
        browser.close()
        playwright.stop()


@dataclass
class A11y:
    """Runs axe-core on the page and remembers every HTML page the browser navigated to, so
    a test can prove that axe saw all of them."""

    page: object
    test: str
    base: str
    visited: list[str] = field(default_factory=list)
    checked: dict[str, list[dict]] = field(default_factory=dict)
    csp_errors: list[str] = field(default_factory=list)

    def _path(self, url: str) -> str:
        parts = urlparse(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def record_navigation(self, response) -> None:
        request = response.request
        if not request.is_navigation_request() or request.frame.parent_frame is not None:
            return
        if "text/html" not in (response.headers.get("content-type") or ""):
            return
        if 300 <= response.status < 400:
            return
        path = self._path(response.url)
        if path not in self.visited:
            self.visited.append(path)

    def record_console(self, message) -> None:
        """The browser reports what the Content Security Policy blocked (an inline style,
        a script) on the console; a page that needs something blocked is broken."""
        if message.type == "error" and "Content Security Policy" in message.text:
            path = self._path(self.page.url)
            self.csp_errors.append(f"{path}: {message.text[:300]}")

    def check(self, state: str = "") -> list[dict]:
        """axe on the current page at WCAG 2.1 A and AA; returns the violations (recorded
        for ``assert_clean``). ``state`` names a non-default state, e.g. "form errors"."""
        from axe_playwright_python.sync_playwright import Axe

        # The app's CSP does not stop this: Playwright evaluates over the DevTools protocol,
        # not through a <script> element, so the page is checked exactly as users get it.
        results = self._run_axe(Axe())
        assert results.get("testEngine", {}).get("name") == "axe-core", results
        violations = results["violations"]
        path = self._path(self.page.url)
        key = f"{path} [{state}]" if state else path
        self.checked[key] = violations
        AXE_LOG.append((self.test, path, state, len(violations)))
        print(f"axe {key}: {len(violations)} violations")
        for v in violations:
            print(f"    {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:5]]}")
        return violations

    def _run_axe(self, axe) -> dict:
        """Runs axe once the page has loaded. A click that submits a form or follows a link
        returns before the next page has loaded; axe started in that moment finds no
        document (or its context is destroyed by the navigation), so it waits for the load
        and runs again on the page that arrived."""
        from playwright.sync_api import Error

        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        for attempt in range(3):
            self.page.wait_for_load_state()
            try:
                return axe.run(self.page, options=options).response
            except Error as error:
                navigating = "documentElement" in str(error) or "context was destroyed" in str(
                    error
                )
                if not navigating or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def assert_clean(self) -> None:
        """Zero violations on every checked page, every visited page was checked, and the
        CSP blocked nothing."""
        problems = []
        for key, violations in self.checked.items():
            for v in violations:
                targets = ", ".join(str(n["target"]) for n in v["nodes"][:5])
                problems.append(f"{key}: {v['id']} ({v['impact']}): {v['help']} -> {targets}")
        checked_paths = {key.split(" [")[0] for key in self.checked}
        unchecked = [path for path in self.visited if path not in checked_paths]
        assert not problems, "axe-core violations:\n" + "\n".join(problems)
        assert not unchecked, f"pages reached but not checked with axe: {unchecked}"
        assert not self.csp_errors, "blocked by the CSP:\n" + "\n".join(self.csp_errors)


# --- helpers for the journeys --------------------------------------------------------------


def login(page, username: str, password: str = DEMO_PASSWORD, a11y: A11y | None = None) -> None:
    page.goto("/logga-in/")
    if a11y is not None:
        a11y.check()
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def heading(page, level: int = 1) -> str:
    return page.get_by_role("heading", level=level).first.inner_text()


def squash(text: str) -> str:
    """Whitespace (also non-breaking and thin spaces used in amounts) as one space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()
