"""Printing a view (geo/printing/render.py, geo/printing/sheet.py), the CLI, and the embed snippet."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import numpy as np
import pypdf
import pytest
import segno
import zxingcpp
from matplotlib import font_manager
from PIL import Image

from geo.answers import naming
from geo.core import citation
from geo.core.vocabulary import METRIC_CRS
from geo.printing import render as print_map
from geo.printing import sheet as print_sheet
from geo.printing.formats import FORMATS
from geo.state import share, url_state
from scripts import print_map as print_cli

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://ggm.example.streamlit.app/"
TODAY = date(2026, 11, 30)


def state(model, **params):
    s = url_state.parse(params, model.known)
    assert not s.notices
    return s


def render(model, fmt, **params):
    s = state(model, **params)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph (tofu) or font fallback fails the test
        return print_map.render(model, s, fmt, share.view_url(BASE, s), TODAY)


def png(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)


@pytest.fixture(scope="module")
def yongin_png(model):
    return render(model, "png", region="yongin")


@pytest.fixture(scope="module")
def hanam_png(model):
    return render(model, "png", region="hanam")


def test_png_has_the_requested_size_and_is_not_blank(yongin_png):
    image = Image.open(io.BytesIO(yongin_png))
    assert image.format == "PNG"
    assert image.size == (1920, 1080)
    pixels = png(yongin_png)
    not_white = (pixels < 245).any(axis=2).mean()
    assert not_white > 0.2, f"only {not_white:.1%} of the sheet is drawn"
    packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    assert len(np.unique(packed)) > 500  # a map, not a few flat boxes


def _pixel_box(model, slug_state, slug):
    """The pixel box (x0, y0, x1, y1, top-left origin) of a municipality on the PNG's map."""
    fig = print_map.compose(model, slug_state, "x", TODAY, FORMATS["png"])
    ax = fig.axes[0]
    munis = model.data.display_municipalities.to_crs(METRIC_CRS)
    minx, miny, maxx, maxy = munis[munis["slug"] == slug].total_bounds
    (x0, y0), (x1, y1) = ax.transData.transform([(minx, miny), (maxx, maxy)])
    height = fig.get_figheight() * fig.dpi
    return int(x0), int(height - y1), int(x1) + 1, int(height - y0) + 1


def _selected_pixels(pixels, box):
    x0, y0, x1, y1 = box
    patch = pixels[y0:y1, x0:x1]
    orange = np.array([int(print_map.palette.SELECTED[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(patch - orange).sum(axis=2) < 40).sum())


def test_selected_region_is_outlined_where_it_is(model, yongin_png, hanam_png):
    yongin_box = _pixel_box(model, state(model, region="yongin"), "yongin")
    hanam_box = _pixel_box(model, state(model, region="hanam"), "hanam")
    y, h = png(yongin_png), png(hanam_png)
    # The two prints differ around both regions ...
    for box in (yongin_box, hanam_box):
        x0, y0, x1, y1 = box
        assert (y[y0:y1, x0:x1] != h[y0:y1, x0:x1]).any()
    # ... because each outlines its own region in the selection colour, and only that one.
    assert _selected_pixels(y, yongin_box) > 300
    assert _selected_pixels(h, hanam_box) > 100
    assert _selected_pixels(y, hanam_box) < 10
    assert _selected_pixels(h, yongin_box) < 10


def test_korean_title_is_drawn_with_the_bundled_font(model):
    font_file = print_map.korean_font()
    assert font_file.name == "NanumGothic.ttf" and "koreanize_matplotlib" in str(font_file)
    s = state(model, region="yongin")
    fmt = FORMATS["png"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = print_map.compose(model, s, share.view_url(BASE, s), TODAY, fmt)
        title = next(a for a in fig.texts if a.get_text() == "용인시 — K-반도체 메가클러스터")
        resolved = font_manager.findfont(title.get_fontproperties(), fallback_to_default=False)
        fig.savefig(io.BytesIO(), format="png")  # draws every glyph: a missing one raises here
    assert Path(resolved).parent == font_file.parent  # NanumGothic (bold file for the bold title)
    charmap = font_manager.get_font(resolved).get_charmap()
    assert all(ord(ch) in charmap for ch in title.get_text())


def test_missing_font_fails_loudly(monkeypatch):
    monkeypatch.setattr(print_map, "FONT_PACKAGE", "no_such_font_package")
    with pytest.raises(print_map.FontMissing):
        print_map.register_korean_font()


def test_every_text_on_every_print_renders_without_missing_glyphs(model):
    # Both languages, a region, a station, a cluster and the overview: warnings are errors.
    for params in ({"station": "dongtan"}, {"cluster": "peace-zone", "lang": "en"}, {"lang": "en"}):
        assert render(model, "png", **params)


def test_pdf_is_one_a4_page_with_real_text(model):
    s = state(model, region="yongin", lang="en")
    data = render(model, "pdf", region="yongin", lang="en")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape, points
    text = reader.pages[0].extract_text()
    sheet = print_sheet.sheet(model, s, TODAY)
    first_url = next(src for src in sheet.sources if src.url)
    assert sheet.title in text
    assert citation.host(first_url.url) in text
    assert share.view_url(BASE, s) in text.replace("\n", "")


def test_korean_pdf_keeps_korean_text(model):
    text = pypdf.PdfReader(io.BytesIO(render(model, "pdf", region="yongin"))).pages[0].extract_text()
    assert "용인시 — K-반도체 메가클러스터" in text


def test_svg_is_vector_with_text_elements(model):
    data = render(model, "svg", cluster="ai", lang="en").decode("utf-8")
    assert data.lstrip().startswith("<?xml")
    assert "<image" not in data  # no raster inside
    assert re.search(r"<text[^>]*>[^<]*AI clusters", data)


def test_same_view_prints_the_same_bytes(model):
    # PDF and SVG carry dates and ids by default; PNG has neither.
    for fmt in ("pdf", "svg"):
        assert render(model, fmt, region="hanam", lang="en") == render(model, fmt, region="hanam", lang="en")


def test_qr_code_decodes_to_the_live_view_link(model, yongin_png):
    link = share.view_url(BASE, state(model, region="yongin"))
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(yongin_png)))]
    assert decoded == [link]
    # and the drawn modules are segno's own matrix
    size, runs = print_map.qr_runs(link)
    matrix = [list(row) for row in segno.make(link, error="m", micro=False).matrix_iter(border=4)]
    assert size == len(matrix)
    assert sum(n for _, _, n in runs) == sum(map(sum, matrix))


