"""The static pages (scripts/build_site.py): which views have one, and where it lives.

One page per selection (the overview, each region, station and cluster) and language, showing
the default layers on today's map. The builder writes a page at `page_path(state)`; the share
box links to `page_url(site_url(), state)` when the site's public address is configured
(GGM_SITE_URL), so a reader of an article is served by the static host, not by the app."""

from __future__ import annotations

import html
import os
from dataclasses import replace
from typing import Final
from urllib.parse import urlsplit

from geo.state.url_state import ViewState

SITE_URL_ENV: Final = "GGM_SITE_URL"  # the static pages' public address
APP_URL_ENV: Final = "GGM_PUBLIC_URL"  # the live app's public address (the app's own setting)
KINDS: Final = ("region", "station", "cluster")


def page_state(state: ViewState) -> ViewState | None:
    """The state of the page that shows `state`'s selection, or None when no page does: a page
    has the default layers and lines, today's date and no place, tour or table. Where the map
    is moved to and its basemap do not count (the page opens fitted to its selection)."""
    page = ViewState(region=state.region, station=state.station, cluster=state.cluster, lang=state.lang)
    same = replace(state, view=None, basemap=page.basemap, view_mode=page.view_mode, notices=())
    return page if same == page else None


def page_path(state: ViewState) -> str:
    """The page's path under the site's root: `<lang>/index.html` for the overview, else
    `<lang>/<kind>/<id>.html` (ids are URL tokens: [a-z0-9-])."""
    for kind in KINDS:
        value = getattr(state, kind)
        if value:
            return f"{state.lang}/{kind}/{value}.html"
    return f"{state.lang}/index.html"


def image_path(state: ViewState) -> str:
    """The page's preview image (og:image), beside the page."""
    return page_path(state).removesuffix(".html") + ".png"


def absolute_base(url: str | None) -> str | None:
    """`url` as a base for the site's paths (http(s) with a host, ending in "/"), or None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return None
    return url.strip().rstrip("/") + "/"


def site_url() -> str | None:
    """The static pages' public address ($GGM_SITE_URL), or None when unset or not absolute."""
    return absolute_base(os.environ.get(SITE_URL_ENV))


def page_url(base: str, state: ViewState) -> str | None:
    """The address of the page for `state` on the site at `base`, or None when no page shows it."""
    page = page_state(state)
    root = absolute_base(base)
    return None if page is None or root is None else root + page_path(page)


def embed_snippet(url: str, title: str, height: int = 880) -> str:
    """An `<iframe>` of a static page (served by the static host, not the app)."""
    return (
        f'<iframe src="{html.escape(url, quote=True)}" title="{html.escape(title, quote=True)}" width="100%" '
        f'height="{int(height)}" style="border:0" loading="lazy"></iframe>'
    )
