"""End-to-end: the map reports each move with its cause (layers/move_cause.py). The zoom to a
selection link is the app's and writes nothing; a person's pan right after it reaches `view=`."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.test_dashboard_e2e import MAP_FRAME, map_frame
from tests.helpers import ScriptRuns


def _view(page) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get("view", [])


def test_a_pan_within_a_second_of_a_selection_links_zoom_reaches_the_link(page, server):
    page.runs = ScriptRuns(page)
    page.goto(f"{server}/?station=dongtan")
    expect(page.frame_locator(MAP_FRAME).locator("path.region-yongin")).to_be_attached(timeout=45_000)
    frame = map_frame(page)
    frame.wait_for_function("window.map && window.map.getZoom() > 12")  # the zoom to the station has run
    zoomed = frame.evaluate("Date.now()")
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    _drag(page)  # at once, as a person would
    assert frame.evaluate("Date.now()") - zoomed < 1000  # the pan began and ended inside that second
    page.runs.settle(after=page.runs.finished)  # the run the pan's report started has finished
    assert _view(page), page.url
    lat, lng, zoom = (float(v) for v in _view(page)[0].split(","))
    centre = frame.evaluate("[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    assert abs(lat - centre[0]) < 1e-3 and abs(lng - centre[1]) < 1e-3 and zoom == centre[2]
    expect(page).to_have_url(re.compile(r"station=dongtan"))


# A report of the fit's view, as streamlit-folium sends it when it runs late (a slow machine, a
# busy server): the map's centre and zoom with the cause the map gave that move.
LATE_FIT_REPORT = """() => {
  const g = window.__GLOBAL_DATA__, m = window.map;
  const v = Object.assign({}, g.previous_data, {zoom: m.getZoom(), center: m.getCenter()});
  v.last_geocoder_result = {cause: "fit", n: 999};
  window.Streamlit.setComponentValue(v);
  return m.getZoom();
}"""


def test_a_late_report_of_the_zoom_to_a_selection_link_writes_no_view(page, server):
    page.runs = ScriptRuns(page)
    page.goto(f"{server}/?station=dongtan")
    expect(page.frame_locator(MAP_FRAME).locator("path.region-yongin")).to_be_attached(timeout=45_000)
    frame = map_frame(page)
    frame.wait_for_function("window.map && window.map.getZoom() > 12")
    assert frame.evaluate("window.__GLOBAL_DATA__.last_geocoder_result.cause") == "fit"  # the map marked its jump
    settled = page.runs.settle(after=1)
    # Late: after any time window a server might have kept for "the fit's own report".
    frame.wait_for_function("performance.now() > 4000")
    assert frame.evaluate(LATE_FIT_REPORT) > 12
    page.runs.settle(after=settled)
    assert _view(page) == [], page.url


def _drag(page) -> None:
    iframe = page.locator(MAP_FRAME)
    box = iframe.bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 60, y - 40, steps=4)
    page.mouse.move(x - 120, y - 80, steps=4)
    page.mouse.up()


def test_a_pan_within_a_second_of_the_zoom_to_a_clicked_region_reaches_the_link(page, server):
    from tests.browser.test_dashboard_e2e import click_path, open_map

    open_map(page, server)
    frame = map_frame(page)
    before = page.runs.finished
    click_path(page, "path.region-yongin")
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    frame.wait_for_function("window.map.getZoom() > 10")  # zoomed to the selection
    zoomed = frame.evaluate("Date.now()")
    settled = page.runs.settle(after=before)
    _drag(page)
    assert frame.evaluate("Date.now()") - zoomed < 1500
    page.runs.settle(after=settled)  # the run the pan's report started has finished
    assert _view(page), page.url  # and it wrote the pan: no window on the server drops it
    expect(page).to_have_url(re.compile(r"region=yongin"))
