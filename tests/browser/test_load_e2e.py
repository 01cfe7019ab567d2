"""A light load test: four viewers at once on one server, each clicking regions and
toggling layers; every panel heading must be right and the server log clean.

Sync Playwright cannot be shared across threads, so the viewers run on the async API
in one worker thread (its own event loop, its own Chromium); the whole run is bounded."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time

import pytest

from geo.core.vocabulary import HOME_CENTER
from tests.helpers import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    IDLE_JS,
    MAP_FRAME,
    UNCOVERED_POINT,
    block_tiles,
    start_server,
)

VIEWERS = 4
BUDGET_S = 240  # the whole scenario, all viewers together (a busy 2-CPU box needs ~100 s)

# Per viewer: the start URL and three steps, each ("click", slug) or ("toggle", label),
# with the heading the panel must show afterwards.
SCENARIOS = [
    ("/", [("click", "yongin", "용인시"), ("toggle", "GTX 노선·역", "용인시"), ("click", "hanam", "하남시")]),
    ("/?lang=en", [("click", "hwaseong", "Hwaseong"), ("click", "paju", "Paju"), ("toggle", "Key sites", "Paju")]),
    ("/", [("click", "pyeongtaek", "평택시"), ("toggle", "AI 클러스터", "평택시"), ("click", "icheon", "이천시")]),
    (
        "/?lang=en&layers=semiconductor,ai",
        [("click", "yeoju", "Yeoju"), ("click", "gapyeong", "Gapyeong"), ("click", "anseong", "Anseong")],
    ),
]


async def click_region(page, slug: str) -> None:
    """Click region `slug` with the mouse at page coordinates (no scrolling in between)."""
    iframe = page.locator(MAP_FRAME)
    await iframe.scroll_into_view_if_needed()
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    deadline, zoomed_out = time.monotonic() + 20, False
    while not (point := await frame.evaluate(UNCOVERED_POINT, f"path.region-{slug}")):
        # The map may still be drawing or settling after a rerun, or zoomed to the last region
        # picked (selections zoom the map): zoom out to the province as a person would.
        assert time.monotonic() < deadline, f"no uncovered point on region {slug}"
        if not zoomed_out and time.monotonic() > deadline - 17:
            await frame.evaluate(f"window.map.setView([{HOME_CENTER[0]}, {HOME_CENTER[1]}], 9, {{animate: false}})")
            zoomed_out = True
        await asyncio.sleep(0.5)
    box = await iframe.bounding_box()
    await page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


@pytest.fixture(scope="module")
def logged_server():
    """Its own `streamlit run`, logging to a file the test can read while it runs."""
    srv = start_server(env={"PYTHONUNBUFFERED": "1"})
    yield srv
    srv.stop(keep_as="load-server.log")


async def viewer(browser, base: str, start: str, steps, timings: list):
    from playwright.async_api import expect

    ctx = await browser.new_context(viewport={"width": 1400, "height": 950}, locale="ko-KR")
    await block_tiles(ctx)
    page = await ctx.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        await page.goto(base + start)
        frame_loc = page.frame_locator(MAP_FRAME)
        await expect(frame_loc.locator("path.region-yongin")).to_be_attached(timeout=90_000)
        print(f"{time.strftime('%X')} {start} map shown", flush=True)
        for kind, what, heading in steps:
            t0 = time.perf_counter()
            if kind == "click":
                await click_region(page, what)
                await expect(page).to_have_url(re.compile(rf"region={what}"), timeout=60_000)
            else:
                before = page.url
                await page.get_by_test_id("stSidebar").get_by_text(what, exact=True).click()
                # The heading was there already: wait for the toggle's own rerun instead (it
                # rewrites the URL, then finishes), so the next click cannot race its redraw.
                await expect(page).not_to_have_url(before, timeout=60_000)
                await page.wait_for_function(IDLE_JS, timeout=60_000)
            await expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=60_000)
            timings.append(time.perf_counter() - t0)
            print(f"{time.strftime('%X')} {start} {kind} {what}: {timings[-1]:.1f} s", flush=True)
        assert await page.get_by_test_id("stException").count() == 0
        assert not errors, errors
    finally:
        await ctx.close()


async def run_all(base: str, timings: list):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.wait_for(
                asyncio.gather(*(viewer(browser, base, start, steps, timings) for start, steps in SCENARIOS)),
                timeout=BUDGET_S,
            )
        finally:
            await browser.close()


def test_four_concurrent_viewers(logged_server):
    srv = logged_server
    assert len(SCENARIOS) == VIEWERS
    timings: list[float] = []
    failure: list[BaseException] = []

    def worker():
        try:
            asyncio.run(run_all(srv.url, timings))
        except BaseException as exc:  # reported in the main thread
            failure.append(exc)

    cpu0 = srv.cpu_s()
    t0 = time.perf_counter()
    thread = threading.Thread(target=worker, name="load-viewers", daemon=True)
    thread.start()
    thread.join(BUDGET_S + 60)
    wall = time.perf_counter() - t0
    assert not thread.is_alive(), "the load scenario did not finish in time"
    if failure:
        raise failure[0]
    assert len(timings) == sum(len(steps) for _, steps in SCENARIOS)

    cpu = srv.cpu_s()
    rss_mb = srv.rss() / 2**20
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.json").write_text(
        json.dumps(
            {
                "viewers": VIEWERS,
                "steps": len(timings),
                "wall_s": round(wall, 1),
                "step_s_max": round(max(timings), 2),
                "step_s_median": round(sorted(timings)[len(timings) // 2], 2),
                "server_rss_mb": round(rss_mb),
                "server_cpu_s": round(cpu - cpu0, 1),
            },
            indent=2,
        )
    )

    assert srv.proc.poll() is None, "the server died"
    log = srv.log()
    assert "Traceback" not in log, log[-3000:]
    assert "Error" not in log, log[-3000:]
