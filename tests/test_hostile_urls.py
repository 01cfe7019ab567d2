"""Hostile links: hundreds of generated and hand-picked query strings through the URL
codec, and a smaller real sample through the whole app (AppTest).

A raw query string goes to params with urllib.parse.parse_qs, as Streamlit does. The
codec must never raise, must fall back to the default (with a notice naming the
parameter) for every bad part, keep every good part, and never let a raw value into
its output. The app must not raise, must show the default overview or the valid
part, and no raw hostile value may appear in anything it renders: every string in
every element's protobuf is checked, including the map component's json_args."""

from __future__ import annotations

import ast
import html
import string
from functools import lru_cache
from urllib.parse import parse_qs, quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.runtime.state.query_params import sanitize_query_string
from streamlit.testing.v1 import AppTest

from geo.answers.locality import place_heading
from geo.answers.place_index import index_for
from geo.core.i18n import name, t
from geo.state import url_state
from geo.state.url_state import BASEMAPS, LANGS, LAYERS, LINES, ViewState
from tests.helpers import ROOT, rendered_strings
from ui.markdown import esc

KEYS = (
    "region",
    "station",
    "cluster",
    "layers",
    "lang",
    "basemap",
    "view",
    "at",
    "date",
    "view_mode",
    "story",
    "step",
)
LINE_TOKENS = tuple(f"gtx-{x.lower()}" for x in LINES)

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</script><script>alert(document.cookie)</script>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "....//....//etc/passwd",
    "C:\\Windows\\win.ini",
    "/etc/passwd\x00.png",
    "yongin\x00",
    "yongin%00",
    "%00",
    "{{7*7}}",
    "${7*7}",
    "' OR '1'='1",
    "\u202eniGnoY",
    "ｙｏｎｇｉｎ",
    "용인시",
    "🙂",
    "\ufeffyongin<b>",
    "yongin\r\nSet-Cookie: x=1",
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "-0",
    "[object Object]",
    "__proto__",
    "A" * 5_000,
    "<" * 300,
)

# The distinctive ones: no page could show these by chance.
ATTACKS = tuple(h for h in HOSTILE if len(h) >= 6 and set(h) - set(string.ascii_letters + string.digits + "-"))

# Hand-picked links that go through the whole app too (APP_HAND_PICKED, below).
APP_SAMPLE = (
    "region=<script>alert(1)</script>",
    "region=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lang=en",
    "region=../../etc/passwd",
    "region=yongin%00",
    "station=javascript:alert(1)",
    "cluster=<svg onload=alert(1)>&lang=en",
    "basemap=javascript:alert(document.cookie)",
    "lang=%3Cscript%3E&region=hanam",
    "layers=gtx,<script>x</script>&region=yongin",
    "region=" + "x" * 5000,
    "region=yongin&region=<script>",
    "lang=999999999999999999999&layers=-1&basemap=1e309&station=NaN",
    "region=%EF%BC%B9%EF%BC%AF%EF%BC%AE%EF%BC%A7%EF%BC%A9%EF%BC%AE",  # full-width YONGIN
    "region=%EC%9A%A9%EC%9D%B8%EC%8B%9C",  # 용인시, the name rather than the slug
    "embed=true&region=yongin&utm_source=<script>alert(1)</script>",
)

# As typed into an address bar: these go through parse_qs like the generated ones.
HAND_PICKED = (
    *APP_SAMPLE,
    'region="><img src=x onerror=alert(1)>',
    "region=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "region=yongin%00<script>",
    "lang=xx&region=hanam",
    "layers=gtx-a,gtx-z,../../x&lang=en",
    "layers=" + "gtx," * 80,
    "region=" + "%41" * 3000,
    "station=" + "<" * 500,
    "region=<script>&region=yongin",
    "region=yongin&region=hanam&region=seongnam&lang=en&lang=ko",
    "region=-1&cluster=0&station=9e99",
    "region=%E2%80%AEniGnoY&lang=%F0%9F%99%82",
    "region=%ff%fe%fd",
    "embed=true&embed_options=dark_theme&region=<script>",
    '"><img src=x onerror=alert(1)>=1&region=suwon',
    "<script>=<script>&=&&&==&region=yongin",
    "region&lang&layers",
    "region=&station=&cluster=&lang=&basemap=&layers=",
    "REGION=yongin&Lang=en",
    "region= YONGIN &lang= EN ",
    "region=yongin;lang=en",
    "__proto__=x&constructor=y&region=hanam",
    "&".join(f"k{i}=<script>{i}</script>" for i in range(3000)) + "&region=yongin",
    "&".join(f"region=v{i}" for i in range(2000)) + "&region=yongin",
    "station=dongtan&cluster=<script>&region=<img src=x>",
    "cluster=ai&station=%3Cx%3E",
    "at=37.2000,127.0750&lang=en",
    "at=37.2,127.075,12",
    "at=<script>alert(1)</script>",
    "at=1e2,127",
    "at=nan,nan",
    "at=-37.2,127.07",
    "at=37.2000,127.0750&region=hanam",
    "at=%EF%BC%93%EF%BC%97.2,127.0",  # full-width digits
    "at=" + "1" * 70 + ",127",
    "cluster=ai&station=dongtan&region=yongin",
    "cluster=semiconductor&station=seoul-station",
)


