"""Static pages for every view: `make site OUT=dir`.

One HTML page per selection and language (the overview, every region, station and cluster, in
Korean and English), each with the static interactive map of `make export`, the selection's key
figures with their sources and as-of dates, and a link that opens the same view in the live app.
Each page's <head> carries what a link preview needs (OpenGraph and Twitter tags, a 1200x630
picture drawn by the print renderer), a canonical link and its hreflang alternates. Beside the
pages: an index page, sitemap.xml, robots.txt and one shared copy of Leaflet (assets/leaflet/),
so a CDN can serve an article's readers instead of the app.

Where the site and the app live (absolute addresses; OpenGraph requires them):
  --site-url / $GGM_SITE_URL    the pages' public address (og:url, canonical, sitemap, og:image)
  --app-url / $GGM_PUBLIC_URL   the live app's public address (the app's own setting)

Maps and pictures are cached by content (the data, the code that draws them, the package
versions, the view, the day and the app's address) under build/site-cache, so a second build
reuses them. Two builds from the same commit and day (pin the day with GGM_NOW) write the same
bytes: folium's random element ids are numbered per page, the PNGs carry no date, every list is
sorted. Files in OUT that this build did not write are removed (OUT must be empty, new, or a
former output of this script).

Usage:
    python -m scripts.build_site --out build/site --site-url https://maps.example.org/ggm/ \\
        --app-url https://ggm.example.streamlit.app/ [--only region:yongin,station,...] [--langs en]
    make site OUT=build/site ARGS="--site-url ... --app-url ..."
"""

from __future__ import annotations

import argparse
import hashlib
import html
import importlib.metadata
import itertools
import multiprocessing
import os
import posixpath
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Final

from branca.element import Element

from geo.answers import naming
from geo.answers.describe import describe
from geo.answers.sources import gtx_data_as_of
from geo.core import clock
from geo.core.citation import Source
from geo.core.i18n import PAGE_TITLE, name, t
from geo.data import datafiles
from geo.domain.model import Model
from geo.printing import sheet
from geo.printing.formats import PREVIEW
from geo.state import share, site_pages, url_state
from geo.state.url_state import LANGS, ViewState
from layers import assets
from scripts import exit_code, export_html
from scripts.view_args import model_and_state

ROOT: Final = Path(__file__).resolve().parents[1]
DEFAULT_OUT: Final = ROOT / "build" / "site"
DEFAULT_CACHE: Final = ROOT / "build" / "site-cache"
ASSETS: Final = "assets/leaflet"  # the one copy of Leaflet, relative to the site's root
MARKER: Final = ".ggm-site"  # marks OUT as this script's output (its stale files may be removed)
PAGE_BUDGET: Final = 350 * 1024  # bytes per page with its map, the shared assets not counted
DESCRIPTION_MAX: Final = 200
LOCALES: Final = {"ko": "ko_KR", "en": "en_US"}
# What the cached maps and pictures are made from, besides the data: the code that draws them...
CODE: Final = ("geo", "layers", "scripts/export_html.py", "scripts/build_site.py")
# ... and the packages whose versions change their bytes.
PACKAGES: Final = (
    "branca",
    "folium",
    "geopandas",
    "jinja2",
    "koreanize-matplotlib",
    "matplotlib",
    "matplotlib-scalebar",
    "numpy",
    "pandas",
    "pillow",
    "pyproj",
    "segno",
    "shapely",
    "xstatic-leaflet",
)

