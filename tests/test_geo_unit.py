"""geo/ on small hand-made fixtures: dissolve, cluster union, analysis figures, Web Mercator."""

import math

import geopandas as gpd
import pytest
from pyproj import Transformer
from shapely.geometry import Point, box

from geo.core import mercator
from geo.core.vocabulary import GYEONGGI_BOUNDS, HOME_CENTER, WGS84
from geo.domain import analysis, regions

M = "EPSG:5179"
X0, Y0 = 1_000_000, 1_900_000  # a spot in central Korea, in metres


def _gdf(rows, crs=M):
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs).to_crs(WGS84)


@pytest.fixture
def area():
    # One 20 km x 10 km region.
    return _gdf([{"slug": "r", "geometry": box(X0, Y0, X0 + 20_000, Y0 + 10_000)}])


@pytest.fixture
def stations():
    return _gdf(
        [
            {"id": "west", "status": "operating", "geometry": Point(X0, Y0 + 5_000)},
            {"id": "mid", "status": "planned", "geometry": Point(X0 + 15_000, Y0 + 5_000)},
            {"id": "far", "status": "operating", "geometry": Point(X0 + 60_000, Y0 + 5_000)},
        ]
    )


@pytest.fixture
def sites():
    return _gdf([{"id": "s1", "geometry": Point(X0 + 10_000, Y0 + 5_000)}])


def test_nearest_operating_station_distance(sites, stations):
    near = analysis.nearest_operating(sites, stations)
    # The planned station is closer (5 km) but only operating ones count: west is 10 km away.
    assert near.loc[0, "station_id"] == "west"
    assert near.loc[0, "distance_km"] == pytest.approx(10.0, abs=0.01)


def test_access_share_half_disc(area, stations):
    # 5 km around the west-edge station: a half disc, 25π/2 km² of 200 km².
    five = analysis.access_share(area.geometry, stations, 5).iloc[0]
    assert five == pytest.approx(25 * math.pi / 2 / 200, rel=0.005)
    # 10 km: the half disc clipped to the 10 km-high strip, ∫ sqrt(100 - y²) dy over [-5, 5].
    clipped = 2 * (2.5 * math.sqrt(75) + 50 * math.asin(0.5))
    ten = analysis.access_share(area.geometry, stations, 10).iloc[0]
    assert ten == pytest.approx(clipped / 200, rel=0.005)


def test_summary_counts_and_area(area, stations, sites):
    table = analysis.summary(area, "slug", stations, sites).set_index("slug")
    assert table.loc["r", "area_km2"] == pytest.approx(200.0, abs=0.1)
    assert table.loc["r", "sites"] == 1
    assert table.loc["r", "stations_operating"] == 1  # "far" lies outside
    assert table.loc["r", "stations_planned"] == 1
    assert table.loc["r", "stations_proposed"] == 0


def test_municipalities_dissolve_gu_by_city_code():
    sig = _gdf(
        [
            {"code": "41461", "city_code": "4146", "geometry": box(X0, Y0, X0 + 5_000, Y0 + 5_000)},
            {"code": "41463", "city_code": "4146", "geometry": box(X0 + 5_000, Y0, X0 + 10_000, Y0 + 5_000)},
            {"code": "41500", "city_code": "4150", "geometry": box(X0 + 10_000, Y0, X0 + 12_000, Y0 + 5_000)},
            {"code": "11110", "city_code": "1111", "geometry": box(X0, Y0 + 5_000, X0 + 5_000, Y0 + 9_000)},
        ]
    )
    cities = [
        {"city_code": "4146", "slug": "yongin", "name_ko": "용인시", "name_en": "Yongin"},
        {"city_code": "4150", "slug": "icheon", "name_ko": "이천시", "name_en": "Icheon"},
    ]
    m = regions.dissolve_municipalities(sig, cities).set_index("slug")
    assert list(m.index) == ["icheon", "yongin"]  # Seoul's gu is not a Gyeonggi municipality
    assert m.loc["yongin", "area_km2"] == pytest.approx(50.0, abs=0.05)
    assert m.loc["yongin"].geometry.geom_type == "Polygon"  # the two gu merged into one piece


def test_cluster_union_and_unknown_member():
    sig = _gdf(
        [
            {"code": "41461", "geometry": box(X0, Y0, X0 + 5_000, Y0 + 5_000)},
            {"code": "41463", "geometry": box(X0 + 5_000, Y0, X0 + 10_000, Y0 + 5_000)},
        ]
    )
    c = regions.clusters(sig, [{"id": "x", "name_ko": "엑스", "name_en": "X", "members": ["41461", "41463"]}])
    assert regions.area_km2(c).iloc[0] == pytest.approx(50.0, abs=0.05)
    with pytest.raises(ValueError, match="99999"):
        regions.clusters(sig, [{"id": "y", "name_ko": "", "name_en": "", "members": ["99999"]}])
    assert regions.cluster_city_codes({"members": ["41461", "41463", "28710"]}) == {"4146"}


def test_mercator_matches_epsg_3857():
    to_3857 = Transformer.from_crs(WGS84, "EPSG:3857", always_xy=True)
    for lat in (-60.0, 0.0, 33.1, 37.6, 38.3, 70.0):
        y = to_3857.transform(127.0, lat)[1]
        assert mercator.lat_to_y(lat) * mercator.EARTH_RADIUS_M == pytest.approx(y, abs=1e-6)
        assert mercator.y_to_lat(mercator.lat_to_y(lat)) == pytest.approx(lat, abs=1e-12)
    assert mercator.metres_per_px(0, 0) == pytest.approx(156543.03392, abs=1e-5)
    assert mercator.metres_per_px(60, 3) == pytest.approx(156543.03392 / 2 / 8, rel=1e-9)


def test_home_centre_is_the_mercator_middle_of_gyeonggi():
    to_3857 = Transformer.from_crs(WGS84, "EPSG:3857", always_xy=True)
    (s, w), (n, e) = GYEONGGI_BOUNDS
    (x0, x1), (y0, y1) = to_3857.transform([w, e], [s, n])
    lng, lat = Transformer.from_crs("EPSG:3857", WGS84, always_xy=True).transform((x0 + x1) / 2, (y0 + y1) / 2)
    assert pytest.approx((lat, lng), abs=1e-9) == HOME_CENTER
    assert (s + n) / 2 < HOME_CENTER[0] < n  # the map stretches northward: its middle is north of the degrees'
