"""Milestones: partial dates, status as of a date on the real data, validation in the build and
the loader, the audit and the milestones CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from geo.answers.downloads import milestones_csv
from geo.data import datafiles
from geo.timeline.milestones import MilestoneError, add_months, parse_partial_date, validate_record
from geo.timeline.status import district_at, members_at, record_status_at
from scripts import audit, build_content

DATA = datafiles.DEFAULT_DATA_DIR
TODAY = date(2026, 12, 4)  # the day of the last data check


@pytest.fixture(scope="module")
def timeline():
    return datafiles.read_milestones(DATA / "milestones.json")


# ───────────────────────────── partial dates ─────────────────────────────


@pytest.mark.parametrize(
    "text, precision, start, end",
    [
        ("2031", "year", date(2031, 1, 1), date(2031, 12, 31)),
        ("2026-10", "month", date(2026, 10, 1), date(2026, 10, 31)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-03-30", "day", date(2024, 3, 30), date(2024, 3, 30)),
    ],
)
def test_partial_date_keeps_precision_and_ends_at_its_period(text, precision, start, end):
    d = parse_partial_date(text)
    assert (d.text, d.precision, d.start, d.end) == (text, precision, start, end)
    assert not d.reached_by(end.replace(day=end.day - 1) if end.day > 1 else date(end.year - 1, 12, 31))
    assert d.reached_by(end)


@pytest.mark.parametrize("bad", ["2026-13", "2026-02-30", "26-01", "2026/01", "", None, 2026, "2026-1"])
def test_partial_date_rejects(bad):
    with pytest.raises(ValueError):
        parse_partial_date(bad)


def test_add_months_clips_to_month_end():
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 12) == date(2027, 11, 30)


# ───────────────────────────── status as of a date, real data ─────────────────────────────


# The issue's own cases; tests/test_timeline_app.py renders them in both languages.
ISSUE_STATION_CASES = [
    ("dongtan", "2024-01-15", "under_construction"),
    ("dongtan", "2024-04-01", "operating"),
    ("kintex", "2024-06-01", "under_construction"),
    ("kintex", "2025-01-01", "operating"),
]


@pytest.mark.parametrize(
    "sid, day, status",
    [
        *ISSUE_STATION_CASES,
        ("guseong", "2024-04-15", "under_construction"),  # its section opened without it
        ("guseong", "2024-07-01", "operating"),
        ("cheonghak", "2025-06-01", "not_yet_announced"),  # the stop did not exist yet
        ("cheonghak", "2026-11-30", "planned"),  # planned although GTX-B is being built
        ("janggi", "2025-07-01", "proposed"),
        ("janggi", "2025-07-11", "planned"),  # D west passed the preliminary feasibility study
    ],
)
def test_station_status_at(timeline, sid, day, status):
    assert timeline.station_status_at(sid, day) == status


def test_samseong_stays_unopened_on_line_a(timeline):
    for day in ("2025-01-01", "2026-11-30", "2027-06-01"):
        assert timeline.station_line_status_at("samseong", day)["A"] == "under_construction"


def test_peace_zone_members_15_then_17(timeline):
    pz = timeline.get("cluster", "peace-zone")

    def municipalities(day):  # Goyang's three gu are one municipality
        return {code[:4] for code in members_at(pz, day)}

    assert municipalities("2023-06-01") == set()
    assert len(municipalities("2024-06-01")) == 15
    assert len(municipalities("2026-01-01")) == 17
    added = municipalities("2026-01-01") - municipalities("2024-06-01")
    assert added == {"4182", "5121"}  # Gapyeong-gun, Sokcho-si


def test_gtx_a_through_running_target_passed_unconfirmed(timeline):
    sec = timeline.get("section", "a-seoul-suseo")
    before = record_status_at(sec, "2026-06-27")
    now = record_status_at(sec, TODAY)
    assert before.overdue == () and [m.date.text for m in before.upcoming] == ["2026-06-27"]
    assert now.status == "under_construction"  # not done
    assert [m.date.text for m in now.overdue] == ["2026-06-27"]  # and not still planned
    # end-2023 -> H2 2025 -> 2026 -> June 2026 -> 2026-06-27 (2028 was the Samseong stop, not this)
    assert [s.date.text for s in now.overdue[0].slipped_from] == ["2023", "2025", "2026", "2026-06"]


def test_month_target_counts_from_the_end_of_its_month(timeline):
    site = timeline.get("site", "icheon-daewol2-re100")
    assert record_status_at(site, "2026-10-31").overdue == ()
    assert [m.date.text for m in record_status_at(site, "2026-11-01").overdue] == ["2026-10"]


def test_late_outcome_settles_a_passed_target(timeline):
    icheon = timeline.get("site", "sk-hynix-icheon-campus")
    assert [m.date.text for m in record_status_at(icheon, "2021-01-15").overdue] == ["2020-10"]
    assert record_status_at(icheon, "2021-02-01").overdue == ()  # M16 completed


def test_slip_history_gtx_b_and_c(timeline):
    b = [m for m in timeline.get("section", "b-incheon-maseok").milestones if m.kind == "target"]
    assert [(m.date.text, [s.date.text for s in m.slipped_from]) for m in b] == [("2031", ["2030"])]
    c = [m for m in timeline.get("section", "c-deokjeong-suwon").milestones if m.qualifier == "after"]
    assert [(m.date.text, [s.date.text for s in m.slipped_from]) for m in c] == [("2030", ["2028"])]


def test_incheon_district_change_keeps_the_older_district(timeline):
    for sid, new in (
        ("yeongjong", "Yeongjong-gu, Incheon"),
        ("incheon-airport", "Yeongjong-gu, Incheon"),
        ("geomdan", "Geomdan-gu, Incheon"),
    ):
        rec = timeline.get("station", sid)
        assert district_at(rec, "2026-06-30") is None  # the boundary data's district applies
        assert district_at(rec, "2026-07-01")[1] == new


def test_data_range_and_events_around(timeline):
    first, last = timeline.data_range()
    assert first == date(1984, 3, 1) and last == date(2035, 12, 31)
    before, after = timeline.events_around(TODAY)
    assert all(m.kind == "happened" and date(2025, 11, 30) < m.date.end <= TODAY for _, m in before)
    assert all(TODAY < m.date.end <= date(2027, 11, 30) for _, m in after)
    assert ("cluster", "peace-zone", "2026-12") in {(r.kind, r.id, m.date.text) for r, m in after}
    assert ("section", "b-incheon-maseok", "2025-08-04") not in {(r.kind, r.id, m.date.text) for r, m in before}


# ───────────────────────────── validation ─────────────────────────────

TARGET = """
[[section.milestone]]
date = "2031"
kind = "target"
status = "operating"
text_ko = "x"
text_en = "x"
source = "https://example.org/a"
as_of = "2025-12-22"
"""


def _copy_data(tmp_path: Path) -> Path:
    for name in ("gtx.toml", "sites.toml", "projects.toml", "sigungu.geojson", "milestones.json"):
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def _append_to_section(data_dir: Path, section_id: str, block: str) -> None:
    """Insert `block` right after the section's last milestone."""
    path = data_dir / "gtx.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f'[[section]]\nid = "{section_id}"')
    nxt = text.find("\n[[section]]", start + 1)
    nxt = len(text) if nxt == -1 else nxt
    path.write_text(text[:nxt] + "\n" + block + text[nxt:], encoding="utf-8")


