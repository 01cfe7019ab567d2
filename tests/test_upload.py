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


# --- Korean files: CP949 Shapefiles without a .cpg, CSVs saved by Excel, byte-order marks ----------

SIGUNGU = "용인시 처인구"
# GDAL warns (in bytes pyogrio cannot decode) when it cuts a UTF-8 field name to 10 bytes.
CUT_NAME_WARNING = "ignore:Could not decode error message:RuntimeWarning"


def _korean_gdf() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"시군구명": [SIGUNGU, "수원시 영통구"], "코드": ["41461", "41117"]},
        geometry=[YONGIN_BOX, box(127.04, 37.24, 127.08, 37.27)],
        crs=4326,
    )


def _zip_korean(tmp_path, encoding: str, *, cpg: bool, folder: str = "") -> bytes:
    """A Shapefile written with its attributes in `encoding` (GDAL writes a .cpg naming it),
    zipped in memory with or without that .cpg."""
    _korean_gdf().to_file(tmp_path / "경계.shp", encoding=encoding)
    assert (tmp_path / "경계.cpg").exists()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(tmp_path.glob("경계.*")):
            if cpg or f.suffix != ".cpg":
                zf.write(f, folder + f.name)
    return buf.getvalue()


def _shown(model, gdf, lang: str) -> list[str]:
    """The summary's lines as ui.upload_box draws them (Markdown escapes removed)."""
    import re

    from ui import upload_box

    class FakeStreamlit:
        text = ""

        def markdown(self, body, **_):
            self.text += body

    fake = FakeStreamlit()
    real, upload_box.st = upload_box.st, fake
    try:
        upload_box.upload_summary(model, upload_summary.summarise(gdf, model), lang)
    finally:
        upload_box.st = real
    return re.sub(r"\\(.)", r"\1", fake.text).split("  \n")


def test_cp949_shapefile_without_cpg_reads_as_hangul(tmp_path, model):
    data = _zip_korean(tmp_path, "cp949", cpg=False)
    gdf = upload.read("경계.zip", data)
    assert list(gdf.columns) == ["시군구명", "코드", "geometry"]
    assert gdf["시군구명"].tolist() == [SIGUNGU, "수원시 영통구"]
    assert upload.encoding_of(gdf) == upload.Encoding("CP949", "no_cpg")
    s = upload_summary.summarise(gdf, model)
    assert s.encoding == upload.Encoding("CP949", "no_cpg")
    assert "속성 인코딩: CP949 (.cpg 없음)" in _shown(model, gdf, "ko")
    assert "Attribute encoding: CP949 (no .cpg)" in _shown(model, gdf, "en")


@pytest.mark.parametrize(
    "encoding, column, shown",
    [
        ("cp949", "시군구명", "CP949"),
        # A .dbf field name holds 10 bytes: GDAL cuts the 12-byte UTF-8 시군구명 inside its
        # last character, and the reader keeps the whole ones.
        ("utf-8", "시군구", "UTF-8"),
    ],
)
@pytest.mark.filterwarnings(CUT_NAME_WARNING)
def test_shapefile_with_cpg_follows_it(tmp_path, model, encoding, column, shown):
    gdf = upload.read("경계.zip", _zip_korean(tmp_path, encoding, cpg=True, folder="경계/"))
    assert list(gdf.columns) == [column, "코드", "geometry"]
    assert gdf[column].tolist() == [SIGUNGU, "수원시 영통구"]
    assert upload.encoding_of(gdf) == upload.Encoding(shown, "cpg")
    assert f"Attribute encoding: {shown} (.cpg)" in _shown(model, gdf, "en")


@pytest.mark.filterwarnings(CUT_NAME_WARNING)
def test_utf8_shapefile_without_cpg_stays_utf8(tmp_path):
    gdf = upload.read("a.zip", _zip_korean(tmp_path, "utf-8", cpg=False))
    assert gdf["시군구"].tolist() == [SIGUNGU, "수원시 영통구"]
    assert upload.encoding_of(gdf) == upload.Encoding("UTF-8", "no_cpg")


