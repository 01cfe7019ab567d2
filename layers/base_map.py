"""The base map: offline Leaflet, basemap tiles, the region boundaries and the legend.

Its script must stay the same across reruns (st_folium remounts the map when it
changes), so it depends only on the language and the basemap choice."""

from __future__ import annotations

import math
from typing import ClassVar

import folium
import geopandas as gpd
import xyzservices
from branca.element import Element, Template

from geo.i18n import t
from geo.vocabulary import GYEONGGI_BOUNDS
from layers import assets, palette, single_pass, stacks
from layers.boundaries import regions_layer
from layers.zoom_to import SCALE_CSS

PANES = {"sites": 610, "stations": 620}
# Where fitBounds(GYEONGGI_BOUNDS) centres the map at any size (the Web Mercator midpoint).
_Y = [math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) for lat, _ in GYEONGGI_BOUNDS]
HOME_CENTER = (
    math.degrees(2 * math.atan(math.exp(sum(_Y) / 2)) - math.pi / 2),
    sum(lng for _, lng in GYEONGGI_BOUNDS) / 2,
)
HOME_MAX_ZOOM = 9.0  # the fitted zoom is at most this at the app's map height

TILES = {
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "&copy; OpenStreetMap contributors"),
    "light": (
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
    "vworld": ("https://api.vworld.kr/req/wmts/1.0.0/{key}/Base/{z}/{y}/{x}.png", "&copy; V-World (국토교통부)"),
}


class OfflineMap(folium.Map, single_pass.PlainMacro):
    """folium.Map that loads only Leaflet, from the app's static folder."""

    default_js: ClassVar = [("leaflet", f"{assets.URL}/leaflet.js")]
    default_css: ClassVar = [("leaflet_css", f"{assets.URL}/leaflet.css")]


class MapCss(Element):
    """The map's own CSS (a class-level template: nothing to compile per map)."""

    _template = Template(
        "<style>.leaflet-container{background:#eef2f5}.leaflet-tooltip{font-size:13px}"
        # No focus box around a polygon clicked with the mouse; keyboard focus still shows.
        ".leaflet-interactive:focus:not(:focus-visible){outline:none}"
        # On a phone-sized map the scale bar would run into the attribution: lift it above.
        "@media (max-width:480px){.leaflet-bottom.leaflet-left .leaflet-control-scale{margin-bottom:22px}}"
        + stacks.css()
        + SCALE_CSS
        + "</style>"
    )


class MetricScale(single_pass.PlainMacro):
    """A metric-only scale bar (no miles on a Korean map)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )


class Legend(single_pass.PlainMacro):
    """A small collapsible legend (a <details> element, open unless the map is phone-sized)."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <details open class="ggm-legend" style="position:absolute;top:10px;right:10px;z-index:1000;
             background:rgba(255,255,255,.92);padding:4px 8px;border-radius:6px;font:11px/1.4 sans-serif;
             box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:230px">
          <summary style="cursor:pointer;font-weight:600">{{ this.title }}</summary>
          {% for colour, label, shape in this.rows %}
          <div><span style="display:inline-block;width:10px;height:10px;margin-right:5px;vertical-align:-1px;
               {% if shape == 'dot' %}border-radius:50%;{% endif %}background:{{ colour }};opacity:.85">
               </span>{{ label }}</div>
          {% endfor %}
          <div>{% for line, colour in this.lines %}
               <span style="display:inline-block;border-bottom:3px solid {{ colour }};
               margin-right:6px;font-weight:600">{{ line }}</span>{% endfor %}</div>
          <div style="color:#4a5568">{{ this.note }}</div>
        </details>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {  // closed on a phone-sized map, where it would cover half of it
          var d = document.querySelector("details.ggm-legend");
          if (d && {{ this._parent.get_name() }}.getSize().x < 450) d.open = false;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, lang: str):
        super().__init__()
        self._name = "Legend"
        self.title = t("legend", lang)
        self.rows = legend_rows(lang)
        self.lines = [(f"GTX-{line}", colour) for line, colour in palette.LINE.items()]
        self.note = t("legend.line_status", lang)


def legend_rows(lang: str) -> list[tuple[str, str, str]]:
    """(colour, label, 'box' or 'dot') for the legend, in the map or under it."""
    return [
        (palette.REGION_FILL, t("legend.region", lang), "box"),
        *[(palette.CLUSTER[c], t(f"layer.{c}", lang), "box") for c in palette.CLUSTER],
        (palette.SELECTED, t("legend.selected", lang), "box"),
        (palette.SITE["semiconductor"], t("legend.site", lang), "dot"),
        ("#1a202c", t("legend.station", lang), "dot"),
    ]


def tile_layer(basemap: str, vworld_key: str | None) -> folium.TileLayer | None:
    if basemap == "none" or (basemap == "vworld" and not vworld_key):
        return None
    url, attr = TILES[basemap]
    # A TileProvider, not the URL: folium would first search xyzservices' whole catalogue
    # for a provider named like the URL (about 10 ms per map); the layer is the same.
    provider = xyzservices.TileProvider(
        name=basemap, url=url.replace("{key}", vworld_key or ""), attribution=attr, html_attribution=attr
    )
    return single_pass.TileLayer(provider, max_zoom=18, name=basemap)


def base_map(
    municipalities: gpd.GeoDataFrame,
    lang: str,
    basemap: str = "osm",
    vworld_key: str | None = None,
    view: tuple[float, float, float] | None = None,
    legend: bool = True,
) -> folium.Map:
    """The map whose script must not change between reruns: `view` (lat, lng, zoom) is
    where this mount opens; None fits Gyeonggi. `legend=False` leaves the legend to the
    page (the app draws it under the map, where it covers nothing)."""
    location, zoom = (list(view[:2]), view[2]) if view else (list(HOME_CENTER), HOME_MAX_ZOOM)
    m = OfflineMap(location=location, zoom_start=zoom, tiles=None, zoom_snap=0.25, zoom_delta=0.5)
    m.get_root().header.add_child(MapCss())
    tiles = tile_layer(basemap, vworld_key)
    if tiles is not None:
        tiles.add_to(m)
    regions_layer(municipalities, lang).add_to(m)
    # Points sit in their own panes above every line and polygon, so they stay clickable.
    for pane, z in PANES.items():
        single_pass.CustomPane(pane, z_index=z).add_to(m)
    if legend:
        Legend(lang).add_to(m)
    MetricScale().add_to(m)
    if not view:
        m.add_child(single_pass.FitBounds([list(c) for c in GYEONGGI_BOUNDS]))
    return m
