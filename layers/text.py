"""Tooltip text: always built here and HTML-escaped, because folium's tooltips
insert property values into the page as HTML."""

from html import escape


def tip(*parts) -> str:
    """Join the non-empty parts into one escaped tooltip line per part."""
    return "<br>".join(escape(str(p)) for p in parts if p not in (None, ""))
