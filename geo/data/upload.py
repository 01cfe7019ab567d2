"""A user's own layer: read, validate and reproject to WGS84 (geo/answers/upload_summary.py summarises it).

Three formats: GeoJSON (UTF-8, with or without a byte-order mark), a zipped Shapefile (read from
memory by pyogrio; its attributes in the encoding its .cpg names, else UTF-8, else CP949, as
Korean GIS tools write them without a .cpg) and a CSV of WGS84 points (latitude/longitude
columns; UTF-8 with or without a BOM, else CP949, as Excel saves on Korean Windows). How a
Shapefile's or CSV's text was decoded travels with the frame (encoding_of).

Everything a user sends is untrusted: every refusal is an UploadError whose
`reason` is a fixed key (its message lives in geo.core.i18n), never the user's text."""

from __future__ import annotations

import codecs
import io as _io
import json
import re
import warnings
import zipfile
from typing import Any, NamedTuple

import geopandas as gpd
import pandas as pd
import pyogrio
import pyproj
import shapely

from geo.core.vocabulary import KOREA_BOUNDS, WGS84

MAX_BYTES = 10 * 1024 * 1024
MAX_FEATURES = 5000
MAX_PROPERTIES = 20
MAX_VALUE_CHARS = 200


class UploadError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # one of REASONS


REASONS = (
    "too_large",
    "bad_json",
    "bad_zip",
    "bad_csv",
    "bad_encoding",
    "no_coordinates",
    "no_geometries",
    "too_many_features",
    "unknown_crs",
    "unsupported",
)

# A CSV's coordinate columns, by name (stripped, case-insensitive), the first present wins.
LAT_NAMES = ("lat", "latitude", "위도", "y")
LON_NAMES = ("lon", "lng", "long", "longitude", "경도", "x")
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj")
FALLBACK_ENCODING = "CP949"  # Korean Windows' code page: Korean GIS tools and Excel write it


class Encoding(NamedTuple):
    """How an upload's text was decoded."""

    name: str  # "UTF-8", "CP949", or what a .cpg names ("CP1252", "ISO-8859-1")
    source: str  # "cpg": a Shapefile's .cpg named it; "no_cpg": a Shapefile without one; "csv"


_ENCODING_ATTR = "upload_encoding"


def read(name: str, data: bytes) -> gpd.GeoDataFrame:
    """Parse an uploaded GeoJSON, zipped Shapefile or CSV of points into a clean WGS84 GeoDataFrame."""
    if len(data) > MAX_BYTES:
        raise UploadError("too_large")
    lower = (name or "").lower()
    encoding: Encoding | None = None
    if lower.endswith(".zip"):
        gdf, encoding = _read_zip(data)
    elif lower.endswith((".geojson", ".json")):
        gdf = _read_geojson(data)
    elif lower.endswith(".csv"):
        gdf, encoding = _read_csv(data)
    else:
        raise UploadError("unsupported")
    gdf = _clean(gdf)
    gdf.attrs[_ENCODING_ATTR] = encoding
    return gdf


def encoding_of(gdf: gpd.GeoDataFrame) -> Encoding | None:
    """How read() decoded the upload's text (None for GeoJSON, which is always UTF-8)."""
    enc = gdf.attrs.get(_ENCODING_ATTR)
    return enc if isinstance(enc, Encoding) else None


def _read_geojson(data: bytes) -> gpd.GeoDataFrame:
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise UploadError("bad_json") from None
    if not isinstance(obj, dict):
        raise UploadError("bad_json")
    kind = obj.get("type")
    if kind == "FeatureCollection":
        features = obj.get("features")
    elif kind == "Feature":
        features = [obj]
    elif (isinstance(kind, str) and "coordinates" in obj) or kind == "GeometryCollection":
        features = [{"type": "Feature", "properties": {}, "geometry": obj}]
    else:
        raise UploadError("bad_json")
    if not isinstance(features, list):
        raise UploadError("bad_json")
    if len(features) > MAX_FEATURES:
        raise UploadError("too_many_features")
    crs = _geojson_crs(obj)
    rows = []
    for f in features:
        if not isinstance(f, dict) or not isinstance(f.get("geometry"), dict):
            continue
        try:
            geom = shapely.geometry.shape(f["geometry"])
        except Exception:  # shapely raises several types on malformed coordinates
            continue
        raw_props = f.get("properties")
        props = raw_props if isinstance(raw_props, dict) else {}
        rows.append({**_props(props), "geometry": geom})
    if not rows:
        raise UploadError("no_geometries")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)


