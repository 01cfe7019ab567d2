"""Peace Economy Special Zone members outside Gyeonggi (Incheon, Gangwon).

Gyeonggi's eight members are coloured on the region polygons by layers.clusters."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.i18n import name, t
from layers import palette
from layers.text import tip


def peace_zone_layer(outside: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="peace-zone", control=False)
    gdf = outside[["code", "geometry"]].copy()
    gdf["kind"] = "peace-zone"
    gdf["tip"] = [tip(name(r, lang), t("layer.peace-zone", lang)) for _, r in outside.iterrows()]
    colour = palette.CLUSTER["peace-zone"]
    folium.GeoJson(
        gdf.to_json(drop_id=True),
        style_function=lambda f: {
            "className": f"peace-zone-{f['properties']['code']}",
            "color": colour,
            "weight": 1,
            "fillColor": colour,
            "fillOpacity": 0.25,
            "dashArray": "4 3",
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(fg)
    return fg
