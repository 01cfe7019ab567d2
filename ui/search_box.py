"""The sidebar's place search: type a name (Korean, romanized or initial consonants), pick a
result, and the link gets `at=lat,lng` (the place panel, and the map goes there). Names are as
on the map's day: a former name is found too, labelled with what happened to it."""

from __future__ import annotations

import streamlit as st

from geo.answers.place_index import index_for
from geo.core.i18n import t
from geo.data import gazetteer
from geo.domain.model import Model
from geo.state.url_state import ViewState, day_of
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
    day = day_of(state).isoformat()
    found = gazetteer.search(index_for(model).search, query, MAX_RESULTS, day)
    if not found:
        st.caption(t("search_none", lang))
        return
    for p in found:
        label = gazetteer.display_name(p, lang, day)
        context = p.context_en if lang == "en" else p.context_ko
        st.button(
            esc(f"{label} · {t(f'kind.{p.kind}', lang)}" + (f" · {context}" if context else "")),
            key=f"hit-{p.id}",
            on_click=glue.pick_place,
            args=(state, p.lat, p.lng),
            width="stretch",
        )
    st.caption(f"{t('search_source', lang)}; {t('search_renames', lang)}")
