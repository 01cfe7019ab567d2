"""What the download buttons hand out: the visible layers and the regions table."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from geo.url_state import ViewState


def _features(gdf: gpd.GeoDataFrame, layer: str) -> list[dict]:
    out = json.loads(gdf.assign(layer=layer).to_json(drop_id=True, to_wgs84=True))
    return out["features"]


def visible_geojson(model, state: ViewState) -> str:
    """One FeatureCollection with every layer the view shows, each feature tagged `layer`."""
    d = model.data
    munis = d.municipalities.drop(columns="geometry").merge(
        model.region_table[["slug", "clusters"]], on="slug"
    )
    munis = gpd.GeoDataFrame(munis, geometry=d.municipalities.geometry.values, crs=d.municipalities.crs)
    features = _features(munis, "regions")
    if "peace-zone" in state.layers:
        features += _features(d.peace_zone_outside, "peace-zone")
    if "gtx" in state.layers:
        features += _features(d.lines[d.lines["line"].isin(state.lines)], "gtx-lines")
        shown = d.stations["lines"].map(lambda ls: bool(set(ls) & set(state.lines)))
        features += _features(d.stations[shown], "gtx-stations")
    if "sites" in state.layers:
        features += _features(d.sites, "sites")
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def regions_csv(model) -> bytes:
    table: pd.DataFrame = model.region_table
    return table.to_csv(index=False).encode("utf-8-sig")  # BOM so Excel reads Korean
