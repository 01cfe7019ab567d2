"""Text from the data or a user, made safe for st.markdown: `esc` escapes Markdown (and so
HTML), `link` shows an http(s) address as a link named by its host (anything else as text),
`cite` is a record's "Source: … · As of …" line. Nothing is rendered as HTML.

Every panel module imports these from here (none from another panel module), so no panel
imports another one for its text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from geo.core.citation import Citation, host
from geo.core.i18n import t

if TYPE_CHECKING:
    import pandas as pd

# An address shown as a link: http(s) and nothing that could end or break a Markdown link.
_HTTP = re.compile(r"^https?://[^\s<>()\[\]]+$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def esc(text: object) -> str:
    """Escape Markdown (and so HTML) in a value that came from data or a user."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def linkable(url: object) -> bool:
    """Whether `url` is shown as a link (an http(s) address with nothing Markdown-special in it)."""
    return isinstance(url, str) and _HTTP.match(url) is not None


def link(url: str | None) -> str:
    """A Markdown link for http(s) URLs only, named by its host; anything else is shown as text."""
    if url is None or not linkable(url):
        return esc(url or "")
    return f"[{esc(host(url))}]({url})"


def cite(rec: Citation | Mapping[str, Any] | pd.Series, lang: str) -> str:
    """A citation's, or a record's (a mapping's or a data row's), `source` and `as_of`, as one line."""
    source: str | None = rec.source if isinstance(rec, Citation) else rec.get("source")
    as_of: object = rec.as_of if isinstance(rec, Citation) else rec.get("as_of", "")
    return f"{t('source', lang)}: {link(source)} · {t('as_of', lang)} {esc(as_of)}"
