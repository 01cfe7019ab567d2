"""The map in words: a short text alternative of what the map shows for a view state.

For screen readers (on the page, beside the map) and for the static export. It says what
is selected, which layers are on, what runs on the shown GTX lines, how many stations
and sites are in operation, and the date of the newest source behind them. No Streamlit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import geopandas as gpd

from geo.answers.locality import place_heading
from geo.answers.place_answers import place_answer
from geo.answers.place_index import index_for
from geo.core.i18n import name, status_label, t
from geo.core.vocabulary import LINES, NOT_YET_ANNOUNCED, Status
from geo.domain import gtx_network
from geo.domain.asof import memberships_as_of
from geo.domain.model import Model
from geo.domain.visibility import Visible, shown_lines, visible
from geo.state.url_state import LAYERS, ViewState


def _join(items: Sequence[str], lang: str) -> str:
    """'a', 'a and b', 'a, b and c' (Korean: commas only)."""
    if lang != "en" or len(items) < 2:
        return ", ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _station_name(model: Model, sid: str, lang: str) -> str:
    return name(model.station(sid), lang) if sid in model.stations_by_id else sid


def _station_status(shown: Visible, sid: str) -> str:
    """The station's status on the shown day (not yet announced when the map leaves it out)."""
    dated = shown.dated_stations
    row = dated[dated["id"] == sid]
    return str(row["status"].iloc[0]) if len(row) else NOT_YET_ANNOUNCED


def selection(model: Model, state: ViewState, shown: Visible) -> str:
    """The selected record, as the map shows it on the day: its clusters, status and members then."""
    lang = state.lang
    on_day = _memberships(model, shown)
    if state.region:
        region = model.region(state.region)
        clusters = [t(f"layer.{c}", lang) for c in on_day.get(state.region, [])]
        text = t("describe.region", lang, name=name(region, lang))
        return text + (t("describe.region_clusters", lang, clusters=_join(clusters, lang)) if clusters else ".")
    if state.station:
        station = model.station(state.station)
        dated = shown.dated_stations
        row = dated[dated["id"] == state.station]
        lines = _join([f"GTX-{x}" for x in (row["lines"].iloc[0] if len(row) else station.lines)], lang)
        label = name(station, lang)
        if lang != "en" and not label.endswith("역"):
            label += "역"
        status = status_label(_station_status(shown, state.station), lang, in_sentence=True)
        return t("describe.station", lang, name=label, lines=lines, status=status)
    if state.cluster:
        cluster = model.cluster(state.cluster)
        members = sum(state.cluster in cs for cs in on_day.values())
        return t("describe.cluster", lang, name=name(cluster, lang), n=members)
    if state.at:
        index = index_for(model)
        heading = place_heading(index, *state.at, lang, shown.day)
        answer = place_answer(model, *state.at, shown.day, index=index)
        where = answer.municipality
        return t("describe.place", lang, name=heading) + (
            t("describe.place_in", lang, municipality=name(where, lang)) if where is not None else "."
        )
    return t("describe.overview", lang, n=len(model.regions_by_slug))


def _memberships(model: Model, shown: Visible) -> dict[str, list[str]]:
    """slug -> cluster ids on the shown day."""
    munis = model.analysis_municipalities
    slug_city = dict(zip(munis["slug"], munis["city_code"], strict=True))
    return memberships_as_of(model.memberships, slug_city, shown.asof)


def layers_on(state: ViewState) -> str:
    lang = state.lang
    on = [t(f"layer.{layer}", lang) for layer in LAYERS if layer in state.layers]
    if not on:
        return t("describe.no_layers", lang)
    text = t("describe.layers", lang, layers=", ".join(on))
    if "gtx" in state.layers and state.lines != frozenset(LINES):
        text += " " + t("describe.lines_shown", lang, lines=_join([f"GTX-{x}" for x in sorted(state.lines)], lang))
    return text


def operating_stretches(model: Model, lines: gpd.GeoDataFrame) -> dict[str, list[list[str]]]:
    """Line -> its stretches in service in `lines` (sections as of a day), each as its stations in
    travelling order. Under a millisecond, so it is computed for each description."""
    segs = gtx_network.segments(zip(lines["line"], lines["status"], lines["stations"], strict=True))
    stations = model.data.stations
    latitude = {str(i): float(y) for i, y in zip(stations["id"], stations.geometry.y, strict=True)}
    return gtx_network.stretches(segs, Status.OPERATING, gtx_network.line_stations(segs, latitude))


def operating_lines(model: Model, state: ViewState, shown: Visible) -> list[str]:
    """One sentence per shown line with stretches in service on the day, and one for the rest."""
    lang = state.lang
    lines = sorted(shown_lines(state))
    if not lines:
        return []
    stretches = operating_stretches(model, shown.dated_lines)
    out: list[str] = []
    for line in lines:
        parts = [
            t("describe.stretch", lang, start=_station_name(model, s[0], lang), end=_station_name(model, s[-1], lang))
            for s in stretches.get(line, [])
        ]
        if parts:
            out.append(t("describe.line_operating", lang, line=f"GTX-{line}", stretches=_join(parts, lang)))
    idle = [f"GTX-{x}" for x in lines if x not in stretches]
    if idle:
        out.append(t("describe.lines_not_operating", lang, lines=_join(idle, lang)))
    return out


def _count(statuses: Iterable[object]) -> tuple[int, int]:
    values = [str(s) for s in statuses]
    return sum(s == Status.OPERATING for s in values), len(values)


def latest_as_of(dates: Iterable[object]) -> str | None:
    """The newest of ISO-like dates ('2025-10', '2025-10-23'), or None."""
    values = sorted(str(d) for d in dates if isinstance(d, str) and d[:4].isdigit())
    return values[-1] if values else None


def describe(model: Model, state: ViewState) -> str:
    """The text alternative for `state`, in `state.lang`."""
    lang = state.lang
    shown = visible(model.data, state)
    sentences = [selection(model, state, shown), layers_on(state), *operating_lines(model, state, shown)]
    dates: list[object] = []
    if shown.stations is not None:
        operating, total = _count(shown.stations["status"])
        sentences.append(t("describe.stations", lang, operating=operating, total=total))
        dates += list(shown.stations["as_of"])
    if shown.lines is not None:
        dates += list(shown.lines["as_of"])
    if shown.sites is not None:
        operating, total = _count(shown.sites["status"])
        sentences.append(t("describe.sites", lang, operating=operating, total=total))
        dates += list(shown.sites["as_of"])
    if state.date is not None:  # a view of one past or future day
        sentences.append(t("describe.date", lang, date=state.date.isoformat()))
    else:
        newest = latest_as_of(dates)
        if newest:
            sentences.append(t("describe.as_of", lang, date=newest))
    return " ".join(s.strip() for s in sentences if s.strip())
