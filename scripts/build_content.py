"""Build the map's content layers from the human-editable TOML sources.

Reads  data/gtx.toml, data/sites.toml, data/projects.toml (checked only) and
       data/sigungu.geojson (boundaries, built by scripts/build_boundaries.py)
Writes data/gtx_stations.geojson  one Point per physical GTX station
       data/gtx_lines.geojson     one LineString per section, straight between stations
       data/sites.geojson         one Point per project site

Rules
- A point with lat/lon is kept as given (rounded to 5 decimals) and must lie inside exactly
  one boundary feature (geopandas sjoin, predicate "within"); if the record also names a
  `sigungu_hint` / `city_hint`, that feature must match. Anything else fails loudly.
- A "municipality"-precision record has no coordinate in the sources: it is placed at the
  representative point of its `sigungu_hint` feature, computed in EPSG:5179 and converted
  back to WGS84 (deterministic).
- A station's status is the most advanced status of the sections that list it
  (operating > under_construction > planned > proposed); `opened` is the earliest opening
  date of the operating sections that list it, unless the station gives its own later date.

Output is plain RFC 7946 GeoJSON (WGS84, no "crs" member), UTF-8 with ensure_ascii=False,
features sorted by id, one feature per line, newline at the end. Running the script twice
gives byte-identical files.

Usage: python scripts/build_content.py [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import LineString, Point

from geo.core.vocabulary import AS_OF, LINES, METRIC_CRS, SOURCE_URL, STATUSES, WGS84, Status, city_code, in_korea
from geo.data.projects_schema import ProjectsError, validate_projects
from geo.timeline.milestones import MilestoneError
from scripts import build_milestones, exit_code

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

DECIMALS = 5

PRECISIONS = ("exact", "existing_station", "municipality")
SITE_CLUSTERS = ("semiconductor", "ai", "climate")

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODE_RE = re.compile(r"^\d{5}$")
CITY_RE = re.compile(r"^\d{4}$")

# Keys every dated, sourced record may carry; then each table's own.
_SOURCED_KEYS = {"id", "name_ko", "name_en", "source", "as_of", "sources", "checked", "milestone"}
_NOTE_KEYS = {"note_ko", "note_en"}
_PLACE_KEYS = {"lat", "lon", "location_precision", "sigungu_hint"}
STATION_KEYS = _SOURCED_KEYS | _NOTE_KEYS | _PLACE_KEYS | {"city_hint", "coord_source", "before_first"}
# status and opened are filled in from the milestones (scripts/build_milestones.py)
SECTION_KEYS = _SOURCED_KEYS | _NOTE_KEYS | {"line", "status", "opened", "stations"}
SITE_KEYS = (
    _SOURCED_KEYS
    | _PLACE_KEYS
    | {"cluster", "status", "area_m2", "investment_krw", "timeline_ko", "timeline_en", "summary_ko", "summary_en"}
    | {f"{field}_note_{lang}" for field in ("area", "investment") for lang in ("ko", "en")}
)  # status is filled in from the milestones


class ContentError(ValueError):
    """Raised when the sources are inconsistent; the message says which record."""


# ───────────────────────────── loading ─────────────────────────────


def load_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def load_boundaries(path: Path) -> gpd.GeoDataFrame:
    """Boundary features with a unique 5-digit `code`, in WGS84."""
    gdf = gpd.read_file(path)
    missing = {"code", "name_ko", "name_en", "city_code", "province"} - set(gdf.columns)
    if missing:
        raise ContentError(f"{path.name}: missing properties {sorted(missing)}")
    gdf["code"] = gdf["code"].astype(str)
    gdf["city_code"] = gdf["city_code"].astype(str)
    dup = gdf["code"][gdf["code"].duplicated()].tolist()
    if dup:
        raise ContentError(f"{path.name}: duplicate codes {dup}")
    if gdf.crs is None:
        gdf = gdf.set_crs(WGS84)
    elif gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(WGS84)
    return gdf[["code", "city_code", "geometry"]].sort_values("code").reset_index(drop=True)


def representative_points(bounds: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """code -> (lon, lat): representative point computed in EPSG:5179, rounded."""
    pts = bounds.to_crs(METRIC_CRS).representative_point().to_crs(WGS84)
    return {code: (round(p.x, DECIMALS), round(p.y, DECIMALS)) for code, p in zip(bounds["code"], pts, strict=False)}


# ───────────────────────────── validation helpers ─────────────────────────────


def _require(rec: dict, keys: Iterable[str], where: str) -> None:
    for key in keys:
        if rec.get(key) in (None, "", []):
            raise ContentError(f"{where}: missing `{key}`")


def _check_unknown(rec: dict, allowed: set[str], where: str) -> None:
    extra = set(rec) - allowed
    if extra:
        raise ContentError(f"{where}: unknown keys {sorted(extra)}")


def _check_url(url: Any, where: str) -> None:
    if not isinstance(url, str) or not SOURCE_URL.match(url):
        raise ContentError(f"{where}: not a URL: {url!r}")
    if "..." in url:
        raise ContentError(f"{where}: truncated URL: {url!r}")


def _check_as_of(rec: dict, where: str) -> None:
    as_of = rec.get("as_of")
    if not (isinstance(as_of, str) and AS_OF.match(as_of)):
        raise ContentError(f"{where}: as_of must be YYYY[-MM[-DD]], got {as_of!r}")


def _check_sources(rec: dict, where: str) -> None:
    _check_url(rec.get("source"), f"{where}.source")
    for i, url in enumerate(rec.get("sources", [])):
        _check_url(url, f"{where}.sources[{i}]")
    _check_as_of(rec, where)


def _check_ids(records: list[dict], kind: str) -> None:
    seen: set[str] = set()
    for rec in records:
        rid = rec.get("id")
        if not isinstance(rid, str) or not ID_RE.match(rid):
            raise ContentError(f"{kind}: bad id {rid!r}")
        if rid in seen:
            raise ContentError(f"{kind}: duplicate id {rid!r}")
        seen.add(rid)


def _check_location_fields(rec: dict, where: str, codes: set[str]) -> None:
    prec = rec.get("location_precision")
    if prec not in PRECISIONS:
        raise ContentError(f"{where}: location_precision must be one of {PRECISIONS}")
    has_lat, has_lon = "lat" in rec, "lon" in rec
    if has_lat != has_lon:
        raise ContentError(f"{where}: give both lat and lon or neither")
    hint = rec.get("sigungu_hint")
    if hint is not None and (not CODE_RE.match(str(hint)) or str(hint) not in codes):
        raise ContentError(f"{where}: sigungu_hint {hint!r} is not a boundary code")
    city = rec.get("city_hint")
    if city is not None and not CITY_RE.match(str(city)):
        raise ContentError(f"{where}: city_hint {city!r} is not a 4-digit code")
    if prec == "municipality":
        if has_lat:
            raise ContentError(f"{where}: municipality precision must not carry lat/lon")
        if hint is None:
            raise ContentError(f"{where}: municipality precision needs sigungu_hint")
    else:
        if not has_lat:
            raise ContentError(f"{where}: {prec} precision needs lat/lon")
        lat, lon = rec["lat"], rec["lon"]
        if not in_korea(lon, lat):
            raise ContentError(f"{where}: lat/lon {lat}, {lon} outside Korea (swapped?)")


# ───────────────────────────── GTX ─────────────────────────────


def validate_gtx(gtx: dict[str, Any], codes: set[str]) -> tuple[list[dict], list[dict]]:
    stations = gtx.get("station", [])
    sections = gtx.get("section", [])
    if not stations or not sections:
        raise ContentError("gtx.toml: needs [[station]] and [[section]] tables")
    _check_ids(stations, "station")
    _check_ids(sections, "section")
    station_ids = {s["id"] for s in stations}
    for st in stations:
        where = f"station {st['id']}"
        _check_unknown(st, STATION_KEYS, where)
        _require(st, ("name_ko", "name_en", "location_precision", "coord_source", "source"), where)
        _check_location_fields(st, where, codes)
        _check_sources(st, where)
    used: set[str] = set()
    for sec in sections:
        where = f"section {sec['id']}"
        _check_unknown(sec, SECTION_KEYS, where)
        _require(sec, ("line", "status", "name_ko", "name_en", "stations", "source"), where)
        if sec["line"] not in LINES:
            raise ContentError(f"{where}: line must be one of {LINES}")
        if sec["status"] not in STATUSES:
            raise ContentError(f"{where}: status must be one of {tuple(map(str, STATUSES))}")
        if not sec["id"].startswith(sec["line"].lower() + "-"):
            raise ContentError(f"{where}: id should start with '{sec['line'].lower()}-'")
        if sec["status"] == Status.OPERATING:
            if not DATE_RE.match(str(sec.get("opened", ""))):
                raise ContentError(f"{where}: operating sections need opened=YYYY-MM-DD")
        elif "opened" in sec:
            raise ContentError(f"{where}: only operating sections carry `opened`")
        ids = sec["stations"]
        if len(ids) < 2:
            raise ContentError(f"{where}: needs at least two stations")
        unknown = [s for s in ids if s not in station_ids]
        if unknown:
            raise ContentError(f"{where}: unknown stations {unknown}")
        if len(set(ids)) != len(ids):
            raise ContentError(f"{where}: a station is listed twice")
        used.update(ids)
        _check_sources(sec, where)
    orphans = sorted(station_ids - used)
    if orphans:
        raise ContentError(f"stations in no section: {orphans}")
    return stations, sections


# ───────────────────────────── placement ─────────────────────────────


def place_records(
    records: list[dict],
    bounds: gpd.GeoDataFrame,
    reps: dict[str, tuple[float, float]],
    kind: str,
) -> dict[str, tuple[float, float, str]]:
    """id -> (lon, lat, sigungu_code). Every point is verified with sjoin 'within'."""
    coords: dict[str, tuple[float, float]] = {}
    for rec in records:
        if rec["location_precision"] == "municipality":
            coords[rec["id"]] = reps[str(rec["sigungu_hint"])]
        else:
            coords[rec["id"]] = (round(rec["lon"], DECIMALS), round(rec["lat"], DECIMALS))
    ids = sorted(coords)
    pts = gpd.GeoDataFrame({"rid": ids}, geometry=[Point(coords[i]) for i in ids], crs=WGS84)
    joined = gpd.sjoin(pts, bounds, how="left", predicate="within")
    hits: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rid, code, city in zip(joined["rid"], joined["code"], joined["city_code"], strict=False):
        if isinstance(code, str):
            hits[rid].append((code, city))
    by_id = {r["id"]: r for r in records}
    out: dict[str, tuple[float, float, str]] = {}
    problems: list[str] = []
    for rid in ids:
        rec = by_id[rid]
        found = hits.get(rid, [])
        if len(found) != 1:
            problems.append(
                f"{kind} {rid}: point {coords[rid]} is inside {len(found)} boundary features {[c for c, _ in found]}"
            )
            continue
        code, city = found[0]
        hint = rec.get("sigungu_hint")
        if hint is not None and str(hint) != code:
            problems.append(f"{kind} {rid}: point falls in {code}, but sigungu_hint is {hint}")
        chint = rec.get("city_hint")
        if chint is not None and str(chint) != city:
            problems.append(f"{kind} {rid}: point falls in city {city}, but city_hint is {chint}")
        out[rid] = (*coords[rid], code)
    if problems:
        raise ContentError("location check failed:\n  " + "\n  ".join(problems))
    return out


def stack_positions(placed: dict[str, tuple[float, float, str]]) -> dict[str, tuple[int, int]]:
    """id -> (stack_index, stack_size) for records that share the exact same point."""
    groups: dict[tuple[float, float], list[str]] = defaultdict(list)
    for rid, (lon, lat, _code) in placed.items():
        groups[(lon, lat)].append(rid)
    out: dict[str, tuple[int, int]] = {}
    for members in groups.values():
        for i, rid in enumerate(sorted(members)):
            out[rid] = (i, len(members))
    return out


# ───────────────────────────── features ─────────────────────────────


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def station_features(
    stations: list[dict],
    derived: dict[str, dict[str, Any]],
    placed: dict[str, tuple[float, float, str]],
) -> list[dict[str, Any]]:
    stacks = stack_positions(placed)
    feats = []
    for st in sorted(stations, key=lambda s: s["id"]):
        sid = st["id"]
        lon, lat, code = placed[sid]
        d = derived[sid]
        props = {
            "id": sid,
            "name_ko": st["name_ko"],
            "name_en": st["name_en"],
            "lines": d["lines"],
            "status": d["status"],
            "line_status": d["line_status"],
            "opened": d["opened"],
            "sigungu_code": code,
            "location_precision": st["location_precision"],
            "coord_source": st["coord_source"],
            "source": st["source"],
            "as_of": st["as_of"],
            "sources": list(st.get("sources", [])),
            "note_ko": st.get("note_ko"),
            "note_en": st.get("note_en"),
            "stack_index": stacks[sid][0],
            "stack_size": stacks[sid][1],
        }
        feats.append({"type": "Feature", "properties": props, "geometry": _point(lon, lat)})
    return feats


def section_features(sections: list[dict], placed: dict[str, tuple[float, float, str]]) -> list[dict[str, Any]]:
    feats = []
    for sec in sorted(sections, key=lambda s: s["id"]):
        coords: list[list[float]] = []
        for sid in sec["stations"]:
            lon, lat, _ = placed[sid]
            if not coords or coords[-1] != [lon, lat]:  # drop zero-length steps
                coords.append([lon, lat])
        if len(coords) < 2:
            raise ContentError(f"section {sec['id']}: all its stations share one point")
        props = {
            "id": sec["id"],
            "line": sec["line"],
            "status": sec["status"],
            "name_ko": sec["name_ko"],
            "name_en": sec["name_en"],
            "opened": sec.get("opened"),
            "stations": list(sec["stations"]),
            "source": sec["source"],
            "as_of": sec["as_of"],
            "sources": list(sec.get("sources", [])),
            "note_ko": sec.get("note_ko"),
            "note_en": sec.get("note_en"),
        }
        geom = LineString(coords)
        feats.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "LineString", "coordinates": [list(c) for c in geom.coords]},
            }
        )
    return feats


def validate_sites(sites_toml: dict[str, Any], codes: set[str]) -> list[dict]:
    sites = sites_toml.get("site", [])
    if not sites:
        raise ContentError("sites.toml: no [[site]] tables")
    _check_ids(sites, "site")
    for site in sites:
        where = f"site {site['id']}"
        _check_unknown(site, SITE_KEYS, where)
        _require(
            site,
            (
                "name_ko",
                "name_en",
                "cluster",
                "sigungu_hint",
                "location_precision",
                "status",
                "timeline_ko",
                "timeline_en",
                "summary_ko",
                "summary_en",
                "source",
            ),
            where,
        )
        if site["cluster"] not in SITE_CLUSTERS:
            raise ContentError(f"{where}: cluster must be one of {SITE_CLUSTERS}")
        if site["status"] not in STATUSES:
            raise ContentError(f"{where}: status must be one of {tuple(map(str, STATUSES))}")
        _check_location_fields(site, where, codes)
        area = site.get("area_m2")
        if area is not None and (isinstance(area, bool) or not isinstance(area, (int, float)) or area <= 0):
            raise ContentError(f"{where}: area_m2 must be a positive number")
        inv = site.get("investment_krw")
        if inv is not None and (isinstance(inv, bool) or not isinstance(inv, int) or inv <= 0):
            raise ContentError(f"{where}: investment_krw must be a positive integer")
        _check_sources(site, where)
    return sites


def site_features(sites: list[dict], placed: dict[str, tuple[float, float, str]]) -> list[dict[str, Any]]:
    stacks = stack_positions(placed)
    feats = []
    for site in sorted(sites, key=lambda s: s["id"]):
        sid = site["id"]
        lon, lat, code = placed[sid]
        props = {
            "id": sid,
            "name_ko": site["name_ko"],
            "name_en": site["name_en"],
            "cluster": site["cluster"],
            "status": site["status"],
            "sigungu_code": code,
            "city_code": city_code(code),
            "location_precision": site["location_precision"],
            "area_m2": site.get("area_m2"),
            "area_note_ko": site.get("area_note_ko"),
            "area_note_en": site.get("area_note_en"),
            "investment_krw": site.get("investment_krw"),
            "investment_note_ko": site.get("investment_note_ko"),
            "investment_note_en": site.get("investment_note_en"),
            "timeline_ko": site["timeline_ko"],
            "timeline_en": site["timeline_en"],
            "summary_ko": site["summary_ko"],
            "summary_en": site["summary_en"],
            "source": site["source"],
            "as_of": site["as_of"],
            "sources": list(site.get("sources", [])),
            "stack_index": stacks[sid][0],
            "stack_size": stacks[sid][1],
        }
        feats.append({"type": "Feature", "properties": props, "geometry": _point(lon, lat)})
    return feats


# ───────────────────────────── projects.toml (checked, not converted) ─────────────────────────────


def check_projects(projects: dict[str, Any], codes: set[str]) -> None:
    """The same rules as the app's loader: geo.data.projects_schema (one validator)."""
    try:
        validate_projects(projects, codes)
    except ProjectsError as exc:
        raise ContentError(f"projects.toml: {exc}") from None


