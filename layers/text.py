"""Tooltip text: always built here and HTML-escaped, because folium's tooltips
insert property values into the page as HTML."""

from html import escape

from geo.core.i18n import t


def tip(*parts) -> str:
    """Join the non-empty parts into one escaped tooltip line per part."""
    return "<br>".join(escape(str(p)) for p in parts if p not in (None, ""))


def stack_note(record, lang: str) -> str:
    """Says that a marker is drawn beside the point it shares with others."""
    n = int(record["stack_size"])  # required by geo.io for stations and sites
    return t("stack_note", lang, n=n) if n > 1 else ""


def target_note(dates: str | None, lang: str) -> str:
    """Says that a target date has passed with no outcome confirmed ('' when none)."""
    return t("target_passed_on", lang, dates=dates) if dates else ""
