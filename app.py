"""Gyeonggi Growth Map: wires URL state, widgets, the map and the panels together."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from geo.i18n import PAGE_TITLE, name, t

st.set_page_config(page_title=PAGE_TITLE, page_icon="🗺️", layout="wide")

from streamlit_folium import st_folium  # noqa: E402

from geo import downloads, io, selection, upload, url_state  # noqa: E402
from geo.model import Model, build  # noqa: E402
from geo.url_state import LAYERS, LINES, ViewState  # noqa: E402
from layers import assets  # noqa: E402
from layers.base_map import HOME_CENTER, HOME_MAX_ZOOM, base_map  # noqa: E402
from layers.upload import upload_layer  # noqa: E402
from layers.view import feature_groups  # noqa: E402
from ui import panels  # noqa: E402
from ui.a11y import page_styles  # noqa: E402
from ui.legend import legend_strip  # noqa: E402

MAP_KEY = "map"


@st.cache_resource
def _static_assets() -> str:
    return str(assets.install_static())


@st.cache_data(show_spinner=False)
def load_model() -> Model:
    return build()


def read_state(model: Model) -> ViewState:
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    return url_state.parse(params, model.known)


def write_state(state: ViewState) -> None:
    wanted = url_state.serialize(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def state_from_widgets(model: Model) -> ViewState:
    ss = st.session_state
    prev = read_state(model)
    layers = frozenset(layer for layer in LAYERS if ss.get(f"w_layer_{layer}", layer in prev.layers))
    lines = frozenset(ss.get("w_lines", sorted(prev.lines))) or frozenset(LINES)
    return ViewState(
        region=prev.region,
        station=prev.station,
        cluster=prev.cluster,
        layers=layers,
        lines=lines,
        lang=ss.get("w_lang", prev.lang),
        basemap=ss.get("w_basemap", prev.basemap),
        view=prev.view,
    )


def main() -> None:
    _static_assets()
    page_styles()
    try:
        model = load_model()
    except io.DataError as exc:
        st.error(f"{t('data_error_title', 'ko')} / {t('data_error_title', 'en')}")
        st.markdown(panels.esc(f"{t('data_error_help', 'ko')} {t('data_error_help', 'en')}"))
        st.code(f"file:    {exc.file}\nfield:   {exc.field or '-'}\nproblem: {exc.problem}", language=None)
        st.stop()

    ss = st.session_state
    state = read_state(model)
    lang = state.lang
    if state.notices:
        ss["notice"] = ", ".join(state.notices)
        st.toast(t("notice", lang, params=ss["notice"]), icon="⚠️")
    # Always this slot, so the map keeps its place (and is not remounted) when the notice goes.
    with st.container():
        if ss.get("notice"):  # stays until the user changes the view
            st.caption(":orange[" + panels.esc(t("notice", lang, params=ss["notice"])) + "]")
    write_state(state)

    def user_change(new: ViewState) -> None:
        ss.pop("notice", None)
        write_state(new)

    def on_widgets() -> None:
        user_change(state_from_widgets(model))

    def on_region() -> None:
        slug = st.session_state.get("w_region") or None
        user_change(read_state(model).select("region" if slug else None, slug))

    def select(kind: str | None, value: str | None = None) -> None:
        user_change(read_state(model).select(kind, value))

    def on_map() -> None:
        event = selection.map_event(ss.get(MAP_KEY), model.known, ss.get("map_clicks"), HOME_CENTER, HOME_MAX_ZOOM)
        ss["map_clicks"] = event.clicks
        new = read_state(model)
        if event.view or event.at_home:
            new = replace(new, view=event.view)
        if event.picked:
            user_change(new.select(*event.picked))
        else:
            write_state(new)

    # Widgets mirror the URL on every run.
    ss["w_lang"] = lang
    ss["w_region"] = state.region or ""
    for layer in LAYERS:
        ss[f"w_layer_{layer}"] = layer in state.layers
    ss["w_lines"] = sorted(state.lines)
    ss["w_basemap"] = state.basemap

    # The map goes out first: its iframe then loads while the browser draws the rest.
    user_layer = read_upload(model)
    map_col, panel_col = st.columns([5, 3], gap="medium")
    with map_col:
        draw_map(model, state, on_map, extra=[upload_layer(user_layer)] if user_layer is not None else [])
        legend_strip(lang)

    with st.sidebar:
        st.title(t("title", lang), anchor=False)
        st.caption(t("subtitle", lang))
        st.segmented_control(t("language", lang), ["ko", "en"], key="w_lang", on_change=on_widgets,
                             format_func=lambda x: t(f"lang_name.{x}", lang))
        munis = model.region_table.set_index("slug")
        st.selectbox(
            t("region", lang), [""] + sorted(munis.index, key=lambda s: name(munis.loc[s], lang)), key="w_region",
            on_change=on_region, placeholder=t("region_placeholder", lang),
            format_func=lambda s: f"{munis.loc[s, 'name_ko']} · {munis.loc[s, 'name_en']}" if s else t("none", lang),
        )
        st.markdown(f"**{t('layers', lang)}**")
        for layer in LAYERS:
            st.toggle(t(f"layer.{layer}", lang), key=f"w_layer_{layer}", on_change=on_widgets)
        st.multiselect(t("gtx_lines", lang), list(LINES), key="w_lines", on_change=on_widgets,
                       format_func=lambda x: f"GTX-{x}", disabled="gtx" not in state.layers)
        basemaps = ["osm", "light", "none"] + (["vworld"] if _vworld_key() else [])
        if ss["w_basemap"] not in basemaps:
            ss["w_basemap"] = "osm"
        st.radio(t("basemap", lang), basemaps, key="w_basemap", on_change=on_widgets,
                 format_func=lambda b: t(f"basemap.{b}", lang), horizontal=True)
        upload_box(model, lang)
        share_box(state, lang, has_upload="gdf" in ss.get("upload", {}))
        download_box(model, state, lang)
        st.caption(t("footer", lang))

    with panel_col:
        if state.region:
            panels.region(model, state.region, lang, open_cluster=lambda c: select("cluster", c))
        elif state.station:
            panels.station(model, state.station, lang)
        elif state.cluster:
            panels.cluster(model, state.cluster, lang)
        else:
            panels.overview(model, lang, open_cluster=lambda c: select("cluster", c))
        if state.region or state.station or state.cluster:
            st.button(t("back", lang), on_click=select, args=(None,), key="back")


def _vworld_key() -> str | None:
    try:
        return st.secrets.get("vworld_key") or None
    except Exception:  # no secrets.toml at all
        return None


def mount_view(state: ViewState, vworld_key: str | None) -> tuple[float, float, float] | None:
    """Where the map opens. Kept for as long as the base map's script is the same (its
    language and basemap): a new script remounts the map anyway, and opens at the URL's
    view then. Moving the map never changes the script, so it never remounts it."""
    ss = st.session_state
    mount = (state.lang, state.basemap, vworld_key)
    if ss.get("map_mount", (None,))[:3] != mount:
        ss["map_mount"] = (*mount, state.view)
    return ss["map_mount"][3]


def draw_map(model: Model, state: ViewState, on_map, extra: list | None = None) -> None:
    key = _vworld_key()
    m = base_map(model.data.municipalities, state.lang, state.basemap, key, mount_view(state, key), legend=False,
                 memberships=model.memberships)
    groups = feature_groups(model, state) + (extra or [])
    st_folium(
        m,
        key=MAP_KEY,
        height=640,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count", "zoom", "center"],
        feature_group_to_add=groups,
        on_change=on_map,
    )


def read_upload(model: Model):
    """The session-only user layer, read from the uploader's state before the sidebar draws
    it: its GeoDataFrame when it should be drawn, else None."""
    ss = st.session_state
    f = ss.get("w_upload")
    if f is None:
        ss.pop("upload", None)
        return None
    if ss.get("upload", {}).get("file_id") != f.file_id:
        try:
            gdf = upload.read(f.name, f.getvalue())
            ss["upload"] = {"file_id": f.file_id, "gdf": gdf, "summary": upload.summarise(gdf, model)}
        except upload.UploadError as exc:
            ss["upload"] = {"file_id": f.file_id, "error": exc.reason}
    up = ss["upload"]
    return up.get("gdf") if ss.get("w_layer_upload", True) else None


def upload_box(model: Model, lang: str) -> None:
    ss = st.session_state
    box = st.expander(t("upload", lang), icon=":material/upload_file:", expanded="upload" in ss,
                      key="x_upload", on_change="rerun")
    if not (box.open or "upload" in ss):  # lazy: a closed box sends nothing to the page
        return
    with box:
        st.file_uploader(t("upload", lang), type=["geojson", "json", "zip"], key="w_upload",
                         label_visibility="collapsed")
        st.caption(t("upload_help", lang))
        up = ss.get("upload")
        if up is None:
            return
        if "error" in up:
            st.error(t(f"upload.err.{up['error']}", lang))
            return
        upload_summary(model, up["summary"], lang)
        st.toggle(t("layer.upload", lang), value=True, key="w_layer_upload")


def upload_summary(model: Model, s: upload.Summary, lang: str) -> None:
    clusters = {c["id"]: name(c, lang) for c in model.data.projects["cluster"]}
    regions = model.region_table.set_index("slug")
    none = t("upload_none", lang)
    rows = [
        (t("upload_features", lang), f"{s.features:,}"),
        (t("upload_size", lang), t("km2", lang, v=s.area_km2) if s.area_km2 is not None
         else t("km", lang, v=s.length_km) if s.length_km is not None else "-"),
        (t("upload_touches_clusters", lang), ", ".join(clusters[c] for c in s.clusters) or none),
        (t("upload_touches_regions", lang), ", ".join(name(regions.loc[r], lang) for r in s.regions) or none),
    ]
    if s.nearest_station:
        stn = model.data.stations.set_index("id").loc[s.nearest_station]
        rows.append((t("upload_nearest", lang), f"{name(stn, lang)} ({t('km', lang, v=s.nearest_km)})"))
    st.markdown(f"**{t('upload_summary', lang)}**  \n" + "  \n".join(f"{panels.esc(k)}: {panels.esc(v)}" for k, v in rows))


def share_box(state: ViewState, lang: str, has_upload: bool = False) -> None:
    box = st.expander(t("share", lang), icon=":material/share:", key="x_share", on_change="rerun")
    if not box.open:  # lazy: st.code's syntax highlighter (1.5 MB of JS) loads only when asked for
        return
    with box:
        query = urlencode(url_state.serialize(state), safe=",")
        base = (st.context.url or "").split("?")[0]
        st.code(f"{base}?{query}", language=None, wrap_lines=True)
        st.caption(t("share_help", lang))
        if has_upload:
            st.warning(t("upload_not_in_link", lang), icon=":material/link_off:")


def download_box(model: Model, state: ViewState, lang: str) -> None:
    box = st.expander(t("download", lang), icon=":material/download:", key="x_download", on_change="rerun")
    if not box.open:
        return
    with box:
        st.download_button(t("download_geojson", lang), lambda: downloads.visible_geojson(model, state),
                           file_name="gyeonggi-growth-map.geojson", mime="application/geo+json")
        st.download_button(t("download_csv", lang), lambda: downloads.regions_csv(model),
                           file_name="gyeonggi-regions.csv", mime="text/csv")


main()
