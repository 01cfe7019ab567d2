"""Bring-your-own-layer: validation, reprojection, summary, escaping."""

import io
import json
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import Point, box, mapping

from geo.answers import upload_summary
from geo.data import upload
from geo.data.upload import UploadError
from layers.upload import upload_layer

EVIL = "<img src=x onerror=alert(1)>"
# A box over Cheoin-gu, Yongin (inside the semiconductor cluster).
YONGIN_BOX = box(127.20, 37.15, 127.30, 37.22)


def fc(*geoms, **props):
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": dict(props), "geometry": mapping(g)} for g in geoms],
    }


def as_bytes(obj) -> bytes:
    return json.dumps(obj).encode()


def test_reads_geojson_and_summarises(model):
    gdf = upload.read("mine.geojson", as_bytes(fc(YONGIN_BOX, name=EVIL)))
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == 1
    s = upload_summary.summarise(gdf, model)
    assert s.geometry == "polygon"
    assert "semiconductor" in s.clusters and "yongin" in s.regions
    assert s.area_km2 == pytest.approx(gdf.to_crs(5179).area.iloc[0] / 1e6, rel=1e-3)
    assert s.nearest_station and s.nearest_km > 0


def test_line_length_and_point(model):
    from shapely.geometry import LineString

    gdf = upload.read("l.json", as_bytes(fc(LineString([(127.0, 37.4), (127.1, 37.4)]))))
    s = upload_summary.summarise(gdf, model)
    assert s.geometry == "line" and 8.5 < s.length_km < 9.5 and s.area_km2 is None
    p = upload_summary.summarise(upload.read("p.json", as_bytes(fc(Point(127.12, 37.39)))), model)
    assert p.geometry == "point" and p.nearest_station == "seongnam" and p.nearest_km < 1.0


def test_reprojects_a_named_crs():
    metric = gpd.GeoSeries([YONGIN_BOX], crs=4326).to_crs(5179).iloc[0]
    obj = fc(metric)
    obj["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::5179"}}
    gdf = upload.read("m.geojson", as_bytes(obj))
    assert gdf.total_bounds == pytest.approx(YONGIN_BOX.bounds, abs=1e-6)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("x.geojson", b"{not json", "bad_json"),
        ("x.geojson", b"[1, 2, 3]", "bad_json"),
        ("x.geojson", as_bytes({"type": "FeatureCollection", "features": []}), "no_geometries"),
        (
            "x.geojson",
            as_bytes({"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None}]}),
            "no_geometries",
        ),
        ("x.geojson", as_bytes(fc(*[Point(127, 37)] * (upload.MAX_FEATURES + 1))), "too_many_features"),
        ("x.geojson", b" " * (upload.MAX_BYTES + 1), "too_large"),
        (
            "x.geojson",
            as_bytes({**fc(YONGIN_BOX), "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}}),
            "unknown_crs",
        ),
        ("x.geojson", as_bytes(fc(box(950_000, 1_900_000, 960_000, 1_910_000))), "unknown_crs"),
        ("x.geojson", as_bytes(fc(box(-80, 40, -79, 41))), "unknown_crs"),
        ("x.exe", b"MZ", "unsupported"),
        ("x.zip", b"PK\x03\x04 broken", "bad_zip"),
    ],
)
def test_refusals(name, data, reason):
    with pytest.raises(UploadError) as err:
        upload.read(name, data)
    assert err.value.reason == reason


def _zip_shapefile(tmp_path, crs=4326) -> bytes:
    gpd.GeoDataFrame({"name": [EVIL]}, geometry=[YONGIN_BOX], crs=crs).to_file(tmp_path / "a.shp")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in tmp_path.glob("a.*"):
            if crs is not None or f.suffix != ".prj":
                zf.write(f, f.name)
    return buf.getvalue()


def test_zipped_shapefile(tmp_path):
    gdf = upload.read("a.zip", _zip_shapefile(tmp_path))
    assert len(gdf) == 1 and gdf.iloc[0]["name"] == EVIL


def test_zipped_shapefile_without_prj_is_refused(tmp_path):
    data = _zip_shapefile(tmp_path, crs=None)
    with pytest.raises(UploadError) as err:
        upload.read("a.zip", data)
    assert err.value.reason == "unknown_crs"


def test_property_values_escaped_in_layer():
    gdf = upload.read("x.geojson", as_bytes(fc(YONGIN_BOX, name=EVIL, note="a&b")))
    from layers.base_map import OfflineMap

    m = OfflineMap(location=[37.5, 127], tiles=None)
    upload_layer(gdf).add_to(m)
    html = m.get_root().render()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html.replace("\\u0026", "&").replace("\\u003c", "<").replace(
        "\\u003e", ">"
    )
