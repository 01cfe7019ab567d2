"""Right-click (or long press on a touch screen) anywhere on the map: the place panel for that
point, as the search does (`at=lat,lng`). A left click still selects the region under it.

Part of the constant base-map script. Leaflet fires `contextmenu` for a right-click and for a
long press (the browser's own event in Chrome on Android; elsewhere Leaflet's tapHold handler,
which this script turns on for every touch screen), and never fires `click` with it, so the
gesture cannot select a region by mistake.

The point reaches the app the way a click on a feature does: the script hands streamlit-folium
a GeoJSON point with `kind: "place"` as the last clicked object and moves its click counter on,
then reports it at once (layers/instant_report.py; failing that, it fires `moveend`, on which
streamlit-folium reports, debounced). geo.state.selection.map_event
reads it; the codec (geo.state.url_state.make_at) decides whether the point is acceptable. This leans
on streamlit-folium's `window.__GLOBAL_DATA__` (0.27); tests/browser/test_place_gesture_e2e.py
fails if that changes."""

from __future__ import annotations

from geo.state.selection import PLACE_KIND
from layers import single_pass


class PlaceGesture(single_pass.MapScript):
    SCRIPT = """
function (map, kind) {
  // A long press on any touch screen, not only in mobile Safari. Where the browser fires its
  // own contextmenu first (Chrome on Android), Leaflet's simulated one is cancelled.
  if (L.Browser.touch && map.tapHold && !map.tapHold.enabled()) map.tapHold.enable();
  map.on("contextmenu", function (e) {
    var g = window.__GLOBAL_DATA__;
    if (!g || !e.latlng) return;
    if (e.originalEvent) L.DomEvent.preventDefault(e.originalEvent);  // no browser menu
    var p = e.latlng.wrap(), lat = Math.round(p.lat * 1e5) / 1e5, lng = Math.round(p.lng * 1e5) / 1e5;
    g.last_object_clicked = {lat: lat, lng: lng};
    g.last_object_clicked_count += 1;
    g.last_active_drawing = {type: "Feature", geometry: {type: "Point", coordinates: [lng, lat]},
                             properties: {kind: kind, lat: lat, lng: lng}};
    if (!(map._ggmReport && map._ggmReport())) map.fire("moveend");  // else streamlit-folium's own report
  });
}
"""

    def args(self) -> list[object]:
        return [PLACE_KIND]
