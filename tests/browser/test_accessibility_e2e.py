"""Accessibility in Chromium: axe-core (WCAG 2.0/2.1 A and AA) on every kind of page and in
the map's frame, at desktop and phone size. See docs/accessibility.md."""

import pytest
from playwright.sync_api import expect

from tests.browser.axe import assert_no_violations
from tests.helpers import MAP_FRAME, ScriptRuns, block_tiles


def open_settled(page, url, heading):
    """Open the app; return once the first run and the rerun the map's first event makes have finished."""
    if not hasattr(page, "runs"):
        page.runs = ScriptRuns(page)
    page.goto(url)
    expect(page.frame_locator(MAP_FRAME).locator("path.region-yongin")).to_be_attached(timeout=45_000)
    expect(page.get_by_role("heading", name=heading).first).to_be_visible()
    page.runs.settle(after=1)


def map_frame(page):
    return next(f for f in page.frames if "streamlit_folium" in f.url)


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("/", "개요"),
        ("/?region=yongin", "용인시"),
        ("/?station=dongtan", "동탄"),
        ("/?cluster=semiconductor", "K-반도체 메가클러스터"),
        ("/?region=hanam&lang=en", "Hanam"),
        ("/?region=%3Cb%3E", "개요"),  # with the notice for an unrecognised link
        ("/?view_mode=table&station=dongtan&lang=en", "Dongtan"),
    ],
    ids=["overview", "region", "station", "cluster", "english", "notice", "table"],
)
def test_page_has_no_axe_violations(page, server, query, heading):
    open_settled(page, server + query, heading)
    assert_no_violations(page.main_frame, f"the page {query}")


def test_map_frame_has_no_axe_violations(page, server):
    open_settled(page, server + "/?station=dongtan", "동탄")
    assert_no_violations(map_frame(page), "the map's frame")


def test_phone_layout_has_no_axe_violations(phone_page, server):
    page = phone_page
    open_settled(page, server + "/?region=yongin", "용인시")
    assert_no_violations(page.main_frame, "the page at 390 px")
    frame = map_frame(page)
    assert_no_violations(frame, "the map's frame at 390 px")
    viewport = frame.evaluate("document.querySelector('meta[name=viewport]').content")
    assert "maximum-scale" not in viewport and "user-scalable" not in viewport


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_turns_map_animation_off(browser, server, motion):
    ctx = browser.new_context(viewport={"width": 1200, "height": 900}, locale="ko-KR", reduced_motion=motion)
    block_tiles(ctx)
    page = ctx.new_page()
    try:
        page.goto(server + "/?layers=gtx")
        expect(page.frame_locator(MAP_FRAME).locator("path.region-yongin")).to_be_attached(timeout=45_000)
        animated = map_frame(page).evaluate(
            "[window.map._zoomAnimated, window.map._fadeAnimated, window.map.options.zoomAnimation]"
        )
        assert animated == ([False, False, False] if motion == "reduce" else [True, True, True])
    finally:
        ctx.close()
