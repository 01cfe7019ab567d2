"""The visibility rule's cache (geo/domain/visibility.py): the date-dependent frames are built once
per (source frame, timeline, day) and the line filter once per (dated frame, shown lines), shared by
every rerun and session. Equal inputs give the very same frames, other inputs never do, and no
caller modifies the shared frames."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import matplotlib.pyplot as plt
import pytest

from geo.answers.describe import describe
from geo.answers.downloads import visible_geojson
from geo.answers.phone_card import phone_card
from geo.core.vocabulary import CONTENT_KEY, LINES, Status
from geo.domain.asof import as_of, lines_as_of, outside_members_as_of, sites_as_of, stations_as_of
from geo.domain.visibility import lines_shown, stations_shown, visible
from geo.printing import render, sheet
from geo.state.url_state import ViewState
from layers.view import feature_groups

DAY = dt.date(2026, 1, 31)
FRAMES = ("dated_lines", "dated_stations", "lines", "stations", "sites", "peace_zone_outside")
# GTX-A's Suseo-Dongtan section (and Dongtan station) opened on 2024-03-30.
EVE, OPENING = dt.date(2024, 3, 29), dt.date(2024, 3, 30)


def _status(frame, key: str) -> str:
    return str(frame.loc[frame["id"] == key, "status"].iloc[0])


def test_equal_inputs_give_the_same_frames(model):
    """The cache itself: a rerun on the same day (another region selected, as in bench.ablation)
    rebuilds nothing. Without the cache every call builds new frames."""
    a = visible(model.data, ViewState(region="yongin"), DAY)
    b = visible(model.data, ViewState(region="suwon", lang="en"), DAY)
    c = visible(model.data, ViewState(date=DAY), dt.date(2020, 1, 1))  # the state's date wins over today
    for name in FRAMES:
        assert getattr(a, name) is not None, name
        assert getattr(b, name) is getattr(a, name), name
        assert getattr(c, name) is getattr(a, name), name
    assert a.asof is b.asof


def test_a_different_day_is_a_different_result(model):
    eve, opening = visible(model.data, ViewState(), EVE), visible(model.data, ViewState(), OPENING)
    for name in FRAMES:
        assert getattr(eve, name) is not getattr(opening, name), name
    for shown in (eve, opening, visible(model.data, ViewState(), EVE)):  # the second EVE from the cache
        expected = Status.OPERATING if shown.day == OPENING else Status.UNDER_CONSTRUCTION
        assert _status(shown.dated_lines, "a-suseo-dongtan") == expected
        assert _status(shown.lines, "a-suseo-dongtan") == expected
        assert _status(shown.dated_stations, "dongtan") == expected
        assert _status(shown.stations, "dongtan") == expected
    # The layer memo (layers/memo.py) keys on the frames' content keys: they differ with the statuses.
    assert eve.dated_lines.attrs[CONTENT_KEY] != opening.dated_lines.attrs[CONTENT_KEY]
    assert eve.dated_stations.attrs[CONTENT_KEY] != opening.dated_stations.attrs[CONTENT_KEY]


def test_the_toggles_filter_the_shared_dated_frames(model):
    every = visible(model.data, ViewState(), DAY)
    only_a = visible(model.data, ViewState(lines=frozenset({"A"}), layers=frozenset({"gtx"})), DAY)
    assert only_a.dated_lines is every.dated_lines and only_a.dated_stations is every.dated_stations
    assert only_a.lines is not every.lines and only_a.stations is not every.stations
    assert set(only_a.lines["line"]) == {"A"} and set(every.lines["line"]) > {"A"}
    assert all("A" in ls for ls in only_a.stations["lines"]) and len(only_a.stations) < len(every.stations)
    assert only_a.sites is None and only_a.peace_zone_outside is None
    off = visible(model.data, ViewState(layers=frozenset()), DAY)
    assert off.lines is None and off.stations is None and off.dated_lines is every.dated_lines


@pytest.mark.parametrize("day", [dt.date(2023, 6, 1), EVE, OPENING, DAY])
@pytest.mark.parametrize("lines", [frozenset(LINES), frozenset({"A", "C"}), frozenset({"B"})])
def test_the_cached_frames_are_what_the_rule_computes(model, day, lines):
    d = model.data
    shown = visible(d, ViewState(lines=lines), day)
    a = as_of(d.timeline, day)
    dated_lines, dated_stations = lines_as_of(d.lines, a), stations_as_of(d.stations, a)
    expected = {
        "dated_lines": dated_lines,
        "dated_stations": dated_stations,
        "lines": lines_shown(dated_lines, lines),
        "stations": stations_shown(dated_stations, lines),
        "sites": sites_as_of(d.sites, a),
        "peace_zone_outside": outside_members_as_of(d.peace_zone_outside, a),
    }
    for name, frame in expected.items():
        got = getattr(shown, name)
        assert got.to_json() == frame.to_json(), name
        assert got.attrs == frame.attrs, name


def test_another_dataset_gets_its_own_frames(model):
    """Keyed on the frames' identity, not on anything equal: a copy with one section fewer (an
    edited dataset, a rebuilt model) is computed afresh, never served the original's frames."""
    fewer = model.data.lines[model.data.lines["id"] != "a-suseo-dongtan"].copy()
    other = replace(model.data, lines=fewer)
    mine, theirs = visible(model.data, ViewState(), DAY), visible(other, ViewState(), DAY)
    assert theirs.dated_lines is not mine.dated_lines and theirs.lines is not mine.lines
    assert "a-suseo-dongtan" in set(mine.dated_lines["id"]) - set(theirs.dated_lines["id"])
    assert theirs.dated_stations is mine.dated_stations  # the stations are the same frame


