"""Accessibility checks that need no browser: the map frame's viewport tag, page CSS."""

import re

from layers.base_map import base_map


def test_map_frame_can_be_zoomed_on_a_phone(model):
    html = base_map(model.data.municipalities, "ko").get_root().render()
    tags = re.findall(r'<meta name="viewport"[^>]*>', html)
    assert len(tags) == 1
    assert "width=device-width" in tags[0] and "initial-scale=1.0" in tags[0]
    assert "maximum-scale" not in tags[0] and "user-scalable" not in tags[0]
    assert html.count("L.map(") == 1  # the rest of folium's map template is still there
