"""`make site`: static pages for every view, read as a crawler reads them (html.parser, no
JavaScript). A small set of views is built three times: with a cold cache and two workers, again
in one process with no cache (the same bytes), and again from the cache (nothing drawn)."""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import io
import re
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geo.answers import naming
from geo.printing import sheet
from geo.state import share, site_pages
from geo.state.url_state import ViewState
from scripts import build_site

SITE = "https://maps.example.org/ggm/"
APP = "https://ggm.example.streamlit.app/"
NOW = "2026-12-01T03:00:00Z"
ONLY = "overview,region:yongin,station:dongtan,cluster:ai"
TODAY = dt.date(2026, 12, 1)  # NOW in Korea
SAMPLE = [
    ViewState(lang="ko"),
    ViewState(lang="en", region="yongin"),
    ViewState(lang="ko", station="dongtan"),
    ViewState(lang="en", cluster="ai"),
]


class Page(HTMLParser):
    """What a crawler reads of a page: its <head> tags, resources, links and text."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []  # <link>
        self.anchors: list[dict[str, str]] = []  # <a>
        self.scripts: list[str] = []  # <script src>
        self.inline_scripts = 0
        self.maps = 0
        self.lang = ""
        self.text: list[str] = []  # inside <main>, the page's own text (not the map's script)
        self._in_main = False

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "link":
            self.links.append(a)
        elif tag == "a":
            self.anchors.append(a)
        elif tag == "script":
            if a.get("src"):
                self.scripts.append(a["src"])
            else:
                self.inline_scripts += 1
        elif tag == "div" and "folium-map" in a.get("class", "").split():
            self.maps += 1
        elif tag == "main":
            self._in_main = True

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False

    def handle_data(self, data):
        if self._in_main:
            self.text.append(data)

    def link(self, rel: str, **attrs: str) -> list[str]:
        return [
            x["href"]
            for x in self.links
            if rel in x.get("rel", "").split() and all(x.get(k) == v for k, v in attrs.items())
        ]


def read_page(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def static_problems(out: Path, app_url: str = APP) -> list[str]:
    """Every page's HTML checked without a browser: the language, one map, Leaflet from the
    one shared copy (which exists), no other script or stylesheet, no Leaflet inlined again, the
    preview tags with their picture (1200x630), the live-app link, and the size budget."""
    problems = []
    pages = sorted(p for p in out.rglob("*.html") if p.parent != out)
    for path in pages:
        rel = path.relative_to(out).as_posix()
        html = path.read_text(encoding="utf-8")
        page = read_page(path)
        say = lambda what, rel=rel: problems.append(f"{rel}: {what}")
        if page.lang != rel.split("/")[0]:
            say(f"lang {page.lang!r}")
        if page.maps != 1 or html.count("= L.map(") != 1:
            say("no map")
        if re.search(r"_[0-9a-f]{32}\b", html):
            say("folium's random ids")
        resources = page.scripts + page.link("stylesheet")
        want = {"leaflet.js", "leaflet.css"}
        for ref in resources:
            target = (path.parent / ref).resolve()
            if urlsplit(ref).scheme or not target.is_file() or target.parent != (out / build_site.ASSETS).resolve():
                say(f"resource {ref} is not the shared Leaflet")
            want.discard(target.name)
        if want or len(resources) != 2:
            say(f"Leaflet not linked: {sorted(want)}")
        if "* Leaflet " in html or len(html.encode()) > build_site.PAGE_BUDGET:
            say(f"{len(html.encode())} bytes (Leaflet inlined or over budget)")
        for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
            if not page.meta.get(key):
                say(f"no {key}")
        image = page.meta.get("og:image", "")
        if not image.startswith(SITE) or png_size(out / image.removeprefix(SITE)) != (1200, 630):
            say(f"og:image {image}")
        if page.link("canonical") != [page.meta.get("og:url")] or page.meta.get("og:url") != SITE + rel:
            say("canonical / og:url")
        if not [a for a in page.anchors if "ggm-live" in a.get("class", "") and a["href"].startswith(app_url)]:
            say("no live-app link")
    return problems


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(first, second, third) output folders and the third build's report."""
    root = tmp_path_factory.mktemp("site")
    cache = root / "cache"
    args = ["--site-url", SITE, "--app-url", APP, "--only", ONLY]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GGM_NOW", NOW)
        assert build_site.main([*args, "--out", str(root / "a"), "--cache", str(cache), "--jobs", "2"]) == 0
        assert build_site.main([*args, "--out", str(root / "b"), "--no-cache", "--jobs", "1"]) == 0
        # A former output with a page this build does not make: the page goes, the rest is rebuilt.
        (root / "c").mkdir()
        (root / "c" / build_site.MARKER).write_text("x")
        (root / "c" / "ko" / "region").mkdir(parents=True)
        (root / "c" / "ko" / "region" / "gone.html").write_text("stale")
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            assert build_site.main([*args, "--out", str(root / "c"), "--cache", str(cache)]) == 0
    return root / "a", root / "b", root / "c", report.getvalue()


