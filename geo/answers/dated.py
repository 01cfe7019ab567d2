"""The dates of the figures a panel shows, for the rule that nothing dated after the viewed day is
shown as current (`geo.timeline.milestones.after`, end-of-period rule).

Most facts carry their own date (`as_of`, a milestone's date); these are the figures the model
computes from the data as it stands today, dated by the latest change they depend on: the GTX
access shares and the nearest operating station by the opening of the stations in service, a
cluster's area by its latest membership change. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.core.vocabulary import Status, city_code
from geo.domain.model import Model
from geo.timeline.milestones import Record, parse_partial_date


def latest(dates: Iterable[str | None]) -> str | None:
    """The latest of partial dates ('2024', '2025-10', '2025-10-21') by the end of their period,
    or None when there are none."""
    known = [d for d in dates if d]
    return max(known, key=lambda d: parse_partial_date(d).end, default=None)


def network_date(model: Model) -> str | None:
    """When the GTX network in service today was complete: the latest opening date of a station
    in operation (the access shares and the nearest operating station are computed on it)."""
    return latest(s.opened for s in model.stations_by_id.values() if s.status == Status.OPERATING)


def members_date(record: Record | None) -> str | None:
    """The date of a cluster's latest membership change (its member list in the data is the list
    from that day on), or None when its timeline records none."""
    if record is None:
        return None
    return latest(
        m.date.text for m in record.milestones if m.kind == "happened" and (m.members_added or m.members_removed)
    )


def cluster_area_date(model: Model, cid: str) -> str | None:
    """The date a cluster's total area holds from: its latest membership change."""
    return members_date(model.data.timeline.get("cluster", cid))


def cluster_access_date(model: Model, cid: str) -> str | None:
    """The date a cluster's GTX access shares hold from: its members' and the network's latest change."""
    return latest((cluster_area_date(model, cid), network_date(model)))


def joined_date(model: Model, cid: str, slug: str) -> str | None:
    """When a Gyeonggi city or county became a member of a cluster by the cluster's timeline (the
    first milestone adding one of its boundary features), or None when no milestone dates it."""
    record = model.data.timeline.get("cluster", cid)
    munis = model.analysis_municipalities
    city = dict(zip(munis["slug"], munis["city_code"], strict=True)).get(slug)
    if record is None or city is None:
        return None
    added = (
        m for m in record.milestones if m.kind == "happened" and any(city_code(c) == city for c in m.members_added)
    )
    return next((m.date.text for m in added), None)
