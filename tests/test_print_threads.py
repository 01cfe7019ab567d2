"""Prints made at the same time (Streamlit runs download callables in threads) do not corrupt each other."""

from __future__ import annotations

import dataclasses
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import matplotlib
import pytest

from geo.printing import render as print_map
from geo.state import share, url_state

BASE = "https://ggm.example.streamlit.app/"
TODAY = date(2026, 11, 30)
VIEWS = {
    "region-ko": {"region": "yongin"},
    "station-en": {"station": "dongtan", "lang": "en"},
    "cluster-en": {"cluster": "peace-zone", "lang": "en"},
    "overview-ko": {},
}
# 8 prints: every view twice, in two formats, every format at least twice.
JOBS = [
    ("region-ko", "png"),
    ("station-en", "svg"),
    ("cluster-en", "pdf"),
    ("overview-ko", "png"),
    ("region-ko", "svg"),
    ("station-en", "pdf"),
    ("cluster-en", "png"),
    ("overview-ko", "svg"),
]


def _print(model, view: str, fmt: str) -> bytes:
    state = url_state.parse(VIEWS[view], model.known)
    return print_map.render(model, state, fmt, share.view_url(BASE, state), TODAY)


@pytest.fixture(scope="module")
def alone(model):
    """Each job printed on its own, warnings as errors (no tofu, no font fallback)."""
    out = {}
    for job in JOBS:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out[job] = _print(model, *job)
    return out


def test_eight_prints_at_once_are_each_the_same_as_alone(model, alone):
    before = matplotlib.rcParams.copy()
    changed: list[str] = []
    done = threading.Event()

    def watch() -> None:  # a print that set global settings, even briefly, would show here
        while not done.is_set() and not changed:
            now = matplotlib.rcParams.copy()
            changed.extend(k for k in before if now[k] != before[k])
            time.sleep(0.002)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(2):
            start = threading.Barrier(len(JOBS))

            def job(view: str, fmt: str, start: threading.Barrier = start) -> bytes:
                start.wait()  # all eight draw at the same time
                return _print(model, view, fmt)

            with ThreadPoolExecutor(max_workers=len(JOBS)) as pool:
                results = list(pool.map(lambda j: job(*j), JOBS))
            differ = [j for j, data in zip(JOBS, results, strict=True) if data != alone[j]]
            assert not differ, f"printed at once, these differ from the same view printed alone: {differ}"
    finally:
        done.set()
        watcher.join()
    assert not changed, f"a print changed matplotlib's global settings: {sorted(set(changed))}"


def test_the_same_view_twice_at_once_is_the_same(model, alone):
    # PDF and SVG carry no date and fixed ids, so equal bytes are possible at all.
    start = threading.Barrier(4)
    jobs = [("region-ko", "svg"), ("region-ko", "svg"), ("station-en", "pdf"), ("station-en", "pdf")]

    def job(view: str, fmt: str) -> bytes:
        start.wait()
        return _print(model, view, fmt)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda j: job(*j), jobs))
    assert all(data == alone[j] for j, data in zip(jobs, results, strict=True))


def test_projection_is_cached_by_content_not_by_object(model):
    lay = print_map.projected(model)
    # A different Model object over the same frames reuses the projection ...
    copy = dataclasses.replace(model)
    assert print_map.projected(copy).municipalities is lay.municipalities
    # ... and a model whose data differ gets its own, whatever object ids Python reuses.
    fewer = model.data.display_municipalities.iloc[:5].copy()
    fewer.attrs = {**fewer.attrs, print_map.CONTENT_KEY: "municipalities.geojson:first-five"}
    changed = dataclasses.replace(model, data=dataclasses.replace(model.data, display_municipalities=fewer))
    assert len(print_map.projected(changed).municipalities) == 5
    assert len(print_map.projected(model).municipalities) == len(model.data.display_municipalities)


def test_frames_without_a_content_key_are_keyed_by_their_content(model):
    a = model.clusters.copy()
    b = model.clusters.copy()
    a.attrs, b.attrs = {}, {}
    assert print_map.fingerprint(a) == print_map.fingerprint(b)
    b.loc[b.index[0], "name_en"] = "changed"
    assert print_map.fingerprint(a) != print_map.fingerprint(b)
