"""Place and station answers (geo/answers/place_answers.py), the place index and locality naming
(place_index.py, locality.py) and the GTX service facts (geo/data/gtx_service.py)."""

import copy
import datetime as dt
import math
import tomllib
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pytest
from shapely import Point

from geo.answers import locality, place_answers, place_index
from geo.core.citation import Citation
from geo.core.vocabulary import METRIC_CRS, WGS84
from geo.data import datafiles, gtx_service

DATA = Path(__file__).resolve().parents[1] / "data"
TODAY = "2026-12-04"


@pytest.fixture(scope="module")
def idx(model):
    return place_index.index_for(model)


# ---- place answers -------------------------------------------------------------------------


def test_point_in_dongtan_names_dongtan_with_km(model, idx):
    ans = place_answers.place_answer(model, 37.2000, 127.0750, index=idx)
    assert ans.covered
    assert ans.municipality.key == "hwaseong"
    assert "semiconductor" in [c.key for c in ans.clusters]
    near = {s.id: s for s in ans.stations}
    assert "dongtan" in near
    # Dongtan station (37.20007, 127.09574) is about 1.8 km east of the point.
    assert near["dongtan"].distance_km == pytest.approx(1.8, abs=0.1)
    assert ans.stations[0].id == "dongtan"


def test_one_station_per_line_within_10_km(model, idx):
    ans = place_answers.place_answer(model, 37.5665, 126.9780, index=idx)  # central Seoul
    assert len(ans.stations) >= 3
    assert all(s.distance_km <= place_answers.RADIUS_KM for s in ans.stations)
    per_line: dict[str, str] = {}
    for s in ans.stations:
        for line in s.lines:
            assert per_line.setdefault(line.line, s.id) == s.id, "two stations named for one line"
    assert [s.distance_km for s in ans.stations] == sorted(s.distance_km for s in ans.stations)


