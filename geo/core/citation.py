"""Where a fact comes from. One type for a record's source address and as-of date (`Citation`),
one for a printed or toured figure's source (`Source`: a citation, or a note on how it was
computed), and the one rule for the host a reader sees (`host`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

# The host of an http(s) address, without "www." or "m.": what a reader sees of a source.
HOST: Final = re.compile(r"^https?://(?:www\.|m\.)?([^/?#\s]+)")


def host(url: str) -> str:
    match = HOST.match(url)
    return match.group(1) if match else url


@dataclass(frozen=True)
class Citation:
    """A record's source: an http(s) address and the date it states the fact as of."""

    source: str
    as_of: str

    @property
    def host(self) -> str:
        return host(self.source)


@dataclass(frozen=True)
class Source:
    """Where a figure comes from: a URL (shown by its host) or a computation note."""

    text: str  # the host of `url`, or the note
    as_of: str
    url: str | None = None


def record_field(rec: Any, key: str) -> Any:
    """A field of a mapping, a pandas row or a dataclass record (None when absent)."""
    return getattr(rec, key, None) if hasattr(rec, "__dataclass_fields__") else rec.get(key)


def cited(rec: Any) -> Source:
    """The source of a data record or fact (`source`, `as_of`)."""
    url = str(record_field(rec, "source") or "")
    return Source(host(url), str(record_field(rec, "as_of") or ""), url or None)
