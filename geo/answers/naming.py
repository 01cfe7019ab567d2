"""What a view is called: the print's title, the selection's name and the embed's title."""

from __future__ import annotations

from datetime import date

from geo.core.i18n import name, t
from geo.domain.model import Model
from geo.state.url_state import ViewState, day_of


def cluster_short(cid: str, lang: str) -> str:
    """'K-반도체 메가클러스터' for the semiconductor layer (its layer name without the bracket)."""
    return t(f"layer.{cid}", lang).split(" (")[0]


def title(model: Model, state: ViewState, today: date) -> str:
    """The print's title: the selection and its clusters, or the GTX network's date."""
    lang = state.lang
    if state.region or state.station or state.cluster:
        return view_name(model, state)
    when = day_of(state, today)  # the URL's date, else the print date
    if "gtx" in state.layers:
        return t("print.gtx_as_of", lang, date=when.isoformat())
    return t("title", lang)


def view_name(model: Model, state: ViewState) -> str:
    """The selection's name ("용인시 — K-반도체 메가클러스터"), or "개요" / "Overview"."""
    lang = state.lang
    if state.region:
        region = model.region(state.region)
        clusters = " · ".join(cluster_short(c, lang) for c in region.clusters)
        return f"{name(region, lang)} — {clusters}" if clusters else name(region, lang)
    if state.station:
        station = model.station(state.station)
        return f"{name(station, lang)} — " + " · ".join(f"GTX-{x}" for x in station.lines)
    if state.cluster:
        return name(model.cluster(state.cluster), lang)
    return t("overview", lang)


def embed_title(model: Model, state: ViewState) -> str:
    """The iframe's title: what it shows, then the app's name."""
    return f"{view_name(model, state)} · {t('title', state.lang)}"
