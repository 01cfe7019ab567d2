"""Answer panels: a place (`at=lat,lng`) and a GTX station. The facts come from geo/answers/place_answers.py;
this module only lays them out. Every figure shows its source and as-of date; a figure no source
publishes says so; a figure dated after the day shown is greyed, "after this date (…)" (ui.timeline's
`dated`). Data text goes through `esc` (Markdown-escaped)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from geo.answers import place_answers
from geo.answers.locality import place_heading
from geo.answers.place_index import index_for
from geo.core.i18n import status_label, t
from geo.core.vocabulary import Status
from geo.data.gtx_service import Headway, Sourced, minutes_text, minutes_value
from geo.domain.model import Model
from geo.timeline.milestones import after
from ui.markdown import cite, esc, link
from ui.timeline import dated, written

Open = Callable[[str], None]


def _name(obj: object, lang: str) -> str:
    return str(getattr(obj, "name_en" if lang == "en" else "name_ko"))


def _note(c: Sourced, lang: str) -> str:
    return c.note_en if lang == "en" else c.note_ko


def _minutes(v: float | None, lang: str, approx: bool = False) -> str:
    return t("not_published", lang) if v is None else minutes_value(v, lang, approx)


def _headway(h: Headway | None, lang: str, day: date) -> str:
    if h is None:
        return esc(t("headway_none", lang))
    peak, offpeak = _minutes(h.peak, lang, h.peak_approx), _minutes(h.offpeak, lang, h.offpeak_approx)
    text = t("headway", lang, peak=peak, offpeak=offpeak)
    if h.valid_from:
        text += " " + t("headway_from", lang, date=h.valid_from)
    note = _note(h.cite, lang)
    cited = f"{dated(esc(text), h.cite.as_of, day, lang)} · :small[{cite(h.cite, lang)}]"
    return cited + (f"  \n:small[{esc(note)}]" if note else "")


def _line_head(line: place_answers.LineAt, lang: str, day: date) -> str:
    status = status_label(line.status, lang)
    label = f"GTX-{line.line}"
    if line.opened and not after(line.opened, day):
        head = t("line_opened", lang, line=label, status=status, date=line.opened)
    else:
        head = t("line_status", lang, line=label, status=status)
    return head


def line_block(line: place_answers.LineAt, lang: str, day: date) -> None:
    """One line at a station on `day`: status and opening date or target, minutes to hubs, headway."""
    st.markdown(f"**{esc(_line_head(line, lang, day))}**")
    rows: list[str] = []
    if line.open_on_date is not None:
        key = "line_open_on" if line.open_on_date else "line_not_open_on"
        rows.append(esc(t(key, lang, date=day.isoformat())))
    for target in line.targets:
        text = esc(t("line_target", lang, text=target.text_en if lang == "en" else target.text_ko))
        rows.append(f"{dated(text, target.cite.as_of, day, lang)} · :small[{cite(target.cite, lang)}]")
    for hub in line.hubs:
        hub_name = _name(hub, lang)
        if hub.time is None:
            rows.append(esc(t("minutes_not_published", lang, hub=hub_name)))
            continue
        figure = t("minutes_to", lang, hub=hub_name, minutes=minutes_text(hub.time, lang))
        basis = t(f"basis.{hub.time.basis}", lang)
        note = _note(hub.time.cite, lang)
        rows.append(
            f"{dated(f'{esc(figure)} ({esc(basis)})', hub.time.cite.as_of, day, lang)}"
            f" · :small[{cite(hub.time.cite, lang)}]" + (f"  \n:small[{esc(note)}]" if note else "")
        )
    if not line.hubs:
        rows.append(esc(t("no_hubs", lang)))
    if line.status == Status.OPERATING:
        rows.append(_headway(line.headway, lang, day))
    for r in rows:
        st.markdown(f"- {r}")
    st.caption(f"{t('status_cite', lang)}: {link(line.status_source)} · {t('as_of', lang)} {esc(line.status_as_of)}")


def _area_buttons(
    muni: place_answers.Area | None,
    clusters: tuple[place_answers.Area, ...],
    lang: str,
    open_region: Open,
    open_cluster: Open,
    key: str,
) -> None:
    cols = st.columns(2)
    with cols[0]:
        st.markdown(f"**{esc(t('place_in', lang))}**")
        if muni is None:
            st.caption(esc(t("place_outside", lang)))
        elif muni.kind == "region":
            st.button(esc(_name(muni, lang)), key=f"{key}-region-{muni.key}", on_click=open_region, args=(muni.key,),
                      icon=":material/location_city:")  # fmt: skip
        else:
            st.markdown(esc(_name(muni, lang)))
    with cols[1]:
        st.markdown(f"**{esc(t('place_cluster', lang))}**")
        if not clusters:
            st.caption(esc(t("place_no_cluster", lang)))
        for c in clusters:
            st.button(esc(_name(c, lang)), key=f"{key}-cluster-{c.key}", on_click=open_cluster, args=(c.key,),
                      icon=":material/hub:")  # fmt: skip


def _sites(sites: tuple[place_answers.NearSite, ...], lang: str, day: date) -> None:
    st.markdown(f"#### {t('near_sites', lang)}")
    if not sites:
        st.caption(esc(t("near_sites_none", lang)))
        return
    for s in sites:
        site = f"{esc(_name(s, lang))} · {esc(t('straight_km', lang, v=s.distance_km))}"
        st.markdown(f"- {dated(site, s.cite.as_of, day, lang)} · :small[{cite(s.cite, lang)}]")
    st.caption(esc(t("site_distance_basis", lang)))


def station_panel(model: Model, sid: str, lang: str, open_region: Open, open_cluster: Open, day: date) -> None:
    """The station as of `day` (the panel's one day: the URL's date or Korea's today)."""
    ans = place_answers.station_answer(model, sid, day)
    rec = model.station(sid)
    st.header(_name(ans, lang), anchor=False)
    st.caption(t("station_panel", lang))
    for line in ans.lines:
        with st.container(border=True):
            line_block(line, lang, day)
    _area_buttons(ans.municipality, ans.clusters, lang, open_region, open_cluster, f"station-{sid}")
    _sites(ans.sites, lang, day)
    st.markdown(
        f"**{esc(t('location_precision', lang))}**: {esc(t(f'precision_plain.{ans.location_precision}', lang))}"
    )
    note = rec.note_en if lang == "en" else rec.note_ko
    if note:
        st.info(written(esc(note), rec.as_of, day, lang))
    st.caption(esc(t("catchment_note", lang)))
    st.caption(cite(rec.cite, lang))


def place_panel(
    model: Model,
    lat: float,
    lng: float,
    lang: str,
    open_region: Open,
    open_cluster: Open,
    open_station: Open,
    day: date,
) -> None:
    """What is at (lat, lng) as of `day` (the panel's one day: the URL's date or Korea's today)."""
    ans = place_answers.place_answer(model, lat, lng, day)
    st.header(place_heading(index_for(model), lat, lng, lang, day), anchor=False)
    st.caption(f"{t('place_panel', lang)} · {t('place_coords', lang, lat=lat, lng=lng)}")
    if not ans.covered:
        st.warning(esc(t("place_outside", lang)))
        return
    _area_buttons(ans.municipality, ans.clusters, lang, open_region, open_cluster, "place")
    st.markdown(f"#### {t('near_stations', lang)}")
    if not ans.stations:
        st.caption(esc(t("near_none", lang)))
    for s in ans.stations:
        with st.container(border=True):
            st.button(
                esc(f"{_name(s, lang)} · {t('straight_km', lang, v=s.distance_km)}"),
                key=f"place-station-{s.id}",
                on_click=open_station,
                args=(s.id,),
                icon=":material/train:",
            )
            for line in s.lines:
                line_block(line, lang, day)
            st.caption(esc(t(f"precision_plain.{s.location_precision}", lang)))
    st.caption(esc(t("distance_basis", lang)))
    _sites(ans.sites, lang, day)
    st.caption(esc(t("catchment_note", lang)))
