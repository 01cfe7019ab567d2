"""In the share box: print the view (PNG / PDF / SVG) and the `<iframe>` embed snippet.

A print is made only when its button is clicked (st.download_button with a callable), and
matplotlib is imported only then: opening the page or the share box renders nothing."""

from __future__ import annotations

from functools import partial

import streamlit as st

from geo.answers import naming
from geo.core import clock
from geo.core.i18n import t
from geo.domain.model import Model
from geo.printing.formats import FORMATS
from geo.state import share, site_pages
from geo.state.url_state import ViewState


def labels(lang: str) -> dict[str, str]:
    """Each print format's button label (geo.printing.formats.FORMATS), from the string table."""
    return {"png": t("download_png", lang), "pdf": t("download_pdf", lang), "svg": t("download_svg", lang)}


def file_stem(state: ViewState) -> str:
    """gyeonggi-growth-map[-<selection>]: ids are slug-shaped, so safe in a file name."""
    picked = state.region or state.station or state.cluster
    return "gyeonggi-growth-map" + (f"-{picked}" if picked else "")


def print_bytes(model: Model, state: ViewState, fmt: str, link: str) -> bytes:
    from geo.printing import render as print_map  # matplotlib loads here, on the first click, not with the page

    return print_map.render(model, state, fmt, link, clock.today())


def print_buttons(model: Model, state: ViewState, link: str) -> None:
    lang = state.lang
    cols = st.columns(len(FORMATS))
    label = labels(lang)
    for col, (fmt, page) in zip(cols, FORMATS.items(), strict=True):
        col.download_button(
            label[fmt],
            partial(print_bytes, model, state, fmt, link),  # called on click only
            file_name=f"{file_stem(state)}.{page.ext}",
            mime=page.mime,
            key=f"print-{fmt}",
            on_click="ignore",
            icon=":material/image:" if fmt == "png" else ":material/picture_as_pdf:" if fmt == "pdf" else None,
        )


def embed_box(model: Model, state: ViewState, base: str | None) -> None:
    lang = state.lang
    st.markdown(f"**{t('embed', lang)}**")
    st.code(share.embed_snippet(base, state, naming.embed_title(model, state)), language="html", wrap_lines=True)
    st.caption(t("embed_help", lang))
    static_page_box(model, state)


def static_page_box(model: Model, state: ViewState) -> None:
    """The view's static page (`make site`) as a link with a preview and as an embed, when the
    site's address is configured (GGM_SITE_URL) and the view has a page: its readers are then
    served by the static host, not by the app."""
    base = site_pages.site_url()
    url = site_pages.page_url(base, state) if base else None
    if url is None:
        return
    lang = state.lang
    st.markdown(f"**{t('site.preview_link', lang)}**")
    st.code(url, language=None, wrap_lines=True)
    st.caption(t("site.preview_help", lang))
    st.markdown(f"**{t('site.embed', lang)}**")
    st.code(site_pages.embed_snippet(url, naming.embed_title(model, state)), language="html", wrap_lines=True)
