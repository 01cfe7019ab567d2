"""The map's text equivalents in Chromium: the table view, the skip links, the map in words."""

import re

from playwright.sync_api import expect

from geo.core import palette
from tests.browser.conftest import MAP_FRAME
from tests.browser.test_dashboard_e2e import map_frame, open_map

FOCUSED = """() => { const e = document.activeElement;
  return e && e.classList && e.classList.contains('ggm-kbd') ? e.getAttribute('aria-label') : null; }"""


# Resolves once the element's box has not moved or changed size for a few animation frames (the
# page above it has finished laying out), so a click at a point computed from it lands there.
STEADY_BOX = """(el) => new Promise((resolve) => {
  let last = null, same = 0;
  (function tick() {
    const r = el.getBoundingClientRect(), box = [r.x, r.y, r.width, r.height].join();
    same = box === last ? same + 1 : 0;
    last = box;
    if (same >= 3) resolve(true); else requestAnimationFrame(tick);
  })();
})"""


def test_table_row_selects_the_station_and_the_map_highlights_it(page, server):
    open_map(page, server + "/?view_mode=table&layers=gtx")
    stations = page.get_by_test_id("stDataFrame").nth(1)  # regions, stations, sites
    stations.scroll_into_view_if_needed()
    expect(stations).to_be_visible()
    # The grid has drawn its rows (its accessible copy has the first station) and sits still.
    expect(stations.get_by_test_id("glide-cell-1-0")).to_have_text("운정중앙")
    stations.evaluate(STEADY_BOX)
    box = stations.bounding_box()
    row_height = 35  # st.dataframe's default row height; the header row is as tall
    page.mouse.click(box["x"] + 18, box["y"] + row_height * 1.5)  # the first row's selection box
    expect(page).to_have_url(re.compile(r"station=unjeong-jungang"))
    expect(page).to_have_url(re.compile(r"view_mode=table"))
    expect(page.get_by_role("heading", name="운정중앙")).to_be_visible()
    marker = page.frame_locator(MAP_FRAME).locator("path.station-unjeong-jungang")
    expect(marker).to_have_attribute("stroke", palette.SELECTED)
    expect(marker).to_have_attribute("stroke-width", "3")


def test_skip_link_leads_to_the_map(page, server):
    open_map(page, server + "/?layers=semiconductor")
    page.locator("body").focus()
    link = page.get_by_role("link", name="지도로 건너뛰기")
    for _ in range(10):  # the first stops on the page: the app's menu, then the skip links
        page.keyboard.press("Tab")
        if link.evaluate("e => e === document.activeElement"):
            break
    expect(link).to_be_focused()
    expect(link).to_be_visible()  # drawn once it has the focus
    page.keyboard.press("Enter")
    expect(page.locator("#ggm-map")).to_be_focused()
    page.keyboard.press("Tab")
    assert map_frame(page).evaluate(FOCUSED).startswith("가평군")  # straight into the map's features
    expect(page.get_by_role("link", name="정보 패널로 건너뛰기")).to_be_attached()


def test_the_map_in_words_is_on_the_page(page, server):
    open_map(page, server + "/?region=yongin&lang=en")
    words = page.get_by_role("region", name="What the map shows")
    expect(words).to_contain_text("Selected: Yongin (K-semiconductor mega-cluster).")
    expect(words).to_contain_text("stations operating.")
