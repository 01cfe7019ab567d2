"""The sidebar's place search: type a name (Korean, romanized or initial consonants), pick a
result, and the link gets `at=lat,lng` (the place panel, and the map goes there)."""

from __future__ import annotations

import streamlit as st

from geo.answers.place_index import index_for
from geo.core.i18n import t
from geo.data import gazetteer
from geo.domain.model import Model
from geo.state.url_state import ViewState
from ui import state as glue
from ui.markdown import esc

MAX_RESULTS = 8


def search_box(model: Model, state: ViewState) -> None:
    lang = state.lang
    query = st.text_input(
        t("search", lang), key="w_search", placeholder=t("search_placeholder", lang), max_chars=gazetteer.MAX_QUERY_LEN
    )
    if not query or not query.strip():
        st.caption(t("search_gesture", lang))
        return
    found = gazetteer.search(index_for(model).search, query, MAX_RESULTS)
    if not found:
        st.caption(t("search_none", lang))
        return
    for p in found:
        label = p.name_en if lang == "en" else p.name_ko
        context = p.context_en if lang == "en" else p.context_ko
        st.button(
            esc(f"{label} · {t(f'kind.{p.kind}', lang)}" + (f" · {context}" if context else "")),
            key=f"hit-{p.id}",
            on_click=glue.pick_place,
            args=(state, p.lat, p.lng),
            width="stretch",
        )
    st.caption(t("search_source", lang))
