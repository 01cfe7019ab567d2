"""The public base URL (geo/state/share.py): one setting, GGM_PUBLIC_URL or the `public_url` secret,
behind every share link, print, QR code and embed snippet; without it the browser's address, and
never a localhost address in a file that leaves the machine."""

from __future__ import annotations

import io

import pypdf
import pytest
import zxingcpp
from PIL import Image
from streamlit.testing.v1 import AppTest

from geo.printing import render as print_map
from geo.state import share, url_state
from scripts import print_map as print_cli
from tests.helpers import open_share_box
from ui import print_box

PUBLIC = "https://ggm.example.org/maps"  # configured without its trailing slash
PUBLIC_BASE = "https://ggm.example.org/maps/"
LOCAL = "http://localhost:8501/"


# ---------------------------------------------------------------- the rule


@pytest.mark.parametrize(
    "value, base",
    [
        ("https://ggm.example.org", "https://ggm.example.org/"),
        ("https://ggm.example.org/", "https://ggm.example.org/"),
        (PUBLIC, PUBLIC_BASE),
        ("  HTTPS://GGM.Example.org:8443/x/  ", "https://ggm.example.org:8443/x/"),
        ("http://192.168.0.7:8501", "http://192.168.0.7:8501/"),
    ],
)
def test_a_valid_address_is_normalised(value, base):
    assert share.parse_public_url(value) == base
    assert share.public_url_problem(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "ggm.example.org",  # no scheme
        "ftp://ggm.example.org/",
        "javascript:alert(1)",
        "https://",
        "https://ggm.example.org/?region=yongin",
        "https://ggm.example.org/?",
        "https://ggm.example.org/#map",
        "https://user:secret@ggm.example.org/",
        "https://ggm.example.org:99999/",
        "https://ggm.example.org:port/",
        "https://ggm example.org/",
        "https://ggm.example.org/\nx",
        "https://[::1/",
    ],
)
def test_an_invalid_address_is_refused_with_a_reason(value):
    with pytest.raises(ValueError):
        share.parse_public_url(value)
    if value.strip():
        assert share.public_url_problem(value)


def test_the_configured_address_wins_and_a_bad_one_falls_back_to_the_browser():
    assert share.public_base(PUBLIC, "https://other.example.net/") == PUBLIC_BASE
    assert share.public_base(None, "https://other.example.net/app?x=1#y") == "https://other.example.net/app/"
    assert share.public_base("  ", "https://other.example.net") == "https://other.example.net/"
    assert share.public_base("not a url", "https://other.example.net/") == "https://other.example.net/"
    assert share.public_base(None, None) is None
    assert share.public_base(None, "") is None


@pytest.mark.parametrize(
    "browser",
    [LOCAL, "http://127.0.0.1:8501/", "http://127.1.2.3/", "http://[::1]:8501/", "http://0.0.0.0:8501/",
     "http://app.localhost:8501/", "http://LOCALHOST./"],
)  # fmt: skip
def test_a_localhost_address_never_goes_into_a_file(browser):
    assert share.public_base(None, browser) is not None  # the share link may use it
    assert share.outbound_base(None, browser) is None  # a print, QR code or embed never does
    assert share.outbound_base(browser, None) is None  # not even when configured
    assert share.outbound_base(PUBLIC, browser) == PUBLIC_BASE
    link = share.view_url(share.public_base(None, browser), url_state.ViewState(region="yongin"))
    assert not share.is_public_link(link)
    assert share.for_file(link).startswith("?region=yongin")


def test_a_lan_or_public_browser_address_is_kept_for_files():
    assert share.outbound_base(None, "http://192.168.0.7:8501/") == "http://192.168.0.7:8501/"
    assert share.outbound_base(None, "https://ggm.example.org/") == "https://ggm.example.org/"


def test_the_setting_is_the_environment_variable_else_the_secret():
    env = {share.PUBLIC_URL_ENV: PUBLIC}
    assert share.configured_public_url(env, "https://secret.example.org/") == PUBLIC
    assert share.configured_public_url({share.PUBLIC_URL_ENV: " "}, "https://secret.example.org/") == (
        "https://secret.example.org/"
    )
    assert share.configured_public_url({}, None) is None
    assert share.configured_public_url({}, 42) is None


def test_without_a_base_the_link_is_relative():
    state = url_state.ViewState(region="yongin", lang="en")
    assert share.view_url(None, state).startswith("?region=yongin")
    assert share.view_url("", state) == share.view_url(None, state)
    assert 'src="?embed=true&amp;region=yongin' in share.embed_snippet(None, state, "t")


