"""The answer card on a phone's first screen, right under the map: the selection's name, its
status on the view's date and one key figure. The full panel comes after the map's slider and
legend there; the card links to it.

- a station: its status; minutes to its first hub with a published figure, or "not published";
- a place: the nearest GTX station's line status; that station, its lines and the distance;
- a region: its clusters on the date; its nearest operating GTX station on the date;
- a cluster: its status; its member count on the date (counted as its panel counts them).

Everything is as of the view's date (geo.state.url_state.day_of), from the same functions as the
panels (geo.answers.place_answers, geo.domain.asof / visibility). Plain text, not escaped: the UI
escapes it. Pure: no Streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import geopandas as gpd

from geo.answers.locality import place_heading
from geo.answers.place_answers import LineAt, place_answer, station_answer
from geo.answers.place_index import index_for
from geo.core.i18n import name, status_label, t
from geo.core.vocabulary import METRIC_CRS, Status
from geo.data.gtx_service import minutes_text
from geo.domain.asof import as_of, memberships_as_of
from geo.domain.model import Model
from geo.domain.visibility import visible
from geo.state.url_state import ViewState, day_of


@dataclass(frozen=True)
class PhoneCard:
    kind: str  # "region" | "station" | "cluster" | "place"
    name: str
    kind_label: str  # "Region", "GTX station", ...
    status: str  # one line, as of the view's date
    key_figure: str  # one line


def _status_on(day: date, label: str, lang: str) -> str:
    return f"{t('status_on', lang, day=day.isoformat())}: {label}"


def _lines(lines: tuple[LineAt, ...], lang: str) -> str:
    return ", ".join(t("line_status", lang, line=f"GTX-{x.line}", status=status_label(x.status, lang)) for x in lines)


def station_card(model: Model, sid: str, day: date, lang: str) -> PhoneCard:
    ans = station_answer(model, sid, day)
    status = _status_on(day, status_label(model.data.timeline.station_status_at(sid, day), lang), lang)
    figure = t("card.minutes_none", lang)
    for line in ans.lines:  # the first hub, in line order, with a published figure
        published = [(hub, hub.time) for hub in line.hubs if hub.time is not None]
        if published:
            hub, time = published[0]
            figure = t("card.minutes", lang, hub=name(hub, lang), minutes=minutes_text(time, lang), line=line.line)
            break
    return PhoneCard("station", name(ans, lang), t("station_panel", lang), status, figure)


def place_card(model: Model, lat: float, lng: float, day: date, lang: str) -> PhoneCard:
    index = index_for(model)
    heading = place_heading(index, lat, lng, lang, day)  # the name in force on the day
    ans = place_answer(model, lat, lng, day, index=index)
    kind = t("place_panel", lang)
    if not ans.covered:
        return PhoneCard("place", heading, kind, t("card.outside", lang), t("place_coords", lang, lat=lat, lng=lng))
    if not ans.stations:
        where = name(ans.municipality, lang) if ans.municipality is not None else "—"
        return PhoneCard("place", heading, kind, f"{t('place_in', lang)}: {where}", t("near_none", lang))
    near = ans.stations[0]  # nearest first
    figure = t(
        "card.nearest",
        lang,
        name=name(near, lang),
        lines=", ".join(f"GTX-{x.line}" for x in near.lines),
        km=near.distance_km,
    )
    return PhoneCard("place", heading, kind, _status_on(day, _lines(near.lines, lang), lang), figure)


def region_card(model: Model, state: ViewState, slug: str, day: date, lang: str) -> PhoneCard:
    shown = visible(model.data, state, day)
    munis = model.analysis_municipalities
    slug_city = dict(zip(munis["slug"], munis["city_code"], strict=True))
    on_day = memberships_as_of(model.memberships, slug_city, shown.asof).get(slug, [])
    names = ", ".join(t(f"layer.{cid}", lang).split(" (")[0] for cid in on_day)
    iso = day.isoformat()
    status = t("card.clusters", lang, day=iso, names=names) if names else t("card.no_cluster", lang, day=iso)
    figure = _nearest_operating(model, shown.dated_stations, slug, day, lang)
    return PhoneCard("region", name(model.region(slug), lang), t("region", lang), status, figure)


def _nearest_operating(model: Model, stations: gpd.GeoDataFrame, slug: str, day: date, lang: str) -> str:
    """The operating GTX station (on `day`) nearest the region's boundary: in it (0 km), or how
    far from it in a straight line (EPSG:5179)."""
    operating = stations[stations["line_status"].map(lambda ls: Status.OPERATING in ls.values())]
    if operating.empty:
        return t("card.no_operating", lang, day=day.isoformat())
    munis = model.analysis_municipalities
    area = munis[munis["slug"] == slug].to_crs(METRIC_CRS).geometry.iloc[0]
    metres = operating.to_crs(METRIC_CRS).geometry.distance(area)
    best = min(zip(metres, operating["id"], operating["line_status"], strict=True), key=lambda r: (r[0], r[1]))
    dist, sid, line_status = best
    lines = ", ".join(f"GTX-{x}" for x in sorted(x for x, s in line_status.items() if s == Status.OPERATING))
    station = name(model.station(sid), lang)
    if dist == 0:
        return t("card.station_in", lang, name=station, lines=lines)
    return t("card.station_near", lang, name=station, lines=lines, km=dist / 1000)


def cluster_card(model: Model, cid: str, day: date, lang: str) -> PhoneCard:
    c = model.cluster(cid)
    a = as_of(model.data.timeline, day)
    now = a.clusters.get(cid)
    status = _status_on(day, status_label(now.status if now is not None else c.status, lang), lang)
    figure = t("members_on", lang, day=day.isoformat(), n=member_count(model, cid, day))
    return PhoneCard("cluster", name(c, lang), t("cluster_badge", lang), status, figure)


def member_count(model: Model, cid: str, day: date) -> int:
    """The cluster's member municipalities on `day`, as its panel counts them: members with dated
    eligibility from that date, and a city counted once (Goyang's three gu are one city)."""
    dated = as_of(model.data.timeline, day).members.get(cid)
    codes = [m for m in model.cluster(cid).members if dated is None or m in dated]
    return len({m[:4] if m.startswith("41") else m for m in codes})


def phone_card(model: Model, state: ViewState, today: date | None = None) -> PhoneCard | None:
    """The card for the state's selection on its date (today when it has none); None for the
    overview."""
    lang, day = state.lang, day_of(state, today)
    if state.region:
        return region_card(model, state, state.region, day, lang)
    if state.station:
        return station_card(model, state.station, day, lang)
    if state.cluster:
        return cluster_card(model, state.cluster, day, lang)
    if state.at:
        return place_card(model, *state.at, day, lang)
    return None