# The page's own layout: the map fills the window left of the panel (below it on a phone).
CSS: Final = (
    "body{display:flex;flex-direction:column;font:14px/1.5 system-ui,-apple-system,'Noto Sans KR',sans-serif;"
    "color:#1a202c}"
    ".ggm-title{display:none}"
    ".folium-map{position:absolute!important;top:0;left:0;bottom:0;right:380px;width:auto!important;"
    "height:auto!important}"
    ".ggm-legend{right:390px!important}"
    ".ggm-page{position:absolute;top:0;right:0;bottom:0;width:380px;overflow:auto;box-sizing:border-box;"
    "padding:12px 16px;border-left:1px solid #e2e8f0;background:#fff}"
    ".ggm-page h1{font-size:20px;margin:4px 0 8px}.ggm-page h2{font-size:15px;margin:16px 0 4px}"
    ".ggm-page dt{font-weight:600;margin-top:6px}.ggm-page dd{margin:0}"
    ".ggm-page small,.ggm-note,.ggm-sources{color:#4a5568;font-size:12px}.ggm-sources{padding-left:22px}"
    ".ggm-live{display:inline-block;margin:4px 0;padding:6px 12px;border-radius:6px;background:#2b6cb0;"
    "color:#fff;font-weight:600;text-decoration:none}"
    ".ggm-live:focus-visible{outline:3px solid #c05621;outline-offset:2px}"
    "@media (max-width:760px){html,body{height:auto}"
    ".folium-map{position:relative!important;right:auto;height:65vh!important;width:100%!important}"
    ".ggm-legend{right:10px!important}.ggm-page{position:static;order:2;width:auto;border:0}}"
)
INDEX_CSS: Final = (
    "body{font:15px/1.5 system-ui,-apple-system,'Noto Sans KR',sans-serif;color:#1a202c;max-width:960px;"
    "margin:0 auto;padding:16px}ul{columns:14em;padding-left:18px}h2{margin-top:28px}"
)


class Raw(Element):
    """HTML that renders as itself (branca's Element would compile it as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


@contextmanager
def numbered_ids() -> Iterator[None]:
    """folium's element ids (random hex) numbered from 0 instead, so a page's bytes depend only
    on what it shows. The build renders one page at a time per process."""
    counter = itertools.count()
    original = Element.__dict__["_generate_id"]
    setattr(Element, "_generate_id", classmethod(lambda cls: f"{next(counter):x}"))  # noqa: B010
    try:
        yield
    finally:
        setattr(Element, "_generate_id", original)  # noqa: B010


# ---------------------------------------------------------------- views


def all_views(model: Model) -> list[tuple[str, str | None]]:
    """(kind, id) of every page's selection: the overview, then clusters, regions and stations."""
    return [
        ("overview", None),
        *(("cluster", c) for c in sorted(model.known.clusters)),
        *(("region", r) for r in sorted(model.known.regions)),
        *(("station", s) for s in sorted(model.known.stations)),
    ]


def select_views(model: Model, only: str | None) -> list[tuple[str, str | None]]:
    """The views `--only` names (comma-separated `overview`, a kind, or `kind:id`), in the order
    of all_views; ValueError naming what is not recognised."""
    views = all_views(model)
    if not only:
        return views
    wanted = {w.strip() for w in only.split(",") if w.strip()}
    unknown = sorted(
        w
        for w in wanted
        if w not in ("overview", *site_pages.KINDS) and not any(f"{k}:{v}" == w for k, v in views if v)
    )
    if unknown:
        raise ValueError("--only: not a view: " + ", ".join(unknown))
    return [(k, v) for k, v in views if k in wanted or f"{k}:{v}" in wanted]


def state_of(kind: str, value: str | None, lang: str) -> ViewState:
    return ViewState(lang=lang).select(None if kind == "overview" else kind, value)


# ---------------------------------------------------------------- the cache


def _hash_files(h: hashlib._Hash, root: Path, paths: list[Path]) -> None:
    for path in sorted(paths):
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())


def content_key(data_dir: Path) -> str:
    """What every cached map and picture depends on besides its view: the data files, the
    drawing code (CODE) and the versions of the packages that draw (PACKAGES)."""
    h = hashlib.sha256(b"ggm-site 1\0")
    _hash_files(h, data_dir, [p for p in data_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts])
    code = [ROOT / c for c in CODE]
    _hash_files(h, ROOT, [p for c in code for p in ([c] if c.is_file() else c.rglob("*.py"))])
    for package in PACKAGES:
        try:
            version = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{package}=={version}\0".encode())
    return h.hexdigest()


