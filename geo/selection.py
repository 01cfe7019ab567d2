"""Turn a map click (st_folium's return value) into a selection."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from geo.url_state import Known, make_view

KINDS = ("region", "station")


def from_click(returned: object, known: Known) -> tuple[str, str] | None:
    """(kind, id) for a click on a region polygon or a station, else None.

    `returned` is st_folium's dict; with returned_objects=["last_active_drawing"]
    it holds the clicked GeoJSON feature with its properties.
    """
    if not isinstance(returned, Mapping):
        return None
    feature = returned.get("last_active_drawing")
    if not isinstance(feature, Mapping):
        return None
    props = feature.get("properties")
    if not isinstance(props, Mapping):
        return None
    kind, ident = props.get("kind"), props.get("id")
    if kind == "site":  # a site marker opens the region it lies in
        kind, ident = "region", props.get("region")
    if kind not in KINDS or not isinstance(ident, str):
        return None
    allowed = known.regions if kind == "region" else known.stations
    return (kind, ident) if ident in allowed else None


@dataclass(frozen=True)
class MapEvent:
    """What one st_folium return value means for the URL state."""

    picked: tuple[str, str] | None  # a new click on a region, site or station
    view: tuple[float, float, float] | None  # where the map now is (lat, lng, zoom)
    at_home: bool  # the map shows the default, fitted view: the URL needs no view
    clicks: int | None  # the click counter to remember for the next event


def map_event(
    returned: object, known: Known, seen_clicks: int | None, home: tuple[float, float], home_max_zoom: float
) -> MapEvent:
    """Read st_folium's return value (returned_objects: last_active_drawing,
    last_object_clicked_count, zoom, center).

    A click counts only when the counter moved since `seen_clicks`, so a pan after a
    click does not select the old feature again, and a second click on the same feature
    (whose payload is unchanged) still does. The map centred on `home` at no more than
    `home_max_zoom` is the default view: the fitted start, before anyone moved it."""
    if not isinstance(returned, Mapping):
        return MapEvent(None, None, False, seen_clicks)
    clicks = returned.get("last_object_clicked_count")
    clicks = clicks if isinstance(clicks, int) and not isinstance(clicks, bool) else seen_clicks
    picked = from_click(returned, known) if clicks != seen_clicks else None
    center = returned.get("center")
    view = (
        make_view(center.get("lat"), center.get("lng"), returned.get("zoom")) if isinstance(center, Mapping) else None
    )
    at_home = (
        view is not None
        and abs(view[0] - home[0]) < 1e-3
        and abs(view[1] - home[1]) < 1e-3
        and view[2] <= home_max_zoom
    )
    return MapEvent(picked, None if at_home else view, at_home, clicks)
