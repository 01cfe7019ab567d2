"""The map on the page: a base map whose script stays constant (so st_folium never
remounts it), with everything that changes sent through feature_group_to_add."""

from __future__ import annotations

from functools import partial
from html import escape

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from geo.domain.model import Model
from geo.state import selection
from geo.state.url_state import ViewState, day_of
from layers.base_map import base_map
from layers.upload import upload_layer
from layers.view import feature_groups
from ui import state as glue

RETURNED = ["last_active_drawing", "last_object_clicked_count", selection.MOVE_KEY, "zoom", "center"]
# On a phone the map is shorter, so a selection's panel heading, which comes right under the
# map and its legend, is on the first screen. layers/zoom_to.py fits the map to the frame.
PHONE_CSS = (
    "<style>.ggm-phone-summary{display:none}@media (max-width: 640px){"
    "iframe[title='streamlit_folium.st_folium']{height:48vh !important;min-height:260px}"
    ".ggm-phone-summary{display:block;font-size:1.25rem;font-weight:600;margin:.25rem 0 0}}</style>"
)


def phone_summary(model: Model, state: ViewState) -> str | None:
    """The selection's name and kind, shown right under the map on a phone only (the panel
    itself comes after the legend and the timeline there)."""
    from geo.answers.locality import place_heading
    from geo.answers.place_index import index_for
    from geo.core.i18n import name, t

    lang = state.lang
    if state.region:
        head, kind = name(model.region(state.region), lang), t("region", lang)
    elif state.station:
        head, kind = name(model.station(state.station), lang), t("station_panel", lang)
    elif state.cluster:
        head, kind = name(model.cluster(state.cluster), lang), t("cluster_badge", lang)
    elif state.at:
        head, kind = place_heading(index_for(model), *state.at, lang, day_of(state)), t("place_panel", lang)
    else:
        return None
    return f'<p class="ggm-phone-summary" role="heading" aria-level="2">{escape(head)} · {escape(kind)}</p>'


def draw_map(model: Model, state: ViewState, user_layer: gpd.GeoDataFrame | None = None) -> None:
    key = glue.vworld_key()
    m = base_map(
        model.data.display_municipalities,
        state.lang,
        state.basemap,
        key,
        glue.mount_view(state, key),
        legend=False,
        memberships=model.memberships,
    )
    st.html(PHONE_CSS)
    groups = feature_groups(model, state) + ([upload_layer(user_layer)] if user_layer is not None else [])
    st_folium(
        m,
        key=glue.MAP_KEY,
        height=640,
        use_container_width=True,
        returned_objects=RETURNED,
        feature_group_to_add=groups,
        on_change=partial(glue.on_map, state, model),
    )
    summary = phone_summary(model, state)
    if summary:
        st.html(summary)
