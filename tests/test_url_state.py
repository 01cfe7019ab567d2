"""The URL codec and the click-to-selection function: pure, never raising."""

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo import selection, url_state
from geo.url_state import Known, ViewState

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
)


@given(state_strategy)
def test_round_trip(state):
    back = url_state.parse(url_state.serialize(state), KNOWN)
    expected_lines = state.lines if "gtx" in state.layers else frozenset(url_state.LINES)
    assert (back.region, back.layers, back.lang, back.basemap) == (state.region, state.layers, state.lang, state.basemap)
    assert back.lines == expected_lines
    assert not back.notices


@settings(max_examples=300)
@given(st.dictionaries(st.text(max_size=12), st.one_of(st.text(max_size=300), st.lists(st.text(max_size=50), max_size=3))))
def test_parse_never_raises_and_never_keeps_raw_text(params):
    s = url_state.parse(params, KNOWN)
    for value in (s.region, s.station, s.cluster):
        assert value is None or value in KNOWN.regions | KNOWN.stations | KNOWN.clusters
    allowed = set(string.ascii_lowercase + string.digits + "-,=&_")
    assert set("".join(f"{k}={v}" for k, v in url_state.serialize(s).items())) <= allowed


# --- click payload -> selection -----------------------------------------------------------

def _click(props):
    return {"last_active_drawing": {"type": "Feature", "properties": props, "geometry": None}}


def test_region_click_selects_region():
    assert selection.from_click(_click({"kind": "region", "id": "yongin"}), KNOWN) == ("region", "yongin")


def test_site_click_selects_its_region():
    assert selection.from_click(_click({"kind": "site", "id": "fab", "region": "yongin"}), KNOWN) == ("region", "yongin")


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
