"""Side panels: overview, region, cluster, station. Every figure shows its source and as-of date,
and every panel is as of one day (`day_of(state)`): a fact or milestone dated after it is greyed
and marked "after this date (…)", prose written after it says "as written on …".

Text from the data or the URL goes through ui.markdown (`esc`, `link`, `cite`: Markdown-escaped)
or `st.text`; nothing is rendered as HTML."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from geo.answers import dated
from geo.core import palette
from geo.core.citation import HOST
from geo.core.i18n import name, status_label, t
from geo.data.areas import difference
from geo.domain.asof import as_of
from geo.domain.model import Model
from geo.state.url_state import ViewState, day_of
from geo.timeline.milestones import after
from ui import answers
from ui import state as glue
from ui import timeline as tl
from ui.markdown import cite, esc, linkable


def _txt(rec, key: str, lang: str) -> str:
    value = rec.get(f"{key}_{'en' if lang == 'en' else 'ko'}")
    return value if isinstance(value, str) else ""  # a missing note is NaN in a frame: show nothing


def _as_of(rec) -> str:
    value = rec.get("as_of")
    return value if isinstance(value, str) else ""


def facts(rec: dict, lang: str, day: date) -> None:
    """A record's facts, each with its source; one dated after `day` greyed, "after this date"."""
    for f in rec.get("fact", []):
        line = f"**{esc(_txt(f, 'label', lang))}**: {esc(_txt(f, 'value', lang))}"
        st.markdown(f"{tl.dated(line, _as_of(f), day, lang)}  \n:small[{cite(f, lang)}]")


def summary(rec, lang: str, day: date) -> None:
    """A record's prose summary, flagged "as written on <as_of>" when written after `day`."""
    text = _txt(rec, "summary", lang)
    if text:
        st.markdown(tl.written(esc(text), _as_of(rec), day, lang))


def overview(model: Model, lang: str, open_cluster: Callable[[str], None], day: date) -> None:
    p = model.data.projects
    meta = p.get("meta", {})
    st.subheader(t("overview", lang))
    st.markdown(tl.dated(esc(t("overview_intro", lang)), str(meta.get("date", "")), day, lang))
    if meta:
        st.caption(cite(meta, lang))
    tl.events_around(model, day, lang)
    st.markdown(f"#### {t('growth_projects', lang)}")
    for proj in p.get("project", []):
        with st.container(border=True):
            st.markdown(f"**{esc(name(proj, lang))}**")
            summary(proj, lang, day)
            facts(proj, lang, day)
            st.caption(cite(proj, lang))
            if proj.get("cluster") in model.known.clusters:
                cid = proj["cluster"]
                st.button(
                    t("open_cluster", lang, name=name(model.cluster(cid), lang)),
                    key=f"open-{proj['id']}",
                    on_click=open_cluster,
                    args=(cid,),
                )
    st.markdown(f"#### {t('other_proposals', lang)}")
    for prop in p.get("proposal", []):
        with st.expander(name(prop, lang)):
            summary(prop, lang, day)
            facts(prop, lang, day)
            st.caption(cite(prop, lang))


def _money(v, lang: str) -> str:
    if v is None or pd.isna(v):
        return ""
    return t("trillion_won", lang, v=v / 1e12)


def site_block(model: Model, site: pd.Series, lang: str, day: date) -> None:
    rec = model.data.timeline.get("site", site["id"])
    now = as_of(model.data.timeline, day).sites.get(site["id"])
    with st.container(border=True):
        st.markdown(f"**{esc(name(site, lang))}**")
        if now is not None:
            tl.status_badges(now.status, now.overdue, day, lang)
        summary(site, lang, day)
        rows = []
        if pd.notna(site.get("area_m2")):
            rows.append(f"{t('site_area', lang)}: {site['area_m2']:,.0f} ㎡")
        if pd.notna(site.get("investment_krw")):
            note = _txt(site, "investment_note", lang)
            rows.append(
                f"{t('investment', lang)}: {_money(site['investment_krw'], lang)}" + (f" ({note})" if note else "")
            )
        timeline = _txt(site, "timeline", lang)
        if timeline:
            rows.append(f"{t('timeline', lang)}: {timeline}")
        for r in rows:  # the site's figures, as its source (as_of) gives them
            st.markdown("- " + tl.dated(esc(r), _as_of(site), day, lang))
        near = model.nearest[model.nearest["site_id"] == site["id"]]
        if not near.empty and pd.notna(near["station_id"].iloc[0]):
            stn = model.station(near["station_id"].iloc[0])
            nearest = (
                f"{esc(t('nearest_station', lang))}: {esc(name(stn, lang))} "
                f"({esc(t('km', lang, v=near['distance_km'].iloc[0]))})"
            )
            st.markdown("- " + tl.dated(nearest, stn.opened or "", day, lang))  # in service from its opening
            st.caption(esc(t("distance_note", lang, p=t(f"precision.{site['location_precision']}", lang))))
        st.caption(cite(site, lang))
        with st.expander(t("record_timeline", lang)):
            tl.record_timeline(rec, day, lang)


