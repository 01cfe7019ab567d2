"""Print timings (geo/printing/render.py): the first print as a person pays for it on their first
click, and warm prints of a region view as PNG (1920x1080) and PDF.

The first print runs in a fresh subprocess that has built the model (as the app has) but not
imported matplotlib (the app imports it on the first click, ui/print_box.py): it times the import
of the print module, the font registration and the projection of the layers, and the print."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGION = {"region": "yongin", "lang": "en"}
LINK_BASE = "http://127.0.0.1:8501/"
TODAY = date(2026, 11, 30)

FIRST_PRINT = f"""
import json, sys, time
from datetime import date
from geo.answers import story
from geo.domain.model import build
from geo.state import share, url_state

model = story.checked(build())
state = url_state.parse({REGION!r}, model.known)
link = share.view_url({LINK_BASE!r}, state)
assert "matplotlib" not in sys.modules, "the app has not imported matplotlib before the first click"
t0 = time.perf_counter()
from geo.printing import render as print_map
t1 = time.perf_counter()
data = print_map.render(model, state, "png", link, date.fromisoformat({TODAY.isoformat()!r}))
t2 = time.perf_counter()
assert data
print(json.dumps({{"import_ms": (t1 - t0) * 1000, "total_ms": (t2 - t0) * 1000}}))
"""


def first_print() -> dict[str, float]:
    """The first print in a fresh process: import of the print module + font + projection + print."""
    out = subprocess.run([sys.executable, "-c", FIRST_PRINT], cwd=ROOT, check=True, capture_output=True, text=True)
    res = json.loads(out.stdout.strip().splitlines()[-1])
    return {"print_cold_ms": res["total_ms"], "print_import_ms": res["import_ms"]}


def measure(n: int) -> dict:
    from geo.answers import story
    from geo.domain.model import build
    from geo.printing import render as print_map
    from geo.state import share, url_state

    model = story.checked(build())
    state = url_state.parse(REGION, model.known)
    link = share.view_url(LINK_BASE, state)

    def once(fmt: str) -> float:
        t0 = time.perf_counter()
        data = print_map.render(model, state, fmt, link, TODAY)
        elapsed = (time.perf_counter() - t0) * 1000
        assert data, fmt
        return elapsed

    once("png")  # warm: the font and the projection are ready
    return {
        **first_print(),
        "print_png_ms": [once("png") for _ in range(n)],
        "print_pdf_ms": [once("pdf") for _ in range(n)],
    }


if __name__ == "__main__":
    res = measure(5)
    print({k: (round(v) if isinstance(v, float) else [round(x) for x in v]) for k, v in res.items()})
