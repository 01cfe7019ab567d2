"""The URL and the widgets, glued one way: URL -> ViewState -> widgets and map; an
event -> a new ViewState -> URL.

`read_url` is the only place the query string is parsed (once per run, by
geo.state.url_state.parse, which is also the only place a value is corrected). Every
callback gets the run's own state and builds the next one from it; none reads the
URL again."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from geo.core.vocabulary import LINES
from geo.domain.model import Model
from geo.state import selection, url_state
from geo.state.url_state import LAYERS, ViewState

MAP_KEY = "map"
NOTICE_KEY = "notice"
CLICKS_KEY = "map_clicks"  # the map's click counter at the last event handled


def vworld_key() -> str | None:
    """The V-World key from Streamlit secrets, if this deployment has one."""
    try:
        return st.secrets.get("vworld_key") or None
    except Exception:  # no secrets.toml at all
        return None


def read_url(model: Model) -> ViewState:
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118
    return url_state.parse(params, model.known, url_state.available_basemaps(vworld_key() is not None))


def write_url(state: ViewState) -> None:
    wanted = url_state.serialize(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def notice_for(state: ViewState) -> str | None:
    """The parameters the URL got wrong. A notice stays until the user changes the view."""
    ss = st.session_state
    if state.notices:
        ss[NOTICE_KEY] = ", ".join(state.notices)
    return ss.get(NOTICE_KEY)


def change(new: ViewState) -> None:
    """A user's change: the notice goes, the new state goes into the URL."""
    st.session_state.pop(NOTICE_KEY, None)
    write_url(new)


def mirror_widgets(state: ViewState) -> None:
    """Widgets show the state on every run (set before they are drawn)."""
    ss = st.session_state
    ss["w_lang"] = state.lang
    ss["w_region"] = state.region or ""
    for layer in LAYERS:
        ss[f"w_layer_{layer}"] = layer in state.layers
    ss["w_lines"] = sorted(state.lines)
    ss["w_basemap"] = state.basemap


def from_widgets(state: ViewState) -> ViewState:
    """`state` with what the sidebar's widgets now say."""
    ss = st.session_state
    return replace(
        state,
        layers=frozenset(layer for layer in LAYERS if ss.get(f"w_layer_{layer}", layer in state.layers)),
        lines=frozenset(ss.get("w_lines", sorted(state.lines))) or frozenset(LINES),
        lang=ss.get("w_lang") or state.lang,
        basemap=ss.get("w_basemap") or state.basemap,
    )


# --- callbacks: each takes the run's own state ---------------------------------------------


def on_widgets(state: ViewState) -> None:
    change(from_widgets(state))


def on_region(state: ViewState) -> None:
    slug = st.session_state.get("w_region") or None
    select(state, "region" if slug else None, slug)


def select(state: ViewState, kind: str | None, value: str | None = None) -> None:
    """A new selection (or none: back to the province view). The map zooms to it, so the old
    `view` goes; a link's `view` still wins because it is only dropped by a user's choice."""
    change(replace(state.select(kind, value), view=None))


def pick_place(state: ViewState, lat: float, lng: float) -> None:
    """A place from the search box or the map's right-click / long press: `at=lat,lng`, the place
    panel, and the map goes there."""
    change(replace(state.place(lat, lng), view=None))


def on_map(state: ViewState, model: Model) -> None:
    ss = st.session_state
    event = selection.map_event(ss.get(MAP_KEY), model.known, ss.get(CLICKS_KEY))
    ss[CLICKS_KEY] = event.clicks
    if event.picked:
        select(state, *event.picked)
    elif event.at:
        pick_place(state, *event.at)
    elif event.view:
        write_url(replace(state, view=event.view))  # a pan or zoom is not a change of what is shown: the notice stays
    # else: the map placed by the app (its opening fit, the zoom to a selection): nothing to write


def mount_view(state: ViewState, key: str | None) -> tuple[float, float, float] | None:
    """Where the map opens. Kept for as long as the base map's script is the same (its
    language and basemap): a new script remounts the map anyway, and opens at the URL's
    view then. Moving the map never changes the script, so it never remounts it."""
    ss = st.session_state
    mount = (state.lang, state.basemap, key)
    if ss.get("map_mount", (None,))[:3] != mount:
        ss["map_mount"] = (*mount, state.view)
    return ss["map_mount"][3]
