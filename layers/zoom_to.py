"""The map goes where you point: a few lines of script, sent with the feature groups, that fit
the map to the selection once per selection (Leaflet's fitBounds, so it fits the map's real size,
on a phone as on a desktop). The base map's script never changes, so nothing remounts.

The script remembers the last selection it fitted on the map object (`map._ggmFit`; a remounted
map is a new object and is fitted again), so a rerun for any other
reason (a layer toggle, a pan) does not move the map again. The jump itself is not reported as a
move (it is not the user's), so opening a link or picking something leaves `view` out of the
link. With a `view` in the link, the link wins: the selection is marked as fitted, not moved to.
Back (no selection) fits Gyeonggi again, but only after a selection, so the opening view writes
nothing."""

from __future__ import annotations

import folium
import geopandas as gpd
from branca.element import Template
from folium.utilities import get_obj_in_upper_tree

from geo.core.vocabulary import GYEONGGI_BOUNDS, METRIC_CRS, WGS84
from geo.domain.model import Model
from geo.state.selection import MOVE_KEY
from geo.state.url_state import ViewState
from layers import single_pass

POINT_HALF_SPAN_M = 1100.0  # a station or place opens with its 1 km ring in view
REGION_MAX_ZOOM = 14
POINT_MAX_ZOOM = 16
PADDING_PX = 24


class FitTo(single_pass.PlainMacro):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var m = {{ this.map_name }}, key = {{ this.key|tojson }}, last = m._ggmFit;
          if (key === last) return;
          m._ggmFit = key;
          {% if this.fit %}
          if (key === "home" && last === undefined) return;
          // A fit is not a user's move: it must not write `view` into the link, so the map's
          // move listeners (streamlit-folium's) are held back while it jumps there.
          function go() {
            var ev = m._events || {}, held = {};
            ["move", "moveend", "zoom", "zoomend"].forEach(function (n) { held[n] = ev[n]; ev[n] = []; });
            // The jump is the app's: marked "fit" (layers/move_cause.py), so a report of it is never
            // written as `view`, however late it arrives.
            m._ggmFitting = true;
            if (m._ggmCause) m._ggmCause("fit");
            try {
              m.fitBounds({{ this.bounds|tojson }},
                {padding: [{{ this.padding }}, {{ this.padding }}], maxZoom: {{ this.max_zoom }}, animate: false});
            } finally {
              m._ggmFitting = false;
              Object.keys(held).forEach(function (n) { ev[n] = held[n]; });
            }
            // Leaflet's own listeners (renderers, tiles, the scale bar) still need the news; they
            // have a context object, the page's listeners (streamlit-folium) do not.
            ["move", "zoom", "moveend", "zoomend"].forEach(function (n) {
              (held[n] || []).forEach(function (h) { if (h.ctx) h.fn.call(h.ctx, {type: n, target: m}); });
            });
            if (m._ggmScaleApply) m._ggmScaleApply();
            // streamlit-folium's report still pending from the click that led here (debounced) must
            // not report the jump either: it sends only what differs from its last sent value.
            var g = window.__GLOBAL_DATA__, sent = g && g.previous_data;
            if (sent && "zoom" in sent && "center" in sent) { sent.zoom = m.getZoom(); sent.center = m.getCenter(); }
            var mk = {{ this.move_key|tojson }};
            if (sent && mk in sent) sent[mk] = g[mk];
          }
          // The base map's opening fit may still be animating (Leaflet starts a zoom animation on
          // the next frame and lands it 250 ms later), which would undo this jump: let it start,
          // wait for it to end, then jump.
          // Only an undone jump is redone: the map back at (or out from) the zoom it had before,
          // not a user who has zoomed in since.
          var before = m.getZoom(), fitted;
          function run(tries) {
            if (m._animatingZoom && tries < 40) { setTimeout(function () { run(tries + 1); }, 50); return; }
            var z = m.getZoom();
            if (m._ggmFit === key && Math.abs(z - fitted) > 1e-6 && z <= before + 1e-6) go();
          }
          go();
          fitted = m.getZoom();
          var raf = window.requestAnimationFrame || function (f) { return setTimeout(f, 16); };
          raf(function () { raf(function () { run(0); }); });
          {% endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, key: str, bounds: list[list[float]], fit: bool, max_zoom: int):
        super().__init__()
        self._name = "FitTo"
        self.key, self.bounds, self.fit, self.max_zoom, self.padding = key, bounds, fit, max_zoom, PADDING_PX
        self.move_key = MOVE_KEY

    def render(self, **kwargs):
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)


