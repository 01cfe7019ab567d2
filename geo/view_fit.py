"""Where the map goes for a selection: a centre and zoom that fit a region or cluster into the
map's pixels, or a fixed close zoom around a station or place (so its 1 km ring is in view).

Web Mercator arithmetic only (what Leaflet does in fitBounds), so the app can hand st_folium a
`center`/`zoom` without remounting the base map. Pure: no Streamlit, no geopandas.
"""

from __future__ import annotations

import math

TILE = 256
POINT_ZOOM = 14.0  # a station or place: the 1 km ring is about 260 px across at 37.5 N
MIN_ZOOM = 7.0
MAX_ZOOM = 16.0
ZOOM_STEP = 0.25  # the base map's zoomSnap


def _x(lng: float) -> float:
    return (lng + 180.0) / 360.0


def _y(lat: float) -> float:
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def _lat(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp((0.5 - y) * 2 * math.pi)) - math.pi / 2)


def fit(
    bounds: tuple[float, float, float, float],
    width_px: float,
    height_px: float,
    padding_px: float = 24.0,
    max_zoom: float = MAX_ZOOM,
) -> tuple[float, float, float]:
    """(lat, lng, zoom) showing `bounds` = (min_lng, min_lat, max_lng, max_lat) inside the map,
    with `padding_px` on every side; the zoom is rounded down to ZOOM_STEP."""
    min_lng, min_lat, max_lng, max_lat = bounds
    x0, x1 = _x(min_lng), _x(max_lng)
    y0, y1 = _y(max_lat), _y(min_lat)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    span_x, span_y = max(x1 - x0, 1e-12), max(y1 - y0, 1e-12)
    usable_w, usable_h = max(width_px - 2 * padding_px, 1.0), max(height_px - 2 * padding_px, 1.0)
    zoom = math.log2(min(usable_w / (span_x * TILE), usable_h / (span_y * TILE)))
    zoom = math.floor(zoom / ZOOM_STEP) * ZOOM_STEP
    zoom = min(max(zoom, MIN_ZOOM), max_zoom)
    return round(_lat(cy), 5), round(cx * 360.0 - 180.0, 5), zoom


def around(lat: float, lng: float, zoom: float = POINT_ZOOM) -> tuple[float, float, float]:
    """A point selection: centred on it at a close zoom."""
    return round(lat, 5), round(lng, 5), zoom


def width_px(bounds: tuple[float, float, float, float], zoom: float) -> float:
    """How many pixels wide `bounds` is drawn at `zoom`."""
    return (_x(bounds[2]) - _x(bounds[0])) * TILE * 2**zoom


def height_px(bounds: tuple[float, float, float, float], zoom: float) -> float:
    """How many pixels tall `bounds` is drawn at `zoom`."""
    return (_y(bounds[1]) - _y(bounds[3])) * TILE * 2**zoom


def metres_per_px(lat: float, zoom: float) -> float:
    return 40_075_016.686 * math.cos(math.radians(lat)) / (TILE * 2**zoom)
