"""One palette for every layer and the legend."""

from geo.vocabulary import REGION_FILL, REGION_LINE  # noqa: F401  (the regions' base colours)

CLUSTER = {
    "semiconductor": "#2b6cb0",  # blue
    "ai": "#d53f8c",  # magenta
    "peace-zone": "#2f855a",  # green
}
# GTX line colours follow the operators' published line colours where they exist.
LINE = {"A": "#9a6292", "B": "#0f5fa8", "C": "#336c33", "D": "#b5500b", "E": "#c81e6f", "F": "#6b4f2a"}
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
SELECTED = "#dd6b20"
UPLOAD = "#6b46c1"
