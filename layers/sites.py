"""Key project sites as circle markers (CSS class site-<id>)."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.core import palette
from geo.core.i18n import name, t
from geo.core.vocabulary import Status
from layers import single_pass
from layers.boundaries import name_order
from layers.compact_geojson import CompactGeoJson
from layers.delta_codec import payload
from layers.memo import content_key, memoised
from layers.stacks import stack_class
from layers.text import stack_note, target_note, tip


def _style(f: dict) -> dict:
    p = f["properties"]
    colour = palette.SITE.get(p["cluster"], "#2d3748")
    operating = p["status"] == Status.OPERATING
    # Operating: a filled disc with a white rim. Anything else: a ring in the cluster colour.
    return {
        "className": f"site site-{p['id']}"
        + (" site-target" if p.get("target") else "")
        + stack_class(p["stack_index"], p["stack_size"]),
        "pane": "sites",
        "fill": True,
        "radius": 7 if operating else 6,
        "color": "#ffffff" if operating else colour,
        "weight": 2 if operating else 3,
        # A passed target with no outcome is hollow and dashed, whatever its status.
        "fillColor": colour if operating and not p.get("target") else palette.HOLLOW_FILL,
        "fillOpacity": 0.95 if operating and not p.get("target") else 1,
        **({"dashArray": palette.TARGET_DASH} if p.get("target") else {}),
    }


def _payload(sites: gpd.GeoDataFrame, lang: str, site_region: dict[str, str]) -> str:
    gdf = sites[["id", "cluster", "status", "stack_index", "stack_size", "geometry"]].copy()
    gdf["target"] = sites.get("target", "")
    gdf["kind"] = "site"
    gdf["region"] = [site_region.get(i, "") for i in gdf["id"]]
    gdf["tip"] = [
        tip(
            name(r, lang),
            t(f"status.{r['status']}", lang),
            t(f"precision.{r['location_precision']}", lang),
            stack_note(r, lang),
            target_note(r.get("target", ""), lang),
        )
        for _, r in sites.iterrows()
    ]
    gdf["seq"] = name_order([name(r, lang) for _, r in sites.iterrows()])  # keyboard order
    cols = [
        "id",
        "cluster",
        "status",
        "target",
        "kind",
        "region",
        "stack_index",
        "stack_size",
        "tip",
        "seq",
        "geometry",
    ]
    return payload(gdf[cols], _style)


def sites_layer(sites: gpd.GeoDataFrame, lang: str, site_region: dict[str, str] | None = None) -> folium.FeatureGroup:
    """`site_region` maps site id -> region slug, so a click on a site opens its region."""
    fg = single_pass.FeatureGroup(name="sites", control=False)
    site_region = site_region or {}
    key = content_key(sites)
    data = memoised(
        key and ("sites", key, lang, tuple(sorted(site_region.items()))), lambda: _payload(sites, lang, site_region)
    )
    CompactGeoJson(data, tooltip="tip", sticky=True).add_to(fg)
    return fg