# ---------------------------------------------------------------- prints


def _qr(png: bytes) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def _pdf_text(data: bytes) -> str:
    return "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages).replace("\n", "")


def test_a_prints_qr_code_decodes_to_the_configured_address(model):
    state = url_state.parse({"region": "yongin", "lang": "en"}, model.known)
    base = share.outbound_base(PUBLIC, LOCAL)  # configured, though the browser used localhost
    link = share.view_url(base, state)
    assert link.startswith(PUBLIC_BASE + "?region=yongin")
    assert _qr(print_map.render(model, state, "png", link)) == [link]


def test_a_localhost_link_prints_as_the_relative_link_without_a_qr_code(model):
    state = url_state.parse({"region": "yongin", "lang": "en"}, model.known)
    link = share.view_url(LOCAL, state)
    assert _qr(print_map.render(model, state, "png", link)) == []
    text = _pdf_text(print_map.render(model, state, "pdf", link))
    assert "localhost" not in text and "?region=yongin" in text


def test_cli_uses_the_setting_and_never_prints_localhost(model, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(share.PUBLIC_URL_ENV, PUBLIC)
    out = tmp_path / "yongin.png"
    assert print_cli.main(["--region", "yongin", "--out", str(out)]) == 0
    assert _qr(out.read_bytes()) == [share.view_url(PUBLIC_BASE, url_state.parse({"region": "yongin"}, model.known))]
    monkeypatch.delenv(share.PUBLIC_URL_ENV)
    for extra in ([], ["--base-url", LOCAL]):
        capsys.readouterr()
        assert print_cli.main(["--region", "yongin", "--out", str(out), *extra]) == 0
        assert _qr(out.read_bytes()) == []
        assert "GGM_PUBLIC_URL" in capsys.readouterr().err
    bad = tmp_path / "bad.png"
    assert print_cli.main(["--region", "yongin", "--out", str(bad), "--base-url", "https://x.org/?a=1"]) == 2
    assert "query" in capsys.readouterr().err and not bad.exists()


# ---------------------------------------------------------------- the app's share box


def run_share_box(monkeypatch, env: str | None = None, secret: str | None = None) -> tuple[AppTest, list[str]]:
    if env is None:
        monkeypatch.delenv(share.PUBLIC_URL_ENV, raising=False)
    else:
        monkeypatch.setenv(share.PUBLIC_URL_ENV, env)
    links: list[str] = []
    monkeypatch.setattr(print_box, "print_buttons", lambda model, state, link: links.append(link))
    return open_share_box(None if secret is None else {share.PUBLIC_URL_SECRET: secret}), links


def _operator_notes(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption if "GGM_PUBLIC_URL" in c.value.replace("\\", "")]


def _link_and_snippet(at: AppTest) -> tuple[str, str]:
    codes = [c.value for c in at.sidebar.code]
    return next(c for c in codes if not c.startswith("<iframe")), next(c for c in codes if c.startswith("<iframe"))


@pytest.mark.parametrize("where", ["env", "secret"])
def test_the_share_box_uses_the_configured_address(monkeypatch, where):
    at, links = run_share_box(monkeypatch, **{where: PUBLIC})
    link, snippet = _link_and_snippet(at)
    assert link.startswith(PUBLIC_BASE + "?region=hanam")
    assert f'src="{PUBLIC_BASE}?embed=true&amp;region=hanam' in snippet
    assert links == [link]  # the prints carry the same link
    assert not _operator_notes(at)


def test_without_an_address_files_carry_the_relative_link_and_the_operator_is_told(monkeypatch):
    import ui.sidebar

    monkeypatch.setattr(ui.sidebar, "browser_url", lambda: "http://127.0.0.1:8501/")
    at, links = run_share_box(monkeypatch)
    link, snippet = _link_and_snippet(at)
    assert link.startswith("http://127.0.0.1:8501/?region=hanam")  # the browser's own address, to copy
    assert links and links[0].startswith("?region=hanam")  # but no print carries it
    assert 'src="?embed=true&amp;region=hanam' in snippet
    assert _operator_notes(at)


def test_an_invalid_setting_is_shown_and_ignored(monkeypatch):
    at, links = run_share_box(monkeypatch, env="https://ggm.example.org/?x=1")
    assert any("query" in w.value for w in at.sidebar.warning)
    assert links and links[0].startswith("?region=hanam")
