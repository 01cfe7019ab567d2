"""Freshness audit of the data, from the data alone (no network).

Lists
  1. records not checked in the last 180 days (`checked` in the TOML sources);
  2. targets whose date has passed with no outcome ("target passed, outcome not confirmed");
  3. records whose newest source is more than a year older than their `checked` date while a
     newer one would be expected: the record still has a target ahead or overdue, or has not
     reached a final status (operating / designated). Undated sources are listed too.
  4. what is still unverifiable: addresses on mirror or aggregator hosts kept until a primary
     address is found (geo.core.citation.AWAITING_PRIMARY), and whether the official areas add up
     to the province's total on one basis (geo.data.areas.province_sum_problem).

Usage
  python -m scripts.audit              writes docs/data-audit.md, prints it, exit 1 if anything is listed
  python -m scripts.audit --report     prints only, always exit 0 (CI)
  --today YYYY-MM-DD                   audit as of another day (default: today)
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from geo.core import clock
from geo.core.citation import AWAITING_PRIMARY, is_mirror
from geo.core.vocabulary import FINAL_STATUSES
from geo.data import areas
from geo.data.datafiles import read_csv, read_milestones
from geo.timeline.milestones import UNDATED, Milestone, Record, parse_partial_date
from geo.timeline.status import Timeline, latest_status, open_targets, overdue_targets

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
OUT = ROOT / "docs" / "data-audit.md"
CHECK_DAYS = 180  # a record not checked for longer is listed
STALE_DAYS = 365  # newest source this much older than `checked`, with news expected


@dataclass(frozen=True)
class Findings:
    today: date
    unchecked: list[tuple[str, str, int]]  # label, checked, days
    overdue: list[tuple[str, Milestone]]
    stale: list[tuple[str, str, str, str]]  # label, newest as_of, checked, why
    undated: list[tuple[str, str]]  # label, source
    mirrors: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)  # url, where, why
    areas: str | None = None  # why the official areas do not add up to the province, if they do not

    @property
    def count(self) -> int:
        return len(self.unchecked) + len(self.overdue) + len(self.stale)


def record_sources(data_dir: Path) -> dict[tuple[str, str], list[str]]:
    """(kind, id) -> the as_of dates of the record's own source and facts, from the TOML files."""
    out: dict[tuple[str, str], list[str]] = {}
    tables = {"gtx.toml": ("station", "section"), "sites.toml": ("site",), "projects.toml": ("cluster",)}
    for file, kinds in tables.items():
        raw: dict[str, Any] = tomllib.loads((data_dir / file).read_text(encoding="utf-8"))
        for kind in kinds:
            for rec in raw.get(kind, []):
                dates = [str(rec["as_of"])] + [str(f["as_of"]) for f in rec.get("fact", [])]
                out[(kind, rec["id"])] = dates
    return out


URL = re.compile(r"https?://[^\s\"'<>,\]]+")
DATA_FILES = ("*.toml", "*.csv", "*.json", "*.geojson")


def cited_urls(data_dir: Path) -> dict[str, Counter[str]]:
    """Every http(s) address in data/ -> how often each file cites it."""
    out: dict[str, Counter[str]] = {}
    for pattern in DATA_FILES:
        for path in sorted(data_dir.glob(pattern)):
            for url in URL.findall(path.read_text(encoding="utf-8")):
                out.setdefault(url, Counter())[path.name] += 1
    return out


def mirror_sources(data_dir: Path) -> list[tuple[str, str, str]]:
    """(url, where it is cited, why it is kept) for every address on a mirror or aggregator host."""
    found = []
    for url, files in sorted(cited_urls(data_dir).items()):
        if is_mirror(url):
            where = ", ".join(f"{name} x{n}" for name, n in sorted(files.items()))
            found.append((url, where, AWAITING_PRIMARY.get(url, "NOT ALLOWED: cite the primary source")))
    return found


def official_areas_problem(data_dir: Path) -> str | None:
    rows = read_csv(data_dir / "official_areas.csv", areas.COLUMNS)
    official = areas.parse_rows(rows, frozenset(r["slug"] for r in rows))
    totals = areas.parse_totals(read_csv(data_dir / "official_area_totals.csv", areas.TOTAL_COLUMNS))
    return areas.province_sum_problem(official, totals)


