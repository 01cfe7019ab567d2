"""What a user's own layer touches: clusters, municipalities, the nearest operating GTX station, its size,
and how its text was decoded."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import shapely

from geo.core.vocabulary import METRIC_CRS
from geo.data import upload
from geo.domain import analysis
from geo.domain.model import Model


@dataclass(frozen=True)
class Summary:
    features: int
    geometry: str  # "polygon" | "line" | "point"
    area_km2: float | None
    length_km: float | None
    clusters: list[str]
    regions: list[str]
    nearest_station: str | None
    nearest_km: float | None
    encoding: upload.Encoding | None  # a Shapefile's or CSV's attribute encoding (None: GeoJSON)


def summarise(gdf: gpd.GeoDataFrame, model: Model) -> Summary:
    """Which clusters and municipalities it touches, nearest operating GTX station, size."""
    metric = gdf.to_crs(METRIC_CRS)
    kinds = set(gdf.geom_type.str.replace("Multi", ""))
    kind = "polygon" if "Polygon" in kinds else "line" if "LineString" in kinds else "point"
    polys = metric[metric.geom_type.isin(["Polygon", "MultiPolygon"])]
    lines = metric[metric.geom_type.isin(["LineString", "MultiLineString"])]
    union = shapely.union_all(gdf.geometry.values)
    clusters = model.clusters[model.clusters.intersects(union)]["id"].tolist()
    regions = model.analysis_municipalities[model.analysis_municipalities.intersects(union)]["slug"].tolist()
    ops = analysis.operating(model.data.stations)
    nearest, km = None, None
    if not ops.empty:
        ops_m = ops.to_crs(METRIC_CRS)
        dist = ops_m.distance(shapely.union_all(metric.geometry.values))
        i = dist.idxmin()
        nearest, km = ops.loc[i, "id"], round(float(dist[i]) / 1000, 2)
    return Summary(
        features=len(gdf),
        geometry=kind,
        area_km2=round(float(polys.area.sum()) / 1e6, 2) if not polys.empty else None,
        length_km=round(float(lines.length.sum()) / 1000, 2) if not lines.empty else None,
        clusters=clusters,
        regions=regions,
        nearest_station=nearest,
        nearest_km=km,
        encoding=upload.encoding_of(gdf),
    )
