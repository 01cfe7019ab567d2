"""A panel on a past date never presents a later fact as current (AppTest, both languages).

A fact or milestone dated after the viewed day is greyed and marked "after this date (its date)";
prose written after it says "as written on <as_of>". First the issue's case
(`?cluster=peace-zone&date=2024-06-01` through app.py), then a sweep: the overview, every region
(so every site), cluster and station and one place on 2024-01-01, rendered by `panels.panel_for`
from the URL's state, checked against the data: each later milestone, fact, summary and cited
figure carries its marker, and the figures computed on today's data (nearest operating station,
access shares, a cluster's area, a region's cluster badges, opening dates) do too."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.answers import dated
from geo.core import clock
from geo.core.i18n import t
from geo.domain import asof
from geo.timeline.milestones import after
from tests.helpers import ROOT, sweep
from tests.test_panel_sweep import MD_ESCAPE

ISSUE_DAY = "2024-06-01"
SWEEP_DAY = date(2024, 1, 1)
PLACE = "37.20000,127.07500"  # Dongtan, near the semiconductor sites and GTX-A
# A citation's date: "Source: <host> · as of 2025-12-30" (ko: "출처: <host> · 기준 2025-12-30").
CITED = re.compile(r"· (?:as of|기준) (\d{4}(?:-\d{2}(?:-\d{2})?)?)(?![\d-])")
# A line's heading at a station: "**GTX-A · Operating · opened 2024-03-30**" (ko: "… · 2024-03-30 개통**").
OPENED = re.compile(r"^\*\*GTX-\w · .*(?:opened (\d{4}-\d{2}-\d{2})|(\d{4}-\d{2}-\d{2}) 개통)\*\*$")


def plain(text: str) -> str:
    return MD_ESCAPE.sub(r"\1", text)


def later(d: str, lang: str) -> str:
    return t("after_date", lang, d=d)


def texts(at: AppTest) -> list[str]:
    """Every markdown, caption, info and button label on the page, Markdown escapes removed."""
    return [plain(e.value) for e in [*at.markdown, *at.caption, *at.info]] + [plain(b.label) for b in at.button]


# --- the issue: ?cluster=peace-zone&date=2024-06-01 ---------------------------------------------


@pytest.fixture(scope="module", params=["ko", "en"])
def peace_zone(request):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in {"cluster": "peace-zone", "date": ISSUE_DAY, "lang": request.param}.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    return request.param, texts(at)


def test_issue_members_on_the_day_and_no_present_tense_17(peace_zone):
    lang, shown = peace_zone
    members = f"{ISSUE_DAY} 기준 구성 지역 15곳" if lang == "ko" else f"15 members on {ISSUE_DAY}"
    assert f"**{members}**" in shown
    seventeen = [x for x in shown if re.search(r"(?<![\d-])17(?![\d-])", x)]
    assert seventeen  # the summary, the fact and the milestone still say it, marked
    for x in seventeen:
        assert later("2025-10-21", lang) in x or t("written_on", lang, d="2026-02-10") in x, x


def test_issue_summary_is_flagged_as_written_later(peace_zone):
    lang, shown = peace_zone
    head = "평화경제특구를 신청할 수 있는" if lang == "ko" else "The 17 cities and counties"
    summary = [x for x in shown if head in x]
    assert len(summary) == 1 and summary[0].startswith(f":gray-badge[{t('written_on', lang, d='2026-02-10')}]")


def test_issue_decree_of_2025_10_21_is_not_happened(peace_zone):
    lang, shown = peace_zone
    text = "가평군·속초시 추가(17개)" if lang == "ko" else "Gapyeong and Sokcho added (17)"
    lines = [line for x in shown for line in x.split("\n") if text in line and "2025-10-21" in line]
    assert len(lines) == 1
    line = lines[0]
    assert "●" not in line and line.startswith("- ○ :gray[") and later("2025-10-21", lang) in line
    assert t("milestone.happened", lang) not in line
    assert any("●" in x and "2023-12-14" in x for x in shown)  # what had happened still is ●


@pytest.mark.parametrize(
    "label, as_of",
    [
        (("대상 지역 수", "Eligible municipalities"), "2025-10-21"),
        (("제1차 기본계획(통일부)", "First basic plan (unification ministry)"), "2025-12-21"),
        (("제1차 기본계획(경기도 측 보도)", "First basic plan (province's account)"), "2026-02-10"),
        (("신청 기간(예정)", "Application windows (as scheduled)"), "2026-02-12"),
    ],
)
def test_issue_later_facts_are_greyed_after_this_date(peace_zone, label, as_of):
    lang, shown = peace_zone
    name = label[0] if lang == "ko" else label[1]
    fact = [x for x in shown if x.startswith(f":gray[**{name}**:")]
    assert len(fact) == 1 and later(as_of, lang) in fact[0]
    assert not any(x.startswith(f"**{name}**") for x in shown)  # never in the present tense
    act = "법 시행" if lang == "ko" else "Act in force"
    assert any(x.startswith(f"**{act}**:") for x in shown)  # a fact known by the day is not greyed


# --- the sweep: every panel on 2024-01-01 -------------------------------------------------------


def panel_script():
    import streamlit as st

    from geo.domain.model import build
    from geo.state import url_state
    from ui import panels

    model = st.cache_resource(build)()
    state = url_state.parse(st.session_state["params"], model.known)
    panels.panel_for(model, state)


def _jobs(model):
    day = SWEEP_DAY.isoformat()
    for lang in ("ko", "en"):
        yield {"date": day, "lang": lang}
        yield from ({"region": slug, "date": day, "lang": lang} for slug in sorted(model.known.regions))
        yield from ({"cluster": cid, "date": day, "lang": lang} for cid in sorted(model.known.clusters))
        yield from ({"station": sid, "date": day, "lang": lang} for sid in sorted(model.known.stations))
        yield {"at": PLACE, "date": day, "lang": lang}


@pytest.fixture(scope="module")
def swept(model):
    """(params, texts, dataframes, button labels) of every panel on SWEEP_DAY."""
    read = lambda at: (texts(at), [d.value for d in at.dataframe], [plain(b.label) for b in at.button])
    return sweep(panel_script, "params", _jobs(model), read)


def _by_lang(swept, lang):
    return [(p, ts, dfs) for p, ts, dfs, _ in swept if p["lang"] == lang]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sweep_every_later_milestone_is_a_marked_future_item(swept, model, lang):
    lines = [line for _, ts, _ in _by_lang(swept, lang) for x in ts for line in x.split("\n")]
    missing = []
    for rec, m in model.data.timeline.all_milestones():
        if not after(m.date.text, SWEEP_DAY):
            continue
        text = m.text_en if lang == "en" else m.text_ko
        # A milestone's bullet: "- ● **date** · kind: text :small[source · as_of]" (the text greyed when later).
        found = [ln for ln in lines if m.date.text in ln and (f"{text} :small[" in ln or f"{text}] :small[" in ln)]
        if not found:
            missing.append(f"{rec.label} {m.date}")
        for line in found:
            assert "●" not in line and f"{text}] :small[" in line and later(m.date.text, lang) in line, line
        for slip in m.slipped_from:  # a move of the target reported after the day is a later fact too
            moved = t("slipped", lang, old=slip.date.text, new=m.date.text, reported=slip.reported.text)
            for line in (ln for ln in lines if moved in ln):
                if after(slip.reported.text, SWEEP_DAY):
                    assert line.strip().startswith(f":gray[{moved}]") and later(slip.reported.text, lang) in line, line
                else:  # reported by the day: known then, so not greyed
                    assert not line.strip().startswith(":gray["), line
    assert not missing, f"later milestones no panel shows: {missing[:5]}"


def _later_facts(model):
    projects = model.data.projects
    for rec in [*projects.get("project", []), *projects.get("proposal", []), *projects["cluster"]]:
        for f in rec.get("fact", []):
            if after(str(f.get("as_of", "")), SWEEP_DAY):
                yield f


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sweep_every_later_fact_is_greyed_after_this_date(swept, model, lang):
    shown = [x for _, ts, _ in _by_lang(swept, lang) for x in ts]
    facts = list(_later_facts(model))
    assert len(facts) > 20
    for f in facts:
        value = f[f"value_{lang}"]
        found = [x for x in shown if value in x]
        assert found, value
        assert all(x.startswith(":gray[") and later(f["as_of"], lang) in x for x in found), found[0]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sweep_prose_written_later_says_so(swept, model, lang):
    panels = {
        tuple(sorted((k, v) for k, v in p.items() if k not in ("date", "lang"))): ts
        for p, ts, _, _ in swept
        if p["lang"] == lang
    }
    projects = model.data.projects
    prose = [((), r.get(f"summary_{lang}"), r.get("as_of")) for r in [*projects["project"], *projects["proposal"]]]
    prose += [((("cluster", r["id"]),), r[f"summary_{lang}"], r["as_of"]) for r in projects["cluster"]]
    prose += [
        ((("region", model.site_region[r["id"]]),), r[f"summary_{lang}"], r["as_of"])
        for r in model.data.sites.to_dict("records")
    ]
    prose += [((("station", s.id),), getattr(s, f"note_{lang}"), s.as_of) for s in model.stations_by_id.values()]
    checked = 0
    for panel, text, as_of in prose:
        if not isinstance(text, str) or not text or not after(as_of, SWEEP_DAY):
            continue
        found = [x for x in panels[panel] if text in x]
        assert found, text[:60]
        assert all(x.startswith(f":gray-badge[{t('written_on', lang, d=as_of)}]") for x in found), found[0][:120]
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sweep_site_figures_from_a_later_source_are_greyed(swept, model, lang):
    """A site's area, investment and timeline rows are as its source (as_of) gives them."""
    panels = {p["region"]: ts for p, ts, _ in _by_lang(swept, lang) if "region" in p}
    checked = 0
    for site in model.data.sites.to_dict("records"):
        rows = (
            [f"{t('timeline', lang)}: {site[f'timeline_{lang}']}"] if isinstance(site[f"timeline_{lang}"], str) else []
        )
        if pd.notna(site.get("area_m2")):
            rows.append(f"{t('site_area', lang)}: {site['area_m2']:,.0f} ㎡")
        if pd.notna(site.get("investment_krw")):
            rows.append(f"{t('investment', lang)}: {t('trillion_won', lang, v=site['investment_krw'] / 1e12)}")
        for row in rows:
            found = [x for x in panels[model.site_region[site["id"]]] if row in x]
            assert len(found) == 1, (site["id"], row)
            if after(site["as_of"], SWEEP_DAY):
                assert found[0].startswith(f"- :gray[{row}") and found[0].endswith(
                    f":gray-badge[{later(site['as_of'], lang)}]"
                )
                checked += 1
            else:
                assert found[0].startswith(f"- {row}"), found[0]
    assert checked > 20


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sweep_every_cited_later_figure_is_marked(swept, lang):
    """Any line citing a source dated after the day (… · as of <date>) carries "after this date
    (<date>)", unless it is the citation alone (a record's source under its block)."""
    bare = (f"{t('source', lang)}: ", f"{t('status_cite', lang)}: ")
    checked = 0
    for params, ts, _ in _by_lang(swept, lang):
        for x in ts:
            if x.startswith(bare):
                continue
            for d in CITED.findall(x):
                if after(d, SWEEP_DAY):
                    assert later(d, lang) in x, (params, x[:200])
                    checked += 1
    assert checked > 100


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sweep_figures_on_todays_data_are_marked(swept, model, lang):
    """Nothing was in service on 2024-01-01: the nearest operating station, the access shares and
    opening dates are later facts; so are a cluster's present area and a member's later badge."""
    assert after(min(s.opened for s in model.stations_by_id.values() if s.opened), SWEEP_DAY)
    network = dated.network_date(model)
    assert network is not None
    for params, ts, dfs in _by_lang(swept, lang):
        for x in ts:
            if t("nearest_station", lang) in x:
                assert f":gray[{t('nearest_station', lang)}" in x and t("after_date", lang, d="")[:-1] in x, x
            if t("chart_caption", lang) in x:
                assert x.startswith(f":gray[{t('chart_caption', lang)}") and later(network, lang) in x
            opened = OPENED.match(x)
            assert not opened or not after(opened.group(1) or opened.group(2), SWEEP_DAY), x
        for df in dfs:
            if t("opened", lang) in df.columns:
                assert set(df[t("opened", lang)]) == {t("not_open", lang)}, params
        if "cluster" in params:
            area = dated.cluster_area_date(model, params["cluster"])
            access = dated.cluster_access_date(model, params["cluster"])
            assert area and access and after(area, SWEEP_DAY)
            assert f":gray-badge[{later(area, lang)}]" in ts  # under the total area
            gtx = [x for x in ts if f"**{t('gtx_access', lang)}**" in x]
            assert gtx == [f":gray[**{t('gtx_access', lang)}**] :gray-badge[{later(access, lang)}]"]

    marked = 0
    for params, _, _, buttons in swept:
        if "region" in params and params["lang"] == lang:
            for cid in model.region(params["region"]).clusters:
                joined = dated.joined_date(model, cid, params["region"])
                label = t(f"layer.{cid}", lang).split(" (")[0]
                badge = [b for b in buttons if label in b]
                assert len(badge) == 1, (params, cid, buttons)
                if joined and after(joined, SWEEP_DAY):
                    assert badge[0] == f":gray[{label}] :gray-badge[{later(joined, lang)}]", (params, badge)
                    marked += 1
                else:
                    assert badge[0] == label
    assert marked >= 2  # Gapyeong in the Peace Zone, the AI and chip clusters' members


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_sweep_station_lines_as_of_the_day(swept, model, lang):
    """A station's lines carry their status on the day, and say they were not open then."""
    on_day = asof.as_of(model.data.timeline, SWEEP_DAY).stations
    for params, ts, _ in _by_lang(swept, lang):
        if "station" not in params:
            continue
        station = model.station(params["station"])
        for line in station.lines:
            status = on_day.get(station.id, {}).get(line)
            assert status, (station.id, line)
            head = f"**{t('line_status', lang, line=f'GTX-{line}', status=t(f'status.{status}', lang))}**"
            assert head in ts, (station.id, head)
        assert ts.count(f"- {t('line_not_open_on', lang, date=SWEEP_DAY.isoformat())}") == len(station.lines)


def test_without_a_date_the_panel_is_as_of_koreas_today(monkeypatch):
    """No date in the URL: the day is Korea's today (the clock), for the station's answer too,
    not the data's latest status."""
    monkeypatch.setenv(clock.NOW_ENV, "2024-01-01T12:00:00+09:00")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in {"station": "dongtan", "lang": "en"}.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    shown = texts(at)
    assert "**GTX-A · Under construction**" in shown and "- not yet open on 2024-01-01" in shown
    assert not any("opened" in x and "2024-03-30" in x and x.startswith("**") for x in shown)


def test_sweep_overview_intro_and_place(swept, model):
    for params, ts, _, _ in swept:
        lang = params["lang"]
        if set(params) == {"date", "lang"}:
            intro = plain(t("overview_intro", lang))
            assert f":gray[{intro}] :gray-badge[{later(model.data.projects['meta']['date'], lang)}]" in ts
        if "at" in params:
            assert any(t("near_sites", lang) in x for x in ts)  # the place panel rendered
