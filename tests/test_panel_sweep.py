"""Every panel, every record, both languages, rendered through Streamlit (AppTest): no text shown to
a person may read "nan", "None", "NaT", "null", "undefined" or hold an unfilled {placeholder}.

One AppTest script renders one panel per run, chosen through session state, so the model is
built once; the page's own URL handling is covered by tests/test_app.py and
tests/test_answers_app.py."""

import re

import pytest

from tests.helpers import sweep

BAD_WORD = re.compile(r"(?<![A-Za-z])(nan|NaN|None|NaT|null|undefined)(?![A-Za-z])")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()<>#+\-.!|~$:])")  # what ui.markdown.esc adds
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.]*(:[^{}]*)?\}")

# A grid over the covered area and beyond (the last row and column are outside it).
GRID = [
    (lat, lng)
    for lat in (36.95, 37.25, 37.55, 37.85, 38.15, 38.6)
    for lng in (126.55, 126.85, 127.15, 127.45, 127.75, 128.9)
]


def panel_script():
    import streamlit as st

    from geo.core import clock
    from geo.domain.model import build
    from tests.test_panel_sweep import GRID
    from ui import answers, panels

    model = st.cache_resource(build)()
    noop = lambda *_a, **_k: None
    kind, ident, lang = st.session_state["panel"]
    day = clock.today()  # every panel is as of one day, as panel_for gives it
    if kind == "region":
        panels.region(model, ident, lang, noop, day)
    elif kind == "cluster":
        panels.cluster(model, ident, lang, day)
    elif kind == "station":
        answers.station_panel(model, ident, lang, noop, noop, day)
    elif kind == "place":
        lat, lng = GRID[int(ident)]
        answers.place_panel(model, lat, lng, lang, noop, noop, noop, day)
    else:
        panels.overview(model, lang, noop, day)


def _texts(node, out):
    """Every string a person sees in the element tree (labels, values, cells), Markdown escapes removed."""
    start = len(out)
    _collect(node, out)
    out[start:] = [MD_ESCAPE.sub(r"\1", t) for t in out[start:]]
    return out


def _collect(node, out):
    proto = getattr(node, "proto", None)
    for attr in ("value", "label", "body", "help", "placeholder", "caption"):
        v = getattr(node, attr, None) if attr != "value" or not hasattr(node, "children") else None
        if isinstance(v, str):
            out.append(v)
    if proto is not None and hasattr(proto, "body") and isinstance(proto.body, str):
        out.append(proto.body)
    df = getattr(node, "value", None)
    if hasattr(df, "to_csv"):
        out.append(df.astype(str).to_csv())
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        _collect(child, out)


def _jobs(model):
    for lang in ("ko", "en"):
        yield ("overview", "", lang)
        yield from (("region", slug, lang) for slug in sorted(model.known.regions))
        yield from (("cluster", cid, lang) for cid in sorted(model.known.clusters))
        yield from (("station", sid, lang) for sid in sorted(model.known.stations))
        yield from (("place", str(i), lang) for i in range(len(GRID)))


@pytest.fixture(scope="module")
def swept(model):
    """(job, headers, texts) for every panel."""
    return sweep(panel_script, "panel", _jobs(model), lambda at: ([h.value for h in at.header], _texts(at.main, [])))


def test_sweep_rendered_every_panel(swept, model):
    headers = [h for _, hs, _ in swept for h in hs]
    for rec in model.data.stations.to_dict("records"):
        assert rec["name_ko"] in headers and rec["name_en"] in headers
    for rec in model.analysis_municipalities.to_dict("records"):
        assert rec["name_ko"] in headers and rec["name_en"] in headers
    # A grid point is named after its nearest legal dong, eup or myeon, or plainly when none is near.
    place_en = [h for h in headers if h == "Selected place" or h.startswith("Near ")]
    place_ko = [h for h in headers if h == "선택한 장소" or h.endswith(" 부근")]
    assert len(place_en) == len(GRID) and len(place_ko) == len(GRID)
    text = "\n".join(t for _, _, ts in swept for t in ts)
    for rec in model.data.sites.to_dict("records"):  # each site shows in its region's panel
        assert rec["name_ko"] in text and rec["name_en"] in text


def test_no_placeholder_text_anywhere(swept):
    assert sum(len(ts) for _, _, ts in swept) > 2000
    bad = sorted(
        {f"{job}: {m.group(0)!r} in {t[:120]!r}" for job, _, ts in swept for t in ts for m in BAD_WORD.finditer(t)}
    )
    assert not bad, f"{len(bad)} panels show a missing value, e.g. {bad[:5]}"
    unfilled = sorted({f"{job}: {t[:120]!r}" for job, _, ts in swept for t in ts if PLACEHOLDER.search(t)})
    assert not unfilled, f"unfilled placeholders: {unfilled[:5]}"
