"""End-to-end: moving the timeline slider restyles the GTX lines as of the new date without
remounting the map; the zoom and the selected station stay."""

import re

from playwright.sync_api import expect

from tests.browser.test_dashboard_e2e import map_js, open_map, zoom_to
from tests.helpers import IDLE_JS


def test_slider_restyles_lines_without_remount(page, server):
    frame = open_map(page, server + "/?station=dongtan&date=2024-01-15&lang=en")
    section = frame.locator("path.gtx-section-a-suseo-dongtan")
    expect(section).to_have_class(re.compile(r"gtx-status-under_construction"))
    expect(frame.locator("path.gtx-section-a-unjeong-seoul")).to_have_class(
        re.compile(r"gtx-status-under_construction")
    )
    zoom_to(page, 11, "[37.3, 127.1]")  # marks the Leaflet map object: a remount would lose the mark
    expect(page).to_have_url(re.compile(r"view=37\.\d+%2C127\.\d+%2C11(&|$)"))  # the move is in the link
    thumb = page.get_by_role("slider").first
    before = page.runs.finished
    for month in ("2024-02-29", "2024-03-31", "2024-04-30"):  # one step at a time, as a reader would
        page.wait_for_function(IDLE_JS)  # no rerun in flight: the slider is not being redrawn
        runs = page.runs.finished
        thumb.focus()
        thumb.press("ArrowRight")
        page.runs.settle(after=runs)
        expect(page).to_have_url(re.compile(f"date={month}"))
    expect(page).to_have_url(re.compile(r"view=37\.\d+%2C127\.\d+%2C11(&|$)"))
    expect(section).to_have_class(re.compile(r"gtx-status-operating"))
    expect(frame.locator("path.gtx-section-a-unjeong-seoul")).to_have_class(
        re.compile(r"gtx-status-under_construction")
    )
    expect(page).to_have_url(re.compile(r"station=dongtan"))
    expect(page.get_by_role("heading", name="Dongtan")).to_be_visible()
    page.runs.settle(after=before)  # the slider's reruns have finished: any (unwanted) remount is done
    assert map_js(page, "window.map._ggmMark === true && window.map.getZoom()") == 11
    assert not page.errors
