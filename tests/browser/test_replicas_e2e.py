"""End-to-end: the stack of deploy/ (nginx in front of two `streamlit run app.py` replicas, a
static site beside them) and a replica that dies during a session.

nginx pins a browser to one replica with its ggm_replica cookie; when that replica is gone, the
next request goes to the other one, the browser's WebSocket reconnects there, and the new
session opens the view the URL names: the region, the layers and the zoom the person chose.
`make test` installs nginx (`make web-server`); without it these tests are skipped."""

from __future__ import annotations

import re
import shutil
import time
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.test_dashboard_e2e import click_path, map_frame, map_js, open_map, sidebar, zoom_to
from tests.helpers import ARTIFACTS, MAP_FRAME

SITE_PAGE = "<!doctype html><title>GGM site</title><h1>Static page</h1><a href='/live/'>live</a>\n"


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    from deploy import stack as deploy_stack

    if deploy_stack.nginx_binary() is None:
        pytest.skip("nginx is not installed: `make web-server` installs it (`make test` does so first)")
    site = tmp_path_factory.mktemp("site")
    (site / "index.html").write_text(SITE_PAGE, encoding="utf-8")
    (site / "yongin.html").write_text(SITE_PAGE.replace("Static page", "Yongin page") * 50, encoding="utf-8")
    deploy_stack.precompress(site)
    st = deploy_stack.start(site, prefix=tmp_path_factory.mktemp("stack"))
    yield st
    st.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    for f in [*(r.log_path for r in st.replicas), st.access_log, st.prefix / "error.log"]:
        if f.exists():
            shutil.copyfile(f, ARTIFACTS / f"replicas-{f.name}")
    st.remove()


def access_log(st) -> list[dict]:
    return st.log_lines()


def replica_cookie(page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "ggm_replica"), None)


def query(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def test_static_pages_come_from_nginx_precompressed(stack):
    req = urllib.request.Request(f"{stack.url}/yongin", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=5) as r:
        assert r.status == 200
        assert r.headers["Content-Encoding"] == "gzip"  # the .gz beside it (gzip_static)
        assert r.headers["Server"] == "nginx"
        assert "ggm_replica" not in (r.headers.get("Set-Cookie") or "")  # pages need no affinity
    with urllib.request.urlopen(f"{stack.url}/", timeout=5) as r:
        assert b"Static page" in r.read()
    assert not any(
        line["upstream"] not in ("", "-") for line in access_log(stack) if not line["uri"].startswith("/live")
    )


def test_a_replica_dies_and_the_view_survives(page, stack):
    """A person picks a region, turns a layer off and zooms; their replica is killed; the page
    reconnects to the other replica and shows the same view, and the next click works there."""
    open_map(page, stack.app_url)
    click_path(page, "path.region-yongin")
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=yongin"))
    before = page.runs.finished
    sidebar(page).get_by_text("GTX 노선·역", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"layers=[^&]*gtx"))
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.gtx-line")).to_have_count(0)
    page.runs.settle(after=before)
    zoom_to(page, 11)
    chosen = query(page.url)
    assert chosen["region"] == ["yongin"] and "gtx" not in chosen["layers"][0] and chosen["view"][0].endswith(",11")

    # Sticky: every request this browser made reached the replica its cookie names.
    name = replica_cookie(page)
    assert name in {r.name for r in stack.replicas}, page.context.cookies()
    mine = next(r for r in stack.replicas if r.name == name)
    other = next(r for r in stack.replicas if r.name != name)
    # (The first page came without the cookie; every request after it carried the cookie.)
    lines = access_log(stack)
    first_page = [x for x in lines if x["uri"] == "/live/" and x["cookie"] in ("", "-")]
    assert [x["upstream"] for x in first_page] == [mine.addr], first_page
    pinned = [x for x in lines if x["cookie"] == name and x["upstream"] not in ("", "-")]
    assert len(pinned) > 5 and {x["upstream"] for x in pinned} == {mine.addr}, pinned

    # The replica dies (SIGKILL: no goodbye); the page's WebSocket reconnects, to the other one.
    killed_at = time.time()
    runs = page.runs.finished
    with page.expect_websocket(timeout=60_000):
        stack.stop_replica(name)
    assert not mine.alive()
    # On reconnecting, the page asks the new replica for a script run (ui/reconnect.py), so its
    # session exists, with every widget, before the person's next click.
    deadline = time.monotonic() + 60
    while page.runs.finished <= runs:
        assert time.monotonic() < deadline, "no script run on the other replica after the reconnect"
        page.wait_for_timeout(100)
    page.runs.settle(after=runs)
    assert replica_cookie(page) == other.name  # nginx moved the cookie to the replica that answered

    # The same view, built by the other replica from the URL: the panel, the layer that was
    # turned off, the zoom; no error shows.
    assert query(page.url) == chosen
    expect(page.get_by_role("heading", name="용인시")).to_be_visible()
    expect(sidebar(page).get_by_role("switch", name="GTX 노선·역")).not_to_be_checked()
    expect(frame.locator("path.gtx-line")).to_have_count(0)
    expect(page.get_by_text("Connection error")).to_have_count(0)
    map_frame(page).wait_for_function("window.map.getZoom() === 11")
    assert page.get_by_test_id("stException").count() == 0

    # The same link in a new tab (same browser, so the same cookie) opens there the same way.
    tab = page.context.new_page()
    tab_frame = open_map(tab, page.url)
    expect(tab.get_by_role("heading", name="용인시")).to_be_visible()
    expect(sidebar(tab).get_by_role("switch", name="GTX 노선·역")).not_to_be_checked()
    expect(tab_frame.locator("path.region-yongin")).to_be_attached()
    expect(tab_frame.locator("path.gtx-line")).to_have_count(0)
    assert map_js(tab, "window.map.getZoom()") == 11
    assert query(tab.url) == chosen
    assert tab.get_by_test_id("stException").count() == 0
    tab.close()

    # The first page's session goes on there: the next click selects another region, the layer
    # stays off.
    runs = page.runs.finished
    click_path(page, "path.region-icheon")
    expect(page.get_by_role("heading", name="이천시")).to_be_visible()
    expect(page).to_have_url(re.compile(r"region=icheon"))
    page.runs.settle(after=runs)
    assert "gtx" not in query(page.url)["layers"][0]
    expect(sidebar(page).get_by_role("switch", name="GTX 노선·역")).not_to_be_checked()
    assert map_js(page, "document.querySelectorAll('path.gtx-line').length") == 0
    assert page.get_by_test_id("stException").count() == 0

    # nginx's log: the first socket (its line is written when it closed) was on the dead replica;
    # every request since the kill was answered by the other one.
    lines = [x for x in access_log(stack) if x["uri"].startswith("/live/") and float(x["msec"]) > killed_at]
    first_socket = [x for x in lines if x["uri"] == "/live/_stcore/stream" and x["upstream"] == mine.addr]
    assert len(first_socket) == 1, lines
    since = [x for x in lines if x not in first_socket and x["upstream"] not in ("", "-")]
    assert since and all(x["upstream"].endswith(other.addr) for x in since), since
    assert other.alive()
    log = other.log_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log, log[-3000:]
    assert not page.errors, page.errors
