"""Build the screen-resolution layers the app draws, from data/sigungu.geojson:

- data/municipalities.geojson: Gyeonggi's 31 si/gun (slug, names, area in km²
  computed from the full sigungu geometry in EPSG:5179, display geometry).
- data/peace_zone_outside.geojson: Peace Economy Special Zone members outside
  Gyeonggi (Incheon, Gangwon), display geometry.

Both come from one coverage simplification, so their shared borders match exactly.
Run with `make data` (after build_boundaries.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd

from geo.core.vocabulary import GYEONGGI_CODE
from geo.data import datafiles
from geo.domain import regions
from scripts.build_boundaries import write_geojson

ROOT = Path(__file__).resolve().parents[1]

# Tuned for the province-wide view (zoom 9-11, 75-300 m per pixel); see docs/benchmarks.md.
DISPLAY_TOLERANCE_M = 150.0
DISPLAY_DECIMALS = 4


def main() -> int:
    data = ROOT / "data"
    sigungu = datafiles.read_geojson(data / "sigungu.geojson", datafiles.SCHEMAS["sigungu.geojson"])
    cities = datafiles.read_csv(data / "gyeonggi_cities.csv", ("city_code", "slug", "name_ko", "name_en"))
    projects = datafiles.check_projects(datafiles.read_toml(data / "projects.toml"))

    munis = regions.dissolve_municipalities(sigungu, cities)
    display = regions.display_coverage(sigungu, DISPLAY_TOLERANCE_M, DISPLAY_DECIMALS).set_index("unit")
    munis["geometry"] = display.loc[munis["city_code"]].geometry.values
    write_geojson(munis, data / "municipalities.geojson")

    peace = next(c for c in projects["cluster"] if c["id"] == "peace-zone")
    outside = sigungu[sigungu["code"].isin(peace["members"]) & ~sigungu["code"].str.startswith(GYEONGGI_CODE)]
    outside = outside[["code", "name_ko", "name_en"]].assign(geometry=display.loc[outside["code"]].geometry.values)
    write_geojson(gpd.GeoDataFrame(outside, geometry="geometry", crs=sigungu.crs), data / "peace_zone_outside.geojson")
    for f in ("municipalities.geojson", "peace_zone_outside.geojson"):
        print(f"data/{f}: {(data / f).stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