@pytest.mark.parametrize(
    "section_id, block, message",
    [
        (
            "b-incheon-maseok",
            TARGET.replace('source = "https://example.org/a"\n', ""),
            r"section b-incheon-maseok milestone \d+ \(2031\): target milestone has no source",
        ),
        (
            "b-incheon-maseok",
            TARGET.replace('date = "2031"', 'date = "end of 2031"'),
            r"section b-incheon-maseok milestone \d+: unparseable `date`",
        ),
        (
            "a-suseo-dongtan",
            TARGET.replace('kind = "target"', 'kind = "happened"')
            .replace('"2031"', '"2025-01"')
            .replace('"operating"', '"under_construction"'),
            r"section a-suseo-dongtan: milestone 2025-01 moves the status back from operating to under_construction "
            r"without a stated `reason`",
        ),
    ],
    ids=["target-without-source", "unparseable-date", "backward-after-operating"],
)
def test_build_rejects_malformed_milestone_naming_the_record(tmp_path, section_id, block, message):
    data_dir = _copy_data(tmp_path)
    _append_to_section(data_dir, section_id, block)
    with pytest.raises(build_content.ContentError, match=message):
        build_content.build(data_dir)
    assert build_content.main(["--data-dir", str(data_dir), "--check"]) == 1


def test_backward_status_with_a_reason_is_accepted(tmp_path):
    data_dir = _copy_data(tmp_path)
    block = (
        TARGET.replace('kind = "target"', 'kind = "happened"')
        .replace('"2031"', '"2025-01"')
        .replace('"operating"', '"under_construction"')
    ) + 'reason = "service suspended for repairs"\n'
    _append_to_section(data_dir, "a-suseo-dongtan", block)
    outputs = build_content.build(data_dir)
    lines = json.loads(outputs["gtx_lines.geojson"])["features"]
    assert next(f for f in lines if f["properties"]["id"] == "a-suseo-dongtan")["properties"]["status"] == (
        "under_construction"
    )