@dataclass
class Cache:
    """Files under `root` named by the hash of what made them (None: no cache)."""

    root: Path | None
    base: str

    def get(self, kind: str, parts: tuple[str, ...], make: Callable[[], bytes]) -> tuple[bytes, bool]:
        """(the bytes, whether they came from the cache)."""
        if self.root is None:
            return make(), False
        key = hashlib.sha256("\0".join((self.base, kind, *parts)).encode()).hexdigest()
        path = self.root / kind / key[:2] / key
        if path.is_file():
            return path.read_bytes(), True
        data = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{key}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic: a concurrent build sees the whole file or none
        return data, False


# ---------------------------------------------------------------- one page


@dataclass(frozen=True)
class Site:
    model: Model
    today: date
    site_url: str  # absolute, ending in "/"
    app_url: str
    out: Path
    cache: Cache
    langs: tuple[str, ...]
    views: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class Built:
    path: str
    image: str
    size: int
    map_cached: bool
    image_cached: bool


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def relative(href: str, from_page: str) -> str:
    """The path of `href` (from the site's root) as seen from the page at `from_page`."""
    return posixpath.relpath(href, posixpath.dirname(from_page) or ".")


def all_figures(model: Model, state: ViewState, today: date) -> tuple[list[sheet.Figure], list[Source]]:
    """Every key figure of the selection (the print keeps only what fits), and their sources
    numbered in order of first use."""
    figures = sheet.figures(model, state, today)
    sources: list[Source] = []
    for f in figures:
        if f.source not in sources:
            sources.append(f.source)
    return figures, sources


def key_figures_in_words(figures: list[sheet.Figure], lang: str) -> str:
    """og:description: the first key figures as "label: value (as of date)", at most 200 characters."""
    parts = [
        f"{f.label}: {f.value}" + (f" ({t('as_of', lang)} {f.source.as_of})" if f.source.as_of else "")
        for f in figures
        if f.label
    ][:2]
    text = " · ".join(parts)
    return text if len(text) <= DESCRIPTION_MAX else text[: DESCRIPTION_MAX - 1].rstrip() + "…"


def _source_item(n: int, s: Source, lang: str) -> str:
    text = esc(s.text)
    if s.url and s.url.startswith(("https://", "http://")):
        text = f'<a href="{esc(s.url)}" rel="noopener">{text}</a>'
    when = f" ({esc(t('as_of', lang))} {esc(s.as_of)})" if s.as_of else ""
    return f'<li id="src-{n}">{text}{when}</li>'


def head_html(site: Site, state: ViewState, title: str, description: str) -> str:
    """The <head> tags: description, canonical, hreflang alternates, OpenGraph and Twitter."""
    path = site_pages.page_path(state)
    url = site.site_url + path
    image = site.site_url + site_pages.image_path(state)
    tags = [
        f'<meta name="description" content="{esc(description)}">',
        f'<link rel="canonical" href="{esc(url)}">',
    ]
    if len(site.langs) > 1:
        for lang in (*site.langs, "x-default"):
            alt = site.site_url + site_pages.page_path(
                replace(state, lang=site.langs[0] if lang == "x-default" else lang)
            )
            tags.append(f'<link rel="alternate" hreflang="{lang}" href="{esc(alt)}">')
    og = {
        "og:type": "website",
        "og:site_name": t("title", state.lang),
        "og:title": title,
        "og:description": description,
        "og:url": url,
        "og:image": image,
        "og:image:type": PREVIEW.mime,
        "og:image:width": str(round(PREVIEW.size_in[0] * PREVIEW.dpi)),
        "og:image:height": str(round(PREVIEW.size_in[1] * PREVIEW.dpi)),
        "og:image:alt": naming.view_name(site.model, state),
        "og:locale": LOCALES[state.lang],
    }
    tags += [f'<meta property="{k}" content="{esc(v)}">' for k, v in og.items()]
    tags += [
        f'<meta property="og:locale:alternate" content="{LOCALES[lang]}">' for lang in site.langs if lang != state.lang
    ]
    twitter = {"twitter:card": "summary_large_image", "twitter:title": title, "twitter:description": description}
    tags += [f'<meta name="{k}" content="{esc(v)}">' for k, v in twitter.items()]
    tags.append(f'<meta name="twitter:image" content="{esc(image)}">')
    tags.append(f"<style>{CSS}</style>")
    return "\n".join(tags) + "\n"


