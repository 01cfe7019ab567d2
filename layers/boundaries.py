"""Gyeonggi's 31 si/gun as clickable polygons, each with the CSS class region-<slug>."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import geopandas as gpd

from geo.core.i18n import name, t
from geo.core.palette import REGION_BASE_STYLE
from layers.compact_geojson import CompactGeoJson
from layers.delta_codec import Link, payload
from layers.geometry_files import shared
from layers.memo import content_key, memoised
from layers.text import tip


def _style(f: dict) -> dict:
    return {
        "className": f"region-{f['properties']['id']}",
        **REGION_BASE_STYLE,
    }


def _payload(
    municipalities: gpd.GeoDataFrame, lang: str, memberships: Mapping[str, Sequence[str]], link: Link | None
) -> str:
    gdf = municipalities[["slug", "geometry"]].copy()
    gdf["kind"] = "region"
    gdf["id"] = gdf["slug"]
    names = [name(r, lang) for _, r in municipalities.iterrows()]
    # The tooltip, and (layers.keyboard) the accessible name: the region and its clusters.
    gdf["tip"] = [
        tip(n, *(t(f"layer.{c}", lang) for c in memberships.get(slug, ())))
        for n, slug in zip(names, gdf["slug"], strict=True)
    ]
    gdf["seq"] = name_order(names)  # keyboard order: by name in the map's language
    return payload(gdf[["kind", "id", "tip", "seq", "geometry"]], _style, shared(municipalities, gdf, link))


def name_order(names: Sequence[str]) -> list[int]:
    """Each name's rank in sorted order (Hangul syllables sort in 가나다 order by code point)."""
    ranks = {i: r for r, i in enumerate(sorted(range(len(names)), key=lambda i: (names[i].casefold(), i)))}
    return [ranks[i] for i in range(len(names))]


def regions_layer(
    municipalities: gpd.GeoDataFrame,
    lang: str,
    memberships: Mapping[str, Sequence[str]] | None = None,
    link: Link | None = None,
) -> CompactGeoJson:
    """`link` (layers.geometry_files.publish) serves the outlines as a file instead of embedding them."""
    memberships = memberships or {}
    key = content_key(municipalities)
    members_key = tuple(sorted((k, tuple(v)) for k, v in memberships.items()))
    data = memoised(
        key and ("regions", key, lang, members_key, link),
        lambda: _payload(municipalities, lang, memberships, link),
    )
    return CompactGeoJson(data, tooltip="tip", sticky=True)
