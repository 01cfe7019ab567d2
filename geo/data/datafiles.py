"""Load and validate the files in data/. Every problem raises one DataError
that names the file and the field, so the app can show it instead of a traceback."""

from __future__ import annotations

import csv
import json
import os
import tomllib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from geo.core.vocabulary import KOREA_BOUNDS, STATUSES, WGS84
from geo.data.areas import AreaError, OfficialArea, parse_rows
from geo.data.projects_schema import ProjectsError, validate_projects
from geo.timeline.milestones import MilestoneError
from geo.timeline.serial import timeline_from_dicts
from geo.timeline.status import Timeline, latest_status

# GGM_DATA_DIR points the app at another copy of data/ (the broken-data tests use it).
# DATA_DIR is read once at import; current_data_dir() reads the variable at call time, which is
# what the loaders use, so a test (or a long-lived process) can switch copies.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR = Path(os.environ.get("GGM_DATA_DIR") or DEFAULT_DATA_DIR)


def current_data_dir() -> Path:
    """The data directory now: $GGM_DATA_DIR if set, else the repository's data/."""
    return Path(os.environ.get("GGM_DATA_DIR") or DEFAULT_DATA_DIR)


class DataError(Exception):
    """A data file is missing, unreadable or breaks its schema."""

    def __init__(self, file: str, problem: str, field: str | None = None):
        self.file = file
        self.field = field
        self.problem = problem
        where = f"{file}" + (f", field '{field}'" if field else "")
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class GeoSchema:
    required: tuple[str, ...]
    geom_types: tuple[str, ...]
    sourced: bool = True  # every record needs `source` and `as_of`


# The fields of every placed point record (stations, sites).
_PLACED = ("id", "name_ko", "name_en", "status", "sigungu_code", "location_precision", "stack_index", "stack_size")
POLY = ("Polygon", "MultiPolygon")
SCHEMAS: dict[str, GeoSchema] = {
    "sigungu.geojson": GeoSchema(("code", "name_ko", "name_en", "city_code", "province"), POLY, sourced=False),
    "municipalities.geojson": GeoSchema(("slug", "city_code", "name_ko", "name_en", "area_km2"), POLY, sourced=False),
    "peace_zone_outside.geojson": GeoSchema(("code", "name_ko", "name_en"), POLY, sourced=False),
    "gtx_stations.geojson": GeoSchema((*_PLACED, "lines"), ("Point",)),
    "gtx_lines.geojson": GeoSchema(("id", "line", "status", "name_ko", "name_en"), ("LineString",)),
    "sites.geojson": GeoSchema((*_PLACED, "cluster"), ("Point",)),
}


def _rel(path: Path) -> str:
    return f"data/{path.name}"


def _parse_file(path: Path, kind: str, parse: Callable[[str], Any], errors: tuple[type[Exception], ...]) -> Any:
    """`parse` of a UTF-8 file's text; DataError when it is missing or not valid `kind`."""
    name = _rel(path)
    if not path.exists():
        raise DataError(name, "file is missing")
    caught: tuple[type[Exception], ...] = (*errors, UnicodeDecodeError)
    try:
        return parse(path.read_text(encoding="utf-8"))
    except caught as exc:
        raise DataError(name, f"not valid {kind} ({exc.__class__.__name__}: {exc})") from None


def read_json(path: Path) -> Any:
    """A JSON file's content; DataError when it is missing or not JSON."""
    return _parse_file(path, "JSON", json.loads, (json.JSONDecodeError,))


