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
