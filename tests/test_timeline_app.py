"""The date in the app (AppTest, both languages): panels show the status as of the URL's date, the
Peace Zone's members on that date, passed targets as "target passed, outcome not confirmed", and
the map's layers restyle through feature_group_to_add without changing the base map's script."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from geo.core import clock
from geo.core.i18n import t
from geo.data import datafiles
from scripts import audit
from tests.helpers import ROOT
from tests.test_milestones import ISSUE_STATION_CASES

STATUS = {
    "ko": {"under_construction": "공사 중", "operating": "운행 중"},
    "en": {"under_construction": "Under construction", "operating": "Operating"},
}
PASSED = {"ko": "목표일 지남, 결과 미확인", "en": "target passed, outcome not confirmed"}


def run(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception
    return at


def text(at: AppTest) -> str:
    """Every markdown and caption on the page, Markdown escapes removed."""
    return " ".join([m.value for m in at.markdown] + [c.value for c in at.caption]).replace("\\", "")


def status_line(at: AppTest, lang: str, day: str) -> str:
    head = "기준 상태" if lang == "ko" else "Status on"
    return next(
        m.value.replace("\\", "")
        for m in at.markdown
        if head in m.value.replace("\\", "") and day in m.value.replace("\\", "")
    )


def map_args(at: AppTest) -> dict:
    return json.loads(at.get("component_instance")[0].proto.json_args)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("sid, day, status", ISSUE_STATION_CASES)
def test_station_status_as_of_url_date(lang, sid, day, status):
    at = run(station=sid, date=day, lang=lang)
    assert status_line(at, lang, day).endswith(STATUS[lang][status])
    assert at.query_params["date"] == day


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("day, n", [("2024-06-01", 15), ("2026-01-01", 17)])
def test_peace_zone_members_on_date(lang, day, n):
    at = run(cluster="peace-zone", date=day, lang=lang)
    wanted = f"{day} 기준 구성 지역 {n}곳" if lang == "ko" else f"{n} members on {day}"
    assert wanted in text(at)
    gapyeong = "가평군" if lang == "ko" else "Gapyeong"
    members = next(m.value for m in at.markdown if ("강화군" in m.value or "Ganghwa" in m.value))
    assert (gapyeong in members) == (n == 17)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_gtx_a_through_running_target_passed_today(lang, monkeypatch):
    explicit = run(station="suseo", date="2026-11-30", lang=lang)
    lines = [m.value.replace("\\", "") for m in explicit.markdown if "2026-06-27" in m.value.replace("\\", "")]
    assert lines and all(PASSED[lang] in line for line in lines)
    before = run(station="suseo", date="2026-06-27", lang=lang)
    assert PASSED[lang] not in text(before)
    # "Today" in the default view (no date in the URL) is the app's clock: Korea's day.
    monkeypatch.setenv(clock.NOW_ENV, "2026-06-27T14:59:00Z")  # 23:59 on the target day in Seoul
    assert PASSED[lang] not in text(run(station="suseo", lang=lang))
    monkeypatch.setenv(clock.NOW_ENV, "2026-06-27T15:00:00Z")  # midnight in Seoul: the target has passed
    assert PASSED[lang] in text(run(station="suseo", lang=lang))


def test_a_month_date_means_its_last_day_and_a_bad_date_today():
    at = run(station="dongtan", date="2024-03", lang="en")
    assert status_line(at, "en", "2024-03-31").endswith("Operating")
    bad = run(station="dongtan", date="2024-02-31", lang="en")
    assert "date" not in bad.query_params and any("date" in c.value for c in bad.caption)


def test_map_restyles_without_changing_the_base_map():
    before = run(station="dongtan", date="2024-01-15")
    after = run(station="dongtan", date="2024-04-01")
    a, b = map_args(before), map_args(after)
    assert a["script"] == b["script"]  # the base map is not remounted
    assert a["feature_group"] != b["feature_group"]  # the layers are restyled
    assert '"status":"under_construction"' in a["feature_group"].replace(" ", "")
    early = map_args(run(date="2020-01-01"))["feature_group"]
    assert "station-cheonghak" not in early and "station-janggi" not in early  # not yet announced


def test_slider_moves_the_date_and_today_clears_it():
    at = run(station="kintex", date="2024-06-01", lang="en")
    assert at.select_slider(key="w_month").value == "2024-06"
    at.select_slider(key="w_month").set_value("2025-01").run()
    assert at.query_params["date"] == "2025-01-31"
    assert status_line(at, "en", "2025-01-31").endswith("Operating")
    at.button(key="w_today").click().run()
    assert "date" not in at.query_params


def _panel_params(model, kind: str, rid: str) -> dict:
    if kind == "cluster":
        return {"cluster": rid}
    if kind == "station":
        return {"station": rid}
    if kind == "site":
        return {"region": model.site_region[rid]}
    section = model.data.timeline.get("section", rid)
    return {"station": section.stations[0]}


def test_every_overdue_target_in_the_audit_is_overdue_in_its_panel(model):
    day = "2026-11-30"
    findings = audit.audit(
        datafiles.read_milestones(datafiles.DEFAULT_DATA_DIR / "milestones.json"),
        audit.record_sources(datafiles.DEFAULT_DATA_DIR),
        date.fromisoformat(day),
    )
    assert findings.overdue
    for label, m in findings.overdue:
        kind, rid = label.split(" ", 1)
        at = run(date=day, lang="en", **_panel_params(model, kind, rid))
        body = [x.value.replace("\\", "") for x in at.markdown]
        assert any(m.text_en.replace("\\", "") in b and PASSED["en"] in b for b in body), label


NEW_YEAR_IN_SEOUL = "2026-12-31T20:00:00Z"  # 05:00 on 2027-01-01 in Korea, still 2026 on a UTC server


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_today_is_koreas_day_on_a_utc_server(lang, monkeypatch):
    monkeypatch.setenv(clock.NOW_ENV, NEW_YEAR_IN_SEOUL)
    at = run(lang=lang)
    slider = at.select_slider(key="w_month")
    assert slider.value == "2027-01" and "2027-01" in slider.options
    assert at.button(key="w_today").disabled  # the map is at today already
    captions = [c.value for c in at.caption]
    assert t("timeline_caption", lang, day="2027-01-01") in captions


def test_the_print_date_is_koreas_day(model, monkeypatch):
    """geo.printing.render's default print date and the print button's (ui.print_box) are the clock's."""
    from geo.printing import render
    from geo.state.url_state import ViewState
    from ui import print_box

    monkeypatch.setenv(clock.NOW_ENV, NEW_YEAR_IN_SEOUL)
    seen: list[date] = []

    class Stop(Exception):
        pass

    def compose(model, state, link, today, fmt):  # the sheet's footer prints `today`
        seen.append(today)
        raise Stop

    monkeypatch.setattr(render, "compose", compose)
    with pytest.raises(Stop):
        render.render(model, ViewState(), "png", "https://example.org/")
    with pytest.raises(Stop):
        print_box.print_bytes(model, ViewState(), "pdf", "https://example.org/")
    assert seen == [date(2027, 1, 1), date(2027, 1, 1)]
