"""Dated milestones: what happened when, what is only a target, and the status as of any date.

Pure Python, no Streamlit. The data build (scripts/build_content.py) and the runtime loader
(geo/data/datafiles.py) both validate milestones with `validate_record`, so a malformed milestone
stops the build and the app with the same message, naming the record.

Dates keep the precision their source gives: "2031", "2026-10" or "2024-03-30".
Comparison rule: a partial date counts as reached at the END of its period. "2030" is reached
on 2030-12-31 and "2026-10" on 2026-10-31; a target "2026-10" has therefore passed from
2026-11-01. The same rule applies to happened milestones (we only know that it had happened by
the end of the period the source names).

Status is derived, never stored: the status of a record on a date is the status of its latest
*happened* milestone reached by that date, or "not_yet_announced" before its first one. A
*target* never changes the status. A target whose date has passed with no outcome (see
`target_outcome`) is reported as "target passed, outcome not confirmed".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from geo.core.vocabulary import CLUSTER_STATUSES, FINAL_STATUSES, NOT_YET_ANNOUNCED, SOURCE_URL, STATUSES

# Lines, stations and sites, least advanced first (the reverse of vocabulary.STATUSES).
PROJECT_TIMELINE: Final = (NOT_YET_ANNOUNCED, *reversed(STATUSES))
# Clusters (special zones), least advanced first.
CLUSTER_TIMELINE: Final = (NOT_YET_ANNOUNCED, *reversed(CLUSTER_STATUSES))

RECORD_KINDS: Final = ("section", "station", "site", "cluster")
MILESTONE_KINDS: Final = ("happened", "target")
QUALIFIERS: Final = ("about", "after")  # "about 2030", "after 2030"
UNDATED: Final = "undated"  # an as_of for a source that prints no date

Precision = Literal["year", "month", "day"]
_Day = date  # the type, for classes whose field is called `date`
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MILESTONE_KEYS: Final = frozenset(
    {
        "date",
        "kind",
        "status",
        "text_ko",
        "text_en",
        "source",
        "as_of",
        "line",
        "qualifier",
        "reason",
        "slipped_from",
        "district_ko",
        "district_en",
        "members_added",
        "members_removed",
    }
)
SLIP_KEYS: Final = frozenset({"date", "reported", "source", "old_source"})


class MilestoneError(ValueError):
    """A milestone or a record's `checked` date is malformed; the message names the record."""


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as its source: the year, the month or the day."""

    text: str
    precision: Precision
    start: date
    end: date

    def reached_by(self, day: date) -> bool:
        """True once the whole period has elapsed (end-of-period rule)."""
        return self.end <= day

    def __str__(self) -> str:
        return self.text


def parse_partial_date(text: object) -> PartialDate:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; raises ValueError for anything else."""
    if not isinstance(text, str):
        raise ValueError(f"not a date: {text!r}")
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(f"not YYYY, YYYY-MM or YYYY-MM-DD: {text!r}")
    year = int(m.group(1))
    if m.group(2) is None:
        return PartialDate(text, "year", date(year, 1, 1), date(year, 12, 31))
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {text!r}")
    last = calendar.monthrange(year, month)[1]
    if m.group(3) is None:
        return PartialDate(text, "month", date(year, month, 1), date(year, month, last))
    try:
        day = date(year, month, int(m.group(3)))
    except ValueError:
        raise ValueError(f"no such day: {text!r}") from None
    return PartialDate(text, "day", day, day)


@dataclass(frozen=True)
class Slip:
    """An earlier date of a target, and when and where its move was reported."""

    date: PartialDate
    reported: PartialDate
    source: str
    old_source: str | None = None


@dataclass(frozen=True)
class Milestone:
    date: PartialDate
    kind: Literal["happened", "target"]
    status: str | None  # None only for a district change
    text_ko: str
    text_en: str
    source: str
    as_of: str
    line: str | None = None  # station milestones: the line whose status this sets
    qualifier: str | None = None
    reason: str | None = None
    slipped_from: tuple[Slip, ...] = ()
    district_ko: str | None = None
    district_en: str | None = None
    members_added: tuple[str, ...] = ()
    members_removed: tuple[str, ...] = ()

    def sort_key(self) -> tuple[_Day, _Day, int]:
        return (self.date.end, self.date.start, 0 if self.kind == "happened" else 1)