# At the province view markers would cover the small municipalities (Hanam, Seongnam, Bucheon
# are a few dozen pixels wide), so stations and sites are drawn smaller and lines thinner there,
# and grow back as the map zooms in. A class on the map container drives the CSS (part of the
# base map's constant CSS, layers/base_map.MapCss); the CSS `scale` property composes with the
# fan-out `transform` of markers sharing a point.
SCALE_CSS = (
    ".leaflet-container path.gtx-station,.leaflet-container path.site{transform-box:fill-box;"
    "transform-origin:center;transition:scale .15s}"
    ".ggm-z-province path.gtx-station,.ggm-z-province path.site{scale:.5}"
    ".ggm-z-mid path.gtx-station,.ggm-z-mid path.site{scale:.75}"
    ".ggm-z-province path.gtx-line{stroke-width:2px}"
)
PROVINCE_BELOW = 9.75  # the opening view is zoom 9 or less
MID_BELOW = 11.0


class MarkerScale(single_pass.PlainMacro):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var m = {{ this.map_name }};
          function apply() {
            var z = m.getZoom(), c = m.getContainer().classList;
            c.toggle("ggm-z-province", z < {{ this.province }});
            c.toggle("ggm-z-mid", z >= {{ this.province }} && z < {{ this.mid }});
          }
          // A frame made shorter by the page (phones: ui/map_view.PHONE_CSS): fit the map to it
          // before anything is fitted into the map.
          var box = m.getContainer(), h = window.innerHeight;
          if (h && h < box.offsetHeight - 1) { box.style.height = h + "px"; m.invalidateSize(false); }
          m._ggmScaleApply = apply;
          if (!m._ggmScale) {
            m._ggmScale = true;
            m.on("zoomend", apply);
          }
          apply();
        })();
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MarkerScale"
        self.province, self.mid = PROVINCE_BELOW, MID_BELOW

    def render(self, **kwargs):
        self.map_name = get_obj_in_upper_tree(self, folium.Map).get_name()
        super().render(**kwargs)


def _leaflet(bounds: tuple[float, float, float, float]) -> list[list[float]]:
    minx, miny, maxx, maxy = bounds
    return [[round(miny, 5), round(minx, 5)], [round(maxy, 5), round(maxx, 5)]]


def _around(lat: float, lng: float) -> list[list[float]]:
    pt = gpd.GeoSeries(gpd.points_from_xy([lng], [lat]), crs=WGS84).to_crs(METRIC_CRS)
    return _leaflet(tuple(pt.buffer(POINT_HALF_SPAN_M, quad_segs=2).to_crs(WGS84).total_bounds))


def target(model: Model, state: ViewState) -> tuple[str, list[list[float]], int]:
    """(key, Leaflet bounds, max zoom) for the state's selection; "home" for none."""
    if state.region:
        return f"region:{state.region}", _leaflet(model.region(state.region).geometry.bounds), REGION_MAX_ZOOM
    if state.cluster:
        return f"cluster:{state.cluster}", _leaflet(model.cluster(state.cluster).geometry.bounds), REGION_MAX_ZOOM
    if state.station:
        station = model.station(state.station)
        return f"station:{state.station}", _around(station.lat, station.lng), POINT_MAX_ZOOM
    if state.at:
        return f"at:{state.at[0]:.5f},{state.at[1]:.5f}", _around(*state.at), POINT_MAX_ZOOM
    (s, w), (n, e) = GYEONGGI_BOUNDS
    return "home", [[s, w], [n, e]], REGION_MAX_ZOOM


def zoom_layer(model: Model, state: ViewState) -> folium.FeatureGroup:
    key, bounds, max_zoom = target(model, state)
    fg = single_pass.FeatureGroup(name="zoom-to", control=False)
    fg.add_child(MarkerScale())
    fg.add_child(FitTo(key, bounds, fit=state.view is None, max_zoom=max_zoom))
    return fg
