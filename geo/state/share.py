"""Links to a view: the live-view URL and the `<iframe>` embed snippet.

Both are built from `url_state.serialize`, so a shared link, a printed QR code and an
embedded map always name the same state."""

from __future__ import annotations

import html
from urllib.parse import urlencode

from geo.state import url_state
from geo.state.url_state import ViewState

# Streamlit's query flag that drops the app's chrome inside an iframe.
EMBED_PARAM = ("embed", "true")
# The app's map is 640 px tall, with its legend strip below and the panel beside it (the panel
# scrolls inside the frame): 880 px shows the whole map and its legend strip on a desktop page (checked in Chromium).
EMBED_HEIGHT = 880


def view_url(base: str, state: ViewState, *, embed: bool = False) -> str:
    """The link that reopens `state`: `base` (the app's address, any query dropped) plus the
    state's query string. With `embed`, Streamlit's `embed=true` comes first."""
    params = list(url_state.serialize(state).items())
    if embed:
        params.insert(0, EMBED_PARAM)
    return f"{base.split('?')[0].split('#')[0]}?{urlencode(params, safe=',')}"


def embed_snippet(base: str, state: ViewState, title: str, height: int = EMBED_HEIGHT) -> str:
    """A ready `<iframe>` for `state`: `embed=true`, an accessible `title`, full width.
    The URL and the title are HTML-escaped, so data text cannot break out of the attribute."""
    src = html.escape(view_url(base, state, embed=True), quote=True)
    return (
        f'<iframe src="{src}" title="{html.escape(title, quote=True)}" width="100%" '
        f'height="{int(height)}" style="border:0" loading="lazy"></iframe>'
    )
