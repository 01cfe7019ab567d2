"""Print timings (geo/printing/render.py), in this process: the first print (font registration and
the projection of the layers) and warm prints of a region view as PNG (1920x1080) and PDF."""

from __future__ import annotations

import time
from datetime import date


def measure(n: int) -> dict:
    from geo.answers import story
    from geo.domain.model import build
    from geo.printing import render as print_map
    from geo.state import share, url_state

    model = story.checked(build())
    state = url_state.parse({"region": "yongin", "lang": "en"}, model.known)
    link = share.view_url("http://127.0.0.1:8501/", state)
    today = date(2026, 11, 30)

    def once(fmt: str) -> float:
        t0 = time.perf_counter()
        data = print_map.render(model, state, fmt, link, today)
        elapsed = (time.perf_counter() - t0) * 1000
        assert data, fmt
        return elapsed

    cold = once("png")
    return {
        "print_cold_ms": cold,
        "print_png_ms": [once("png") for _ in range(n)],
        "print_pdf_ms": [once("pdf") for _ in range(n)],
    }


if __name__ == "__main__":
    res = measure(5)
    print({k: (round(v) if isinstance(v, float) else [round(x) for x in v]) for k, v in res.items()})
