"""`?story=<id>&step=<n>` in the URL codec: fuzzed, never raising, round-tripping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.state import url_state
from geo.state.url_state import Known, ViewState

STEPS = (
    (("cluster", "ai"), ("layers", "ai,gtx")),
    (("layers", "gtx"),),
    (("region", "yongin"), ("view", "37.2000,127.2000,11")),
)
KNOWN = Known(
    regions=frozenset({"yongin", "hanam"}),
    stations=frozenset({"dongtan"}),
    clusters=frozenset({"semiconductor", "ai"}),
    stories=(("tour", STEPS),),
)
NAMES = {"region", "station", "cluster", "layers", "lang", "basemap", "view", "story", "step"}

junk = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(["tour", "TOUR", " tour ", "0", "1", "3", "4", "-1", "01", "1.0", "１", "999", "", "<b>2</b>"]),
    st.lists(st.text(max_size=8), max_size=3),
)


@settings(max_examples=400, deadline=None)
@given(story=junk, step=junk, region=st.sampled_from([None, "hanam", "nowhere"]), lang=st.sampled_from([None, "en"]))
def test_parse_never_raises_and_keeps_only_valid_story_values(story, step, region, lang):
    params = {k: v for k, v in {"story": story, "step": step, "region": region, "lang": lang}.items() if v is not None}
    s = url_state.parse(params, KNOWN)
    assert set(s.notices) <= NAMES
    if s.story is None:
        assert s.step is None
    else:
        assert s.story == "tour" and s.step in (1, 2, 3)
    # whatever came in, what goes out parses back to the same state
    assert url_state.parse(url_state.serialize(s), KNOWN) == s


@settings(max_examples=200, deadline=None)
@given(
    step=st.integers(1, 3),
    region=st.sampled_from([None, "hanam"]),
    layers=st.sets(st.sampled_from(url_state.LAYERS)),
    lang=st.sampled_from(url_state.LANGS),
)
def test_every_tour_state_round_trips(step, region, layers, lang):
    s = ViewState(region=region, layers=frozenset(layers), lang=lang, story="tour", step=step)
    assert url_state.parse(url_state.serialize(s), KNOWN) == s


def test_a_bare_step_link_opens_the_step_state():
    s = url_state.parse({"story": "tour", "step": "3", "lang": "en"}, KNOWN)
    assert (s.region, s.view, s.lang, s.step) == ("yongin", (37.2, 127.2, 11.0), "en", 3)
    assert url_state.parse({"story": "tour"}, KNOWN).cluster == "ai"  # no step: the first
    assert not url_state.parse({"story": "tour", "step": "2"}, KNOWN).notices


def test_any_state_parameter_in_the_link_wins_over_the_step():
    s = url_state.parse({"story": "tour", "step": "1", "region": "hanam"}, KNOWN)
    assert (s.region, s.cluster, s.layers) == ("hanam", None, url_state.DEFAULT_LAYERS)
    s = url_state.parse({"story": "tour", "step": "1", "layers": ""}, KNOWN)  # empty layers is a choice too
    assert s.layers == frozenset() and s.cluster is None


def test_bad_story_or_step_falls_back_with_a_notice():
    assert url_state.parse({"story": "nope"}, KNOWN).notices == ("story",)
    s = url_state.parse({"story": "tour", "step": "9"}, KNOWN)
    assert (s.step, s.notices, s.cluster) == (1, ("step",), "ai")
    assert url_state.parse({"step": "2"}, KNOWN).notices == ("step",)
    assert "story" not in url_state.serialize(url_state.parse({"story": "<script>"}, KNOWN))
