"""Everything the app shows, computed once from the data files (no Streamlit here).

Geometry comes at two resolutions, named for their use: `display_municipalities`
(data/municipalities.geojson, simplified for the screen by the data build) and
`analysis_municipalities` (dissolved from the full sigungu boundaries, for areas,
joins and distances)."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo.core.citation import Citation
from geo.core.vocabulary import CONTENT_KEY
from geo.data import datafiles, dataset
from geo.data.stories import Story, load_stories, url_steps
from geo.domain import analysis, regions
from geo.state.url_state import Known


def _text(value: Any) -> str | None:
    """A text field, None when it is missing (never NaN or an empty string)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


@dataclass(frozen=True)
class Named:
    """A record named in Korean and English (what geo.core.i18n.name reads)."""

    name_ko: str
    name_en: str


@dataclass(frozen=True)
class Area:
    """A region or a cluster: its size and access shares (analysis.summary) and its shape."""

    area_km2: float  # computed in the metric CRS from the analysis geometry
    share_within_5km: float
    share_within_10km: float
    # WGS84: a region's at analysis resolution, a cluster's the union of its members
    geometry: shapely.Geometry = field(repr=False, compare=False)


@dataclass(frozen=True)
class Region(Named, Area):
    """One of Gyeonggi's 31 si/gun."""

    slug: str
    clusters: tuple[str, ...]
    station_ids: tuple[str, ...]
    site_ids: tuple[str, ...]


@dataclass(frozen=True)
class Located(Named):
    """A point record of the data (a station or a key site): where it is and its source."""

    id: str
    status: str  # as the data gives it today (the timeline's status on a date: geo.domain.asof)
    sigungu_code: str
    location_precision: str
    region: str | None  # Gyeonggi slug, None outside Gyeonggi
    source: str
    as_of: str
    lat: float  # WGS84
    lng: float

    @property
    def cite(self) -> Citation:
        return Citation(self.source, self.as_of)


@dataclass(frozen=True)
class Station(Located):
    lines: tuple[str, ...]
    line_status: Mapping[str, str]
    opened: str | None
    note_ko: str | None
    note_en: str | None
    coord_source: str | None  # where the point comes from (see data/README.md)


@dataclass(frozen=True)
class Site(Located):
    """A key site (data/sites.geojson)."""

    cluster: str


@dataclass(frozen=True)
class Sigungu(Named):
    """A municipality or district of the boundary file (Seoul, Incheon, Gyeonggi and beyond)."""

    code: str


@dataclass(frozen=True)
class Cluster(Named, Area):
    id: str
    status: str | None
    summary_ko: str
    summary_en: str
    members: tuple[str, ...]  # sigungu codes
    facts: tuple[Mapping[str, Any], ...]
    source: str
    as_of: str


@dataclass(frozen=True, eq=False)  # hashed by identity: per-model caches (lru_cache) key on it
class Model:
    data: dataset.Dataset
    analysis_municipalities: gpd.GeoDataFrame  # 31 municipalities at analysis resolution
    clusters: gpd.GeoDataFrame  # union polygon per cluster
    memberships: dict[str, list[str]]  # slug -> cluster ids
    region_table: pd.DataFrame
    cluster_table: pd.DataFrame
    nearest: pd.DataFrame  # site -> nearest operating station
    site_region: dict[str, str]  # site id -> slug (Gyeonggi only)
    station_region: dict[str, str]  # station id -> slug (Gyeonggi only)
    known: Known
    regions_by_slug: dict[str, Region] = field(repr=False)
    stations_by_id: dict[str, Station] = field(repr=False)
    clusters_by_id: dict[str, Cluster] = field(repr=False)
    sigungu_by_code: dict[str, Sigungu] = field(repr=False)
    sites_by_id: dict[str, Site] = field(repr=False)
    stories: Mapping[str, Story] = field(default_factory=dict, repr=False)

    def region(self, slug: str) -> Region:
        return self.regions_by_slug[slug]

    def station(self, sid: str) -> Station:
        return self.stations_by_id[sid]

    def site(self, sid: str) -> Site:
        return self.sites_by_id[sid]

    def cluster(self, cid: str) -> Cluster:
        return self.clusters_by_id[cid]

    def sigungu(self, code: str) -> Sigungu:
        return self.sigungu_by_code[code]


def tag_content(data: dataset.Dataset, data_dir: Path) -> None:
    for attr, file in dataset.FRAMES.items():
        digest = hashlib.sha256((data_dir / file).read_bytes()).hexdigest()[:16]
        getattr(data, attr).attrs[CONTENT_KEY] = f"{file}:{digest}"


def _area(row: Mapping[str, Any], geometry: shapely.Geometry) -> dict[str, Any]:
    """The `Area` fields from a row of analysis.summary's table."""
    figures = {k: float(row[k]) for k in ("area_km2", "share_within_5km", "share_within_10km")}
    return {**figures, "geometry": geometry}


def _regions(
    region_table: pd.DataFrame,
    station_region: dict[str, str],
    site_region: dict[str, str],
    shapes: gpd.GeoDataFrame,
) -> dict[str, Any]:
    """`shapes`: the municipalities at analysis resolution (`slug`, geometry)."""
    geometry = dict(zip(shapes["slug"], shapes.geometry, strict=True))
    out = {}
    for r in region_table.to_dict("records"):
        slug = r["slug"]
        out[slug] = Region(
            **_area(r, geometry[slug]),
            slug=slug,
            name_ko=r["name_ko"],
            name_en=r["name_en"],
            clusters=tuple(c for c in str(r["clusters"]).split(";") if c),
            station_ids=tuple(s for s, g in station_region.items() if g == slug),
            site_ids=tuple(s for s, g in site_region.items() if g == slug),
        )
    return out