def _snapshot(shown) -> dict:
    """Everything a frame holds, values and attrs (the content key), as text: a change to a list or
    a dict in an object column (stations' lines, line_status) shows too."""
    return {
        name: (f.to_json(), dict(f.attrs), list(f.columns))
        for name in FRAMES
        if (f := getattr(shown, name)) is not None
    }


@pytest.mark.parametrize(
    "params",
    [{}, {"region": "yongin"}, {"station": "dongtan"}, {"cluster": "peace-zone"}, {"lines": frozenset({"A"})}],
)
def test_no_caller_modifies_the_shared_frames(model, params):
    """The map's layers, the downloads, the description, the phone card and the print (which reads
    the frames projected once per content, so it shares its own cached frames too)."""
    state = ViewState(date=EVE, **params)
    shown = visible(model.data, state)
    before = _snapshot(shown)
    printed = visible(render.projected(model), state, DAY)
    printed_before = _snapshot(printed)

    feature_groups(model, state)
    visible_geojson(model, state)
    describe(model, state)
    phone_card(model, state, DAY)
    sheet.figures(model, state, DAY)
    render.korean_font()  # as render.compose does: no missing-glyph warnings
    fig, ax = plt.subplots()
    try:
        render.draw_map(ax, model, state, 1.0, DAY)
    finally:
        plt.close(fig)

    again = visible(model.data, state)
    assert all(getattr(again, name) is getattr(shown, name) for name in FRAMES)
    assert _snapshot(again) == before
    reprinted = visible(render.projected(model), state, DAY)
    assert all(getattr(reprinted, name) is getattr(printed, name) for name in FRAMES)
    assert _snapshot(reprinted) == printed_before


def test_threads_share_the_cache_safely(model):
    days = [dt.date(2023, 1, 1) + dt.timedelta(days=90 * i) for i in range(16)]
    states = [ViewState(lines=frozenset(LINES[: 1 + i % len(LINES)])) for i in range(8)]
    jobs = [(s, day) for day in days for s in states]

    def statuses(job) -> tuple:
        shown = visible(model.data, *job)
        return tuple(
            tuple(zip(f["id"], f["status"], strict=True)) for f in (shown.dated_lines, shown.lines, shown.stations)
        )

    serial = [statuses(j) for j in jobs]
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(statuses, jobs * 4)) == serial * 4
