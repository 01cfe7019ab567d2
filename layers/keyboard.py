"""The map without a mouse: one Tab stop, arrow keys between the clickable features.

Part of the constant base-map script (it depends only on the language), so it must find
the features itself: every layer whose GeoJSON properties have a `kind` in KINDS and a
`seq` is a stop. It re-reads them whenever a layer is added, because the toggled layers
and the selection arrive later through st_folium's feature_group_to_add.

- Roving tabindex: exactly one feature has tabindex=0; Tab enters the map there, and
  leaves it on the next Tab (the zoom buttons, then the page). Arrow keys move to the next
  or previous feature, Home and End to the first and last; Shift+arrows pan the map; + and
  - zoom. The order: regions by name, then stations line by line along the track, then
  key sites by name (kind first, then `seq`, which the layer payloads carry).
- Each feature gets role=button and an accessible name from its tooltip property (`tip`:
  escaped text, one part per <br>; here joined with commas), so no extra payload.
- Enter or Space dispatches a real DOM click on the feature's SVG element at its centre:
  Leaflet then fires exactly the events a mouse click fires, so st_folium's click handler
  reports the same feature.
- After Enter or Space, focus moves to the panel's heading on the page once it shows the new
  selection (a screen reader reads it); Escape anywhere in the panel returns to the map.
- Keyboard focus shows the tooltip and a thick outline (CSS), pans the feature into view if needed,
  and survives a re-render of its layer (focus moves to the same feature's new element)."""

from __future__ import annotations

from geo.core.i18n import t
from layers import single_pass

KINDS = ("region", "station", "site", "place")
PANEL_ANCHOR = "ggm-panel"  # the id of the page's panel anchor (ui/a11y.py draws it)

FOCUS_CSS = (
    ".ggm-kbd:focus-visible{outline:3px solid #1a202c;outline-offset:2px;"
    "stroke:#1a202c;stroke-width:4px;stroke-opacity:1;stroke-dasharray:none}"
    ".ggm-kbd-hint{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
)

