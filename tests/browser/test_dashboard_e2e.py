"""End-to-end: real clicks on the map in Chromium."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import MAP_FRAME


def open_map(page, url):
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.region-yongin")).to_be_attached(timeout=45_000)
    return frame


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def map_js(page, script):
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    return frame.evaluate(script)


def test_map_shows_polygons_offline(page, server):
    frame = open_map(page, server)
    assert frame.locator(".leaflet-overlay-pane path").count() >= 31
    assert map_js(page, "typeof L") == "object"  # Leaflet came from the app, not a CDN
    assert not page.errors


def test_click_yongin_opens_panel_and_updates_url(page, server):
    frame = open_map(page, server)
    frame.locator("path.region-yongin").click()
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=yongin"))
    # The highlight is drawn on the clicked polygon.
    expect(frame.locator("path.region-yongin")).to_have_attribute("stroke-width", "4")


def test_gtx_toggle_keeps_selection_and_zoom(page, server):
    frame = open_map(page, server + "/?region=yongin")
    expect(frame.locator("path.gtx-line").first).to_be_attached()
    map_js(page, "map_div.setZoom(11)")
    page.wait_for_timeout(400)
    sidebar(page).get_by_text("GTX 노선·역").click()
    expect(page).not_to_have_url(re.compile(r"layers=[^&]*gtx"))
    expect(frame.locator("path.gtx-line")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"region=yongin"))
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    assert map_js(page, "map_div.getZoom()") == 11


def test_shared_link_in_english(page, server):
    frame = open_map(page, server + "/?region=hanam&layers=gtx,ai&lang=en")
    expect(page.get_by_role("heading", name="Hanam")).to_be_visible()
    expect(frame.locator("path.gtx-line").first).to_be_attached()
    expect(frame.locator("path[class*='station-']").first).to_be_attached()
    expect(sidebar(page).get_by_text("Layers", exact=True)).to_be_visible()


def test_station_click_opens_station_panel(page, server):
    frame = open_map(page, server + "/?layers=gtx")
    map_js(page, "map_div.setView([37.2, 127.1], 12)")
    frame.locator("path.station-dongtan").click()
    expect(page.get_by_role("heading", name="동탄")).to_be_visible()
    expect(page).to_have_url(re.compile(r"station=dongtan"))


def test_hostile_link_shows_default_and_notice(page, server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_map(page, server + "/?region=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lang=xx")
    expect(page.get_by_text("기본값으로 열었습니다").first).to_be_visible()
    expect(page.get_by_role("heading", name="개요")).to_be_visible()
    assert not dialogs
