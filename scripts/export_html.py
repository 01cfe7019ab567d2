"""Export one view of the map as a single standalone HTML file for any static host.

The map is built exactly as the app builds it (layers.base_map.base_map plus
layers.view.feature_groups), but the feature groups are added to the map directly
and Leaflet's JS and CSS (with its images as data: URIs) are inlined from the
xstatic-leaflet package, so the file loads from file://, a CDN or any web server
with no other request. Only basemap tiles are fetched from the network; use
--basemap none for a file that makes no request at all.

The view is given like the app's URL and goes through the same codec
(geo.state.url_state.parse): an unknown value is an error here, not a silent default.

Usage:
    python scripts/export_html.py [--region SLUG | --station ID | --cluster ID]
        [--layers gtx,ai,...] [--lang ko|en] [--basemap osm|light|none] [--out PATH]
    make export ARGS="--region yongin --lang en"
"""

from __future__ import annotations

import argparse
import base64
import html
import re
import sys
from pathlib import Path

import folium

from geo.answers.describe import describe
from geo.core.i18n import name, t
from geo.domain.model import Model
from geo.state import url_state
from geo.state.url_state import ViewState
from layers import assets
from layers.base_map import base_map, figure
from layers.view import feature_groups
from scripts.view_args import add_view_arguments, model_and_state

ROOT = Path(__file__).resolve().parents[1]

DEFAULT_OUT = ROOT / "build" / "export" / "index.html"


def inline_css() -> str:
    """leaflet.css with its url(images/...) turned into data: URIs."""
    css = assets.read("leaflet.css")

    def data_uri(match: re.Match) -> str:
        path = assets.SOURCE / match.group(1)
        if not path.is_file():
            return "none"
        return "url(data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii") + ")"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def inline_js(source: str) -> str:
    # "</script" would end the element early; "<\/" means the same inside JS strings and regexes.
    return source.replace("</script", "<\\/script")


def view_title(model: Model, state: ViewState) -> str:
    lang = state.lang
    if state.region:
        return name(model.region(state.region), lang)
    if state.station:
        return name(model.station(state.station), lang)
    if state.cluster:
        return name(model.cluster(state.cluster), lang)
    return t("overview", lang)


class TitleBox(folium.Element):
    """The app's title and the view's name, top right (text is HTML-escaped)."""

    def __init__(self, title: str, subtitle: str, footer: str, words: str = "", words_label: str = ""):
        e = html.escape
        # The map in words (geo/answers/describe.py): the export's text alternative, one click away.
        details = (
            f'<details style="margin-top:4px"><summary>{e(words_label)}</summary><p style="margin:4px 0 0">'
            f"{e(words)}</p></details>"
            if words
            else ""
        )
        super().__init__(
            '<div class="ggm-title" style="position:absolute;top:10px;left:54px;z-index:1000;max-width:340px;'
            "background:rgba(255,255,255,.94);padding:6px 10px;border-radius:6px;font:13px/1.4 sans-serif;"
            'box-shadow:0 1px 4px rgba(0,0,0,.3)">'
            f'<div style="font-weight:700">{e(title)}</div><div style="font-size:15px">{e(subtitle)}</div>'
            f'<div style="color:#4a5568;font-size:11px">{e(footer)}</div>{details}</div>'
        )


def export_map(
    model: Model, state: ViewState, vworld_key: str | None = None, leaflet_href: str | None = None
) -> folium.Map:
    """The map page's elements. Leaflet is inlined, or with `leaflet_href` (a folder's URL, relative
    to the page) loaded from leaflet.js and leaflet.css there, as the static pages share one copy."""
    m = base_map(
        model.data.display_municipalities,
        state.lang,
        state.basemap,
        vworld_key,
        state.view,
        memberships=model.memberships,
    )
    # No links to /app/static: Leaflet is inlined into the page header instead, or linked at leaflet_href.
    m.default_js = []
    m.default_css = []
    root = figure(m)
    if leaflet_href is None:
        css = f"<style>{inline_css()}</style>"
        js = f"<script>{inline_js(assets.read('leaflet.js'))}</script>"
    else:
        href = html.escape(leaflet_href.rstrip("/"), quote=True)
        css = f'<link rel="stylesheet" href="{href}/leaflet.css">'
        js = f'<script src="{href}/leaflet.js"></script>'
    root.header.add_child(folium.Element(css), name="leaflet_css_inline", index=1)
    root.header.add_child(folium.Element(js), name="leaflet_js_inline", index=2)
    root.header.add_child(
        folium.Element('<meta name="viewport" content="width=device-width, initial-scale=1">'), name="viewport"
    )
    for group in feature_groups(model, state):
        group.add_to(m)
    root.html.add_child(
        TitleBox(
            t("title", state.lang),
            view_title(model, state),
            t("footer", state.lang),
            describe(model, state),
            t("describe.heading", state.lang),
        )
    )
    root.title = html.escape(f"{view_title(model, state)} · {t('title', state.lang)}")
    return m


def render(model: Model, state: ViewState, vworld_key: str | None = None, leaflet_href: str | None = None) -> str:
    return page(export_map(model, state, vworld_key, leaflet_href), state.lang)


def page(m: folium.Map, lang: str) -> str:
    """The whole HTML page of an exported map, with its language."""
    return figure(m).render().replace("<html>", f'<html lang="{lang}">', 1)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_view_arguments(p)  # --region ... --view, one flag per URL parameter (--basemap none: no request at all)
    p.add_argument("--vworld-key", help="V-World API key, for --basemap vworld")
    p.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"output file (default {DEFAULT_OUT.relative_to(ROOT)})"
    )
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    loaded = model_and_state(args)
    if isinstance(loaded, int):
        return loaded
    model, state = loaded
    if state.basemap == "vworld" and not args.vworld_key:
        print("error: --basemap vworld needs --vworld-key", file=sys.stderr)
        return 2
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(model, state, args.vworld_key), encoding="utf-8")
    query = "&".join(f"{k}={v}" for k, v in url_state.serialize(state).items())
    print(f"wrote {out} ({out.stat().st_size / 1024:,.0f} KB) for ?{query}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