def _geojson_crs(obj: dict[str, Any]) -> str | None:
    member = obj.get("crs")
    if member is None:
        return None  # RFC 7946: WGS84, checked against the coordinates in _clean
    try:
        name = member["properties"]["name"]
        return pyproj.CRS.from_user_input(name).to_string()
    except Exception:  # any malformed or unknown CRS member
        raise UploadError("unknown_crs") from None


def _read_zip(data: bytes) -> tuple[gpd.GeoDataFrame, Encoding]:
    """The first Shapefile in the zip, read in memory: its parts are copied (each read bounded
    by its declared size, the total checked first) into a flat zip that pyogrio reads through
    GDAL's /vsimem/; nothing is written to disk. Its attributes are decoded as its .cpg says,
    else as UTF-8, else as CP949."""
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if sum(i.file_size for i in infos) > 5 * MAX_BYTES:
                raise UploadError("too_large")
            safe = [i for i in infos if not i.is_dir() and _safe_member(i.filename)]
            shp = [i for i in safe if i.filename.lower().endswith(".shp")]
            if not shp:
                raise UploadError("no_geometries")
            stem = shp[0].filename[:-4].lower()
            parts = {}
            for i in safe:
                lower = i.filename.lower()
                if lower[:-4] == stem and lower[-4:] in (*SHAPEFILE_PARTS, ".cpg"):
                    parts[lower[-4:]] = zf.read(i)
    except UploadError:
        raise
    except Exception:  # a corrupt archive or member
        raise UploadError("bad_zip") from None
    cpg = parts.pop(".cpg", None)
    declared = _cpg_encoding(cpg) if cpg is not None else None
    try:
        if declared is not None:
            gdf, encoding = _read_shapefile(parts, declared), Encoding(declared, "cpg")
        else:
            try:
                gdf, encoding = _read_shapefile(parts, "UTF-8"), Encoding("UTF-8", "no_cpg")
            except UnicodeDecodeError:
                gdf, encoding = _read_shapefile(parts, FALLBACK_ENCODING), Encoding(FALLBACK_ENCODING, "no_cpg")
    except UnicodeDecodeError:  # not the text its .cpg names
        raise UploadError("bad_encoding") from None
    if len(gdf) > MAX_FEATURES:
        raise UploadError("too_many_features")
    if gdf.crs is None:
        raise UploadError("unknown_crs")
    props = pd.DataFrame([_props(r) for r in gdf.drop(columns="geometry").to_dict("records")], index=gdf.index)
    return gpd.GeoDataFrame(props, geometry=gdf.geometry, crs=gdf.crs), encoding


def _safe_member(name: str) -> bool:
    """No absolute or parent paths (nothing is extracted, but no such name is read either),
    and none of macOS's __MACOSX/._ resource forks."""
    base = name.rsplit("/", 1)[-1]
    return not (name.startswith(("/", "\\", "__MACOSX/")) or ".." in name or ":" in name or base.startswith("._"))


def _read_shapefile(parts: dict[str, bytes], encoding: str) -> gpd.GeoDataFrame:
    """A Shapefile's parts with its attributes decoded from `encoding` (GDAL's SHAPE_ENCODING,
    set by pyogrio; UnicodeDecodeError when they are not UTF-8 text after it), at most one
    feature more than MAX_FEATURES."""
    flat = _io.BytesIO()
    with zipfile.ZipFile(flat, "w", zipfile.ZIP_STORED) as out:
        for ext, body in parts.items():
            out.writestr(f"layer{ext}", _whole_utf8_names(body) if ext == ".dbf" and encoding == "UTF-8" else body)
    try:
        gdf = pyogrio.read_dataframe(flat.getvalue(), encoding=encoding, max_features=MAX_FEATURES + 1, use_arrow=False)
    except UnicodeDecodeError:
        raise
    except Exception:  # a shapefile GDAL cannot read
        raise UploadError("bad_zip") from None
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise UploadError("bad_zip")
    return gdf


def _whole_utf8_names(dbf: bytes) -> bytes:
    """A .dbf field name holds 10 bytes, and GDAL cuts a longer UTF-8 name there even inside a
    character (시군구명 is 12 bytes: 시군구 and a stray byte, which no reader can decode): drop
    such a cut character's leftover bytes, so that the name reads as its whole characters."""
    out = bytearray(dbf)
    end = min(int.from_bytes(dbf[8:10], "little"), len(dbf)) if len(dbf) >= 32 else 0
    for at in range(32, end - 31, 32):  # one 32-byte descriptor per field, 0x0D after the last
        if out[at] == 0x0D:
            break
        name = bytes(out[at : at + 11]).split(b"\0", 1)[0]
        try:
            name.decode("utf-8")
        except UnicodeDecodeError as err:
            if err.reason == "unexpected end of data":  # only a cut last character
                out[at + err.start : at + 11] = bytes(11 - err.start)
    return bytes(out)


