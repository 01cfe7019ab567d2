"""GTX lines (coloured by line, dashed by status) and stations (circle markers,
CSS class station-<id>)."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.i18n import name, t
from geo.visibility import lines_shown, stations_shown
from geo.vocabulary import status_key
from layers import palette, single_pass
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
        "weight": 5 if p["status"] == "operating" else 3,
        "opacity": palette.STATUS_OPACITY[p["status"]],
        "dashArray": palette.TARGET_DASH if target else palette.STATUS_DASH[p["status"]],
    }


def _station_style(feature: dict) -> dict:
    p = feature["properties"]
    selected = p.get("selected", False)
    return {
        "className": f"gtx-station station-{p['id']}" + stack_class(p["stack_index"], p["stack_size"]),
        "pane": "stations",
        "fill": True,
        "radius": 9 if selected else (6 if p["status"] == "operating" else 4),
        "color": palette.SELECTED if selected else "#1a202c",
        "weight": 3 if selected else 1.5,
        "fillColor": palette.LINE[p["first_line"]],
        # hollow when a target passed with no outcome
        "fillOpacity": 0 if p.get("target") else (1 if p["status"] == "operating" else 0.6),
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


def _stations_payload(stations: gpd.GeoDataFrame, shown: set[str], lang: str, selected: str | None) -> str | None:
    st = stations_shown(stations, shown).copy()
    if st.empty:
        return None
    st["kind"] = "station"
    st["first_line"] = st["lines"].map(lambda ls: sorted(set(ls) & shown)[0])
    st["selected"] = st["id"] == selected
    if "target" not in st:
        st["target"] = ""
    st["tip"] = [
        tip(
            name(r, lang),
            " · ".join(f"GTX-{x}" for x in r["lines"]),
            t(f"status.{r['status']}", lang),
            "" if r["location_precision"] == "exact" else t(f"precision.{r['location_precision']}", lang),
            stack_note(r, lang),
            target_note(r["target"], lang),
        )
        for _, r in st.iterrows()
    ]
    cols = ["kind", "id", "status", "target", "first_line", "selected", "stack_index", "stack_size", "tip", "geometry"]
    return payload(st[cols], _station_style)


def gtx_layer(
    lines: gpd.GeoDataFrame, stations: gpd.GeoDataFrame, shown: set[str], lang: str, selected: str | None = None
) -> folium.FeatureGroup:
    fg = single_pass.FeatureGroup(name="gtx", control=False)
    lines_key, stations_key, shown_key = content_key(lines), content_key(stations), tuple(sorted(shown))
    ln = memoised(lines_key and ("gtx-lines", lines_key, shown_key, lang), lambda: _lines_payload(lines, shown, lang))
    if ln is not None:
        CompactGeoJson(ln, tooltip="tip", sticky=True).add_to(fg)
    st = memoised(
        stations_key and ("gtx-stations", stations_key, shown_key, lang, selected),
        lambda: _stations_payload(stations, shown, lang, selected),
    )
    if st is not None:
        CompactGeoJson(st, tooltip="tip", sticky=True).add_to(fg)
    return fg
