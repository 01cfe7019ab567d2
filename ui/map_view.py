"""The map on the page: a base map whose script stays constant (so st_folium never
remounts it), with everything that changes sent through feature_group_to_add."""

from __future__ import annotations

from functools import partial
from html import escape

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from geo.answers.phone_card import PhoneCard, phone_card
from geo.core import clock
from geo.core.i18n import t
from geo.domain.model import Model
from geo.state import selection
from geo.state.url_state import ViewState
from layers import geometry_files
from layers.base_map import base_map
from layers.upload import upload_layer
from layers.view import feature_groups
from ui import state as glue
from ui.a11y import PANEL_ANCHOR

RETURNED = ["last_active_drawing", "last_object_clicked_count", selection.MOVE_KEY, "zoom", "center"]
# Containers that app.py and draw_map fill (Streamlit gives a keyed container the class st-key-<key>).
CARD_KEY = "ggm_phone_card"  # the answer card: phones only
WIDE_KEY = "ggm_wide"  # the slider and the legend strip as they are on a desktop
FOLD_KEY = "ggm_fold"  # the same two folded into expanders: phones only
PHONE_WIDTH_PX = 640  # Streamlit stacks the columns at this width too
# On a phone the map takes about 45 % of the screen's height, and the answer card comes right
# under it, before the slider and the legend (folded into expanders there): a shared link's
# answer is on the first screen. layers/zoom_to.py fits the map to the frame. Desktops see
# neither the card nor the folds.
PHONE_CSS = (
    "<style>"
    f"@media (min-width: {PHONE_WIDTH_PX + 1}px){{.st-key-{CARD_KEY},.st-key-{FOLD_KEY}{{display:none}}}}"
    f"@media (max-width: {PHONE_WIDTH_PX}px){{"
    "iframe[title='streamlit_folium.st_folium']{height:45vh !important;min-height:260px}"
    f".st-key-{WIDE_KEY}{{display:none}}}}"
    ".ggm-card{border:1px solid #cbd5e0;border-radius:8px;padding:.5rem .75rem;line-height:1.4}"
    ".ggm-card p{margin:0 0 .2rem}"
    ".ggm-card-name{font-size:1.2rem;font-weight:600}"
    ".ggm-card-kind{font-size:.85rem;font-weight:400;color:#4f5360}"
    ".ggm-card-figure{font-weight:600}"
    "</style>"
)


def card_html(card: PhoneCard, lang: str) -> str:
    """The answer card: name (and kind), status on the date, key figure, and a link down to the
    full panel. Every text is HTML-escaped."""
    return (
        f'<div class="ggm-card" role="group" aria-label="{escape(t("card.label", lang))}">'
        f'<p class="ggm-card-name" role="heading" aria-level="2">{escape(card.name)}'
        f' <span class="ggm-card-kind">· {escape(card.kind_label)}</span></p>'
        f'<p class="ggm-card-status">{escape(card.status)}</p>'
        f'<p class="ggm-card-figure">{escape(card.key_figure)}</p>'
        f'<a class="ggm-card-details" href="#{escape(PANEL_ANCHOR)}">{escape(t("card.details", lang))} ↓</a>'
        "</div>"
    )


def answer_card(model: Model, state: ViewState) -> None:
    """Under the map, on a phone only: the selection's answer card (nothing for the overview)."""
    card = phone_card(model, state, clock.today())
    if card is not None:
        with st.container(key=CARD_KEY):
            st.html(card_html(card, state.lang))


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
        link=geometry_files.publish,
    )
    st.html(PHONE_CSS)
    groups = feature_groups(model, state, geometry_files.publish)
    if user_layer is not None:
        groups.append(upload_layer(user_layer))
    st_folium(
        m,
        key=glue.MAP_KEY,
        height=640,
        use_container_width=True,
        returned_objects=RETURNED,
        feature_group_to_add=groups,
        on_change=partial(glue.on_map, state, model),
    )
    answer_card(model, state)
