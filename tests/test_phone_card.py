"""The answer card on a phone's first screen (geo/answers/phone_card.py, ui/map_view.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from geo.answers.phone_card import member_count, phone_card
from geo.core.i18n import t
from geo.state.url_state import ViewState
from ui import map_view

TODAY = date(2026, 11, 30)
BROKEN = re.compile(r"\{|\}|\b(nan|None|NaN)\b")


def test_every_region_station_and_cluster_has_a_card_in_both_languages(model):
    k = model.known
    states = [{"region": r} for r in sorted(k.regions)] + [{"station": s} for s in sorted(k.stations)]
    states += [{"cluster": c} for c in sorted(k.clusters)]
    for params in states:
        for lang in ("ko", "en"):
            card = phone_card(model, ViewState(lang=lang, **params), TODAY)
            assert card is not None, params
            for text in (card.name, card.kind_label, card.status, card.key_figure):
                assert text.strip() and not BROKEN.search(text), (params, lang, card)
            assert card.kind == next(iter(params))
    assert phone_card(model, ViewState(), TODAY) is None


def test_a_stations_key_figure_is_its_first_published_minutes(model):
    card = phone_card(model, ViewState(station="kintex", lang="en"), TODAY)
    assert (card.name, card.status) == ("KINTEX", "Status on 2026-11-30: Operating")
    assert card.key_figure == "To Seoul Station: 17 min (GTX-A)"
    proposed = phone_card(model, ViewState(station="yeoju", lang="en"), TODAY)
    assert proposed.status == "Status on 2026-11-30: Proposed"
    assert proposed.key_figure == t("card.minutes_none", "en")


def test_a_cards_status_is_as_of_the_views_date(model):
    before = phone_card(model, ViewState(station="kintex", lang="en", date=date(2020, 1, 1)), TODAY)
    assert before.status == "Status on 2020-01-01: Under construction"
    region = phone_card(model, ViewState(region="hanam", lang="en", date=date(2020, 1, 1)), TODAY)
    assert region.key_figure == "No GTX station in operation on 2020-01-01"


def test_a_places_key_figure_is_its_nearest_station(model):
    card = phone_card(model, ViewState(at=(37.2, 127.075), lang="en"), TODAY)
    assert card.kind == "place" and card.name
    assert card.key_figure == "Nearest GTX station: Dongtan (GTX-A), 1.8 km in a straight line"
    assert card.status == "Status on 2026-11-30: GTX-A · Operating"
    outside = phone_card(model, ViewState(at=(33.4, 126.5), lang="en"), TODAY)
    assert outside.status == t("card.outside", "en")


def test_a_regions_card_names_its_cluster_and_nearest_operating_station(model):
    yongin = phone_card(model, ViewState(region="yongin", lang="en"), TODAY)
    assert yongin.status == "Cluster on 2026-11-30: K-semiconductor mega-cluster"
    assert yongin.key_figure == "Operating GTX station: Guseong (GTX-A), in the region"
    hanam = phone_card(model, ViewState(region="hanam", lang="ko"), TODAY)
    assert hanam.status == "2026-11-30 기준 클러스터: AI 클러스터"
    assert hanam.key_figure.startswith("가장 가까운 운행 중인 GTX역: 수서 (GTX-A), 경계에서 직선 ")


def test_a_clusters_key_figure_is_its_member_count_on_the_date(model):
    card = phone_card(model, ViewState(cluster="peace-zone", lang="en"), TODAY)
    n = member_count(model, "peace-zone", TODAY)
    assert card.key_figure == f"{n} members on 2026-11-30"
    assert member_count(model, "peace-zone", date(2020, 1, 1)) < n  # members from their eligibility


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_card_escapes_its_text_and_links_to_the_panel(model, lang):
    card = phone_card(model, ViewState(region="yongin", lang=lang), TODAY)
    hostile = card.__class__(card.kind, '<img src=x onerror="alert(1)">', "&", "<b>", "</div>")
    html = map_view.card_html(hostile, lang)
    assert "<img" not in html and "<b>" not in html and "</div></p>" not in html
    assert "&lt;img" in html
    assert f'href="#{map_view.PANEL_ANCHOR}"' in html


def test_phone_css_sizes_the_map_and_hides_the_phone_copies_on_a_desktop():
    css = map_view.PHONE_CSS
    assert "height:45vh" in css
    desktop = f".st-key-{map_view.CARD_KEY},.st-key-{map_view.FOLD_KEY}{{display:none}}"
    assert f"@media (min-width: 641px){{{desktop}}}" in css
    assert f".st-key-{map_view.WIDE_KEY}{{display:none}}" in css