def read_geojson(path: Path, schema: GeoSchema) -> gpd.GeoDataFrame:
    name = _rel(path)
    raw = read_json(path)
    if not isinstance(raw, dict) or raw.get("type") != "FeatureCollection":
        raise DataError(name, "not a GeoJSON FeatureCollection", "type")
    crs = (raw.get("crs") or {}).get("properties", {}).get("name", "")
    if crs and not crs.endswith(("CRS84", "4326")):
        raise DataError(name, f"CRS is {crs}, expected {WGS84} (WGS84)", "crs")
    features = raw.get("features")
    if not isinstance(features, list) or not features:
        raise DataError(name, "has no features", "features")
    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or not isinstance(feat.get("properties"), dict):
            raise DataError(name, f"feature {i} has no properties object", "properties")
        if not isinstance(feat.get("geometry"), dict):
            raise DataError(name, f"feature {i} has no geometry", "geometry")
    try:
        gdf = gpd.GeoDataFrame.from_features(features, crs=WGS84)
    except Exception as exc:  # shapely/geopandas raise several types on bad geometry
        raise DataError(name, f"unreadable geometry ({exc})", "geometry") from None
    validate_frame(gdf, schema, name)
    return gdf


def validate_frame(gdf: gpd.GeoDataFrame, schema: GeoSchema, name: str) -> None:
    required = schema.required + (("source", "as_of") if schema.sourced else ())
    for field in required:
        if field not in gdf.columns:
            raise DataError(name, "missing from every record", field)
        empty = gdf[field].isna()
        if empty.any():
            raise DataError(name, f"empty in record {int(empty.idxmax())}", field)
    bad_type = ~gdf.geom_type.isin(schema.geom_types)
    if bad_type.any():
        i = int(bad_type.idxmax())
        raise DataError(
            name, f"record {i} is a {gdf.geom_type.iloc[i]}, expected {'/'.join(schema.geom_types)}", "geometry"
        )
    invalid = ~gdf.is_valid
    if invalid.any():
        i = int(invalid.idxmax())
        raise DataError(
            name, f"record {i} has an invalid geometry ({shapely.is_valid_reason(gdf.geometry.iloc[i])})", "geometry"
        )
    minx, miny, maxx, maxy = gdf.total_bounds
    lon_min, lat_min, lon_max, lat_max = KOREA_BOUNDS
    if minx < lon_min or maxx > lon_max or miny < lat_min or maxy > lat_max:
        raise DataError(name, "coordinates are not WGS84 longitude/latitude around Korea (wrong CRS?)", "crs")
    if "status" in gdf.columns:
        wrong = ~gdf["status"].isin(STATUSES)
        if wrong.any():
            raise DataError(name, f"unknown status {gdf['status'][wrong].iloc[0]!r}", "status")


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's tables; DataError when it is missing or not TOML."""
    return dict(_parse_file(path, "TOML", tomllib.loads, (tomllib.TOMLDecodeError,)))


def read_csv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    name = _rel(path)
    if not path.exists():
        raise DataError(name, "file is missing")
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for field in required:
        if not rows or field not in rows[0]:
            raise DataError(name, "missing column", field)
    return rows


def read_official_areas(path: Path, slugs: frozenset[str]) -> dict[str, OfficialArea]:
    rows = read_csv(path, ("slug", "official_km2", "basis", "source", "as_of"))
    try:
        return parse_rows(rows, slugs)
    except AreaError as exc:
        raise DataError(_rel(path), str(exc)) from None


def read_milestones(path: Path) -> Timeline:
    """data/milestones.json through the same validator as the data build (geo.timeline.serial)."""
    name = _rel(path)
    rows = read_json(path)
    if not isinstance(rows, list):
        raise DataError(name, "not a list of records")
    try:
        return timeline_from_dicts(rows)
    except MilestoneError as exc:
        raise DataError(name, str(exc), "milestones") from None


def derive_cluster_status(projects: dict[str, Any], timeline: Timeline, name: str = "data/projects.toml") -> None:
    """Clusters store no status: it comes from their milestones (in place)."""
    for c in projects["cluster"]:
        rec = timeline.get("cluster", c["id"])
        if rec is None:
            raise DataError(name, f"cluster '{c['id']}' has no milestones in data/milestones.json", "milestone")
        c["status"] = latest_status(rec)


def check_projects(
    projects: dict[str, Any], name: str = "data/projects.toml", codes: Collection[str] | None = None
) -> dict[str, Any]:
    """The same rules as the data build: geo.data.projects_schema (one validator)."""
    try:
        validate_projects(projects, codes)
    except ProjectsError as exc:
        raise DataError(name, str(exc), exc.field) from None
    return projects
