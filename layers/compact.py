"""GeoJSON layers that are serialised once and cost almost nothing to render again.

folium.GeoJson parses its data, recomputes the style of every feature and its bounds,
compiles tooltip templates and dumps all of it to JSON each time a map is rendered,
and streamlit-folium renders the map several times per rerun. A CompactGeoJson holds
one ready JSON string instead; the layer builders memoise that string (see `memoised`),
so on a rerun only a small script around it is rendered.

The string is a FeatureCollection with two additions per feature: `style`, an index
into the collection's `styles` list (the output of the layer's style function, minus
`className`), and `className`, the per-feature CSS class. Polygon and line
coordinates are delta-encoded integers, coordinate × `scale` (exact for the 4-5
decimal data here), about a third of the bytes of plain GeoJSON; points stay plain.
In the browser, ggmGeo.add() turns it back into ordinary GeoJSON before L.geoJson sees
it, so features, tooltips and clicks (streamlit-folium returns layer.toGeoJSON()) are
what folium.GeoJson would give.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import geopandas as gpd
import numpy as np
from branca.element import Template
from jinja2.utils import htmlsafe_json_dumps

from geo.model import CONTENT_KEY  # geo.model tags the frames it loads with a hash of their file
from layers.plain import PlainMacro

MEMO_SIZE = 256

# Decodes the coordinates, applies styles and class names, binds the tooltip. Defined
# once per page (window.ggmGeo) but carried by every layer, so any layer works alone.
HELPER_JS = """window.ggmGeo = window.ggmGeo || (function () {
  function line(a, s) {
    var out = [], x = 0, y = 0;
    for (var i = 0; i < a.length; i += 2) { x += a[i]; y += a[i + 1]; out.push([x / s, y / s]); }
    return out;
  }
  function rings(c, s) { return c.map(function (r) { return line(r, s); }); }
  function geometry(g, s) {
    if (!s) return g;
    switch (g.type) {
      case "LineString": return {type: g.type, coordinates: line(g.coordinates, s)};
      case "MultiLineString": case "Polygon": return {type: g.type, coordinates: rings(g.coordinates, s)};
      case "MultiPolygon": return {type: g.type, coordinates: g.coordinates.map(function (p) { return rings(p, s); })};
      default: return g;
    }
  }
  function layer(opts) {
    var styles = [];
    var style = function (f) { return Object.assign({}, styles[f.style], f.className ? {className: f.className} : {}); };
    var gj = L.geoJson(null, {
      style: style,
      pointToLayer: function (f, latlng) { return new L.CircleMarker(latlng, style(f)); }
    });
    gj.ggmSetStyles = function (s) { styles = s || []; };
    if (opts.tooltip) {
      gj.bindTooltip(function (l) {
        var div = L.DomUtil.create("div");
        div.innerHTML = l.feature.properties[opts.tooltip];
        return div;
      }, {className: "foliumtooltip", sticky: opts.sticky});
    }
    return gj;
  }
  function add(gj, data) {
    gj.ggmSetStyles(data.styles);
    gj.addData({type: "FeatureCollection", features: data.features.map(function (f) {
      return {type: "Feature", properties: f.properties, geometry: geometry(f.geometry, data.scale),
              style: f.style, className: f.className};
    })});
  }
  return {layer: layer, add: add};
})();"""


class CompactGeoJson(PlainMacro):
    """An L.geoJson layer from a string made by `payload` (tooltip: the property shown)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.helper }}
        var {{ this.get_name() }} = ggmGeo.layer({{ this.options|tojson }});
        function {{ this.get_name() }}_add(data) { ggmGeo.add({{ this.get_name() }}, data); }
        {{ this.get_name() }}_add({{ this.data }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, data: str, tooltip: str | None = "tip", sticky: bool = True):
        super().__init__()
        self._name = "CompactGeoJson"
        self.data = data
        self.options = {"tooltip": tooltip, "sticky": sticky}
        self.helper = HELPER_JS


# --- the payload ---------------------------------------------------------------------------

def _scale(parts: list[np.ndarray]) -> int:
    """The smallest 10^d (d = 4..7) at which every coordinate is an integer."""
    if not parts:
        return 10**4
    xy = np.concatenate(parts)
    for d in range(4, 8):
        scaled = xy * 10**d
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-6):
            return 10**d
    return 10**7


def _delta(coords: np.ndarray, scale: int) -> list[int]:
    q = np.round(np.asarray(coords)[:, :2] * scale).astype(np.int64)
    return np.diff(q, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel().tolist()


def _parts(geom) -> list[np.ndarray]:
    t = geom.geom_type
    if t == "Polygon":
        return [np.asarray(geom.exterior.coords)[:, :2], *(np.asarray(r.coords)[:, :2] for r in geom.interiors)]
    if t in ("MultiPolygon", "MultiLineString"):
        return [p for g in geom.geoms for p in _parts(g)]
    if t == "LineString":
        return [np.asarray(geom.coords)[:, :2]]
    return []


def _encode(geom, scale: int) -> dict:
    t = geom.geom_type
    if t == "Polygon":
        return {"type": t, "coordinates": [_delta(r, scale) for r in _parts(geom)]}
    if t == "MultiPolygon":
        return {"type": t, "coordinates": [[_delta(r, scale) for r in _parts(p)] for p in geom.geoms]}
    if t == "LineString":
        return {"type": t, "coordinates": _delta(np.asarray(geom.coords), scale)}
    if t == "MultiLineString":
        return {"type": t, "coordinates": [_delta(np.asarray(g.coords), scale) for g in geom.geoms]}
    return geom.__geo_interface__  # points stay plain GeoJSON


def payload(gdf: gpd.GeoDataFrame, style_function: Callable[[dict], dict]) -> str:
    """The JSON string a CompactGeoJson embeds: every column but the geometry becomes a
    property; `style_function` gets {"properties": ...} like folium's and may return a
    per-feature `className`. Safe inside <script> (<, >, & and ' are escaped)."""
    props = gdf.drop(columns=gdf.geometry.name).to_dict("records")
    geoms = list(gdf.geometry.values)
    scale = _scale([p for g in geoms for p in _parts(g)])
    styles: dict[str, int] = {}
    features = []
    for p, geom in zip(props, geoms):
        style = dict(style_function({"type": "Feature", "properties": p}))
        class_name = style.pop("className", None)
        index = styles.setdefault(json.dumps(style, sort_keys=True), len(styles))
        feature = {"type": "Feature", "properties": p, "geometry": _encode(geom, scale), "style": index}
        if class_name:
            feature["className"] = class_name
        features.append(feature)
    data = {"type": "FeatureCollection", "scale": scale, "styles": [json.loads(s) for s in styles], "features": features}
    return str(htmlsafe_json_dumps(data, ensure_ascii=False, separators=(",", ":")))


# --- memo ------------------------------------------------------------------------------------

_memo: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def content_key(*frames: gpd.GeoDataFrame) -> tuple | None:
    """The frames' content keys (set by geo.model), or None if any frame has none."""
    keys = tuple(f.attrs.get(CONTENT_KEY) for f in frames)
    return None if None in keys else keys


def memoised(key: Hashable | None, build: Callable[[], object]):
    """build(), remembered under `key` (None: not remembered). Thread-safe, least recently used out."""
    if key is None:
        return build()
    with _lock:
        if key in _memo:
            _memo.move_to_end(key)
            return _memo[key]
    value = build()
    with _lock:
        _memo[key] = value
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return value
