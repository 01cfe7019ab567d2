"""Dated milestones as the sources give them: partial dates, the Milestone and Record types, and
their validation (parse_milestone, validate_record); also the month arithmetic the timeline uses.

Pure Python, no Streamlit. The data build (scripts/build_content.py) and the runtime loader
(geo/data/datafiles.py) both validate milestones with `validate_record`, so a malformed milestone
stops the build and the app with the same message, naming the record.

Dates keep the precision their source gives: "2031", "2026-10" or "2024-03-30".
Comparison rule: a partial date counts as reached at the END of its period. "2030" is reached
on 2030-12-31 and "2026-10" on 2026-10-31; a target "2026-10" has therefore passed from
2026-11-01. The same rule applies to happened milestones (we only know that it had happened by
the end of the period the source names).

The status as of a date is derived in geo/timeline/status.py; the plain-data form of
data/milestones.json is geo/timeline/serial.py.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
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


def after(as_of: str, day: date) -> bool:
    """Whether something dated `as_of` (a fact's as-of date, a milestone's date) lies after `day`,
    by the end-of-period rule: "2025-10" is after every day before 2025-10-31, "2024" after every
    day of 2024 but its last. A panel shows such a thing as "after this date", never as current.
    "undated", or anything else that is no date, cannot be placed: False."""
    try:
        return not parse_partial_date(as_of).reached_by(day)
    except ValueError:
        return False


# ───────────────────────────── month arithmetic ─────────────────────────────


def add_months(day: date, months: int) -> date:
    """Same day `months` later (or earlier), clipped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


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
    allowed = tuple(map(str, statuses_for(kind)[1:]))  # plain strings, so the message shows them as such
    if status is not None and status not in allowed:
        raise MilestoneError(f"{where}: status must be one of {allowed}, got {status!r}")
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
