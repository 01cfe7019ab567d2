"""Leaflet from the installed xstatic-leaflet package instead of a CDN.

Streamlit serves ./static at /app/static (server.enableStaticServing), so the
files are copied there once; a standalone export inlines them instead. URL is relative
to the map's frame (<base>/component/streamlit_folium.st_folium/index.html), so the map
also loads when the app is served under a path prefix (server.baseUrlPath)."""

from __future__ import annotations

import shutil
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

SOURCE = Path(xleaflet.BASE_DIR)
STATIC = Path(__file__).resolve().parents[1] / "static" / "vendor" / "leaflet"
URL = "../../app/static/vendor/leaflet"
FILES = ("leaflet.js", "leaflet.css")


def install_static(target: Path = STATIC) -> Path:
    """Copy leaflet.js/.css into the app's static folder unless already there."""
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        src, dst = SOURCE / name, target / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size:
            shutil.copyfile(src, dst)
    return target


def read(name: str) -> str:
    return (SOURCE / name).read_text(encoding="utf-8")
