"""Web Mercator (EPSG:3857) arithmetic, as Leaflet and the basemap tiles do it: a sphere of
the WGS84 equatorial radius, 256-pixel tiles, the world 256 * 2**zoom pixels wide.

Pure functions of degrees and zooms; nothing here draws or imports a map library."""

from __future__ import annotations

import math
from typing import Final

EARTH_RADIUS_M: Final = 6378137.0  # Leaflet's L.CRS.EPSG3857 sphere
TILE_PX: Final = 256
# Metres per pixel at the equator at zoom 0 (about 156543.03 m).
EQUATOR_M_PER_PX: Final = 2 * math.pi * EARTH_RADIUS_M / TILE_PX


def lat_to_y(lat: float) -> float:
    """The Mercator y of a latitude (degrees), in units of the sphere's radius."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def y_to_lat(y: float) -> float:
    """The latitude (degrees) of a Mercator y (units of the sphere's radius): `lat_to_y`'s inverse."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def midpoint_lat(south: float, north: float) -> float:
    """The latitude halfway between two on the map (not in degrees): where a box is centred."""
    return y_to_lat((lat_to_y(south) + lat_to_y(north)) / 2)


def centre(bounds: tuple[tuple[float, float], tuple[float, float]]) -> tuple[float, float]:
    """(lat, lng) where Leaflet's fitBounds centres a box ((south, west), (north, east)), at any map size."""
    (south, west), (north, east) = bounds
    return midpoint_lat(south, north), (west + east) / 2


def metres_per_px(lat: float, zoom: float) -> float:
    """Ground metres one map pixel covers at a latitude (degrees) and a (fractional) zoom."""
    return EQUATOR_M_PER_PX * math.cos(math.radians(lat)) / 2**zoom
