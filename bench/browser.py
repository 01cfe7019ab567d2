"""Browser figures in headless Chromium (async Playwright, one browser, a context per session).

Latencies are taken in this process with time.perf_counter around the user action and
a page.wait_for_function that polls every 10 ms; page-load milestones are recorded in
the page itself (performance.now(), i.e. from navigation start) by an init script."""

from __future__ import annotations

import asyncio
import contextlib
import random
import re
import time
from dataclasses import dataclass, field
from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeout

from geo.core.i18n import t
from geo.core.vocabulary import HOME_CENTER, HOME_MAX_ZOOM, Status
from tests.helpers import MAP_FRAME, UNCOVERED_POINT, Server, block_tiles

POLL_MS = 10

# Records when the sidebar, the map iframe and the first region polygon first exist.
MARKS_JS = f"""(() => {{
  if (window.top !== window) return;
  const marks = window.__ggmMarks = {{}};
  const tick = () => {{
    const now = performance.now();
    if (!marks.sidebar && document.querySelector('[data-testid="stSidebar"]')) marks.sidebar = now;
    const f = document.querySelector("{MAP_FRAME}");
    if (f && !marks.iframe) marks.iframe = now;
    try {{
      if (f && f.contentDocument && f.contentDocument.querySelector('path[class*="region-"]')) marks.region = now;
    }} catch (e) {{}}
    if (!marks.region) setTimeout(tick, 5);
  }};
  tick();
}})();"""

MAP_STATE_JS = f"""() => {{
  const f = document.querySelector("{MAP_FRAME}"), d = f && f.contentDocument;
  if (!d) return {{regions: 0, gtx: 0}};
  return {{regions: d.querySelectorAll('path[class*="region-"]').length,
           gtx: d.querySelectorAll('path.gtx-line').length}};
}}"""

GTX_SHOWN_JS = f"""(on) => {{
  const f = document.querySelector("{MAP_FRAME}"), d = f && f.contentDocument;
  if (!d || d.querySelectorAll('path[class*="region-"]').length < 31) return false;
  const n = d.querySelectorAll('path.gtx-line').length;
  return on ? n > 0 : n === 0;
}}"""

# The Suseo–Dongtan section's status class: under construction in February 2024, operating in March.
SECTION_STATUS_JS = f"""(want) => {{
  const f = document.querySelector("{MAP_FRAME}"), d = f && f.contentDocument;
  const p = d && d.querySelector('path.gtx-section-a-suseo-dongtan');
  return !!p && p.classList.contains('gtx-status-' + want);
}}"""
TIMELINE_START = "/?date=2024-02-29&layers=gtx"  # one slider step before the opening of 2024-03-30

HEADING_JS = "(name) => [...document.querySelectorAll('h2')].some(h => h.textContent.trim() === name)"

EXCEPTION_JS = "() => document.querySelectorAll('[data-testid=\"stException\"]').length"


@dataclass
class Session:
    ctx: Any  # playwright's BrowserContext and Page (async API)
    page: Any
    gtx_on: bool = True
    errors: list[str] = field(default_factory=list)


async def open_session(browser, lang: str = "ko") -> Session:
    ctx = await browser.new_context(
        viewport={"width": 1400, "height": 950}, locale="ko-KR" if lang == "ko" else "en-US"
    )
    await block_tiles(ctx)  # no tile server offline: answer at once with nothing
    await ctx.add_init_script(MARKS_JS)
    page = await ctx.new_page()
    s = Session(ctx, page)
    page.on("pageerror", lambda e: s.errors.append(f"pageerror: {e}"))
    return s


async def first_map(s: Session, url: str, timeout_s: float) -> dict:
    """Navigate; ms from navigation start until the sidebar, the iframe and the first region path."""
    await s.page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    await s.page.wait_for_function(
        "() => window.__ggmMarks && window.__ggmMarks.region", polling=POLL_MS, timeout=timeout_s * 1000
    )
    return await s.page.evaluate("() => window.__ggmMarks")


# True once the script has not been running, and the map has been drawn, for `quiet` ms in a row,
# counted from the last QUIET_RESET_JS (evaluated in the page, polled by wait_for_function).
QUIET_JS = f"""(quiet) => {{
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app ? app.getAttribute('data-test-script-state') : null;
  const f = document.querySelector("{MAP_FRAME}"), d = f && f.contentDocument;
  const drawn = !!d && d.querySelectorAll('path[class*="region-"]').length >= 31;
  const now = performance.now();
  if (window.__ggmQuietSince === undefined) window.__ggmQuietSince = now;  // a new page
  if (state === null || state === "running" || state === "rerunRequested" || !drawn) {{
    window.__ggmQuietSince = now;
    return false;
  }}
  return now - window.__ggmQuietSince >= quiet;
}}"""
QUIET_RESET_JS = "() => { window.__ggmQuietSince = performance.now(); }"


