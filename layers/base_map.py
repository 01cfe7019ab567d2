"""The base map: offline Leaflet, basemap tiles, the region boundaries and the legend.

Its script must stay the same across reruns (st_folium remounts the map when it
changes), so it depends only on the language and the basemap choice."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import folium
import geopandas as gpd
import xyzservices
from branca.element import Element, Figure, Template

from geo.core import palette
from geo.core.i18n import t
from geo.core.vocabulary import GYEONGGI_BOUNDS, HOME_CENTER, HOME_MAX_ZOOM
from layers import assets, instant_report, keyboard, motion, move_cause, place_gesture, single_pass, stacks
from layers.boundaries import regions_layer
from layers.delta_codec import Link
from layers.zoom_to import SCALE_CSS

PANES = {"sites": 610, "stations": 620}

TILES = {
    "osm": ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "&copy; OpenStreetMap contributors"),
    "light": (
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}.png",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
    "vworld": ("https://api.vworld.kr/req/wmts/1.0.0/{key}/Base/{z}/{y}/{x}.png", "&copy; V-World (국토교통부)"),
}


def _zoomable_map_template() -> Template:
    """folium.Map's template, with a viewport tag that lets a phone zoom the map's frame
    (folium's sets maximum-scale=1.0, user-scalable=no, against WCAG 1.4.4)."""
    template = Template(
        "{% macro header(this, kwargs) %}{{ base.header(this, kwargs)"
        "|replace('initial-scale=1.0, maximum-scale=1.0, user-scalable=no', 'initial-scale=1.0') }}{% endmacro %}"
        "{% macro html(this, kwargs) %}{{ base.html(this, kwargs) }}{% endmacro %}"
        "{% macro script(this, kwargs) %}{{ base.script(this, kwargs) }}{% endmacro %}"
    )
    template.globals["base"] = folium.Map._template.module
    return template


class OfflineMap(folium.Map, single_pass.PlainMacro):
    """folium.Map that loads only Leaflet, from the app's static folder."""

    _template = _zoomable_map_template()
    default_js = [("leaflet", f"{assets.URL}/leaflet.js")]  # noqa: RUF012 (folium's own attribute)
    default_css = [("leaflet_css", f"{assets.URL}/leaflet.css")]  # noqa: RUF012


class MapCss(Element):
    """The map's own CSS (a class-level template: nothing to compile per map)."""

    _template = Template(
        "<style>.leaflet-container{background:#eef2f5}.leaflet-tooltip{font-size:13px}"
        # No focus box around a polygon clicked with the mouse; keyboard focus still shows.
        ".leaflet-interactive:focus:not(:focus-visible){outline:none}"
        # On a phone-sized map the scale bar would run into the attribution: lift it above.
        "@media (max-width:480px){.leaflet-bottom.leaflet-left .leaflet-control-scale{margin-bottom:22px}}"
        + motion.CSS
        + keyboard.FOCUS_CSS
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
          {% for swatch, label in this.rows %}
          <div><span style="{{ swatch }};margin-right:5px;vertical-align:-1px"></span>{{ label }}</div>
          {% endfor %}
          <div>{% for line, colour in this.lines %}
               <span style="display:inline-block;border-bottom:3px solid {{ colour }};
               margin-right:6px;font-weight:600">{{ line }}</span>{% endfor %}</div>
          <div style="color:{{ this.note_colour }}">{{ this.note }}</div>
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
        self.rows = [(swatch_style(colour, shape, 10), label) for colour, label, shape in legend_rows(lang)]
        self.note_colour = palette.NOTE_TEXT
        self.lines = [(f"GTX-{line}", colour) for line, colour in palette.LINE.items()]
        self.note = t("legend.line_status", lang)


_BOX_BORDER = {None: "solid", "6 3": "dashed", "1 3": "dotted"}


def legend_rows(lang: str) -> list[tuple[str, str, str]]:
    """(colour, label, shape) for the legend, in the map or under it. Shapes: 'box' with a
    solid, dashed or dotted border ('box', 'box-dashed', 'box-dotted'), 'dot' (filled
    marker: operating) and 'ring' (hollow marker: not operating yet)."""
    return [
        (palette.REGION_FILL, t("legend.region", lang), "box"),
        *[(palette.CLUSTER[c], t(f"layer.{c}", lang), _box(palette.CLUSTER_DASH[c])) for c in palette.CLUSTER],
        (palette.SELECTED, t("legend.selected", lang), "box"),
        (palette.SITE["semiconductor"], t("legend.site", lang), "dot"),
        (palette.STATION_LINE, t("legend.station", lang), "dot"),
        (palette.NOTE_TEXT, t("legend.hollow", lang), "ring"),
    ]


def _box(dash: str | None) -> str:
    style = _BOX_BORDER[dash]
    return "box" if style == "solid" else f"box-{style}"


def swatch_style(colour: str, shape: str, size: int = 11) -> str:
    """Inline CSS for a legend swatch (colour from the palette, never from data)."""
    base = f"display:inline-block;width:{size}px;height:{size}px;box-sizing:border-box"
    if shape == "dot":
        return f"{base};border-radius:50%;background:{colour}"
    if shape == "ring":
        return f"{base};border-radius:50%;background:{palette.HOLLOW_FILL};border:2.5px solid {colour}"
    border = shape.split("-")[1] if "-" in shape else "solid"
    return f"{base};border-radius:2px;background:{colour}99;border:2px {border} {colour}"


def figure(m: folium.Map) -> Figure:
    """The page a map renders into (folium types get_root() as a plain Element)."""
    root = m.get_root()
    assert isinstance(root, Figure)
    return root


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
    memberships: Mapping[str, Sequence[str]] | None = None,
    link: Link | None = None,
) -> folium.Map:
    """The map whose script must not change between reruns: `view` (lat, lng, zoom) is
    where this mount opens; None fits Gyeonggi. `legend=False` leaves the legend to the
    page (the app draws it under the map, where it covers nothing). `memberships` (slug ->
    cluster ids) names each region's clusters in its tooltip and accessible name. `link`
    (layers.geometry_files.publish, the live app) serves the outlines as a file."""
    location, zoom = (list(view[:2]), view[2]) if view else (list(HOME_CENTER), HOME_MAX_ZOOM)
    # folium types zoom_start as int; Leaflet takes the fractional zooms that zoom_snap 0.25 gives.
    m = OfflineMap(location=location, zoom_start=zoom, tiles=None, zoom_snap=0.25, zoom_delta=0.5)  # type: ignore[arg-type]
    figure(m).header.add_child(MapCss())
    motion.ReducedMotion().add_to(m)  # first, before any layer reads the animation options
    tiles = tile_layer(basemap, vworld_key)
    if tiles is not None:
        tiles.add_to(m)
    regions_layer(municipalities, lang, memberships, link).add_to(m)
    # Points sit in their own panes above every line and polygon, so they stay clickable.
    for pane, z in PANES.items():
        single_pass.CustomPane(pane, z_index=z).add_to(m)
    if legend:
        Legend(lang).add_to(m)
    MetricScale().add_to(m)
    instant_report.InstantReport().add_to(m)
    keyboard.MapKeyboard(lang).add_to(m)
    place_gesture.PlaceGesture().add_to(m)
    move_cause.MoveCause().add_to(m)  # before the opening fit: that fit is the app's
    if not view:
        m.add_child(single_pass.FitBounds([list(c) for c in GYEONGGI_BOUNDS]))
    return m
