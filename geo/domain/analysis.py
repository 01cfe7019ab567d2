"""Spatial analysis on regions, clusters, sites and GTX stations.

All distances and areas are computed in EPSG:5179 (metres)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.core.vocabulary import METRIC_CRS, STATUSES, Status

RADII_KM = (5, 10)


def operating(stations: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return stations[stations["status"] == Status.OPERATING]


def points_within(points: gpd.GeoDataFrame, areas: gpd.GeoDataFrame, key: str) -> pd.Series:
    """For each point, the `key` of the area containing or touching it (NaN when outside all)."""
    joined = gpd.sjoin(points[["geometry"]], areas[[key, "geometry"]], how="left", predicate="intersects")
    return joined[~joined.index.duplicated()][key]


def nearest_operating(sites: gpd.GeoDataFrame, stations: gpd.GeoDataFrame) -> pd.DataFrame:
    """Nearest operating GTX station to each site: site_id, station_id, distance_km."""
    ops = operating(stations)
    if sites.empty or ops.empty:
        return pd.DataFrame(columns=["site_id", "station_id", "distance_km"])
    left = sites[["id", "geometry"]].to_crs(METRIC_CRS)
    right = ops[["id", "geometry"]].to_crs(METRIC_CRS).rename(columns={"id": "station_id"})
    joined = gpd.sjoin_nearest(left, right, how="left", distance_col="distance_m")
    joined = joined[~joined.index.duplicated()]
    return pd.DataFrame(
        {
            "site_id": joined["id"].values,
            "station_id": joined["station_id"].values,
            "distance_km": (joined["distance_m"] / 1000).round(2).values,
        }
    )


def access_share(areas: gpd.GeoSeries, stations: gpd.GeoDataFrame, radius_km: float) -> pd.Series:
    """Share (0..1) of each area lying within radius_km of an operating station."""
    metric = areas.to_crs(METRIC_CRS)
    ops = operating(stations)
    if ops.empty:
        return pd.Series(0.0, index=areas.index)
    reach = shapely.union_all(ops.to_crs(METRIC_CRS).buffer(radius_km * 1000, quad_segs=16).values)
    covered = metric.intersection(reach).area
    return (covered / metric.area).round(4)


def _counts(keys: pd.Series, values: pd.Series, index: pd.Index) -> pd.DataFrame:
    table = pd.crosstab(keys, values).reindex(index=index, columns=list(STATUSES), fill_value=0)
    return table.add_prefix("stations_")


def summary(areas: gpd.GeoDataFrame, key: str, stations: gpd.GeoDataFrame, sites: gpd.GeoDataFrame) -> pd.DataFrame:
    """Per area: area_km2, sites, stations by status, and the 5/10 km access shares."""
    index = pd.Index(areas[key], name=key)
    out = pd.DataFrame(index=index)
    out["area_km2"] = (areas.to_crs(METRIC_CRS).area / 1e6).round(1).values
    site_area = points_within(sites, areas, key)
    out["sites"] = site_area.value_counts().reindex(index, fill_value=0).values
    station_area = points_within(stations, areas, key)
    out = out.join(_counts(station_area, stations["status"], index))
    for r in RADII_KM:
        out[f"share_within_{r}km"] = access_share(areas.geometry, stations, r).values
    return out.reset_index()
