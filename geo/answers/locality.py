"""What a point on the map is called: the searched place's name, else "near" the nearest legal
dong, eup or myeon (the place panel's heading). A point that is no searchable place (the map's
right-click) is named after the nearest locality point within NEAR_MAX_M: the gazetteer has
points, not areas. Which gazetteer kinds count as localities is the index's
(place_index.LOCALITY_KINDS: the index keeps their points).

Pure: no Streamlit.
"""

from __future__ import annotations

import geopandas as gpd

from geo.answers.place_index import PlaceIndex, label_for, memo, point
from geo.core.i18n import t
from geo.core.vocabulary import METRIC_CRS
from geo.data import gazetteer

NEAR_MAX_M = 3000.0


def nearest_locality(index: PlaceIndex, lat: float, lng: float) -> gazetteer.Place | None:
    """The legal dong, eup or myeon whose gazetteer point is nearest (lat, lng), within NEAR_MAX_M."""
    if index.localities_m.empty:
        return None
    hit = gpd.sjoin_nearest(point(lat, lng).to_crs(METRIC_CRS), index.localities_m, max_distance=NEAR_MAX_M)
    return hit["place"].iloc[0] if not hit.empty else None


def place_heading(index: PlaceIndex, lat: float, lng: float, lang: str) -> str:
    """The place panel's heading: the searched place's name, else "near" the nearest legal dong,
    eup or myeon, else a plain "selected place"."""
    return memo(index, ("heading", lat, lng, lang), lambda: _place_heading(index, lat, lng, lang))


def _place_heading(index: PlaceIndex, lat: float, lng: float, lang: str) -> str:
    named = label_for(index, lat, lng)
    if named is not None:
        return named.name_en if lang == "en" else named.name_ko
    near = nearest_locality(index, lat, lng)
    if near is not None:
        return t("place_near", lang, name=near.name_en if lang == "en" else near.name_ko)
    return t("place_panel", lang)
