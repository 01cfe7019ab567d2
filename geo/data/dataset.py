"""Every runtime file in data/, read and validated together: the app loads them all with the
model, so a broken file shows the one error screen at start-up, never later as a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.data import datafiles, gazetteer, gtx_service
from geo.data.areas import OfficialArea
from geo.data.gazetteer import Place
from geo.data.gtx_service import Service
from geo.timeline.status import Timeline


@dataclass(frozen=True)
class Dataset:
    sigungu: gpd.GeoDataFrame
    display_municipalities: gpd.GeoDataFrame  # simplified for the screen (data build)
    peace_zone_outside: gpd.GeoDataFrame
    stations: gpd.GeoDataFrame
    lines: gpd.GeoDataFrame
    sites: gpd.GeoDataFrame
    projects: dict[str, Any]
    timeline: Timeline  # data/milestones.json
    official_areas: dict[str, OfficialArea]  # data/official_areas.csv, slug -> official area
    service: Service  # data/gtx_service.toml: published minutes, headways, targets
    places: tuple[Place, ...]  # data/gazetteer.csv: legal dongs, eup and myeon


# Dataset field -> the GeoJSON file it is read from (its schema: datafiles.SCHEMAS).
FRAMES = {
    "sigungu": "sigungu.geojson",
    "display_municipalities": "municipalities.geojson",
    "peace_zone_outside": "peace_zone_outside.geojson",
    "stations": "gtx_stations.geojson",
    "lines": "gtx_lines.geojson",
    "sites": "sites.geojson",
}


def load_dataset(data_dir: Path | None = None) -> Dataset:
    """Read and validate every runtime file; raises DataError on the first problem."""
    data_dir = Path(data_dir) if data_dir is not None else datafiles.current_data_dir()
    frames = {attr: datafiles.read_geojson(data_dir / file, datafiles.SCHEMAS[file]) for attr, file in FRAMES.items()}
    codes = frozenset(frames["sigungu"]["code"].astype(str))
    projects = datafiles.check_projects(datafiles.read_toml(data_dir / "projects.toml"), codes=codes)
    timeline = datafiles.read_milestones(data_dir / "milestones.json")
    datafiles.derive_cluster_status(projects, timeline)
    slugs = frozenset(frames["display_municipalities"]["slug"])
    official_areas = datafiles.read_official_areas(data_dir / "official_areas.csv", slugs)
    lines = frames["lines"]
    service = gtx_service.load_service(
        data_dir, stations=frames["stations"]["id"], sections=dict(zip(lines["id"], lines["line"], strict=True))
    )
    places = tuple(gazetteer.load_places(data_dir))
    return Dataset(
        **frames, projects=projects, timeline=timeline, official_areas=official_areas, service=service, places=places
    )
