"""A click reaches the app at once, not 250 ms later.

streamlit-folium reports every map event through one debounced function (250 ms after the last
event), which is right for a pan or a zoom but makes every click wait. This part of the constant
base-map script reports a click on a feature (and the place gesture, layers/place_gesture.py)
immediately: it builds the same value streamlit-folium would (the `returned_objects` keys, in
its order), sends it, and records it as streamlit-folium's last sent value, so the debounced
report that follows finds nothing new and sends nothing.

It leans on streamlit-folium 0.27's `window.__GLOBAL_DATA__` (returned_objects, previous_data)
and its key order; with any returned key it does not know, it sends nothing and the debounced
report goes as before. tests/browser/test_instant_report_e2e.py fails if that changes."""

from __future__ import annotations

from layers import single_pass


class InstantReport(single_pass.MapScript):
    SCRIPT = """
function (map) {
  // streamlit-folium's value, key by key, in its own order (updateComponentValue).
  var KEYS = {
    last_clicked: function (g) { return g.lat_lng_clicked; },
    last_object_clicked: function (g) { return g.last_object_clicked; },
    last_object_clicked_count: function (g) { return g.last_object_clicked_count; },
    last_object_clicked_tooltip: function (g) { return g.last_object_clicked_tooltip; },
    last_object_clicked_popup: function (g) { return g.last_object_clicked_popup; },
    all_drawings: function (g) { return g.all_drawings; },
    last_active_drawing: function (g) { return g.last_active_drawing; },
    last_geocoder_result: function (g) { return g.last_geocoder_result; },  // the move's cause (move_cause.py)
    zoom: function () { return map.getZoom(); },
    center: function () { return map.getCenter(); }
  };
  map._ggmReport = function () {
    var g = window.__GLOBAL_DATA__, S = window.Streamlit;
    if (!g || !S || !g.returned_objects || g.wrap_longitude) return false;
    if (g.returned_objects.some(function (k) { return !KEYS[k]; })) return false;
    var value = {};
    Object.keys(KEYS).forEach(function (k) { if (g.returned_objects.indexOf(k) >= 0) value[k] = KEYS[k](g); });
    if (JSON.stringify(value) === JSON.stringify(g.previous_data)) return true;
    g.previous_data = value;
    S.setComponentValue(value);
    return true;
  };
  // A click on a feature: streamlit-folium's layer handler has run (the event bubbles from the
  // feature to the map), so its click counter and feature are up to date.
  map.on("click", function () { map._ggmReport(); });
}
"""
