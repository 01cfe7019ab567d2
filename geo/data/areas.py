"""Official municipal areas (data/official_areas.csv) next to the areas computed from the boundaries,
and the check that the 31 figures add up to the province's total on the same basis
(data/official_area_totals.csv).

The computed area and the official one differ, in either direction: the statistical boundary
includes reclaimed land, tidal flats and estuary water (Ansan +15%), and the official figures leave
them out. So the panel shows both, each with its source and basis, and the signed difference.
A row's source is never a mirror or aggregator host (geo.core.citation.MIRROR_HOSTS).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from geo.core.citation import host, is_mirror
from geo.core.vocabulary import AS_OF_PATTERN, SOURCE_URL

BASES: Final = ("wikipedia_2022", "cadastral_2019", "encyclopedia")
COLUMNS: Final = ("slug", "official_km2", "basis", "source", "as_of")
TOTAL_COLUMNS: Final = ("basis", "total_km2", "source", "as_of")
_AS_OF = re.compile(rf"^(?:{AS_OF_PATTERN}|undated)$")
_NUMBER = re.compile(r"^\d+(?:\.(\d+))?$")


class AreaError(ValueError):
    """A row of data/official_areas.csv is malformed; the message names the municipality."""


@dataclass(frozen=True)
class OfficialArea:
    slug: str
    km2: float
    basis: str
    source: str
    as_of: str
    rounding: float = 0.0  # half the last published digit (0.05 for 827.0): the rounding error bound


@dataclass(frozen=True)
class ProvinceTotal:
    basis: str
    km2: float
    source: str
    as_of: str
    rounding: float = 0.0


def _figure(text: str, where: str, field: str) -> tuple[float, float]:
    """A published figure and its rounding bound (half a unit of its last digit)."""
    match = _NUMBER.match(text.strip())
    if not match:
        raise AreaError(f"{where}: {field} is not a number")
    return float(text), 0.5 * 10.0 ** -len(match.group(1) or "")


def _cite(row: Mapping[str, str], where: str) -> tuple[str, str]:
    source = row.get("source", "")
    if not SOURCE_URL.match(source):
        raise AreaError(f"{where}: source is not an http(s) URL")
    if is_mirror(source):
        raise AreaError(f"{where}: source host {host(source)} is a mirror or aggregator; cite the primary source")
    as_of = row.get("as_of", "")
    if not _AS_OF.match(as_of):
        raise AreaError(f"{where}: as_of must be YYYY[-MM[-DD]] or 'undated'")
    return source, as_of


def parse_rows(rows: Sequence[Mapping[str, str]], slugs: frozenset[str]) -> dict[str, OfficialArea]:
    """Validated slug -> OfficialArea; every Gyeonggi municipality must have exactly one row."""
    out: dict[str, OfficialArea] = {}
    for row in rows:
        slug = row.get("slug", "")
        where = f"official area of {slug or '?'}"
        if slug not in slugs:
            raise AreaError(f"{where}: not a Gyeonggi municipality slug")
        if slug in out:
            raise AreaError(f"{where}: listed twice")
        km2, rounding = _figure(row.get("official_km2", ""), where, "official_km2")
        if not 0 < km2 < 2000:
            raise AreaError(f"{where}: official_km2 {km2} out of range")
        if row.get("basis") not in BASES:
            raise AreaError(f"{where}: basis must be one of {BASES}")
        source, as_of = _cite(row, where)
        out[slug] = OfficialArea(slug, km2, row["basis"], source, as_of, rounding)
    missing = sorted(slugs - set(out))
    if missing:
        raise AreaError(f"official areas missing for {missing}")
    return out


def parse_totals(rows: Sequence[Mapping[str, str]]) -> dict[str, ProvinceTotal]:
    """Validated basis -> the province's total area on that basis (data/official_area_totals.csv)."""
    out: dict[str, ProvinceTotal] = {}
    for row in rows:
        basis = row.get("basis", "")
        where = f"province total ({basis or '?'})"
        if basis not in BASES or basis in out:
            raise AreaError(f"{where}: basis must be one of {BASES}, once each")
        km2, rounding = _figure(row.get("total_km2", ""), where, "total_km2")
        source, as_of = _cite(row, where)
        out[basis] = ProvinceTotal(basis, km2, source, as_of, rounding)
    return out


def province_sum_problem(areas: Mapping[str, OfficialArea], totals: Mapping[str, ProvinceTotal]) -> str | None:
    """Why the municipal figures do not add up to the province's total, or None when they do.

    They must all be on one basis, the province's total on that same basis must be known, and the
    sum must match it within the figures' own rounding: half a unit of the last published digit of
    every figure and of the total (31 figures to 0.1 km² allow 31 x 0.05 + 0.05 = 1.6 km²)."""
    bases = Counter(a.basis for a in areas.values())
    total = sum(a.km2 for a in areas.values())
    if len(bases) != 1:
        mix = ", ".join(f"{n} {b}" for b, n in bases.most_common())
        against = "".join(
            f", {total - t.km2:+,.2f} km² from the {t.basis} province total of {t.km2:,.1f} km²"
            for t in totals.values()
        )
        return f"the {len(areas)} figures mix bases ({mix}); their sum is {total:,.2f} km²{against}"
    (basis,) = bases
    if basis not in totals:
        return f"no province total on the {basis} basis; the {len(areas)} figures sum to {total:,.2f} km²"
    want = totals[basis]
    tolerance = sum(a.rounding for a in areas.values()) + want.rounding
    if abs(total - want.km2) > tolerance:
        return (
            f"the {len(areas)} {basis} figures sum to {total:,.2f} km², {total - want.km2:+,.2f} km² from the "
            f"province's {want.km2:,.1f} km² (rounding allows ±{tolerance:.2f})"
        )
    return None


def difference(computed_km2: float, official: OfficialArea) -> float:
    """Signed share by which the computed area differs from the official one (+0.15 = 15% larger)."""
    return computed_km2 / official.km2 - 1.0
