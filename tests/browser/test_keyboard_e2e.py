"""The map without a mouse: Tab into it, arrow keys between features, Enter to open one."""

import re

from playwright.sync_api import expect

from tests.browser.test_dashboard_e2e import map_frame, open_map
from tests.helpers import MAP_FRAME

FOCUSED = """() => { const e = document.activeElement;
  return e && e.classList && e.classList.contains('ggm-kbd') ? e.getAttribute('aria-label') : null; }"""


def tab_into_map(page, limit=80):
    """Press Tab from the top of the page until a map feature has the focus; its name."""
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = map_frame(page).evaluate(FOCUSED)
        if label:
            return label
    raise AssertionError("Tab never reached the map's features")


def test_keyboard_only_selects_yongin(page, server):
    open_map(page, server + "/?layers=gtx,semiconductor")
    frame = map_frame(page)
    # One Tab stop in the map: every feature but one is out of the Tab order.
    stops = frame.evaluate("document.querySelectorAll('.ggm-kbd[tabindex=\"0\"]').length")
    assert stops == 1 and frame.evaluate("document.querySelectorAll('.ggm-kbd').length") > 100
    first = tab_into_map(page)
    assert first.startswith("가평군")  # regions in name order come first
    seen = [first]
    while not seen[-1].startswith("용인시"):
        page.keyboard.press("ArrowDown")
        seen.append(frame.evaluate(FOCUSED))
        assert len(seen) <= 31, seen
    assert seen == sorted(seen), seen  # 가나다 order
    assert seen[-1] == "용인시, K-반도체 메가클러스터"
    assert frame.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # focus is visible
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", name="용인시")
    expect(heading).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=yongin"))
    expect(page.frame_locator(MAP_FRAME).locator("path.region-yongin")).to_have_attribute("stroke-width", "4")
    # The new panel's heading gets the focus (a screen reader reads it); Escape goes back to the map.
    expect(heading).to_be_focused()
    page.keyboard.press("Escape")
    assert frame.evaluate(FOCUSED) == "용인시, K-반도체 메가클러스터"


def test_keyboard_reaches_stations_by_line_and_opens_one(page, server):
    open_map(page, server + "/?layers=gtx")
    frame = map_frame(page)
    tab_into_map(page)
    page.keyboard.press("End")  # the last stop: the last station of the last line shown
    last = frame.evaluate(FOCUSED)
    assert "GTX-F" in last
    page.keyboard.press("Home")
    for _ in range(31):  # past the 31 regions: the first station, the northern end of GTX-A
        page.keyboard.press("ArrowDown")
    first_station = frame.evaluate(FOCUSED)
    assert first_station.startswith("운정중앙") and "GTX-A" in first_station and "운행 중" in first_station
    page.keyboard.press(" ")  # Space works like Enter
    expect(page).to_have_url(re.compile(r"station=unjeong-jungang"))
    expect(page.get_by_role("heading", name="운정중앙")).to_be_visible()