_SCRIPT = """
function (map, kinds, text) {
  var container = map.getContainer(), hint = L.DomUtil.create("div", "ggm-kbd-hint", container);
  hint.id = "ggm-kbd-hint";
  hint.textContent = text.hint;
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", text.label);
  container.setAttribute("aria-describedby", hint.id);
  // Leaflet's own keyboard handling (arrows pan the map) would be a second Tab stop.
  if (map.keyboard) map.keyboard.disable();
  container.setAttribute("tabindex", "-1");
  var decoder = document.createElement("textarea");
  function asText(html) {
    return String(html || "").split(/<br\\s*\\/?>/i).map(function (part) {
      decoder.innerHTML = part;
      return decoder.value.trim();
    }).filter(Boolean).join(", ");
  }
  // `chosen`: the person has moved or focused; until then the Tab stop is the first item, also
  // when features arrive late (linked geometry, layers.geometry_files).
  var items = [], current = null, focusedKey = null, chosen = false;
  function keyOf(p) { return p.kind + ":" + p.id; }
  function collect() {
    var out = [];
    map.eachLayer(function (l) {
      var p = l.feature && l.feature.properties, el = l.getElement && l.getElement();
      if (!p || kinds.indexOf(p.kind) < 0 || typeof p.seq !== "number" || !el) return;
      out.push({layer: l, el: el, key: keyOf(p), rank: kinds.indexOf(p.kind), seq: p.seq});
    });
    out.sort(function (a, b) { return a.rank - b.rank || a.seq - b.seq; });
    return out;
  }
  function refresh() {
    var lost = focusedKey && (!document.activeElement || document.activeElement === document.body);
    items = collect();
    var kept = chosen || focusedKey ? items.filter(function (it) { return it.key === current; })[0] : null;
    var stop = kept || items[0];
    current = stop ? stop.key : null;
    items.forEach(function (it) {
      var p = it.layer.feature.properties;
      it.el.classList.add("ggm-kbd");
      it.el.setAttribute("role", "button");
      it.el.setAttribute("aria-label", asText(p.tip) || p.id);
      it.el.setAttribute("tabindex", it.key === current ? "0" : "-1");
      it.el.ggmItem = it;
    });
    if (lost && document.hasFocus()) {
      var again = items.filter(function (it) { return it.key === focusedKey; })[0];
      if (again) again.el.focus({preventScroll: true});
    }
  }
  function centre(it) {
    return it.layer.getLatLng ? it.layer.getLatLng() : it.layer.getBounds().getCenter();
  }
  function moveTo(it) {
    items.forEach(function (o) { o.el.setAttribute("tabindex", o === it ? "0" : "-1"); });
    current = it.key;
    chosen = true;
    it.el.focus({preventScroll: true});
  }
  // The page around the map (same origin): after a keyboard selection, focus goes to the panel's
  // heading, so a screen reader reads it; Escape in the panel brings focus back to the map.
  var page = null;
  try { page = window.parent !== window && window.parent.document; } catch (err) { page = null; }
  function panelHeading() {
    var anchor = page && page.getElementById(text.panel);
    var column = anchor && anchor.closest('[data-testid="stColumn"]');
    return column ? column.querySelector("h1, h2, h3") : null;
  }
  function announceAfterSelection(name) {
    var before = panelHeading(), beforeText = before ? before.textContent : null, tries = 0;
    var timer = setInterval(function () {
      var h = panelHeading();
      tries += 1;
      var ready = h && (h.textContent !== beforeText || h.textContent.trim() === name);
      if (ready && tries > 1) {
        clearInterval(timer);
        h.setAttribute("tabindex", "-1");
        h.focus();
      } else if (tries > 60) {
        clearInterval(timer);
      }
    }, 250);
  }
  if (page) {
    if (window.parent.ggmEscape) page.removeEventListener("keydown", window.parent.ggmEscape);
    window.parent.ggmEscape = function (e) {
      var h = panelHeading(), column = h && h.closest('[data-testid="stColumn"]');
      if (e.key !== "Escape" || !column || !column.contains(page.activeElement)) return;
      var it = items.filter(function (o) { return o.key === current; })[0];
      if (!it) return;
      e.preventDefault();
      window.frameElement && window.frameElement.focus();
      it.el.focus();
    };
    page.addEventListener("keydown", window.parent.ggmEscape);
  }
  function activate(it) {
    var c = centre(it), pt = map.latLngToContainerPoint(c), box = container.getBoundingClientRect();
    it.el.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window,
      clientX: box.left + pt.x, clientY: box.top + pt.y}));
    announceAfterSelection((it.el.getAttribute("aria-label") || "").split(", ")[0]);
  }
  var refreshSoon = null;
  map.on("layeradd", function () {
    if (refreshSoon) return;
    refreshSoon = setTimeout(function () { refreshSoon = null; refresh(); }, 0);
  });
  container.addEventListener("focusin", function (e) {
    var it = e.target.ggmItem;
    if (!it) { focusedKey = null; return; }
    focusedKey = it.key;
    if (!e.target.matches(":focus-visible")) return;  // a mouse click: no panning, tooltip as usual
    var c = centre(it);
    if (!map.getBounds().contains(c)) map.panTo(c);
    it.layer.fire("mouseover", {latlng: c}, true);  // the tooltip, as for the mouse
    it.keyboardTooltip = true;
  });
  container.addEventListener("focusout", function (e) {
    var it = e.target.ggmItem;
    if (it && it.keyboardTooltip) {
      it.keyboardTooltip = false;
      it.layer.fire("mouseout", {latlng: centre(it)}, true);
    }
  });
  container.addEventListener("keydown", function (e) {
    var it = e.target.ggmItem;
    if (!it) return;
    var i = items.indexOf(it), next = null, pan = 120;
    switch (e.key) {
      case "ArrowDown": case "ArrowRight": case "ArrowUp": case "ArrowLeft":
        if (e.shiftKey) {
          var d = {ArrowDown: [0, pan], ArrowUp: [0, -pan], ArrowLeft: [-pan, 0], ArrowRight: [pan, 0]}[e.key];
          map.panBy(d);
        } else {
          var step = (e.key === "ArrowDown" || e.key === "ArrowRight") ? 1 : -1;
          next = items[(i + step + items.length) % items.length];
        }
        break;
      case "Home": next = items[0]; break;
      case "End": next = items[items.length - 1]; break;
      case "+": case "=": map.zoomIn(); break;
      case "-": case "_": map.zoomOut(); break;
      case "Enter": case " ": case "Spacebar": activate(it); break;
      default: return;
    }
    e.preventDefault();
    e.stopPropagation();
    if (next) moveTo(next);
  });
  refresh();
}
"""


class MapKeyboard(single_pass.MapScript):
    SCRIPT = _SCRIPT

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def args(self) -> list[object]:
        text = {"label": t("map.label", self.lang), "hint": t("map.keyboard_hint", self.lang), "panel": PANEL_ANCHOR}
        return [list(KINDS), text]
