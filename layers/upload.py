"""The user's uploaded layer (session only), every property value escaped."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.core import palette
from layers.text import tip

TIP_FIELDS = 4


def upload_layer(gdf: gpd.GeoDataFrame) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name="upload", control=False)
    fields = [c for c in gdf.columns if c != "geometry"][:TIP_FIELDS]
    shown = gpd.GeoDataFrame(
        {
            "kind": "upload",
            "tip": [tip(*(f"{f}: {r[f]}" for f in fields)) or "·" for _, r in gdf.iterrows()],
        },
        geometry=gdf.geometry.values,
        crs=gdf.crs,
    )
    folium.GeoJson(
        shown.to_json(drop_id=True),
        style_function=lambda f: {
            "className": "upload-feature",
            "color": palette.UPLOAD,
            "weight": 3,
            "fillColor": palette.UPLOAD,
            "fillOpacity": 0.3,
            "radius": 6,
            "fill": True,
            "pane": "sites",
        },
        marker=folium.CircleMarker(),
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True),
    ).add_to(fg)
    return fg