def _cpg_encoding(cpg: bytes) -> str | None:
    """The encoding a .cpg names, as GDAL knows it: "UTF-8" ("UTF8", "65001"), "CP949" ("949",
    "ANSI 949", "EUC-KR": CP949 extends it), "CP1252", "ISO-8859-1" ("88591"); None for any
    other text (then the .cpg is ignored)."""
    text = cpg[:40].decode("ascii", errors="replace").strip().upper().removeprefix("ANSI").strip()
    if text.isdigit():
        text = "UTF-8" if text == "65001" else f"ISO-8859-{text[4:]}" if text.startswith("8859") else f"CP{text}"
    try:
        codec = codecs.lookup(text).name  # "utf-8", "cp949", "euc_kr", "iso8859-1", ...
    except LookupError:
        return None
    if codec == "utf-8":
        return "UTF-8"
    if codec in ("cp949", "euc_kr"):
        return FALLBACK_ENCODING
    if re.fullmatch(r"cp\d+", codec):
        return codec.upper()
    if m := re.fullmatch(r"iso8859-(\d+)", codec):
        return f"ISO-8859-{m[1]}"
    return None


def _read_csv(data: bytes) -> tuple[gpd.GeoDataFrame, Encoding]:
    """Points from a CSV's latitude/longitude columns (WGS84); every column is a property."""
    try:
        text, encoding = data.decode("utf-8-sig"), Encoding("UTF-8", "csv")
    except UnicodeDecodeError:
        try:
            text, encoding = data.decode(FALLBACK_ENCODING), Encoding(FALLBACK_ENCODING, "csv")
        except UnicodeDecodeError:
            raise UploadError("bad_encoding") from None
    try:
        # index_col=False: a row longer than the header loses its extra cells (a ParserWarning)
        # instead of shifting every column by one.
        with warnings.catch_warnings(action="ignore", category=pd.errors.ParserWarning):
            df = pd.read_csv(
                _io.StringIO(text), dtype=str, keep_default_na=False, index_col=False, nrows=MAX_FEATURES + 1
            )
    except ValueError:  # pandas' ParserError and EmptyDataError: not a CSV it can read
        raise UploadError("bad_csv") from None
    if len(df) > MAX_FEATURES:
        raise UploadError("too_many_features")
    columns = {str(c).strip().lower(): c for c in reversed(df.columns)}  # the first of equal names wins
    lat = next((columns[n] for n in LAT_NAMES if n in columns), None)
    lon = next((columns[n] for n in LON_NAMES if n in columns), None)
    if lat is None or lon is None:
        raise UploadError("no_coordinates")
    y = pd.to_numeric(df[lat].str.strip(), errors="coerce")
    x = pd.to_numeric(df[lon].str.strip(), errors="coerce")
    keep = x.notna() & y.notna()
    if not keep.any():
        raise UploadError("no_geometries")
    rows = [_props(r) for r in df[keep].to_dict("records")]
    points = gpd.points_from_xy(x[keep], y[keep])
    return gpd.GeoDataFrame(rows, geometry=points, crs=None), encoding  # _clean checks the range, sets WGS84


def _props(props: dict[str, Any]) -> dict[str, Any]:
    """At most MAX_PROPERTIES properties, as short strings."""
    out = {}
    for k, v in list(props.items())[:MAX_PROPERTIES]:
        key = str(k)[:40]
        if key in ("geometry", "kind", "tip"):
            key = f"{key}_"
        out[key] = "" if v is None else str(v)[:MAX_VALUE_CHARS]
    return out


def _clean(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]
    if gdf.empty:
        raise UploadError("no_geometries")
    if gdf.crs is None:
        minx, miny, maxx, maxy = gdf.total_bounds
        if not (minx >= -180 and maxx <= 180 and miny >= -90 and maxy <= 90):
            raise UploadError("unknown_crs")
        gdf = gdf.set_crs(WGS84)
    try:
        gdf = gdf.to_crs(WGS84)
    except Exception:  # a CRS pyproj knows but cannot transform
        raise UploadError("unknown_crs") from None
    gdf = gdf.set_geometry(shapely.make_valid(gdf.geometry.values))
    gdf = gdf[~gdf.geometry.is_empty].reset_index(drop=True)
    if gdf.empty:
        raise UploadError("no_geometries")
    minx, miny, maxx, maxy = gdf.total_bounds
    lon_min, lat_min, lon_max, lat_max = KOREA_BOUNDS
    if maxx < lon_min - 10 or minx > lon_max + 10 or maxy < lat_min - 10 or miny > lat_max + 10:
        raise UploadError("unknown_crs")  # nowhere near Korea: almost always a CRS mix-up
    return gdf
