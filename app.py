"""Gyeonggi Growth Map: the page's layout. State glue is in ui/state.py, the sidebar in
ui/sidebar.py, the panels in ui/panels.py, everything computed in geo/."""

from __future__ import annotations

import streamlit as st

from geo.core.i18n import PAGE_TITLE, t

st.set_page_config(page_title=PAGE_TITLE, page_icon="🗺️", layout="wide")

from ui import map_view, panels, reconnect, sidebar, story_panel, table, upload_box  # noqa: E402
from ui import state as glue  # noqa: E402
from ui.a11y import MAP_ANCHOR, PANEL_ANCHOR, anchor, page_styles  # noqa: E402
from ui.legend import legend_fold, legend_strip  # noqa: E402
from ui.markdown import esc  # noqa: E402
from ui.model_cache import load_model_or_stop  # noqa: E402
from ui.timeline import timeline_control, timeline_fold  # noqa: E402

page_styles()
model = load_model_or_stop()
state = glue.read_url(model)
notice = glue.notice_for(state)
if state.notices:
    st.toast(t("notice", state.lang, params=notice), icon="⚠️")
with st.container():  # always this slot, so the map keeps its place when the notice goes
    if notice:
        st.caption(":orange[" + esc(t("notice", state.lang, params=notice)) + "]")
glue.write_url(state)
glue.mirror_widgets(state)

# The map goes out first: its iframe then loads while the browser draws the rest.
map_col, panel_col = st.columns([5, 3], gap="medium")
with map_col:
    anchor(MAP_ANCHOR)
    map_view.draw_map(model, state, upload_box.read_upload(model))  # on a phone, the answer card under it
    with st.container(key=map_view.WIDE_KEY):  # a desktop's slider and legend strip
        timeline_control(model, state)
        legend_strip(state.lang)
    with st.container(key=map_view.FOLD_KEY):  # a phone's: folded, after the answer card
        timeline_fold(model, state)
        legend_fold(state.lang)
    table.description(model, state)
    if state.view_mode == "table":
        table.tables(model, state)
sidebar.sidebar(model, state)
with panel_col:
    anchor(PANEL_ANCHOR)
    story_panel.tour(model, state)
    panels.panel_for(model, state)
reconnect.rerun_on_reconnect()  # after a failover to another replica (ui/reconnect.py)
