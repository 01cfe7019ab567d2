"""Turn a map click (st_folium's return value) into a selection: a region, a station, or a
place from the right-click / long-press gesture (layers/place_gesture.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from geo.state.url_state import Known, make_at, make_view

KINDS = ("region", "station")
PLACE_KIND = "place"  # the point of the map's place gesture (layers/place_gesture.py)


def _clicked_properties(returned: object) -> Mapping[str, object] | None:
    if not isinstance(returned, Mapping):
        return None
    feature = returned.get("last_active_drawing")
    if not isinstance(feature, Mapping):
        return None
    props = feature.get("properties")
    return props if isinstance(props, Mapping) else None


def from_click(returned: object, known: Known) -> tuple[str, str] | None:
    """(kind, id) for a click on a region polygon or a station, else None.

    `returned` is st_folium's dict; with returned_objects=["last_active_drawing"]
    it holds the clicked GeoJSON feature with its properties.
    """
    props = _clicked_properties(returned)
    if props is None:
        return None
    kind, ident = props.get("kind"), props.get("id")
    if kind == "site":  # a site marker opens the region it lies in
        kind, ident = "region", props.get("region")
    if kind not in KINDS or not isinstance(ident, str):
        return None
    allowed = known.regions if kind == "region" else known.stations
    return (kind, ident) if ident in allowed else None


def place_from_click(returned: object) -> tuple[float, float] | None:
    """(lat, lng) for the place gesture (a right-click or long press), as the codec accepts it
    (geo.state.url_state.make_at), else None."""
    props = _clicked_properties(returned)
    if props is None or props.get("kind") != PLACE_KIND:
        return None
    return make_at(props.get("lat"), props.get("lng"))


# The map reports each move with its cause under this key (layers/move_cause.py): streamlit-folium
# returns the field as the page set it, and this map has no geocoder of its own to fill it.
MOVE_KEY = "last_geocoder_result"
MOVE_CAUSES = ("user", "fit")  # a person's pan or zoom; the app placing the map (a fit)


def move_cause(returned: Mapping[str, object]) -> str:
    """ "user" or "fit" for the view in `returned`. A report without a cause (an older page) is
    taken as a person's move, so no pan is ever lost."""
    mark = returned.get(MOVE_KEY)
    cause = mark.get("cause") if isinstance(mark, Mapping) else None
    return str(cause) if cause in MOVE_CAUSES else "user"


@dataclass(frozen=True)
class MapEvent:
    """What one st_folium return value means for the URL state."""

    picked: tuple[str, str] | None  # a new click on a region, site or station
    at: tuple[float, float] | None  # a new right-click / long press: the place there
    view: tuple[float, float, float] | None  # where a person moved the map (lat, lng, zoom); None for a fit
    clicks: int | None  # the click counter to remember for the next event


def map_event(returned: object, known: Known, seen_clicks: int | None) -> MapEvent:
    """Read st_folium's return value (returned_objects: last_active_drawing,
    last_object_clicked_count, zoom, center and the move's cause). A click is on a feature, or
    the place gesture.

    A click counts only when the counter moved since `seen_clicks`, so a pan after a
    click does not select the old feature again, and a second click on the same feature
    (whose payload is unchanged) still does. A view counts only when a person moved the map:
    the opening fit and the zoom to a selection are the app's, marked "fit" by the map itself."""
    if not isinstance(returned, Mapping):
        return MapEvent(None, None, None, seen_clicks)
    clicks = returned.get("last_object_clicked_count")
    clicks = clicks if isinstance(clicks, int) and not isinstance(clicks, bool) else seen_clicks
    new_click = clicks != seen_clicks
    picked = from_click(returned, known) if new_click else None
    at = place_from_click(returned) if new_click else None
    center = returned.get("center")
    view = (
        make_view(center.get("lat"), center.get("lng"), returned.get("zoom")) if isinstance(center, Mapping) else None
    )
    return MapEvent(picked, at, view if move_cause(returned) == "user" else None, clicks)
