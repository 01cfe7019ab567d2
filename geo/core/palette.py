"""One palette for every layer and the legend.

Every colour drawn on the map reaches 3:1 against the light backgrounds (WCAG 1.4.11), and
the six GTX line colours stay apart under protanopia, deuteranopia and tritanopia: both
are tested in tests/test_colours.py; docs/accessibility.md explains the thresholds."""

from geo.core.vocabulary import Status

# The regions' base style: a municipality polygon as drawn when nothing restyles it (no cluster,
# not selected).
REGION_LINE = "#4a5568"
REGION_FILL = "#a0aec0"
REGION_BASE_STYLE = {
    "color": REGION_LINE,
    "weight": 1,
    "fillColor": REGION_FILL,
    "fillOpacity": 0.08,
    "opacity": 1,
}

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
STATUS_DASH: dict[str, str | None] = {
    Status.OPERATING: None,
    Status.UNDER_CONSTRUCTION: "8 6",
    Status.PLANNED: "2 6",
    Status.PROPOSED: "2 6",
}
# A section whose target date passed with no outcome: dash-dot, so it never reads as done.
TARGET_DASH = "14 4 2 4"
STATUS_OPACITY: dict[str, float] = {
    Status.OPERATING: 1.0,
    Status.UNDER_CONSTRUCTION: 0.9,
    Status.PLANNED: 0.7,
    Status.PROPOSED: 0.55,
}
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
