"""Respect prefers-reduced-motion: no animated zoom, fade or pan when it is set.

Leaflet reads these options when the map is created, which folium's script does before
any child runs; this script, the map's first child, turns the animations off on the map
object itself before any layer is added (layers read `_zoomAnimated` when added). Part of
the constant base map: the media query is asked in the browser, never in Python."""

from __future__ import annotations

from branca.element import Template

from layers import single_pass


class ReducedMotion(single_pass.PlainMacro):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
          if (!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches)) return;
          Object.assign(map.options, {zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false,
                                      inertia: false});
          map._zoomAnimated = false;
          map._fadeAnimated = false;
          var panBy = map.panBy;  // setView and panTo pan through panBy, animated unless told not to
          map.panBy = function (offset, options) {
            return panBy.call(this, offset, Object.assign({}, options, {animate: false}));
          };
          L.DomUtil.removeClass(map.getContainer(), "leaflet-fade-anim");
          map.ggmReducedMotion = true;
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "ReducedMotion"


CSS = "@media (prefers-reduced-motion:reduce){.leaflet-container *{transition:none!important;animation:none!important}}"