async def settle(s: Session, quiet_ms: int = 1000, timeout_s: float = 120) -> None:
    """Until the script has not been running, and the map has been drawn, for `quiet_ms`
    (a remounted map may start another rerun once it is drawn)."""
    try:
        await s.page.evaluate(QUIET_RESET_JS)
        await s.page.wait_for_function(QUIET_JS, arg=quiet_ms, polling=50, timeout=timeout_s * 1000)
    except PlaywrightTimeout:
        raise TimeoutError("the app did not become idle") from None


# streamlit-folium's reports from the map frame to the app, counted (the wrapper is installed once).
SENDS_JS = """() => {
  const S = window.Streamlit;
  if (S.__ggmSends === undefined) {
    S.__ggmSends = 0;
    const send = S.setComponentValue;
    S.setComponentValue = function () { S.__ggmSends += 1; return send.apply(this, arguments); };
  }
  return S.__ggmSends;
}"""


async def _map_frame(page):
    el = await page.query_selector(MAP_FRAME)
    return el, await el.content_frame()


async def _map_in_view(page):
    """The map's iframe and frame, the iframe scrolled into view first (not timed): a button
    further down the page (Back, under the panel) leaves the page scrolled past the map, and a
    mouse click at a point off the viewport reaches nothing and raises nothing."""
    el = await page.query_selector(MAP_FRAME)
    await el.scroll_into_view_if_needed()
    return el, await el.content_frame()


class OffViewport(LookupError):
    """A map point that a mouse click could not reach."""


async def _page_point(page, el, point: dict) -> tuple[float, float]:
    """`point` (map frame coordinates) on the page; OffViewport when it is not in the viewport."""
    box = await el.bounding_box()
    x, y = box["x"] + point["x"], box["y"] + point["y"]
    vp = page.viewport_size
    if not (0 <= x < vp["width"] and 0 <= y < vp["height"]):
        raise OffViewport(f"map point ({x:.0f}, {y:.0f}) is off the viewport")
    return x, y


async def click_region(s: Session, slug: str, heading: str, timeout_s: float) -> float:
    """Click the region's polygon; ms until the panel heading shows its name."""
    el, frame = await _map_in_view(s.page)
    point = await frame.evaluate(UNCOVERED_POINT, f"path.region-{slug}")
    if point is None and await frame.evaluate("window.map.getZoom()") > HOME_MAX_ZOOM:
        # Zoomed to an earlier pick: zoom out to the province as a person would (not timed),
        # and let the move's own rerun finish first: the map reports the move, then the app settles.
        sent = await frame.evaluate(SENDS_JS)
        await frame.evaluate(f"window.map.setView([{HOME_CENTER[0]}, {HOME_CENTER[1]}], 9, {{animate: false}})")
        await frame.wait_for_function("(n) => window.Streamlit.__ggmSends > n", arg=sent, timeout=timeout_s * 1000)
        await settle(s, 500, timeout_s)
        point = await frame.evaluate(UNCOVERED_POINT, f"path.region-{slug}")
    if point is None:
        raise LookupError(f"no uncovered point on region {slug}")
    x, y = await _page_point(s.page, el, point)
    t0 = time.perf_counter()
    await s.page.mouse.click(x, y)
    await s.page.wait_for_function(HEADING_JS, arg=heading, polling=POLL_MS, timeout=timeout_s * 1000)
    return (time.perf_counter() - t0) * 1000


# Search queries and the heading the place panel then shows (the picked place's name): each a
# different place, so no pick finds its answer already memoised (geo/answers/place_index.memo) by an
# earlier one. Korean, romanized and initial-consonant queries; stations, cities and dong.
# tests/test_bench.py checks that each finds its place and that the places differ.
SEARCHES = (
    ("동탄", "동탄"),
    ("하남", "하남시"),
    ("서울역", "서울역"),
    ("ㅅㅅ", "수서"),
    ("판교동", "판교동"),
    ("킨텍스", "킨텍스"),
    ("Yongin", "용인시"),
    ("의정부", "의정부"),
    ("송도", "송도동"),
    ("ㄱㅊ", "과천시"),
    ("평택지제", "평택지제"),
    ("분당", "분당동"),
    ("청량리", "청량리"),
    ("양평", "양평군"),
    ("Gapyeong", "가평"),
    ("광명", "광명시"),
)
ZOOM_JS = "(z0) => window.map && window.map.getZoom() > z0 + 1"
HOME_ZOOM_JS = f"() => window.map && !window.map._animatingZoom && window.map.getZoom() <= {HOME_MAX_ZOOM}"


