"""Layer builders, checked on the HTML folium renders."""

import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, box

from geo.core.i18n import t
from layers.base_map import OfflineMap, base_map
from layers.clusters import cluster_style_layer, region_styles
from layers.gtx import gtx_layer
from layers.peace_zone import peace_zone_layer
from layers.sites import sites_layer
from layers.stacks import stack_class
from tests.helpers import ROOT

EVIL = "<img src=x onerror=alert(1)>"


def _render(*groups, model=None, lang="ko"):
    m = base_map(model.data.display_municipalities, lang) if model else OfflineMap(location=[37.5, 127], tiles=None)
    for g in groups:
        g.add_to(m)
    return m.get_root().render()


def _no_raw(html: str):
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html


def test_base_map_region_classes_and_no_cdn(model):
    html = _render(model=model)
    slugs = set(re.findall(r"region-([a-z]+)", html))
    assert slugs == set(model.data.display_municipalities["slug"])
    srcs = re.findall(r'(?:src|href)="([^"]+)"', html)
    # Relative to the map's frame (/component/<name>/index.html), so a path prefix works too.
    assert srcs and all(s.startswith("../../app/static/vendor/leaflet/") for s in srcs), srcs
    assert "cdn" not in " ".join(srcs)
    # One metric scale bar (a Korean map has no use for miles).
    assert re.findall(r"L\.control\.scale\(([^)]*)\)", html) == ["{imperial: false}"]


def test_gtx_and_sites_classes(model):
    d = model.data
    html = _render(gtx_layer(d.lines, d.stations, set("ABCDEF"), "en"), sites_layer(d.sites, "en"), model=model)
    for sid in d.stations["id"]:
        assert f"station-{sid}" in html
    for sid in d.sites["id"]:
        assert f"site-{sid}" in html
    assert "L.CircleMarker" in html and "L.Marker(" not in html


def test_gtx_filters_lines(model):
    d = model.data
    html = _render(gtx_layer(d.lines, d.stations, {"A"}, "ko"))
    assert "gtx-line-a" in html and "gtx-line-b" not in html


def test_cluster_styles_follow_toggles_and_selection():
    memberships = {"yongin": ["semiconductor"], "hanam": ["ai"], "suwon": []}
    styles = region_styles(memberships, {"ai"}, "yongin")
    assert "fillColor" in styles["hanam"] and "suwon" not in styles
    assert styles["yongin"]["front"] and "fillColor" not in styles["yongin"]
    html = _render(cluster_style_layer(memberships, {"semiconductor"}, None))
    assert "setStyle" in html and '"yongin"' in html


def _evil(geometry, **fields):
    """A one-record GeoDataFrame whose names, in both languages, are EVIL."""
    return gpd.GeoDataFrame([{**fields, "name_ko": EVIL, "name_en": EVIL, "geometry": geometry}], crs=4326)


def _evil_frames():
    pt, stacked = Point(127.0, 37.4), {"location_precision": "municipality", "stack_size": 2}
    stations = _evil(pt, id="evil", lines=["A"], status="operating", stack_index=0, **stacked)
    lines = _evil(LineString([(127, 37.4), (127.1, 37.5)]), line="A", status="operating")
    sites = _evil(pt, id="evil", cluster="ai", status="planned", stack_index=1, **stacked)
    zone = _evil(box(127, 38, 127.2, 38.2), code="51780")
    munis = _evil(box(127, 37, 127.2, 37.2), slug="evil")
    return stations, lines, sites, zone, munis


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_property_values_are_escaped_in_tooltips(lang):
    stations, lines, sites, zone, munis = _evil_frames()
    m = base_map(munis, lang)
    for g in (gtx_layer(lines, stations, {"A"}, lang), sites_layer(sites, lang), peace_zone_layer(zone, lang)):
        g.add_to(m)
    html = m.get_root().render()
    _no_raw(html)
    # The tooltip text travels inside the embedded GeoJSON; decoded, it is the escaped form.
    payloads = re.findall(r"_add\((\{.*?\})\);", html, flags=re.S)
    tips = [f["properties"]["tip"] for p in payloads for f in json.loads(p)["features"]]
    assert len(tips) == 5
    assert all("&lt;img src=x onerror=alert(1)&gt;" in tip for tip in tips)
    assert sum(t("stack_note", lang, n=2) in tip for tip in tips) == 2  # the station and the site


