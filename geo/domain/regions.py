"""Regions: Gyeonggi's 31 si/gun dissolved from their gu, and cluster unions."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo.core.vocabulary import GYEONGGI_CODE, METRIC_CRS, city_code, municipality_unit


def area_km2(gdf: gpd.GeoDataFrame) -> pd.Series:
    return gdf.to_crs(METRIC_CRS).area / 1e6


def dissolve_municipalities(sigungu: gpd.GeoDataFrame, cities: list[dict[str, str]]) -> gpd.GeoDataFrame:
    """Dissolve Gyeonggi's gu into its si/gun, keyed by the 4-digit city code.

    `cities` rows carry city_code, slug, name_ko, name_en (data/gyeonggi_cities.csv).
    """
    gy = sigungu[sigungu["code"].str.startswith(GYEONGGI_CODE)]
    dissolved = gy[["city_code", "geometry"]].dissolve("city_code").reset_index()
    dissolved["geometry"] = shapely.make_valid(dissolved.geometry.values)
    table = pd.DataFrame(cities)
    missing = set(dissolved["city_code"]) - set(table["city_code"])
    if missing:
        raise ValueError(f"no slug/name for city codes {sorted(missing)}")
    out = dissolved.merge(table, on="city_code", how="left")
    out["area_km2"] = area_km2(out).round(2)
    cols = ["slug", "city_code", "name_ko", "name_en", "area_km2", "geometry"]
    return gpd.GeoDataFrame(out[cols], geometry="geometry", crs=sigungu.crs).sort_values("slug").reset_index(drop=True)


def cluster_city_codes(cluster: dict[str, Any]) -> set[str]:
    """The Gyeonggi city codes a cluster's member sigungu belong to."""
    return {city_code(m) for m in cluster["members"] if m.startswith(GYEONGGI_CODE)}


def clusters(sigungu: gpd.GeoDataFrame, definitions: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """One union polygon per cluster from its member si/gun/gu codes."""
    rows = []
    for c in definitions:
        members = sigungu[sigungu["code"].isin(c["members"])]
        missing = set(c["members"]) - set(members["code"])
        if missing:
            raise ValueError(f"cluster {c['id']}: unknown member codes {sorted(missing)}")
        geom = shapely.make_valid(shapely.union_all(members.geometry.values))
        rows.append({"id": c["id"], "name_ko": c["name_ko"], "name_en": c["name_en"], "geometry": geom})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=sigungu.crs)


def display_coverage(sigungu: gpd.GeoDataFrame, tolerance_m: float, decimals: int) -> gpd.GeoDataFrame:
    """Screen-resolution coverage: Gyeonggi dissolved to cities, the rest per sigungu,
    simplified together as one coverage so that shared borders stay identical."""
    unit = sigungu["code"].map(municipality_unit)
    units = sigungu.assign(unit=unit)[["unit", "geometry"]].dissolve("unit").reset_index()
    metric = units.to_crs(METRIC_CRS)
    simplified = shapely.coverage_simplify(metric.geometry.values, tolerance_m)
    back = gpd.GeoSeries(simplified, crs=METRIC_CRS).to_crs(sigungu.crs)
    geoms = shapely.make_valid(shapely.set_precision(back.values, 10.0**-decimals))
    return gpd.GeoDataFrame({"unit": units["unit"]}, geometry=geoms, crs=sigungu.crs)
