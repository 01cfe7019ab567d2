"""End-to-end: real clicks on the map in Chromium."""

import contextlib
import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.helpers import ARTIFACTS, MAP_FRAME, UNCOVERED_POINT, ScriptRuns


def open_map(page, url):
    """Open the app; return once the map is drawn and the app is quiet: the first run and the
    rerun that the map's first event makes have both finished, and for a link to a selection
    (no view) also the rerun for the map's report of where the zoom to it landed."""
    if not hasattr(page, "runs"):
        page.runs = ScriptRuns(page)
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.region-yongin")).to_be_attached(timeout=45_000)
    query = parse_qs(urlsplit(url).query)
    fitted = "view" not in query and any(k in query for k in ("region", "station", "cluster", "at"))
    page.runs.settle(after=1)
    if fitted:
        # The map may report where the zoom to the selection landed (one more run): wait for it when it
        # comes, so a test's own move never races it. It does not always come, so this is not a check.
        with contextlib.suppress(PlaywrightTimeout):
            page.runs.settle(after=2, timeout_ms=5_000)
    return frame


def sidebar(page):
    return page.get_by_test_id("stSidebar")


def map_frame(page):
    return next(f for f in page.frames if "streamlit_folium" in f.url)


def map_js(page, script):
    return map_frame(page).evaluate(script)


# What a person's key press does before a move, as layers/move_cause.py sees it.
PERSON = "window.map.getContainer().dispatchEvent(new KeyboardEvent('keydown', {key: 'Shift', bubbles: true}))"


def zoom_to(page, zoom, center=None):
    """Zoom the Leaflet map; return once the rerun the move makes has written the zoom into the
    URL and finished (so a later click cannot race it). Marks the map object so a remount shows."""
    before = page.runs.finished
    view = f"window.map.setView({center}, {zoom})" if center else f"window.map.setZoom({zoom})"
    # A person's move starts with an input event on the map (layers/move_cause.py): a key press here.
    map_js(page, f"{PERSON}; {view}; window.map._ggmMark = true")
    map_frame(page).wait_for_function(f"window.map.getZoom() === {zoom}")
    expect(page).to_have_url(re.compile(rf"view=[^&]*(,|%2C){zoom}(&|$)"))
    page.runs.settle(after=before)


def click_path(page, css):
    """Click, with the mouse, the point of the element nearest its middle that nothing else
    covers (markers can sit on a polygon's bounding-box centre, where a plain click lands)."""
    iframe = page.locator(MAP_FRAME)
    iframe.evaluate("e => e.scrollIntoView({block: 'center'})")  # clear of the page header
    point = map_frame(page).evaluate(UNCOVERED_POINT, css)
    assert point, f"no uncovered point on {css}"
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_map_shows_polygons_offline(page, server):
    frame = open_map(page, server)
    assert frame.locator(".leaflet-overlay-pane path").count() >= 31
    assert map_js(page, "typeof L") == "object"  # Leaflet came from the app, not a CDN
    # The legend sits under the map, where it covers nothing; the map has none of its own.
    assert map_js(page, "document.querySelectorAll('details.ggm-legend').length") == 0
    strip = page.locator(".ggm-legend-strip")
    expect(strip).to_be_visible()
    expect(strip).to_contain_text("K-반도체 메가클러스터")
    expect(strip).to_contain_text("GTX-F")
    assert strip.bounding_box()["y"] >= page.locator(MAP_FRAME).bounding_box()["y"] + 600
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
    before = page.runs.finished
    sidebar(page).get_by_text("GTX 노선·역").click()
    expect(page).not_to_have_url(re.compile(r"layers=[^&]*gtx"))
    expect(frame.locator("path.gtx-line")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"region=yongin"))
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    page.runs.settle(after=before)  # the toggle's rerun has finished: any (unwanted) remount is done
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


