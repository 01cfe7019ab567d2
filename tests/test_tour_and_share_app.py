"""AppTest: the guided tour's card and buttons, and the share box's prints and embed snippet."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from geo.answers import story
from tests.conftest import ROOT
from tests.helpers import run_app
from ui import print_box

TOUR = "july-2025-proposals"


def card_text(at) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_step_link_opens_the_step_with_its_own_state(model):
    at = run_app(story=TOUR, step="3")
    assert not at.exception
    assert at.query_params["region"] == "yongin" and at.query_params["step"] == "3"
    assert at.header[0].value == "용인시"  # the step's selection opened the region panel
    shown = story.show(model, model.stories[TOUR], 3, "ko")
    assert f"### {shown.heading}".replace(":", "\\:") in card_text(at)


def test_previous_and_next_walk_the_tour_and_close_leaves_it(model):
    at = run_app(story=TOUR, lang="en")
    assert at.button(key="story-prev").disabled and at.query_params["step"] == "1"
    at.button(key="story-next").click().run()
    assert at.query_params["step"] == "2" and at.query_params["cluster"] == "semiconductor"
    at.button(key="story-next").click().run()
    assert at.query_params["step"] == "3" and at.query_params["region"] == "yongin"
    at.button(key="story-prev").click().run()
    assert at.query_params["step"] == "2" and "region" not in at.query_params
    for _ in range(len(model.stories[TOUR].steps) - 2):
        at.button(key="story-next").click().run()
    assert at.button(key="story-next").disabled
    at.button(key="story-close").click().run()
    assert "story" not in at.query_params and "step" not in at.query_params and not at.exception


def test_every_step_renders_in_both_languages(model):
    tour = model.stories[TOUR]
    for n in range(1, len(tour.steps) + 1):
        for lang in ("ko", "en"):
            at = run_app(story=TOUR, step=str(n), lang=lang)
            assert not at.exception, (n, lang)
            text = card_text(at)
            assert not re.search(r"\{|\b(nan|None)\b", text), (n, lang)
            # each step is also a plain link
            assert f"(?story={TOUR}&step={n}&lang={lang})" in text


def test_overview_offers_the_tour_and_a_bad_step_gives_a_notice():
    at = run_app(lang="en")
    at.button(key=f"story-start-{TOUR}").click().run()
    assert at.query_params["story"] == TOUR and at.query_params["step"] == "1"
    bad = run_app(story=TOUR, step="<script>")
    assert bad.query_params["step"] == "1"
    assert any("step" in c.value for c in bad.caption)


def test_share_box_offers_prints_and_the_embed_snippet_without_rendering(monkeypatch):
    calls = []
    monkeypatch.setattr(print_box, "print_bytes", lambda *a: calls.append(a) or b"")
    at = run_app(region="hanam", lang="en")
    at.session_state["x_share"] = True
    at.run()
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Image (PNG, 1920×1080)", "PDF (A4 landscape)", "SVG (vector)"]
    assert calls == []  # built only when clicked
    snippet = next(c.value for c in at.sidebar.code if c.value.startswith("<iframe"))
    assert "?embed=true&amp;region=hanam" in snippet and 'title="Hanam — AI clusters · Gyeonggi Growth Map"' in snippet


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_print_button_data(model, fmt):
    from geo.state import url_state

    state = url_state.parse({"region": "hanam"}, model.known)
    data = print_box.print_bytes(model, state, fmt, "http://127.0.0.1/?region=hanam")
    assert data.startswith(b"\x89PNG" if fmt == "png" else b"%PDF")


def test_the_page_and_the_open_share_box_load_no_printing_code():
    code = (
        "import sys\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('app.py', default_timeout=60)\n"
        "at.query_params['region'] = 'yongin'\n"
        "at.run()\n"
        "at.session_state['x_share'] = True\n"
        "at.run()\n"
        "assert not at.exception and len(at.get('download_button')) == 3\n"
        "loaded = [m for m in ('matplotlib', 'geo.printing.render', 'segno') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
