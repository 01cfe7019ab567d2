"""The URL codec and the click-to-selection function: pure, never raising."""

import datetime
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.state import selection, url_state
from geo.state.url_state import Known, ViewState

KNOWN = Known(
    regions=frozenset({"yongin", "hanam", "seongnam"}),
    stations=frozenset({"seoul-station", "dongtan"}),
    clusters=frozenset({"semiconductor", "ai", "peace-zone"}),
)


def test_defaults_on_empty_query():
    s = url_state.parse({}, KNOWN)
    assert s == ViewState()
    assert s.lang == "ko" and s.layers == url_state.DEFAULT_LAYERS and not s.notices


def test_issue_example_link():
    s = url_state.parse({"region": "hanam", "layers": "gtx,ai", "lang": "en"}, KNOWN)
    assert (s.region, s.lang) == ("hanam", "en")
    assert s.layers == {"gtx", "ai"} and s.lines == set(url_state.LINES)
    assert not s.notices


def test_per_line_layers():
    s = url_state.parse({"layers": "gtx-a,gtx-c,sites"}, KNOWN)
    assert s.layers == {"gtx", "sites"} and s.lines == {"A", "C"}
    assert url_state.serialize(s)["layers"] == "gtx,sites,gtx-a,gtx-c"


def test_empty_layers_means_none_shown():
    s = url_state.parse({"layers": ""}, KNOWN)
    assert s.layers == frozenset() and not s.notices


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"region": "<script>alert(1)</script>"}, "region"),
        ({"region": "../../etc/passwd"}, "region"),
        ({"region": "atlantis"}, "region"),
        ({"station": "x" * 10_000}, "station"),
        ({"lang": "fr"}, "lang"),
        ({"basemap": "javascript:alert(1)"}, "basemap"),
        ({"layers": "gtx,<img src=x onerror=alert(1)>"}, "layers"),
        ({"cluster": "🙂"}, "cluster"),
        ({"view": "37.5,127.1,99"}, "view"),
        ({"view": "91,127.1,10"}, "view"),
        ({"view": "nan,inf,10"}, "view"),
        ({"view": "1e2,127,10"}, "view"),
        ({"view": "37.5,127.1"}, "view"),
        ({"view": "37.5,127.1,10,4"}, "view"),
        ({"view": "<b>37.5</b>,127.1,10"}, "view"),
        ({"view": "3" * 500}, "view"),
    ],
)
def test_hostile_values_fall_back_with_notice(params, notice):
    s = url_state.parse(params, KNOWN)
    assert notice in s.notices
    default = getattr(ViewState(), notice)
    if notice != "layers":
        assert getattr(s, notice) == default
    else:
        assert s.layers == {"gtx"}  # the valid part is kept
    assert "<" not in repr(url_state.serialize(s))


def test_repeated_keys_take_the_last_value():
    s = url_state.parse({"region": ["yongin", "hanam"]}, KNOWN)
    assert s.region == "hanam"


def test_one_selection_at_a_time():
    s = url_state.parse({"region": "yongin", "station": "dongtan", "cluster": "ai"}, KNOWN)
    assert (s.region, s.station, s.cluster) == ("yongin", None, None)
    s2 = s.select("station", "dongtan")
    assert (s2.region, s2.station) == (None, "dongtan")


state_strategy = st.builds(
    ViewState,
    region=st.sampled_from([None, *sorted(KNOWN.regions)]),
    station=st.none(),
    cluster=st.none(),
    layers=st.frozensets(st.sampled_from(url_state.LAYERS)),
    lines=st.frozensets(st.sampled_from(url_state.LINES), min_size=1),
    lang=st.sampled_from(url_state.LANGS),
    basemap=st.sampled_from(url_state.BASEMAPS),
    view=st.none()
    | st.tuples(
        st.floats(*url_state.VIEW_LAT),
        st.floats(*url_state.VIEW_LNG),
        st.floats(*url_state.VIEW_ZOOM),
    ).map(lambda v: url_state.make_view(*v)),
    date=st.none() | st.dates(*url_state.DATE_RANGE),
)


