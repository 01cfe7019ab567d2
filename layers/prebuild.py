"""Everything the live app serves from ./static, written before it serves anyone: Leaflet
(layers.assets) and the geometry files (layers.geometry_files) of the region outlines, the
Peace Zone members outside Gyeonggi and each region's selection outline.

The app runs this once per data directory (ui.model_cache); an image runs it at build time
(`python -m layers.prebuild`, Dockerfile), so the app never writes into a read-only /app."""

from __future__ import annotations

import sys
from pathlib import Path

from geo.data import datafiles
from geo.domain.model import Model, build
from geo.state.url_state import LANGS
from layers import assets, geometry_files
from layers.boundaries import regions_layer
from layers.peace_zone import peace_zone_layer
from layers.selection_overlay import selection_layer


def geometry(model: Model) -> int:
    """Publish (and memoise) the layers the app links; how many files the static folder holds."""
    link = geometry_files.publish
    d = model.data
    for lang in LANGS:
        regions_layer(d.display_municipalities, lang, model.memberships, link)
        peace_zone_layer(d.peace_zone_outside, lang, link, d.peace_zone_outside)
    for slug in model.analysis_municipalities["slug"]:
        selection_layer(model.analysis_municipalities, slug, link=link)
    return len(list(geometry_files.STATIC.glob("*.json")))


def main() -> int:
    assets.install_static()
    n = geometry(build(Path(datafiles.current_data_dir())))
    print(f"static: Leaflet in {assets.STATIC}, {n} geometry files in {geometry_files.STATIC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
