"""Unchanging geometry for the live app as content-addressed files under ./static/geo.

st_folium sends every argument of the map again on each rerun, so geometry embedded in the
base map or a feature group travels on every click. A layer built with `link=publish` puts
its geometry in a file named by its hash (written once, atomically, by whichever session or
replica needs it first) and carries only the file's address; the browser fetches it once
per page (layers.compact_geojson) and keeps it. Exports and the static site embed geometry
instead, so they draw offline from a single file."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from pathlib import Path

import geopandas as gpd

from layers.delta_codec import Link, Shared, geometry_document

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parents[1] / "static" / "geo"
# Relative to the map's frame, like layers.assets.URL, so a server.baseUrlPath prefix still works.
URL = "../../app/static/geo"


def file_name(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20] + ".json"


def publish(text: str, target: Path = STATIC) -> str | None:
    """Write `text` to target/<hash>.json unless it is there already; its address from the map.
    None when it cannot be written (a read-only image without it): the layer embeds its geometry."""
    name = file_name(text)
    path = target / name
    if not path.exists():
        tmp = target / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            target.mkdir(parents=True, exist_ok=True)
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)  # atomic: a reader sees the whole file or none
        except OSError as exc:
            log.warning("geometry file %s not written (%s): embedding it instead", name, exc)
            return None
    return f"{URL}/{name}"


def shared(source: gpd.GeoDataFrame, shown: gpd.GeoDataFrame, link: Link | None) -> Shared | None:
    """`shown` (rows of `source`, by index) drawn from one file of all of `source`'s geometry, so
    every subset (a date's members, a line filter) uses the same file. None: embed instead."""
    if link is None:
        return None
    positions = source.index.get_indexer(shown.index)
    if (positions < 0).any():
        return None
    url = link(geometry_document(list(source.geometry.values)))
    return None if url is None else Shared(url, tuple(int(p) for p in positions))