def test_legend_in_the_map_or_left_to_the_page(model):
    with_legend = _render(model=model, lang="en")
    assert with_legend.count('class="ggm-legend"') == 1 and "GTX-F" in with_legend
    m = base_map(model.data.display_municipalities, "en", legend=False)
    assert "ggm-legend" not in m.get_root().render()


def test_markers_sharing_a_point_are_fanned_out():
    stations, lines, sites, _zone, munis = _evil_frames()
    m = base_map(munis, "en")
    gtx_layer(lines, stations, {"A"}, "en").add_to(m)
    sites_layer(sites, "en").add_to(m)
    html = m.get_root().render()
    assert "gtx-station station-evil stack-0-of-2" in html and "site site-evil stack-1-of-2" in html
    # The base map carries the offsets: two different translations for a pair.
    pair = re.findall(r"\.stack-(\d)-of-2\{transform:translate\(([-0-9.]+)px,([-0-9.]+)px\)\}", html)
    assert len(pair) == 2 and len({(x, y) for _, x, y in pair}) == 2
    assert stack_class(0, 1) == "" and stack_class(2, 2) == ""


def test_real_stacks_match_the_shared_points():
    """stack_size is the number of records on exactly that point; indexes are 0..n-1."""
    for f in ("gtx_stations.geojson", "sites.geojson"):
        g = gpd.read_file(ROOT / "data" / f)
        groups = g.groupby([g.geometry.x.round(7), g.geometry.y.round(7)])
        for _, grp in groups:
            assert set(grp["stack_size"]) == {len(grp)}
            assert sorted(grp["stack_index"]) == list(range(len(grp)))


# --- the zoom to a selection (layers/zoom_to.py) -------------------------------------------


def _fit(model, state):
    """The FitTo element of the state's zoom group and the script it renders on a bare map."""
    from layers.zoom_to import FitTo, zoom_layer

    group = zoom_layer(model, state)
    (fit,) = [c for c in group._children.values() if isinstance(c, FitTo)]
    return fit, _render(group)


@pytest.mark.parametrize(
    "selection, key",
    [
        ({"region": "yongin"}, "region:yongin"),
        ({"station": "dongtan"}, "station:dongtan"),
        ({"cluster": "ai"}, "cluster:ai"),
        ({}, "home"),
    ],
)
def test_a_links_view_wins_over_the_zoom_to_its_selection(model, selection, key):
    from geo.state.url_state import ViewState

    fitted, script = _fit(model, ViewState(**selection))
    assert fitted.fit and fitted.key == key
    assert f"key = {json.dumps(key)}" in script and ".fitBounds(" in script
    kept, script = _fit(model, ViewState(**selection, view=(37.3, 127.2, 11.0)))
    # The same selection is marked as fitted (so a later rerun does not jump either), but not moved to.
    assert not kept.fit and kept.key == key
    assert f"key = {json.dumps(key)}" in script and "m._ggmFit = key" in script
    assert ".fitBounds(" not in script


# --- the Peace Zone on the map, by date ---------------------------------------------------------


def _peace_zone_on_map(model, day):
    """(slugs coloured as Peace Zone members, codes drawn outside Gyeonggi) by the feature groups
    of the map on `day`."""
    from datetime import date

    from geo.core import palette
    from geo.state.url_state import ViewState
    from layers.clusters import RegionStyler
    from layers.view import feature_groups

    groups = {g.layer_name: g for g in feature_groups(model, ViewState(date=date.fromisoformat(day)))}
    (styler,) = [c for c in groups["cluster-style"]._children.values() if isinstance(c, RegionStyler)]
    colour = palette.CLUSTER["peace-zone"]
    coloured = {slug for slug, s in styler.styles.items() if s.get("fillColor") == colour}
    html = _render(groups["peace-zone"])
    outside = set(re.findall(r'"code":\s*"(\d+)"', html))
    return coloured, outside


def test_peace_zone_colouring_follows_the_date(model):
    # Gapyeong (Gyeonggi) and Sokcho (Gangwon) became eligible in October 2025.
    before_in, before_out = _peace_zone_on_map(model, "2024-06-01")
    after_in, after_out = _peace_zone_on_map(model, "2026-01-31")
    assert "gapyeong" not in before_in and "gapyeong" in after_in
    assert after_in - before_in == {"gapyeong"}
    assert "51210" not in before_out and "51210" in after_out
    assert after_out - before_out == {"51210"}
    assert {"paju", "yeoncheon", "gimpo"} <= before_in  # members all along
