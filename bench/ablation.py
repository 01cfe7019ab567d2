"""The ablation in docs/performance.md: CPU time of ui.map_view.draw_map per rerun, with and without
the layer memo (layers/memo.py) and the plain rendering (layers/single_pass.py).

    python -m bench.ablation            # every variant, each in its own process
    python -m bench.ablation --runs 40

draw_map runs outside a Streamlit server (bare mode: st_folium renders the map, as it does on every
rerun, and sends it nowhere), on the model the app shares between sessions (ui.model_cache.load_model,
st.cache_resource), once per region selection; CPU time (time.process_time), median after a few untimed
selections. Not part of `make bench`: a figure for the reasoning in performance.md, not a target.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = {
    "now": "Now",
    "no-plain": "Now, without plain rendering (branca recompiles every rendered part)",
    "no-memo": "Now, without the memo (payload strings rebuilt every rerun)",
}
WARMUP = 5


def _disable(variant: str) -> None:
    """Take one piece of the performance work out, in this process."""
    if variant == "no-memo":
        import layers.boundaries
        import layers.gtx
        import layers.peace_zone
        import layers.sites

        for module in (layers.boundaries, layers.gtx, layers.peace_zone, layers.sites):
            module.memoised = lambda key, build: build()  # type: ignore[attr-defined]
    elif variant == "no-plain":
        import folium
        from branca.element import MacroElement

        from layers import single_pass

        single_pass.PlainMacro.render = MacroElement.render  # type: ignore[method-assign]
        single_pass._PlainLayer.render = folium.map.Layer.render  # type: ignore[method-assign,assignment]


def measure(variant: str, runs: int) -> float:
    """Median CPU ms of draw_map over `runs` region selections (after WARMUP untimed ones)."""
    logging.disable(logging.WARNING)  # "missing ScriptRunContext": bare mode, expected
    from geo.data import datafiles
    from geo.state.url_state import ViewState
    from ui.map_view import draw_map
    from ui.model_cache import load_model

    _disable(variant)
    model = load_model(str(datafiles.current_data_dir()))
    slugs = list(model.region_table["slug"])
    times = []
    for i in range(WARMUP + runs):
        state = ViewState(region=slugs[i % len(slugs)])
        t0 = time.process_time()
        draw_map(model, state)
        if i >= WARMUP:
            times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--variant", choices=sorted(VARIANTS), help="measure one variant in this process")
    args = ap.parse_args(argv)
    if args.variant:
        print(f"{measure(args.variant, args.runs):.1f}")
        return 0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    print(f"draw_map CPU per rerun, median of {args.runs} region selections (load {os.getloadavg()[0]:.2f}):")
    for variant, label in VARIANTS.items():
        out = subprocess.run(
            [sys.executable, "-m", "bench.ablation", "--variant", variant, "--runs", str(args.runs)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        print(f"| {label} | {float(out.stdout.strip().splitlines()[-1]):.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
