"""Upload a hostile GeoJSON in the browser: it is drawn, summarised, escaped, and runs nothing."""

import json

from playwright.sync_api import expect

from tests.helpers import MAP_FRAME

EVIL = "<img src=x onerror=alert(1)>"


def test_upload_hostile_layer(page, server, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    f = tmp_path / "evil.geojson"
    f.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": EVIL},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [
                                [[127.2, 37.15], [127.3, 37.15], [127.3, 37.22], [127.2, 37.22], [127.2, 37.15]]
                            ],
                        },
                    }
                ],
            }
        )
    )
    page.goto(server + "/?lang=en")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.region-yongin")).to_be_attached(timeout=45_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Add your own layer").first.click()
    sidebar.locator("input[type=file]").set_input_files(str(f))
    expect(sidebar.get_by_text("Your layer")).to_be_visible()
    expect(sidebar.get_by_text("K-semiconductor mega-cluster").last).to_be_visible()
    upload_path = frame.locator("path.upload-feature")
    expect(upload_path).to_be_attached()
    upload_path.hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_contain_text("onerror=alert(1)")  # shown as text, not run
    assert frame.locator(".leaflet-tooltip img").count() == 0
    # The share box says the upload is not in the link.
    before = page.runs.finished
    sidebar.get_by_text("Share this view").click()
    expect(sidebar.get_by_text("not part of this link")).to_be_visible()
    page.runs.settle(after=before)  # that rerun has finished and drawn everything it sends
    # The hostile name is text everywhere: no element carries a handler that could run.
    for doc in (page, frame):
        assert doc.locator("[onerror]").count() == 0
    assert not dialogs
