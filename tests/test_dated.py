"""The rule "nothing dated after the viewed day is shown as current", pure: `after` (the
end-of-period rule of geo/timeline), the dates of the figures the model computes on today's data
(geo/answers/dated.py), and the Markdown the panels make of them (ui/timeline.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from geo.answers import dated
from geo.core.i18n import t
from geo.timeline.milestones import Milestone, after, parse_partial_date
from ui import timeline as tl
from ui.markdown import esc


@pytest.mark.parametrize(
    "as_of, day, later",
    [
        ("2025-10-21", date(2025, 10, 20), True),
        ("2025-10-21", date(2025, 10, 21), False),  # known on its own day
        ("2025-10-21", date(2024, 6, 1), True),
        ("2025-10", date(2025, 10, 30), True),  # a month is reached on its last day
        ("2025-10", date(2025, 10, 31), False),
        ("2024", date(2024, 12, 30), True),  # a year on 31 December
        ("2024", date(2024, 12, 31), False),
        ("2023-12-14", date(2024, 6, 1), False),
        ("undated", date(2000, 1, 1), False),  # cannot be placed: never "after"
        ("", date(2000, 1, 1), False),
        ("soon", date(2000, 1, 1), False),
    ],
)
def test_after_uses_the_end_of_the_period(as_of, day, later):
    assert after(as_of, day) is later


def test_after_is_the_negation_of_reached_by():
    texts = ["2023", "2024-02", "2024-02-29", "2025-10-21", "2026-12"]
    start = date(2022, 12, 1)
    for text in texts:
        pd = parse_partial_date(text)
        for n in range(0, 5 * 366, 7):
            day = start + timedelta(days=n)
            assert after(text, day) is not pd.reached_by(day), (text, day)


def test_dates_of_the_computed_figures(model):
    assert dated.latest(["2024", "2024-12-28", "2024-06"]) == "2024"  # 2024 ends last
    assert dated.latest([None, ""]) is None
    assert dated.network_date(model) == "2024-12-28"  # Unjeong Jungang–Seoul Station opened
    assert dated.cluster_area_date(model, "peace-zone") == "2025-10-21"  # Gapyeong and Sokcho joined
    assert dated.cluster_access_date(model, "peace-zone") == "2025-10-21"
    assert dated.joined_date(model, "peace-zone", "gapyeong") == "2025-10-21"
    assert dated.joined_date(model, "peace-zone", "paju") == "2023-12-14"
    assert dated.joined_date(model, "peace-zone", "suwon") is None


def _milestone(day: str, kind: str) -> Milestone:
    return Milestone(
        date=parse_partial_date(day),
        kind=kind,  # type: ignore[arg-type]
        status="eligible",
        text_ko="가평군·속초시 추가",
        text_en="Gapyeong and Sokcho added",
        source="https://example.org/a",
        as_of=day,
    )


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_happened_milestone_after_the_day_is_a_future_item(lang):
    m = _milestone("2025-10-21", "happened")
    before = tl.milestone_line(m, date(2024, 6, 1), lang, overdue=False)
    assert tl.HAPPENED not in before and before.startswith(f"- {tl.TARGET} :gray[")
    assert esc(t("after_date", lang, d="2025-10-21")) in before
    assert t("milestone.happened", lang) not in before
    on = tl.milestone_line(m, date(2025, 10, 21), lang, overdue=False)
    assert on.startswith(f"- {tl.HAPPENED} **") and ":gray[" not in on


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_dated_and_written_markdown(lang):
    day = date(2024, 6, 1)
    assert tl.dated("x", "2024-05", day, lang) == "x"
    assert tl.dated("x", "undated", day, lang) == "x"
    marker = esc(t("after_date", lang, d="2025-10"))
    assert tl.dated("x", "2025-10", day, lang) == f":gray[x] :gray-badge[{marker}]"
    assert tl.written("prose", "2024-06-01", day, lang) == "prose"
    flagged = tl.written("prose", "2026-02-10", day, lang)
    assert flagged.endswith(" prose") and esc(t("written_on", lang, d="2026-02-10")) in flagged
    assert tl.written("", "2026-02-10", day, lang) == ""  # no flag on nothing


def test_a_line_head_names_no_opening_after_the_day():
    from geo.answers.place_answers import LineAt
    from ui import answers

    line = LineAt("A", "operating", "2024-12-28", True, (), (), None, "https://example.org/a", "2025-01")
    assert answers._line_head(line, "en", date(2024, 12, 28)) == "GTX-A · Operating · opened 2024-12-28"
    assert answers._line_head(line, "en", date(2024, 12, 27)) == "GTX-A · Operating"