def test_build_rejects_a_stored_status(tmp_path):
    data_dir = _copy_data(tmp_path)
    path = data_dir / "sites.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'cluster = "climate"\n', 'cluster = "climate"\nstatus = "operating"\n', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(build_content.ContentError, match=r"site h-technovalley-re100: status is derived"):
        build_content.build(data_dir)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda m: m.pop("source"),
            r"section a-seoul-suseo milestone \d+ \(2026-06-27\): target milestone has no source",
        ),
        (lambda m: m.update(date="2026-06-31"), r"section a-seoul-suseo milestone \d+: unparseable `date`"),
    ],
    ids=["target-without-source", "unparseable-date"],
)
def test_runtime_loader_uses_the_same_validator(tmp_path, change, message):
    rows = json.loads((DATA / "milestones.json").read_text(encoding="utf-8"))
    rec = next(r for r in rows if r["id"] == "a-seoul-suseo")
    change(next(m for m in rec["milestones"] if m["kind"] == "target"))
    (tmp_path / "milestones.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(datafiles.DataError, match=message):
        datafiles.read_milestones(tmp_path / "milestones.json")


def test_runtime_loader_rejects_backward_status(tmp_path):
    rows = json.loads((DATA / "milestones.json").read_text(encoding="utf-8"))
    rec = next(r for r in rows if r["id"] == "a-unjeong-seoul")
    rec["milestones"].append(dict(rec["milestones"][0], date="2025-06", status="planned"))
    (tmp_path / "milestones.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(datafiles.DataError, match=r"section a-unjeong-seoul: milestone 2025-06 moves the status back"):
        datafiles.read_milestones(tmp_path / "milestones.json")


def test_happened_after_checked_is_rejected():
    raw = {
        "checked": "2026-11-28",
        "milestone": [
            json.loads(
                json.dumps(
                    {
                        "date": "2026-12-01",
                        "kind": "happened",
                        "status": "planned",
                        "text_ko": "x",
                        "text_en": "x",
                        "source": "https://example.org/a",
                        "as_of": "2026-12-01",
                    }
                )
            )
        ],
    }
    with pytest.raises(MilestoneError, match=r"site demo: happened milestone 2026-12-01 is after"):
        validate_record("site", "demo", raw)


def test_build_reproduces_committed_files():
    for name, text in build_content.build(DATA).items():
        assert (DATA / name).read_text(encoding="utf-8") == text, name


# ───────────────────────────── audit and CSV ─────────────────────────────


def test_audit_lists_overdue_targets_and_unchecked_records(timeline, capsys):
    sources = audit.record_sources(DATA)
    now = audit.audit(timeline, sources, TODAY)
    overdue = {(label, m.date.text) for label, m in now.overdue}
    assert ("section a-seoul-suseo", "2026-06-27") in overdue
    assert ("site icheon-daewol2-re100", "2026-10") in overdue
    assert ("cluster peace-zone", "2026-12") not in overdue  # not due yet
    assert now.unchecked == []
    later = audit.audit(timeline, sources, date(2027, 6, 15))
    assert {label for label, _, _ in later.unchecked} == {r.label for r in timeline.records.values()}
    assert ("cluster peace-zone", "2026-12") in {(label, m.date.text) for label, m in later.overdue}
    assert any(label == "site h-technovalley-re100" for label, *_ in now.stale)
    assert audit.main(["--report", "--today", "2026-11-30"]) == 0
    assert "target 2026-06-27" in capsys.readouterr().out


def audit_as_in(text: str, timeline) -> str:
    """The audit of the data for the day a report names in its own header ("As of YYYY-MM-DD, ..."):
    `make audit` writes the day it runs, so the committed report is compared on its own day."""
    m = re.search(r"^As of (\d{4}-\d{2}-\d{2}), ", text, flags=re.M)
    assert m, "the report names no day"
    return audit.render(audit.audit(timeline, audit.record_sources(DATA), date.fromisoformat(m.group(1))))


def test_committed_audit_report_is_current(timeline):
    text = audit.OUT.read_text(encoding="utf-8")
    assert text == audit_as_in(text, timeline)


def test_a_report_written_by_make_audit_on_another_day_is_current(timeline, tmp_path, monkeypatch):
    monkeypatch.setenv("GGM_NOW", "2027-03-01T02:00:00Z")  # the clock `make audit` reads (11:00 in Seoul)
    out = tmp_path / "data-audit.md"
    audit.main(["--out", str(out)])
    text = out.read_text(encoding="utf-8")
    assert "As of 2027-03-01, " in text
    assert text == audit_as_in(text, timeline)


def test_milestones_csv(timeline):
    rows = list(csv.DictReader(io.StringIO(milestones_csv(timeline, "en").decode("utf-8-sig"))))
    # The columns the issue asks for (record, date, precision, kind, status, text, source, as-of) and more.
    header = "record_kind,record_id,line,date,precision,kind,status,text,source,as_of,slipped_from,record_checked"
    assert ",".join(rows[0]) == header
    assert len(rows) == sum(len(r.milestones) for r in timeline.records.values())
    b = next(r for r in rows if r["record_id"] == "b-incheon-maseok" and r["kind"] == "target")
    assert (b["date"], b["precision"], b["status"]) == ("2031", "year", "operating")
    assert re.match(r"2030 \(moved, reported 2025-12-22, https://news\.sbs\.co\.kr/", b["slipped_from"])
    ko = milestones_csv(timeline, "ko").decode("utf-8-sig")
    assert "개통 목표 2031년" in ko and "Opening targeted for 2031" not in ko