def panel_html(site: Site, state: ViewState, live: str, figures: list[sheet.Figure], sources: list[Source]) -> str:
    """The page's text beside the map: the selection, the live app's link, the key figures with
    their numbered sources, the map in words and the notes."""
    model, lang = site.model, state.lang
    path = site_pages.page_path(state)
    nav = [f'<a href="{esc(relative("index.html", path))}">{esc(t("site.all_pages", lang))}</a>']
    for other in site.langs:
        if other != lang:
            href = relative(site_pages.page_path(replace(state, lang=other)), path)
            nav.append(
                f'<a href="{esc(href)}" hreflang="{other}" lang="{other}">{esc(t(f"lang_name.{other}", lang))}</a>'
            )
    rows = []
    for f in figures:
        n = sources.index(f.source) + 1
        label = f"<dt>{esc(f.label)}</dt>" if f.label else ""
        rows.append(f'{label}<dd>{esc(f.value)} <a href="#src-{n}">[{n}]</a></dd>')
    items = "".join(_source_item(n, s, lang) for n, s in enumerate(sources, 1))
    notes = [
        t("print.status_note", lang, date=gtx_data_as_of(model)),
        t("site.data_as_of", lang, date=site.today.isoformat()),
        t("footer", lang),
    ]
    return (
        '<main class="ggm-page">'
        f'<p class="ggm-note">{esc(t("title", lang))} · {" · ".join(nav)}</p>'
        f"<h1>{esc(naming.view_name(model, state))}</h1>"
        f'<p><a class="ggm-live" href="{esc(live)}">{esc(t("site.open_live", lang))}</a><br>'
        f"<small>{esc(t('site.open_live_help', lang))}</small></p>"
        f"<h2>{esc(t('print.key_figures', lang))}</h2><dl>{''.join(rows)}</dl>"
        f'<h2>{esc(t("print.sources", lang))}</h2><ol class="ggm-sources">{items}</ol>'
        f"<details><summary>{esc(t('describe.heading', lang))}</summary><p>{esc(describe(model, state))}</p>"
        "</details>"
        f'<p class="ggm-note">{" ".join(esc(n) for n in notes if n)}</p>'
        "</main>\n"
    )


def map_html(site: Site, state: ViewState) -> bytes:
    """The static interactive map of `make export` for `state`, linking the shared Leaflet."""
    href = relative(ASSETS, site_pages.page_path(state))
    with numbered_ids():
        m = export_html.export_map(site.model, state, leaflet_href=href)
        return export_html.page(m, state.lang).encode("utf-8")


def preview_png(site: Site, state: ViewState, live: str) -> bytes:
    from geo.printing import render  # matplotlib: only where pictures are drawn

    return render.render(site.model, state, PREVIEW, live, site.today)


def build_page(site: Site, state: ViewState) -> Built:
    """Write one page and its preview picture under site.out."""
    query = "&".join(f"{k}={v}" for k, v in url_state.serialize(state).items())
    live = share.view_url(site.app_url, state)
    day = site.today.isoformat()
    page_map, map_cached = site.cache.get("map", (query, day), lambda: map_html(site, state))
    image, image_cached = site.cache.get("og", (query, day, live), lambda: preview_png(site, state, live))
    figures, sources = all_figures(site.model, state, site.today)
    title = naming.embed_title(site.model, state)
    head = head_html(site, state, title, key_figures_in_words(figures, state.lang))
    text = page_map.decode("utf-8")
    # The head and the body's start come before any data in folium's page (its scripts follow </body>).
    text = text.replace("</head>", head + "</head>", 1).replace(
        "<body>", "<body>\n" + panel_html(site, state, live, figures, sources), 1
    )
    path, image_path = site_pages.page_path(state), site_pages.image_path(state)
    data = text.encode("utf-8")
    write(site.out / path, data)
    write(site.out / image_path, image)
    return Built(path, image_path, len(data), map_cached, image_cached)


def write(path: Path, data: bytes) -> None:
    """Write `data` unless the file already holds it (a re-upload tool then sees no change)."""
    if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# ---------------------------------------------------------------- the site's other files


