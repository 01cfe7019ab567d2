"""Colour: contrast of text and map graphics, the GTX line colours under simulated
colour-vision deficiencies, and status shown by shape as well as colour.
The thresholds are explained in docs/accessibility.md."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE

from geo.core import palette
from layers.gtx import _station_style
from layers.sites import _style as site_style
from ui.a11y import CAPTION_GREY

# Minimum CAM02-UCS colour difference between any two line colours.
MIN_DELTA_E_CVD = 9.0  # under full protanopia, deuteranopia, tritanopia (severity 100)
MIN_DELTA_E_NORMAL = 20.0
DEFICIENCIES = ("protanomaly", "deuteranomaly", "tritanomaly")  # severity 100: the -opia forms


def rgb1(hex_colour: str) -> np.ndarray:
    h = hex_colour.lstrip("#")
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)]) / 255


def simulate(hex_colour: str, deficiency: str) -> np.ndarray:
    cvd = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(cspace_convert(rgb1(hex_colour), cvd, "sRGB1"), 0, 1)


def luminance(hex_colour: str) -> float:
    c = rgb1(hex_colour)
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(c @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_wcag_reference_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def line_pairs():
    return list(itertools.combinations(palette.LINE.items(), 2))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_line_colours_stay_apart_under_colour_vision_deficiency(deficiency):
    too_close = []
    for (a, ca), (b, cb) in line_pairs():
        d = float(deltaE(simulate(ca, deficiency), simulate(cb, deficiency), input_space="sRGB1"))
        if d < MIN_DELTA_E_CVD:
            too_close.append(f"GTX-{a}/GTX-{b}: {d:.1f}")
    assert not too_close, f"{deficiency}: {too_close}"


def test_line_colours_stay_apart_in_normal_vision():
    for (a, ca), (b, cb) in line_pairs():
        d = float(deltaE(rgb1(ca), rgb1(cb), input_space="sRGB1"))
        assert d >= MIN_DELTA_E_NORMAL, f"GTX-{a}/GTX-{b}: {d:.1f}"


MAP_GRAPHICS = {
    **{f"line {k}": v for k, v in palette.LINE.items()},
    **{f"cluster outline {k}": v for k, v in palette.CLUSTER.items()},
    **{f"site {k}": v for k, v in palette.SITE.items()},
    "region outline": palette.REGION_LINE,
    "selection": palette.SELECTED,
    "station outline": palette.STATION_LINE,
    "uploaded layer": palette.UPLOAD,
}


@pytest.mark.parametrize("background", sorted(palette.LIGHT_BACKGROUNDS))
def test_map_graphics_reach_3_to_1_on_light_backgrounds(background):
    bg = palette.LIGHT_BACKGROUNDS[background]
    low = {k: round(contrast(v, bg), 2) for k, v in MAP_GRAPHICS.items() if contrast(v, bg) < 3.0}
    assert not low, f"below 3:1 on {background} ({bg}): {low}"


@pytest.mark.parametrize("colour", [palette.LEGEND_TEXT, palette.NOTE_TEXT, CAPTION_GREY])
def test_text_colours_reach_4_5_to_1(colour):
    for bg in (*palette.LIGHT_BACKGROUNDS.values(), "#f0f2f6"):  # and the sidebar's grey
        assert contrast(colour, bg) >= 4.5, (colour, bg)


def _station(status: str) -> dict:
    props = {"id": "x", "status": status, "first_line": "A", "stack_index": 0, "stack_size": 1}
    return _station_style({"properties": props})


def _site(status: str) -> dict:
    props = {"id": "x", "status": status, "cluster": "ai", "stack_index": 0, "stack_size": 1}
    return site_style({"properties": props})


@pytest.mark.parametrize("style", [_station, _site], ids=["station", "site"])
def test_marker_status_is_shown_by_shape_not_only_colour(style):
    """Operating: a filled disc. Not operating: a ring (white inside, coloured rim)."""
    operating = style("operating")
    assert operating["fillColor"] != palette.HOLLOW_FILL
    for status in ("under_construction", "planned", "proposed"):
        other = style(status)
        assert other["fillColor"] == palette.HOLLOW_FILL and other["color"] != palette.HOLLOW_FILL
        assert contrast(other["color"], palette.HOLLOW_FILL) >= 3.0


def test_cluster_outlines_differ_by_dash_as_well_as_colour():
    assert len(set(palette.CLUSTER_DASH.values())) == len(palette.CLUSTER)