@dataclass(frozen=True)
class Record:
    """One record's milestones (sorted by date) and the date it was last checked."""

    kind: str
    id: str
    checked: PartialDate
    milestones: tuple[Milestone, ...]
    line: str | None = None  # sections
    stations: tuple[str, ...] = ()  # sections
    before_first: str = "section"  # stations: status before their own first milestone
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.id}"


# ───────────────────────────── validation ─────────────────────────────


def _text(raw: Mapping[str, Any], key: str, where: str, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            raise MilestoneError(f"{where}: missing `{key}`")
        return None
    if not isinstance(value, str):
        raise MilestoneError(f"{where}: `{key}` must be text, got {value!r}")
    return value


def _date(raw: Mapping[str, Any], key: str, where: str) -> PartialDate:
    try:
        return parse_partial_date(raw.get(key))
    except ValueError as exc:
        raise MilestoneError(f"{where}: unparseable `{key}` ({exc})") from None


def _url(value: object, where: str, what: str) -> str:
    if not isinstance(value, str) or not SOURCE_URL.match(value) or "..." in value:
        raise MilestoneError(f"{where}: {what} is not a full http(s) URL: {value!r}")
    return value


def _codes(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(c, str) and re.match(r"^\d{5}$", c) for c in value):
        raise MilestoneError(f"{where}: `{key}` must be a list of 5-digit boundary codes")
    return tuple(value)


def statuses_for(kind: str) -> tuple[str, ...]:
    return CLUSTER_TIMELINE if kind == "cluster" else PROJECT_TIMELINE


def parse_milestone(raw: Mapping[str, Any], kind: str, where: str) -> Milestone:
    if not isinstance(raw, Mapping):
        raise MilestoneError(f"{where}: a milestone must be a table")
    unknown = set(raw) - MILESTONE_KEYS
    if unknown:
        raise MilestoneError(f"{where}: unknown keys {sorted(unknown)}")
    mdate = _date(raw, "date", where)
    where = f"{where} ({mdate})"
    mkind = raw.get("kind")
    if mkind not in MILESTONE_KINDS:
        raise MilestoneError(f"{where}: kind must be one of {MILESTONE_KINDS}, got {mkind!r}")
    if not raw.get("source"):
        raise MilestoneError(f"{where}: {mkind} milestone has no source")
    source = _url(raw.get("source"), where, "source")
    as_of = raw.get("as_of")
    if as_of != UNDATED:
        _date(raw, "as_of", where)
    district_ko = _text(raw, "district_ko", where, required=False)
    district_en = _text(raw, "district_en", where, required=False)
    if (district_ko is None) != (district_en is None):
        raise MilestoneError(f"{where}: give district_ko and district_en together")
    status = raw.get("status")
    if status is None and district_ko is None:
        raise MilestoneError(f"{where}: missing `status` (only a district change may omit it)")
    if status is not None and status not in statuses_for(kind)[1:]:
        raise MilestoneError(f"{where}: status must be one of {statuses_for(kind)[1:]}, got {status!r}")
    qualifier = raw.get("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise MilestoneError(f"{where}: qualifier must be one of {QUALIFIERS}")
    slips: list[Slip] = []
    raw_slips = raw.get("slipped_from", [])
    if not isinstance(raw_slips, list):
        raise MilestoneError(f"{where}: slipped_from must be a list of tables")
    if raw_slips and mkind != "target":
        raise MilestoneError(f"{where}: only a target can have slipped_from")
    for i, s in enumerate(raw_slips):
        w = f"{where} slipped_from[{i}]"
        if not isinstance(s, Mapping) or set(s) - SLIP_KEYS:
            raise MilestoneError(f"{w}: expected a table with keys {sorted(SLIP_KEYS)}")
        old = s.get("old_source")
        slips.append(
            Slip(
                date=_date(s, "date", w),
                reported=_date(s, "reported", w),
                source=_url(s.get("source"), w, "source of the move"),
                old_source=_url(old, w, "old_source") if old is not None else None,
            )
        )
    line = raw.get("line")
    if line is not None and kind != "station":
        raise MilestoneError(f"{where}: only station milestones name a line")
    return Milestone(
        date=mdate,
        kind=mkind,
        status=status,
        text_ko=_text(raw, "text_ko", where) or "",
        text_en=_text(raw, "text_en", where) or "",
        source=source,
        as_of=str(as_of),
        line=line,
        qualifier=qualifier,
        reason=_text(raw, "reason", where, required=False),
        slipped_from=tuple(slips),
        district_ko=district_ko,
        district_en=district_en,
        members_added=_codes(raw, "members_added", where),
        members_removed=_codes(raw, "members_removed", where),
    )


def _check_order(label: str, milestones: Sequence[Milestone], kind: str) -> None:
    """After a final status (operating), a later, less advanced status needs a `reason`."""
    rank = {s: i for i, s in enumerate(statuses_for(kind))}
    best: dict[str | None, str] = {}
    for m in milestones:
        if m.status is None:
            continue
        top = best.get(m.line)
        if top is not None and top in FINAL_STATUSES and rank[m.status] < rank[top] and not m.reason:
            raise MilestoneError(
                f"{label}: milestone {m.date} moves the status back from {top} to {m.status} without a stated `reason`"
            )
        if top is None or rank[m.status] > rank[top]:
            best[m.line] = m.status


def validate_record(kind: str, rid: str, raw: Mapping[str, Any], *, needs_milestones: bool = True) -> Record:
    """Parse and check a record's `checked` and `milestone` list. Raises MilestoneError."""
    if kind not in RECORD_KINDS:
        raise MilestoneError(f"unknown record kind {kind!r}")
    label = f"{kind} {rid}"
    checked = _date(raw, "checked", label)
    if checked.precision != "day":
        raise MilestoneError(f"{label}: `checked` must be a full date YYYY-MM-DD, got {checked}")
    raw_ms = raw.get("milestone", [])
    if not isinstance(raw_ms, list):
        raise MilestoneError(f"{label}: `milestone` must be a list of tables")
    if needs_milestones and not raw_ms:
        raise MilestoneError(f"{label}: has no milestones")
    parsed = [parse_milestone(m, kind, f"{label} milestone {i + 1}") for i, m in enumerate(raw_ms)]
    ordered = sorted(parsed, key=Milestone.sort_key)
    for m in ordered:
        if m.kind == "happened" and m.date.start > checked.end:
            raise MilestoneError(f"{label}: happened milestone {m.date} is after the record's checked date {checked}")
        for s in m.slipped_from:
            if s.reported.start > checked.end:
                raise MilestoneError(f"{label}: slip of {m.date} reported {s.reported}, after checked {checked}")
    _check_order(label, ordered, kind)
    before_first = raw.get("before_first", "section")
    if before_first not in ("section", NOT_YET_ANNOUNCED):
        raise MilestoneError(f"{label}: before_first must be 'section' or '{NOT_YET_ANNOUNCED}'")
    return Record(
        kind=kind,
        id=rid,
        checked=checked,
        milestones=tuple(ordered),
        line=raw.get("line"),
        stations=tuple(raw.get("stations", ())),
        before_first=before_first,
    )


# ───────────────────────────── status as of a date ─────────────────────────────


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


@dataclass(frozen=True)
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

    def station_milestones(self, sid: str) -> list[Milestone]:
        own = self.get("station", sid)
        return list(own.milestones) if own is not None else []

    def line_status_at(self, line: str, day: date | str) -> str:
        status = NOT_YET_ANNOUNCED
        for sec in self.of_kind("section"):
            if sec.line == line:
                status = _more_advanced(record_status_at(sec, day).status, status)
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

    def overdue_at(self, day: date | str) -> list[tuple[Record, Milestone]]:
        out = []
        for r in self.records.values():
            lines = {m.line for m in r.milestones}
            for line in sorted(lines, key=lambda x: x or ""):
                ms = [m for m in r.milestones if m.line == line]
                out += [(r, m) for m in overdue_targets(ms, day)]
        return sorted(out, key=lambda p: (p[1].sort_key(), p[0].kind, p[0].id))


def add_months(day: date, months: int) -> date:
    """Same day `months` later (or earlier), clipped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def latest_status(record: Record) -> str:
    """Status after every happened milestone (what the committed geojson carries)."""
    return status_at([m for m in record.milestones if m.line is None], date.max)


def first_operating_day(milestones: Iterable[Milestone], line: str | None = None) -> str | None:
    """The day-precision date of the first happened 'operating' milestone, if any."""
    for m in sorted(milestones, key=Milestone.sort_key):
        if m.kind == "happened" and m.status == "operating" and m.line == line:
            return m.date.text if m.date.precision == "day" else None
    return None


# ───────────────────────────── plain-data form (data/milestones.json) ─────────────────────────────


def milestone_to_dict(m: Milestone) -> dict[str, Any]:
    out: dict[str, Any] = {
        "date": m.date.text,
        "precision": m.date.precision,
        "kind": m.kind,
        "status": m.status,
        "text_ko": m.text_ko,
        "text_en": m.text_en,
        "source": m.source,
        "as_of": m.as_of,
    }
    optional: dict[str, Any] = {
        "line": m.line,
        "qualifier": m.qualifier,
        "reason": m.reason,
        "district_ko": m.district_ko,
        "district_en": m.district_en,
    }
    out.update({k: v for k, v in optional.items() if v is not None})
    if m.members_added:
        out["members_added"] = list(m.members_added)
    if m.members_removed:
        out["members_removed"] = list(m.members_removed)
    if m.slipped_from:
        out["slipped_from"] = [
            {
                k: v
                for k, v in (
                    ("date", s.date.text),
                    ("reported", s.reported.text),
                    ("source", s.source),
                    ("old_source", s.old_source),
                )
                if v is not None
            }
            for s in m.slipped_from
        ]
    return out


def record_to_dict(r: Record) -> dict[str, Any]:
    out: dict[str, Any] = {"record_kind": r.kind, "id": r.id, "checked": r.checked.text}
    if r.line is not None:
        out["line"] = r.line
    if r.stations:
        out["stations"] = list(r.stations)
    if r.kind == "station":
        out["before_first"] = r.before_first
    out["milestones"] = [milestone_to_dict(m) for m in r.milestones]
    return out


def record_from_dict(raw: Mapping[str, Any]) -> Record:
    """The inverse of record_to_dict, through the same validator (`milestone` = `milestones`)."""
    if not isinstance(raw, Mapping):
        raise MilestoneError(f"not a record: {raw!r}")
    kind, rid = str(raw.get("record_kind")), str(raw.get("id"))
    body = {k: v for k, v in raw.items() if k not in ("record_kind", "id", "milestones")}
    body["milestone"] = [
        {k: v for k, v in m.items() if k != "precision"} if isinstance(m, Mapping) else m
        for m in raw.get("milestones", [])
    ]
    return validate_record(kind, rid, body, needs_milestones=kind != "station")


def timeline_from_dicts(rows: Iterable[Mapping[str, Any]]) -> Timeline:
    records: dict[tuple[str, str], Record] = {}
    for raw in rows:
        rec = record_from_dict(raw)
        if (rec.kind, rec.id) in records:
            raise MilestoneError(f"{rec.label}: listed twice")
        records[(rec.kind, rec.id)] = rec
    return Timeline(records)


__all__ = [
    "CLUSTER_TIMELINE",
    "NOT_YET_ANNOUNCED",
    "PROJECT_TIMELINE",
    "Milestone",
    "MilestoneError",
    "PartialDate",
    "Record",
    "Slip",
    "StatusAt",
    "Timeline",
    "add_months",
    "district_at",
    "is_overdue",
    "latest_status",
    "members_at",
    "month_end",
    "overdue_targets",
    "parse_partial_date",
    "record_status_at",
    "status_at",
    "validate_record",
]
