"""Server-side figures with streamlit.testing.v1.AppTest, in this process: rerun times
and the bytes st_folium sends for the map."""

from __future__ import annotations

import json
import time
from pathlib import Path

import shapely


def _spy_st_folium(captured: dict):
    """Wrap streamlit_folium.st_folium to keep the map of the first run (the scripts
    import it from the module on every run, so the wrapper is what they call)."""
    import streamlit_folium

    original = streamlit_folium.st_folium

    def spy(fig, *args, **kwargs):
        out = original(fig, *args, **kwargs)
        captured.setdefault("fig", fig)  # st_folium has added the feature groups to it by now
        return out

    streamlit_folium.st_folium = spy
    return lambda: setattr(streamlit_folium, "st_folium", original)


def _share_script_cache():
    """AppTest gives every run a new ScriptCache, so it parses, rewrites (magic) and compiles
    the script on every rerun; a server does that once. Share one cache, like a server."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import local_script_runner

    shared = ScriptCache()
    original = local_script_runner.ScriptCache
    local_script_runner.ScriptCache = lambda: shared
    return lambda: setattr(local_script_runner, "ScriptCache", original)


def measure(script: Path, regions: list[tuple[str, str]], reruns: int, warmup: int = 2) -> dict:
    """First run, then `reruns` timed reruns each selecting another region in the sidebar
    (the same rerun a map click causes), checking the panel heading every time."""
    from streamlit.testing.v1 import AppTest

    captured: dict = {}
    restore = _spy_st_folium(captured)
    unshare = _share_script_cache()
    try:
        at = AppTest.from_file(str(script), default_timeout=600)
        t0 = time.perf_counter()
        at.run()
        first_s = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"{script.name}: {at.exception[0].message}")
        comp = at.get("component_instance")[0]
        json_args = comp.proto.json_args
        args = json.loads(json_args)
        html = captured["fig"].get_root().render()
        times = []
        for i in range(warmup + reruns):
            slug, heading = regions[i % len(regions)]
            t0 = time.perf_counter()
            at.sidebar.selectbox(key="w_region").set_value(slug).run()
            dt = time.perf_counter() - t0
            if at.exception or not at.header or at.header[0].value != heading:
                raise RuntimeError(f"{script.name}: rerun for {slug} did not show {heading!r}")
            if i >= warmup:
                times.append(dt * 1000)
    finally:
        restore()
        unshare()
    return {
        "first_run_s": first_s,
        "rerun_ms": times,
        "payload_bytes": len(json_args.encode()),
        "payload_parts": {
            k: len(json.dumps(v, ensure_ascii=False).encode())
            for k, v in args.items()
            if isinstance(v, str) and len(v) > 1000
        },
        "html_bytes": len(html.encode()),
    }


def source_vertices() -> dict:
    """Boundary vertices each build draws (Gyeonggi's cities plus the zone's outside members)."""
    from bench.naive_app import full_res_boundaries
    from geo.answers import story
    from geo.domain.model import build

    model = story.checked(build())
    munis, outside = full_res_boundaries(model)
    count = lambda g: int(shapely.get_num_coordinates(g.geometry.values).sum())
    return {
        "app": count(model.data.display_municipalities) + count(model.data.peace_zone_outside),
        "naive": count(munis) + count(outside),
    }
