"""The sidebar: language, region, layers, lines and basemap, then the share, download
and upload boxes. Widgets show the run's state; their callbacks build the next state
from it (ui.state)."""

from __future__ import annotations

import os
from functools import partial

import streamlit as st

from geo.answers import downloads
from geo.core.i18n import name, t
from geo.core.vocabulary import LINES
from geo.domain.model import Model
from geo.state import share, url_state
from geo.state.url_state import LANGS, LAYERS, ViewState
from ui import print_box, upload_box
from ui import state as glue
from ui.a11y import skip_links
from ui.markdown import esc
from ui.search_box import search_box
from ui.table import view_switch


def controls(model: Model, state: ViewState) -> None:
    """Title, language, region, layer toggles, GTX lines and basemap."""
    lang = state.lang
    changed = partial(glue.on_widgets, state)
    st.title(t("title", lang), anchor=False)
    st.caption(t("subtitle", lang))
    st.segmented_control(
        t("language", lang),
        list(LANGS),
        key="w_lang",
        on_change=changed,
        format_func=lambda x: t(f"lang_name.{x}", lang),
    )
    regions = sorted(model.regions_by_slug.values(), key=lambda r: name(r, lang))
    labels = {r.slug: f"{r.name_ko} · {r.name_en}" for r in regions}
    st.selectbox(
        t("region", lang),
        ["", *labels],
        key="w_region",
        on_change=glue.on_region,
        args=(state,),
        placeholder=t("region_placeholder", lang),
        format_func=lambda s: labels[s] if s else t("none", lang),
    )
    st.markdown(f"**{t('layers', lang)}**")
    for layer in LAYERS:
        st.toggle(t(f"layer.{layer}", lang), key=f"w_layer_{layer}", on_change=changed)
    st.multiselect(
        t("gtx_lines", lang),
        list(LINES),
        key="w_lines",
        on_change=changed,
        format_func=lambda x: f"GTX-{x}",
        disabled="gtx" not in state.layers,
    )
    st.radio(
        t("basemap", lang),
        url_state.available_basemaps(glue.vworld_key() is not None),
        key="w_basemap",
        on_change=changed,
        format_func=lambda b: t(f"basemap.{b}", lang),
        horizontal=True,
    )


def configured_public_url() -> str | None:
    """The deployment's public address as configured: $GGM_PUBLIC_URL, else the `public_url`
    secret (docs/hosting.md). Not checked here: geo.state.share does that."""
    try:
        secret = st.secrets.get(share.PUBLIC_URL_SECRET)
    except Exception:  # no secrets.toml at all
        secret = None
    return share.configured_public_url(os.environ, secret)


def browser_url() -> str | None:
    """The address the browser used for the app (query and fragment dropped by Streamlit)."""
    return st.context.url


def app_base() -> str | None:
    """The address the share link is built on: the public address, else the browser's."""
    return share.public_base(configured_public_url(), browser_url())


def outbound_base() -> str | None:
    """The address prints, their QR code and the embed snippet carry: never a localhost one
    (None: they carry the relative link, and the share box asks the operator for the setting)."""
    return share.outbound_base(configured_public_url(), browser_url())


def share_link(state: ViewState) -> str:
    return share.view_url(app_base(), state)


def share_box(model: Model, state: ViewState, has_upload: bool) -> None:
    lang = state.lang
    box = st.expander(t("share", lang), icon=":material/share:", key="x_share", on_change="rerun")
    if not box.open:  # lazy: st.code's syntax highlighter (1.5 MB of JS) loads only when asked for
        return
    with box:
        link = share_link(state)
        st.code(link, language=None, wrap_lines=True)
        st.caption(t("share_help", lang))
        if has_upload:
            st.warning(t("upload_not_in_link", lang), icon=":material/link_off:")
        configured = configured_public_url()
        problem = share.public_url_problem(configured)
        if problem is not None:
            st.warning(esc(t("public_url_invalid", lang, reason=problem)), icon=":material/link_off:")
        base = outbound_base()
        if base is None:
            st.caption(":orange[" + esc(t("public_url_missing", lang)) + "]")
        print_box.print_buttons(model, state, share.view_url(base, state))
        print_box.embed_box(model, state, base)


def download_box(model: Model, state: ViewState) -> None:
    lang = state.lang
    box = st.expander(t("download", lang), icon=":material/download:", key="x_download", on_change="rerun")
    if not box.open:
        return
    with box:
        st.download_button(
            t("download_geojson", lang),
            lambda: downloads.visible_geojson(model, state),
            file_name="gyeonggi-growth-map.geojson",
            mime="application/geo+json",
        )
        st.download_button(
            t("download_csv", lang),
            lambda: downloads.regions_csv(model),
            file_name="gyeonggi-regions.csv",
            mime="text/csv",
        )
        st.download_button(
            t("download_milestones", lang),
            lambda: downloads.milestones_csv(model.data.timeline, lang),
            file_name="gyeonggi-milestones.csv",
            mime="text/csv",
        )


def sidebar(model: Model, state: ViewState) -> None:
    with st.sidebar:
        skip_links(state.lang)
        controls(model, state)
        view_switch(state)
        search_box(model, state)
        upload_box.upload_box(model, state.lang)
        share_box(model, state, has_upload=upload_box.has_upload())
        download_box(model, state)
        st.caption(t("footer", state.lang))
