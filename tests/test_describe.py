"""geo/answers/describe.py: the map in words, in both languages, for every kind of selection."""

import re

import pytest

from geo.answers.describe import describe, latest_as_of
from geo.state.url_state import LAYERS, ViewState


def _operating(frame) -> int:
    return int((frame["status"] == "operating").sum())


def test_overview_in_english_names_the_operating_stretches_and_counts(model):
    text = describe(model, ViewState(lang="en"))
    assert text.startswith("Overview of Gyeonggi's 31 cities and counties.")
    assert "GTX-A operating from Unjeong Jungang to Seoul Station and from Suseo to Dongtan." in text
    stations = model.data.stations
    assert f"{_operating(stations)} of {len(stations)} stations operating." in text
    assert f"{_operating(model.data.sites)} of {len(model.data.sites)} key sites operating." in text
    assert "GTX-B, GTX-C, GTX-D, GTX-E and GTX-F: not operating yet." in text
    newest = max(str(d) for d in [*stations["as_of"], *model.data.lines["as_of"], *model.data.sites["as_of"]])
    assert text.endswith(f"Newest source date: {newest}.")


def test_overview_in_korean(model):
    text = describe(model, ViewState())
    assert "GTX-A 운행 구간: 운정중앙–서울역, 수서–동탄." in text
    assert f"GTX 역 {len(model.data.stations)}곳 중 {_operating(model.data.stations)}곳 운행 중." in text


def test_selection_is_said_first(model):
    assert describe(model, ViewState(region="yongin")).startswith("선택: 용인시 (K-반도체 메가클러스터).")
    assert describe(model, ViewState(region="yongin", lang="en")).startswith(
        "Selected: Yongin (K-semiconductor mega-cluster)."
    )
    assert describe(model, ViewState(station="dongtan", lang="en")).startswith(
        "Selected: Dongtan station (GTX-A, operating)."
    )
    assert describe(model, ViewState(station="dongtan")).startswith("선택: 동탄역 (GTX-A, 운행 중).")
    assert describe(model, ViewState(station="seoul-station")).startswith("선택: 서울역 (")  # not 서울역역
    members = sum("semiconductor" in cs for cs in model.memberships.values())
    assert f"({members} Gyeonggi cities and counties)" in describe(model, ViewState(cluster="semiconductor", lang="en"))


def test_counts_follow_the_shown_lines_and_layers(model):
    state = ViewState(lang="en", layers=frozenset({"gtx"}), lines=frozenset({"C"}))
    text = describe(model, state)
    on_c = model.data.stations[model.data.stations["lines"].map(lambda ls: "C" in ls)]
    assert f"{_operating(on_c)} of {len(on_c)} stations operating." in text
    assert "Lines shown: GTX-C." in text and "GTX-C: not operating yet." in text
    assert "GTX-A" not in text and "key sites" not in text
    none = describe(model, ViewState(lang="en", layers=frozenset()))
    assert "No layers are on." in none and "stations" not in none and "Newest source date" not in none


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_selection_reads_cleanly(model, lang):
    states = [ViewState(lang=lang, layers=frozenset(LAYERS))]
    states += [ViewState(region=r, lang=lang) for r in sorted(model.known.regions)]
    states += [ViewState(station=s, lang=lang) for s in sorted(model.known.stations)]
    states += [ViewState(cluster=c, lang=lang) for c in sorted(model.known.clusters)]
    for state in states:
        text = describe(model, state)
        assert not re.search(r"\{|\}|\bnan\b|\bNone\b|\(\)|\.\.", text), text


def test_latest_as_of_ignores_missing_dates():
    assert latest_as_of(["2025-10", "2026-02-25", None, "", "n/a"]) == "2026-02-25"
    assert latest_as_of([None]) is None


def _on(model, day: str, **kw):
    from geo.state.url_state import parse_date

    return describe(model, ViewState(date=parse_date(day), **kw))


def test_a_past_day_is_described_as_the_map_shows_it(model):
    # GTX-A opened Suseo-Dongtan on 2024-03-30 and Unjeong Jungang-Seoul Station on 2024-12-28.
    before = _on(model, "2024-01-01", lang="en")
    assert "As on 2024-01-01." in before
    assert "GTX-A operating" not in before and "GTX-A, GTX-B" in before and "not operating yet" in before
    assert "Newest source date" not in before  # the day is said instead
    mid = _on(model, "2024-06-30", lang="en")
    assert "GTX-A operating from Suseo to Dongtan." in mid
    assert "Unjeong Jungang" not in mid


def test_a_selected_station_has_its_status_on_the_day(model):
    assert _on(model, "2024-01-01", station="dongtan", lang="en").startswith(
        "Selected: Dongtan station (GTX-A, under construction)."
    )
    assert _on(model, "2024-06-30", station="dongtan", lang="en").startswith(
        "Selected: Dongtan station (GTX-A, operating)."
    )


def test_a_cluster_counts_its_members_on_the_day(model):
    # Gapyeong (Gyeonggi) joined the Peace Zone's eligible list in October 2025.
    then = _on(model, "2024-06-01", cluster="peace-zone", lang="en")
    now = _on(model, "2026-01-31", cluster="peace-zone", lang="en")
    n_then = int(re.search(r"\((\d+) Gyeonggi", then).group(1))
    n_now = int(re.search(r"\((\d+) Gyeonggi", now).group(1))
    assert n_now == n_then + 1
    assert "gapyeong" in model.region_table["slug"].tolist()
    assert _on(model, "2026-01-31", region="gapyeong", lang="en").startswith("Selected: Gapyeong (Peace Economy")
    assert _on(model, "2024-06-01", region="gapyeong", lang="en").startswith("Selected: Gapyeong.")


def test_a_place_is_described_not_the_overview(model):
    from geo.answers.locality import place_heading
    from geo.answers.place_index import index_for

    text = describe(model, ViewState(lang="en").place(37.55, 127.2))
    heading = place_heading(index_for(model), 37.55, 127.2, "en")
    assert text.startswith(f"Selected place: {heading} (Hanam).")
    assert "Overview" not in text
    assert describe(model, ViewState().place(37.55, 127.2)).startswith("선택한 곳: ")
