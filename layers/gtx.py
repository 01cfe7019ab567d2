"""GTX lines (coloured by line, dashed by status) and stations (circle markers,
CSS class station-<id>)."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.core import palette
from geo.core.i18n import name, t
from geo.core.vocabulary import Status, status_key
from geo.domain import gtx_network
from geo.domain.visibility import lines_shown, stations_shown
from layers import single_pass
from layers.compact_geojson import CompactGeoJson
from layers.delta_codec import payload
from layers.memo import content_key, memoised
from layers.stacks import stack_class
from layers.text import stack_note, target_note, tip


def _line_style(feature: dict) -> dict:
    p = feature["properties"]
    target = bool(p.get("target"))  # a target passed with no outcome: dotted, never drawn as done
    return {
        "className": f"gtx-line gtx-line-{p['line'].lower()} gtx-section-{p['id']} gtx-status-{p['status']}"
        + (" gtx-target" if target else ""),
        "color": palette.LINE[p["line"]],
        "weight": 5 if p["status"] == Status.OPERATING else 3,
        "opacity": palette.STATUS_OPACITY[p["status"]],
        "dashArray": palette.TARGET_DASH if target else palette.STATUS_DASH[p["status"]],
    }


def _station_style(feature: dict) -> dict:
    p = feature["properties"]
    selected = p.get("selected", False)
    operating = p["status"] == Status.OPERATING
    colour = palette.LINE[p["first_line"]]
    # Operating: a filled disc with a dark outline. Anything else: a ring in the line colour.
    return {
        "className": f"gtx-station station-{p['id']}" + stack_class(p["stack_index"], p["stack_size"]),
        "pane": "stations",
        "fill": True,
        "radius": 9 if selected else (6 if operating else 5),
        "color": palette.SELECTED if selected else (palette.STATION_LINE if operating else colour),
        "weight": 3 if selected else (1.5 if operating else 2.5),
        # Operating: filled. Anything else, or a passed target with no outcome: hollow (the latter dashed).
        "fillColor": colour if operating and not p.get("target") else palette.HOLLOW_FILL,
        "fillOpacity": 1,
        **({"dashArray": palette.TARGET_DASH} if p.get("target") else {}),
    }


def _lines_payload(lines: gpd.GeoDataFrame, shown: set[str], lang: str) -> str | None:
    ln = lines_shown(lines, shown).copy()
    if ln.empty:
        return None
    ln = ln.iloc[sorted(range(len(ln)), key=lambda i: -status_key(ln["status"].iloc[i]))]
    ln["kind"] = "gtx-line"
    for col in ("id", "target"):
        if col not in ln:
            ln[col] = ""
    ln["tip"] = [
        tip(f"GTX-{r['line']} · {name(r, lang)}", t(f"status.{r['status']}", lang), target_note(r["target"], lang))
        for _, r in ln.iterrows()
    ]
    return payload(ln[["kind", "id", "line", "status", "target", "tip", "geometry"]], _line_style)


def keyboard_order(lines: gpd.GeoDataFrame, stations: gpd.GeoDataFrame, shown: set[str]) -> dict[str, int]:
    """Station id -> its place in the keyboard order: line by line (A to F, shown lines
    only), each along the track from its northern end; a station on several lines comes
    with the first of them."""
    along_segments = lines["stations"] if "stations" in lines else [()] * len(lines)
    segs = gtx_network.segments(zip(lines["line"], lines["status"], along_segments, strict=True))
    along = gtx_network.line_stations(segs, dict(zip(stations["id"], stations.geometry.y, strict=True)))
    order: dict[str, int] = {}
    for line in gtx_network.LINE_ORDER:
        if line in shown:
            for sid in along.get(line, ()):
                order.setdefault(sid, len(order))
    for sid in stations["id"]:  # on no segment: last
        order.setdefault(sid, len(order))
    return order


def _stations_payload(
    stations: gpd.GeoDataFrame, shown: set[str], lang: str, selected: str | None, lines: gpd.GeoDataFrame
) -> str | None:
    on_lines = stations_shown(stations, shown).copy()
    if on_lines.empty:
        return None
    on_lines["kind"] = "station"
    on_lines["first_line"] = on_lines["lines"].map(lambda ls: sorted(set(ls) & shown)[0])
    on_lines["selected"] = on_lines["id"] == selected
    if "target" not in on_lines:
        on_lines["target"] = ""
    on_lines["tip"] = [
        tip(
            name(r, lang),
            " · ".join(f"GTX-{x}" for x in r["lines"]),
            t(f"status.{r['status']}", lang),
            "" if r["location_precision"] == "exact" else t(f"precision.{r['location_precision']}", lang),
            stack_note(r, lang),
            target_note(r["target"], lang),
        )
        for _, r in on_lines.iterrows()
    ]
    order = keyboard_order(lines, stations, shown)
    on_lines["seq"] = on_lines["id"].map(order)
    cols = [
        "kind",
        "id",
        "status",
        "target",
        "first_line",
        "selected",
        "stack_index",
        "stack_size",
        "tip",
        "seq",
        "geometry",
    ]
    return payload(on_lines[cols], _station_style)


def gtx_layer(
    lines: gpd.GeoDataFrame, stations: gpd.GeoDataFrame, shown: set[str], lang: str, selected: str | None = None
) -> folium.FeatureGroup:
    fg = single_pass.FeatureGroup(name="gtx", control=False)
    lines_key, stations_key, shown_key = content_key(lines), content_key(stations), tuple(sorted(shown))
    lines_data = memoised(
        lines_key and ("gtx-lines", lines_key, shown_key, lang), lambda: _lines_payload(lines, shown, lang)
    )
    if lines_data is not None:
        CompactGeoJson(lines_data, tooltip="tip", sticky=True).add_to(fg)
    stations_data = memoised(
        stations_key and lines_key and ("gtx-stations", stations_key, lines_key, shown_key, lang, selected),
        lambda: _stations_payload(stations, shown, lang, selected, lines),
    )
    if stations_data is not None:
        CompactGeoJson(stations_data, tooltip="tip", sticky=True).add_to(fg)
    return fg