# --- properties of the codec (no second implementation of it here) ----------------------------


def _last(values: list[str] | None) -> str | None:
    return values[-1] if values else None


def vocabulary(known) -> set[str]:
    return set(known.regions | known.stations | known.clusters) | set(LANGS) | set(BASEMAPS) | set(url_state.VIEW_MODES)


def check_state(state: ViewState, known) -> None:
    """Whatever the link, the state holds only allowed values and at most one selection."""
    assert state.region is None or state.region in known.regions
    assert state.station is None or state.station in known.stations
    assert state.cluster is None or state.cluster in known.clusters
    assert sum(x is not None for x in (state.region, state.station, state.cluster)) <= 1
    assert state.lang in LANGS and state.basemap in BASEMAPS and state.view_mode in url_state.VIEW_MODES
    assert state.layers <= set(LAYERS) and state.lines and state.lines <= set(LINES)
    if state.view is not None:
        lat, lng, zoom = state.view
        assert url_state.VIEW_LAT[0] <= lat <= url_state.VIEW_LAT[1]
        assert url_state.VIEW_LNG[0] <= lng <= url_state.VIEW_LNG[1]
        assert url_state.VIEW_ZOOM[0] <= zoom <= url_state.VIEW_ZOOM[1]


def check_codec(qs: str, known) -> ViewState:
    params = parse_qs(qs, keep_blank_values=True)
    state = url_state.parse(params, known)  # must not raise
    check_state(state, known)

    # Notices: each names, once, a parameter the link set to something; a parameter the
    # link left out or empty never gets one, and a corrected one falls back to its default.
    assert len(state.notices) == len(set(state.notices))
    assert set(state.notices) <= set(KEYS)
    default = ViewState()
    for key in state.notices:
        assert _last(params.get(key)), key
        if key == "step" and state.story:  # a tour's bad step falls back to its first
            assert state.step == 1
        elif key != "layers":  # layers keeps its valid part
            assert getattr(state, key) == getattr(default, key), key
    for key in KEYS:
        if not _last(params.get(key)):
            assert key not in state.notices
    # A value that is already canonical is kept as it is, without a notice.
    for key, allowed in (("lang", LANGS), ("basemap", BASEMAPS), ("view_mode", url_state.VIEW_MODES)):
        if _last(params.get(key)) in allowed:
            assert getattr(state, key) == _last(params.get(key)) and key not in state.notices
    # One selection at a time: a valid region wins over a station, a station over a cluster.
    outranked = False
    for key, allowed in (("region", known.regions), ("station", known.stations), ("cluster", known.clusters)):
        if _last(params.get(key)) in allowed:
            assert key not in state.notices
            assert getattr(state, key) == (None if outranked else _last(params.get(key)))
            outranked = True

    # Keys the codec does not know change nothing.
    mine = {k: v for k, v in params.items() if k in KEYS}
    alone = url_state.parse(mine, known)
    assert alone == state and alone.notices == state.notices

    out = url_state.serialize(state)
    assert set(out) <= set(KEYS)
    numeric = ("view", "at")
    assert set("".join(v for k, v in out.items() if k not in numeric)) <= set(
        string.ascii_lowercase + string.digits + "-,"
    )
    assert set(out.get("view", "") + out.get("at", "")) <= set(string.digits + "-,.")
    # No raw value survives: anything that is not a canonical word is absent from the output.
    words = vocabulary(known) | set(LAYERS) | set(LINE_TOKENS)
    for key, values in params.items():
        for raw in [key, *values]:
            if (
                raw
                and raw.strip().lower() not in words
                and set(raw) - set(string.ascii_lowercase + string.digits + "-,")
            ):
                assert not any(raw in v for v in out.values())
    # Idempotent: the canonical link parses back to the same state, with no notice.
    again = url_state.parse(parse_qs(urlencode(out), keep_blank_values=True), known)
    assert again == state and not again.notices
    return state