@pytest.mark.parametrize(
    "cpg, expected",
    [
        (b"UTF-8", "UTF-8"),
        (b"utf8\r\n", "UTF-8"),
        (b"65001", "UTF-8"),
        (b"CP949", "CP949"),
        (b"949", "CP949"),
        (b"ANSI 949", "CP949"),
        (b"EUC-KR", "CP949"),
        (b"1252", "CP1252"),
        (b"88591", "ISO-8859-1"),
        (b"UTF-16", None),
        (b"nonsense", None),
        (b"\xff\xfe", None),
    ],
)
def test_cpg_names(cpg, expected):
    assert upload._cpg_encoding(cpg) == expected


def test_shapefile_whose_cpg_lies_is_refused(tmp_path):
    _zip_korean(tmp_path, "cp949", cpg=True)
    (tmp_path / "경계.cpg").write_text("UTF-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in tmp_path.glob("경계.*"):
            zf.write(f, f.name)
    with pytest.raises(UploadError) as err:
        upload.read("a.zip", buf.getvalue())
    assert err.value.reason == "bad_encoding"


def _zip_members(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buf.getvalue()


def test_zip_limits_still_hold():
    # A zip bomb: members declaring more than 5 x MAX_BYTES in all.
    with pytest.raises(UploadError) as err:
        upload.read("a.zip", _zip_members({"a.shp": b"", "big.bin": bytes(5 * upload.MAX_BYTES + 1)}))
    assert err.value.reason == "too_large"
    # A Shapefile only reachable through a parent or absolute path is not read.
    for name in ("../a.shp", "/a.shp", "__MACOSX/._a.shp"):
        with pytest.raises(UploadError) as err:
            upload.read("a.zip", _zip_members({name: b"\0" * 100}))
        assert err.value.reason == "no_geometries", name


def test_shapefile_feature_and_property_limits(tmp_path):
    wide = gpd.GeoDataFrame(
        {f"속성{i}": ["x" * 250] for i in range(upload.MAX_PROPERTIES + 5)}, geometry=[YONGIN_BOX], crs=4326
    )
    wide.to_file(tmp_path / "w.shp", encoding="cp949")
    data = _zip_members({f"w{f.suffix}": f.read_bytes() for f in tmp_path.glob("w.*") if f.suffix != ".cpg"})
    gdf = upload.read("w.zip", data)
    assert list(gdf.columns) == [f"속성{i}" for i in range(upload.MAX_PROPERTIES)] + ["geometry"]
    assert gdf.iloc[0]["속성0"] == "x" * upload.MAX_VALUE_CHARS
    many = gpd.GeoDataFrame(geometry=[Point(127, 37)] * (upload.MAX_FEATURES + 1), crs=4326)
    many.to_file(tmp_path / "m.shp")
    data = _zip_members({f"m{f.suffix}": f.read_bytes() for f in tmp_path.glob("m.*")})
    with pytest.raises(UploadError) as err:
        upload.read("m.zip", data)
    assert err.value.reason == "too_many_features"


CSV_TEXT = "시군구명,위도,경도,비고\n용인시 처인구,37.2,127.25,반도체\n수원시 영통구,37.25,127.05,\n"


@pytest.mark.parametrize("encoding, shown", [("utf-8-sig", "UTF-8"), ("utf-8", "UTF-8"), ("cp949", "CP949")])
def test_csv_of_points_reads_as_hangul(model, encoding, shown):
    """Excel saves "CSV UTF-8" with a byte-order mark, and plain CSV on Korean Windows as CP949."""
    data = CSV_TEXT.replace("\n", "\r\n").encode(encoding)
    gdf = upload.read("지점.csv", data)
    assert list(gdf.columns) == ["시군구명", "위도", "경도", "비고", "geometry"]
    assert gdf["시군구명"].tolist() == [SIGUNGU, "수원시 영통구"] and gdf["비고"].tolist() == ["반도체", ""]
    assert gdf.crs.to_epsg() == 4326 and gdf.geometry.iloc[0].equals(Point(127.25, 37.2))
    assert upload.encoding_of(gdf) == upload.Encoding(shown, "csv")
    s = upload_summary.summarise(gdf, model)
    assert s.geometry == "point" and s.features == 2 and "yongin" in s.regions
    assert f"속성 인코딩: {shown}" in _shown(model, gdf, "ko")


@pytest.mark.parametrize(
    "lat, lon",
    [("lat", "lon"), ("lat", "lng"), ("Latitude", "Longitude"), ("LAT", "LONG"), ("y", "x"), (" 위도 ", "경도")],
)
def test_csv_coordinate_column_names(lat, lon):
    gdf = upload.read("p.csv", f"name,{lon},{lat}\nA,127.25,37.2\n".encode())
    assert gdf.geometry.iloc[0].equals(Point(127.25, 37.2))


def test_csv_prefers_lat_lon_over_x_y():
    gdf = upload.read("p.csv", b"x,y,lat,lon\n210000,450000,37.2,127.25\n")
    assert gdf.geometry.iloc[0].equals(Point(127.25, 37.2))


def test_csv_row_longer_than_its_header_keeps_its_columns():
    gdf = upload.read("p.csv", b"lat,lon\n37.2,127.25,\n")  # a trailing comma: no shift to an index column
    assert gdf.geometry.iloc[0].equals(Point(127.25, 37.2))


def test_csv_skips_rows_without_coordinates():
    gdf = upload.read("p.csv", b"lat,lon,n\n37.2,127.25,1\n,,2\nabc,127,3\n")
    assert gdf["n"].tolist() == ["1"]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"name,addr\nA,B\n", "no_coordinates"),
        (b"lat,lon\n,\n", "no_geometries"),
        (b"lat,lon\n127.25,37.2\n", "unknown_crs"),  # swapped: latitude 127 is no latitude
        (b"lat,lon\n450000,210000\n", "unknown_crs"),  # metres, not degrees
        (b"lat,lon\n-37.2,-127.25\n", "unknown_crs"),  # nowhere near Korea
        (b"", "bad_csv"),
        (b"lat,lon\n37.2,127.25\n1,2,3,4\n", "bad_csv"),
        (b"lat,lon\n\x80\xff,\xff\n", "bad_encoding"),  # neither UTF-8 nor CP949
        (b"lat,lon\n" + b"37.2,127.25\n" * (upload.MAX_FEATURES + 1), "too_many_features"),
        (b"lat,lon\n" + b"37.2,127.25\n" * (upload.MAX_BYTES // 12 + 1), "too_large"),
    ],
)
def test_csv_refusals(data, reason):
    with pytest.raises(UploadError) as err:
        upload.read("p.csv", data)
    assert err.value.reason == reason


def test_csv_properties_are_capped_and_escaped_in_layer():
    header = ",".join(["lat", "lon", *(f"c{i}" for i in range(30))])
    row = ",".join(["37.2", "127.25", f'"{EVIL}"', *(["x" * 500] * 29)])
    gdf = upload.read("p.csv", f"{header}\n{row}\n".encode())
    assert len(gdf.columns) == upload.MAX_PROPERTIES + 1
    assert gdf.iloc[0]["c0"] == EVIL and gdf.iloc[0]["c1"] == "x" * upload.MAX_VALUE_CHARS


def test_geojson_with_a_byte_order_mark(model):
    data = "\ufeff".encode() + json.dumps(fc(YONGIN_BOX, 시군구명=SIGUNGU), ensure_ascii=False).encode()
    gdf = upload.read("경계.geojson", data)
    assert gdf.iloc[0]["시군구명"] == SIGUNGU
    assert upload.encoding_of(gdf) is None
    assert not any(line.startswith("Attribute encoding") for line in _shown(model, gdf, "en"))
