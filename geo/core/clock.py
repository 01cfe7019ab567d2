"""The app's one clock: the time and day in Korea (Asia/Seoul), whatever the server's zone.

Docker and Streamlit Community Cloud run in UTC, where "today" would be a day behind Korea until
09:00 KST. Every "today" in the app, the prints and the audit comes from here. Tests and demos set
the clock with the environment variable GGM_NOW (an ISO 8601 instant with its offset, e.g.
2026-12-31T20:00:00Z, which is already 2027-01-01 in Korea); it is read on every call, so a
session thread never sees another's value half-written.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

SEOUL: Final = ZoneInfo("Asia/Seoul")
NOW_ENV: Final = "GGM_NOW"


class ClockError(ValueError):
    """GGM_NOW is set but is not an ISO 8601 instant with an offset."""


def now() -> datetime:
    """The current instant, in Asia/Seoul."""
    fixed = os.environ.get(NOW_ENV)
    if not fixed:
        return datetime.now(SEOUL)
    try:
        instant = datetime.fromisoformat(fixed.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ClockError(f"{NOW_ENV}={fixed!r} is not an ISO 8601 instant") from None
    if instant.tzinfo is None:
        raise ClockError(f"{NOW_ENV}={fixed!r} has no offset; write Z or +09:00")
    return instant.astimezone(SEOUL)


def today() -> date:
    """Today's date in Korea."""
    return now().date()
