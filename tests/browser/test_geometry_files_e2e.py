"""End-to-end: the map's big outlines come from files under /app/static/geo (layers.geometry_files),
fetched once per page, and arrive styled although they arrive after the scripts that style them."""

from playwright.sync_api import expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from geo.core import palette
from tests.browser.test_dashboard_e2e import click_path, open_map


def test_linked_outlines_draw_styled_and_are_fetched_once(page, server):
    fetched: list[str] = []
    page.on("websocket", lambda ws: setattr(page, "ws", ws))
    page.on("requestfinished", lambda r: fetched.append(r.url) if "/static/geo/" in r.url else None)
    frame = open_map(page, server + "/?region=yongin&layers=semiconductor,peace-zone&lang=en")
    yongin = frame.locator("path.region-yongin")
    # Restyled when its geometry arrived (layers.clusters listens for "ggmdata"): cluster fill, selection edge.
    expect(yongin).to_have_attribute("fill", palette.CLUSTER["semiconductor"])
    expect(yongin).to_have_attribute("stroke-width", "4")
    expect(frame.locator("path.selection-outline")).to_have_count(1)
    assert frame.locator("path[class*='peace-zone-']").count() >= 1  # members outside Gyeonggi
    elements: list[str] = []

    def record(payload):
        msg = ForwardMsg()
        if isinstance(payload, bytes):
            msg.ParseFromString(payload)
            if msg.HasField("delta"):
                elements.append(msg.delta.new_element.WhichOneof("type") or "")

    page.ws.on("framereceived", record)
    click_path(page, "path.region-hwaseong")
    expect(page.get_by_role("heading", name="Hwaseong", exact=True)).to_be_visible()
    expect(frame.locator("path.region-hwaseong")).to_have_attribute("stroke-width", "4")
    expect(frame.locator("path.selection-outline")).to_have_count(1)
    # Outlines, Peace Zone, and one selection outline per region: each file once, however many reruns.
    assert len(fetched) >= 4, fetched
    assert len(fetched) == len(set(fetched)), fetched
    # The click re-sent the map and the panel, but not the unchanged slider (.streamlit/config.toml,
    # global.minCachedMessageSize: the browser is sent a reference to the copy it has).
    assert "component_instance" in elements and "slider" not in elements, elements
    assert not page.errors
