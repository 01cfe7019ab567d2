"""The plain-data form of the timeline (data/milestones.json): a record as a dict and back.

The data build writes data/milestones.json with `record_to_dict`; the app's loader
(geo/data/datafiles.py) reads it back with `timeline_from_dicts`, through the same validator
(geo/timeline/milestones.py `validate_record`) as the TOML sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from geo.timeline.milestones import Milestone, MilestoneError, Record, validate_record
from geo.timeline.status import Timeline


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
