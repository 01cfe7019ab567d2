"""Geometry served as files (layers.geometry_files): content-addressed, written once, the same
features as the embedded payload, kept out of the map's message, and embedded when unwritable."""

import json
import re
from datetime import date

import folium
import pytest

from geo.domain.asof import as_of, outside_members_as_of
from layers import geometry_files
from layers.peace_zone import peace_zone_layer
from tests.helpers import ROOT, run_app
from tests.test_compact import _decode


def _collections(js: str) -> list[dict]:
    """Every compact FeatureCollection a rendered script embeds."""
    dec, out, i = json.JSONDecoder(), [], 0
    while (j := js.find('{"type":"FeatureCollection"', i)) >= 0:
        obj, end = dec.raw_decode(js[j:])
        out.append(obj)
        i = j + end
    return out


def _render(fg) -> str:
    m = folium.Map(tiles=None)
    fg.add_to(m)
    return m.get_root().render()


def _resolve(data: dict, folder) -> dict:
    """A linked collection with each feature's geometry put back from its file (the browser's work)."""
    doc = json.loads((folder / data["geometry_url"].rsplit("/", 1)[1]).read_text(encoding="utf-8"))
    features = [{**f, "geometry": doc["geometries"][f["g"]]} for f in data["features"]]
    return {**data, "scale": doc["scale"], "features": features}


def test_publish_is_content_addressed_and_written_once(tmp_path):
    text = '{"a":1}'
    url = geometry_files.publish(text, tmp_path)
    assert url == f"{geometry_files.URL}/{geometry_files.file_name(text)}"
    path = tmp_path / url.rsplit("/", 1)[1]
    assert path.read_text(encoding="utf-8") == '{"a":1}'
    before = path.stat().st_mtime_ns
    assert geometry_files.publish('{"a":1}', tmp_path) == url
    assert path.stat().st_mtime_ns == before  # not written again
    assert geometry_files.publish('{"a":2}', tmp_path) != url
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_publish_gives_none_where_it_cannot_write(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert geometry_files.publish('{"a":1}', blocker / "geo") is None


@pytest.mark.parametrize("day", [date(2025, 1, 1), date(2026, 12, 4)])
def test_linked_peace_zone_draws_the_same_features_as_embedded(model, tmp_path, day):
    full = model.data.peace_zone_outside
    shown = outside_members_as_of(full, as_of(model.data.timeline, day))
    assert not shown.empty

    def link(text):
        return geometry_files.publish(text, tmp_path)

    [embedded] = _collections(_render(peace_zone_layer(shown, "en")))
    [linked] = _collections(_render(peace_zone_layer(shown, "en", link, full)))
    assert "geometry_url" in linked and all("geometry" not in f for f in linked["features"])
    assert _decode(_resolve(linked, tmp_path)) == _decode(embedded)
    assert len(list(tmp_path.glob("*.json"))) == 1  # every day's members share the file of all of them


def test_unwritable_link_embeds_the_geometry(model):
    d = model.data
    [data] = _collections(_render(peace_zone_layer(d.peace_zone_outside, "en", lambda _t: None, d.peace_zone_outside)))
    assert "geometry_url" not in data and all("geometry" in f for f in data["features"])


def test_the_apps_map_message_carries_addresses_not_outlines():
    at = run_app(region="yongin", lang="en")
    assert not at.exception
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    linked = [c for part in (args["script"], args["feature_group"]) for c in _collections(part) if "geometry_url" in c]
    kinds = {f["properties"].get("kind") for c in linked for f in c["features"]}
    assert {"region", "peace-zone", "outline"} <= kinds
    for c in linked:
        assert all("geometry" not in f for f in c["features"])
        name = c["geometry_url"].rsplit("/", 1)[1]
        assert re.fullmatch(r"[0-9a-f]{20}\.json", name)
        assert (ROOT / "static" / "geo" / name).is_file()  # written before the page asks for it
