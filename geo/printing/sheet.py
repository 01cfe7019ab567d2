"""What a printed view says: its title, the selected record's key figures and their sources.

Pure data, no drawing (geo/printing/render.py draws it). Every figure here comes from the model
and carries where it comes from: a source URL with its as-of date, or a note saying how it
was computed from the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from geo.answers.naming import cluster_short, title
from geo.answers.sources import access_source, boundary_source, gtx_data_as_of
from geo.core.citation import Source, cited, record_field
from geo.core.i18n import name, status_label, t
from geo.core.vocabulary import NOT_YET_ANNOUNCED, STATUSES
from geo.domain.model import Model, Station
from geo.domain.visibility import Visible, visible
from geo.state.url_state import ViewState

MAX_FIGURES = 9


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    source: Source


@dataclass(frozen=True)
class Sheet:
    title: str
    subtitle: str
    figures: tuple[Figure, ...]
    more: int  # figures left out for space
    sources: tuple[Source, ...] = field(default=())  # numbered in this order

    def source_number(self, figure: Figure) -> int:
        return self.sources.index(figure.source) + 1


def _txt(rec: Any, key: str, lang: str) -> str:
    value = record_field(rec, f"{key}_{'en' if lang == 'en' else 'ko'}")
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _money(value: Any, lang: str) -> str:
    return t("trillion_won", lang, v=value / 1e12)


def _site_value(site: pd.Series, lang: str, dated: Visible) -> str:
    parts = []
    if pd.notna(site.get("area_m2")):
        parts.append(f"{site['area_m2']:,.0f} {'m²' if lang == 'en' else '㎡'}")
    if pd.notna(site.get("investment_krw")):
        note = _txt(site, "investment_note", lang)
        parts.append(_money(site["investment_krw"], lang) + (f" ({note})" if note else ""))
    on_day = dated.asof.sites.get(str(site["id"]))
    parts.append(status_label(on_day.status if on_day else str(site["status"]), lang))
    return " · ".join(parts)


def _station_value(s: Station, lang: str, dated: Visible) -> str:
    """The station's lines with their status on the state's day (geo/domain/asof.py), and its opening."""
    per_line = {ln: st for ln, st in dated.asof.stations.get(s.id, {}).items() if st != NOT_YET_ANNOUNCED}
    if not per_line:
        return status_label(NOT_YET_ANNOUNCED, lang)
    lines = ", ".join(f"GTX-{x} {status_label(per_line[x], lang)}" for x in sorted(per_line))
    opened = s.opened if s.opened and s.opened <= dated.day.isoformat() else None
    return f"{lines} · " + (f"{t('opened', lang)} {opened}" if opened else t("not_open", lang))


def _access(share: float, model: Model, lang: str) -> Figure:
    return Figure(t("share_within", lang, r=10), f"{share * 100:.0f}%", access_source(model, lang))


def region_figures(model: Model, slug: str, lang: str, dated: Visible) -> list[Figure]:
    region = model.region(slug)
    out = [
        Figure(t("area", lang), t("km2", lang, v=region.area_km2), boundary_source(lang)),
        _access(region.share_within_10km, model, lang),
    ]
    out += [
        Figure(t("cluster_badge", lang), cluster_short(cid, lang), cited(model.cluster(cid))) for cid in region.clusters
    ]
    sites = model.data.sites
    for _, site in sites[sites["id"].isin(region.site_ids)].iterrows():
        out.append(Figure(name(site, lang), _site_value(site, lang, dated), cited(site)))
    for sid in region.station_ids:
        s = model.station(sid)
        out.append(Figure(f"{t('station_panel', lang)} {name(s, lang)}", _station_value(s, lang, dated), cited(s)))
    return out


def cluster_figures(model: Model, cid: str, lang: str) -> list[Figure]:
    c = model.cluster(cid)
    out = [
        Figure(t("total_area", lang), t("km2", lang, v=c.area_km2), boundary_source(lang)),
        _access(c.share_within_10km, model, lang),
    ]
    out += [Figure(_txt(f, "label", lang), _txt(f, "value", lang), cited(f)) for f in c.facts]
    return out


def station_figures(model: Model, sid: str, lang: str, dated: Visible) -> list[Figure]:
    s = model.station(sid)
    src = cited(s)
    muni = model.sigungu(s.sigungu_code)
    out = [
        Figure(t("lines", lang), _station_value(s, lang, dated), src),
        Figure(t("municipality", lang), name(muni, lang), src),
        Figure(t("location_precision", lang), t(f"precision.{s.location_precision}", lang), src),
    ]
    note = _txt(s, "note", lang)
    if note:
        out.append(Figure("", note, src))
    return out


def overview_figures(model: Model, state: ViewState, dated: Visible) -> list[Figure]:
    lang = state.lang
    p = model.data.projects
    meta = p.get("meta", {})
    out = []
    if meta.get("date"):
        out.append(Figure(t("print.proposal_date", lang), str(meta["date"]), cited(meta)))
    if dated.day.isoformat() >= str(meta.get("date", "")):  # the projects exist from the proposal on
        for proj in p.get("project", []):
            out.append(Figure(name(proj, lang), status_label(proj["status"], lang), cited(proj)))
    if dated.stations is not None:  # the stations the map shows, with their status on the day
        counts = dated.stations["status"].value_counts()
        value = " · ".join(f"{status_label(s, lang)} {int(counts[s])}" for s in STATUSES if s in counts)
        out.append(Figure(t("print.station_count", lang), value, Source(t("layer.gtx", lang), gtx_data_as_of(model))))
    return out


def figures(model: Model, state: ViewState, today: date) -> list[Figure]:
    """The selection's key figures; statuses as of the state's day (the URL's date, else `today`)."""
    dated = visible(model.data, state, today)
    if state.region:
        return region_figures(model, state.region, state.lang, dated)
    if state.station:
        return station_figures(model, state.station, state.lang, dated)
    if state.cluster:
        return cluster_figures(model, state.cluster, state.lang)
    return overview_figures(model, state, dated)


def sheet(model: Model, state: ViewState, today: date) -> Sheet:
    """Everything the print shows as text, for `state` printed on `today`."""
    lang = state.lang
    all_figures = figures(model, state, today)
    shown = tuple(all_figures[:MAX_FIGURES])
    sources: list[Source] = []
    for f in shown:
        if f.source not in sources:
            sources.append(f.source)
    subtitle = t("title", lang)
    if "gtx" in state.layers:
        subtitle += " · " + t("print.status_note", lang, date=gtx_data_as_of(model))
    return Sheet(
        title=title(model, state, today),
        subtitle=subtitle,
        figures=shown,
        more=len(all_figures) - len(shown),
        sources=tuple(sources),
    )
