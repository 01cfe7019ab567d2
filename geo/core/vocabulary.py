"""The project's domain words, each defined once: statuses and their order, the CRSs, the
Korea and Gyeonggi boxes and the province view, the sigungu-code rules, and what a source and an
as-of date look like. The map, the downloads, the exports, the data build and the benchmark all
read them from here (colours live in geo/core/palette.py)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

from geo.core import mercator


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
# The province view: where fitBounds(GYEONGGI_BOUNDS) centres the map at any size (lat, lng),
# and the zoom it fits to at most at the app's map height.
HOME_CENTER: Final = mercator.centre(GYEONGGI_BOUNDS)
HOME_MAX_ZOOM: Final = 9.0
GYEONGGI_CODE: Final = "41"  # the province's prefix in the sigungu codes

LINES: Final = ("A", "B", "C", "D", "E", "F")

# Every data frame carries, under this attrs key, a hash of the file it was read from (and of
# the date it was restyled for), so map layers can memoise what they serialise (layers/memo.py).
CONTENT_KEY: Final = "content_key"


def in_korea(lon: float, lat: float) -> bool:
    lon_min, lat_min, lon_max, lat_max = KOREA_BOUNDS
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def city_code(code: str) -> str:
    """A sigungu code's city: its first four digits (Suwon's Jangan-gu 41111 -> Suwon 4111)."""
    return code[:4]


def municipality_unit(code: str) -> str:
    """What the map draws as one municipality: a Gyeonggi city with its gu together, or any other sigungu."""
    return city_code(code) if code.startswith(GYEONGGI_CODE) else code


def status_key(status: str) -> int:
    """Sort key: most advanced first; unknown statuses last."""
    return STATUS_RANK.get(status, len(STATUSES))


# A record's source: one http(s) address (every data file and the story are checked against it).
SOURCE_URL: Final = re.compile(r"^https?://\S+$")
# A record's as-of date, at its source's precision: YYYY, YYYY-MM or YYYY-MM-DD.
AS_OF_PATTERN: Final = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
AS_OF: Final = re.compile(rf"^{AS_OF_PATTERN}$")