def _opened(opened: str | None, day: date, lang: str) -> str:
    """The opening date, or "not open" when the station had not opened by `day`."""
    return opened if opened and not after(opened, day) else t("not_open", lang)


def _station_rows(model: Model, ids: tuple[str, ...], lang: str, day: date) -> pd.DataFrame:
    stations = [model.station(i) for i in ids]
    timeline = model.data.timeline
    return pd.DataFrame(
        {
            t("station_panel", lang): [name(s, lang) for s in stations],
            t("lines", lang): [", ".join(f"GTX-{x}" for x in s.lines) for s in stations],
            t("status_on", lang, day=day.isoformat()): [
                status_label(timeline.station_status_at(s.id, day), lang) for s in stations
            ],
            t("opened", lang): [_opened(s.opened, day, lang) for s in stations],
            t("source", lang): [s.source if linkable(s.source) else None for s in stations],
            t("as_of", lang): [s.as_of for s in stations],
        }
    )


def access_chart(model: Model, selected: str, lang: str) -> alt.Chart:
    tab = model.region_table.copy()
    tab["name"] = tab["name_en" if lang == "en" else "name_ko"]
    tab["share"] = tab["share_within_10km"] * 100
    tab["selected"] = tab["slug"] == selected
    return (
        alt.Chart(tab)
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title="%", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False, labelLimit=140)),
            color=alt.condition(alt.datum.selected, alt.value(palette.SELECTED), alt.value(palette.REGION_FILL)),
            tooltip=[alt.Tooltip("name:N"), alt.Tooltip("share:Q", format=".0f")],
        )
        .properties(height=18 * len(tab))
    )


def region(model: Model, slug: str, lang: str, open_cluster: Callable[[str], None], day: date) -> None:
    row = model.region(slug)
    st.header(name(row, lang), anchor=False)
    cols = st.columns(max(1, len(row.clusters)))
    for col, cid in zip(cols, row.clusters, strict=False):
        label = esc(t(f"layer.{cid}", lang).split(" (")[0])
        joined = dated.joined_date(model, cid, slug) or ""  # a member only from that day
        col.button(
            tl.dated(label, joined, day, lang),
            key=f"badge-{cid}",
            on_click=open_cluster,
            args=(cid,),
            icon=":material/hub:",
            help=name(model.cluster(cid), lang),
        )
    st.metric(t("area", lang), t("km2", lang, v=row.area_km2))
    official = model.data.official_areas[slug]
    diff = difference(row.area_km2, official)
    basis = t(f"area_basis.{official.basis}", lang)
    direction = t("area_larger", lang) if diff >= 0 else t("area_smaller", lang)
    as_of = official.as_of.replace("undated", t("undated", lang))
    official_text = esc(t("official_area", lang, v=official.km2, basis=basis, d=abs(diff), dir=direction))
    st.caption(
        tl.dated(official_text, official.as_of, day, lang)
        + " · "
        + cite({"source": official.source, "as_of": as_of}, lang)
    )
    st.caption(esc(t("area_source", lang)))
    st.markdown(f"#### {t('sites', lang)}")
    sites = model.data.sites[model.data.sites["id"].isin(row.site_ids)]
    if sites.empty:
        st.caption(t("no_sites", lang))
    for _, site in sites.iterrows():
        site_block(model, site, lang, day)
    st.markdown(f"#### {t('stations', lang)}")
    if row.station_ids:
        st.dataframe(
            _station_rows(model, row.station_ids, lang, day),
            hide_index=True,
            width="stretch",
            column_config={t("source", lang): st.column_config.LinkColumn(display_text=HOST.pattern)},
        )
    else:
        st.caption(t("no_stations", lang))
    st.markdown(f"#### {t('chart_title', lang)}")
    st.altair_chart(access_chart(model, slug, lang), width="stretch")
    caption = esc(t("chart_caption", lang)) + " " + esc(t("access_source", lang))
    st.caption(tl.dated(caption, dated.network_date(model) or "", day, lang))  # today's network


