"""A real `streamlit run app.py` on 127.0.0.1 and headless Debian Chromium via Playwright.
The launcher, the offline route and the map helpers live in tests/helpers.py (the bench uses
them too); they are re-exported here for the browser tests."""

from __future__ import annotations

import os
import tempfile

import pytest

from tests.helpers import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    MAP_FRAME,
    UNCOVERED_POINT,
    ScriptRuns,
    block_tiles,
    start_server,
)

__all__ = ["ARTIFACTS", "CHROMIUM", "CHROMIUM_ARGS", "MAP_FRAME", "UNCOVERED_POINT", "ScriptRuns", "start_server"]

# Playwright's default of 5 s per expect() is too tight when the box is busy (a rerun
# under load can take longer); every expect() without its own timeout waits this long.
EXPECT_TIMEOUT_MS = 20_000


def pytest_configure(config):
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server():
    srv = start_server()
    yield srv.url
    srv.stop(keep_as="server.log")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("HOME", tempfile.mkdtemp(prefix="ggm-pw-"))
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    ctx = browser.new_context(viewport={"width": 1400, "height": 950}, locale="ko-KR")
    block_tiles(ctx)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    pg.runs = ScriptRuns(pg)  # attached before the test's first goto
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    try:  # for review only: a page that hangs must not turn into a second error here
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False, timeout=10_000)
    except Exception as exc:
        print(f"screenshot of {request.node.name} failed: {exc}")
    ctx.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone_page(browser):
    """A page on a phone-sized touch screen (390 x 844), tiles blocked."""
    ctx = browser.new_context(**PHONE, locale="ko-KR")
    block_tiles(ctx)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()
