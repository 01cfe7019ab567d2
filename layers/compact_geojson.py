"""A GeoJSON layer that embeds one ready JSON string (see layers.delta_codec) and is cheap
to render again.

folium.GeoJson parses its data, recomputes the style of every feature and its bounds,
compiles tooltip templates and dumps all of it to JSON each time a map is rendered,
and streamlit-folium renders the map several times per rerun. A CompactGeoJson holds
one ready JSON string instead; the layer builders memoise that string (layers.memo),
so on a rerun only a small script around it is rendered. In the browser, ggmGeo.add()
turns the string back into ordinary GeoJSON before L.geoJson sees it, so features,
tooltips and clicks (streamlit-folium returns layer.toGeoJSON()) are what
folium.GeoJson would give. A payload with `geometry_url` (layers.geometry_files) gets its
geometry from that file, once per page, and its features arrive a moment after the layer.
"""

from __future__ import annotations

from branca.element import Template

from layers.single_pass import PlainMacro

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
    var style = function (f) {
      return Object.assign({}, styles[f.style], f.className ? {className: f.className} : {});
    };
    var gj = L.geoJson(null, {
      style: style,
      interactive: opts.interactive !== false,
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
  function put(gj, data, shared) {
    var scale = shared ? shared.scale : data.scale;
    gj.ggmSetStyles(data.styles);
    gj.addData({type: "FeatureCollection", features: data.features.map(function (f) {
      return {type: "Feature", properties: f.properties, style: f.style, className: f.className,
              geometry: geometry(shared ? shared.geometries[f.g] : f.geometry, scale)};
    })});
  }
  // Linked geometry (layers.geometry_files): fetched once per page, kept for every rerun; a
  // failed fetch is tried again, after 0.5, 1 and 2 s.
  var files = {};
  function load(url, attempt) {
    if (!files[url]) {
      files[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ": HTTP " + r.status);
        return r.json();
      }).catch(function (err) {
        delete files[url];
        if (attempt >= 3) throw err;
        return new Promise(function (ok) { setTimeout(ok, 500 * Math.pow(2, attempt)); })
          .then(function () { return load(url, attempt + 1); });
      });
    }
    return files[url];
  }
  // Scripts that restyle features (layers.clusters) listen for "ggmdata" on the map.
  function add(gj, data) {
    if (!data.geometry_url) { put(gj, data, null); return; }
    load(data.geometry_url, 0).then(function (shared) {
      put(gj, data, shared);
      if (gj._map) gj._map.fire("ggmdata", {layer: gj});
    }).catch(function (err) { console.error("ggmGeo:", err); });
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

    def __init__(self, data: str, tooltip: str | None = "tip", sticky: bool = True, interactive: bool = True):
        super().__init__()
        self._name = "CompactGeoJson"
        self.data = data
        self.options = {"tooltip": tooltip, "sticky": sticky, "interactive": interactive}
        self.helper = HELPER_JS