# --- strategies ---------------------------------------------------------------------------------

VALID = (
    "37.2000,127.0750",
    "table",
    "map",
    " TABLE ",
    "yongin",
    "hanam",
    "seongnam",
    "dongtan",
    "seoul-station",
    "semiconductor",
    "ai",
    "peace-zone",
    "ko",
    "en",
    "osm",
    "light",
    "vworld",
    "none",
    "gtx",
    "sites",
    "gtx-a",
    "gtx-f",
    "gtx,ai",
    "",
    "37.3,127.2,11",
    " 37.59830,127.11 , 9.5",
    "40.0001,127,9",
    "37,127,5.99",
    "37,127,18",
    "-37,127,9",
    "37.1234567890123,127,9",
    "37,,9",
    "nan,127,9",
    "1e1,127,9",
    "july-2025-proposals",
    "3",
    "09",
    "2024-06-01",
    "2025-07",
)
keys = st.one_of(
    st.sampled_from(KEYS),
    st.sampled_from(KEYS).map(str.upper),
    st.sampled_from(
        (
            "embed",
            "embed_options",
            "utm_source",
            "__proto__",
            "constructor",
            "",
            "region[]",
            "<script>",
            '"><img src=x onerror=alert(1)>',
            "../../etc/passwd",
            "%00",
            "ключ",
            "지역",
        )
    ),
    st.text(max_size=20),
)
numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
huge = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(min_value=30, max_value=800))
layer_lists = st.lists(
    st.one_of(
        st.sampled_from(LAYERS + LINE_TOKENS + ("GTX-B", " sites ", "gtx-z", "")),
        st.sampled_from(HOSTILE),
        st.text(max_size=10),
    ),
    max_size=12,
).map(",".join)
values = st.one_of(
    st.sampled_from(VALID),
    st.sampled_from(VALID).map(lambda v: f"  {v.upper()}\t"),
    st.sampled_from(HOSTILE),
    st.builds(lambda a, b: a + b, st.sampled_from(VALID), st.sampled_from(HOSTILE)),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    numbers,
    huge,
    layer_lists,
)
pairs = st.lists(st.tuples(keys, values), max_size=25)


def _encode(pairs_, how: str) -> str:
    if how == "urlencode":
        return urlencode(pairs_)
    if how == "quote":
        return "&".join(f"{quote(k, safe='')}={quote(v, safe='<>/:')}" for k, v in pairs_)
    return "&".join(f"{k}={v}" for k, v in pairs_)  # raw, as pasted: & and = inside values split them


query_strings = st.one_of(
    st.builds(_encode, pairs, st.sampled_from(("urlencode", "quote", "raw"))),
    # very many keys, with a real part somewhere in them
    st.builds(
        lambda n, hostile, tail: "&".join(f"x{i}={quote(hostile)}" for i in range(n)) + "&" + urlencode(tail),
        st.integers(min_value=200, max_value=3000),
        st.sampled_from(HOSTILE),
        pairs,
    ),
    st.text(max_size=300),  # arbitrary junk as a whole query string
)


# --- the codec: >= 500 generated + the hand-picked ones -----------------------------------------


@lru_cache(maxsize=1)
def known():
    """The real ids from data/ (module level, so hypothesis never reprs the whole model)."""
    from geo.domain.model import build

    return build().known


