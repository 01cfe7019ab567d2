"""Page-level accessibility: CSS the Streamlit theme cannot express, skip links and their targets.

Streamlit draws st.caption at 60 % opacity, which leaves grey caption text (and its
links) below the WCAG AA 4.5:1 contrast ratio on white and on the sidebar's grey.
Here captions are drawn opaque in a grey that passes on both (see docs/accessibility.md).

The skip links sit at the top of the sidebar, the first thing Tab reaches on the page;
they stay out of sight until focused."""

from __future__ import annotations

from html import escape

import streamlit as st

from geo.core.i18n import t
from layers import keyboard

CAPTION_GREY = "#4f5360"  # 7.6:1 on white, 6.8:1 on the sidebar's #f0f2f6
MAP_ANCHOR = "ggm-map"
PANEL_ANCHOR = keyboard.PANEL_ANCHOR  # the map's keyboard script looks for it

PAGE_CSS = (
    "<style>"
    f'[data-testid="stCaptionContainer"]{{opacity:1;color:{CAPTION_GREY}}}'
    ".ggm-skip{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}"
    ".ggm-skip:focus{position:static;width:auto;height:auto;display:inline-block;margin:0 8px 6px 0;"
    "padding:4px 8px;background:#fff;color:#1a202c;border:2px solid #1a202c;border-radius:4px}"
    ".ggm-anchor:focus{outline:none}"
    # Elements that draw nothing take no room (an absolutely placed flex item leaves no gap).
    ".element-container:has(.ggm-anchor),.element-container:has(.ggm-words){position:absolute}"
    "</style>"
)


def page_styles() -> None:
    st.html(PAGE_CSS)


def skip_links(lang: str) -> None:
    st.html(
        f'<nav aria-label="{escape(t("skip.map", lang))}">'
        f'<a class="ggm-skip" href="#{MAP_ANCHOR}">{escape(t("skip.map", lang))}</a>'
        f'<a class="ggm-skip" href="#{PANEL_ANCHOR}">{escape(t("skip.panel", lang))}</a></nav>'
    )


def anchor(anchor_id: str) -> None:
    """A skip link's target: focusable from the link, not a Tab stop of its own."""
    st.html(f'<div id="{escape(anchor_id)}" class="ggm-anchor" tabindex="-1"></div>')
