"""The guided tour above the panel (data/story.toml, geo/answers/story.py): the step's heading, text
and sources, Previous / Next, and a plain link to every step. A tour step is a view state
like any other: Previous and Next open the step's own state, and the user may change it."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from geo.answers import story
from geo.core.i18n import t
from geo.domain.model import Model
from geo.state import url_state
from geo.state.url_state import ViewState
from ui import state as glue
from ui.markdown import esc, link


def step_query(story_id: str, number: int, lang: str) -> str:
    """The link to a step: bare, so it opens the step's own state."""
    return "?" + urlencode({"story": story_id, "step": number, "lang": lang})


def open_step(model: Model, state: ViewState, number: int) -> None:
    assert state.story is not None
    glue.change(url_state.parse({"story": state.story, "step": str(number), "lang": state.lang}, model.known))


def start(model: Model, state: ViewState, story_id: str) -> None:
    glue.change(url_state.parse({"story": story_id, "lang": state.lang}, model.known))


def close(state: ViewState) -> None:
    glue.change(replace(state, story=None, step=None))


def tour(model: Model, state: ViewState) -> None:
    """The step card when a tour is open; on the overview, a button that starts one."""
    lang = state.lang
    if not state.story or not state.step:
        if not (state.region or state.station or state.cluster):
            for s in model.stories.values():
                st.button(
                    t("story.start", lang, title=s.title[lang]),
                    key=f"story-start-{s.id}",
                    on_click=start,
                    args=(model, state, s.id),
                    icon=":material/tour:",
                )
        return
    tale = model.stories[state.story]
    shown = story.show(model, tale, state.step, lang)
    with st.container(border=True, key="story-card"):
        st.caption(esc(shown.title) + " · " + esc(t("story.step", lang, n=shown.number, total=shown.total)))
        st.markdown(f"### {esc(shown.heading)}")
        st.markdown(esc(shown.body))
        st.caption(
            f"{t('source', lang)}: "
            + " · ".join(
                f"{link(s.url)} ({t('as_of', lang)} {esc(s.as_of)})"
                if s.url
                else f"{esc(s.text)} ({t('as_of', lang)} {esc(s.as_of)})"
                for s in shown.sources
            )
        )
        prev_col, next_col, close_col = st.columns(3)
        prev_col.button(
            t("story.previous", lang),
            key="story-prev",
            disabled=shown.number == 1,
            on_click=open_step,
            args=(model, state, shown.number - 1),
        )
        next_col.button(
            t("story.next", lang),
            key="story-next",
            disabled=shown.number == shown.total,
            on_click=open_step,
            args=(model, state, shown.number + 1),
            type="primary",
        )
        close_col.button(t("story.close", lang), key="story-close", on_click=close, args=(state,))
        st.markdown(
            f"{t('story.steps', lang)}: "
            + " · ".join(f"[{n}]({step_query(tale.id, n, lang)})" for n in range(1, shown.total + 1))
        )
