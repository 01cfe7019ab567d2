"""End-to-end: search, zoom to a selection, Back, and a province view that can be clicked."""

import re

from playwright.sync_api import expect

from tests.browser.test_dashboard_e2e import click_path, map_frame, map_js, open_map, sidebar

# For each municipality: of the sampled points inside its drawn polygon (and inside the map),
# the share where the polygon itself is the topmost element, i.e. a click there selects it.
CLICKABLE_SHARE = """() => {
  const box = document.querySelector(".leaflet-container").getBoundingClientRect();
  const out = {};
  for (const path of document.querySelectorAll("path[class*='region-']")) {
    const slug = [...path.classList].find(c => c.startsWith("region-")).slice(7);
    const svg = path.ownerSVGElement, inv = path.getScreenCTM().inverse();
    const r = path.getBoundingClientRect();
    let inside = 0, clickable = 0;
    const n = 40;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const x = r.left + r.width * (i + 0.5) / n, y = r.top + r.height * (j + 0.5) / n;
      if (x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
      const p = svg.createSVGPoint(); p.x = x; p.y = y;
      if (!path.isPointInFill(p.matrixTransform(inv))) continue;
      inside++;
      if (document.elementFromPoint(x, y) === path) clickable++;
    }
    out[slug] = inside ? clickable / inside : null;
  }
  return out;
}"""


def test_every_municipality_is_mostly_clickable_at_the_opening_view(page, server):
    open_map(page, server)
    page.wait_for_load_state("networkidle")
    frame = map_frame(page)
    # The markers that can cover a region are drawn before the regions are measured.
    frame.wait_for_function("document.querySelectorAll(\"path[class*='station-']\").length > 0")
    shares = frame.evaluate(CLICKABLE_SHARE)
    assert len(shares) == 31, sorted(shares)
    print("lowest clickable shares:", sorted((round(v, 2), s) for s, v in shares.items() if v is not None)[:4])
    low = {slug: round(v, 2) for slug, v in shares.items() if v is None or v < 0.6}
    assert not low, f"less than 60% clickable: {low}"


def test_search_dongtan_zooms_there_and_opens_the_place_panel(page, server):
    open_map(page, server)
    page.wait_for_load_state("networkidle")
    map_js(page, "window.map._ggmMark = true")
    box = sidebar(page).get_by_role("textbox")
    box.fill("동탄")
    box.press("Enter")
    sidebar(page).get_by_role("button", name=re.compile(r"^동탄 · GTX역")).click()
    expect(page.get_by_role("heading", name="동탄", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"at=37\.20007(,|%2C)127\.09574"))
    map_frame(page).wait_for_function("window.map.getZoom() >= 13")
    lat, lng, mark = map_js(page, "[window.map.getCenter().lat, window.map.getCenter().lng, window.map._ggmMark]")
    assert mark is True  # moved, not remounted
    assert abs(lat - 37.20007) < 0.01 and abs(lng - 127.09574) < 0.01


def test_hanam_click_zooms_to_300_px_and_back_restores_the_province(page, server):
    open_map(page, server)
    page.wait_for_load_state("networkidle")
    start = map_js(page, "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    map_js(page, "window.map._ggmMark = true")
    click_path(page, "path.region-hanam")
    expect(page.get_by_role("heading", name="하남시")).to_be_visible()
    map_frame(page).wait_for_function(f"window.map.getZoom() > {start[2]} + 1")
    # The zoom animation ends with Hanam at least 300 px wide (a timeout fails the test).
    map_frame(page).wait_for_function(
        "!window.map._animatingZoom && document.querySelector('path.region-hanam').getBoundingClientRect().width >= 300"
    )
    assert map_js(page, "window.map._ggmMark") is True
    page.get_by_role("button", name="← 개요로").click()
    expect(page.get_by_role("heading", name="개요")).to_be_visible()
    map_frame(page).wait_for_function(f"Math.abs(window.map.getZoom() - {start[2]}) < 0.01")
    back = map_js(page, "[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]")
    assert abs(back[0] - start[0]) < 1e-3 and abs(back[1] - start[1]) < 1e-3
    expect(page).not_to_have_url(re.compile(r"region=|view="))


def test_phone_link_shows_the_selection_and_its_heading_on_the_first_screen(phone_page, server):
    page = phone_page
    open_map(page, server + "/?region=hanam")
    expect(page.get_by_role("heading", name="하남시", exact=True)).to_be_attached()
    summary = page.locator(".ggm-card-name")  # the answer card under the map (test_phone_card_e2e.py)
    expect(summary).to_have_text("하남시 · 지역")
    page.wait_for_load_state("networkidle")
    map_frame(page).wait_for_function("window.map.getZoom() > 10")
    page.screenshot(path="test-artifacts/phone_answers.png")
    box = summary.bounding_box()
    assert box["y"] + box["height"] <= 844, box  # the selection's heading without scrolling
    frame = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    hanam = map_js(
        page,
        "(() => { const r = document.querySelector('path.region-hanam').getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; })()",
    )
    inner = map_js(page, "[window.innerWidth, window.innerHeight]")
    assert hanam[0] >= 0 and hanam[1] >= 0 and hanam[2] <= inner[0] and hanam[3] <= inner[1], (hanam, inner)
    assert hanam[2] - hanam[0] > inner[0] / 2  # zoomed to it, not the province view
    assert frame["y"] + frame["height"] <= 844