def index_html(site: Site) -> str:
    """The list of every page, in each language."""
    model = site.model
    sections = []
    for lang in site.langs:
        groups: list[str] = []
        if ("overview", None) in site.views:
            groups.append(_link_list(t("overview", lang), [(t("overview", lang), ViewState(lang=lang))]))
        headings = {
            "cluster": t("site.clusters", lang),
            "region": t("site.regions", lang),
            "station": t("site.stations", lang),
        }
        for kind, heading in headings.items():
            links = sorted(
                ((label(model, kind, v, lang), state_of(kind, v, lang)) for k, v in site.views if k == kind and v),
                key=lambda x: (x[0], site_pages.page_path(x[1])),
            )
            if links:
                groups.append(_link_list(heading, links))
        sections.append(
            f'<section lang="{lang}"><h2>{esc(t(f"lang_name.{lang}", lang))}</h2>{"".join(groups)}</section>'
        )
    subtitle = " / ".join(t("subtitle", lang) for lang in site.langs)
    og_image = site.site_url + site_pages.image_path(ViewState(lang=site.langs[0]))
    meta = {
        "og:type": "website",
        "og:title": PAGE_TITLE,
        "og:description": subtitle,
        "og:url": site.site_url,
        "og:image": og_image,
    }
    head = "".join(f'<meta property="{k}" content="{esc(v)}">\n' for k, v in meta.items())
    return (
        f'<!DOCTYPE html>\n<html lang="{site.langs[0]}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(PAGE_TITLE)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="description" content="{esc(subtitle)}">\n'
        f'<link rel="canonical" href="{esc(site.site_url)}">\n{head}'
        '<meta name="twitter:card" content="summary_large_image">\n'
        f"<style>{INDEX_CSS}</style>\n</head>\n<body>\n<main>\n<h1>{esc(PAGE_TITLE)}</h1>\n"
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    )


def label(model: Model, kind: str, value: str, lang: str) -> str:
    record = {"cluster": model.cluster, "region": model.region, "station": model.station}[kind](value)
    return name(record, lang)


def _link_list(heading: str, links: list[tuple[str, ViewState]]) -> str:
    items = "".join(f'<li><a href="{esc(site_pages.page_path(s))}">{esc(text)}</a></li>' for text, s in links)
    return f"<h3>{esc(heading)}</h3><ul>{items}</ul>"


def sitemap_xml(site: Site) -> str:
    """Every page with its language alternates (sitemaps.org, with xhtml:link), sorted by address."""
    entries = [f"<url><loc>{esc(site.site_url)}</loc></url>"]
    pages = sorted(
        (site_pages.page_path(state_of(k, v, lang)), k, v, lang) for k, v in site.views for lang in site.langs
    )
    for path, kind, value, _lang in pages:
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{other}" '
            f'href="{esc(site.site_url + site_pages.page_path(state_of(kind, value, other)))}"/>'
            for other in site.langs
        )
        entries.append(f"<url><loc>{esc(site.site_url + path)}</loc>{alternates if len(site.langs) > 1 else ''}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )


def robots_txt(site: Site) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site.site_url}sitemap.xml\n"


def copy_assets(out: Path) -> list[str]:
    """Leaflet's JS, CSS and CSS images, once for every page (paths under the site's root)."""
    written = []
    names = [*assets.FILES, *(f"images/{p.name}" for p in sorted((assets.SOURCE / "images").glob("*.png")))]
    for rel in names:
        write(out / ASSETS / rel, (assets.SOURCE / rel).read_bytes())
        written.append(f"{ASSETS}/{rel}")
    return written


def prune(out: Path, keep: set[str]) -> list[str]:
    """Remove the files under `out` this build did not write, and the folders left empty."""
    removed = []
    for path in sorted(out.rglob("*"), reverse=True):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in keep:
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed


# ---------------------------------------------------------------- running it

_SITE: Site | None = None  # the site being built, inherited by the forked workers


def _build_in_worker(view: tuple[str, str | None, str]) -> Built:
    assert _SITE is not None
    kind, value, lang = view
    return build_page(_SITE, state_of(kind, value, lang))


