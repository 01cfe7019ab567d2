"""Which features a view state shows. The one rule behind the map's layers, the
downloads, the static export, the print and the benchmark, so that a download is
always exactly what the map shows."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd

from geo.datafiles import Dataset
from geo.url_state import CLUSTER_LAYERS, ViewState


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


def visible(data: Dataset, state: ViewState) -> Visible:
    """What `state` shows of `data`."""
    lines = shown_lines(state)
    return Visible(
        clusters=active_clusters(state),
        peace_zone_outside=data.peace_zone_outside if "peace-zone" in state.layers else None,
        lines=lines_shown(data.lines, lines) if lines else None,
        stations=stations_shown(data.stations, lines) if lines else None,
        sites=data.sites if "sites" in state.layers else None,
    )
