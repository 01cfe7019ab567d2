"""Links to a view: the app's public address, the live-view URL and the `<iframe>` embed snippet.

Both links are built from `url_state.serialize`, so a shared link, a printed QR code and an
embedded map always name the same state.

The public address: one setting, the environment variable GGM_PUBLIC_URL (else the Streamlit
secret `public_url`), read by the app, `scripts/print_map.py` and the static site alike. Without
it the app uses the address the browser used (`st.context.url`). A file that leaves the machine
(a print, its QR code, an embed snippet) never carries a loopback address: with no public address
it carries the relative link (`?region=...`) and no QR code, and the share box tells the
operator to set GGM_PUBLIC_URL (docs/hosting.md)."""

from __future__ import annotations

import html
import ipaddress
from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

from geo.state import url_state
from geo.state.url_state import ViewState

PUBLIC_URL_ENV = "GGM_PUBLIC_URL"
PUBLIC_URL_SECRET = "public_url"
SCHEMES = ("http", "https")
LOCAL_NAMES = ("localhost", "localhost.localdomain")

# Streamlit's query flag that drops the app's chrome inside an iframe.
EMBED_PARAM = ("embed", "true")
# The app's map is 640 px tall, with its legend strip below and the panel beside it (the panel
# scrolls inside the frame): 880 px shows the whole map and its legend strip on a desktop page (checked in Chromium).
EMBED_HEIGHT = 880


# --- the public address ----------------------------------------------------------------------


def parse_public_url(value: str) -> str:
    """`value` as the app's base address: http or https, a host, no user name, query or fragment,
    and the path ending in "/" (`https://ggm.example.org` -> `https://ggm.example.org/`; a path
    prefix such as `/ggm` is kept). The scheme and host are lower-cased. Raises ValueError, saying
    why, for anything else."""
    text = value.strip()
    if not text or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValueError("is empty or contains spaces or control characters")
    parts = urlsplit(text)  # raises ValueError itself for a malformed IPv6 host
    if parts.scheme.lower() not in SCHEMES:
        raise ValueError("must start with http:// or https://")
    if not parts.hostname:
        raise ValueError("has no host")
    if "?" in text:
        raise ValueError("must not have a query (?...)")
    if "#" in text:
        raise ValueError("must not have a fragment (#...)")
    if "@" in parts.netloc:
        raise ValueError("must not carry a user name or password")
    _ = parts.port  # raises ValueError for a port that is not a number from 0 to 65535
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def public_url_problem(value: str | None) -> str | None:
    """Why a configured address cannot be used (None: it can, or nothing is configured)."""
    if value is None or not value.strip():
        return None
    try:
        parse_public_url(value)
    except ValueError as exc:
        return str(exc)
    return None


def configured_public_url(env: Mapping[str, str], secret: object = None) -> str | None:
    """The setting as given: GGM_PUBLIC_URL from `env`, else the `public_url` secret. Blank
    counts as unset; the value is not checked here (`public_base` does that)."""
    for value in (env.get(PUBLIC_URL_ENV), secret):
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def public_base(configured: str | None, browser_url: str | None) -> str | None:
    """The address every link is built on: the configured public address, else the address the
    browser used (its query and fragment dropped), normalised by `parse_public_url`. None when
    neither is a usable http(s) address. A configured value that is not valid is skipped (the
    share box shows `public_url_problem`), so a typo never breaks the page."""
    if browser_url is not None:
        browser_url = browser_url.split("#")[0].split("?")[0]
    for candidate in (configured, browser_url):
        if candidate and candidate.strip():
            try:
                return parse_public_url(candidate)
            except ValueError:
                continue
    return None


def is_loopback(base: str) -> bool:
    """Does `base` name this machine only (localhost, 127.0.0.0/8, ::1, 0.0.0.0)?"""
    host = (urlsplit(base).hostname or "").rstrip(".")
    if host in LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def outbound_base(configured: str | None, browser_url: str | None) -> str | None:
    """The address for a file that leaves the machine (a print, its QR code, an embed snippet):
    `public_base`, but never a loopback address. None: such files carry the relative link."""
    base = public_base(configured, browser_url)
    return None if base is None or is_loopback(base) else base


def is_public_link(link: str) -> bool:
    """An absolute http(s) link to somewhere other than this machine (worth a QR code)."""
    try:
        parts = urlsplit(link)
        return parts.scheme in SCHEMES and bool(parts.hostname) and not is_loopback(link)
    except ValueError:
        return False


def for_file(link: str) -> str:
    """`link` as a file that leaves the machine may carry it: unchanged when it is public, else
    only its query (`?region=yongin...`), the relative link."""
    if is_public_link(link):
        return link
    query = link.split("#")[0].partition("?")[2]
    return f"?{query}" if query else ""


# --- links -----------------------------------------------------------------------------------


def view_url(base: str | None, state: ViewState, *, embed: bool = False) -> str:
    """The link that reopens `state`: `base` (the app's address, any query dropped) plus the
    state's query string; with no base (None or ""), the relative link `?...`. With `embed`,
    Streamlit's `embed=true` comes first."""
    params = list(url_state.serialize(state).items())
    if embed:
        params.insert(0, EMBED_PARAM)
    return f"{(base or '').split('?')[0].split('#')[0]}?{urlencode(params, safe=',')}"


def embed_snippet(base: str | None, state: ViewState, title: str, height: int = EMBED_HEIGHT) -> str:
    """A ready `<iframe>` for `state`: `embed=true`, an accessible `title`, full width.
    The URL and the title are HTML-escaped, so data text cannot break out of the attribute."""
    src = html.escape(view_url(base, state, embed=True), quote=True)
    return (
        f'<iframe src="{src}" title="{html.escape(title, quote=True)}" width="100%" '
        f'height="{int(height)}" style="border:0" loading="lazy"></iframe>'
    )
