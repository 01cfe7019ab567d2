"""End-to-end at 390 x 844: a shared selection link opens with the map at about 45 % of the
screen's height and the answer card right under it, name and key figure on the first screen,
before the slider and the legend (folded into expanders there). A desktop sees neither the card
nor the folds. Also: the share box never puts the 127.0.0.1 the tests' server runs on into the
embed snippet."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.answers.phone_card import phone_card
from geo.core import clock
from geo.state.url_state import ViewState
from tests.browser.test_dashboard_e2e import open_map, sidebar
from tests.helpers import ARTIFACTS, MAP_FRAME

SCREEN_H = 844
LINKS = {
    "station": ("/?station=kintex&lang=en", ViewState(station="kintex", lang="en")),
    "place": ("/?at=37.2,127.075", ViewState(at=(37.2, 127.075))),
    "region": ("/?region=hanam&lang=en", ViewState(region="hanam", lang="en")),
    "cluster": ("/?cluster=peace-zone", ViewState(cluster="peace-zone")),
}


def _top(locator) -> float:
    box = locator.bounding_box()
    assert box is not None, locator
    return box["y"]


def _bottom(locator) -> float:
    box = locator.bounding_box()
    assert box is not None, locator
    return box["y"] + box["height"]


@pytest.mark.parametrize("kind", list(LINKS))
def test_a_shared_link_answers_on_the_phones_first_screen(phone_page, server, model, kind):
    page = phone_page
    query, state = LINKS[kind]
    expected = phone_card(model, state, clock.today())
    open_map(page, server + query)
    card = page.locator(".ggm-card")
    expect(card).to_be_visible()
    name, figure = card.locator(".ggm-card-name"), card.locator(".ggm-card-figure")
    expect(name).to_contain_text(expected.name)
    expect(card.locator(".ggm-card-status")).to_have_text(expected.status)
    expect(figure).to_have_text(expected.key_figure)
    page.screenshot(path=str(ARTIFACTS / f"phone_card_{kind}.png"))
    assert page.evaluate("document.querySelector('[data-testid=stMain]')?.scrollTop ?? 0") == 0
    # the first screen: the map at about 45 % of its height, then the name and the key figure
    frame = page.locator(MAP_FRAME).bounding_box()
    assert 0.43 * SCREEN_H <= frame["height"] <= 0.47 * SCREEN_H, frame
    assert _top(name) >= frame["y"] + frame["height"]
    assert _bottom(figure) <= SCREEN_H and _bottom(name) <= SCREEN_H
    # the slider and the legend come after it, folded; their desktop copies are not shown
    folds = page.locator(".st-key-ggm_fold details summary")
    expect(folds).to_have_count(2)
    assert _top(folds.first) >= _bottom(card)
    expect(page.get_by_role("slider")).to_have_count(0)  # the desktop slider is hidden, the fold closed
    expect(page.locator(".ggm-legend-strip")).to_be_hidden()


def test_the_folds_open_and_the_details_link_reaches_the_panel(phone_page, server):
    page = phone_page
    open_map(page, server + "/?region=hanam&lang=en")
    folds = page.locator(".st-key-ggm_fold details summary")
    folds.nth(1).click()  # the legend: no rerun
    expect(page.locator(".ggm-legend-folded")).to_be_visible()
    folds.first.click()  # the slider: built when opened
    expect(page.get_by_role("slider")).to_be_visible()
    page.locator(".ggm-card-details").click()
    heading = page.get_by_role("heading", name="Hanam", exact=True).last
    expect(heading).to_be_in_viewport()


def test_a_desktop_has_no_card_and_no_folds(page, server):
    open_map(page, server + "/?station=kintex&lang=en")
    expect(page.get_by_role("slider")).to_be_visible()
    expect(page.locator(".ggm-legend-strip")).to_be_visible()
    expect(page.locator(".ggm-card")).to_be_hidden()
    expect(page.locator(".st-key-ggm_fold")).to_be_hidden()
    assert page.locator(MAP_FRAME).bounding_box()["height"] == 640


def test_the_share_box_keeps_localhost_out_of_the_embed_snippet(page, server):
    open_map(page, server + "/?region=hanam&lang=en")
    sidebar(page).get_by_text("Share this view").click()
    codes = sidebar(page).locator("[data-testid=stCode]")
    expect(codes).to_have_count(2)
    link, snippet = codes.first.inner_text(), codes.nth(1).inner_text()
    assert link.startswith(server + "/?region=hanam")  # the browser's own address, to copy
    assert "127.0.0.1" not in snippet and 'src="?embed=true&amp;region=hanam' in snippet
    expect(sidebar(page).get_by_text("GGM_PUBLIC_URL")).to_be_visible()
