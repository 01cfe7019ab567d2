"""The data build's milestone step: validate every record's milestones (geo.timeline.milestones, the same
validator the app's loader uses), derive the statuses that the geojson files carry, and write
data/milestones.json.

Status is never stored in the TOML sources. For the committed geojson the build takes the status
after every happened milestone (a happened milestone cannot be dated after its record's
`checked` date, so this does not depend on the day the build runs). Sections also get `opened`
(the day of their first happened Status.OPERATING milestone), stations their status per line
(geo.timeline.status.Timeline.station_line_status_at) and clusters their status and members.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from geo.core.vocabulary import NOT_YET_ANNOUNCED, Status, status_key
from geo.timeline.milestones import MilestoneError, Record, validate_record
from geo.timeline.serial import record_to_dict
from geo.timeline.status import Timeline, first_operating_day, latest_status, members_at

LATEST = date.max  # "after every happened milestone"


def _record(kind: str, raw: dict[str, Any], *, needs: bool = True, **extra: Any) -> Record:
    rid = raw.get("id")
    if not isinstance(rid, str):
        raise MilestoneError(f"{kind} with a missing id")
    return validate_record(kind, rid, {**raw, **extra}, needs_milestones=needs)


def _status(rec: Record) -> str:
    status = latest_status(rec)
    if status == NOT_YET_ANNOUNCED:
        raise MilestoneError(f"{rec.label}: needs at least one happened milestone with a status")
    return status


def attach(gtx: dict[str, Any], sites: dict[str, Any], projects: dict[str, Any]) -> Timeline:
    """Validate milestones and write the derived `status` / `opened` / cluster status into the
    parsed TOML dicts (in place). Raises MilestoneError naming the record."""
    records: dict[tuple[str, str], Record] = {}
    for sec in gtx.get("section", []):
        if "status" in sec or "opened" in sec:
            raise MilestoneError(f"section {sec.get('id')}: status and opened are derived from milestones; remove them")
        rec = _record("section", sec, line=sec.get("line"), stations=sec.get("stations", []))
        sec["status"] = _status(rec)
        day = first_operating_day(rec.milestones)
        if sec["status"] == Status.OPERATING:
            if day is None:
                raise MilestoneError(f"{rec.label}: operating, but its opening milestone has no full date")
            sec["opened"] = day
        records[("section", rec.id)] = rec
    for st in gtx.get("station", []):
        if "status" in st or "opened" in st:
            raise MilestoneError(f"station {st.get('id')}: status and opened are derived from milestones; remove them")
        rec = _record("station", st, needs=False)
        if any(m.status is not None and m.line is None for m in rec.milestones):
            raise MilestoneError(f"{rec.label}: a station status milestone must name its `line`")
        records[("station", rec.id)] = rec
    sourced = [("site", x) for x in sites.get("site", [])] + [("cluster", x) for x in projects.get("cluster", [])]
    for kind, raw in sourced:
        if "status" in raw:
            raise MilestoneError(f"{kind} {raw.get('id')}: status is derived from milestones; remove it")
        rec = _record(kind, raw)
        raw["status"] = _status(rec)
        records[(kind, rec.id)] = rec
        if kind == "cluster" and any(m.members_added or m.members_removed for m in rec.milestones):
            now = members_at(rec, LATEST)
            if now != set(raw.get("members", [])):
                raise MilestoneError(
                    f"{rec.label}: members from milestones {sorted(now)} differ from `members` "
                    f"{sorted(raw.get('members', []))}"
                )
    return Timeline(records)


def station_derived(timeline: Timeline, sections: list[dict[str, Any]], sid: str) -> dict[str, Any]:
    """lines, line_status, status and opened of one station after every happened milestone."""
    per_line = timeline.station_line_status_at(sid, LATEST)
    if NOT_YET_ANNOUNCED in per_line.values():
        raise MilestoneError(f"station {sid}: a line has no happened milestone yet")
    opened: str | None = None
    for sec in sections:
        if sid in sec["stations"] and sec.get("opened") and per_line.get(sec["line"]) == Status.OPERATING:
            opened = sec["opened"] if opened is None else min(opened, sec["opened"])
    own = timeline.get("station", sid)
    if own is not None:
        for line in sorted({m.line for m in own.milestones if m.line}):
            day = first_operating_day(own.milestones, line)
            if day is not None:
                if opened is not None and day < opened:
                    raise MilestoneError(f"station {sid}: opened {day} precedes its section {opened}")
                opened = day
    status = min(per_line.values(), key=status_key)
    return {"lines": sorted(per_line), "line_status": per_line, "status": status, "opened": opened}


def milestones_json(timeline: Timeline) -> str:
    """data/milestones.json: one record per line, sorted by kind and id, newline at the end."""
    rows = [record_to_dict(timeline.records[key]) for key in sorted(timeline.records)]
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in rows]
    return "[\n" + ",\n".join(lines) + "\n]\n"
