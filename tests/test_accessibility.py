"""Accessibility checks that need no browser: the map frame's viewport tag, page CSS."""

import re

from layers.base_map import base_map


def test_map_frame_can_be_zoomed_on_a_phone(model):
    html = base_map(model.data.display_municipalities, "ko").get_root().render()
    tags = re.findall(r'<meta name="viewport"[^>]*>', html)
    assert len(tags) == 1
    assert "width=device-width" in tags[0] and "initial-scale=1.0" in tags[0]
    assert "maximum-scale" not in tags[0] and "user-scalable" not in tags[0]
    assert html.count("L.map(") == 1  # the rest of folium's map template is still there


def _features(html: str) -> list[dict]:
    import json

    payloads = re.findall(r"_add\((\{.*?\})\);", html, flags=re.S)
    return [f for p in payloads for f in json.loads(p)["features"]]


def test_every_clickable_feature_carries_keyboard_order_and_a_name(model):
    from geo.core.vocabulary import LINES
    from geo.domain.visibility import visible
    from geo.state.url_state import ViewState
    from layers.gtx import keyboard_order
    from layers.view import feature_groups

    shown = visible(model.data, ViewState())
    for lang in ("ko", "en"):
        m = base_map(model.data.display_municipalities, lang, memberships=model.memberships)
        for g in feature_groups(model, ViewState(lang=lang)):
            g.add_to(m)
        html = m.get_root().render()
        assert "ggm-kbd-hint" in html and '"aria-label"' in html
        by_kind: dict[str, list[dict]] = {}
        for f in _features(html):
            by_kind.setdefault(f["properties"]["kind"], []).append(f["properties"])
        assert len(by_kind["region"]) == 31 and len(by_kind["station"]) == 88 and len(by_kind["site"]) == 13
        for kind in ("region", "station", "site"):
            seqs = sorted(p["seq"] for p in by_kind[kind])
            assert len(set(seqs)) == len(seqs) and all(p["tip"] for p in by_kind[kind]), kind
        for kind in ("region", "site"):  # by name: 0..n-1
            assert sorted(p["seq"] for p in by_kind[kind]) == list(range(len(by_kind[kind]))), kind
        # Stations: line by line along the track (layers.gtx.keyboard_order; a station on several lines
        # takes its first place, so the numbers need not be consecutive).
        order = keyboard_order(shown.dated_lines, shown.dated_stations, set(LINES))
        assert {p["id"]: p["seq"] for p in by_kind["station"]} == {p["id"]: order[p["id"]] for p in by_kind["station"]}
        along = [p["id"] for p in sorted(by_kind["station"], key=lambda p: p["seq"])]
        assert along[:3] == ["unjeong-jungang", "kintex", "daegok"]  # GTX-A from its northern end
        names = [p["tip"].split("<br>")[0] for p in sorted(by_kind["region"], key=lambda p: p["seq"])]
        assert names == sorted(names, key=str.casefold)
        yongin = next(p for p in by_kind["region"] if p["id"] == "yongin")
        assert yongin["tip"] == (
            "용인시<br>K-반도체 메가클러스터" if lang == "ko" else "Yongin<br>K-semiconductor mega-cluster"
        )


def test_stations_go_line_by_line_along_the_track(model):
    from layers.gtx import keyboard_order

    order = keyboard_order(model.data.lines, model.data.stations, {"A", "B", "C", "D", "E", "F"})
    a = sorted(
        (s for s, lines in zip(model.data.stations["id"], model.data.stations["lines"], strict=True) if "A" in lines),
        key=order.get,
    )
    assert a[:5] == ["unjeong-jungang", "kintex", "daegok", "changneung", "yeonsinnae"]
    assert a[-3:] == ["guseong", "dongtan", "pyeongtaek-jije"]
    only_c = keyboard_order(model.data.lines, model.data.stations, {"C"})
    assert min(only_c, key=only_c.get) == "dongducheon"  # the northern end of GTX-C
