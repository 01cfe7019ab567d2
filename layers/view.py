"""The feature groups drawn on top of the base map for one view state.

Shared by the app (which hands them to st_folium's feature_group_to_add, so a
change never remounts the base map) and the static export (which adds them to
the map directly)."""

from __future__ import annotations

import folium

from geo.domain.asof import memberships_as_of
from geo.domain.model import Model
from geo.domain.visibility import shown_lines, visible
from geo.state.url_state import ViewState
from layers.clusters import cluster_style_layer
from layers.delta_codec import Link
from layers.gtx import gtx_layer
from layers.peace_zone import peace_zone_layer
from layers.selection_overlay import selection_layer
from layers.sites import sites_layer
from layers.zoom_to import zoom_layer


def feature_groups(model: Model, state: ViewState, link: Link | None = None) -> list[folium.FeatureGroup]:
    """Cluster colouring (always: it also draws the selection), then the optional layers.
    `link` (layers.geometry_files.publish, the live app) serves big outlines as files."""
    d = model.data
    shown = visible(d, state)
    slug_city = dict(zip(d.display_municipalities["slug"], d.display_municipalities["city_code"], strict=True))
    memberships = memberships_as_of(model.memberships, slug_city, shown.asof)
    # The zoom first: the map jumps before the other layers are built, which are then drawn once,
    # at the new view.
    groups = [zoom_layer(model, state), cluster_style_layer(memberships, set(shown.clusters), state.region)]
    if shown.peace_zone_outside is not None and not shown.peace_zone_outside.empty:
        groups.append(peace_zone_layer(shown.peace_zone_outside, state.lang, link, d.peace_zone_outside))
    if shown.lines is not None:
        groups.append(
            gtx_layer(shown.dated_lines, shown.dated_stations, set(shown_lines(state)), state.lang, state.station)
        )
    if shown.sites is not None:
        groups.append(sites_layer(shown.sites, state.lang, model.site_region))
    groups.append(_selection(model, state, link))
    return groups


def _selection(model: Model, state: ViewState, link: Link | None) -> folium.FeatureGroup:
    """The selected region's exact outline, or rings (and a pin) around a station or place."""
    point = None
    if state.station:
        station = model.station(state.station)
        point = (station.lat, station.lng)
    elif state.at:
        point = state.at
    return selection_layer(model.analysis_municipalities, state.region, point, pin=state.at is not None, link=link)
