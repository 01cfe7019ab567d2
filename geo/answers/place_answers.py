"""Answers about one place or one station: what contains it, which GTX stations are near (one per
line within 10 km, straight-line distance), each line's status and opening date or target,
published minutes to the hubs and headways, and the key sites within 10 km. Computed from the
place index (geo/answers/place_index.py) and memoised there.

All distances are computed in EPSG:5179 (metres) with sjoin / sjoin_nearest. Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.answers.locality import district_on
from geo.answers.place_index import PROVINCE_NAMES, PlaceIndex, index_for, memo, point
from geo.core import clock
from geo.core.citation import Citation
from geo.core.vocabulary import METRIC_CRS, STATUS_RANK, STATUSES, Status
from geo.data.gtx_service import Headway, Service, Sourced, TravelTime
from geo.domain import asof
from geo.domain.model import Model, Station
from geo.timeline.status import district_at

RADIUS_KM = 10.0
# Rings drawn around a selected station or place. 500 m is the usual station-area (역세권) distance
# in Korean property writing; no statute defines it (see data/README.md).
CATCHMENT_M = (500, 1000)


@dataclass(frozen=True)
class Area:
    """A municipality (Gyeonggi: `slug` opens its panel) or a cluster."""

    kind: str  # "region" | "sigungu" | "cluster"
    key: str  # region slug, sigungu code or cluster id
    name_ko: str
    name_en: str


@dataclass(frozen=True)
class HubTime:
    hub: str
    name_ko: str
    name_en: str
    time: TravelTime | None  # None: no source publishes it


@dataclass(frozen=True)
class SectionTarget:
    section_ko: str
    section_en: str
    text_ko: str
    text_en: str
    cite: Sourced


@dataclass(frozen=True)
class LineAt:
    """One line at one station."""

    line: str
    status: str  # as of the date (the timeline's milestones), else as the data gives it today
    opened: str | None  # opening date of an operating line at this station
    open_on_date: bool | None  # with a date: was it open on that date (None without a date)
    targets: tuple[SectionTarget, ...]  # for lines not open
    hubs: tuple[HubTime, ...]  # the hubs on this line other than the station itself
    headway: Headway | None  # for an operating line; None: not published
    status_source: str
    status_as_of: str


@dataclass(frozen=True)
class NearStation:
    id: str
    name_ko: str
    name_en: str
    distance_km: float
    location_precision: str
    lines: tuple[LineAt, ...]  # only the lines this station is the nearest stop of


@dataclass(frozen=True)
class NearSite:
    id: str
    name_ko: str
    name_en: str
    cluster: str
    distance_km: float
    location_precision: str
    cite: Citation


@dataclass(frozen=True)
class PlaceAnswer:
    lat: float
    lng: float
    covered: bool  # False: outside the boundaries the map has (nothing else is filled in)
    municipality: Area | None
    clusters: tuple[Area, ...]
    stations: tuple[NearStation, ...]  # nearest per line within RADIUS_KM, nearest first
    sites: tuple[NearSite, ...]  # within RADIUS_KM, nearest first
    date: str | None


@dataclass(frozen=True)
class StationAnswer:
    id: str
    name_ko: str
    name_en: str
    location_precision: str
    coord_source: str
    lat: float
    lng: float
    municipality: Area | None
    clusters: tuple[Area, ...]
    lines: tuple[LineAt, ...]
    sites: tuple[NearSite, ...]


def _clean(value: Any) -> Any:
    """NaN / None / NaT from a frame -> None."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    return value


