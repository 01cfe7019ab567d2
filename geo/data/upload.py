"""A user's own layer: read, validate and reproject to WGS84 (geo/answers/upload_summary.py summarises it).

Everything a user sends is untrusted: every refusal is an UploadError whose
`reason` is a fixed key (its message lives in geo.core.i18n), never the user's text."""

from __future__ import annotations

import io as _io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
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


REASONS = ("too_large", "bad_json", "bad_zip", "no_geometries", "too_many_features", "unknown_crs", "unsupported")


def read(name: str, data: bytes) -> gpd.GeoDataFrame:
    """Parse an uploaded GeoJSON or zipped Shapefile into a clean WGS84 GeoDataFrame."""
    if len(data) > MAX_BYTES:
        raise UploadError("too_large")
    lower = (name or "").lower()
    if lower.endswith(".zip"):
        gdf = _read_zip(data)
    elif lower.endswith((".geojson", ".json")):
        gdf = _read_geojson(data)
    else:
        raise UploadError("unsupported")
    return _clean(gdf)


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


def _read_zip(data: bytes) -> gpd.GeoDataFrame:
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as zf:
            names = zf.namelist()
            if sum(i.file_size for i in zf.infolist()) > 5 * MAX_BYTES:
                raise UploadError("too_large")
            shp = [n for n in names if n.lower().endswith(".shp") and not n.startswith(("/", "..")) and ".." not in n]
            if not shp:
                raise UploadError("no_geometries")
            with tempfile.TemporaryDirectory() as tmp:
                for n in names:
                    if ".." in n or n.startswith("/"):
                        continue
                    target = Path(tmp) / n
                    if n.endswith("/"):
                        continue
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(zf.read(n))
                gdf = gpd.read_file(Path(tmp) / shp[0])
    except UploadError:
        raise
    except Exception:  # corrupt archive or a shapefile GDAL cannot read
        raise UploadError("bad_zip") from None
    if len(gdf) > MAX_FEATURES:
        raise UploadError("too_many_features")
    if gdf.crs is None:
        raise UploadError("unknown_crs")
    props = pd.DataFrame([_props(r) for r in gdf.drop(columns="geometry").to_dict("records")], index=gdf.index)
    return gpd.GeoDataFrame(props, geometry=gdf.geometry, crs=gdf.crs)


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