async def search_pick(s: Session, query: str, heading: str, timeout_s: float, quiet_ms: int) -> float:
    """Type `query` in the sidebar's search box and let its results show (not timed), then pick
    the result named `heading`; ms from the pick until the place panel's heading shows and the
    map has zoomed in."""
    side = s.page.get_by_test_id("stSidebar")
    box = side.get_by_role("textbox")
    await box.fill(query)
    await box.press("Enter")
    await settle(s, quiet_ms, timeout_s)  # this query's results, not the last one's
    # A result button reads "name · kind · context" (ui/search_box.py).
    hit = side.get_by_role("button", name=re.compile(rf"^{re.escape(heading)} · ")).first
    await hit.wait_for(timeout=timeout_s * 1000)
    _el, frame = await _map_frame(s.page)
    z0 = await frame.evaluate("window.map.getZoom()")
    t0 = time.perf_counter()
    await hit.click()
    await s.page.wait_for_function(HEADING_JS, arg=heading, polling=POLL_MS, timeout=timeout_s * 1000)
    await frame.wait_for_function(ZOOM_JS, arg=z0, polling=POLL_MS, timeout=timeout_s * 1000)
    return (time.perf_counter() - t0) * 1000


async def back_home(s: Session, timeout_s: float) -> None:
    """The panel's Back button; until the map is fitted to the province again (not timed)."""
    await s.page.get_by_role("button", name=t("back", "ko")).click(timeout=timeout_s * 1000)
    _el, frame = await _map_frame(s.page)
    await frame.wait_for_function(HOME_ZOOM_JS, polling=POLL_MS, timeout=timeout_s * 1000)


# The place panel's caption starts with its kind (ui/answers.place_panel).
PLACE_CAPTION_JS = """(start) => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')]
  .some(c => c.textContent.startsWith(start))"""
PLACE_CAPTION = t("place_panel", "ko") + " · "


async def click_zoomed(s: Session, slug: str, heading: str, timeout_s: float, button: str = "left") -> float:
    """Click the region at the province view; ms until its panel heading shows and the map has
    zoomed to it. A right-click (the place gesture, layers/place_gesture.py) waits for the place
    panel instead."""
    el, frame = await _map_in_view(s.page)
    point = await frame.evaluate(UNCOVERED_POINT, f"path.region-{slug}")
    if point is None:
        raise LookupError(f"no uncovered point on region {slug}")
    z0 = await frame.evaluate("window.map.getZoom()")
    x, y = await _page_point(s.page, el, point)
    t0 = time.perf_counter()
    await s.page.mouse.click(x, y, button=button)
    if button == "right":
        await s.page.wait_for_function(PLACE_CAPTION_JS, arg=PLACE_CAPTION, polling=POLL_MS, timeout=timeout_s * 1000)
    else:
        await s.page.wait_for_function(HEADING_JS, arg=heading, polling=POLL_MS, timeout=timeout_s * 1000)
    await frame.wait_for_function(ZOOM_JS, arg=z0, polling=POLL_MS, timeout=timeout_s * 1000)
    return (time.perf_counter() - t0) * 1000


@dataclass
class Answers:
    """What answers() has measured so far. The caller owns it, so a time budget that cuts the
    step off keeps every figure taken before."""

    first_search: float | None = None  # the first pick in the server process (cold), not in `searches`
    searches: list[float] = field(default_factory=list)  # the n picks after it, each a different place
    zooms: list[float] = field(default_factory=list)
    gestures: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    step: str = "not started"  # the step in progress (named when the budget runs out)


STEP_ERRORS = (PlaywrightTimeout, PlaywrightError, TimeoutError)  # TimeoutError: settle()


