"""Every move of the map is reported with its cause, so the app writes `view` only for a person's.

A pan, a zoom (wheel, pinch, double click, keys, the +/- buttons) starts within moments of an input
event on the map: that move is "user". Any other move is the app placing the map ("fit"): the
opening fit, the zoom to a selection (layers/zoom_to.py marks its jumps itself while they run). The
cause travels in streamlit-folium's report under geo.state.selection.MOVE_KEY, a field the page sets
and streamlit-folium returns as it is; geo.state.selection.map_event drops a "fit" view. No clock
window on the server guesses which report was which."""

from __future__ import annotations

from geo.state.selection import MOVE_KEY
from layers import single_pass

# How long after an input event a move still counts as that person's (a wheel or key zoom starts
# its move within one animation frame; a flick's move within a few).
INPUT_WINDOW_MS = 1000


class MoveCause(single_pass.MapScript):
    SCRIPT = """
function (map, key, windowMs) {
  var seq = 0, lastInput = -Infinity;
  // The cause of the map's latest move, where streamlit-folium reads its report's values from.
  map._ggmCause = function (cause) {
    var g = window.__GLOBAL_DATA__;
    if (g) g[key] = {cause: cause, n: ++seq};
  };
  map._ggmCause("fit");  // where the map opens is the app's choice
  var box = map.getContainer();
  ["pointerdown", "mousedown", "touchstart", "wheel", "keydown", "dblclick"].forEach(function (n) {
    box.addEventListener(n, function () { lastInput = Date.now(); }, {capture: true, passive: true});
  });
  map.on("movestart zoomstart", function () {
    if (map._ggmFitting) return;  // layers/zoom_to.py marks its own jumps
    map._ggmCause(Date.now() - lastInput < windowMs ? "user" : "fit");
  });
}
"""

    def args(self) -> list[object]:
        return [MOVE_KEY, INPUT_WINDOW_MS]
