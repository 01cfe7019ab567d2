"""What marks a selection on the map, sent through feature_group_to_add (never the base map):

- a selected region's outline from the analysis-resolution geometry (data/sigungu.geojson,
  simplified at 50 m: under 2 px at the zoom a selection opens at, where the 150 m display
  outline would be off by about 5 px);
- a pin for a selected place;
- 500 m and 1 km rings around a selected station or place (500 m: the usual station-area,
  역세권, convention; see data/README.md).

Nothing here is interactive, so it never takes a click meant for a region or station."""

from __future__ import annotations

import folium
import geopandas as gpd
import shapely

from geo.answers.place_answers import CATCHMENT_M
from geo.core import palette
from layers import single_pass
from layers.compact_geojson import CompactGeoJson
from layers.delta_codec import Link, payload
from layers.geometry_files import shared
from layers.memo import content_key, memoised
from layers.text import tip

OUTLINE_DECIMALS = 5  # about 1 m


def _outline_style(_f: dict) -> dict:
    return {"className": "selection-outline", "color": palette.SELECTED, "weight": 3, "opacity": 1, "fill": False}


def _outline_payload(geometry: shapely.Geometry, crs, link: Link | None) -> str:
    geom = shapely.set_precision(shapely.boundary(geometry), 10**-OUTLINE_DECIMALS)
    gdf = gpd.GeoDataFrame({"kind": ["outline"]}, geometry=[geom], crs=crs)
    return payload(gdf, _outline_style, shared(gdf, gdf, link))


def _outline(precise: gpd.GeoDataFrame, rows: gpd.GeoDataFrame, region: str, link: Link | None) -> CompactGeoJson:
    key = content_key(precise)
    data = memoised(
        key and ("outline", key, region, link), lambda: _outline_payload(rows.geometry.iloc[0], rows.crs, link)
    )
    return CompactGeoJson(data, tooltip=None, interactive=False)


def selection_layer(
    precise: gpd.GeoDataFrame,
    region: str | None = None,
    point: tuple[float, float] | None = None,
    pin: bool = False,
    label: str = "",
    link: Link | None = None,
) -> folium.FeatureGroup:
    """The outline of `region` (a slug of `precise`), and rings (and a pin) around `point`.
    `link` (layers.geometry_files.publish) serves the outline as a file instead of embedding it."""
    fg = single_pass.FeatureGroup(name="selection", control=False)
    if region is not None:
        rows = precise[precise["slug"] == region]
        if not rows.empty:
            fg.add_child(_outline(precise, rows, region, link))
    if point is not None:
        lat, lng = point
        for radius in sorted(CATCHMENT_M, reverse=True):
            folium.Circle(
                location=[lat, lng],
                radius=radius,
                color=palette.SELECTED,
                weight=2 if radius == min(CATCHMENT_M) else 1.5,
                dash_array=None if radius == min(CATCHMENT_M) else "6 6",
                fill=radius == min(CATCHMENT_M),
                fill_opacity=0.08,
                interactive=False,
            ).add_to(fg)
        if pin:
            folium.CircleMarker(
                location=[lat, lng],
                radius=7,
                class_name="place-pin",
                color="#ffffff",
                weight=2,
                fill=True,
                fill_color=palette.SELECTED,
                fill_opacity=1,
                interactive=bool(label),
                tooltip=tip(label) if label else None,
            ).add_to(fg)
    return fg
