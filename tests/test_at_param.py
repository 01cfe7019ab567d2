"""`at=lat,lng` in the URL codec: a place selection, validated like every other parameter."""

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.state import url_state
from geo.state.url_state import Known, ViewState

KNOWN = Known(frozenset({"hanam"}), frozenset({"dongtan"}), frozenset({"ai"}))
LAT = (url_state.VIEW_LAT[0], url_state.VIEW_LAT[1])
LNG = (url_state.VIEW_LNG[0], url_state.VIEW_LNG[1])


def test_at_is_parsed_rounded_and_serialized():
    s = url_state.parse({"at": "37.2000,127.0750", "lang": "en"}, KNOWN)
    assert s.at == (37.2, 127.075) and not s.notices
    assert url_state.serialize(s)["at"] == "37.20000,127.07500"
    assert url_state.parse({"at": "37.123456789,127.5"}, KNOWN).at == (37.12346, 127.5)


def test_hostile_or_malformed_at_gives_a_notice_and_no_place():
    for raw in (
        "<script>alert(1)</script>",
        "37.2",
        "37.2,127,3",
        "1e2,127",
        "nan,nan",
        "0,0",
        "37.2;127.1",
        "３７.2,127",
    ):
        s = url_state.parse({"at": raw}, KNOWN)
        assert s.at is None and s.notices == ("at",), raw
        assert "at" not in url_state.serialize(s)


def test_one_selection_at_a_time():
    s = url_state.parse({"at": "37.2,127.07", "region": "hanam"}, KNOWN)
    assert (s.region, s.at) == ("hanam", None)
    placed = s.place(37.3, 127.1)
    assert (placed.region, placed.station, placed.cluster, placed.at) == (None, None, None, (37.3, 127.1))
    assert placed.select("station", "dongtan").at is None
    assert ViewState().place(float("nan"), 127.0).at is None


@settings(max_examples=300)
@given(st.floats(*LAT), st.floats(*LNG))
def test_round_trip(lat, lng):
    state = ViewState().place(lat, lng)
    assert state.at is not None
    back = url_state.parse(url_state.serialize(state), KNOWN)
    assert back.at == state.at and not back.notices


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=80), st.lists(st.text(max_size=40), max_size=3)))
def test_any_at_value_never_raises_and_is_never_echoed(raw):
    s = url_state.parse({"at": raw}, KNOWN)
    out = url_state.serialize(s).get("at", "")
    assert set(out) <= set("0123456789-.,")
    if s.at is not None:
        lat, lng = s.at
        assert LAT[0] <= lat <= LAT[1] and LNG[0] <= lng <= LNG[1]
