"""The place index: what place answers are computed from, built once per model (the metric
frames, the search index of stations, municipalities, sites and the gazetteer's localities),
the memo of answers already computed from it, the searchable place at a point (`label_for`) and
the names of the provinces around Gyeonggi. Gazetteer names have the map's time axis: each
locality row carries the days its name was in force (`since` / `until`), and what a point is
called is asked for one day (label_for, locality.place_heading).

Pure: no Streamlit.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import geopandas as gpd
import shapely

from geo.core.vocabulary import METRIC_CRS, WGS84
from geo.data import gazetteer
from geo.data.gtx_service import Service
from geo.domain.model import Model

# Province of a boundary feature outside Gyeonggi, by the first two digits of its code.
PROVINCE_NAMES = {
    "11": ("서울", "Seoul"),
    "28": ("인천", "Incheon"),
    "44": ("충남", "South Chungcheong"),
    "51": ("강원", "Gangwon"),
}
# The gazetteer kinds a point that is no searchable place is named after (geo/answers/locality.py):
# the legal dongs, eup and myeon.
LOCALITY_KINDS = ("dong", "eup", "myeon")


@dataclass(frozen=True)
class PlaceIndex:
    """Computed once per model: metric frames and the search index."""

    stations_m: gpd.GeoDataFrame
    sites_m: gpd.GeoDataFrame
    sigungu: gpd.GeoDataFrame
    service: Service
    search: gazetteer.Index
    # The legal dongs, eup and myeon (column `place`; `code`, the boundary file's sigungu; `since` /
    # `until` as in the gazetteer, "" = no bound), metric CRS: every name the gazetteer has had,
    # filtered by day when asked.
    localities_m: gpd.GeoDataFrame
    # Answers already computed from this index (see memo): a panel asks again on every rerun.
    answers: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)


MEMO_MAX = 512  # answers kept per index; the oldest goes first
_MEMO_LOCK = threading.Lock()
_T = TypeVar("_T")


def memo(index: PlaceIndex, key: Hashable, compute: Callable[[], _T]) -> _T:
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


def point(lat: float, lng: float) -> gpd.GeoDataFrame:
    """(lat, lng) as a one-row frame in WGS84."""
    return gpd.GeoDataFrame(geometry=[shapely.Point(lng, lat)], crs=WGS84)


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
    """Everything place answers need, computed once. Defaults: the model's own GTX service facts
    and gazetteer (loaded and checked with the rest of data/)."""
    service = model.data.service if service is None else service
    places = model.data.places if places is None else places
    aliases = {
        f"municipality:{r['slug']}": [r["name_en"] + ("-gun" if r["name_ko"].endswith("군") else "-si")]
        for r in model.analysis_municipalities.to_dict("records")
    }
    localities = [p for p in places if p.kind in LOCALITY_KINDS]
    localities_m = gpd.GeoDataFrame(
        {
            "place": localities,
            "code": [p.municipality_code for p in localities],
            "since": [p.since for p in localities],
            "until": [p.until for p in localities],
        },
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


def localities_on(index: PlaceIndex, day: str) -> gpd.GeoDataFrame:
    """The localities whose names were in force on `day` (YYYY-MM-DD); one frame per day and
    index (memoised, so its spatial index is built once)."""

    def on_day() -> gpd.GeoDataFrame:
        frame = index.localities_m
        since, until = frame["since"], frame["until"]
        return frame[((since == "") | (since <= day)) & ((until == "") | (until > day))]

    return memo(index, ("localities", day), on_day)


def label_for(index: PlaceIndex, lat: float, lng: float, day: str) -> gazetteer.Place | None:
    """The searchable place whose point is exactly (lat, lng) at 5 decimals (what a search pick
    puts in the link), so the place panel can carry its name; None for any other point. Only
    names in force on `day` count: a pick of a former name is named as the place is on that day.
    A station or site that is only placed at its municipality's point gives way to the
    municipality."""
    key = (round(lat, 5), round(lng, 5))
    hits = [
        e.place
        for e in index.search.entries
        if (round(e.place.lat, 5), round(e.place.lng, 5)) == key and e.place.in_force(day)
    ]
    stand_in = {"station", "site"}
    hits.sort(key=lambda p: p.precision == "municipality" and p.kind in stand_in)
    return hits[0] if hits else None


@functools.lru_cache(maxsize=2)
def index_for(model: Model) -> PlaceIndex:
    """The index for this model object (hashed by identity), built on first use and shared by
    every session thread."""
    return build_index(model)
