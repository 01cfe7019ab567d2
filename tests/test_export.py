"""`make export`: one standalone HTML file, Leaflet inlined, nothing loaded from elsewhere,
and nothing from the data or the command line rendered as live HTML."""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
from html.parser import HTMLParser

import pytest

from layers import assets
from scripts import export_html
from tests.helpers import ROOT

EVIL = '"><img src=x onerror=alert(1)>'
EVIL_SCRIPT = "</script><script>alert(1)</script>"


class Resources(HTMLParser):
    """Every external resource reference in the page's tags (script bodies are not parsed as tags)."""

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for attr in ("src", "href", "data"):
            if a.get(attr) and tag in (
                "script",
                "link",
                "img",
                "iframe",
                "object",
                "embed",
                "source",
                "audio",
                "video",
            ):
                self.refs.append((tag, attr, a[attr]))
        if tag == "script" and not a.get("src"):
            self.inline_scripts += 1


def resources(html: str) -> Resources:
    p = Resources()
    p.feed(html)
    return p


def export(tmp_path, *args: str) -> str:
    out = tmp_path / "index.html"
    assert export_html.main([*args, "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_export_is_standalone(tmp_path, capsys):
    html = export(tmp_path, "--region", "yongin", "--lang", "en")
    r = resources(html)
    assert r.refs == []  # no <script src>, <link href>, <img src>: nothing to fetch
    assert "/app/static" not in html
    assert r.inline_scripts >= 2  # Leaflet itself and the map
    assert "region-yongin" in html
    # Leaflet itself, its script and its stylesheet, is in the page (not just folium's calls to it).
    assert export_html.inline_js(assets.read("leaflet.js")) in html
    assert export_html.inline_css() in html
    assert "url(images/" not in html and "url(data:image/png;base64," in html  # Leaflet's CSS images are data: URIs
    assert '<html lang="en">' in html
    assert "<title>Yongin · Gyeonggi Growth Map</title>" in html
    assert "region=yongin" in capsys.readouterr().out


def test_export_layers_and_basemap(tmp_path):
    html = export(tmp_path, "--layers", "gtx-a", "--basemap", "none")
    assert "gtx-line-a" in html and "gtx-line-b" not in html
    assert "site site-" not in html
    assert "tile.openstreetmap.org" not in html  # basemap none: the file makes no request at all
    html = export(tmp_path, "--cluster", "semiconductor", "--lang", "ko")
    assert "tile.openstreetmap.org" in html
    assert '<html lang="ko">' in html


def test_export_opens_at_a_view(tmp_path):
    fits = re.compile(r"map_[0-9a-f]+\.fitBounds\(")
    html = export(tmp_path, "--view", "37.3,127.2,11")
    assert "center: [37.3, 127.2]" in html and '"zoom": 11.0' in html and not fits.search(html)
    assert fits.search(export(tmp_path))  # no view: fitted to Gyeonggi


def test_export_as_of_a_date(tmp_path):
    early = export(tmp_path, "--layers", "gtx", "--date", "2024-02")
    assert "gtx-section-a-suseo-dongtan gtx-status-under_construction" in early
    assert "station-cheonghak" not in early  # not yet announced in February 2024
    now = export(tmp_path, "--layers", "gtx", "--date", "2026-11-30")
    assert "gtx-section-a-suseo-dongtan gtx-status-operating" in now and "station-cheonghak" in now


def test_default_out_path():
    assert export_html.DEFAULT_OUT == ROOT / "build" / "export" / "index.html"


@pytest.mark.parametrize(
    "args, option",
    [
        (["--region", "<script>alert(1)</script>"], "--region"),
        (["--region", "../../etc/passwd"], "--region"),
        (["--lang", EVIL], "--lang"),
        (["--layers", "gtx,javascript:alert(1)"], "--layers"),
        (["--basemap", "javascript:alert(1)"], "--basemap"),
        (["--view", "37.3,127.2,<b>"], "--view"),
    ],
)
def test_hostile_arguments_are_refused_without_echo(tmp_path, capsys, args, option):
    out = tmp_path / "index.html"
    assert export_html.main([*args, "--out", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert option in err
    assert args[1] not in err


def _poison(data_dir):
    """A copy of data/ whose names carry HTML and a script break-out."""
    cities = data_dir / "gyeonggi_cities.csv"
    rows = list(csv.DictReader(cities.open(encoding="utf-8")))
    for row in rows:
        if row["slug"] == "yongin":
            row["name_ko"], row["name_en"] = EVIL, EVIL_SCRIPT
    with cities.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    for stem, _key in (("municipalities.geojson", "slug"), ("sites.geojson", "id"), ("gtx_stations.geojson", "id")):
        path = data_dir / stem
        fc = json.loads(path.read_text(encoding="utf-8"))
        for feat in fc["features"][:3]:
            feat["properties"]["name_ko"] = EVIL
            feat["properties"]["name_en"] = EVIL_SCRIPT
        path.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_hostile_names_in_data_are_escaped(tmp_path, monkeypatch, lang):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    _poison(data)
    monkeypatch.setenv("GGM_DATA_DIR", str(data))
    html = export(tmp_path, "--region", "yongin", "--lang", lang)
    assert EVIL not in html and EVIL_SCRIPT not in html
    assert "<img src=x" not in html and "onerror=alert(1)>" not in html
    assert html.count("</script>") == resources(html).inline_scripts  # no extra script end tag
    # The title box and <title> show the hostile name as text.
    shown = EVIL if lang == "ko" else EVIL_SCRIPT
    from html import escape

    assert escape(shown) in html
    assert resources(html).refs == []


def test_broken_data_is_reported(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "sites.geojson").unlink()
    monkeypatch.setenv("GGM_DATA_DIR", str(data))
    assert export_html.main(["--out", str(tmp_path / "x.html")]) == 1
    assert "data/sites.geojson" in capsys.readouterr().err


def test_export_carries_the_map_in_words(model):
    from geo.answers.describe import describe
    from geo.state.url_state import ViewState
    from scripts.export_html import render

    state = ViewState(region="yongin", lang="en")
    page = render(model, state)
    assert "<summary>What the map shows</summary>" in page
    assert html.escape(describe(model, state)) in page
