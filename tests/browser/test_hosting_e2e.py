"""Hosting in Chromium: the app embedded with ?embed=true, and the static export opened
from file:// with no server at all."""

import re

from playwright.sync_api import expect

from scripts import export_html
from tests.helpers import MAP_FRAME, start_server


def test_embed_mode_shows_map_and_region(page, server):
    page.goto(server + "/?embed=true&region=yongin")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.region-yongin")).to_be_attached(timeout=45_000)
    assert frame.locator(".leaflet-overlay-pane path").count() >= 31
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    expect(frame.locator("path.region-yongin")).to_have_attribute("stroke-width", "4")
    # The app rewrites its own parameters but keeps Streamlit's embed flag.
    expect(page).to_have_url(re.compile(r"embed=true"))
    expect(page).to_have_url(re.compile(r"region=yongin"))
    assert not page.errors


def test_served_under_a_path_prefix(page):
    """Behind a reverse proxy at /ggm/ (server.baseUrlPath): Leaflet still loads, because
    the map asks for it relative to its own frame, not at /app/static."""
    srv = start_server(base_path="ggm")
    try:
        missing = []
        page.on("response", lambda r: missing.append(r.url) if r.status >= 400 and "leaflet" in r.url else None)
        page.goto(f"{srv.url}/?region=hanam&lang=en")
        frame = page.frame_locator(MAP_FRAME)
        expect(frame.locator("path.region-hanam")).to_be_attached(timeout=45_000)
        expect(page.get_by_role("heading", name="Hanam")).to_be_visible()
        assert not missing and not page.errors
    finally:
        srv.stop(keep_as="server-base-path.log")


def _open_export(page, path):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    expect(page.locator("path.region-yongin")).to_be_attached(timeout=30_000)
    # Drawn, and no request in flight for 500 ms (Leaflet asks for its tiles as it draws):
    # every request the page makes by itself has been made.
    page.wait_for_load_state("networkidle")
    return requests


def test_export_opens_from_file_with_no_request(page, tmp_path):
    out = tmp_path / "index.html"
    assert (
        export_html.main(
            [
                "--region",
                "yongin",
                "--layers",
                "gtx,sites,semiconductor",
                "--basemap",
                "none",
                "--lang",
                "en",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    requests = _open_export(page, out)
    assert page.locator(".leaflet-overlay-pane path").count() >= 31
    expect(page.locator("path.region-yongin")).to_have_attribute("stroke-width", "4")  # the selection
    expect(page.locator("path.gtx-line").first).to_be_attached()
    expect(page.locator("path[class*='site-']").first).to_be_attached()
    expect(page.locator(".ggm-title")).to_contain_text("Yongin")
    assert page.evaluate("typeof L") == "object" and page.evaluate("L.version").startswith("1.")
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []
    assert not page.errors


def test_export_with_basemap_only_requests_tiles(page, tmp_path):
    out = tmp_path / "osm.html"
    assert export_html.main(["--out", str(out)]) == 0
    requests = _open_export(page, out)
    other = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert other and all(u.startswith("https://tile.openstreetmap.org/") for u in other)
    assert page.locator(".leaflet-overlay-pane path").count() >= 31
    assert not page.errors
