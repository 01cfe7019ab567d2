"""`make site` in Chromium: the whole site is built (maps and pictures from build/site-cache when
an earlier build made them), every page's HTML is checked statically, a sample of pages is served
by a local http.server and drawn with every non-local request blocked, and the live-app link
opens the same selection in the running app."""

from __future__ import annotations

import functools
import http.server
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from geo.state import site_pages
from geo.state.url_state import ViewState
from scripts import build_site
from tests.helpers import free_port
from tests.test_site import APP, NOW, SITE, static_problems

DRAWN = [
    ViewState(lang="ko"),
    ViewState(lang="en", region="yongin"),
    ViewState(lang="ko", region="gapyeong"),
    ViewState(lang="ko", station="dongtan"),
    ViewState(lang="en", station="giheung"),
    ViewState(lang="en", cluster="semiconductor"),
    ViewState(lang="ko", cluster="peace-zone"),
]
LOCAL = ("127.0.0.1", "localhost")


def serve(folder):
    """A plain static server for `folder` on 127.0.0.1 (a thread; shut down by the caller)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def build(out, app_url, *extra):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GGM_NOW", NOW)
        assert build_site.main(["--site-url", SITE, "--app-url", app_url, "--out", str(out), *extra]) == 0


@pytest.fixture(scope="module")
def full_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "out"
    build(out, APP)  # the default cache: a second run reuses its maps and pictures
    httpd = serve(out)
    yield out, f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()


def offline_context(browser):
    """A browser context in which only this machine answers; every other request is refused
    and recorded with its resource type."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked: list[tuple[str, str]] = []

    def route(r):
        if urlsplit(r.request.url).hostname in LOCAL:
            return r.continue_()
        blocked.append((r.request.resource_type, r.request.url))
        return r.abort()

    ctx.route("**/*", route)
    ctx.blocked = blocked
    return ctx


def test_every_page_of_the_full_site_passes_the_static_checks(full_site, model):
    out, _ = full_site
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.parent != out)
    views = 1 + len(model.known.regions) + len(model.known.stations) + len(model.known.clusters)
    assert len(pages) == 2 * views == 2 * (1 + 31 + 88 + 3)
    assert static_problems(out) == []


@pytest.mark.parametrize("state", DRAWN, ids=site_pages.page_path)
def test_page_draws_its_map_offline(browser, full_site, state):
    _, base = full_site
    ctx = offline_context(browser)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    loaded: list[str] = []
    page.on("response", lambda r: loaded.append(r.url) if r.ok else None)
    try:
        page.goto(base + site_pages.page_path(state))
        expect(page.locator(".leaflet-overlay-pane path").nth(30)).to_be_attached(timeout=30_000)  # 31 regions
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof L") == "object" and page.evaluate("L.version").startswith("1.")
        if state.region:
            expect(page.locator(f"path.region-{state.region}")).to_be_attached()
        if state.station:
            expect(page.locator(f".station-{state.station}").first).to_be_attached()
        expect(page.locator("h1")).to_be_visible()
        box = page.locator(".folium-map").bounding_box()
        assert box and box["width"] > 600 and box["height"] > 600  # the map fills the window beside the panel
        # Leaflet came from the one shared copy; nothing but basemap tiles was asked of the network.
        shared = base + build_site.ASSETS
        assert f"{shared}/leaflet.js" in loaded and f"{shared}/leaflet.css" in loaded
        assert {kind for kind, _ in ctx.blocked} <= {"image"}, ctx.blocked
        assert all("tile.openstreetmap.org" in url for _, url in ctx.blocked)
        assert not errors
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "state, heading",
    [(ViewState(lang="en", region="yongin"), "Yongin"), (ViewState(lang="ko", station="dongtan"), "동탄")],
    ids=["region", "station"],
)
def test_live_app_link_opens_the_same_selection(browser, server, tmp_path, state, heading):
    """Built against the running app: clicking the page's live link opens that selection there."""
    out = tmp_path / "site"
    kind = "region" if state.region else "station"
    build(out, server + "/", "--only", f"{kind}:{state.region or state.station}", "--langs", state.lang)
    httpd = serve(out)
    ctx = offline_context(browser)
    page = ctx.new_page()
    try:
        page.goto(f"http://127.0.0.1:{httpd.server_port}/{site_pages.page_path(state)}")
        link = page.get_by_role("link", name="Open in the live map" if state.lang == "en" else "실시간 지도에서 열기")
        link.click()
        page.wait_for_url(server + "/**", timeout=30_000)
        expect(page.get_by_role("heading", name=heading, exact=False).first).to_be_visible(timeout=45_000)
        query = parse_qs(urlsplit(page.url).query)
        assert query[kind] == [state.region or state.station] and query["lang"] == [state.lang]
    finally:
        ctx.close()
        httpd.shutdown()
