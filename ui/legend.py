"""The legend as a strip under the map in the app: an in-map box would cover the
northern municipalities at the fitted view. Built only from the palette and the
string table, and escaped all the same."""

from __future__ import annotations

from html import escape

import streamlit as st

from geo.core import palette
from geo.core.i18n import t
from geo.core.vocabulary import Status
from layers.base_map import legend_rows, swatch_style

_ITEM = '<span style="display:inline-flex;align-items:center;gap:5px;margin:0 14px 4px 0;white-space:nowrap">'


def _swatch(colour: str, shape: str) -> str:
    return f'<span style="{escape(swatch_style(colour, shape))}"></span>'


def _line(colour: str, dash: str | None, width: int = 3) -> str:
    """A short line sample; CSS borders, because the page's HTML sanitiser drops inline SVG."""
    style = "solid" if not dash else ("dotted" if dash.startswith("2 ") else "dashed")
    return (
        f'<span style="display:inline-block;width:28px;height:0;border-top:{width}px {style} {escape(colour)}"></span>'
    )


def legend_html(lang: str, css_class: str = "ggm-legend-strip") -> str:
    """The legend's HTML; `css_class` names the copy (the strip, or the phone's folded copy)."""
    items = [f"{_ITEM}{_swatch(c, shape)}{escape(label)}</span>" for c, label, shape in legend_rows(lang)]
    lines = [f"{_ITEM}{_line(c, None)}<b>GTX-{escape(x)}</b></span>" for x, c in palette.LINE.items()]
    statuses = [  # planned and proposed share the dotted style
        f"{_ITEM}{_line(palette.NOTE_TEXT, palette.STATUS_DASH[group[0]], 2)}"
        f"{escape(' / '.join(t(f'status.{s}', lang) for s in group))}</span>"
        for group in ((Status.OPERATING,), (Status.UNDER_CONSTRUCTION,), (Status.PLANNED, Status.PROPOSED))
    ]
    hollow = (
        '<span style="display:inline-block;width:9px;height:9px;border-radius:50%;border:2px solid #4a5568"></span>'
    )
    statuses.append(  # a target whose date passed with no outcome (timeline)
        f'{_ITEM}<span style="display:inline-block;width:28px;height:0;border-top:2px dashed #4a5568"></span>'
        f"{hollow}{escape(t('target_passed', lang))}</span>"
    )
    return (
        f'<div class="{escape(css_class)}" role="note" aria-label="{escape(t("legend", lang))}" '
        f'style="font-size:13px;line-height:1.5;color:{palette.LEGEND_TEXT}">'
        f"<div>{''.join(items)}</div><div>{''.join(lines)}{''.join(statuses)}</div></div>"
    )


def legend_strip(lang: str) -> None:
    st.html(legend_html(lang))


def legend_fold(lang: str) -> None:
    """The legend folded into an expander (the phone's copy; app.py shows one copy per screen width)."""
    with st.expander(t("legend", lang), icon=":material/palette:"):
        st.html(legend_html(lang, "ggm-legend-folded"))
