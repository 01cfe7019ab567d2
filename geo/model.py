"""Everything the app shows, computed once from the data files (no Streamlit here)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo import analysis, datafiles, regions
from geo.url_state import Known


@dataclass(frozen=True)
class Model:
    data: datafiles.Dataset
    precise: gpd.GeoDataFrame  # 31 municipalities at analysis resolution
    clusters: gpd.GeoDataFrame  # union polygon per cluster
    memberships: dict[str, list[str]]  # slug -> cluster ids
    region_table: pd.DataFrame
    cluster_table: pd.DataFrame
    nearest: pd.DataFrame  # site -> nearest operating station
    site_region: dict[str, str]  # site id -> slug (Gyeonggi only)
    station_region: dict[str, str]  # station id -> slug (Gyeonggi only)
    known: Known


# Dataset field -> the file it was read from.
SOURCES = {
    "sigungu": "sigungu.geojson",
    "municipalities": "municipalities.geojson",
    "peace_zone_outside": "peace_zone_outside.geojson",
    "stations": "gtx_stations.geojson",
    "lines": "gtx_lines.geojson",
    "sites": "sites.geojson",
}
# Each frame carries a hash of its file's bytes under this key, so the map layers can
# memoise what they serialise from it (layers.compact): st.cache_data hands out a fresh
# copy of the model on every rerun, but .attrs travel with every copy.
CONTENT_KEY = "content_key"


def tag_content(data: datafiles.Dataset, data_dir: Path) -> None:
    for attr, file in SOURCES.items():
        digest = hashlib.sha256((data_dir / file).read_bytes()).hexdigest()[:16]
        getattr(data, attr).attrs[CONTENT_KEY] = f"{file}:{digest}"


def build(data_dir: Path | None = None) -> Model:
    """The model for `data_dir` (default: datafiles.current_data_dir(), so $GGM_DATA_DIR at call time)."""
    data_dir = Path(data_dir) if data_dir is not None else datafiles.current_data_dir()
    data = datafiles.load_dataset(data_dir)
    tag_content(data, data_dir)
    cities = datafiles.read_csv(data_dir / "gyeonggi_cities.csv", ("city_code", "slug", "name_ko", "name_en"))
    precise = regions.municipalities(data.sigungu, cities)
    defs = data.projects["cluster"]
    clusters = regions.clusters(data.sigungu, defs)
    by_city = {m["city_code"]: m["slug"] for m in cities}
    memberships: dict[str, list[str]] = {slug: [] for slug in precise["slug"]}
    for c in defs:
        for city in sorted(regions.cluster_city_codes(c)):
            memberships[by_city[city]].append(c["id"])
    region_table = analysis.summary(precise, "slug", data.stations, data.sites)
    region_table.insert(1, "name_ko", precise["name_ko"].values)
    region_table.insert(2, "name_en", precise["name_en"].values)
    region_table.insert(3, "clusters", [";".join(memberships[s]) for s in precise["slug"]])
    site_region = analysis.points_within(data.sites, precise, "slug").dropna()
    station_region = analysis.points_within(data.stations, precise, "slug").dropna()
    return Model(
        data=data,
        precise=precise,
        clusters=clusters,
        memberships=memberships,
        region_table=region_table,
        cluster_table=analysis.summary(clusters, "id", data.stations, data.sites),
        nearest=analysis.nearest_operating(data.sites, data.stations),
        site_region=dict(zip(data.sites.loc[site_region.index, "id"], site_region)),
        station_region=dict(zip(data.stations.loc[station_region.index, "id"], station_region)),
        known=Known(
            regions=frozenset(precise["slug"]),
            stations=frozenset(data.stations["id"]),
            clusters=frozenset(c["id"] for c in defs),
        ),
    )
