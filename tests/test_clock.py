"""The one clock: Korea's day, settable by tests."""

from __future__ import annotations

from datetime import date

import pytest

from geo.core import clock


def test_the_day_is_koreas_not_the_servers(monkeypatch):
    monkeypatch.setenv(clock.NOW_ENV, "2026-12-31T20:00:00Z")  # 05:00 on New Year's Day in Seoul
    assert clock.today() == date(2027, 1, 1)
    assert clock.now().utcoffset().total_seconds() == 9 * 3600


def test_an_offset_is_kept(monkeypatch):
    monkeypatch.setenv(clock.NOW_ENV, "2026-12-31T23:59:00+09:00")
    assert clock.today() == date(2026, 12, 31)


@pytest.mark.parametrize("bad", ["yesterday", "2026-12-31T20:00:00"])
def test_a_bad_setting_is_named(monkeypatch, bad):
    monkeypatch.setenv(clock.NOW_ENV, bad)
    with pytest.raises(clock.ClockError, match="GGM_NOW"):
        clock.today()


def test_unset_is_the_real_seoul_day(monkeypatch):
    monkeypatch.delenv(clock.NOW_ENV, raising=False)
    assert clock.now().tzinfo is clock.SEOUL