def _status_ms(record: Record) -> list[list[Milestone]]:
    """The record's milestones grouped by line (stations), or one group."""
    lines = sorted({m.line or "" for m in record.milestones})
    return [[m for m in record.milestones if (m.line or "") == line] for line in lines] or [[]]


def audit(
    timeline: Timeline, sources: dict[tuple[str, str], list[str]], today: date, data_dir: Path = DATA
) -> Findings:
    unchecked, overdue, stale, undated = [], [], [], []
    for (kind, rid), rec in sorted(timeline.records.items()):
        label = rec.label
        age = (today - rec.checked.end).days
        if age > CHECK_DAYS:
            unchecked.append((label, rec.checked.text, age))
        groups = _status_ms(rec)
        late = [m for ms in groups for m in overdue_targets(ms, today)]
        overdue += [(label, m) for m in late]
        ahead = [m for ms in groups for m in open_targets(ms, today)]
        dated = list(sources.get((kind, rid), []))
        for m in rec.milestones:
            if m.as_of == UNDATED:
                undated.append((label, m.source))
            else:
                dated.append(m.as_of)
        if not dated:
            continue
        newest = max(dated, key=lambda s: parse_partial_date(s).end)
        gap = (rec.checked.end - parse_partial_date(newest).end).days
        final = rec.milestones and latest_status(rec) in FINAL_STATUSES
        why = []
        if late:
            why.append("overdue target")
        if ahead:
            why.append("target ahead")
        if rec.milestones and not final and kind != "station":
            why.append(f"status {latest_status(rec)} not final")
        if gap > STALE_DAYS and why:
            stale.append((label, newest, rec.checked.text, ", ".join(why)))
    overdue.sort(key=lambda p: (p[1].sort_key(), p[0]))
    return Findings(
        today,
        unchecked,
        overdue,
        stale,
        sorted(set(undated)),
        mirror_sources(data_dir),
        official_areas_problem(data_dir),
    )


def render(f: Findings) -> str:
    out = [
        "# Data freshness audit",
        "",
        f"As of {f.today.isoformat()}, from the files in data/ alone (`make audit`, `python -m scripts.audit`).",
        "A target counts as passed after the last day of its period (a `2026-10` target from 2026-11-01).",
        "",
        f"## Records not checked in the last {CHECK_DAYS} days ({len(f.unchecked)})",
        "",
    ]
    out += [f"- {label}: checked {c} ({d} days ago)" for label, c, d in f.unchecked] or ["None."]
    out += ["", f"## Targets passed, outcome not confirmed ({len(f.overdue)})", ""]
    out += [
        f"- {label}: target {m.date}{' (line ' + m.line + ')' if m.line else ''}: {m.text_en} "
        f"Source: {m.source} (as of {m.as_of})"
        for label, m in f.overdue
    ] or ["None."]
    out += [
        "",
        f"## Sources more than {STALE_DAYS} days older than the record's check, newer news expected ({len(f.stale)})",
        "",
    ]
    out += [f"- {label}: newest source {n}, checked {c} ({why})" for label, n, c, why in f.stale] or ["None."]
    out += ["", f"## Undated sources ({len(f.undated)})", ""]
    out += [f"- {label}: {src}" for label, src in f.undated] or ["None."]
    out += ["", "## Still unverifiable", ""]
    out += [f"### Sources on mirror or aggregator hosts, awaiting a primary address ({len(f.mirrors)})", ""]
    out += [f"- {url} ({where}): {why}" for url, where, why in f.mirrors] or ["None."]
    out += ["", "### Official areas: one basis for all 31 and the province's total on it", ""]
    out += [f"- Blocked: {f.areas}." if f.areas else "The 31 figures add up to the province's total."]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Data freshness audit")
    parser.add_argument("--report", action="store_true", help="print only and exit 0 (CI)")
    parser.add_argument("--today", type=date.fromisoformat, default=clock.today())
    parser.add_argument("--data-dir", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    findings = audit(read_milestones(args.data_dir / "milestones.json"), record_sources(args.data_dir), args.today)
    text = render(findings)
    print(text, end="")
    if args.report:
        return 0
    args.out.write_text(text, encoding="utf-8")
    return 1 if findings.count else 0


if __name__ == "__main__":
    sys.exit(main())
