"""Answers about one place or one station: what contains it, which GTX stations are near (one per
line within 10 km, straight-line distance), each line's status and opening date or target,
published minutes to the hubs and headways, and the key sites within 10 km.

All distances are computed in EPSG:5179 (metres) with sjoin / sjoin_nearest. Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import geopandas as gpd
import pandas as pd
import shapely

from geo.core.i18n import t
from geo.core.vocabulary import METRIC_CRS, STATUS_RANK, STATUSES, WGS84
from geo.data import gazetteer, gtx_service
from geo.data.gtx_service import Headway, Service, Sourced, TravelTime
from geo.domain import asof
from geo.domain.model import Model

RADIUS_KM = 10.0
# Rings drawn around a selected station or place. 500 m is the usual station-area (역세권) distance
# in Korean property writing; no statute defines it (see data/README.md).
CATCHMENT_M = (500, 1000)
# Province of a boundary feature outside Gyeonggi, by the first two digits of its code.
PROVINCE_NAMES = {
    "11": ("서울", "Seoul"),
    "28": ("인천", "Incheon"),
    "44": ("충남", "South Chungcheong"),
    "51": ("강원", "Gangwon"),
}


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
    source: str
    as_of: str


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


@dataclass(frozen=True)
class PlaceIndex:
    """Computed once per model: metric frames and the search index."""

    stations_m: gpd.GeoDataFrame
    sites_m: gpd.GeoDataFrame
    sigungu: gpd.GeoDataFrame
    service: Service
    search: gazetteer.Index
    localities_m: gpd.GeoDataFrame  # the legal dongs, eup and myeon (column `place`), metric CRS
    # Answers already computed from this index (see _memo): a panel asks again on every rerun.
    answers: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)


MEMO_MAX = 512  # answers kept per index; the oldest goes first
_MEMO_LOCK = threading.Lock()
_T = TypeVar("_T")


def _memo(index: PlaceIndex, key: Hashable, compute: Callable[[], _T]) -> _T:
    """`compute()`, once per key for this index (answers are frozen, so sessions share them)."""
    with _MEMO_LOCK:
        if key in index.answers:
            return index.answers[key]  # type: ignore[no-any-return]
    value = compute()
    with _MEMO_LOCK:
        while len(index.answers) >= MEMO_MAX:
            index.answers.pop(next(iter(index.answers)))
        index.answers[key] = value
    return value


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


def model_places(model: Model) -> list[gazetteer.Place]:
    """Stations, municipalities and sites as searchable places (from the loaded data)."""
    out: list[gazetteer.Place] = []
    for rec in model.data.stations.to_dict("records"):
        lines = ", ".join(f"GTX-{x}" for x in rec["lines"])
        out.append(
            gazetteer.Place(
                f"station:{rec['id']}",
                "station",
                rec["name_ko"],
                rec["name_en"],
                lines,
                lines,
                rec["geometry"].y,
                rec["geometry"].x,
                rec["location_precision"],
                rec["id"],
            )
        )
    metric = model.analysis_municipalities.to_crs(METRIC_CRS).representative_point().to_crs(WGS84)
    for rec, pt in zip(model.analysis_municipalities.to_dict("records"), metric, strict=True):
        out.append(
            gazetteer.Place(
                f"municipality:{rec['slug']}",
                "municipality",
                rec["name_ko"],
                rec["name_en"],
                "경기도",
                "Gyeonggi",
                pt.y,
                pt.x,
                "municipality",
                rec["slug"],
            )
        )
    for rec in model.data.sites.to_dict("records"):
        code = rec["sigungu_code"]
        muni = model.sigungu_by_code.get(code)
        ctx_ko, ctx_en = (muni.name_ko, muni.name_en) if muni else ("", "")
        out.append(
            gazetteer.Place(
                f"site:{rec['id']}",
                "site",
                rec["name_ko"],
                rec["name_en"],
                ctx_ko,
                ctx_en,
                rec["geometry"].y,
                rec["geometry"].x,
                rec["location_precision"],
                rec["id"],
            )
        )
    return out


def build_index(
    model: Model, service: Service | None = None, places: Sequence[gazetteer.Place] | None = None
) -> PlaceIndex:
    """Everything place answers need, computed once. Defaults read data/ (gtx_service.toml, gazetteer.csv)."""
    if service is None:
        sections = dict(zip(model.data.lines["id"], model.data.lines["line"], strict=True))
        service = gtx_service.load_service(stations=model.data.stations["id"], sections=sections)
    if places is None:
        places = gazetteer.load_places()
    aliases = {
        f"municipality:{r['slug']}": [r["name_en"] + ("-gun" if r["name_ko"].endswith("군") else "-si")]
        for r in model.analysis_municipalities.to_dict("records")
    }
    localities = [p for p in places if p.kind in LOCALITY_KINDS]
    localities_m = gpd.GeoDataFrame(
        {"place": localities},
        geometry=gpd.points_from_xy([p.lng for p in localities], [p.lat for p in localities]),
        crs=WGS84,
    ).to_crs(METRIC_CRS)
    return PlaceIndex(
        localities_m=localities_m,
        stations_m=model.data.stations.to_crs(METRIC_CRS),
        sites_m=model.data.sites.to_crs(METRIC_CRS),
        sigungu=model.data.sigungu,
        service=service,
        search=gazetteer.build_index([*model_places(model), *places], aliases),
    )


def label_for(index: PlaceIndex, lat: float, lng: float) -> gazetteer.Place | None:
    """The searchable place whose point is exactly (lat, lng) at 5 decimals (what a search pick
    puts in the link), so the place panel can carry its name; None for any other point. A station
    or site that is only placed at its municipality's point gives way to the municipality."""
    key = (round(lat, 5), round(lng, 5))
    hits = [e.place for e in index.search.entries if (round(e.place.lat, 5), round(e.place.lng, 5)) == key]
    stand_in = {"station", "site"}
    hits.sort(key=lambda p: p.precision == "municipality" and p.kind in stand_in)
    return hits[0] if hits else None


