"""Which features a view state shows. The one rule behind the map's layers, the
downloads, the static export, the print and the benchmark, so that a download is
always exactly what the map shows.

The frames are cached (about half of a map rerun otherwise): each date-dependent frame under the
source frame it comes from, the timeline and the day, and the line filter under the dated frame and
the shown lines. The dataset's frames and timeline are never changed after loading, so those keys
are exact. The cached frames are shared by every session (thread) and every caller: never modify a
frame from `visible` (copy it first); tests/test_visibility_cache.py checks the map, the downloads,
the description, the phone card and the print leave them as they were. As with as_of, a dataset
that is dropped (a model built again) stays in memory until its entries leave the caches.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Generic, Protocol, TypeVar

import geopandas as gpd

from geo.domain.asof import AsOf, as_of, lines_as_of, outside_members_as_of, sites_as_of, stations_as_of
from geo.state.url_state import CLUSTER_LAYERS, ViewState, day_of
from geo.timeline.status import Timeline

T = TypeVar("T")
CACHE_SIZE = 256  # entries per cache: four dated frames on each of 64 days (as many days as as_of keeps)


class _Same(Generic[T]):
    """A cache key equal only to a key of the same object (hashed by identity, as a DataFrame has no
    hash). It holds the object, so while the key is cached the object stays alive and its id cannot
    be reused by another object that would then hit by mistake."""

    __slots__ = ("obj",)

    def __init__(self, obj: T) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.obj is self.obj


class LayerData(Protocol):
    """What the rule reads: the dataset (geo.data.dataset.Dataset), or the same frames
    reprojected (the print's metric copy)."""

    @property
    def timeline(self) -> Timeline: ...
    @property
    def lines(self) -> gpd.GeoDataFrame: ...
    @property
    def stations(self) -> gpd.GeoDataFrame: ...
    @property
    def sites(self) -> gpd.GeoDataFrame: ...
    @property
    def peace_zone_outside(self) -> gpd.GeoDataFrame: ...


def shown_lines(state: ViewState) -> frozenset[str]:
    """The GTX lines drawn: none when the GTX layer is off."""
    return state.lines if "gtx" in state.layers else frozenset()


def active_clusters(state: ViewState) -> frozenset[str]:
    """The cluster layers whose member regions are coloured."""
    return frozenset(state.layers & set(CLUSTER_LAYERS))


def lines_shown(lines: gpd.GeoDataFrame, shown: frozenset[str] | set[str]) -> gpd.GeoDataFrame:
    """The line sections of the shown lines."""
    return lines[lines["line"].isin(sorted(shown))]


def stations_shown(stations: gpd.GeoDataFrame, shown: frozenset[str] | set[str]) -> gpd.GeoDataFrame:
    """The stations on at least one shown line."""
    return stations[stations["lines"].map(lambda ls: bool(set(ls) & set(shown)))]


Dating = Callable[[gpd.GeoDataFrame, AsOf], gpd.GeoDataFrame]
Filter = Callable[[gpd.GeoDataFrame, frozenset[str]], gpd.GeoDataFrame]


@functools.lru_cache(maxsize=CACHE_SIZE)
def _dated(dating: Dating, frame: _Same[gpd.GeoDataFrame], timeline: Timeline, day: date) -> gpd.GeoDataFrame:
    """dating(frame, as_of(timeline, day)), once per (function, frame, timeline, day); lru_cache is
    thread-safe (two sessions missing together may both build it: equal frames, either is kept)."""
    return dating(frame.obj, as_of(timeline, day))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _filtered(select: Filter, dated: _Same[gpd.GeoDataFrame], shown: frozenset[str]) -> gpd.GeoDataFrame:
    """select(dated, shown), once per (function, dated frame, shown lines)."""
    return select(dated.obj, shown)


@dataclass(frozen=True)
class Visible:
    """The frames a state shows; None for a layer that is off. Regions are always shown. The frames
    are shared (cached, see the module's docstring): read them, never modify them."""

    clusters: frozenset[str]
    peace_zone_outside: gpd.GeoDataFrame | None
    lines: gpd.GeoDataFrame | None
    stations: gpd.GeoDataFrame | None
    sites: gpd.GeoDataFrame | None
    # The day shown and everything the date changes (geo/domain/asof.py); dated_lines/dated_stations are
    # every section and station as of the day, before the line toggles (the GTX layer filters them).
    day: date
    asof: AsOf
    dated_lines: gpd.GeoDataFrame
    dated_stations: gpd.GeoDataFrame


def visible(data: LayerData, state: ViewState, today: date | None = None) -> Visible:
    """What `state` shows of `data` on the state's date (today when it has none): statuses as of
    that day, records not yet announced left out, Peace Zone members from their eligibility."""
    day = day_of(state, today)
    timeline = data.timeline
    lines = shown_lines(state)

    def dated(dating: Dating, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
        return _dated(dating, _Same(frame), timeline, day)

    dated_lines, dated_stations = dated(lines_as_of, data.lines), dated(stations_as_of, data.stations)
    return Visible(
        clusters=active_clusters(state),
        peace_zone_outside=dated(outside_members_as_of, data.peace_zone_outside)
        if "peace-zone" in state.layers
        else None,
        lines=_filtered(lines_shown, _Same(dated_lines), lines) if lines else None,
        stations=_filtered(stations_shown, _Same(dated_stations), lines) if lines else None,
        sites=dated(sites_as_of, data.sites) if "sites" in state.layers else None,
        day=day,
        asof=as_of(timeline, day),
        dated_lines=dated_lines,
        dated_stations=dated_stations,
    )