def test_nearest_station_per_line_is_really_nearest(model, idx):
    lat, lng = 37.4000, 127.1000
    ans = place_answers.place_answer(model, lat, lng, index=idx)
    st = model.data.stations.to_crs("EPSG:5179")
    origin = gpd.GeoSeries([Point(lng, lat)], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
    for s in ans.stations:
        for line in s.lines:
            on_line = st[st["lines"].apply(lambda ls, x=line.line: x in ls)]
            assert s.distance_km == pytest.approx(on_line.distance(origin).min() / 1000, abs=0.06)


def test_sites_within_10_km_sorted(model, idx):
    ans = place_answers.place_answer(model, 37.2411, 127.1776, index=idx)  # Yongin, Cheoin-gu
    assert ans.sites
    d = [s.distance_km for s in ans.sites]
    assert d == sorted(d) and max(d) <= place_answers.RADIUS_KM
    # Each site is cited with the one source + as-of type, from its own record.
    for s in ans.sites:
        rec = model.data.sites.loc[model.data.sites["id"] == s.id].iloc[0]
        assert s.cite == Citation(rec["source"], rec["as_of"])


@pytest.mark.parametrize("lat,lng", [(35.1, 129.0), (37.0, 124.5), (math.nan, 127.0), (37.5, math.inf)])
def test_outside_coverage(model, idx, lat, lng):
    ans = place_answers.place_answer(model, lat, lng, index=idx)
    assert not ans.covered
    assert ans.municipality is None and ans.stations == () and ans.sites == ()


def test_seoul_point_names_its_gu_with_the_city(model, idx):
    ans = place_answers.place_answer(model, 37.5636, 126.9976, index=idx)  # Jung-gu, Seoul
    assert ans.municipality.kind == "sigungu"
    assert ans.municipality.name_ko == "서울 중구"
    assert ans.municipality.name_en == "Jung-gu, Seoul"


def test_date_says_whether_a_line_was_open(model, idx):
    before = place_answers.place_answer(model, 37.2000, 127.0750, date="2024-03-01", index=idx)
    after = place_answers.place_answer(model, 37.2000, 127.0750, date="2024-04-01", index=idx)
    a_before = next(line for line in before.stations[0].lines if line.line == "A")
    a_after = next(line for line in after.stations[0].lines if line.line == "A")
    assert (a_before.open_on_date, a_after.open_on_date) == (False, True)


# ---- station answers -----------------------------------------------------------------------


def test_dongtan_has_sourced_minutes_to_suseo_and_says_not_published_elsewhere(model, idx):
    ans = place_answers.station_answer(model, "dongtan", index=idx)
    a = next(line for line in ans.lines if line.line == "A")
    assert a.status == "operating" and a.opened == "2024-03-30"
    hubs = {h.hub: h for h in a.hubs}
    assert hubs["suseo"].time.low == 20 and hubs["suseo"].time.approx
    assert hubs["suseo"].time.cite.source.startswith("https://biz.newdaily.co.kr/")
    assert hubs["seoul-station"].time is None  # no source publishes Dongtan-Seoul Station
    assert a.headway.peak == 17 and a.headway.offpeak == 20
    assert ans.municipality.key == "hwaseong"


def test_guseong_opened_after_its_section(model, idx):
    a = place_answers.station_answer(model, "guseong", index=idx).lines[0]
    assert a.opened == "2024-06-29"


def test_lines_not_open_carry_a_sourced_target(model, idx):
    ans = place_answers.station_answer(model, "samseong", index=idx)
    by_line = {line.line: line for line in ans.lines}
    assert "2028" in by_line["A"].targets[0].text_en
    assert by_line["C"].targets[0].text_en.startswith("not published")
    assert all(t.cite.source.startswith("http") for line in ans.lines for t in line.targets)
    assert all(line.targets for line in ans.lines if line.status != "operating")


def test_every_station_answers_without_gaps(model, idx):
    for sid in model.data.stations["id"]:
        ans = place_answers.station_answer(model, sid, index=idx)
        assert ans.lines
        for line in ans.lines:
            assert line.status_source.startswith("http") and line.status_as_of
            assert line.opened or line.targets, f"{sid} {line.line}: neither an opening date nor a target"


# ---- the service file ----------------------------------------------------------------------


def _raw():
    return tomllib.loads((DATA / "gtx_service.toml").read_text(encoding="utf-8"))


def _ids(model):
    return model.data.stations["id"], dict(zip(model.data.lines["id"], model.data.lines["line"], strict=True))


def test_service_file_loads_with_every_figure_sourced(model):
    stations, sections = _ids(model)
    svc = gtx_service.load_service(DATA, stations, sections)
    assert svc.hubs == ("seoul-station", "samseong", "suseo", "yeouido", "cheongnyangni")
    assert len(svc.travel_times) == 12 and len(svc.headways) == 3
    dongtan = svc.times_from("dongtan", "A")["suseo"]
    assert (dongtan.low, dongtan.basis, dongtan.cite.as_of) == (20, "scheduled", "2024-03-29")
    assert isinstance(dongtan.cite, Citation) and dongtan.cite.host == "biz.newdaily.co.kr"
    assert gtx_service.minutes_text(dongtan, "ko") == "약 20분"
    # Deokjeong and Suwon each have their own published figure (29 and 27), not a shared range.
    deokjeong = svc.times_from("deokjeong", "C")["samseong"]
    suwon = svc.times_from("suwon", "C")["samseong"]
    assert (deokjeong.low, deokjeong.high, suwon.low, suwon.high) == (29, 29, 27, 27)
    assert deokjeong.basis == suwon.basis == "planning"
    # The published Daegok and Yeonsinnae figures (12 min; about 5 min 19 s), not subtractions.
    to_seoul = {s: svc.times_from(s, "A")["seoul-station"] for s in ("daegok", "yeonsinnae", "unjeong-jungang")}
    assert gtx_service.minutes_text(to_seoul["daegok"], "en") == "12 min"
    assert gtx_service.minutes_text(to_seoul["yeonsinnae"], "en") == "about 5 min 19 s"
    assert gtx_service.minutes_text(to_seoul["unjeong-jungang"], "ko") == "21분 30초"
    assert not any(t.derived_en for t in svc.travel_times)
    wide = gtx_service.TravelTime("C", "a", "b", 27, 29, False, "planning", deokjeong.cite)
    assert gtx_service.minutes_text(wide, "en") == "27\u201329 min"


def test_headway_in_force_on_the_viewed_day(model, idx):
    def headway(day):
        a = place_answers.station_answer(model, "daegok", date=day, index=idx).lines[0]
        return a.headway

    assert headway("2024-12-01") is None  # not open yet
    at_opening = headway("2025-01-15")
    assert (at_opening.peak, at_opening.peak_approx, at_opening.valid_from) == (10, True, "2024-12-28")
    later = headway("2025-03-01")
    assert (later.peak, later.offpeak, later.offpeak_approx, later.valid_from) == (6.25, 10, True, "2025-03-01")
    assert gtx_service.minutes_value(later.peak, "en") == "6 min 15 s"


def _with_travel_time(raw, **rec):
    raw = copy.deepcopy(raw)
    base = {"line": "A", "basis": "scheduled", "source": "https://example.org/a", "as_of": "2024-12-11"}
    raw["travel_time"].append(base | rec)
    return raw


def test_derived_figure_stored_as_published_is_rejected(model):
    # Unjeong Jungang-Yeonsinnae 15.25 next to Unjeong Jungang-Seoul Station 21.5 makes a stored
    # Yeonsinnae-Seoul Station 6.25 a subtraction: it cannot stand as a published figure.
    raw = copy.deepcopy(_raw())
    raw["travel_time"] = [t for t in raw["travel_time"] if t["from"] != "yeonsinnae"]
    raw = _with_travel_time(raw, **{"from": "unjeong-jungang", "to": "yeonsinnae", "minutes": 15.25})
    bad = _with_travel_time(raw, **{"from": "yeonsinnae", "to": "seoul-station", "minutes": 6.25})
    with pytest.raises(datafiles.DataError, match="computed from the other two") as err:
        gtx_service.check_service(bad, *_ids(model))
    assert err.value.field == "derived_en"
    # Said to be derived, and how, it loads and its text says so.
    how = {"derived_en": "21.5 - 15.25 (our subtraction)", "derived_ko": "21.5 - 15.25 (계산)"}
    ok = _with_travel_time(raw, **{"from": "yeonsinnae", "to": "seoul-station", "minutes": 6.25, **how})
    tt = gtx_service.check_service(ok, *_ids(model)).times_from("yeonsinnae", "A")["seoul-station"]
    assert gtx_service.minutes_text(tt, "en") == "6 min 15 s (derived: 21.5 - 15.25 (our subtraction))"
    assert gtx_service.minutes_text(tt, "ko").startswith("6분 15초 (계산값: ")
    one_language = _with_travel_time(raw, **{"from": "yeonsinnae", "to": "seoul-station", "minutes": 6.25,
                                             "derived_en": "21.5 - 15.25"})  # fmt: skip
    with pytest.raises(datafiles.DataError, match="both languages"):
        gtx_service.check_service(one_language, *_ids(model))


# table: field: bad values, each set in turn on the table's first record.
BAD_SERVICE_VALUES = {
    "travel_time": {
        "to": ["atlantis"],
        "minutes": [-3, [29, 27], "20"],
        "basis": ["estimate"],
        "source": ["newdaily"],
        "as_of": ["March 2024"],
        "seconds": [75],
    },
    "headway": {"section": ["a-nowhere"], "from": ["2024"]},
    "target": {"line": ["Z"]},
}
BAD_SERVICE_CASES = [(tb, f, v) for tb, fields in BAD_SERVICE_VALUES.items() for f, vs in fields.items() for v in vs]


@pytest.mark.parametrize("table,field,value", BAD_SERVICE_CASES)
def test_service_loader_rejects_a_bad_record(model, table, field, value):
    raw = copy.deepcopy(_raw())
    raw[table][0][field] = value
    stations, sections = _ids(model)
    with pytest.raises(datafiles.DataError) as err:
        gtx_service.check_service(raw, stations, sections)
    assert err.value.field == field


def test_service_loader_rejects_a_missing_source(model):
    raw = copy.deepcopy(_raw())
    del raw["headway"][0]["source"]
    with pytest.raises(datafiles.DataError) as err:
        gtx_service.check_service(raw, *_ids(model))
    assert err.value.field == "source"


def test_label_for_a_search_pick(model, idx):
    hanam = next(e.place for e in idx.search.entries if e.place.id == "municipality:hanam")
    # Gyosan (a proposed stop) is only placed at Hanam's point: the pick still reads "하남시".
    assert place_index.label_for(idx, hanam.lat, hanam.lng, TODAY).id == "municipality:hanam"
    dongtan = next(e.place for e in idx.search.entries if e.place.id == "station:dongtan")
    assert place_index.label_for(idx, dongtan.lat, dongtan.lng, TODAY).id == "station:dongtan"
    assert place_index.label_for(idx, 37.0, 127.0, TODAY) is None


def test_place_heading_names_the_searched_place_or_the_nearest_locality(idx):
    dong = next(e.place for e in idx.search.entries if e.place.kind == "dong" and e.place.name_ko == "교산동")
    assert locality.place_heading(idx, dong.lat, dong.lng, "ko") == "교산동"
    # About 400 m north of that point (no searchable place there): named after it, as "near".
    lat = dong.lat + 0.0036
    assert place_index.label_for(idx, lat, dong.lng, TODAY) is None
    assert locality.place_heading(idx, lat, dong.lng, "ko") == "교산동 부근"
    assert locality.place_heading(idx, lat, dong.lng, "en") == f"Near {dong.name_en}"
    # Far from every locality (the Yellow Sea): the plain heading.
    assert locality.place_heading(idx, 37.0, 124.9, "en") == "Selected place"


def _gazetteer_place(idx, name_ko, context_ko=None):
    return next(
        e.place
        for e in idx.search.entries
        if e.place.name_ko == name_ko and e.place.id.startswith("emd-") and context_ko in (None, e.place.context_ko)
    )


def test_near_heading_uses_the_name_in_force_on_the_maps_day(idx):
    namsa = _gazetteer_place(idx, "남사면")
    lat = namsa.lat + 0.0036  # about 400 m north: no searchable place there
    # The 2021-01-19 was still 남사면: the ordinance took effect on 2021-02-19.
    assert locality.place_heading(idx, lat, namsa.lng, "ko", "2021-01-19") == "남사면 부근"
    assert locality.place_heading(idx, lat, namsa.lng, "ko", "2021-02-18") == "남사면 부근"
    assert locality.place_heading(idx, lat, namsa.lng, "ko", "2021-02-19") == "남사읍 부근"
    assert locality.place_heading(idx, lat, namsa.lng, "en", dt.date(2026, 12, 4)) == "Near Namsa-eup"
    # A search pick of the former name, on a later day, is headed with the name of that day.
    assert locality.place_heading(idx, namsa.lat, namsa.lng, "ko", "2020-01-01") == "남사면"
    assert locality.place_heading(idx, namsa.lat, namsa.lng, "ko", "2021-02-19") == "남사읍"
    # The 15 Namyang dongs were 남양읍 ri from 2014-10-20: no "near 온석동" after that.
    onseok = _gazetteer_place(idx, "온석동")
    assert locality.place_heading(idx, onseok.lat + 0.001, onseok.lng, "ko", "2014-10-19") == "온석동 부근"
    assert "온석동" not in locality.place_heading(idx, onseok.lat + 0.001, onseok.lng, "ko", "2014-10-20")


def test_incheon_dongs_are_in_the_gu_of_the_day(idx):
    sinpo = _gazetteer_place(idx, "신포동")
    unseo = _gazetteer_place(idx, "운서동")
    for place, gu in ((sinpo, "인천 제물포구"), (unseo, "인천 영종구")):
        before = locality.nearest_locality(idx, place.lat + 0.001, place.lng, "2026-06-30")
        after = locality.nearest_locality(idx, place.lat + 0.001, place.lng, "2026-07-01")
        assert (before.name_ko, before.context_ko) == (place.name_ko, "인천 중구")
        assert (after.name_ko, after.context_ko) == (place.name_ko, gu)
    dong_gu = _gazetteer_place(idx, "송림동", "인천 동구")
    assert locality.nearest_locality(idx, dong_gu.lat, dong_gu.lng, "2026-07-01").context_ko == "인천 제물포구"


def _days_around(p):
    """The days a place's name began or ended, the day before each, and today."""
    days = {TODAY}
    for d in filter(None, (p.since, p.until)):
        days |= {d, (dt.date.fromisoformat(d) - dt.timedelta(days=1)).isoformat()}
    return sorted(days)


def test_no_heading_shows_a_gazetteer_name_not_in_force_on_the_day(model, idx):
    """At and near every gazetteer point whose name changed, on each day a name there began or
    ended and the day before: the heading names only a place in force that day."""
    places = model.data.places
    changed = [p for p in places if p.since or p.until]
    by_name: dict[str, list] = {}
    for p in places:
        by_name.setdefault(p.name_ko, []).append(p)
    assert len(changed) > 200
    checked = 0
    for p in changed:
        for day in _days_around(p):
            for lat in (p.lat, p.lat + 0.002):
                heading = locality.place_heading(idx, lat, p.lng, "ko", day)
                name = heading.removesuffix(" 부근")
                if name in by_name:
                    assert any(q.in_force(day) for q in by_name[name]), (day, p.id, heading)
                    checked += 1
    assert checked > 1000


def test_the_map_in_words_names_the_place_as_on_the_maps_day(model, idx):
    from geo.answers.describe import describe
    from geo.state.url_state import ViewState

    namsa = _gazetteer_place(idx, "남사면")
    state = ViewState(lang="ko").place(round(namsa.lat + 0.0036, 5), namsa.lng)
    assert describe(model, replace(state, date=dt.date(2020, 1, 1))).startswith("선택한 곳: 남사면 부근")
    assert describe(model, replace(state, date=dt.date(2022, 1, 1))).startswith("선택한 곳: 남사읍 부근")


def test_station_lines_follow_the_timeline_as_of_the_date(model, idx):
    before = place_answers.station_answer(model, "seoul-station", "2024-06-01", index=idx)
    after = place_answers.station_answer(model, "seoul-station", "2025-01-01", index=idx)
    a_before = next(line for line in before.lines if line.line == "A")
    a_after = next(line for line in after.lines if line.line == "A")
    # GTX-A reached Seoul Station on 2024-12-28 (data/milestones.json)
    assert a_before.status != "operating" and a_before.opened is None and a_before.open_on_date is False
    assert (a_after.status, a_after.opened, a_after.open_on_date) == ("operating", "2024-12-28", True)


def test_answers_are_computed_once_per_index_and_the_memo_is_bounded(model, monkeypatch):
    idx = place_index.build_index(model)
    first = place_answers.place_answer(model, 37.2, 127.075, "2026-11-30", index=idx)
    assert place_answers.place_answer(model, 37.2, 127.075, "2026-11-30", index=idx) is first
    assert place_answers.station_answer(model, "dongtan", index=idx) is place_answers.station_answer(
        model, "dongtan", index=idx
    )
    heading = locality.place_heading(idx, 37.2, 127.075, "en")
    assert locality.place_heading(idx, 37.2, 127.075, "en") is heading
    # Another date is another answer; the oldest goes once the memo is full.
    monkeypatch.setattr(place_index, "MEMO_MAX", 3)
    other = place_answers.place_answer(model, 37.2, 127.075, "2020-01-01", index=idx)
    assert other is not first and other.date == "2020-01-01"
    assert len(idx.answers) == 3 and ("place", 37.2, 127.075, "2026-11-30") not in idx.answers


# ---- the model's typed lookups the answers and the zoom read -------------------------------


def test_typed_lookups_carry_the_data_records(model):
    sites = model.data.sites.set_index("id")
    assert set(model.sites_by_id) == set(sites.index)
    for sid, rec in sites.iterrows():
        site = model.site(sid)
        assert (site.name_ko, site.name_en, site.cluster, site.status) == (
            rec["name_ko"],
            rec["name_en"],
            rec["cluster"],
            rec["status"],
        )
        assert (site.lat, site.lng) == (rec.geometry.y, rec.geometry.x)
        assert site.cite == Citation(rec["source"], str(rec["as_of"]))
        assert site.region == model.site_region.get(sid)
    for sid, geom in zip(model.data.stations["id"], model.data.stations.geometry, strict=True):
        assert (model.station(sid).lat, model.station(sid).lng) == (geom.y, geom.x)
    for slug, geom in zip(model.analysis_municipalities["slug"], model.analysis_municipalities.geometry, strict=True):
        assert model.region(slug).geometry.equals(geom)
    for cid, geom in zip(model.clusters["id"], model.clusters.geometry, strict=True):
        assert model.cluster(cid).geometry.equals(geom)
    with pytest.raises(KeyError):
        model.site("atlantis")


# Incheon's districts were redrawn on 2026-07-01, after the boundary file (2024): a point or a
# station in them is named by the district in force on the day.
INCHEON_POINTS = {
    (37.60751, 126.66702): ("Seo-gu, Incheon", "Geomdan-gu, Incheon"),  # Majeon-dong
    (37.4738, 126.6217): ("Jung-gu, Incheon", "Jemulpo-gu, Incheon"),  # Jungang-dong
    (37.55549, 126.65692): ("Seo-gu, Incheon", "Seo-gu, Incheon"),  # stays in Seo-gu
}


@pytest.mark.parametrize(("lat", "lng"), list(INCHEON_POINTS))
def test_a_point_in_incheon_is_named_by_the_district_of_its_day(model, idx, lat, lng):
    before, after = INCHEON_POINTS[(lat, lng)]
    assert place_answers.place_answer(model, lat, lng, "2026-06-30", idx).municipality.name_en == before
    on = place_answers.place_answer(model, lat, lng, "2026-07-01", idx).municipality
    assert on.name_en == after and on.name_ko.startswith("인천 ")


@pytest.mark.parametrize(("sid", "after"), [("geomdan", "Geomdan-gu, Incheon"), ("yeongjong", "Yeongjong-gu, Incheon")])
def test_a_station_in_incheon_is_named_by_the_district_of_its_day(model, idx, sid, after):
    assert place_answers.station_answer(model, sid, "2026-06-30", idx).municipality.name_en != after
    assert place_answers.station_answer(model, sid, "2026-12-04", idx).municipality.name_en == after