def _date(value: str | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return dt.date.fromisoformat(value).isoformat()


def _containing(
    model: Model, index: PlaceIndex, pt: gpd.GeoDataFrame, day: str | None
) -> tuple[Area | None, tuple[Area, ...]]:
    region = gpd.sjoin(
        pt, model.analysis_municipalities[["slug", "name_ko", "name_en", "geometry"]], predicate="intersects"
    )
    muni: Area | None = None
    if not region.empty:
        r = region.iloc[0]
        muni = Area("region", r["slug"], r["name_ko"], r["name_en"])
    else:
        feat = gpd.sjoin(pt, index.sigungu[["code", "name_ko", "name_en", "geometry"]], predicate="intersects")
        if not feat.empty:
            r = feat.iloc[0]
            prov_ko, prov_en = PROVINCE_NAMES.get(r["code"][:2], ("", ""))
            muni = Area(
                "sigungu",
                r["code"],
                f"{prov_ko} {r['name_ko']}".strip(),
                ", ".join(x for x in (r["name_en"], prov_en) if x),
            )
            at = pt.geometry.iloc[0]
            newer = district_on(index, r["code"], at.y, at.x, day)
            if newer is not None:  # a district newer than the boundary file
                muni = Area("sigungu", r["code"], newer.context_ko, newer.context_en)
    clusters = gpd.sjoin(pt, model.clusters[["id", "name_ko", "name_en", "geometry"]], predicate="intersects")
    return muni, tuple(Area("cluster", r["id"], r["name_ko"], r["name_en"]) for _, r in clusters.iterrows())


def line_at(model: Model, service: Service, station: Station, line: str, date: str | None) -> LineAt:
    sid = station.id
    lines = model.data.lines
    mine = [r for r in lines[lines["line"] == line].to_dict("records") if sid in r["stations"]]
    best = min((STATUS_RANK[r["status"]] for r in mine), default=STATUS_RANK[station.line_status[line]])
    top = [r for r in mine if STATUS_RANK[r["status"]] == best]
    status = STATUSES[best]
    if date is not None:  # as of the date: the timeline's status (milestones), not today's data
        status = asof.as_of(model.data.timeline, dt.date.fromisoformat(date)).stations.get(sid, {}).get(line, status)
    opened = None
    headway = None
    targets: list[SectionTarget] = []
    if status == Status.OPERATING and best == STATUS_RANK[Status.OPERATING]:
        dates = [d for d in (_clean(r.get("opened")) for r in top) if d]
        opened = min(dates) if dates else None
        own = station.opened
        if own and (opened is None or own > opened):
            opened = own  # a station that opened after its section (Guseong)
        headway = next((h for h in (service.headway(r["id"], date) for r in top) if h is not None), None)
    else:
        seen: set[str] = set()
        for r in top:
            tgt = service.target(line, r["id"])
            if tgt is not None and tgt.text_en not in seen:
                seen.add(tgt.text_en)
                targets.append(SectionTarget(r["name_ko"], r["name_en"], tgt.text_ko, tgt.text_en, tgt.cite))
    on_line = lines.loc[lines["line"] == line, "stations"]
    hub_ids = [h for h in service.hubs if h != sid and any(h in ids for ids in on_line)]
    times = service.times_from(sid, line)
    hubs = tuple(HubTime(h, model.station(h).name_ko, model.station(h).name_en, times.get(h)) for h in hub_ids)
    # The status is cited from the section that gives it, else from the station's own record.
    status_cite = Citation(str(top[0]["source"]), str(top[0]["as_of"])) if top else station.cite
    return LineAt(
        line=line,
        status=status,
        opened=opened,
        open_on_date=None if date is None else status == Status.OPERATING,
        targets=tuple(targets),
        hubs=hubs,
        headway=headway,
        status_source=status_cite.source,
        status_as_of=status_cite.as_of,
    )


def _station_lines(model: Model, service: Service, station: Station, date: str | None) -> tuple[LineAt, ...]:
    return tuple(line_at(model, service, station, line, date) for line in station.lines)


def _near_sites(
    model: Model, index: PlaceIndex, pt_m: gpd.GeoDataFrame, exclude: Iterable[str] = ()
) -> tuple[NearSite, ...]:
    near = gpd.sjoin(index.sites_m[["id", "geometry"]], pt_m, predicate="dwithin", distance=RADIUS_KM * 1000)
    origin = pt_m.geometry.iloc[0]
    out = []
    for sid, geom in zip(near["id"], near.geometry, strict=True):
        if sid in exclude:
            continue
        site = model.site(sid)
        out.append(
            NearSite(
                sid,
                site.name_ko,
                site.name_en,
                site.cluster,
                round(geom.distance(origin) / 1000, 1),
                site.location_precision,
                site.cite,
            )
        )
    return tuple(sorted(out, key=lambda s: (s.distance_km, s.id)))


def place_answer(
    model: Model, lat: float, lng: float, date: str | dt.date | None = None, index: PlaceIndex | None = None
) -> PlaceAnswer:
    """What is at (lat, lng): municipality, clusters, the nearest station of each line within
    10 km and the sites within 10 km. `date` (YYYY-MM-DD) says whether each line was open then."""
    index = index or index_for(model)
    day = _date(date)
    return memo(index, ("place", lat, lng, day), lambda: _place_answer(model, index, lat, lng, day))


def _place_answer(model: Model, index: PlaceIndex, lat: float, lng: float, day: str | None) -> PlaceAnswer:
    empty = PlaceAnswer(lat, lng, False, None, (), (), (), day)
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return empty
    pt = point(lat, lng)
    muni, clusters = _containing(model, index, pt, day)
    if muni is None:
        return empty
    pt_m = pt.to_crs(METRIC_CRS)
    best: dict[str, float] = {}  # station id -> distance in metres
    chosen: dict[str, list[str]] = {}  # station id -> the lines it is the nearest station of
    for line in sorted({x for ls in index.stations_m["lines"] for x in ls}):
        on_line = index.stations_m[index.stations_m["lines"].apply(lambda ls, x=line: x in ls)]
        hit = gpd.sjoin_nearest(
            pt_m, on_line[["id", "geometry"]], max_distance=RADIUS_KM * 1000, distance_col="distance_m"
        )
        if not hit.empty:
            r = hit.sort_values(["distance_m", "id"]).iloc[0]  # ties: one station per line
            best[r["id"]] = float(r["distance_m"])
            chosen.setdefault(r["id"], []).append(line)
    stations = []
    for sid, dist in sorted(best.items(), key=lambda kv: (kv[1], kv[0])):
        station = model.station(sid)
        stations.append(
            NearStation(
                sid,
                station.name_ko,
                station.name_en,
                round(dist / 1000, 1),
                station.location_precision,
                tuple(line_at(model, index.service, station, line, day) for line in chosen[sid]),
            )
        )
    return PlaceAnswer(lat, lng, True, muni, clusters, tuple(stations), _near_sites(model, index, pt_m), day)


def station_answer(
    model: Model, sid: str, date: str | dt.date | None = None, index: PlaceIndex | None = None
) -> StationAnswer:
    """The station panel's facts: each line, minutes to hubs, headway, area, nearby sites."""
    index = index or index_for(model)
    day = _date(date)
    return memo(index, ("station", sid, day), lambda: _station_answer(model, index, sid, day))


def _station_answer(model: Model, index: PlaceIndex, sid: str, day: str | None) -> StationAnswer:
    station = model.station(sid)
    pt = point(station.lat, station.lng)
    muni, clusters = _containing(model, index, pt, day)
    record = model.data.timeline.get("station", sid)
    moved = district_at(record, day or clock.today()) if record is not None else None
    if muni is not None and moved is not None:  # the station's own dated district change
        muni = Area(muni.kind, muni.key, *moved)
    return StationAnswer(
        id=sid,
        name_ko=station.name_ko,
        name_en=station.name_en,
        location_precision=station.location_precision,
        coord_source=station.coord_source or "",
        lat=station.lat,
        lng=station.lng,
        municipality=muni,
        clusters=clusters,
        lines=_station_lines(model, index.service, station, day),
        sites=_near_sites(model, index, pt.to_crs(METRIC_CRS)),
    )