@given(state_strategy)
def test_round_trip(state):
    back = url_state.parse(url_state.serialize(state), KNOWN)
    expected_lines = state.lines if "gtx" in state.layers else frozenset(url_state.LINES)
    assert (back.region, back.layers, back.lang, back.basemap) == (
        state.region,
        state.layers,
        state.lang,
        state.basemap,
    )
    assert back.lines == expected_lines
    assert back.view == state.view
    assert back.date == state.date
    assert not back.notices


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024-01-15", datetime.date(2024, 1, 15)),
        ("2024-02", datetime.date(2024, 2, 29)),  # YYYY-MM = the last day of the month
        ("2026-11", datetime.date(2026, 11, 30)),
        (" 2025-01-01 ", datetime.date(2025, 1, 1)),
    ],
)
def test_date_is_parsed(raw, expected):
    s = url_state.parse({"date": raw, "station": "dongtan"}, KNOWN)
    assert s.date == expected and not s.notices and s.station == "dongtan"
    assert url_state.serialize(s)["date"] == expected.isoformat()
    assert url_state.day_of(s) == expected


@pytest.mark.parametrize("raw", ["2024-13-01", "2026-02-30", "2024", "24-01-01", "2024/01/01", "1800-01-01", "x" * 500])
def test_bad_date_falls_back_to_today_with_notice(raw):
    s = url_state.parse({"date": raw, "lang": "en"}, KNOWN)
    assert s.date is None and s.notices == ("date",) and s.lang == "en"
    assert url_state.day_of(s, datetime.date(2026, 11, 30)) == datetime.date(2026, 11, 30)
    assert "date" not in url_state.serialize(s)


@given(st.text(max_size=40))
def test_date_parse_never_raises(raw):
    s = url_state.parse({"date": raw}, KNOWN)
    assert s.date is None or url_state.DATE_RANGE[0] <= s.date <= url_state.DATE_RANGE[1]
    if raw == "":
        assert s.date is None and not s.notices
    else:
        assert (s.date is None) == ("date" in s.notices)


def test_view_is_parsed_rounded_and_kept_by_a_selection():
    s = url_state.parse({"view": "37.512345,127.05,10.25", "region": "yongin"}, KNOWN)
    assert s.view == (37.5123, 127.05, 10.25) and not s.notices
    assert url_state.serialize(s)["view"] == "37.5123,127.0500,10.25"
    assert s.select("station", "dongtan").view == s.view
    assert "view" not in url_state.serialize(url_state.parse({}, KNOWN))


@settings(max_examples=300)
@given(
    st.dictionaries(st.text(max_size=12), st.one_of(st.text(max_size=300), st.lists(st.text(max_size=50), max_size=3)))
)
def test_parse_never_raises_and_never_keeps_raw_text(params):
    s = url_state.parse(params, KNOWN)
    for value in (s.region, s.station, s.cluster):
        assert value is None or value in KNOWN.regions | KNOWN.stations | KNOWN.clusters
    allowed = set(string.ascii_lowercase + string.digits + "-,=&_.")
    assert set("".join(f"{k}={v}" for k, v in url_state.serialize(s).items())) <= allowed


# --- click payload -> selection -----------------------------------------------------------


def _click(props):
    return {"last_active_drawing": {"type": "Feature", "properties": props, "geometry": None}}


def test_region_click_selects_region():
    assert selection.from_click(_click({"kind": "region", "id": "yongin"}), KNOWN) == ("region", "yongin")


def test_site_click_selects_its_region():
    assert selection.from_click(_click({"kind": "site", "id": "fab", "region": "yongin"}), KNOWN) == (
        "region",
        "yongin",
    )


def test_station_click_selects_station():
    assert selection.from_click(_click({"kind": "station", "id": "dongtan"}), KNOWN) == ("station", "dongtan")


@pytest.mark.parametrize(
    "payload",
    [
        None,
        {},
        {"last_active_drawing": None},
        {"last_active_drawing": "yongin"},
        _click(None),
        _click({"kind": "site", "id": "yongin"}),
        _click({"kind": "site", "id": "fab", "region": "atlantis"}),
        _click({"kind": "gtx-line", "id": "yongin"}),
        _click({"kind": "region", "id": "atlantis"}),
        _click({"kind": "region", "id": ["yongin"]}),
        _click({"kind": "station", "id": "<img src=x onerror=alert(1)>"}),
    ],
)
def test_other_clicks_select_nothing(payload):
    assert selection.from_click(payload, KNOWN) is None


# --- st_folium return value -> URL state (clicks, and the map view) ----------------------

HOME = (37.5983, 127.11)


def _event(count, props=None, zoom=8.75, center=HOME):
    out = {"last_object_clicked_count": count, "zoom": zoom, "center": {"lat": center[0], "lng": center[1]}}
    out["last_active_drawing"] = _click(props)["last_active_drawing"] if props else None
    return out


