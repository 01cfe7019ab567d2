"""The URL is the state: parse and serialize the query string.

`parse` never raises. An unknown or malformed value falls back to the default for
that part and adds the parameter's name to the returned notices; the raw value is
never kept, so it can never be echoed onto the page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from geo.vocabulary import KOREA_BOUNDS, LINES

LANGS = ("ko", "en")
BASEMAPS = ("osm", "light", "vworld", "none")
DEFAULT_BASEMAP = "osm"
# How the page shows the data: the map, or the tables beside it (the map's text equivalent).
VIEW_MODES = ("map", "table")
DEFAULT_VIEW_MODE = "map"
CLUSTER_LAYERS = ("semiconductor", "ai", "peace-zone")
LAYERS = (*CLUSTER_LAYERS, "gtx", "sites")
DEFAULT_LAYERS = frozenset(LAYERS)
MAX_VALUE_LEN = 200
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# The map view, `view=lat,lng,zoom`: a box around the Korean peninsula and Leaflet's
# useful zooms. Stored rounded (4 decimals is about 10 m), so a link stays short.
VIEW_LAT = (KOREA_BOUNDS[1], KOREA_BOUNDS[3])
VIEW_LNG = (KOREA_BOUNDS[0], KOREA_BOUNDS[2])
VIEW_ZOOM = (6.0, 18.0)
_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{1,12})?$")


@dataclass(frozen=True)
class Known:
    """The ids the data defines; anything else in a URL is rejected."""

    regions: frozenset[str]
    stations: frozenset[str]
    clusters: frozenset[str]


@dataclass(frozen=True)
class ViewState:
    region: str | None = None
    station: str | None = None
    cluster: str | None = None
    layers: frozenset[str] = DEFAULT_LAYERS
    lines: frozenset[str] = frozenset(LINES)
    lang: str = "ko"
    basemap: str = "osm"
    view: tuple[float, float, float] | None = None  # (lat, lng, zoom); None fits Gyeonggi
    view_mode: str = DEFAULT_VIEW_MODE
    notices: tuple[str, ...] = field(default=(), compare=False)

    def select(self, kind: str | None, value: str | None) -> ViewState:
        """One selection at a time: a region, a station or a cluster."""
        return replace(
            self,
            region=value if kind == "region" else None,
            station=value if kind == "station" else None,
            cluster=value if kind == "cluster" else None,
        )


def available_basemaps(has_vworld_key: bool) -> tuple[str, ...]:
    """The basemaps this deployment can draw: V-World needs a key."""
    return tuple(b for b in BASEMAPS if b != "vworld" or has_vworld_key)


def _last(value: object) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return value if isinstance(value, str) else None


def _token(raw: str | None, allowed: Collection[str]) -> tuple[str | None, bool]:
    """(value, ok). Empty means unset; anything not in `allowed` is rejected."""
    if raw is None or raw == "":
        return None, True
    value = raw.strip().lower()
    if len(value) > MAX_VALUE_LEN or not _TOKEN.match(value) or value not in allowed:
        return None, False
    return value, True


def parse(params: Mapping[str, Any], known: Known, basemaps: tuple[str, ...] = BASEMAPS) -> ViewState:
    """The state a query string asks for. `known` holds the ids the data defines and
    `basemaps` the basemaps available now (`available_basemaps`); anything else falls
    back to its default with a notice."""
    notices: list[str] = []

    def get(key: str) -> str | None:
        return _last(params.get(key)) if hasattr(params, "get") else None

    out: dict[str, Any] = {}
    for name, allowed in (("region", known.regions), ("station", known.stations), ("cluster", known.clusters)):
        value, ok = _token(get(name), allowed)
        out[name] = value
        if not ok:
            notices.append(name)
    lang, ok = _token(get("lang"), LANGS)
    out["lang"] = lang or "ko"
    if not ok:
        notices.append("lang")
    basemap, ok = _token(get("basemap"), basemaps)
    out["basemap"] = basemap or DEFAULT_BASEMAP
    if not ok:
        notices.append("basemap")
    view_mode, ok = _token(get("view_mode"), VIEW_MODES)
    out["view_mode"] = view_mode or DEFAULT_VIEW_MODE
    if not ok:
        notices.append("view_mode")
    view_raw = get("view")
    if view_raw:
        out["view"] = make_view(*view_raw.split(",")) if len(view_raw) <= 64 and view_raw.count(",") == 2 else None
        if out["view"] is None:
            notices.append("view")
    layers_raw = get("layers")
    if layers_raw is not None:
        layers, lines, ok = _parse_layers(layers_raw)
        out["layers"], out["lines"] = layers, lines
        if not ok:
            notices.append("layers")
    # One selection at a time; the first valid one wins in this order.
    if out["region"]:
        out["station"] = out["cluster"] = None
    elif out["station"]:
        out["cluster"] = None
    return ViewState(**out, notices=tuple(notices))


def make_view(lat: object, lng: object, zoom: object) -> tuple[float, float, float] | None:
    """A rounded (lat, lng, zoom) from numbers or numeric strings, or None when any
    part is not a plain number inside the allowed box."""
    out = []
    for value, (lo, hi) in ((lat, VIEW_LAT), (lng, VIEW_LNG), (zoom, VIEW_ZOOM)):
        if isinstance(value, str):
            if not _NUMBER.match(value.strip()):
                return None
            value = float(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return None
        if not lo <= value <= hi:
            return None
        out.append(float(value))
    return round(out[0], 4), round(out[1], 4), round(out[2], 2)


def _parse_layers(raw: str) -> tuple[frozenset[str], frozenset[str], bool]:
    if len(raw) > MAX_VALUE_LEN:
        return DEFAULT_LAYERS, frozenset(LINES), False
    ok = True
    layers: set[str] = set()
    lines: set[str] = set()
    for part in raw.split(","):
        token = part.strip().lower()
        if not token:
            continue
        if token in LAYERS:
            layers.add(token)
        elif token.startswith("gtx-") and token[4:].upper() in LINES:
            lines.add(token[4:].upper())
        else:
            ok = False
    if lines:
        layers.add("gtx")
    elif "gtx" in layers:
        lines = set(LINES)
    return frozenset(layers), frozenset(lines or LINES), ok


def serialize(state: ViewState) -> dict[str, str]:
    """Query parameters for `state`, in a stable order."""
    out: dict[str, str] = {}
    for name in ("region", "station", "cluster"):
        value = getattr(state, name)
        if value:
            out[name] = value
    layers = [layer for layer in LAYERS if layer in state.layers]
    if "gtx" in state.layers and state.lines != frozenset(LINES):
        layers += [f"gtx-{line.lower()}" for line in LINES if line in state.lines]
    out["layers"] = ",".join(layers)
    out["lang"] = state.lang
    if state.basemap != DEFAULT_BASEMAP:
        out["basemap"] = state.basemap
    if state.view:
        lat, lng, zoom = state.view
        out["view"] = f"{lat:.4f},{lng:.4f},{zoom:g}"
    if state.view_mode != DEFAULT_VIEW_MODE:
        out["view_mode"] = state.view_mode
    return out
