"""Official areas shown next to the computed ones: data file, difference sign, the region panel in
both languages, the check that the 31 figures add up to the province on one basis, and the rule that
no source is a mirror or aggregator host."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.core.citation import is_mirror
from geo.data import areas as areas_mod
from geo.data import datafiles
from geo.data.areas import AreaError, OfficialArea, ProvinceTotal, difference, parse_rows, province_sum_problem
from tests.helpers import ROOT

WIKIPEDIA = "https://ko.wikipedia.org/wiki/%EA%B2%BD%EA%B8%B0%EB%8F%84%EC%9D%98_%ED%96%89%EC%A0%95_%EA%B5%AC%EC%97%AD"


def test_every_municipality_has_a_sourced_official_area(model):
    areas = model.data.official_areas
    assert set(areas) == set(model.region_table["slug"])
    assert all(a.source.startswith(("http://", "https://")) and a.as_of for a in areas.values())
    assert not any(is_mirror(a.source) for a in areas.values())
    # Hwaseong on the same basis as most rows (the Wikipedia table), not the city's own 844 km².
    hwaseong = areas["hwaseong"]
    assert (hwaseong.km2, hwaseong.basis, hwaseong.source, hwaseong.as_of) == (
        689.2,
        "wikipedia_2022",
        WIKIPEDIA,
        "2022-12-22",
    )


def test_difference_sign_follows_the_data(model):
    table = model.region_table.set_index("slug")
    diff = {
        s: difference(table.loc[s, "area_km2"], model.data.official_areas[s]) for s in ("hwaseong", "ansan", "osan")
    }
    assert diff["hwaseong"] > 0.10 and diff["ansan"] > 0.10  # reclaimed land, tidal flats and sea walls
    assert diff["osan"] < 0  # computed 42.6 km², published 42.8


def _area(slug, km2, basis="cadastral_2019", rounding=0.05):
    return OfficialArea(slug, km2, basis, "https://example.org/a", "2019", rounding)


def test_province_sum_check_within_rounding_only():
    total = {"cadastral_2019": ProvinceTotal("cadastral_2019", 100.0, "https://example.org/t", "2019", 0.05)}
    three = {"a": _area("a", 33.3), "b": _area("b", 33.3), "c": _area("c", 33.3)}
    assert province_sum_problem(three, total) is None  # 99.9: 0.1 off, rounding allows 0.2
    off = dict(three, c=_area("c", 33.0))
    assert "from the province's 100.0 km²" in (province_sum_problem(off, total) or "")
    mixed = dict(three, c=_area("c", 33.4, "wikipedia_2022"))
    assert "mix bases" in (province_sum_problem(mixed, total) or "")
    assert "no province total" in (province_sum_problem(three, {}) or "")


def _totals():
    rows = datafiles.read_csv(ROOT / "data" / "official_area_totals.csv", ("basis", "total_km2", "source", "as_of"))
    return areas_mod.parse_totals(rows)


@pytest.mark.xfail(
    strict=True,
    reason="BLOCKED: no single basis for all 31 in the research notes. 23 rows are on the Korean "
    "Wikipedia table of 2022-12-22, 4 on the 2019 cadastre, 4 on encyclopedias; the Wikipedia "
    "table's province total is not in the notes. The 31 figures sum to 10,168.93 km², 23.57 km² "
    "below the 2019 cadastral total of 10,192.5 km² (rounding allows ±1.42).",
)
def test_official_areas_add_up_to_the_province(model):
    assert province_sum_problem(model.data.official_areas, _totals()) is None


def test_parse_rows_names_the_bad_row():
    row = {"slug": "suwon", "official_km2": "x", "basis": "encyclopedia", "source": "https://e.org", "as_of": "2020"}
    with pytest.raises(AreaError, match="official area of suwon: official_km2 is not a number"):
        parse_rows([row], frozenset({"suwon"}))
    with pytest.raises(AreaError, match=r"missing for \['yongin'\]"):
        parse_rows([dict(row, official_km2="121")], frozenset({"suwon", "yongin"}))


def test_loader_rejects_a_missing_row(tmp_path):
    lines = (datafiles.DEFAULT_DATA_DIR / "official_areas.csv").read_text(encoding="utf-8").splitlines()
    kept = [row for row in lines if not row.startswith("hwaseong")]
    (tmp_path / "official_areas.csv").write_text("\n".join(kept) + "\n")
    slugs = frozenset(row.split(",")[0] for row in lines[1:])
    with pytest.raises(datafiles.DataError, match="hwaseong"):
        datafiles.read_official_areas(tmp_path / "official_areas.csv", slugs)


def test_parse_rows_rejects_a_mirror_source():
    row = {"slug": "hanam", "official_km2": "93.0", "basis": "wikipedia_2022", "as_of": "2022-12-22"}
    mirror = (
        "https://www.search.com.vn/wiki/ko/%EA%B2%BD%EA%B8%B0%EB%8F%84%EC%9D%98_%ED%96%89%EC%A0%95_%EA%B5%AC%EC%97%AD"
    )
    with pytest.raises(AreaError, match=r"official area of hanam: source host search\.com\.vn is a mirror"):
        parse_rows([dict(row, source=mirror)], frozenset({"hanam"}))
    assert parse_rows([dict(row, source=WIKIPEDIA)], frozenset({"hanam"}))["hanam"].rounding == 0.05


@pytest.mark.parametrize(
    "lang, official, larger, undated",
    [("ko", "공식 면적 689.2 ㎢", "넓음", "날짜 미표기"), ("en", "Official area 689.2 km²", "larger", "undated")],
)
def test_region_panel_shows_official_area_with_source(lang, official, larger, undated):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["region"] = "hwaseong"
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption).replace("\\", "")  # Markdown escapes
    assert official in captions and larger in captions and "ko.wikipedia.org" in captions
    assert "2022-12-22" in captions
    assert "can exceed" not in captions
    at.query_params["region"] = "yeoju"
    at.run()
    assert undated in " ".join(c.value for c in at.caption)
