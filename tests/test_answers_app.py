"""AppTest: the station and place answers, the `at` link, the search box and the zoom script."""

import json

from tests.helpers import run_app


def text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [b.label for b in at.button]
    return "\n".join(parts).replace("\\", "")


def feature_groups(at) -> str:
    return json.loads(at.get("component_instance")[0].proto.json_args)["feature_group"]


def test_dongtan_station_shows_sourced_minutes_to_suseo():
    at = run_app(station="dongtan", lang="en")
    assert not at.exception
    assert at.header[0].value == "Dongtan"
    body = text(at)
    line = next(ln for ln in body.splitlines() if "To Suseo" in ln)
    assert "about 20 min" in line and "scheduled in-vehicle time" in line
    assert "biz.newdaily.co.kr" in line and "as of 2024-03-29" in line
    assert "To Seoul Station: not published" in body
    assert "Headway: peak 17 min, off-peak 20 min" in body


def test_place_link_names_dongtan_with_km():
    at = run_app(at="37.2000,127.0750", lang="en")
    assert not at.exception
    assert at.header[0].value == "Near Bansong-dong"  # no searchable place there: the nearest legal dong
    first = next(b.label for b in at.button if b.key and b.key.startswith("place-station-"))
    assert first.replace("\\", "") == "Dongtan · 1.8 km in a straight line"
    assert "Hwaseong" in text(at)
    groups = feature_groups(at)
    assert '"radius": 500' in groups and '"radius": 1000' in groups  # catchment rings
    assert "at:37.20000,127.07500" in groups  # the map fits to the place


def test_hostile_at_is_rejected_with_a_notice():
    at = run_app(at="<script>alert(1)</script>", lang="en")
    assert not at.exception
    assert "at" not in at.query_params
    assert any("at" in c.value and "not recognised" in c.value for c in at.caption)
    assert any(s.value == "Overview" for s in at.subheader)
    assert "<script>" not in text(at)


def test_search_pick_opens_the_place_panel():
    at = run_app(lang="ko")
    at.sidebar.text_input(key="w_search").input("동탄").run()
    hits = [b for b in at.sidebar.button if b.key and b.key.startswith("hit-")]
    assert hits and hits[0].key == "hit-station:dongtan"
    hits[0].click().run()
    assert not at.exception
    assert at.query_params["at"] == "37.20007,127.09574"
    assert at.header[0].value == "동탄"


def test_selection_zooms_unless_the_link_has_a_view():
    groups = feature_groups(run_app(region="hanam"))
    assert '"region:hanam"' in groups and ".fitBounds(" in groups
    pinned = feature_groups(run_app(region="hanam", view="37.3,127.2,11"))
    assert '"region:hanam"' in pinned and ".fitBounds(" not in pinned