# A point that is no searchable place (the map's right-click) is named after the nearest legal
# dong, eup or myeon point within this distance ("near …"); the gazetteer has points, not areas.
LOCALITY_KINDS = ("dong", "eup", "myeon")
NEAR_MAX_M = 3000.0


def nearest_locality(index: PlaceIndex, lat: float, lng: float) -> gazetteer.Place | None:
    """The legal dong, eup or myeon whose gazetteer point is nearest (lat, lng), within NEAR_MAX_M."""
    if index.localities_m.empty:
        return None
    hit = gpd.sjoin_nearest(_point(lat, lng).to_crs(METRIC_CRS), index.localities_m, max_distance=NEAR_MAX_M)
    return hit["place"].iloc[0] if not hit.empty else None


def place_heading(index: PlaceIndex, lat: float, lng: float, lang: str) -> str:
    """The place panel's heading: the searched place's name, else "near" the nearest legal dong,
    eup or myeon, else a plain "selected place"."""
    return _memo(index, ("heading", lat, lng, lang), lambda: _place_heading(index, lat, lng, lang))


def _place_heading(index: PlaceIndex, lat: float, lng: float, lang: str) -> str:
    named = label_for(index, lat, lng)
    if named is not None:
        return named.name_en if lang == "en" else named.name_ko
    near = nearest_locality(index, lat, lng)
    if near is not None:
        return t("place_near", lang, name=near.name_en if lang == "en" else near.name_ko)
    return t("place_panel", lang)


_LAST: tuple[Model, PlaceIndex] | None = None


def index_for(model: Model) -> PlaceIndex:
    """The index for this model object, built on first use (kept for the last model only)."""
    global _LAST
    if _LAST is None or _LAST[0] is not model:
        _LAST = (model, build_index(model))
    return _LAST[1]


def _point(lat: float, lng: float) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(geometry=[shapely.Point(lng, lat)], crs=WGS84)


def _containing(model: Model, index: PlaceIndex, pt: gpd.GeoDataFrame) -> tuple[Area | None, tuple[Area, ...]]:
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
    clusters = gpd.sjoin(pt, model.clusters[["id", "name_ko", "name_en", "geometry"]], predicate="intersects")
    return muni, tuple(Area("cluster", r["id"], r["name_ko"], r["name_en"]) for _, r in clusters.iterrows())


