"""The project's domain words, each defined once: statuses and their order, the CRSs,
the Korea and Gyeonggi boxes, and the regions' base style. The map, the downloads,
the exports, the data build and the benchmark all read them from here."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final


class Status(StrEnum):
    """A line's, station's or site's status. Members are their strings ("operating" == Status.OPERATING),
    so data read from files compares equal to them."""

    OPERATING = "operating"
    UNDER_CONSTRUCTION = "under_construction"
    PLANNED = "planned"
    PROPOSED = "proposed"


# Project and station statuses, most advanced first. The data build derives a station's
# status from its sections as the most advanced one. Typed as strings: the statuses read from
# the data files are plain strings, compared with and mixed with these.
STATUSES: Final[tuple[str, ...]] = tuple(Status)
STATUS_RANK: Final[dict[str, int]] = {s: i for i, s in enumerate(STATUSES)}  # 0 = most advanced
# Before a record's first happened milestone (geo/timeline/status.py): not in the sources yet.
NOT_YET_ANNOUNCED: Final = "not_yet_announced"
# Special zones (clusters), most advanced first; "designated" appears only as a target so far.
CLUSTER_STATUSES: Final = ("designated", "eligible", "proposed")
# After one of these a status that moves backward needs a stated reason.
FINAL_STATUSES: Final[frozenset[str]] = frozenset({Status.OPERATING, "designated"})

WGS84: Final = "EPSG:4326"
METRIC_CRS: Final = "EPSG:5179"  # Korea 2000 / Unified CS, metres: every distance and area

# Korea and its seas in WGS84 degrees (lon_min, lat_min, lon_max, lat_max). A data
# coordinate outside is a CRS mistake; a map view outside is rejected.
KOREA_BOUNDS: Final = (122.0, 32.5, 132.5, 39.5)
# Gyeonggi with a margin, as Leaflet wants it: [[south, west], [north, east]].
GYEONGGI_BOUNDS: Final = ((36.89, 126.36), (38.30, 127.86))
GYEONGGI_CODE: Final = "41"  # the province's prefix in the sigungu codes

LINES: Final = ("A", "B", "C", "D", "E", "F")


def in_korea(lon: float, lat: float) -> bool:
    lon_min, lat_min, lon_max, lat_max = KOREA_BOUNDS
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def status_key(status: str) -> int:
    """Sort key: most advanced first; unknown statuses last."""
    return STATUS_RANK.get(status, len(STATUSES))


# Colours used by the regions' base style (the palette of every other layer lives in
# geo/core/palette.py, which takes these two from here).
REGION_LINE: Final = "#4a5568"
REGION_FILL: Final = "#a0aec0"
# A municipality polygon as drawn when nothing restyles it (no cluster, not selected).
REGION_BASE_STYLE: Final = {
    "color": REGION_LINE,
    "weight": 1,
    "fillColor": REGION_FILL,
    "fillOpacity": 0.08,
    "opacity": 1,
}

# A record's source: one http(s) address (every data file and the story are checked against it).
SOURCE_URL: Final = re.compile(r"^https?://\S+$")
# A record's as-of date, at its source's precision: YYYY, YYYY-MM or YYYY-MM-DD.
AS_OF_PATTERN: Final = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
AS_OF: Final = re.compile(rf"^{AS_OF_PATTERN}$")