async def answers(
    s: Session, url: str, order: list[tuple[str, str]], n: int, timeout_s: float, quiet_ms: int, out: Answers
) -> None:
    """The app only (the naive build has neither search nor zoom): search -> place panel,
    click -> zoomed panel and right-click -> zoomed place panel, each followed by Back to the
    province view. Starts from the app's
    opening view (not timed); fills `out` as it goes. n + 1 searches, each for a different place:
    the first (cold: the first place answer in the server process) goes to `out.first_search`."""
    if n + 1 > len(SEARCHES):
        raise ValueError(f"{n} searches after the first need {n + 1} different queries; SEARCHES has {len(SEARCHES)}")
    timeout_s = min(timeout_s, 20.0)  # one stuck step must not hold the whole run
    out.step = "opening the app"
    try:
        await first_map(s, url, timeout_s)
        await settle(s, quiet_ms, timeout_s)
    except STEP_ERRORS as exc:
        out.problems.append(_failed(out.step, exc, timeout_s))
        return
    for i, (query, heading) in enumerate(SEARCHES[: n + 1]):
        out.step = f"search {query}"
        try:
            ms = await search_pick(s, query, heading, timeout_s, quiet_ms)
            if i == 0:
                out.first_search = ms
            else:
                out.searches.append(ms)
            await settle(s, quiet_ms, timeout_s)
            out.problems += await check_page(s, heading)
            out.step = f"Back after search {query}"
            await back_home(s, timeout_s)
            await settle(s, quiet_ms, timeout_s)
        except STEP_ERRORS as exc:
            out.problems.append(_failed(out.step, exc, timeout_s))
            await _recover(s, url, timeout_s, quiet_ms)
    for label, button, into in (("click on", "left", out.zooms), ("right-click on", "right", out.gestures)):
        for slug, heading in order:
            if len(into) >= n:
                break
            out.step = f"{label} {slug}"
            try:
                into.append(await click_zoomed(s, slug, heading, timeout_s, button))
                await settle(s, quiet_ms, timeout_s)
                out.problems += await check_page(s, heading if button == "left" else None)
                out.step = f"Back after {label} {slug}"
                await back_home(s, timeout_s)
                await settle(s, quiet_ms, timeout_s)
            except OffViewport as exc:
                out.problems.append(f"{out.step}: {exc}")
            except LookupError:  # covered by markers at the province view: take the next region
                continue
            except STEP_ERRORS as exc:
                out.problems.append(_failed(out.step, exc, timeout_s))
                await _recover(s, url, timeout_s, quiet_ms)
    out.step = "done"


def _failed(step: str, exc: Exception, timeout_s: float) -> str:
    if isinstance(exc, PlaywrightTimeout | TimeoutError):
        return f"{step}: not done within {timeout_s:.0f} s"
    return f"{step}: {type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:160]}"


async def _recover(s: Session, url: str, timeout_s: float, quiet_ms: int) -> None:
    """After a failed step: the opening view again, so one failure does not fail every step after it."""
    with contextlib.suppress(*STEP_ERRORS):
        await first_map(s, url, timeout_s)
        await settle(s, quiet_ms, timeout_s)


async def toggle_gtx(s: Session, lang: str, timeout_s: float) -> float:
    """Flip the GTX toggle in the sidebar; ms until the GTX lines are gone from / back on the map."""
    label = s.page.get_by_test_id("stSidebar").get_by_text(t("layer.gtx", lang), exact=True)
    box = await label.bounding_box()
    want = not s.gtx_on
    t0 = time.perf_counter()
    await s.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    await s.page.wait_for_function(GTX_SHOWN_JS, arg=want, polling=POLL_MS, timeout=timeout_s * 1000)
    s.gtx_on = want
    return (time.perf_counter() - t0) * 1000


async def move_timeline(s: Session, forward: bool, timeout_s: float) -> float:
    """One step of the month slider (keyboard); ms until the GTX lines are restyled as of the new month."""
    thumb = s.page.get_by_role("slider").first
    await thumb.focus()
    want = Status.OPERATING if forward else Status.UNDER_CONSTRUCTION
    t0 = time.perf_counter()
    await thumb.press("ArrowRight" if forward else "ArrowLeft")
    await s.page.wait_for_function(SECTION_STATUS_JS, arg=want, polling=POLL_MS, timeout=timeout_s * 1000)
    return (time.perf_counter() - t0) * 1000


async def timeline_moves(
    s: Session, base_url: str, n: int, timeout_s: float, quiet_ms: int
) -> tuple[list[float], list[str]]:
    """Open the map at March 2024 and move the slider a month forward and back, `n` times."""
    times, problems = [], []
    await first_map(s, base_url + TIMELINE_START, timeout_s)
    await settle(s, quiet_ms)
    for i in range(n):
        try:
            times.append(await move_timeline(s, forward=i % 2 == 0, timeout_s=timeout_s))
        except PlaywrightTimeout:
            problems.append(f"timeline move: map not restyled within {timeout_s:.0f} s")
            break
        await settle(s, quiet_ms)
        problems += await check_page(s)
    return times, problems


