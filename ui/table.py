"""The map's text equivalent: a Map / Table switch (`view_mode` in the URL), sortable tables
of the regions, stations and sites, and the map described in words.

Picking a row makes the same selection as a click on the map (a site opens its region, as a
site marker does). The tables are built from the model only; st.dataframe shows every value
as text, so nothing from the data reaches the page as HTML."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from html import escape

import pandas as pd
import streamlit as st

from geo.answers.describe import describe
from geo.core.i18n import name, status_label, t
from geo.core.vocabulary import LINES
from geo.domain.model import Model
from geo.state.url_state import VIEW_MODES, ViewState
from layers.gtx import keyboard_order
from ui import state as glue

SWITCH_KEY = "w_view_mode"
# Read by screen readers, not drawn (the usual "visually hidden" pattern).
SR_ONLY = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;margin:-1px"


def _on_switch(state: ViewState) -> None:
    mode = st.session_state.get(SWITCH_KEY) or "map"
    glue.change(replace(state, view_mode=mode))


def view_switch(state: ViewState) -> None:
    """Map / Table in the sidebar, mirroring the URL (set before the widget is drawn, like every
    widget)."""
    st.session_state[SWITCH_KEY] = state.view_mode
    st.segmented_control(
        t("view_mode", state.lang),
        list(VIEW_MODES),
        key=SWITCH_KEY,
        on_change=_on_switch,
        args=(state,),
        format_func=lambda m: t(f"view_mode.{m}", state.lang),
    )


def region_rows(model: Model, lang: str) -> tuple[list[str], pd.DataFrame]:
    regions = sorted(model.regions_by_slug.values(), key=lambda r: name(r, lang))
    frame = pd.DataFrame(
        {
            t("region", lang): [name(r, lang) for r in regions],
            t("clusters", lang): [", ".join(t(f"layer.{c}", lang) for c in r.clusters) for r in regions],
            t("table.area_km2", lang): [round(r.area_km2, 1) for r in regions],
            t("stations", lang): [len(r.station_ids) for r in regions],
            t("sites", lang): [len(r.site_ids) for r in regions],
            t("table.within_10km", lang): [round(r.share_within_10km * 100) for r in regions],
        }
    )
    return [r.slug for r in regions], frame


def station_rows(model: Model, lang: str) -> tuple[list[str], pd.DataFrame]:
    # In the map's keyboard order: line by line, each from its northern end along the track.
    order = keyboard_order(model.data.lines, model.data.stations, set(LINES))
    stations = sorted(model.stations_by_id.values(), key=lambda s: order.get(s.id, len(order)))
    outside = t("table.outside", lang)
    frame = pd.DataFrame(
        {
            t("station_panel", lang): [name(s, lang) for s in stations],
            t("lines", lang): [", ".join(f"GTX-{x}" for x in s.lines) for s in stations],
            t("status", lang): [status_label(s.status, lang) for s in stations],
            t("opened", lang): [s.opened or t("not_open", lang) for s in stations],
            t("region", lang): [name(model.region(s.region), lang) if s.region else outside for s in stations],
        }
    )
    return [s.id for s in stations], frame


def site_rows(model: Model, lang: str) -> tuple[list[str], pd.DataFrame]:
    sites = model.data.sites
    region = [model.site_region.get(i) for i in sites["id"]]
    frame = pd.DataFrame(
        {
            t("sites", lang): [name(r, lang) for _, r in sites.iterrows()],
            t("status", lang): [status_label(s, lang) for s in sites["status"]],
            t("region", lang): [name(model.region(g), lang) if g else t("table.outside", lang) for g in region],
            t("table.site_area_m2", lang): [None if pd.isna(a) else float(a) for a in sites["area_m2"]],
            t("table.investment_trillion", lang): [
                None if pd.isna(v) else round(float(v) / 1e12, 2) for v in sites["investment_krw"]
            ],
        }
    )
    # A site opens the region it lies in, as its marker does on the map.
    return [g or "" for g in region], frame


def _picked(state: ViewState, kind: str, ids: list[str], key: str) -> None:
    rows = st.session_state[key]["selection"]["rows"]
    if rows and ids[rows[0]]:
        glue.change(state.select(kind, ids[rows[0]]))


def _table(state: ViewState, kind: str, title: str, ids: list[str], frame: pd.DataFrame) -> None:
    st.subheader(title, anchor=False)
    # Keyed by the selection, so a table forgets its picked row once the selection moves on.
    key = f"table_{title}_{state.region}_{state.station}"
    st.dataframe(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        on_select=partial(_picked, state, kind, ids, key),
        selection_mode="single-row",
    )


def tables(model: Model, state: ViewState) -> None:
    """The three tables, sortable by any column (click its header)."""
    lang = state.lang
    st.caption(t("table.help", lang))
    _table(state, "region", t("table.regions", lang), *region_rows(model, lang))
    _table(state, "station", t("stations", lang), *station_rows(model, lang))
    _table(state, "region", t("sites", lang), *site_rows(model, lang))


def description(model: Model, state: ViewState) -> None:
    """The map in words: shown in the table view, read out (not drawn) beside the map."""
    text = describe(model, state)
    heading = t("describe.heading", state.lang)
    if state.view_mode == "table":
        st.subheader(heading, anchor=False)
        st.text(text)
    else:
        label = escape(heading)
        st.html(
            f'<div class="ggm-words" style="{SR_ONLY}" role="region" aria-label="{label}"><p>{escape(text)}</p></div>'
        )
