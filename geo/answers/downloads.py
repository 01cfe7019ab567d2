"""What the download buttons hand out: the visible layers, the regions table and the milestones."""

from __future__ import annotations

import json
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.domain.asof import memberships_as_of
from geo.domain.model import Model
from geo.domain.visibility import visible
from geo.state.url_state import ViewState
from geo.timeline.status import Timeline


def _features(gdf: gpd.GeoDataFrame, layer: str) -> list[dict[str, Any]]:
    out: dict[str, Any] = json.loads(gdf.assign(layer=layer).to_json(drop_id=True, to_wgs84=True))
    features: list[dict[str, Any]] = out["features"]
    return features


def visible_geojson(model: Model, state: ViewState) -> str:
    """One FeatureCollection with every layer the view shows, each feature tagged `layer`."""
    d = model.data
    shown = visible(d, state)
    slug_city = dict(zip(d.display_municipalities["slug"], d.display_municipalities["city_code"], strict=True))
    on_day = memberships_as_of(model.memberships, slug_city, shown.asof)  # the clusters on the view's day
    munis = d.display_municipalities.assign(clusters=[";".join(on_day[s]) for s in d.display_municipalities["slug"]])
    features = _features(munis, "regions")
    for layer, frame in (
        ("peace-zone", shown.peace_zone_outside),
        ("gtx-lines", shown.lines),
        ("gtx-stations", shown.stations),
        ("sites", shown.sites),
    ):
        if frame is not None and not frame.empty:
            features += _features(frame, layer)
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def regions_csv(model: Model) -> bytes:
    table: pd.DataFrame = model.region_table
    text: str = table.to_csv(index=False)
    return text.encode("utf-8-sig")  # BOM so Excel reads Korean


MILESTONE_COLUMNS = (
    "record_kind",
    "record_id",
    "line",
    "date",
    "precision",
    "kind",
    "status",
    "text",
    "source",
    "as_of",
    "slipped_from",
    "record_checked",
)


def milestones_csv(timeline: Timeline, lang: str = "ko") -> bytes:
    """Every milestone, one row each: record, date (as precise as its source), precision, happened or
    target, status from then on, text in `lang`, source and as-of, earlier dates of a moved target."""
    rows = []
    for rec, m in timeline.all_milestones():
        slips = " | ".join(f"{s.date} (moved, reported {s.reported}, {s.source})" for s in m.slipped_from)
        rows.append(
            (
                rec.kind,
                rec.id,
                m.line or "",
                m.date.text,
                m.date.precision,
                m.kind,
                m.status or "",
                m.text_en if lang == "en" else m.text_ko,
                m.source,
                m.as_of,
                slips,
                rec.checked.text,
            )
        )
    table = pd.DataFrame(rows, columns=list(MILESTONE_COLUMNS))
    text: str = table.to_csv(index=False)
    return text.encode("utf-8-sig")  # BOM so Excel reads Korean