def cluster(model: Model, cid: str, lang: str, day: date) -> None:
    c = model.cluster(cid)
    a = as_of(model.data.timeline, day)
    now = a.clusters.get(cid)
    st.header(name(c, lang), anchor=False)
    if now is not None:
        tl.status_badges(now.status, now.overdue, day, lang)
    elif c.status:
        label = status_label(c.status, lang)
        if after(c.as_of, day):
            st.markdown(f":gray-badge[{esc(label)}] {tl.after_mark(c.as_of, lang)}")
        else:
            st.markdown(f":green-badge[{esc(label)}]")
    st.markdown(tl.written(esc(c.summary_en if lang == "en" else c.summary_ko), c.as_of, day, lang))
    st.caption(cite({"source": c.source, "as_of": c.as_of}, lang))
    on_day = a.members.get(cid)
    codes = [m for m in c.members if on_day is None or m in on_day]
    # A municipality counts once (Goyang's three gu are one city).
    cities = {m[:4] if m.startswith("41") else m for m in codes}
    st.markdown(f"**{esc(t('members_on', lang, day=day.isoformat(), n=len(cities)))}**")
    if codes:
        st.markdown(esc(", ".join(name(model.sigungu(m), lang) for m in codes)))
    # The area and the access shares are computed on today's members and network.
    area_date = dated.cluster_area_date(model, cid) or ""
    st.metric(t("total_area", lang), t("km2", lang, v=c.area_km2))
    if after(area_date, day):
        st.caption(tl.after_mark(area_date, lang))
    access_date = dated.cluster_access_date(model, cid) or ""
    st.markdown(tl.dated(f"**{esc(t('gtx_access', lang))}**", access_date, day, lang))
    cols = st.columns(2)
    for col, r, share in zip(cols, (5, 10), (c.share_within_5km, c.share_within_10km), strict=True):
        col.metric(t("within_km", lang, r=r), f"{share * 100:.0f}%", help=t("share_within", lang, r=r))
    st.caption(esc(t("area_source", lang)) + " · " + esc(t("access_source", lang)))
    facts({"fact": list(c.facts)}, lang, day)
    st.markdown(f"#### {t('record_timeline', lang)}")
    tl.record_timeline(model.data.timeline.get("cluster", cid), day, lang)


def station_history(model: Model, sid: str, lang: str, day: date) -> None:
    """Status as of `day` (with overdue targets), the district it lies in then, its own and
    its sections' timelines, and when it was last checked."""
    timeline = model.data.timeline
    s = model.station(sid)
    own = timeline.get("station", sid)
    overdue = as_of(timeline, day).station_overdue.get(sid, ())
    tl.status_badges(timeline.station_status_at(sid, day), overdue, day, lang)
    muni = name(model.sigungu(s.sigungu_code), lang)
    district = own and tl.district_on(own, day, lang)
    st.markdown(f"**{esc(t('municipality', lang))}**: {esc(district or muni)}")
    st.markdown(f"#### {t('record_timeline', lang)}")
    if own is not None and own.milestones:
        tl.record_timeline(own, day, lang, title=name(s, lang))
    for sec in timeline.of_kind("section"):
        if sid in sec.stations:
            tl.record_timeline(sec, day, lang, title=tl.record_name(model, sec, lang))
    if own is not None:
        st.caption(t("last_checked", lang, d=own.checked.text))


def panel_for(model: Model, state: ViewState) -> None:
    """The panel for the state's selection, or the overview; a way back from a selection."""
    lang = state.lang
    day = day_of(state)

    def open_cluster(cid: str) -> None:
        glue.select(state, "cluster", cid)

    def open_region(slug: str) -> None:
        glue.select(state, "region", slug)

    def open_station(sid: str) -> None:
        glue.select(state, "station", sid)

    if state.region:
        region(model, state.region, lang, open_cluster=open_cluster, day=day)
    elif state.station:
        answers.station_panel(model, state.station, lang, open_region, open_cluster, day)
        station_history(model, state.station, lang, day)
    elif state.cluster:
        cluster(model, state.cluster, lang, day)
    elif state.at:
        answers.place_panel(model, *state.at, lang, open_region, open_cluster, open_station, day)
    else:
        overview(model, lang, open_cluster=open_cluster, day=day)
    if state.region or state.station or state.cluster or state.at:
        st.button(t("back", lang), on_click=glue.select, args=(state, None), key="back")