def test_map_event_click_counts_once_then_pans_do_not_reselect():
    first = selection.map_event(_event(1, {"kind": "region", "id": "yongin"}), KNOWN, 0)
    assert first.picked == ("region", "yongin") and first.clicks == 1
    # The user pans after going back to the overview: the old feature must not come back.
    pan = selection.map_event(_event(1, {"kind": "region", "id": "yongin"}, 11, (37.3, 127.2)), KNOWN, 1)
    assert pan.picked is None and pan.view == (37.3, 127.2, 11.0)
    # The same feature clicked again moves the counter: it is selected again.
    again = selection.map_event(_event(2, {"kind": "region", "id": "yongin"}, 11, (37.3, 127.2)), KNOWN, 1)
    assert again.picked == ("region", "yongin")


def _moved(cause, zoom=11.0, center=(37.3, 127.2)):
    return {**_event(0, zoom=zoom, center=center), selection.MOVE_KEY: {"cause": cause, "n": 3}}


def test_a_view_counts_only_when_a_person_moved_the_map():
    assert selection.map_event(_moved("user"), KNOWN, 0).view == (37.3, 127.2, 11.0)
    assert selection.map_event(_moved("fit"), KNOWN, 0).view is None  # the opening fit, a zoom to a selection
    # However late a fit's report comes, and wherever it landed (the province view included).
    assert selection.map_event(_moved("fit", 8.75, HOME), KNOWN, 0).view is None
    # No cause (a page from before the mark) or a strange one: a person's move, never lost.
    assert selection.map_event(_event(0, zoom=9.5), KNOWN, 0).view == (37.5983, 127.11, 9.5)
    assert selection.map_event({**_moved("fit"), selection.MOVE_KEY: "fit"}, KNOWN, 0).view == (37.3, 127.2, 11.0)


def test_place_gesture_opens_the_place_under_the_pointer():
    ev = selection.map_event(_event(3, {"kind": "place", "lat": 37.2, "lng": 127.075}), KNOWN, 2)
    assert ev.at == (37.2, 127.075) and ev.picked is None and ev.clicks == 3
    # The same report again (a pan after the gesture) does not pick the place a second time.
    again = selection.map_event(_event(3, {"kind": "place", "lat": 37.2, "lng": 127.075}, 11), KNOWN, 3)
    assert again.at is None and again.view == (37.5983, 127.11, 11.0)


@pytest.mark.parametrize(
    "props",
    [
        {"kind": "place"},
        {"kind": "place", "lat": "NaN", "lng": 127.0},
        {"kind": "place", "lat": float("inf"), "lng": 127.0},
        {"kind": "place", "lat": 37.2, "lng": 250.0},
        {"kind": "place", "lat": True, "lng": 127.0},
        {"kind": "place", "lat": "37.2<script>", "lng": "127.0"},
        {"kind": "place", "lat": [37.2], "lng": 127.0},
        {"kind": "region", "lat": 37.2, "lng": 127.0},  # a region click is never a place
    ],
)
def test_place_gesture_with_a_point_the_codec_refuses_selects_nothing(props):
    assert selection.map_event(_event(1, props), KNOWN, 0).at is None


_ANY = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=20), kids, max_size=4),
    max_leaves=12,
)
_SHAPED = st.fixed_dictionaries(
    {
        "last_object_clicked_count": _ANY,
        "zoom": _ANY,
        "last_active_drawing": _ANY,
        "center": st.dictionaries(st.sampled_from(["lat", "lng"]), _ANY) | _ANY,
    }
)


@settings(max_examples=300)
@given(_ANY | _SHAPED, st.none() | st.integers())
def test_map_event_never_raises(payload, seen):
    ev = selection.map_event(payload, KNOWN, seen)
    assert ev.picked is None or ev.picked[1] in KNOWN.regions | KNOWN.stations
    assert ev.view is None or url_state.make_view(*ev.view) == ev.view
    assert ev.at is None or (url_state.make_at(*ev.at) == ev.at and ev.picked is None)


@pytest.mark.parametrize("junk", ["0\x1f", "\x1c37.5", "37.5\x1e", "1\u2028"])
def test_numbers_with_unicode_whitespace_are_read_or_refused_never_raised(junk):
    # str.strip() removes \x1c-\x1f and \u2028, which float() refuses: a crash found by hypothesis
    assert url_state.make_view(junk, "127.0", "10") in (None, (float(junk.strip()), 127.0, 10.0))
    assert url_state.make_at(junk, "127.0") in (None, (float(junk.strip()), 127.0))
