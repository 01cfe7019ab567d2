"""Every milestone line, record name and status label the panels show, in both languages, for
every record: no empty placeholder, no 'None' or 'nan', Markdown-escaped data text."""

from __future__ import annotations

import re
from datetime import date

import pytest

from geo.core.i18n import status_label, t
from geo.core.vocabulary import CLUSTER_STATUSES, NOT_YET_ANNOUNCED, STATUSES
from ui import timeline as tl

BAD = re.compile(r"\bNone\b|\bnan\b|\{[a-z_]*\}")
DAYS = [date(2020, 1, 1), date(2024, 6, 1), date(2026, 11, 30), date(2031, 1, 1)]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_milestone_line_reads_cleanly(model, lang):
    timeline = model.data.timeline
    for rec, m in timeline.all_milestones():
        name = tl.record_name(model, rec, lang)
        assert name and not BAD.search(name), rec.label
        for day in DAYS:
            line = tl.milestone_line(m, day, lang, overdue=m.kind == "target" and m.date.end < day)
            assert not BAD.search(line), (rec.label, line)
            assert m.source in line  # the source is linked on every line
            if m.kind == "target" and m.date.end < day:
                assert t("target_passed", lang) in line
            for s in m.slipped_from:
                assert s.date.text.replace("-", "\\-") in line and s.reported.text.replace("-", "\\-") in line


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_status_has_a_label(lang):
    for status in (*STATUSES, *CLUSTER_STATUSES, NOT_YET_ANNOUNCED):
        label = status_label(status, lang)
        assert label and not BAD.search(label) and label != status


def test_district_names_from_their_date(model):
    rec = model.data.timeline.get("station", "yeongjong")
    assert tl.district_on(rec, date(2026, 6, 30), "en") is None
    assert tl.district_on(rec, date(2026, 7, 1), "en") == "Yeongjong-gu, Incheon from 2026-07-01"
    assert tl.district_on(rec, date(2026, 7, 1), "ko") == "2026-07-01부터 인천 영종구"


def test_slider_months_cover_the_data_and_today(model):
    options = tl.slider_range(model.data.timeline, date(2026, 11, 30))
    assert options[0] == "1984-03" and options[-1] == "2035-12" and "2026-11" in options
    assert tl.month_to_day("2024-02", date(2026, 11, 30)) == date(2024, 2, 29)
    assert tl.month_to_day("2026-11", date(2026, 11, 30)) is None  # the current month means today


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_status_without_a_label_reads_as_written_and_none_as_a_dash(lang):
    # A data file may carry a status the string table does not know yet: the panel shows it, never a KeyError.
    assert status_label("feasibility-review", lang) == "feasibility-review"
    assert status_label(None, lang) == "—" and status_label("", lang) == "—"


def test_a_status_inside_an_english_sentence_starts_lower_case():
    assert status_label("under_construction", "en", in_sentence=True) == "under construction"
    assert status_label("under_construction", "ko", in_sentence=True) == status_label("under_construction", "ko")