def same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only (byte comparison)."""
    files = lambda d: sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())
    fa, fb = files(a), files(b)
    diffs = sorted(set(fa) ^ set(fb))
    diffs += [f for f in sorted(set(fa) & set(fb)) if not filecmp.cmp(a / f, b / f, shallow=False)]
    return diffs


def test_a_second_build_is_byte_identical(builds):
    a, b, c, _ = builds
    assert len(list(a.rglob("*.html"))) == 9  # 4 views x 2 languages and the index
    assert same_tree(a, b) == []  # two workers with a cache, one process without
    assert same_tree(a, c) == []  # from the cache, and the stale page removed


def test_the_cache_is_reused(builds):
    *_, report = builds
    assert "wrote 8 pages" in report and "maps 8 cached, pictures 8 cached" in report


@pytest.mark.parametrize("state", SAMPLE, ids=lambda s: site_pages.page_path(s))
def test_preview_tags_without_javascript(builds, model, state):
    out = builds[0]
    path = site_pages.page_path(state)
    page = read_page(out / path)
    meta = page.meta
    assert meta["og:title"] == naming.embed_title(model, state)  # the selection's name and the map's
    assert meta["og:title"].endswith(" · Gyeonggi Growth Map" if state.lang == "en" else " · 경기도 미래성장 지도")
    first = next(f for f in sheet.figures(model, state, TODAY) if f.label)
    assert meta["og:description"].startswith(f"{first.label}: {first.value}")  # its key figure in words
    assert meta["og:url"] == SITE + path and page.link("canonical") == [SITE + path]
    assert meta["og:image"] == SITE + path.removesuffix(".html") + ".png"
    assert png_size(out / site_pages.image_path(state)) == (1200, 630)
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["twitter:card"] == "summary_large_image"
    other = "en" if state.lang == "ko" else "ko"
    assert page.link("alternate", hreflang=state.lang) == [SITE + path]
    assert page.link("alternate", hreflang=other) == [SITE + other + path[2:]]
    assert page.link("alternate", hreflang="x-default") == [SITE + "ko" + path[2:]]
    assert (out / (other + path[2:])).is_file()


@pytest.mark.parametrize("state", SAMPLE, ids=lambda s: site_pages.page_path(s))
def test_page_shows_the_key_facts_and_links_the_live_app(builds, model, state):
    page = read_page(builds[0] / site_pages.page_path(state))
    text = " ".join(page.text)
    figures = sheet.figures(model, state, TODAY)
    for f in figures:  # every figure, with its source and as-of date
        assert f.value in text
        assert f.source.text in text and (f.source.as_of in text)
    live = [a["href"] for a in page.anchors if "ggm-live" in a.get("class", "")]
    assert live == [share.view_url(APP, state)]


def test_every_built_page_passes_the_static_checks(builds):
    out = builds[0]
    assert static_problems(out) == []
    assert sorted(p.relative_to(out).as_posix() for p in (out / build_site.ASSETS).rglob("*.js")) == [
        "assets/leaflet/leaflet.js"
    ]


def test_sitemap_index_and_robots(builds):
    out = builds[0]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.parse(out / "sitemap.xml").getroot().findall("s:url", ns)
    locs = [u.findtext("s:loc", namespaces=ns) for u in urls]
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.parent != out)
    assert locs == [SITE, *(SITE + p for p in pages)]
    yongin = next(u for u in urls if u.findtext("s:loc", namespaces=ns).endswith("en/region/yongin.html"))
    alternates = {x.get("hreflang"): x.get("href") for x in yongin.findall("x:link", ns)}
    assert alternates == {"ko": SITE + "ko/region/yongin.html", "en": SITE + "en/region/yongin.html"}
    index = read_page(out / "index.html")
    assert sorted(a["href"] for a in index.anchors) == pages  # every page, relative
    assert index.link("canonical") == [SITE]
    robots = (out / "robots.txt").read_text()
    assert "User-agent: *" in robots and f"Sitemap: {SITE}sitemap.xml" in robots


@pytest.mark.parametrize("missing", ["--site-url", "--app-url"])
def test_the_public_addresses_are_required(tmp_path, monkeypatch, capsys, missing):
    monkeypatch.delenv("GGM_SITE_URL", raising=False)
    monkeypatch.delenv("GGM_PUBLIC_URL", raising=False)
    given = {"--site-url": SITE, "--app-url": APP}
    given[missing] = "/relative/"  # not absolute: as good as missing
    args = [x for kv in given.items() for x in kv]
    assert build_site.main([*args, "--out", str(tmp_path / "out"), "--only", "overview"]) == 2
    err = capsys.readouterr().err
    assert missing in err and ("GGM_SITE_URL" if missing == "--site-url" else "GGM_PUBLIC_URL") in err
    assert not (tmp_path / "out").exists()


def test_the_addresses_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GGM_SITE_URL", "https://cdn.example/x")
    monkeypatch.setenv("GGM_PUBLIC_URL", APP)
    args = build_site.parse_args([])
    assert (args.site_url, args.app_url) == ("https://cdn.example/x", APP)
    assert site_pages.site_url() == "https://cdn.example/x/"


def test_a_folder_that_is_not_a_site_is_left_alone(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine")
    assert build_site.main(["--site-url", SITE, "--app-url", APP, "--out", str(tmp_path), "--only", "overview"]) == 2
    assert "not empty" in capsys.readouterr().err and (tmp_path / "notes.txt").read_text() == "mine"


def test_only_names_views(model):
    assert build_site.select_views(model, "region:yongin,cluster") == [
        ("cluster", "ai"),
        ("cluster", "peace-zone"),
        ("cluster", "semiconductor"),
        ("region", "yongin"),
    ]
    with pytest.raises(ValueError, match="region:atlantis"):
        build_site.select_views(model, "region:atlantis")
    counts = {k: sum(1 for kind, _ in build_site.all_views(model) if kind == k) for k in ("region", "station")}
    assert counts == {"region": 31, "station": len(model.known.stations)}


def test_which_views_have_a_page():
    yongin = ViewState(region="yongin", lang="en")
    assert site_pages.page_url("https://s.example/a", yongin) == "https://s.example/a/en/region/yongin.html"
    # Moving the map or changing the basemap keeps the page; anything the page does not show drops it.
    assert (
        site_pages.page_state(ViewState(region="yongin", lang="en", view=(37.2, 127.2, 11), basemap="none")) == yongin
    )
    for other in (
        ViewState(region="yongin", layers=frozenset({"gtx"})),
        ViewState(region="yongin", date=dt.date(2024, 1, 1)),
        ViewState(at=(37.3, 127.1)),
    ):
        assert site_pages.page_state(other) is None and site_pages.page_url(SITE, other) is None
    assert site_pages.page_path(ViewState()) == "ko/index.html"


def test_share_box_offers_the_static_page_when_configured(monkeypatch):
    from tests.helpers import open_share_box

    def share_box_code(**env: str) -> list[str]:
        for k in ("GGM_SITE_URL",):
            monkeypatch.delenv(k, raising=False)
        for k, v in env.items():
            monkeypatch.setenv(k, v)
        return [c.value for c in open_share_box().sidebar.code]

    codes = share_box_code(GGM_SITE_URL="https://maps.example.org/ggm")
    assert "https://maps.example.org/ggm/en/region/hanam.html" in codes
    assert any(c.startswith('<iframe src="https://maps.example.org/ggm/en/region/hanam.html"') for c in codes)
    assert not any("maps.example.org" in c for c in share_box_code())  # not configured: not offered
