"""AppTest: panels, widgets and query params for a few states (no map clicks here:
AppTest cannot click inside st_folium; tests/browser does that)."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import ROOT


def run(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def headers(at):
    return [h.value for h in at.header]


def map_args(at) -> dict:
    comp = at.get("component_instance")[0]
    return json.loads(comp.proto.json_args)


def test_default_view_is_korean_overview():
    at = run()
    assert not at.exception
    assert at.sidebar.title[0].value == "경기도 미래성장 지도"
    assert any(s.value == "개요" for s in at.subheader)
    assert at.query_params["lang"] == "ko"
    assert at.query_params["layers"] == "semiconductor,ai,peace-zone,gtx,sites"


def test_region_panel_from_url():
    at = run(region="yongin")
    assert not at.exception
    assert headers(at)[0] == "용인시"
    assert at.sidebar.selectbox(key="w_region").value == "yongin"
    text = " ".join(m.value for m in at.markdown)
    assert "출처" in " ".join(c.value for c in at.caption)
    assert "용인" in text


def test_english_region_with_layers():
    at = run(region="hanam", layers="gtx,ai", lang="en")
    assert not at.exception
    assert headers(at)[0] == "Hanam"
    assert at.sidebar.toggle(key="w_layer_gtx").value is True
    assert at.sidebar.toggle(key="w_layer_semiconductor").value is False
    args = map_args(at)
    assert '"kind":"gtx-line"' in args["feature_group"]
    assert "site-" not in args["feature_group"]


def test_toggle_updates_url_and_keeps_selection():
    at = run(region="yongin")
    before = map_args(at)["script"]
    at.sidebar.toggle(key="w_layer_gtx").set_value(False).run()
    assert "gtx" not in at.query_params["layers"]
    assert at.query_params["region"] == "yongin"
    after = map_args(at)
    assert after["script"] == before  # base map unchanged: no remount
    assert '"kind":"gtx-line"' not in after["feature_group"]  # the layer, not the zoom CSS


def test_selectbox_selects_region_and_language_switch():
    at = run()
    at.sidebar.selectbox(key="w_region").set_value("seongnam").run()
    assert at.query_params["region"] == "seongnam"
    assert headers(at)[0] == "성남시"
    at.sidebar.segmented_control(key="w_lang").set_value("en").run()
    assert at.query_params["lang"] == "en"
    assert headers(at)[0] == "Seongnam"


def test_station_and_cluster_panels():
    at = run(station="seoul-station", lang="en")
    assert not at.exception
    assert headers(at)[0] == "Seoul Station"
    at = run(cluster="semiconductor")
    assert not at.exception
    assert "반도체" in headers(at)[0]
    assert any("5 km" in m.label for m in at.metric)
    assert any(m.value.endswith("%") for m in at.metric)


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "../../etc/passwd", "x" * 5000])
def test_hostile_region_gives_default_and_notice(bad):
    at = run(region=bad, lang="ko")
    assert not at.exception
    assert any(s.value == "개요" for s in at.subheader)
    assert "region" not in at.query_params
    rendered = " ".join(str(e.value) for e in at.caption) + " ".join(str(e.value) for e in at.markdown)
    assert "기본값" in rendered
    assert bad not in rendered and "<script" not in rendered


@pytest.mark.parametrize(
    "lang, label, status",
    [("ko", "K-반도체 메가클러스터", "계획 / 제안"), ("en", "K-semiconductor mega-cluster", "Planned / Proposed")],
)
def test_legend_strip_under_the_map(lang, label, status):
    at = run(lang=lang)
    html = [h.proto.body for h in at.get("html") if "ggm-legend-strip" in h.proto.body]
    assert len(html) == 1
    assert label in html[0] and status in html[0] and all(f"GTX-{x}" in html[0] for x in "ABCDEF")
    assert "<script" not in html[0]


def test_sidebar_boxes_send_nothing_until_opened():
    at = run(region="hanam")
    assert [e.label for e in at.sidebar.expander] == ["내 레이어 올리기", "이 화면 공유하기", "내려받기"]
    assert not at.sidebar.code and not at.get("download_button") and not at.get("file_uploader")
    at.session_state["x_share"] = True
    at.session_state["x_download"] = True
    at.run()
    assert len(at.sidebar.code) == 1 and len(at.get("download_button")) == 3  # layers, regions, milestones


def test_notice_stays_until_the_user_changes_something():
    at = run(region="<b>x</b>", lang="ko")

    def notices():
        return [c.value for c in at.caption if "기본값" in c.value]

    assert len(notices()) == 1 and "region" not in at.query_params
    at.run()  # a rerun with the cleaned URL, as the map's first event makes: the notice stays
    assert len(notices()) == 1
    at.sidebar.toggle(key="w_layer_gtx").set_value(False).run()
    assert notices() == [] and not at.exception


def test_share_link_reopens_the_same_view():
    at = run(region="hanam", layers="gtx,ai", lang="en", basemap="light")
    at.session_state["x_share"] = True
    link = at.run().sidebar.code[0].value
    query = link.split("?", 1)[1]
    assert "region=hanam" in query.split("&")
    again = run(**dict(p.split("=", 1) for p in query.split("&")))
    assert not again.exception
    assert headers(again)[0] == "Hanam"
    assert dict(again.query_params) == dict(at.query_params)


def test_view_link_opens_there_and_the_script_stays_put():
    at = run(view="37.3,127.2,11", region="yongin")
    assert not at.exception and at.query_params["view"] == "37.3000,127.2000,11"
    script = map_args(at)["script"]
    assert "[37.3, 127.2]" in script and '"zoom": 11' in script and "fitBounds" not in script
    at.sidebar.toggle(key="w_layer_gtx").set_value(False).run()
    assert map_args(at)["script"] == script and at.query_params["view"] == "37.3000,127.2000,11"
    default = run()
    assert "fitBounds" in map_args(default)["script"] and "view" not in default.query_params


def test_bad_view_gives_default_view_and_notice():
    at = run(view="<script>alert(1)</script>,1,1")
    assert not at.exception
    assert "view" not in at.query_params
    assert "fitBounds" in map_args(at)["script"]
    assert any("view" in c.value for c in at.caption)


def test_unavailable_basemap_is_corrected_like_any_bad_value():
    """No V-World key here: ?basemap=vworld is corrected in the URL, with the notice."""
    at = run(region="hanam", basemap="vworld", lang="en")
    assert not at.exception
    assert "basemap" not in at.query_params and at.query_params["region"] == "hanam"
    assert at.sidebar.radio(key="w_basemap").value == "osm"
    assert any("basemap" in c.value for c in at.caption)
    at.session_state["x_share"] = True
    assert "vworld" not in at.run().sidebar.code[0].value