@settings(max_examples=520, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(qs=query_strings)
def test_codec_generated_query_strings(qs):
    check_codec(qs, known())


@pytest.mark.parametrize("qs", HAND_PICKED, ids=range(len(HAND_PICKED)))
def test_codec_hand_picked_query_strings(qs):
    check_codec(qs, known())


def test_hand_picked_examples_say_what_they_should():
    k = known()
    s = check_codec("layers=gtx,<script>x</script>&region=yongin", k)
    assert (s.region, s.layers, s.notices) == ("yongin", {"gtx"}, ("layers",))
    s = check_codec("region=yongin&region=<script>", k)
    assert s.region is None and s.notices == ("region",)
    s = check_codec("region=<script>&region=yongin", k)
    assert s.region == "yongin" and not s.notices
    s = check_codec("embed=true&region=yongin&utm_source=<script>alert(1)</script>", k)
    assert s.region == "yongin" and not s.notices
    s = check_codec("lang=xx&region=hanam", k)
    assert (s.region, s.lang, s.notices) == ("hanam", "ko", ("lang",))
    s = check_codec("region= YONGIN &lang= EN ", k)
    assert (s.region, s.lang) == ("yongin", "en") and not s.notices
    s = check_codec("&".join(f"k{i}=<script>{i}</script>" for i in range(3000)) + "&region=yongin", k)
    assert s.region == "yongin" and not s.notices


def view_states(known):
    """Every state the codec can produce: at most one selection, lines chosen only with the
    GTX layer on, a view rounded as the codec rounds it."""
    selection = st.one_of(
        st.just({}),
        st.sampled_from(sorted(known.regions)).map(lambda v: {"region": v}),
        st.sampled_from(sorted(known.stations)).map(lambda v: {"station": v}),
        st.sampled_from(sorted(known.clusters)).map(lambda v: {"cluster": v}),
    )
    lat_lo, lat_hi = url_state.VIEW_LAT
    lng_lo, lng_hi = url_state.VIEW_LNG
    view = st.one_of(
        st.none(),
        st.builds(
            url_state.make_view,
            st.floats(lat_lo, lat_hi),
            st.floats(lng_lo, lng_hi),
            st.floats(*url_state.VIEW_ZOOM),
        ),
    )

    def build(sel, layers, lines, lang, basemap, view):
        lines = frozenset(lines) if "gtx" in layers and lines else frozenset(LINES)
        return ViewState(**sel, layers=frozenset(layers), lines=lines, lang=lang, basemap=basemap, view=view)

    return st.builds(
        build,
        selection,
        st.sets(st.sampled_from(LAYERS)),
        st.sets(st.sampled_from(LINES)),
        st.sampled_from(LANGS),
        st.sampled_from(BASEMAPS),
        view,
    )


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_state_survives_its_own_link(data):
    """parse(serialize(s)) == s, with no notice, for every state the codec can produce."""
    k = known()
    state = data.draw(view_states(k))
    check_state(state, k)
    link = urlencode(url_state.serialize(state))
    again = url_state.parse(parse_qs(link, keep_blank_values=True), k)
    assert again == state and not again.notices


# --- the app --------------------------------------------------------------------------------------

APP = ROOT / "app.py"


def run_app(params: dict[str, list[str]], app=APP) -> AppTest:
    at = AppTest.from_file(str(app), default_timeout=60)
    at.query_params.update({k: v[0] if len(v) == 1 else v for k, v in params.items()})
    return at.run()


@lru_cache(maxsize=64)
def canonical_text(query: str) -> str:
    """What the app renders for a clean link to the same state (no notice)."""
    at = run_app(parse_qs(query, keep_blank_values=True))
    assert not at.exception
    return "\n".join(rendered_strings(at))


EVIL_MARKERS = ("<script", "onerror", "onload", "javascript:", "<img", "<svg", "etc/passwd", "alert(")


def hostile_forms(raw: str) -> set[str]:
    forms = {raw, raw.strip(), esc(raw), html.escape(raw), quote(raw), html.escape(esc(raw))}
    return {f for f in forms if f}


def check_app(params: dict[str, list[str]], model, app=APP) -> None:
    # Streamlit drops a query string over 1000 fields or 512 Ki characters as a whole;
    # the app then sees no parameter at all and must show the default view.
    seen = parse_qs(sanitize_query_string(urlencode(params, doseq=True)), keep_blank_values=True)
    state = url_state.parse(seen, model.known, url_state.available_basemaps(False))  # no V-World key here
    at = run_app(params, app)
    assert not at.exception, at.exception
    lang = state.lang

    # The valid part, or the default overview.
    heads = [h.value for h in at.header]
    if state.region:
        assert heads[0] == name(model.region(state.region), lang)
    elif state.station:
        assert heads[0] == name(model.station(state.station), lang)
    elif state.cluster:
        assert heads[0] == name(model.cluster(state.cluster), lang)
    elif state.at:
        assert heads[0] == place_heading(index_for(model), *state.at, lang)
    else:
        assert not heads and any(s.value == t("overview", lang) for s in at.subheader)
    assert at.sidebar.title[0].value == t("title", lang)
    for layer in LAYERS:
        assert at.sidebar.toggle(key=f"w_layer_{layer}").value is (layer in state.layers)

    # A notice for the bad parts, naming only parameters.
    notice = t("notice", lang, params=", ".join(state.notices)) if state.notices else None
    toasts = [e.value for e in at.toast]
    if notice:
        assert notice in toasts
        assert any(notice in c.value.replace("\\", "") for c in at.caption)
    else:
        assert not toasts

    # The address bar ends up canonical: nothing of the hostile link is kept, apart from
    # Streamlit's own embed options, which Streamlit keeps on purpose.
    wanted = url_state.serialize(state)
    got = {k: v for k, v in at.query_params.items() if k.lower() not in ("embed", "embed_options")}
    assert set(got) == set(wanted)
    for k, v in got.items():
        assert all(x == wanted[k] for x in ([v] if isinstance(v, str) else v))

    # No raw value appears anywhere, unless the clean page for the same state shows it too
    # (a value like "ai" or "용인시" is ordinary page text).
    texts = rendered_strings(at)
    page = "\n".join(texts)
    map_args = [c.proto.json_args for c in at.get("component_instance")]
    assert map_args and all(a in texts for a in map_args)
    clean = None
    words = vocabulary(model.known) | set(LAYERS) | set(LINE_TOKENS)
    for key, vals in params.items():
        for raw in [key, *vals]:
            if not raw or raw.strip().lower() in words:
                continue
            for form in hostile_forms(raw):
                if form in page:
                    if clean is None:
                        clean = canonical_text(urlencode(wanted)) + "\n" + (notice or "") + "\n" + esc(notice or "")
                    assert form in clean, f"{form!r} leaked into the page"
    # The tell-tale parts of an attack, too: none shows unless the clean page has it anyway
    # (the map component's header legitimately holds <script> tags, for instance).
    sent = [*params, *(v for vals in params.values() for v in vals)]
    for evil in EVIL_MARKERS:
        if any(evil in x for x in sent) and evil in page:
            assert evil in canonical_text(urlencode(wanted)), f"{evil!r} leaked into the page"
    # The map's script (st_folium's json_args) holds none of the known attack strings sent.
    for raw in sent:
        for attack in ATTACKS:
            if attack in raw:
                assert all(form not in args for form in hostile_forms(attack) for args in map_args), attack


APP_HAND_PICKED = (
    "at=<script>alert(1)</script>&lang=en",
    "at=37.2,%3Cimg%20src%3Dx%3E",
    *APP_SAMPLE,
    "&".join(f"k{i}=<script>{i}</script>" for i in range(900)) + "&region=yongin",
    # Over Streamlit's 1000-field limit the whole query string is ignored: the default view.
    "&".join(f"k{i}=<script>{i}</script>" for i in range(2000)) + "&region=yongin",
)


@pytest.mark.parametrize("qs", APP_HAND_PICKED, ids=range(len(APP_HAND_PICKED)))
def test_app_hand_picked_links(model, qs):
    check_app(parse_qs(qs, keep_blank_values=True), model)


app_values = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(VALID), st.text(min_size=1, max_size=40), numbers)
app_params = st.dictionaries(
    st.one_of(st.sampled_from(KEYS), st.sampled_from(("utm_source", "x", "<script>", "지역"))),
    st.lists(app_values, min_size=1, max_size=3),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=app_params)