def test_stations_sharing_a_point_can_each_be_clicked(page, server):
    """Five stations sit on Namyangju's municipality point: they are drawn apart, and the
    last of them opens its own panel."""
    ids = ["deokso", "paldang", "pungyang", "wangsuk", "wangsuk-2"]
    open_map(page, server + "/?layers=gtx&lang=en&view=37.643,127.258,12")
    centres = [
        map_js(
            page,
            f"""(() => {{ const r = document.querySelector("path.station-{i}").getBoundingClientRect();
                                   return [r.x + r.width / 2, r.y + r.height / 2]; }})()""",
        )
        for i in ids
    ]
    gaps = [((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for k, a in enumerate(centres) for b in centres[k + 1 :]]
    assert min(gaps) >= 8, centres
    click_path(page, "path.station-wangsuk-2")
    expect(page.get_by_role("heading", name="Wangsuk 2")).to_be_visible()
    expect(page).to_have_url(re.compile(r"station=wangsuk-2"))


def test_hostile_link_shows_default_and_notice(page, server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_map(page, server + "/?region=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lang=xx")
    expect(page.get_by_text("기본값으로 열었습니다").first).to_be_visible()
    expect(page.get_by_role("heading", name="개요")).to_be_visible()
    # open_map waited for the rerun the map's first event makes: the caption outlives it.
    notice = page.get_by_test_id("stCaptionContainer").filter(has_text="기본값으로 열었습니다")
    expect(notice).to_be_visible()  # the caption, not only the toast, stays
    expect(page.locator(MAP_FRAME)).to_have_count(1)
    assert not dialogs


def test_dragged_view_goes_into_the_link_and_reopens(page, server):
    open_map(page, server + "/?region=yongin")
    page.wait_for_load_state("networkidle")
    expect(page).not_to_have_url(re.compile(r"view="))  # the fitted start needs no view
    map_js(page, "window.map._ggmMark = true")
    box = page.locator(MAP_FRAME).bounding_box()
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.3  # a drag, with a real mouse
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x + 16 * i, y + 9 * i)
    page.mouse.up()
    page.mouse.wheel(0, -200)  # and a zoom in with the wheel
    expect(page).to_have_url(re.compile(r"view=[0-9.]+(,|%2C)[0-9.]+(,|%2C)(?!8\.75)[0-9.]+"))
    # Only a finished run writes the URL: while it differs from the map's view, a rerun for
    # the last move is still to come, so wait for the next one (and fail if none comes).
    while True:
        view = re.search(r"view=([^&]+)", page.url).group(1).replace("%2C", ",")
        lat, lng, zoom = (float(v) for v in view.split(","))
        seen = map_js(
            page, "[window.map._ggmMark, window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"
        )
        if (round(seen[1], 4), round(seen[2], 4), seen[3]) == (lat, lng, zoom):
            break
        page.runs.settle(after=page.runs.finished)
    assert seen[0] is True  # the same map: moving it never remounts it
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()

    other = page.context.new_page()
    open_map(other, page.url)
    other.wait_for_load_state("networkidle")
    there = map_js(other, "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    assert abs(there[0] - lat) < 1e-3 and abs(there[1] - lng) < 1e-3 and there[2] == zoom
    expect(other.get_by_role("heading", name="용인시")).to_be_visible()
    other.close()


def test_same_region_can_be_clicked_again_after_going_back(page, server):
    open_map(page, server)
    click_path(page, "path.region-hanam")
    expect(page.get_by_role("heading", name="하남시")).to_be_visible()
    page.get_by_role("button", name="← 개요로").click()
    expect(page.get_by_role("heading", name="개요")).to_be_visible()
    click_path(page, "path.region-hanam")
    expect(page.get_by_role("heading", name="하남시")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=hanam"))


def test_phone_layout_tap_selects(phone_page, server):
    """A phone-sized screen: the map fills the width with nothing on top of it, and a tap
    on a region opens its panel below the map."""
    page = phone_page
    frame = open_map(page, server + "/?layers=semiconductor")
    assert map_js(page, "document.querySelectorAll('details.ggm-legend').length") == 0
    expect(page.locator(".ggm-legend-strip")).to_be_attached()
    assert page.locator(MAP_FRAME).bounding_box()["width"] >= 330
    iframe = page.locator(MAP_FRAME)
    iframe.evaluate("e => e.scrollIntoView({block: 'center'})")
    point = map_frame(page).evaluate(UNCOVERED_POINT, "path.region-icheon")
    box = iframe.bounding_box()
    page.touchscreen.tap(box["x"] + point["x"], box["y"] + point["y"])
    # The phone layout repeats the selection's name in the answer card under the map: the panel's is the last.
    expect(page.get_by_role("heading", name="이천시").last).to_be_attached()
    expect(page).to_have_url(re.compile(r"region=icheon"))
    assert frame.locator("path.region-icheon").count() == 1
    page.screenshot(path=str(ARTIFACTS / "test_phone_layout.png"))