# ───────────────────────────── output ─────────────────────────────


def feature_collection_text(features: list[dict[str, Any]]) -> str:
    """RFC 7946 FeatureCollection, one feature per line, trailing newline."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def build(data_dir: Path = DATA) -> dict[str, str]:
    """Return {filename: text} for the four outputs (no writing)."""
    bounds = load_boundaries(data_dir / "sigungu.geojson")
    codes = set(bounds["code"])
    reps = representative_points(bounds)

    gtx, sites_toml, projects = (load_toml(data_dir / f) for f in ("gtx.toml", "sites.toml", "projects.toml"))
    check_projects(projects, codes)
    try:
        timeline = build_milestones.attach(gtx, sites_toml, projects)
        stations, sections = validate_gtx(gtx, codes)
        derived = {st["id"]: build_milestones.station_derived(timeline, sections, st["id"]) for st in stations}
    except MilestoneError as exc:
        raise ContentError(str(exc)) from None
    placed_st = place_records(stations, bounds, reps, "station")

    sites = validate_sites(sites_toml, codes)
    placed_si = place_records(sites, bounds, reps, "site")

    return {
        "milestones.json": build_milestones.milestones_json(timeline),
        "gtx_stations.geojson": feature_collection_text(station_features(stations, derived, placed_st)),
        "gtx_lines.geojson": feature_collection_text(section_features(sections, placed_st)),
        "sites.geojson": feature_collection_text(site_features(sites, placed_si)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--check", action="store_true", help="validate and fail if outputs are out of date")
    args = parser.parse_args(argv)
    try:
        outputs = build(args.data_dir)
    except ContentError as exc:
        print(f"build_content: {exc}", file=sys.stderr)
        return 1
    stale = []
    for name, text in outputs.items():
        path = args.data_dir / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            changed = write_if_changed(path, text)
            n = text.count('"type":"Feature"')
            print(f"{name}: {n} features ({'written' if changed else 'unchanged'})")
    return exit_code(f"build_content: out of date: {stale}" if stale else None)


if __name__ == "__main__":
    sys.exit(main())