def test_app_generated_links(request, params):
    # Through a real query string, as a browser would send it.
    check_app(parse_qs(urlencode(params, doseq=True), keep_blank_values=True), request.getfixturevalue("model"))


def test_the_leak_check_catches_an_echo(model, tmp_path):
    """The checks above are not vacuous: a copy of the app that echoes the raw link fails them."""
    source = APP.read_text(encoding="utf-8")
    # Read the raw link before the app's first line of its own (after the docstring and any
    # `from __future__` import), echo it after its last: whatever shape app.py takes.
    body = ast.parse(source).body
    future = [n for n in body if isinstance(n, ast.ImportFrom) and n.module == "__future__"]
    docstring = body[:1] if body and isinstance(body[0], ast.Expr) else []
    cut = (future or docstring)[-1].end_lineno if future or docstring else 0
    lines = source.splitlines()
    leaky = tmp_path / "leaky_app.py"
    leaky.write_text(
        "\n".join(
            [
                *lines[:cut],
                "import streamlit as _leak_st",
                "_RAW = _leak_st.query_params.to_dict()",
                *lines[cut:],
                "_leak_st.caption(str(_RAW))",
            ]
        ),
        encoding="utf-8",
    )
    with pytest.raises(AssertionError, match="leaked"):
        check_app(parse_qs('region="><img src=x onerror=alert(1)>'), model, app=leaky)


def test_view_mode_table_round_trips_and_bad_values_fall_back():
    k = known()
    s = check_codec("view_mode=table&station=dongtan", k)
    assert s.view_mode == "table" and url_state.serialize(s)["view_mode"] == "table"
    s = check_codec("view_mode=<script>", k)
    assert s.view_mode == "map" and s.notices == ("view_mode",) and "view_mode" not in url_state.serialize(s)
