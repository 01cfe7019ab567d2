"""The one validator of data/projects.toml, used by the data build (scripts/build_content.py) and
the app's loader (geo/data/datafiles.py), so the two can never disagree. Pure Python, no Streamlit.

Clusters store no `status` (it comes from their milestones, geo/timeline/status.py); their milestones
are checked by geo.timeline.milestones, not here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any, Final

from geo.core.vocabulary import AS_OF, SOURCE_URL

PROJECT_STATUSES: Final = ("proposed", "partly_adopted")
FACT_KEYS: Final = frozenset({"label_ko", "label_en", "value_ko", "value_en", "source", "as_of"})
GROWTH_PROJECTS: Final = 3

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CODE = re.compile(r"^\d{5}$")


class ProjectsError(ValueError):
    """projects.toml breaks a rule; the message names the record, `field` the key."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _require(rec: Mapping[str, Any], keys: Collection[str], where: str) -> None:
    for key in keys:
        if rec.get(key) in (None, "", []):
            raise ProjectsError(f"{where}: missing `{key}`", key)


def _sources(rec: Mapping[str, Any], where: str) -> None:
    urls = [("source", rec.get("source"))] + [(f"sources[{i}]", u) for i, u in enumerate(rec.get("sources", []))]
    for key, url in urls:
        if not isinstance(url, str) or not SOURCE_URL.match(url) or "..." in url:
            raise ProjectsError(f"{where}: `{key}` is not a full http(s) URL: {url!r}", key.split("[")[0])
    if not (isinstance(rec.get("as_of"), str) and AS_OF.match(rec["as_of"])):
        raise ProjectsError(f"{where}: `as_of` must be YYYY[-MM[-DD]], got {rec.get('as_of')!r}", "as_of")


def _checked(rec: Mapping[str, Any], where: str) -> None:
    if not (isinstance(rec.get("checked"), str) and _DAY.match(rec["checked"])):
        raise ProjectsError(f"{where}: `checked` must be YYYY-MM-DD, got {rec.get('checked')!r}", "checked")


def _facts(rec: Mapping[str, Any], where: str) -> None:
    for i, fact in enumerate(rec.get("fact", [])):
        w = f"{where} fact {i + 1}"
        _require(fact, sorted(FACT_KEYS), w)
        extra = set(fact) - FACT_KEYS
        if extra:
            raise ProjectsError(f"{w}: unknown keys {sorted(extra)}")
        _sources(fact, w)


def _ids(recs: list[Mapping[str, Any]], kind: str) -> None:
    seen: set[str] = set()
    for i, rec in enumerate(recs):
        rid = rec.get("id")
        if not isinstance(rid, str) or not _ID.match(rid):
            raise ProjectsError(f"{kind} #{i + 1}: bad or missing `id` {rid!r}", "id")
        if rid in seen:
            raise ProjectsError(f"{kind} {rid}: duplicate id")
        seen.add(rid)


def validate_projects(projects: Mapping[str, Any], codes: Collection[str] | None = None) -> None:
    """Raise ProjectsError on the first broken rule. `codes`: the boundary codes cluster members
    must come from (None skips that check)."""
    meta = projects.get("meta")
    if not isinstance(meta, Mapping) or not meta:
        raise ProjectsError("meta: missing [meta]")
    _require(meta, ("title_ko", "title_en", "date", "source"), "meta")
    _sources(meta, "meta")
    _checked(meta, "meta")
    _facts(meta, "meta")
    clusters = projects.get("cluster")
    if not isinstance(clusters, list) or not clusters:
        raise ProjectsError("cluster: no [[cluster]] tables", "cluster")
    _ids(clusters, "cluster")
    for c in clusters:
        where = f"cluster {c['id']}"
        _require(c, ("name_ko", "name_en", "members", "summary_ko", "summary_en", "source"), where)
        if "status" in c:
            raise ProjectsError(f"{where}: `status` is derived from its milestones; remove it", "status")
        members = c["members"]
        if not isinstance(members, list) or not all(isinstance(m, str) and _CODE.match(m) for m in members):
            raise ProjectsError(f"{where}: `members` must be a list of 5-digit boundary codes", "members")
        if len(set(members)) != len(members):
            raise ProjectsError(f"{where}: duplicate members", "members")
        if codes is not None:
            bad = [m for m in members if m not in codes]
            if bad:
                raise ProjectsError(f"{where}: members not in the boundaries: {bad}", "members")
        _sources(c, where)
        _checked(c, where)
        _facts(c, where)
    cluster_ids = {c["id"] for c in clusters}
    for kind in ("project", "proposal"):
        recs = projects.get(kind, [])
        _ids(recs, kind)
        for r in recs:
            where = f"{kind} {r['id']}"
            _require(r, ("name_ko", "name_en", "status", "summary_ko", "summary_en", "source"), where)
            if r["status"] not in PROJECT_STATUSES:
                raise ProjectsError(f"{where}: `status` must be one of {PROJECT_STATUSES}", "status")
            if "cluster" in r and r["cluster"] not in cluster_ids:
                raise ProjectsError(f"{where}: unknown cluster {r['cluster']!r}", "cluster")
            _sources(r, where)
            _checked(r, where)
            _facts(r, where)
    if len(projects.get("project", [])) != GROWTH_PROJECTS:
        raise ProjectsError(f"project: expected the {GROWTH_PROJECTS} growth projects")
