"""The embed snippet in a plain HTML page (as an article would paste it): the app loads inside
the iframe and a click on a region inside it opens that region."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from geo.state import share, url_state
from geo.state.url_state import Known
from tests.browser.conftest import ARTIFACTS, MAP_FRAME, UNCOVERED_POINT

TITLE = "경기도 미래성장 지도 (embedded)"


def test_snippet_in_a_plain_page_opens_and_a_region_click_works(page, server, tmp_path):
    state = url_state.parse({"layers": "semiconductor,ai,gtx"}, Known(frozenset(), frozenset(), frozenset()))
    snippet = share.embed_snippet(server + "/", state, TITLE)
    article = tmp_path / "article.html"
    article.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>An article</title></head>"
        f"<body style='margin:8px'><h1>An article about Gyeonggi</h1>{snippet}<p>More text.</p></body></html>",
        encoding="utf-8",
    )
    page.goto(article.as_uri())
    outer = f"iframe[title='{TITLE}']"
    expect(page.locator(outer)).to_have_attribute("height", "880")
    app = page.frame_locator(outer)
    map_locator = app.locator(MAP_FRAME)
    expect(app.frame_locator(MAP_FRAME).locator("path.region-yongin")).to_be_attached(timeout=60_000)
    # Click only once the app is quiet: its first run and the rerun the map's first event makes
    # have finished (page.runs counts the runs the embedded app's websocket reports).
    deadline = time.monotonic() + 60
    while page.runs.finished < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # Playwright delivers websocket frames while it waits
    assert page.runs.finished >= 2, page.runs.finished
    expect(app.locator('[data-testid="stApp"]')).to_have_attribute("data-test-script-state", "notRunning")
    map_frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    point = map_frame.evaluate(UNCOVERED_POINT, "path.region-yongin")
    assert point, "no uncovered point on Yongin"
    box = map_locator.bounding_box()  # relative to the article page's viewport
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    expect(app.get_by_role("heading", name="용인시")).to_be_attached()
    expect(app.frame_locator(MAP_FRAME).locator("path.region-yongin")).to_have_attribute("stroke-width", "4")
    assert "region=yongin" in next(f for f in page.frames if "embed=true" in f.url).url
    page.screenshot(path=str(ARTIFACTS / "test_embed_snippet_article.png"))
    assert not page.errors