def line_at(model: Model, service: Service, station: dict[str, Any], line: str, date: str | None) -> LineAt:
    sid = station["id"]
    lines = model.data.lines
    mine = [r for r in lines[lines["line"] == line].to_dict("records") if sid in r["stations"]]
    best = min((STATUS_RANK[r["status"]] for r in mine), default=STATUS_RANK[station["line_status"][line]])
    top = [r for r in mine if STATUS_RANK[r["status"]] == best]
    status = STATUSES[best]
    if date is not None:  # as of the date: the timeline's status (milestones), not today's data
        status = asof.as_of(model.data.timeline, dt.date.fromisoformat(date)).stations.get(sid, {}).get(line, status)
    opened = None
    headway = None
    targets: list[SectionTarget] = []
    if status == "operating" and best == STATUS_RANK["operating"]:
        dates = [d for d in (_clean(r.get("opened")) for r in top) if d]
        opened = min(dates) if dates else None
        own = _clean(station.get("opened"))
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
    by_id = model.data.stations.set_index("id")
    hubs = tuple(HubTime(h, by_id.at[h, "name_ko"], by_id.at[h, "name_en"], times.get(h)) for h in hub_ids)
    src = top[0] if top else station
    return LineAt(
        line=line,
        status=status,
        opened=opened,
        open_on_date=None if date is None else status == "operating",
        targets=tuple(targets),
        hubs=hubs,
        headway=headway,
        status_source=str(src["source"]),
        status_as_of=str(src["as_of"]),
    )


def _station_lines(model: Model, service: Service, rec: dict[str, Any], date: str | None) -> tuple[LineAt, ...]:
    return tuple(line_at(model, service, rec, line, date) for line in rec["lines"])


def _near_sites(index: PlaceIndex, pt_m: gpd.GeoDataFrame, exclude: Iterable[str] = ()) -> tuple[NearSite, ...]:
    near = gpd.sjoin(index.sites_m, pt_m, predicate="dwithin", distance=RADIUS_KM * 1000)
    origin = pt_m.geometry.iloc[0]
    out = []
    for _, r in near.iterrows():
        if r["id"] in exclude:
            continue
        out.append(
            NearSite(
                r["id"],
                r["name_ko"],
                r["name_en"],
                r["cluster"],
                round(r.geometry.distance(origin) / 1000, 1),
                r["location_precision"],
                r["source"],
                r["as_of"],
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
    return _memo(index, ("place", lat, lng, day), lambda: _place_answer(model, index, lat, lng, day))


def _place_answer(model: Model, index: PlaceIndex, lat: float, lng: float, day: str | None) -> PlaceAnswer:
    empty = PlaceAnswer(lat, lng, False, None, (), (), (), day)
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return empty
    pt = _point(lat, lng)
    muni, clusters = _containing(model, index, pt)
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
    by_id = model.data.stations.set_index("id", drop=False)
    stations = []
    for sid, dist in sorted(best.items(), key=lambda kv: (kv[1], kv[0])):
        rec = by_id.loc[sid].to_dict()
        stations.append(
            NearStation(
                sid,
                rec["name_ko"],
                rec["name_en"],
                round(dist / 1000, 1),
                rec["location_precision"],
                tuple(line_at(model, index.service, rec, line, day) for line in chosen[sid]),
            )
        )
    return PlaceAnswer(lat, lng, True, muni, clusters, tuple(stations), _near_sites(index, pt_m), day)


def station_answer(
    model: Model, sid: str, date: str | dt.date | None = None, index: PlaceIndex | None = None
) -> StationAnswer:
    """The station panel's facts: each line, minutes to hubs, headway, area, nearby sites."""
    index = index or index_for(model)
    day = _date(date)
    return _memo(index, ("station", sid, day), lambda: _station_answer(model, index, sid, day))


def _station_answer(model: Model, index: PlaceIndex, sid: str, day: str | None) -> StationAnswer:
    rec = model.data.stations.set_index("id", drop=False).loc[sid].to_dict()
    geom = rec["geometry"]
    pt = _point(geom.y, geom.x)
    muni, clusters = _containing(model, index, pt)
    return StationAnswer(
        id=sid,
        name_ko=rec["name_ko"],
        name_en=rec["name_en"],
        location_precision=rec["location_precision"],
        coord_source=str(_clean(rec.get("coord_source")) or ""),
        lat=geom.y,
        lng=geom.x,
        municipality=muni,
        clusters=clusters,
        lines=_station_lines(model, index.service, rec, day),
        sites=_near_sites(index, pt.to_crs(METRIC_CRS)),
    )
