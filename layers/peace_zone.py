"""Peace Economy Special Zone members outside Gyeonggi (Incheon, Gangwon).

Gyeonggi's eight members are coloured on the region polygons by layers.clusters."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.core import palette
from geo.core.i18n import name, t
from layers import single_pass
from layers.compact_geojson import CompactGeoJson
from layers.delta_codec import Link, payload
from layers.geometry_files import shared
from layers.memo import content_key, memoised
from layers.text import tip


def _style(f: dict) -> dict:
    colour = palette.CLUSTER["peace-zone"]
    return {
        "className": f"peace-zone-{f['properties']['code']}",
        "color": colour,
        "weight": 1,
        "fillColor": colour,
        "fillOpacity": 0.25,
        "dashArray": palette.CLUSTER_DASH["peace-zone"],
    }


def _payload(outside: gpd.GeoDataFrame, lang: str, link: Link | None, source: gpd.GeoDataFrame) -> str:
    gdf = outside[["code", "geometry"]].copy()
    gdf["kind"] = "peace-zone"
    gdf["tip"] = [tip(name(r, lang), t("layer.peace-zone", lang)) for _, r in outside.iterrows()]
    return payload(gdf[["code", "kind", "tip", "geometry"]], _style, shared(source, gdf, link))


def peace_zone_layer(
    outside: gpd.GeoDataFrame, lang: str, link: Link | None = None, source: gpd.GeoDataFrame | None = None
) -> folium.FeatureGroup:
    """`link` (layers.geometry_files.publish) serves the outlines as one file of all of `source`
    (every member on any date; default `outside`) instead of embedding them."""
    source = outside if source is None else source
    fg = single_pass.FeatureGroup(name="peace-zone", control=False)
    key = content_key(outside)
    data = memoised(
        key and ("peace-zone", key, lang, link, content_key(source)), lambda: _payload(outside, lang, link, source)
    )
    CompactGeoJson(data, tooltip="tip", sticky=True).add_to(fg)
    return fg
