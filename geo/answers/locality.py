"""What a point on the map is called: the searched place's name, else "near" the nearest legal
dong, eup or myeon (the place panel's heading). A point that is no searchable place (the map's
right-click) is named after the nearest locality point within NEAR_MAX_M: the gazetteer has
points, not areas. Which gazetteer kinds count as localities is the index's
(place_index.LOCALITY_KINDS: the index keeps their points). A heading is asked for the map's day
and uses only the names in force that day (place_index.localities_on): 남사면 before 2021-02-19,
남사읍 from then on.

Pure: no Streamlit.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd

from geo.answers.place_index import PlaceIndex, label_for, localities_on, memo, point
from geo.core import clock
from geo.core.i18n import t
from geo.core.vocabulary import METRIC_CRS
from geo.data import gazetteer

NEAR_MAX_M = 3000.0


def _iso(day: str | dt.date | None) -> str:
    if day is None:
        return clock.today().isoformat()
    return day.isoformat() if isinstance(day, dt.date) else day


def nearest_locality(
    index: PlaceIndex, lat: float, lng: float, day: str | dt.date | None = None
) -> gazetteer.Place | None:
    """The legal dong, eup or myeon in force on `day` (default: Korea's today) whose gazetteer
    point is nearest (lat, lng), within NEAR_MAX_M."""
    frame = localities_on(index, _iso(day))
    if frame.empty:
        return None
    hit = gpd.sjoin_nearest(point(lat, lng).to_crs(METRIC_CRS), frame, max_distance=NEAR_MAX_M)
    return hit["place"].iloc[0] if not hit.empty else None


def district_on(
    index: PlaceIndex, code: str, lat: float, lng: float, day: str | dt.date | None = None
) -> gazetteer.Place | None:
    """For a point in the boundary file's district `code`: the nearest of its localities whose
    district was renamed or redrawn after the boundary file (a gazetteer row with a `since`),
    when that is the locality nearest the point; else None, and the boundary file's name holds.
    Incheon's Seo-gu, Jung-gu and Dong-gu became Seo-gu, Geomdan-gu, Yeongjong-gu and
    Jemulpo-gu on 2026-07-01."""
    frame = localities_on(index, _iso(day))
    own = frame[frame["code"] == code]
    if own.empty:
        return None
    hit = gpd.sjoin_nearest(point(lat, lng).to_crs(METRIC_CRS), own)
    place: gazetteer.Place = hit.sort_values("index_right")["place"].iloc[0]
    return place if place.since else None


def place_heading(index: PlaceIndex, lat: float, lng: float, lang: str, day: str | dt.date | None = None) -> str:
    """The place panel's heading on the map's `day` (default: Korea's today): the searched place's
    name, else "near" the nearest legal dong, eup or myeon, else a plain "selected place". Only
    names in force on the day are used."""
    on = _iso(day)
    return memo(index, ("heading", lat, lng, lang, on), lambda: _place_heading(index, lat, lng, lang, on))


def _place_heading(index: PlaceIndex, lat: float, lng: float, lang: str, day: str) -> str:
    named = label_for(index, lat, lng, day)
    if named is not None:
        return named.name_en if lang == "en" else named.name_ko
    near = nearest_locality(index, lat, lng, day)
    if near is not None:
        return t("place_near", lang, name=near.name_en if lang == "en" else near.name_ko)
    return t("place_panel", lang)