def _located(points: gpd.GeoDataFrame, region_of: dict[str, str]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Each record of a point frame, with the `Located` fields read from it."""
    for r, pt in zip(points.drop(columns="geometry").to_dict("records"), points.geometry, strict=True):
        as_is = {k: r[k] for k in ("id", "name_ko", "name_en", "status", "location_precision", "source")}
        as_text = {k: str(r[k]) for k in ("sigungu_code", "as_of")}
        yield r, {**as_is, **as_text, "region": region_of.get(r["id"]), "lat": pt.y, "lng": pt.x}


def _stations(stations: gpd.GeoDataFrame, station_region: dict[str, str]) -> dict[str, Any]:
    out = {}
    for r, located in _located(stations, station_region):
        per_line = r.get("line_status")
        out[r["id"]] = Station(
            **located,
            lines=tuple(r["lines"]),
            line_status=dict(per_line) if isinstance(per_line, dict) else {},
            opened=_text(r.get("opened")),
            note_ko=_text(r.get("note_ko")),
            note_en=_text(r.get("note_en")),
            coord_source=_text(r.get("coord_source")),
        )
    return out


def _sites(sites: gpd.GeoDataFrame, site_region: dict[str, str]) -> dict[str, Any]:
    return {r["id"]: Site(**located, cluster=r["cluster"]) for r, located in _located(sites, site_region)}


def _clusters(defs: list[dict[str, Any]], cluster_table: pd.DataFrame, shapes: gpd.GeoDataFrame) -> dict[str, Any]:
    """`shapes`: the cluster unions (`id`, geometry)."""
    table = cluster_table.set_index("id")
    geometry = dict(zip(shapes["id"], shapes.geometry, strict=True))
    out = {}
    for c in defs:
        out[c["id"]] = Cluster(
            **_area(table.loc[c["id"]], geometry[c["id"]]),
            id=c["id"],
            name_ko=c["name_ko"],
            name_en=c["name_en"],
            status=_text(c.get("status")),
            summary_ko=c.get("summary_ko", ""),
            summary_en=c.get("summary_en", ""),
            members=tuple(c["members"]),
            facts=tuple(c.get("fact", [])),
            source=c["source"],
            as_of=str(c["as_of"]),
        )
    return out


def build(data_dir: Path | None = None) -> Model:
    """The model for `data_dir` (default: datafiles.current_data_dir(), so $GGM_DATA_DIR at call time)."""
    data_dir = Path(data_dir) if data_dir is not None else datafiles.current_data_dir()
    data = dataset.load_dataset(data_dir)
    tag_content(data, data_dir)
    cities = datafiles.read_csv(data_dir / "gyeonggi_cities.csv", ("city_code", "slug", "name_ko", "name_en"))
    exact = regions.dissolve_municipalities(data.sigungu, cities)
    defs = data.projects["cluster"]
    clusters = regions.clusters(data.sigungu, defs)
    by_city = {m["city_code"]: m["slug"] for m in cities}
    memberships: dict[str, list[str]] = {slug: [] for slug in exact["slug"]}
    for c in defs:
        for city in sorted(regions.cluster_city_codes(c)):
            memberships[by_city[city]].append(c["id"])
    region_table = analysis.summary(exact, "slug", data.stations, data.sites)
    region_table.insert(1, "name_ko", exact["name_ko"].values)
    region_table.insert(2, "name_en", exact["name_en"].values)
    region_table.insert(3, "clusters", [";".join(memberships[s]) for s in exact["slug"]])
    cluster_table = analysis.summary(clusters, "id", data.stations, data.sites)
    site_in = analysis.points_within(data.sites, exact, "slug").dropna()
    station_in = analysis.points_within(data.stations, exact, "slug").dropna()
    site_region = dict(zip(data.sites.loc[site_in.index, "id"], site_in, strict=True))
    station_region = dict(zip(data.stations.loc[station_in.index, "id"], station_in, strict=True))
    model = Model(
        data=data,
        analysis_municipalities=exact,
        clusters=clusters,
        memberships=memberships,
        region_table=region_table,
        cluster_table=cluster_table,
        nearest=analysis.nearest_operating(data.sites, data.stations),
        site_region=site_region,
        station_region=station_region,
        known=Known(
            regions=frozenset(exact["slug"]),
            stations=frozenset(data.stations["id"]),
            clusters=frozenset(c["id"] for c in defs),
        ),
        regions_by_slug=_regions(region_table, station_region, site_region, exact),
        stations_by_id=_stations(data.stations, station_region),
        clusters_by_id=_clusters(defs, cluster_table, clusters),
        sigungu_by_code={
            r["code"]: Sigungu(code=r["code"], name_ko=r["name_ko"], name_en=r["name_en"])
            for r in data.sigungu[["code", "name_ko", "name_en"]].to_dict("records")
        },
        sites_by_id=_sites(data.sites, site_region),
    )
    return with_stories(model, data_dir)


def with_stories(model: Model, data_dir: Path) -> Model:
    """The model with its guided tours (data/story.toml); the URL codec then knows their ids and
    steps. geo/answers/story.py proves them true to the model (`story.checked`)."""
    tours = load_stories(data_dir)
    return replace(model, stories=tours, known=replace(model.known, stories=url_steps(tours)))
