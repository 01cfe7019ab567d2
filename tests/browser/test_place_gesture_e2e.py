"""End-to-end: a right-click on the map opens the place panel for that point; a left click still
selects the region under the pointer."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.test_dashboard_e2e import click_path, map_frame, map_js, open_map
from tests.helpers import MAP_FRAME, UNCOVERED_POINT

# The map's (lat, lng) under a page point of the map frame, and whether the last contextmenu
# event's default (the browser's own menu) was prevented.
LATLNG_AT = """([x, y]) => {
  const ll = window.map.containerPointToLatLng([x, y]);
  return [ll.lat, ll.lng];
}"""
WATCH_MENU = "document.addEventListener('contextmenu', e => { window._ggmMenuPrevented = e.defaultPrevented; })"


def _at(url):
    lat, lng = parse_qs(urlsplit(url).query)["at"][0].split(",")
    return float(lat), float(lng)


def test_right_click_opens_the_place_panel_there_and_a_left_click_still_selects_the_region(page, server):
    open_map(page, server)
    page.wait_for_load_state("networkidle")
    map_js(page, f"window.map._ggmMark = true; {WATCH_MENU}")
    iframe = page.locator(MAP_FRAME)
    iframe.evaluate("e => e.scrollIntoView({block: 'center'})")
    point = map_frame(page).evaluate(UNCOVERED_POINT, "path.region-hanam")
    assert point, "no uncovered point on Hanam"
    container = map_frame(page).evaluate(
        "(() => { const r = window.map.getContainer().getBoundingClientRect(); return [r.left, r.top]; })()"
    )
    expected = map_frame(page).evaluate(LATLNG_AT, [point["x"] - container[0], point["y"] - container[1]])
    two_px = 2 * 360 / (256 * 2 ** map_js(page, "window.map.getZoom()"))  # degrees of longitude
    box = iframe.bounding_box()
    before = page.runs.finished
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"], button="right")

    expect(page).to_have_url(re.compile(r"[?&]at=[0-9.]+(,|%2C)[0-9.]+"))
    lat, lng = _at(page.url)
    assert abs(lat - expected[0]) < two_px and abs(lng - expected[1]) < two_px  # the point under the pointer
    assert "region=" not in page.url  # the gesture did not click the region under it
    expect(page.get_by_text(re.compile(r"^선택한 장소 · 위도"))).to_be_visible()
    # The place panel names the municipality the point is in, linked to its panel.
    expect(page.get_by_role("button", name=re.compile("하남시"))).to_be_visible()
    assert map_js(page, "window._ggmMenuPrevented") is True  # no browser menu over the map
    # The map goes there (moved, not remounted), and the pin is drawn.
    map_frame(page).wait_for_function("window.map.getZoom() >= 13")
    assert map_js(page, "window.map._ggmMark") is True
    map_frame(page).wait_for_function("document.querySelectorAll('path.place-pin').length === 1")
    page.runs.settle(after=before)

    # A left click selects the region, as before.
    click_path(page, "path.region-hanam")
    expect(page.get_by_role("heading", name="하남시")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=hanam"))
    assert "at=" not in page.url


def test_long_press_on_a_phone_opens_the_place_panel(phone_page, server):
    page = phone_page
    open_map(page, server + "/?lang=en")
    page.wait_for_load_state("networkidle")
    iframe = page.locator(MAP_FRAME)
    iframe.evaluate("e => e.scrollIntoView({block: 'center'})")
    point = map_frame(page).evaluate(UNCOVERED_POINT, "path.region-yongin")
    assert point, "no uncovered point on Yongin"
    box = iframe.bounding_box()
    cdp = page.context.new_cdp_session(page)
    # A touch held for a second in one place, as a finger does (synthesized by Chromium).
    cdp.send(
        "Input.synthesizeTapGesture",
        {"x": box["x"] + point["x"], "y": box["y"] + point["y"], "duration": 1000, "gestureSourceType": "touch"},
    )
    expect(page).to_have_url(re.compile(r"[?&]at=[0-9.]+(,|%2C)[0-9.]+"), timeout=10_000)
    assert "region=" not in page.url
    expect(page.get_by_text(re.compile(r"^Selected place · Latitude"))).to_be_attached()
    expect(page.get_by_role("button", name=re.compile("Yongin"))).to_be_attached()
