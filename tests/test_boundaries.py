"""The committed boundary data: 31 Gyeonggi si/gun, a clean coverage, official areas."""

import geopandas as gpd
import pytest
import shapely

from geo.data import datafiles
from geo.domain import regions

SIGUNGU = datafiles.read_geojson(datafiles.DATA_DIR / "sigungu.geojson", datafiles.SCHEMAS["sigungu.geojson"])
CITIES = datafiles.read_csv(datafiles.DATA_DIR / "gyeonggi_cities.csv", ("city_code", "slug", "name_ko", "name_en"))
MUNIS = regions.dissolve_municipalities(SIGUNGU, CITIES)

# Official land areas, km², copied into this file (no test reads outside the repository).
# Sources: the Korean Wikipedia table "경기도의 행정 구역" (2022-12-22, via search.com.vn mirror), Gyeonggi cadastral
# statistics end-2019 (asiae / MBN 2020-06-09) for Pocheon, Gwacheon, Yangpyeong, Gapyeong,
# Encykorea for Uiwang, Yeoju, Dongducheon, and wiki1.kr for Yeoncheon.
OFFICIAL_KM2 = {
    "suwon": 121.0,
    "yongin": 591.4,
    "goyang": 267.4,
    "seongnam": 141.7,
    "hwaseong": 689.2,
    "bucheon": 53.4,
    "namyangju": 458.1,
    "ansan": 149.1,
    "pyeongtaek": 455.2,
    "anyang": 58.5,
    "siheung": 135.0,
    "paju": 672.4,
    "gimpo": 276.6,
    "uijeongbu": 81.5,
    "gwangju": 430.8,
    "hanam": 93.0,
    "gwangmyeong": 38.5,
    "gunpo": 36.4,
    "yangju": 310.2,
    "osan": 42.8,
    "icheon": 461.3,
    "anseong": 553.5,
    "guri": 33.3,
    "uiwang": 53.98,
    "pocheon": 827.0,
    "yeoju": 608.38,
    "dongducheon": 95.66,
    "gwacheon": 35.9,
    "yangpyeong": 877.7,
    "gapyeong": 843.7,
    "yeoncheon": 676.31,
}
# The KOSTAT-derived polygons include reclaimed land, tidal flats and sea walls on the west
# coast, and estuary/DMZ water in the north, which the cadastral figures leave out (Hwaseong's
# own figure is 844 km², the table's 689 km²). These get a 20% bound instead of 2%.
COASTAL_OR_BORDER = {"ansan", "hwaseong", "siheung", "pyeongtaek", "gimpo", "paju", "yeoncheon"}


def test_thirty_one_municipalities_with_stable_slugs():
    assert len(MUNIS) == 31
    assert MUNIS["slug"].is_unique
    for slug in ("yongin", "hwaseong", "pyeongtaek", "icheon", "seongnam", "siheung", "hanam"):
        assert slug in set(MUNIS["slug"])
    assert MUNIS.set_index("slug").loc["yongin", "city_code"] == "4146"


def test_every_geometry_valid_and_wgs84():
    assert SIGUNGU.is_valid.all()
    assert MUNIS.is_valid.all()
    assert SIGUNGU.crs.to_epsg() == 4326
    assert set(SIGUNGU.geom_type) <= {"Polygon", "MultiPolygon"}


def test_required_provinces_present():
    prefixes = SIGUNGU["code"].str[:2].value_counts()
    assert prefixes["11"] == 25 and prefixes["28"] == 10 and prefixes["41"] == 44
    for code in ("51780", "51110", "51210", "44131", "44200", "28710", "28720"):
        assert code in set(SIGUNGU["code"])
    assert SIGUNGU["code"].str.fullmatch(r"\d{5}").all()
    assert (SIGUNGU["city_code"] == SIGUNGU["code"].str[:4]).all()


def test_coordinates_rounded_to_five_decimals():
    coords = shapely.get_coordinates(SIGUNGU.geometry.values)
    assert ((coords * 1e5).round() == (coords * 1e5).round(6)).all()


def _pairwise_overlap_km2(gdf: gpd.GeoDataFrame) -> float:
    metric = gdf.to_crs(regions.METRIC_CRS).reset_index(drop=True)
    tree = metric.sindex
    total = 0.0
    for i, geom in enumerate(metric.geometry):
        for j in tree.query(geom, predicate="intersects"):
            if j > i:
                total += geom.intersection(metric.geometry[j]).area
    return total / 1e6


def test_no_overlap_between_neighbours():
    assert _pairwise_overlap_km2(MUNIS) < 0.05
    assert _pairwise_overlap_km2(SIGUNGU) < 0.05


def test_no_gaps_inside_gyeonggi_outline():
    # Holes in the union of Seoul and Gyeonggi. Hwaong Lake (the sea enclosed by Hwaseong's
    # sea wall, about 21 km²) is a real hole in the source; anything under 1 km² is a sliver.
    metric = SIGUNGU[SIGUNGU["code"].str[:2].isin(["11", "41"])].to_crs(regions.METRIC_CRS)
    union = shapely.union_all(metric.geometry.values)
    holes = [shapely.Polygon(r).area / 1e6 for p in shapely.get_parts(union) for r in p.interiors]
    assert sum(h for h in holes if h < 1.0) < 0.05
    assert len([h for h in holes if h >= 1.0]) == 1


@pytest.mark.parametrize("slug", sorted(OFFICIAL_KM2))
def test_area_matches_official_figure(slug):
    area = MUNIS.set_index("slug").loc[slug, "area_km2"]
    bound = 0.20 if slug in COASTAL_OR_BORDER else 0.02
    assert abs(area - OFFICIAL_KM2[slug]) / OFFICIAL_KM2[slug] <= bound


def test_display_geometry_shares_borders():
    display = datafiles.read_geojson(
        datafiles.DATA_DIR / "municipalities.geojson", datafiles.SCHEMAS["municipalities.geojson"]
    )
    assert len(display) == 31 and display.is_valid.all()
    assert _pairwise_overlap_km2(display) < 0.05
    # Areas shown come from the analysis geometry, not the display one.
    assert dict(zip(display["slug"], display["area_km2"], strict=False)) == dict(
        zip(MUNIS["slug"], MUNIS["area_km2"], strict=False)
    )