def build(site: Site, jobs: int) -> list[Built]:
    """Every page of the site, then the index, sitemap, robots.txt and assets; stale files go."""
    global _SITE
    site.out.mkdir(parents=True, exist_ok=True)
    todo = [(k, v, lang) for k, v in site.views for lang in site.langs]
    _SITE = site
    try:
        if jobs > 1 and len(todo) > 1:
            warm(site)  # once here, not once per worker
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
                built = list(pool.map(_build_in_worker, todo, chunksize=2))
        else:
            built = [_build_in_worker(v) for v in todo]
    finally:
        _SITE = None
    keep = {MARKER, "index.html", "sitemap.xml", "robots.txt", *copy_assets(site.out)}
    keep |= {b.path for b in built} | {b.image for b in built}
    write(site.out / MARKER, b"Gyeonggi Growth Map static pages (scripts/build_site.py)\n")
    write(site.out / "index.html", index_html(site).encode("utf-8"))
    write(site.out / "sitemap.xml", sitemap_xml(site).encode("utf-8"))
    write(site.out / "robots.txt", robots_txt(site).encode("utf-8"))
    prune(site.out, keep)
    return built


def warm(site: Site) -> None:
    """Load what every worker needs before forking: the print's font and projected layers."""
    from geo.printing import render

    render.korean_font()
    render.projected(site.model)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default build/site)")
    p.add_argument("--site-url", default=os.environ.get(site_pages.SITE_URL_ENV), help="the pages' public address")
    p.add_argument("--app-url", default=os.environ.get(site_pages.APP_URL_ENV), help="the live app's public address")
    p.add_argument("--only", help="comma-separated views: overview, region, station, cluster or kind:id")
    p.add_argument("--langs", default=",".join(LANGS), help="comma-separated languages (default ko,en)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: CPUs)")
    p.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="cache folder (default build/site-cache)")
    p.add_argument("--no-cache", action="store_true", help="draw every map and picture again")
    return p.parse_args(argv)


URL_HELP: Final = {
    "site": "--site-url (or GGM_SITE_URL): the address the pages will be served from, e.g. https://maps.example.org/ggm/",
    "app": "--app-url (or GGM_PUBLIC_URL): the live app's address, e.g. https://ggm.example.streamlit.app/",
}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    site_url, app_url = site_pages.absolute_base(args.site_url), site_pages.absolute_base(args.app_url)
    for missing, given in (("site", site_url), ("app", app_url)):
        if given is None:
            print(
                f"error: OpenGraph and the live link need absolute http(s) addresses: {URL_HELP[missing]}",
                file=sys.stderr,
            )
            return 2
    assert site_url is not None and app_url is not None
    langs = tuple(lang for lang in LANGS if lang in {x.strip() for x in args.langs.split(",")})
    if not langs or set(args.langs.split(",")) - set(LANGS):
        print(f"error: --langs takes {', '.join(LANGS)}", file=sys.stderr)
        return 2
    out: Path = args.out
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).is_file())):
        print(f"error: {out} is not empty and not a former output of this script ({MARKER} missing)", file=sys.stderr)
        return 2
    loaded = model_and_state(argparse.Namespace())
    if isinstance(loaded, int):
        return loaded
    model = loaded[0]
    try:
        views = select_views(model, args.only)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    cache = Cache(None if args.no_cache else args.cache, content_key(datafiles.current_data_dir()))
    site = Site(model, clock.today(), site_url, app_url, out, cache, langs, tuple(views))
    built = build(site, max(1, args.jobs))
    elapsed = time.perf_counter() - started
    sizes = sorted(b.size for b in built)
    print(
        f"wrote {len(built)} pages to {out} in {elapsed:.1f} s "
        f"(maps {sum(b.map_cached for b in built)} cached, pictures {sum(b.image_cached for b in built)} cached); "
        f"page size max {sizes[-1] / 1024:.0f} KB, median {statistics.median(sizes) / 1024:.0f} KB"
    )
    over = [b.path for b in built if b.size > PAGE_BUDGET]
    return exit_code(f"error: over {PAGE_BUDGET // 1024} KB: {', '.join(over)}" if over else None)


if __name__ == "__main__":
    sys.exit(main())
