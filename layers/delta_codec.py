"""The compact GeoJSON payload: a FeatureCollection string with shared styles and
delta-encoded integer coordinates, decoded in the browser by layers.compact_geojson.

Two additions per feature: `style`, an index into the collection's `styles` list (the
output of the layer's style function, minus `className`), and `className`, the
per-feature CSS class. Polygon and line coordinates are delta-encoded integers,
coordinate x `scale` (exact for the 4-5 decimal data here), about a third of the bytes
of plain GeoJSON; points stay plain.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
from jinja2.utils import htmlsafe_json_dumps

Link = Callable[[str], str | None]  # a geometry document -> its address (None: not served)


@dataclass(frozen=True)
class Shared:
    """Geometry served as a file: its address, and each feature's position in that file."""

    url: str
    positions: tuple[int, ...]


def _scale(parts: list[np.ndarray]) -> int:
    """The smallest 10^d (d = 4..7) at which every coordinate is an integer."""
    if not parts:
        return 10**4
    xy = np.concatenate(parts)
    for d in range(4, 8):
        scaled = xy * 10**d
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-6):
            return 10**d
    return 10**7


def _delta(coords: np.ndarray, scale: int) -> list[int]:
    q = np.round(np.asarray(coords)[:, :2] * scale).astype(np.int64)
    return np.diff(q, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel().tolist()


def _parts(geom) -> list[np.ndarray]:
    t = geom.geom_type
    if t == "Polygon":
        return [np.asarray(geom.exterior.coords)[:, :2], *(np.asarray(r.coords)[:, :2] for r in geom.interiors)]
    if t in ("MultiPolygon", "MultiLineString"):
        return [p for g in geom.geoms for p in _parts(g)]
    if t == "LineString":
        return [np.asarray(geom.coords)[:, :2]]
    return []


def _encode(geom, scale: int) -> dict:
    t = geom.geom_type
    if t == "Polygon":
        return {"type": t, "coordinates": [_delta(r, scale) for r in _parts(geom)]}
    if t == "MultiPolygon":
        return {"type": t, "coordinates": [[_delta(r, scale) for r in _parts(p)] for p in geom.geoms]}
    if t == "LineString":
        return {"type": t, "coordinates": _delta(np.asarray(geom.coords), scale)}
    if t == "MultiLineString":
        return {"type": t, "coordinates": [_delta(np.asarray(g.coords), scale) for g in geom.geoms]}
    return geom.__geo_interface__  # points stay plain GeoJSON


def _dumps(data: dict) -> str:
    return str(htmlsafe_json_dumps(data, ensure_ascii=False, separators=(",", ":")))


def geometry_document(geoms: Sequence) -> str:
    """{"scale", "geometries"}: the delta-encoded geometries, for a file that layers share."""
    scale = _scale([p for g in geoms for p in _parts(g)])
    return _dumps({"scale": scale, "geometries": [_encode(g, scale) for g in geoms]})


def payload(gdf: gpd.GeoDataFrame, style_function: Callable[[dict], dict], shared: Shared | None = None) -> str:
    """The JSON string a CompactGeoJson embeds: every column but the geometry becomes a
    property; `style_function` gets {"properties": ...} like folium's and may return a
    per-feature `className`. Safe inside <script> (<, >, & and ' are escaped).

    With `shared`, no feature carries its geometry: feature i is geometry shared.positions[i]
    (`g`) of the document at shared.url (`geometry_url`, see geometry_document)."""
    props = gdf.drop(columns=gdf.geometry.name).to_dict("records")
    geoms = list(gdf.geometry.values)
    scale = _scale([p for g in geoms for p in _parts(g)])
    styles: dict[str, int] = {}
    features = []
    for i, (p, geom) in enumerate(zip(props, geoms, strict=False)):
        style = dict(style_function({"type": "Feature", "properties": p}))
        class_name = style.pop("className", None)
        index = styles.setdefault(json.dumps(style, sort_keys=True), len(styles))
        feature = {"type": "Feature", "properties": p, "style": index}
        if shared is None:
            feature["geometry"] = _encode(geom, scale)
        else:
            feature["g"] = shared.positions[i]
        if class_name:
            feature["className"] = class_name
        features.append(feature)
    data: dict = {
        "type": "FeatureCollection",
        "scale": scale,
        "styles": [json.loads(s) for s in styles],
        "features": features,
    }
    if shared is not None:
        data["geometry_url"] = shared.url
    return _dumps(data)
