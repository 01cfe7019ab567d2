"""The date in the UI: the month slider under the map (with milestone marks and a "today" button),
each record's own timeline in the panels, and the overview's 12 months before / after.

Text from the data goes through ui.markdown's esc / link (Markdown-escaped); nothing is HTML."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from geo.core import clock
from geo.core.i18n import status_label, t
from geo.domain.model import Model
from geo.state.url_state import ViewState, day_of
from geo.timeline.milestones import Milestone, Record, add_months, after, month_end
from geo.timeline.status import Timeline, district_at, overdue_targets
from ui import state as glue
from ui.markdown import esc, link

SLIDER_KEY = "w_month"
HAPPENED, TARGET = "●", "○"


def months(first: date, last: date) -> list[str]:
    """'YYYY-MM' for every month from `first` to `last`."""
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        out.append(f"{d.year:04d}-{d.month:02d}")
        d = add_months(d, 1)
    return out


def slider_range(timeline: Timeline, today: date) -> list[str]:
    """The slider's months: the data's range (first milestone to last target), and today."""
    first, last = timeline.data_range()
    return months(min(first, today), max(last, today))


def month_to_day(month: str, today: date) -> date | None:
    """The day a slider month means: its last day, or None (= today) for the current month."""
    year, mon = (int(x) for x in month.split("-"))
    if (year, mon) == (today.year, today.month):
        return None
    return month_end(date(year, mon, 1))


def on_month(state: ViewState, key: str = SLIDER_KEY) -> None:
    month = st.session_state.get(key)
    if isinstance(month, str):
        glue.change(replace(state, date=month_to_day(month, clock.today())))


def on_today(state: ViewState) -> None:
    glue.change(replace(state, date=None))


def marks_chart(timeline: Timeline, selected: date, lang: str) -> alt.Chart:
    """One tick per month that has milestones (happened above, targets below) and the chosen date."""
    rows = [
        {"month": f"{m.date.end.year:04d}-{m.date.end.month:02d}-15", "kind": t(f"milestone.{m.kind}", lang)}
        for _, m in timeline.all_milestones()
    ]
    frame = pd.DataFrame(rows).drop_duplicates()
    first, last = timeline.data_range()
    scale = alt.Scale(domain=[first.isoformat(), max(last, selected).isoformat()])
    ticks = (
        alt.Chart(frame)
        .mark_tick(thickness=2, size=10)
        .encode(
            x=alt.X("month:T", title=None, scale=scale, axis=alt.Axis(format="%Y", labelOverlap=True)),
            y=alt.Y("kind:N", title=None, sort=[t("milestone.happened", lang), t("milestone.target", lang)]),
            color=alt.Color("kind:N", legend=None, scale=alt.Scale(range=["#2b6cb0", "#c05621"])),
        )
    )
    rule = alt.Chart(pd.DataFrame({"d": [selected.isoformat()]})).mark_rule(color="#e53e3e").encode(x="d:T")
    return (ticks + rule).properties(height=52)


def timeline_control(model: Model, state: ViewState, variant: str = "") -> None:
    """Under the map: the month slider over the data's range, its milestone marks, and "today".
    `variant` suffixes the widget keys of a second copy (the phone's folded one, timeline_fold)."""
    lang, today = state.lang, clock.today()
    day = day_of(state, today)
    options = slider_range(model.data.timeline, today)
    current = f"{day.year:04d}-{day.month:02d}"
    slider_key = SLIDER_KEY + variant
    st.session_state[slider_key] = current if current in options else options[-1]
    cols = st.columns([6, 1], vertical_alignment="bottom")
    cols[0].select_slider(
        t("timeline_date", lang),
        options=options,
        key=slider_key,
        on_change=on_month,
        args=(state, slider_key),
        help=t("timeline_help", lang),
    )
    cols[1].button(
        t("today", lang),
        key="w_today" + variant,
        on_click=on_today,
        args=(state,),
        disabled=state.date is None,
        width="stretch",
    )
    st.altair_chart(marks_chart(model.data.timeline, day, lang), width="stretch")
    st.caption(t("timeline_caption", lang, day=day.isoformat()))


def timeline_fold(model: Model, state: ViewState) -> None:
    """The slider block folded into an expander (the phone's copy; app.py shows one copy per screen
    width). Lazy: its widgets and chart are built only once it is opened."""
    box = st.expander(
        t("timeline_date", state.lang), icon=":material/calendar_month:", key="x_timeline", on_change="rerun"
    )
    if box.open:
        with box:
            timeline_control(model, state, variant="_phone")


# --- panels ----------------------------------------------------------------------------------


def after_mark(d: str, lang: str) -> str:
    """The grey "after this date (d)" label that goes with anything dated after the day shown."""
    return f":gray-badge[{esc(t('after_date', lang, d=d))}]"


def dated(text: str, as_of: str, day: date, lang: str) -> str:
    """Markdown `text` (already escaped) as it is when `as_of` is reached by `day`; else greyed
    and marked "after this date (as_of)": a later fact is never shown as current."""
    if not after(as_of, day):
        return text
    return f":gray[{text}] {after_mark(as_of, lang)}"


def written(text: str, as_of: str, day: date, lang: str) -> str:
    """Markdown prose (already escaped), flagged "as written on <as_of>" when it was written after `day`."""
    if not text or not after(as_of, day):
        return text
    return f":gray-badge[{esc(t('written_on', lang, d=as_of))}] {text}"


def milestone_line(m: Milestone, day: date, lang: str, overdue: bool) -> str:
    """One Markdown bullet: ● happened / ○ target, date, text, source, slips. A milestone dated
    after `day` is a future item, happened or not: ○, greyed, "after this date (date)"."""
    text = m.text_en if lang == "en" else m.text_ko
    when = m.date.text if not m.qualifier else t(f"qualifier.{m.qualifier}", lang, d=m.date.text)
    later = not m.date.reached_by(day)
    mark = HAPPENED if m.kind == "happened" and not later else TARGET
    as_of = t("undated", lang) if m.as_of == "undated" else m.as_of
    src = f":small[{link(m.source)} · {esc(as_of)}]"
    if later:
        kind = f"{esc(t('milestone.target', lang))}: " if m.kind == "target" else ""
        out = f"- {mark} :gray[**{esc(when)}** · {kind}{esc(text)}] {src} {after_mark(m.date.text, lang)}"
    else:
        out = f"- {mark} **{esc(when)}** · {esc(t(f'milestone.{m.kind}', lang))}: {esc(text)} {src}"
    if m.kind == "target" and not m.date.end < day:
        out += " " + esc(t("target_ahead", lang))
    if overdue:
        out += f" :orange-badge[{esc(t('target_passed', lang))}]"
    for s in m.slipped_from:
        old = f" ({link(s.old_source)})" if s.old_source else ""
        moved = esc(t("slipped", lang, old=s.date.text, new=m.date.text, reported=s.reported.text))
        if after(s.reported.text, day):  # a move reported after the day
            out += f"  \n  :gray[{moved}]{old} :small[{link(s.source)}] {after_mark(s.reported.text, lang)}"
        else:
            out += f"  \n  {moved}{old} :small[{link(s.source)}]"
    return out


def record_timeline(rec: Record | None, day: date, lang: str, title: str | None = None) -> None:
    """A record's milestones, happened and targets drawn differently, slips visible, last checked."""
    if rec is None:
        return
    if title:
        st.markdown(f"**{esc(title)}**")
    overdue: set[int] = set()
    for line in {m.line for m in rec.milestones}:
        overdue |= {id(m) for m in overdue_targets([m for m in rec.milestones if m.line == line], day)}
    lines = [milestone_line(m, day, lang, id(m) in overdue) for m in rec.milestones]
    if lines:
        st.markdown("\n".join(lines))
    st.caption(t("last_checked", lang, d=rec.checked.text))


def status_badges(status: str, overdue: tuple[Milestone, ...], day: date, lang: str) -> None:
    """'Status on <day>: X' and, for each target passed without outcome, an orange badge."""
    st.markdown(
        f"**{esc(t('status_on', lang, day=day.isoformat()))}**: {esc(status_label(status, lang))}"
        + "".join(f" :orange-badge[{esc(t('target_passed_on', lang, dates=m.date.text))}]" for m in overdue)
    )


def events_around(model: Model, day: date, lang: str) -> None:
    """Overview: what happened in the 12 months before the day and what is due in the 12 after."""
    before, later = model.data.timeline.events_around(day)
    st.markdown(f"#### {t('events_title', lang, day=day.isoformat())}")
    for title, pairs in ((t("events_before", lang), before), (t("events_after_day", lang), later)):
        st.markdown(f"**{esc(title)}**")
        if not pairs:
            st.caption(t("events_none", lang))
            continue
        st.markdown(
            "\n".join(
                milestone_line(m, day, lang, overdue=False).replace("- ", f"- {esc(record_name(model, r, lang))} · ", 1)
                for r, m in pairs
            )
        )


def district_on(rec: Record, day: date, lang: str) -> str | None:
    """'Yeongjong-gu, Incheon from 2026-07-01' once a district change has taken effect, else None."""
    names = district_at(rec, day)
    if names is None:
        return None
    change = next(m for m in rec.milestones if m.district_en == names[1])
    return t("district_from", lang, d=change.date.text, name=names[1] if lang == "en" else names[0])


def record_name(model: Model, rec: Record, lang: str) -> str:
    """The display name of a timeline record."""
    key = "name_en" if lang == "en" else "name_ko"
    if rec.kind == "station":
        return getattr(model.station(rec.id), key)
    if rec.kind == "cluster":
        return getattr(model.cluster(rec.id), key)
    frame = model.data.lines if rec.kind == "section" else model.data.sites
    row = frame[frame["id"] == rec.id]
    if row.empty:
        return rec.id
    prefix = f"GTX-{row['line'].iloc[0]} " if rec.kind == "section" else ""
    return prefix + str(row[key].iloc[0])
