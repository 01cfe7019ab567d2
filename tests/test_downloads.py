"""The GeoJSON download (geo.answers.downloads.visible_geojson) is what the map shows: the layer
toggles, the line toggles and the date decide which features it carries."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from geo.answers.downloads import visible_geojson
from geo.core.vocabulary import LINES, Status
from geo.state.url_state import ViewState

SOKCHO = "51210"  # outside Gyeonggi; eligible for the Peace Zone from October 2025
LATER = date(2026, 1, 31)


def download(model, **state) -> list[dict]:
    fc = json.loads(visible_geojson(model, ViewState(**state)))
    assert fc["type"] == "FeatureCollection"
    return [f["properties"] for f in fc["features"]]


def layers(props: list[dict]) -> Counter:
    return Counter(p["layer"] for p in props)


def of(props: list[dict], layer: str) -> list[dict]:
    return [p for p in props if p["layer"] == layer]


def test_every_layer_on_is_in_the_download(model):
    got = layers(download(model, date=LATER))
    assert set(got) == {"regions", "peace-zone", "gtx-lines", "gtx-stations", "sites"}
    assert got["regions"] == 31


@pytest.mark.parametrize(
    "off, gone",
    [
        ("gtx", {"gtx-lines", "gtx-stations"}),
        ("sites", {"sites"}),
        ("peace-zone", {"peace-zone"}),
    ],
)
def test_a_layer_turned_off_is_not_in_the_download(model, off, gone):
    on = frozenset({"semiconductor", "ai", "peace-zone", "gtx", "sites"}) - {off}
    got = layers(download(model, layers=on, date=LATER))
    assert not set(got) & gone
    assert got["regions"] == 31  # regions are always drawn
    assert set(got) == {"regions", "peace-zone", "gtx-lines", "gtx-stations", "sites"} - gone


def test_only_the_regions_when_every_layer_is_off(model):
    assert set(layers(download(model, layers=frozenset(), date=LATER))) == {"regions"}


def test_the_line_toggles_pick_the_lines_and_their_stations(model):
    got = download(model, lines=frozenset({"A"}), date=LATER)
    assert {p["line"] for p in of(got, "gtx-lines")} == {"A"}
    stations = of(got, "gtx-stations")
    assert stations and all("A" in p["lines"] for p in stations)
    every = download(model, lines=frozenset(LINES), date=LATER)
    assert len(of(every, "gtx-stations")) > len(stations)


def test_gtx_statuses_are_those_of_the_date(model):
    early = of(download(model, date=date(2024, 1, 1)), "gtx-lines")
    a = {p["id"]: p["status"] for p in early if p["line"] == "A"}
    assert a and Status.OPERATING not in a.values()  # GTX-A opened on 2024-03-30
    assert a["a-suseo-dongtan"] == Status.UNDER_CONSTRUCTION
    later = {p["id"]: p["status"] for p in of(download(model, date=LATER), "gtx-lines")}
    assert later["a-suseo-dongtan"] == Status.OPERATING and later["a-unjeong-seoul"] == Status.OPERATING
    # Records not yet announced on the day are left out.
    assert len(early) < len(later)
    early_stations = {p["id"] for p in of(download(model, date=date(2024, 1, 1)), "gtx-stations")}
    assert "cheonghak" not in early_stations
    assert "cheonghak" in {p["id"] for p in of(download(model, date=LATER), "gtx-stations")}


def test_peace_zone_members_outside_gyeonggi_are_those_of_the_date(model):
    codes = lambda day: {p["code"] for p in of(download(model, date=day), "peace-zone")}
    before, after = codes(date(2024, 6, 1)), codes(LATER)
    assert SOKCHO not in before and SOKCHO in after
    assert after - before == {SOKCHO}
    assert after == set(model.data.peace_zone_outside["code"].astype(str))


def test_region_memberships_are_those_of_the_date(model):
    gapyeong = lambda day: next(p for p in of(download(model, date=day), "regions") if p["slug"] == "gapyeong")
    assert "peace-zone" in gapyeong(LATER)["clusters"].split(";")
    assert "peace-zone" not in gapyeong(date(2024, 6, 1))["clusters"].split(";")
