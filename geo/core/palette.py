"""One palette for every layer and the legend.

Every colour drawn on the map reaches 3:1 against the light backgrounds (WCAG 1.4.11), and
the six GTX line colours stay apart under protanopia, deuteranopia and tritanopia: both
are tested in tests/test_colours.py; docs/accessibility.md explains the thresholds."""

# The regions' base colours, re-exported (the `as` form tells mypy the export is meant).
from geo.core.vocabulary import REGION_FILL as REGION_FILL
from geo.core.vocabulary import REGION_LINE as REGION_LINE

CLUSTER = {
    "semiconductor": "#2b6cb0",  # blue
    "ai": "#d53f8c",  # magenta
    "peace-zone": "#2f855a",  # green
}
# Cluster outlines differ by dash too, so membership is not shown by colour alone.
CLUSTER_DASH = {"semiconductor": None, "ai": "6 3", "peace-zone": "1 3"}
# GTX line colours follow the operators' published line colours where they exist (A, B, C);
# D, E and F were chosen to stay apart from them and each other under colour-vision deficiencies.
LINE = {"A": "#9a6292", "B": "#0f5fa8", "C": "#336c33", "D": "#cc6611", "E": "#bb2266", "F": "#554400"}
STATUS_DASH = {
    "operating": None,
    "under_construction": "8 6",
    "planned": "2 6",
    "proposed": "2 6",
}
# A section whose target date passed with no outcome: dash-dot, so it never reads as done.
TARGET_DASH = "14 4 2 4"
STATUS_OPACITY = {"operating": 1.0, "under_construction": 0.9, "planned": 0.7, "proposed": 0.55}
SITE = {"semiconductor": "#1a365d", "ai": "#97266d", "climate": "#276749"}
SELECTED = "#c05621"  # 3.9:1 on OpenStreetMap's land colour (#dd6b20 was 2.95:1)
STATION_LINE = "#1a202c"
HOLLOW_FILL = "#ffffff"  # markers of what is not (yet) operating are rings: status by shape too
UPLOAD = "#6b46c1"
# Backgrounds the map graphics are drawn on: white, the light basemap's land, OpenStreetMap's
# land and the map's own background (no basemap).
LIGHT_BACKGROUNDS = {"white": "#ffffff", "light": "#fafaf8", "osm": "#f2efe9", "none": "#eef2f5"}
LEGEND_TEXT = "#2d3748"
NOTE_TEXT = "#4a5568"
