"""The map's frames as of a date: statuses from the milestones, records not yet announced left
out, Peace Zone members from the day they became eligible, and targets that have passed with no
outcome flagged (drawn hollow with a label, so nobody reads them as done). Pure, no Streamlit.

Each derived frame gets a content key of its own (the file's key plus a digest of what the date
changed), so the layer memo (layers/memo.py) re-serialises a layer only when its statuses change.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import geopandas as gpd

from geo.core.vocabulary import CONTENT_KEY, NOT_YET_ANNOUNCED, city_code, status_key
from geo.timeline.milestones import Milestone, Record
from geo.timeline.status import Timeline, members_at, record_status_at


@dataclass(frozen=True)
class RecordAsOf:
    status: str
    overdue: tuple[Milestone, ...]  # targets passed, outcome not confirmed
    upcoming: tuple[Milestone, ...]


@dataclass(frozen=True)
class AsOf:
    """Everything on the map that depends on the day."""

    day: date
    sections: Mapping[str, RecordAsOf]
    stations: Mapping[str, Mapping[str, str]]  # id -> line -> status
    station_overdue: Mapping[str, tuple[Milestone, ...]]
    sites: Mapping[str, RecordAsOf]
    clusters: Mapping[str, RecordAsOf]
    members: Mapping[str, frozenset[str]]  # cluster id -> member boundary codes on the day


def _one(rec: Record, day: date) -> RecordAsOf:
    s = record_status_at(rec, day)
    return RecordAsOf(s.status, s.overdue, s.upcoming)


@functools.lru_cache(maxsize=64)
def as_of(timeline: Timeline, day: date) -> AsOf:
    """Statuses of every record on `day`. Cached per timeline (hashed by identity) and day: the
    result is frozen, so every session thread shares it, and lru_cache is thread-safe."""
    stations: dict[str, Mapping[str, str]] = {}
    station_overdue: dict[str, tuple[Milestone, ...]] = {}
    ids = {sid for sec in timeline.of_kind("section") for sid in sec.stations}
    ids |= {r.id for r in timeline.of_kind("station")}
    for sid in sorted(ids):
        stations[sid] = timeline.station_line_status_at(sid, day)
        own = timeline.get("station", sid)
        if own is not None:
            station_overdue[sid] = tuple(
                m
                for line in sorted({m.line for m in own.milestones if m.line})
                for m in record_status_at(_line_only(own, line), day).overdue
            )
    out = AsOf(
        day=day,
        sections={r.id: _one(r, day) for r in timeline.of_kind("section")},
        stations=stations,
        station_overdue=station_overdue,
        sites={r.id: _one(r, day) for r in timeline.of_kind("site")},
        clusters={r.id: _one(r, day) for r in timeline.of_kind("cluster")},
        members={r.id: members_at(r, day) for r in timeline.of_kind("cluster")},
    )
    return out


def _line_only(rec: Record, line: str) -> Record:
    """A station record's milestones on one line, as if they had no line (for record_status_at)."""
    ms = tuple(
        Milestone(**{**m.__dict__, "line": None})  # same milestone, line cleared
        for m in rec.milestones
        if m.line == line
    )
    return Record(kind=rec.kind, id=rec.id, checked=rec.checked, milestones=ms)


def _keyed(frame: gpd.GeoDataFrame, original: gpd.GeoDataFrame, changed: str) -> gpd.GeoDataFrame:
    base = original.attrs.get(CONTENT_KEY)
    if base:
        digest = hashlib.sha256(changed.encode("utf-8")).hexdigest()[:12]
        frame.attrs[CONTENT_KEY] = f"{base}@{digest}"
    return frame


def target_label(overdue: tuple[Milestone, ...]) -> str:
    """The dates of the targets that passed without an outcome, e.g. '2026-06-27' ('' if none)."""
    return ", ".join(m.date.text for m in overdue)


def lines_as_of(lines: gpd.GeoDataFrame, a: AsOf) -> gpd.GeoDataFrame:
    out = lines.copy()
    out["status"] = [
        a.sections[i].status if i in a.sections else s for i, s in zip(out["id"], out["status"], strict=True)
    ]
    out["target"] = [target_label(a.sections[i].overdue) if i in a.sections else "" for i in out["id"]]
    out = out[out["status"] != NOT_YET_ANNOUNCED]
    return _keyed(
        out, lines, "|".join(f"{i}:{s}:{t}" for i, s, t in zip(out["id"], out["status"], out["target"], strict=True))
    )


def stations_as_of(stations: gpd.GeoDataFrame, a: AsOf) -> gpd.GeoDataFrame:
    out = stations.copy()
    per_line = [{ln: s for ln, s in a.stations.get(i, {}).items() if s != NOT_YET_ANNOUNCED} for i in out["id"]]
    out["line_status"] = per_line
    out["lines"] = [sorted(p) for p in per_line]
    out["status"] = [min(p.values(), key=status_key) if p else NOT_YET_ANNOUNCED for p in per_line]
    out["target"] = [target_label(a.station_overdue.get(i, ())) for i in out["id"]]
    out = out[out["status"] != NOT_YET_ANNOUNCED]
    changed = "|".join(
        f"{i}:{s}:{','.join(ls)}:{t}"
        for i, s, ls, t in zip(out["id"], out["status"], out["lines"], out["target"], strict=True)
    )
    return _keyed(out, stations, changed)


def sites_as_of(sites: gpd.GeoDataFrame, a: AsOf) -> gpd.GeoDataFrame:
    out = sites.copy()
    out["status"] = [a.sites[i].status if i in a.sites else s for i, s in zip(out["id"], out["status"], strict=True)]
    out["target"] = [target_label(a.sites[i].overdue) if i in a.sites else "" for i in out["id"]]
    out = out[out["status"] != NOT_YET_ANNOUNCED]
    return _keyed(
        out, sites, "|".join(f"{i}:{s}:{t}" for i, s, t in zip(out["id"], out["status"], out["target"], strict=True))
    )


def outside_members_as_of(outside: gpd.GeoDataFrame, a: AsOf, cluster: str = "peace-zone") -> gpd.GeoDataFrame:
    """Peace Zone members outside Gyeonggi that were eligible on the day."""
    members = a.members.get(cluster)
    if members is None:
        return outside
    out = outside[outside["code"].astype(str).isin(members)]
    return _keyed(out, outside, ",".join(sorted(out["code"].astype(str))))


def memberships_as_of(
    memberships: Mapping[str, list[str]], slug_city: Mapping[str, str], a: AsOf
) -> dict[str, list[str]]:
    """slug -> cluster ids on the day: a cluster with dated members keeps a municipality only from
    the day one of its boundary features joined."""
    out: dict[str, list[str]] = {}
    for slug, clusters in memberships.items():
        kept = []
        for cid in clusters:
            members = a.members.get(cid)
            if members is None or slug_city.get(slug, "") in {city_code(code) for code in members}:
                kept.append(cid)
        out[slug] = kept
    return out
