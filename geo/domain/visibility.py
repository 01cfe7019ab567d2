"""Which features a view state shows. The one rule behind the map's layers, the
downloads, the static export, the print and the benchmark, so that a download is
always exactly what the map shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

import geopandas as gpd

from geo.domain.asof import AsOf, as_of, lines_as_of, outside_members_as_of, sites_as_of, stations_as_of
from geo.state.url_state import CLUSTER_LAYERS, ViewState, day_of
from geo.timeline.status import Timeline


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


@dataclass(frozen=True)
class Visible:
    """The frames a state shows; None for a layer that is off. Regions are always shown."""

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
    a = as_of(data.timeline, day)
    lines = shown_lines(state)
    dated_lines, dated_stations = lines_as_of(data.lines, a), stations_as_of(data.stations, a)
    return Visible(
        clusters=active_clusters(state),
        peace_zone_outside=outside_members_as_of(data.peace_zone_outside, a) if "peace-zone" in state.layers else None,
        lines=lines_shown(dated_lines, lines) if lines else None,
        stations=stations_shown(dated_stations, lines) if lines else None,
        sites=sites_as_of(data.sites, a) if "sites" in state.layers else None,
        day=day,
        asof=a,
        dated_lines=dated_lines,
        dated_stations=dated_stations,
    )
