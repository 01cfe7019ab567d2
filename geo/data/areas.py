"""Official municipal areas (data/official_areas.csv) next to the areas computed from the boundaries.

The computed area and the official one differ, in either direction: the statistical boundary
includes reclaimed land, tidal flats and estuary water (Ansan +15%), while some official figures
use another basis (Hwaseong publishes 844 km², more than the 791 km² computed here). So the panel
shows both, each with its source, and the signed difference.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from geo.core.vocabulary import AS_OF_PATTERN, SOURCE_URL

BASES: Final = ("wikipedia_2022", "cadastral_2019", "encyclopedia", "city_published")
COLUMNS: Final = ("slug", "official_km2", "basis", "source", "as_of")
_AS_OF = re.compile(rf"^(?:{AS_OF_PATTERN}|undated)$")


class AreaError(ValueError):
    """A row of data/official_areas.csv is malformed; the message names the municipality."""


@dataclass(frozen=True)
class OfficialArea:
    slug: str
    km2: float
    basis: str
    source: str
    as_of: str


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
        try:
            km2 = float(row.get("official_km2", ""))
        except ValueError:
            raise AreaError(f"{where}: official_km2 is not a number") from None
        if not 0 < km2 < 2000:
            raise AreaError(f"{where}: official_km2 {km2} out of range")
        if row.get("basis") not in BASES:
            raise AreaError(f"{where}: basis must be one of {BASES}")
        if not SOURCE_URL.match(row.get("source", "")):
            raise AreaError(f"{where}: source is not an http(s) URL")
        if not _AS_OF.match(row.get("as_of", "")):
            raise AreaError(f"{where}: as_of must be YYYY[-MM[-DD]] or 'undated'")
        out[slug] = OfficialArea(slug, km2, row["basis"], row["source"], row["as_of"])
    missing = sorted(slugs - set(out))
    if missing:
        raise AreaError(f"official areas missing for {missing}")
    return out


def difference(computed_km2: float, official: OfficialArea) -> float:
    """Signed share by which the computed area differs from the official one (+0.15 = 15% larger)."""
    return computed_km2 / official.km2 - 1.0