async def check_page(s: Session, heading: str | None = None) -> list[str]:
    """Problems visible on the page now: exception boxes, a wrong panel."""
    problems = []
    if await s.page.evaluate(EXCEPTION_JS):
        problems.append("stException on the page")
    if heading is not None and not await s.page.evaluate(HEADING_JS, heading):
        problems.append(f"panel heading is not {heading!r}")
    return problems


def click_order(regions: list[tuple[str, str]], seed: int) -> list[tuple[str, str]]:
    order = list(regions)
    random.Random(seed).shuffle(order)
    return order


async def clicks(
    s: Session, order: list[tuple[str, str]], n: int, timeout_s: float, quiet_ms: int
) -> tuple[list[float], list[str]]:
    times: list[float] = []
    problems: list[str] = []
    for slug, heading in order:
        if len(times) >= n:
            break
        try:
            times.append(await click_region(s, slug, heading, timeout_s))
        except LookupError as exc:  # covered by markers at this zoom: take the next region
            problems.append(str(exc))
            continue
        except PlaywrightTimeout:
            problems.append(f"click on {slug}: no panel within {timeout_s:.0f} s")
        await settle(s, quiet_ms)
        problems += await check_page(s, heading)
    return times, problems


async def _sync_gtx(s: Session) -> None:
    """Read the GTX state back from the map (after a failed toggle)."""
    state = await s.page.evaluate(MAP_STATE_JS)
    s.gtx_on = state["gtx"] > 0


async def toggles(s: Session, n: int, lang: str, timeout_s: float, quiet_ms: int) -> tuple[list[float], list[str]]:
    times: list[float] = []
    problems: list[str] = []
    for _ in range(n):
        try:
            times.append(await toggle_gtx(s, lang, timeout_s))
        except PlaywrightTimeout:
            problems.append(f"GTX toggle: map not updated within {timeout_s:.0f} s")
        await settle(s, quiet_ms)
        await _sync_gtx(s)
        problems += await check_page(s)
    if not s.gtx_on:  # leave the layer as it was
        try:
            await toggle_gtx(s, lang, timeout_s)
        except PlaywrightTimeout:
            problems.append("GTX toggle (restoring): map not updated")
        await settle(s, quiet_ms)
        await _sync_gtx(s)
    return times, problems


async def rss_sampler(server: Server, out: list[int], stop: asyncio.Event, every_s: float = 0.25) -> None:
    while not stop.is_set():
        out.append(server.rss())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every_s)


async def load_session(s: Session, plan: list[tuple], lang: str, deadline: float, timeout_s: float) -> dict:
    """One user's clicks and toggles; every panel and map state is checked."""
    done = []
    for step in plan:
        left = deadline - time.perf_counter()
        if left <= 0:
            done.append({"kind": step[0], "ok": False, "error": "not started: load-test time budget used up"})
            continue
        try:
            if step[0] == "click":
                ms = await click_region(s, step[1], step[2], min(timeout_s, left))
                await settle(s, 500, timeout_s=max(left, 1))
                problems = await check_page(s, step[2])
            else:
                ms = await toggle_gtx(s, lang, min(timeout_s, left))
                await settle(s, 500, timeout_s=max(left, 1))
                problems = await check_page(s)
            done.append({"kind": step[0], "ms": ms, "ok": not problems, "error": "; ".join(problems) or None})
        except Exception as exc:  # a timeout is a failed interaction, not a crashed benchmark
            done.append({"kind": step[0], "ok": False, "error": f"{type(exc).__name__}: {str(exc)[:200]}"})
            with contextlib.suppress(Exception):
                await _sync_gtx(s)
    return {"steps": done, "page_errors": list(s.errors)}


def load_plan(regions: list[tuple[str, str]], i: int, n: int, toggle_every: int = 3) -> list[tuple]:
    """n interactions: region clicks (a different region each time) with a GTX toggle every `toggle_every`."""
    order = click_order(regions, seed=100 + i)
    plan: list[tuple] = []
    k = 0
    for j in range(n):
        if (j + 1) % toggle_every == 0:
            plan.append(("toggle",))
        else:
            plan.append(("click", *order[k % len(order)]))
            k += 1
    return plan
