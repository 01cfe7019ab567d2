"""End-to-end: a click on a feature reaches the app at once (layers/instant_report.py), exactly
once, and the zoom to the selection that follows is not reported as a move."""

import re

from playwright.sync_api import expect

from tests.browser.test_dashboard_e2e import map_frame, open_map
from tests.helpers import UNCOVERED_POINT

# Count what the map sends to the app, and how often streamlit-folium's debounced report has run
# (its updateComponentValue is the only reader of `last_geocoder_result`), then click the region's
# path (a DOM click, as a mouse or the keyboard makes) and say how many values were sent before the
# click returned.
CLICK_AND_COUNT = """([css, x, y]) => {
  const S = window.Streamlit, g = window.__GLOBAL_DATA__;
  if (!S._ggmSent) {
    S._ggmSent = [];
    const send = S.setComponentValue;
    S.setComponentValue = function (v) { S._ggmSent.push(v); return send.apply(this, arguments); };
    let value = g.last_geocoder_result;
    Object.defineProperty(g, "last_geocoder_result", {
      configurable: true, enumerable: true,
      get() { window._ggmReports += 1; return value; },
      set(v) { value = v; },
    });
  }
  S._ggmSent.length = 0;
  window._ggmReports = 0;
  document.querySelector(css).dispatchEvent(
    new MouseEvent("click", {bubbles: true, cancelable: true, view: window, clientX: x, clientY: y}));
  return S._ggmSent.map(v => v.last_active_drawing && v.last_active_drawing.properties.id);
}"""


def test_a_click_is_sent_at_once_and_only_once(page, server):
    open_map(page, server)
    page.wait_for_load_state("networkidle")
    frame = map_frame(page)
    point = frame.evaluate(UNCOVERED_POINT, "path.region-yongin")
    assert point, "no uncovered point on Yongin"
    before = page.runs.finished
    # Sent during the click itself, not after streamlit-folium's 250 ms debounce.
    assert frame.evaluate(CLICK_AND_COUNT, ["path.region-yongin", point["x"], point["y"]]) == ["yongin"]
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    frame.wait_for_function("window.map.getZoom() > 10")  # zoomed to the selection
    page.runs.settle(after=before)
    # streamlit-folium's own debounced report, due 250 ms after the click, must find nothing new to
    # send (else its rerun would race the selection's): wait until it has run, then count.
    frame.wait_for_function("window._ggmReports > 0")
    assert frame.evaluate("window.Streamlit._ggmSent.length") == 1
    # It may come before or after the zoom, depending on how fast the rerun was. Make one come after
    # it for sure (a `moveend` starts streamlit-folium's report): the zoom is not reported either.
    reports = frame.evaluate("window._ggmReports")
    frame.evaluate("window.map.fire('moveend')")
    frame.wait_for_function("(n) => window._ggmReports > n", arg=reports)
    assert frame.evaluate("window.Streamlit._ggmSent.length") == 1
    expect(page).to_have_url(re.compile(r"region=yongin"))
    expect(page).not_to_have_url(re.compile(r"view="))
