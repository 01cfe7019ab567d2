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


def map_frame(page):
    return next(f for f in page.frames if "streamlit_folium" in f.url)


def map_js(page, script):
    return map_frame(page).evaluate(script)


def zoom_to(page, zoom, center=None):
    """Zoom the Leaflet map and wait until it settled; marks the map object so a remount shows."""
    page.wait_for_load_state("networkidle")
    view = f"window.map.setView({center}, {zoom})" if center else f"window.map.setZoom({zoom})"
    map_js(page, f"{view}; window.map._ggmMark = true")
    map_frame(page).wait_for_function(f"window.map.getZoom() === {zoom}")


def click_path(page, css):
    """Click a point of the element that nothing else covers (markers can sit on a polygon's
    bounding-box centre, which is where a plain click would land)."""
    frame = map_frame(page)
    point = frame.evaluate(
        """(css) => {
          const el = document.querySelector(css), r = el.getBoundingClientRect();
          for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
            const x = r.left + r.width * i / 12, y = r.top + r.height * j / 12;
            if (document.elementFromPoint(x, y) === el) return {x: x - r.left, y: y - r.top};
          }
          return null;
        }""",
        css,
    )
    assert point, f"no uncovered point on {css}"
    page.frame_locator(MAP_FRAME).locator(css).click(position=point)


def test_map_shows_polygons_offline(page, server):
    frame = open_map(page, server)
    assert frame.locator(".leaflet-overlay-pane path").count() >= 31
    assert map_js(page, "typeof L") == "object"  # Leaflet came from the app, not a CDN
    assert not page.errors


def test_click_yongin_opens_panel_and_updates_url(page, server):
    frame = open_map(page, server)
    click_path(page, "path.region-yongin")
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=yongin"))
    # The highlight is drawn on the clicked polygon.
    expect(frame.locator("path.region-yongin")).to_have_attribute("stroke-width", "4")


def test_gtx_toggle_keeps_selection_and_zoom(page, server):
    frame = open_map(page, server + "/?region=yongin")
    expect(frame.locator("path.gtx-line").first).to_be_attached()
    zoom_to(page, 11)
    sidebar(page).get_by_text("GTX 노선·역").click()
    expect(page).not_to_have_url(re.compile(r"layers=[^&]*gtx"))
    expect(frame.locator("path.gtx-line")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"region=yongin"))
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    page.wait_for_timeout(500)  # let any (unwanted) remount happen before reading the view
    assert map_js(page, "window.map._ggmMark === true && window.map.getZoom()") == 11


def test_shared_link_in_english(page, server):
    frame = open_map(page, server + "/?region=hanam&layers=gtx,ai&lang=en")
    expect(page.get_by_role("heading", name="Hanam")).to_be_visible()
    expect(frame.locator("path.gtx-line").first).to_be_attached()
    expect(frame.locator("path[class*='station-']").first).to_be_attached()
    expect(sidebar(page).get_by_text("Layers", exact=True)).to_be_visible()


def test_station_click_opens_station_panel(page, server):
    frame = open_map(page, server + "/?layers=gtx")
    zoom_to(page, 12, "[37.2, 127.1]")
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
