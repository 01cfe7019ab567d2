"""Turn a map click (st_folium's return value) into a selection."""

from __future__ import annotations

from collections.abc import Mapping

from geo.url_state import Known

KINDS = ("region", "station")


def from_click(returned, known: Known) -> tuple[str, str] | None:
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
