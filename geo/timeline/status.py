"""The status as of any date, derived from a record's milestones, and the Timeline of every record.

Pure Python, no Streamlit. Status is derived, never stored: the status of a record on a date is
the status of its latest *happened* milestone reached by that date (end-of-period rule, see
geo/timeline/milestones.py), or "not_yet_announced" before its first one. A *target* never
changes the status. A target whose date has passed with no outcome (see `target_outcome`) is
reported as "target passed, outcome not confirmed".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from geo.core.vocabulary import NOT_YET_ANNOUNCED, Status
from geo.timeline.milestones import PROJECT_TIMELINE, UNDATED, Milestone, Record, add_months, parse_partial_date


def _as_day(day: date | str) -> date:
    if isinstance(day, date):
        return day
    return parse_partial_date(day).end


def status_at(milestones: Iterable[Milestone], day: date | str, line: str | None = None) -> str:
    """Status from the latest happened milestone reached by `day` (targets never count)."""
    d = _as_day(day)
    status = NOT_YET_ANNOUNCED
    for m in sorted(milestones, key=Milestone.sort_key):
        if m.kind == "happened" and m.status is not None and m.line == line and m.date.reached_by(d):
            status = m.status
    return status


def target_outcome(target: Milestone, milestones: Iterable[Milestone], day: date | str) -> bool:
    """True when something known by `day` settles the target: a happened milestone reached by `day`,
    dated after the target was reported (its as_of), that falls within or after the target's period
    or reaches the target's status. A milestone from the same report as the target never settles it."""
    d = _as_day(day)
    reported = None if target.as_of == UNDATED else parse_partial_date(target.as_of).end
    for m in milestones:
        if m.kind != "happened" or m.line != target.line or not m.date.reached_by(d):
            continue
        if reported is not None and m.date.start <= reported:
            continue
        if m.date.end >= target.date.start or (reported is not None and m.status == target.status):
            return True
    return False


def is_overdue(target: Milestone, milestones: Iterable[Milestone], day: date | str) -> bool:
    """A target whose period has ended before `day` with no outcome ("after X" targets never are)."""
    d = _as_day(day)
    if target.kind != "target" or target.qualifier == "after" or not target.date.end < d:
        return False
    return not target_outcome(target, milestones, d)


def overdue_targets(milestones: Sequence[Milestone], day: date | str) -> list[Milestone]:
    return [m for m in milestones if is_overdue(m, milestones, day)]


def open_targets(milestones: Sequence[Milestone], day: date | str) -> list[Milestone]:
    """Targets not yet due on `day` (the plan as it stands)."""
    d = _as_day(day)
    return [m for m in milestones if m.kind == "target" and not m.date.end < d and not target_outcome(m, milestones, d)]


@dataclass(frozen=True)
class StatusAt:
    status: str
    overdue: tuple[Milestone, ...]  # "target passed, outcome not confirmed"
    upcoming: tuple[Milestone, ...]  # targets still ahead


def record_status_at(record: Record, day: date | str) -> StatusAt:
    ms = [m for m in record.milestones if m.line is None]
    return StatusAt(status_at(ms, day), tuple(overdue_targets(ms, day)), tuple(open_targets(ms, day)))


def district_at(record: Record, day: date | str) -> tuple[str, str] | None:
    """(ko, en) of the district named by the latest district change reached by `day`, else None
    (the district of the boundary data applies)."""
    d = _as_day(day)
    out: tuple[str, str] | None = None
    for m in record.milestones:
        if m.district_ko and m.district_en and m.date.reached_by(d):
            out = (m.district_ko, m.district_en)
    return out


def members_at(record: Record, day: date | str) -> frozenset[str]:
    """Boundary codes that belong to a cluster on `day`, from its members_added/removed milestones."""
    d = _as_day(day)
    members: set[str] = set()
    for m in record.milestones:
        if m.kind == "happened" and m.date.reached_by(d):
            members |= set(m.members_added)
            members -= set(m.members_removed)
    return frozenset(members)


# ───────────────────────────── the whole timeline ─────────────────────────────


def _more_advanced(a: str, b: str) -> str:
    order = PROJECT_TIMELINE
    return a if order.index(a) >= order.index(b) else b


@dataclass(frozen=True, eq=False)  # hashed by identity: caches (geo.domain.asof) key on it
class Timeline:
    """Every record's milestones, indexed for the map and the panels."""

    records: Mapping[tuple[str, str], Record]

    def get(self, kind: str, rid: str) -> Record | None:
        return self.records.get((kind, rid))

    def of_kind(self, kind: str) -> list[Record]:
        return [r for (k, _), r in sorted(self.records.items()) if k == kind]

    def station_line_status_at(self, sid: str, day: date | str) -> dict[str, str]:
        """line -> status of station `sid` on `day`. Sections give it, unless the station has its
        own milestones on that line: those take over from their first date (or always, when the
        station sets before_first = "not_yet_announced": it did not exist before)."""
        d = _as_day(day)
        out: dict[str, str] = {}
        for sec in self.of_kind("section"):
            if sid in sec.stations and sec.line is not None:
                s = record_status_at(sec, d).status
                out[sec.line] = _more_advanced(s, out.get(sec.line, NOT_YET_ANNOUNCED))
        own = self.get("station", sid)
        if own is not None:
            for line in sorted({m.line for m in own.milestones if m.line is not None and m.status is not None}):
                mine = [m for m in own.milestones if m.line == line and m.status is not None]
                if own.before_first == NOT_YET_ANNOUNCED or mine[0].date.reached_by(d):
                    out[line] = status_at(mine, d, line)
        return dict(sorted(out.items()))

    def station_status_at(self, sid: str, day: date | str) -> str:
        status = NOT_YET_ANNOUNCED
        for s in self.station_line_status_at(sid, day).values():
            status = _more_advanced(s, status)
        return status

    def all_milestones(self) -> list[tuple[Record, Milestone]]:
        pairs = [(r, m) for r in self.records.values() for m in r.milestones]
        return sorted(pairs, key=lambda p: (p[1].sort_key(), p[0].kind, p[0].id))

    def data_range(self) -> tuple[date, date]:
        """From the first milestone to the last target (or the last milestone if later)."""
        ms = [m for _, m in self.all_milestones()]
        if not ms:
            raise ValueError("no milestones")
        return min(m.date.start for m in ms), max(m.date.end for m in ms)

    def events_around(
        self, day: date | str, months: int = 12
    ) -> tuple[list[tuple[Record, Milestone]], list[tuple[Record, Milestone]]]:
        """(happened in the `months` before `day`, milestones due in the `months` after it)."""
        d = _as_day(day)
        lo, hi = add_months(d, -months), add_months(d, months)
        before = [(r, m) for r, m in self.all_milestones() if m.kind == "happened" and lo < m.date.end <= d]
        after = [(r, m) for r, m in self.all_milestones() if d < m.date.end <= hi]
        return before, after


def latest_status(record: Record) -> str:
    """Status after every happened milestone (what the committed geojson carries)."""
    return status_at([m for m in record.milestones if m.line is None], date.max)


def first_operating_day(milestones: Iterable[Milestone], line: str | None = None) -> str | None:
    """The day-precision date of the first happened 'operating' milestone, if any."""
    for m in sorted(milestones, key=Milestone.sort_key):
        if m.kind == "happened" and m.status == Status.OPERATING and m.line == line:
            return m.date.text if m.date.precision == "day" else None
    return None
