"""Gyeonggi's 31 si/gun as clickable polygons, each with the CSS class region-<slug>."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.i18n import name
from layers import palette
from layers.text import tip


def regions_layer(municipalities: gpd.GeoDataFrame, lang: str) -> folium.GeoJson:
    gdf = municipalities[["slug", "geometry"]].copy()
    gdf["kind"] = "region"
    gdf["id"] = gdf["slug"]
    gdf["tip"] = [tip(name(r, lang)) for _, r in municipalities.iterrows()]
    gdf = gdf.drop(columns="slug")
    return folium.GeoJson(
        gdf.to_json(drop_id=True),
        name="regions",
        style_function=lambda f: {
            "className": f"region-{f['properties']['id']}",
            "color": palette.REGION_LINE,
            "weight": 1,
            "fillColor": palette.REGION_FILL,
            "fillOpacity": 0.08,
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    )
