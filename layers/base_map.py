"""The base map: offline Leaflet, basemap tiles, the region boundaries and the legend.

Its script must stay the same across reruns (st_folium remounts the map when it
changes), so it depends only on the language and the basemap choice."""

from __future__ import annotations

import folium
import geopandas as gpd
from branca.element import MacroElement, Template

from geo.i18n import t
from layers import assets, palette
from layers.boundaries import regions_layer

PANES = {"sites": 610, "stations": 620}
GYEONGGI_BOUNDS = [[36.89, 126.36], [38.30, 127.86]]

TILES = {
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "&copy; OpenStreetMap contributors"),
    "light": (
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
    "vworld": ("https://api.vworld.kr/req/wmts/1.0.0/{key}/Base/{z}/{y}/{x}.png", "&copy; V-World (국토교통부)"),
}


class OfflineMap(folium.Map):
    """folium.Map that loads only Leaflet, from the app's static folder."""

    default_js = [("leaflet", f"{assets.URL}/leaflet.js")]
    default_css = [("leaflet_css", f"{assets.URL}/leaflet.css")]


class Legend(MacroElement):
    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="ggm-legend" style="position:absolute;bottom:18px;left:10px;z-index:1000;
             background:rgba(255,255,255,.92);padding:6px 9px;border-radius:6px;font:12px/1.45 sans-serif;
             box-shadow:0 1px 4px rgba(0,0,0,.3);max-width:260px">
          <b>{{ this.title }}</b>
          {% for colour, label, shape in this.rows %}
          <div><span style="display:inline-block;width:12px;height:12px;margin-right:5px;vertical-align:-2px;
               {% if shape == 'dot' %}border-radius:50%;{% endif %}background:{{ colour }};opacity:.85"></span>{{ label }}</div>
          {% endfor %}
          <div style="color:#4a5568">{{ this.note }}</div>
        </div>
        {% endmacro %}
        """
    )

    def __init__(self, lang: str):
        super().__init__()
        self._name = "Legend"
        self.title = t("legend", lang)
        self.rows = [
            (palette.REGION_FILL, t("legend.region", lang), "box"),
            *[(palette.CLUSTER[c], t(f"layer.{c}", lang), "box") for c in palette.CLUSTER],
            (palette.SELECTED, t("legend.selected", lang), "box"),
            (palette.SITE["semiconductor"], t("legend.site", lang), "dot"),
            *[(palette.LINE[line], f"GTX-{line}", "box") for line in palette.LINE],
        ]
        self.note = t("legend.line_status", lang)


def tile_layer(basemap: str, vworld_key: str | None) -> folium.TileLayer | None:
    if basemap == "none" or (basemap == "vworld" and not vworld_key):
        return None
    url, attr = TILES[basemap]
    return folium.TileLayer(url.replace("{key}", vworld_key or ""), attr=attr, max_zoom=18, name=basemap)


def base_map(municipalities: gpd.GeoDataFrame, lang: str, basemap: str = "osm", vworld_key: str | None = None) -> folium.Map:
    m = OfflineMap(location=[37.55, 127.1], zoom_start=9, tiles=None, prefer_canvas=False, control_scale=True)
    m.get_root().header.add_child(
        folium.Element("<style>.leaflet-container{background:#eef2f5}.leaflet-tooltip{font-size:13px}</style>")
    )
    tiles = tile_layer(basemap, vworld_key)
    if tiles is not None:
        tiles.add_to(m)
    regions_layer(municipalities, lang).add_to(m)
    # Points sit in their own panes above every line and polygon, so they stay clickable.
    for pane, z in PANES.items():
        folium.map.CustomPane(pane, z_index=z).add_to(m)
    Legend(lang).add_to(m)
    m.fit_bounds(GYEONGGI_BOUNDS)
    return m
