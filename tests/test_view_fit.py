"""Zoom to a selection (geo/view_fit.py) and the selection overlay (layers/selection_overlay.py)."""

import folium
import pytest
import shapely

from geo import view_fit
from layers.selection_overlay import selection_layer


def test_hanam_fills_at_least_300_px_of_a_700_px_map(model):
    hanam = model.analysis_municipalities.set_index("slug").loc["hanam"].geometry
    lat, lng, zoom = view_fit.fit(hanam.bounds, 700, 480)
    assert view_fit.width_px(hanam.bounds, zoom) >= 300
    assert shapely.Point(lng, lat).distance(hanam.envelope.centroid) < 0.01
    # and it fits: the whole box is inside the map
    assert view_fit.width_px(hanam.bounds, zoom) <= 700


@pytest.mark.parametrize("slug", ["hwaseong", "gapyeong", "gwacheon", "guri"])
def test_every_region_fits_inside_the_map(model, slug):
    g = model.analysis_municipalities.set_index("slug").loc[slug].geometry
    _, _, zoom = view_fit.fit(g.bounds, 700, 480)
    w, h = view_fit.width_px(g.bounds, zoom), view_fit.height_px(g.bounds, zoom)
    assert w <= 700 - 2 * 24 + 0.5 and h <= 480 - 2 * 24 + 0.5
    # and it is the closest zoom step that fits
    step = zoom + view_fit.ZOOM_STEP
    assert view_fit.width_px(g.bounds, step) > 700 - 48 or view_fit.height_px(g.bounds, step) > 480 - 48


def test_outline_error_is_under_2_px_at_the_opening_zoom(model):
    # The analysis boundaries are simplified at 50 m; at the zoom Hanam opens at that is < 2 px.
    hanam = model.analysis_municipalities.set_index("slug").loc["hanam"].geometry
    lat, _, zoom = view_fit.fit(hanam.bounds, 700, 480)
    assert 50 / view_fit.metres_per_px(lat, zoom) < 2


def test_point_selection_shows_the_1_km_ring():
    lat, _lng, zoom = view_fit.around(37.2, 127.075)
    ring_px = 2 * 1000 / view_fit.metres_per_px(lat, zoom)
    assert 150 < ring_px < 390  # fits across a 390 px phone screen


def _render(fg):
    m = folium.Map()
    fg.add_to(m)
    return m.get_root().render()


def test_overlay_draws_outline_rings_and_escaped_pin(model):
    html = _render(
        selection_layer(model.analysis_municipalities, "hanam", (37.2, 127.075), pin=True, label="<b>동탄</b>")
    )
    assert html.count("L.circle(") == 2 and '"radius": 500' in html and '"radius": 1000' in html
    assert "outline-hanam" in html or '"kind": "outline"' in html
    assert "<b>동탄</b>" not in html and "&lt;b&gt;" in html


def test_overlay_is_empty_without_a_selection(model):
    html = _render(selection_layer(model.analysis_municipalities))
    assert "L.circle(" not in html and '"kind": "outline"' not in html