def test_sheet_figures_have_sources_for_every_record(model):
    """Every region, station and cluster, both languages: no empty value, every figure sourced."""
    k = model.known
    states = [{"region": r} for r in k.regions] + [{"station": s} for s in k.stations]
    states += [{"cluster": c} for c in k.clusters] + [{}]
    for params in states:
        for lang in ("ko", "en"):
            sheet = print_sheet.sheet(model, state(model, **params, lang=lang), TODAY)
            assert sheet.title and sheet.figures, params
            for f in sheet.figures:
                text = f"{f.label} {f.value}"
                assert not re.search(r"\b(nan|None)\b|\{", text), (params, text)
                assert f.source.text and f.source.as_of, (params, f)


def test_overview_title_names_the_gtx_date(model):
    assert naming.title(model, state(model, lang="en"), TODAY) == "GTX network as of 2026-11-30"
    assert naming.title(model, state(model, layers="ai"), TODAY) == "경기도 미래성장 지도"


def test_nothing_is_computed_at_import():
    code = (
        "import geo.printing.render as p\n"
        "assert p._registered_font.cache_info().currsize == 0 and p._metric.cache_info().currsize == 0\n"
        "from matplotlib import font_manager as fm\n"
        "assert not any('koreanize' in f.fname for f in fm.fontManager.ttflist)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# ---------------------------------------------------------------- CLI


def test_cli_prints_the_format_of_the_extension(tmp_path, capsys):
    out = tmp_path / "yongin.png"
    assert print_cli.main(["--region", "yongin", "--lang", "en", "--out", str(out), "--base-url", BASE]) == 0
    assert Image.open(out).size == (1920, 1080)
    assert print_cli.main(["--cluster", "ai", "--out", str(tmp_path / "ai.pdf"), "--printed-on", "2026-11-30"]) == 0
    assert (tmp_path / "ai.pdf").read_bytes().startswith(b"%PDF")


def test_cli_rejects_bad_values_without_writing(tmp_path, capsys):
    assert print_cli.main(["--region", "<script>", "--out", str(tmp_path / "x.png")]) == 2
    assert "--region" in capsys.readouterr().err
    assert print_cli.main(["--region", "yongin", "--out", str(tmp_path / "x.jpg")]) == 2
    assert not list(tmp_path.iterdir())


def test_cli_has_a_flag_for_every_url_parameter():
    from scripts.view_args import URL_PARAMS

    full = url_state.serialize(url_state.ViewState(region="yongin", basemap="light", view=(37.3, 127.2, 11)))
    assert set(full) <= set(URL_PARAMS)  # every parameter the app writes has a flag
    args = print_cli.parse_args(["--out", "x.png"])
    assert all(hasattr(args, param) for param in URL_PARAMS)


# ---------------------------------------------------------------- embed


def test_embed_snippet(model):
    s = state(model, region="yongin", lang="en")
    snippet = share.embed_snippet(BASE, s, 'A "quoted" <title> & more')
    src = re.search(r'src="([^"]+)"', snippet).group(1)
    assert src.startswith(BASE + "?embed=true&amp;region=yongin")
    assert 'title="A &quot;quoted&quot; &lt;title&gt; &amp; more"' in snippet
    assert 'height="880"' in snippet and 'width="100%"' in snippet
    assert "<title>" not in snippet


def test_hosting_doc_shows_the_real_snippet(model):
    s = state(model, region="yongin", lang="en")
    snippet = share.embed_snippet(BASE, s, naming.embed_title(model, s))
    assert snippet in (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")


def test_a_dated_view_prints_the_network_as_of_its_date(model):
    before = state(model, lang="en", date="2024-01-01")  # before GTX-A's first section opened
    sheet = print_sheet.sheet(model, before, TODAY)
    assert sheet.title == "GTX network as of 2024-01-01"
    counts = next(f for f in sheet.figures if f.label == "GTX stations (by status)").value
    assert "Operating" not in counts
    now = print_sheet.sheet(model, state(model, lang="en"), TODAY)
    assert "Operating" in next(f for f in now.figures if f.label == "GTX stations (by status)").value
    dongtan = print_sheet.sheet(model, state(model, station="dongtan", lang="en", date="2024-01-01"), TODAY)
    assert "Operating" not in dongtan.figures[0].value and "not open" in dongtan.figures[0].value
