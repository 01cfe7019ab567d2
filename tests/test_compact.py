"""The performance layer under the map: compact layer payloads, their memo, plain rendering."""

import json
import pickle
import re

import folium
import geopandas as gpd
import numpy as np
import pytest
from branca.element import MacroElement
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from geo.core.vocabulary import CONTENT_KEY
from geo.state.url_state import ViewState
from layers import delta_codec, memo, single_pass
from layers.base_map import base_map
from layers.view import feature_groups


def _decode(data: dict) -> list[dict]:
    """Python twin of ggmGeo.add(): the GeoJSON features the browser ends up with."""
    s = data["scale"]

    def line(a):
        xy = np.cumsum(np.asarray(a, dtype=np.int64).reshape(-1, 2), axis=0) / s
        return xy.tolist()

    def geometry(g):
        t, c = g["type"], g["coordinates"]
        if t == "LineString":
            return {"type": t, "coordinates": line(c)}
        if t in ("Polygon", "MultiLineString"):
            return {"type": t, "coordinates": [line(r) for r in c]}
        if t == "MultiPolygon":
            return {"type": t, "coordinates": [[line(r) for r in p] for p in c]}
        return g

    return [
        {
            "properties": f["properties"],
            "geometry": geometry(f["geometry"]),
            "style": data["styles"][f["style"]],
            "className": f.get("className"),
        }
        for f in data["features"]
    ]


def test_payload_round_trips_coordinates_exactly():
    hole = [(127.1001, 37.1001), (127.1002, 37.1001), (127.1002, 37.1002), (127.1001, 37.1001)]
    shapes = [
        Polygon([(127.1, 37.1), (127.2, 37.1), (127.2, 37.2), (127.1, 37.1)], [hole]),
        MultiPolygon(
            [
                Polygon([(126.5, 37.5), (126.6, 37.5), (126.6, 37.6)]),
                Polygon([(127.0, 38.0), (127.1, 38.0), (127.1, 38.1)]),
            ]
        ),
        LineString([(127.12345, 37.54321), (127.2, 37.6), (126.9, 37.4)]),
        Point(127.3, 37.3),
    ]
    gdf = gpd.GeoDataFrame({"id": ["a", "b", "c", "d"], "tip": ["A", "B", "C", "D"]}, geometry=shapes, crs=4326)
    data = json.loads(delta_codec.payload(gdf, lambda f: {"className": f"x-{f['properties']['id']}", "weight": 2}))
    assert data["scale"] == 10**5  # the line has 5 decimals
    for feature, shape in zip(_decode(data), shapes, strict=False):
        expected = json.loads(json.dumps(shape.__geo_interface__))
        assert feature["geometry"]["type"] == expected["type"]
        np.testing.assert_array_equal(_flat(feature["geometry"]["coordinates"]), _flat(expected["coordinates"]))
    assert [f["className"] for f in _decode(data)] == ["x-a", "x-b", "x-c", "x-d"]
    assert data["styles"] == [{"weight": 2}]  # one shared style, className kept per feature


def _flat(c):
    return np.asarray([v for v in _walk(c)], dtype=float)


def _walk(c):
    if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
        yield from c
    else:
        for x in c:
            yield from _walk(x)


def test_payload_is_safe_inside_a_script():
    gdf = gpd.GeoDataFrame({"tip": ["</script><script>alert(1)</script> & 'x'"]}, geometry=[Point(127, 37)], crs=4326)
    text = delta_codec.payload(gdf, lambda f: {})
    assert "<" not in text and ">" not in text and "'" not in text
    assert json.loads(text)["features"][0]["properties"]["tip"].startswith("</script>")


def test_memo_reuses_and_keys_by_content(model):
    calls = []
    key = ("test", object())
    assert memo.memoised(key, lambda: calls.append(1) or "v") == "v"
    assert memo.memoised(key, lambda: calls.append(1) or "w") == "v"
    assert memo.memoised(None, lambda: calls.append(1) or "x") == "x"
    assert len(calls) == 2
    # The model's frames carry content keys, and keep them through a copy: the memo is keyed by content, not identity.
    copy = pickle.loads(pickle.dumps(model))
    for frame in ("display_municipalities", "peace_zone_outside", "stations", "lines", "sites"):
        key = getattr(model.data, frame).attrs[CONTENT_KEY]
        assert getattr(copy.data, frame).attrs[CONTENT_KEY] == key
    assert memo.content_key(gpd.GeoDataFrame(geometry=[Point(0, 0)])) is None


@pytest.mark.parametrize("state", [ViewState(), ViewState(region="yongin", lang="en", layers=frozenset({"gtx", "ai"}))])
def test_plain_rendering_is_what_folium_renders(model, state, monkeypatch):
    def render():
        m = base_map(model.data.display_municipalities, state.lang)
        for g in feature_groups(model, state):
            g.add_to(m)
        return re.sub(r"_[0-9a-f]{32}", "_ID", m.get_root().render())

    ours = render()
    monkeypatch.setattr(single_pass.PlainMacro, "render", MacroElement.render)
    monkeypatch.setattr(single_pass._PlainLayer, "render", folium.map.Layer.render)
    assert render() == ours
