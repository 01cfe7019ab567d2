"""Gyeonggi's 31 si/gun as clickable polygons, each with the CSS class region-<slug>."""

from __future__ import annotations

import geopandas as gpd

from geo.i18n import name
from geo.vocabulary import REGION_BASE_STYLE
from layers.compact_geojson import CompactGeoJson
from layers.delta_codec import payload
from layers.memo import content_key, memoised
from layers.text import tip


def _style(f: dict) -> dict:
    return {
        "className": f"region-{f['properties']['id']}",
        **REGION_BASE_STYLE,
    }


def _payload(municipalities: gpd.GeoDataFrame, lang: str) -> str:
    gdf = municipalities[["slug", "geometry"]].copy()
    gdf["kind"] = "region"
    gdf["id"] = gdf["slug"]
    gdf["tip"] = [tip(name(r, lang)) for _, r in municipalities.iterrows()]
    return payload(gdf[["kind", "id", "tip", "geometry"]], _style)


def regions_layer(municipalities: gpd.GeoDataFrame, lang: str) -> CompactGeoJson:
    key = content_key(municipalities)
    data = memoised(key and ("regions", key, lang), lambda: _payload(municipalities, lang))
    return CompactGeoJson(data, tooltip="tip", sticky=True)
