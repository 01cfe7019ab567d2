"""Official areas shown next to the computed ones: data file, difference sign, and the region panel
in both languages (Hwaseong's computed area is smaller than the 844 km² the city publishes)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.data import datafiles
from geo.data.areas import AreaError, difference, parse_rows
from tests.helpers import ROOT


def test_every_municipality_has_a_sourced_official_area(model):
    areas = model.data.official_areas
    assert set(areas) == set(model.region_table["slug"])
    assert all(a.source.startswith(("http://", "https://")) and a.as_of for a in areas.values())
    assert areas["hwaseong"].km2 == 844.0


def test_difference_sign_follows_the_data(model):
    table = model.region_table.set_index("slug")
    hwaseong = difference(table.loc["hwaseong", "area_km2"], model.data.official_areas["hwaseong"])
    ansan = difference(table.loc["ansan", "area_km2"], model.data.official_areas["ansan"])
    assert hwaseong < -0.05  # computed about 791 km², official 844
    assert ansan > 0.10  # reclaimed land and tidal flats


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


@pytest.mark.parametrize(
    "lang, official, smaller, undated",
    [("ko", "공식 면적 844.0 ㎢", "좁음", "날짜 미표기"), ("en", "Official area 844.0 km²", "smaller", "undated")],
)
def test_region_panel_shows_official_area_with_source(lang, official, smaller, undated):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["region"] = "hwaseong"
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption).replace("\\", "")  # Markdown escapes
    assert official in captions and smaller in captions and "newming.io" in captions
    assert "2025-08-23" in captions
    assert "can exceed" not in captions
    at.query_params["region"] = "yeoju"
    at.run()
    assert undated in " ".join(c.value for c in at.caption)
