"""Key project sites as circle markers (CSS class site-<id>)."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.i18n import name, t
from layers import palette
from layers.text import tip


def sites_layer(sites: gpd.GeoDataFrame, lang: str, site_region: dict[str, str] | None = None) -> folium.FeatureGroup:
    """`site_region` maps site id -> region slug, so a click on a site opens its region."""
    fg = folium.FeatureGroup(name="sites", control=False)
    gdf = sites[["id", "cluster", "status", "geometry"]].copy()
    gdf["kind"] = "site"
    gdf["region"] = gdf["id"].map(site_region or {}).fillna("")
    gdf["tip"] = [
        tip(name(r, lang), t(f"status.{r['status']}", lang), t(f"precision.{r['location_precision']}", lang))
        for _, r in sites.iterrows()
    ]
    folium.GeoJson(
        gdf.to_json(drop_id=True),
        style_function=lambda f: {
            "className": f"site site-{f['properties']['id']}",
            "pane": "sites",
            "fill": True,
            "radius": 7,
            "color": "#ffffff",
            "weight": 2,
            "fillColor": palette.SITE.get(f["properties"]["cluster"], "#2d3748"),
            "fillOpacity": 0.95,
        },
        marker=folium.CircleMarker(),
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    ).add_to(fg)
    return fg
