"""`make bench` / `make bench-smoke`: the app against its naive baseline, in one run.

    python -m bench.run            # full: writes docs/benchmarks.md and docs/bench-latency.png
    python -m bench.run --smoke    # quick (CI): fewer repetitions, writes into bench/out/

Prints one Markdown table with every figure for both builds, their ratio and the targets.
A full run measures only a clean git tree, and the report names the commit it measured: with
uncommitted changes (untracked files too) it refuses to start, and it writes no report when the
tree changed while it ran. Smoke runs go ahead on any tree; they never write into docs/.
Only 127.0.0.1 is contacted; every wait has a timeout and the load test a time budget.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from bench import browser as B
from bench import print_bench, report, serve_bench, server_side, servers
from tests.helpers import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("MPLBACKEND", "Agg")

APP = "app.py"
NAIVE = "bench/naive_app.py"
OUT = ROOT / "bench" / "out"
DOCS = ROOT / "docs"
# The search/zoom step as a whole (browser.answers): about 4 s per interaction with its untimed
# settles and Back (12 + 12 took 97 s on an idle machine), with room to spare for a busy one.
ANSWERS_S_PER_STEP = 10.0


@dataclass
class Config:
    reruns: int
    warmup: int  # untimed reruns before them
    warm_loads: int
    clicks: int
    toggles: int
    sessions: int
    load_steps: int
    load_budget_s: float
    timeout_s: float  # one wait in the browser
    quiet_ms: int  # idle time between timed interactions


FULL = Config(
    reruns=25,
    warmup=2,
    warm_loads=5,
    clicks=24,
    toggles=20,
    sessions=10,
    load_steps=10,
    load_budget_s=420,
    timeout_s=120,
    quiet_ms=1000,
)
SMOKE = replace(
    FULL,
    reruns=2,
    warmup=1,
    warm_loads=1,
    clicks=1,
    toggles=2,
    sessions=2,
    load_steps=2,
    load_budget_s=40,
    timeout_s=60,
    quiet_ms=800,
)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def regions() -> list[tuple[str, str]]:
    from geo.domain.model import build

    t = build().region_table
    return list(zip(t["slug"], t["name_ko"], strict=False))


async def browser_part(build: str, script: str, cfg: Config, regs: list[tuple[str, str]], browser) -> dict:
    log(f"{build}: starting streamlit run {script}")
    srv = servers.start(script, OUT / f"server-{build}.log")
    r: dict = {"server_start_s": srv.started_s}
    sessions: list[B.Session] = []
    try:
        await asyncio.sleep(1)
        r["rss_idle"] = srv.rss()
        a = await B.open_session(browser)
        r["first_map_cold"] = await B.first_map(a, srv.url, cfg.timeout_s)
        log(f"{build}: first map (cold) {r['first_map_cold']['region'] / 1000:.2f} s")
        await B.settle(a, cfg.quiet_ms)
        await asyncio.sleep(1)
        r["rss_1"] = srv.rss()

        warm = []
        for _ in range(cfg.warm_loads):
            s = await B.open_session(browser)
            warm.append(await B.first_map(s, srv.url, cfg.timeout_s))
            await B.settle(s, cfg.quiet_ms)
            await s.ctx.close()
        r["first_map_warm"] = warm
        log(f"{build}: first map (warm, new visitor) " + ", ".join(f"{m['region'] / 1000:.2f}" for m in warm) + " s")
        # A returning visitor: the context that loaded the page before, so Streamlit's JS is in its cache.
        repeat = []
        for _ in range(cfg.warm_loads):
            repeat.append(await B.first_map(a, srv.url, cfg.timeout_s))
            await B.settle(a, cfg.quiet_ms)
        r["first_map_repeat"] = repeat
        log(
            f"{build}: first map (warm, browser cache) " + ", ".join(f"{m['region'] / 1000:.2f}" for m in repeat) + " s"
        )

        r["click_ms"], problems = await B.clicks(
            a, B.click_order(regs, seed=7), cfg.clicks, cfg.timeout_s, cfg.quiet_ms
        )
        log(f"{build}: clicks median {report.med(r['click_ms']):.0f} ms")
        r["toggle_ms"], more = await B.toggles(a, cfg.toggles, "ko", cfg.timeout_s, cfg.quiet_ms)
        log(f"{build}: toggles median {report.med(r['toggle_ms']):.0f} ms")
        moved: list[str] = []
        r["timeline_ms"] = []
        if build == "app":  # the naive baseline has no timeline
            r["timeline_ms"], moved = await B.timeline_moves(a, srv.url, cfg.toggles, cfg.timeout_s, cfg.quiet_ms)
            log(f"{build}: timeline moves median {report.med(r['timeline_ms']) or 0:.0f} ms")
        more += moved
        ans = B.Answers()
        if build == "app":
            n = max(2, cfg.clicks // 2)
            budget_s = max(60.0, ANSWERS_S_PER_STEP * (3 * n + 1))  # n + 1 searches, n clicks, n right-clicks
            try:  # a time budget: this step must never hold up the run (it hung under load once)
                await asyncio.wait_for(
                    B.answers(a, srv.url, B.click_order(regs, seed=11), n, cfg.timeout_s, cfg.quiet_ms, ans),
                    timeout=budget_s,
                )
            except TimeoutError:  # what was measured before the cut-off stays in `ans`
                r["answers_note"] = (
                    f"search/zoom step stopped after its {budget_s:.0f} s budget, during {ans.step!r} "
                    f"({'1' if ans.first_search is not None else '0'}/1 first and {len(ans.searches)}/{n} "
                    f"later searches, {len(ans.zooms)}/{n} clicks, {len(ans.gestures)}/{n} right-clicks measured)"
                )
                ans.problems.append(r["answers_note"])
                log(f"{build}: {r['answers_note']}")
            log(
                f"{build}: search -> panel first {ans.first_search or 0:.0f} ms, "
                f"then median {report.med(ans.searches) or 0:.0f} ms, "
                f"click -> zoomed panel median {report.med(ans.zooms) or 0:.0f} ms, "
                f"right-click -> zoomed place panel median {report.med(ans.gestures) or 0:.0f} ms"
            )
        r["search_first_ms"] = ans.first_search
        r["search_ms"], r["zoom_click_ms"], r["gesture_ms"] = ans.searches, ans.zooms, ans.gestures
        more += ans.problems
        r["problems"] = [p for p in problems + more if not p.startswith("no uncovered point")] + a.errors
        r["skipped_regions"] = [p for p in problems if p.startswith("no uncovered point")]
        await a.ctx.close()

        sessions = [await B.open_session(browser) for _ in range(cfg.sessions)]
        r["first_map_concurrent"] = list(
            await asyncio.gather(*(B.first_map(s, srv.url, cfg.timeout_s * 2) for s in sessions))
        )
        await asyncio.gather(*(B.settle(s, cfg.quiet_ms, timeout_s=cfg.timeout_s * 2) for s in sessions))
        await asyncio.sleep(2)
        r["rss_n"] = srv.rss()
        log(
            f"{build}: {cfg.sessions} sessions open, RSS {r['rss_n'] / 2**20:.0f} MB "
            f"(1 session {r['rss_1'] / 2**20:.0f} MB)"
        )

        samples: list[int] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(B.rss_sampler(srv, samples, stop))
        deadline = time.perf_counter() + cfg.load_budget_s
        cpu0 = srv.cpu_s()
        t0 = time.perf_counter()
        r["load"] = list(
            await asyncio.gather(
                *(
                    B.load_session(s, B.load_plan(regs, i, cfg.load_steps), "ko", deadline, cfg.timeout_s)
                    for i, s in enumerate(sessions)
                )
            )
        )
        r["load_wall_s"] = time.perf_counter() - t0
        r["load_server_cpu_s"] = srv.cpu_s() - cpu0
        stop.set()
        await sampler
        r["rss_load_peak"] = max([*samples, r["rss_n"]])
        ok, total = report.load_counts(r)
        log(
            f"{build}: load test {ok}/{total} right in {r['load_wall_s']:.0f} s, "
            f"p95 {report.p95(report.load_latencies(r)) or 0:.0f} ms"
        )
    finally:
        for s in sessions:
            with contextlib.suppress(Exception):
                await s.ctx.close()
        srv.stop()
        r["server_errors"] = servers.log_errors(srv.log())
    return r


async def browsers(cfg: Config, regs) -> tuple[dict, dict, str]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            app = await browser_part("app", APP, cfg, regs, browser)
            naive = await browser_part("naive", NAIVE, cfg, regs, browser)
            return app, naive, browser.version
        finally:
            await browser.close()


def results_path(mode: str) -> Path:
    return OUT / f"results-{mode}.json"


class DirtyTree(RuntimeError):
    """The git tree has uncommitted changes (or no known commit): no report for docs/."""


def dirty_message(git: dict | str, what: str) -> str:
    changes = git.get("changes") if isinstance(git, dict) else None
    if isinstance(git, str):
        why = f"the results record only {git!r} (written before a run recorded its full commit and tree state)"
    elif not git.get("commit") or changes is None:
        why = "no git commit could be read, so the report could not say what it measured"
    else:
        listed = "; ".join(line.strip() for line in changes[:8]) + ("; ..." if len(changes) > 8 else "")
        why = f"the git tree has {len(changes)} uncommitted changes ({listed})"
    return (
        f"bench: {what}: {why}. docs/benchmarks.md names the commit it measured, so a full run needs a "
        "clean tree: commit or stash the changes, then run `make bench` again. (`make bench-smoke` runs "
        "on any tree and writes only into bench/out/.)"
    )


def require_clean(git: dict | str, what: str) -> None:
    if not report.git_clean(git):
        raise DirtyTree(dirty_message(git, what))


def write_report(res: dict) -> None:
    """The chart and benchmarks.md (docs/ for a full run, bench/out/ for smoke), and the table on stdout.
    A full run's report goes to docs/ only if it measured a clean tree (DirtyTree otherwise)."""
    if res["mode"] == "full":
        require_clean(res["git"], "not writing docs/benchmarks.md")
    target = DOCS if res["mode"] == "full" else OUT
    report.chart(res, target / "bench-latency.png")
    (target / "benchmarks.md").write_text(report.markdown(res, "bench-latency.png"), encoding="utf-8")
    m = res["machine"]
    print(f"\n## Benchmark ({res['mode']}), {res['date']}, {m['cpu']}, {m['cores']} cores\n")
    print(report.table(res))
    print()
    for note in report.target_notes(res):
        print("- " + note)
    print(
        f"\nWrote {(target / 'benchmarks.md').relative_to(ROOT)}, {(target / 'bench-latency.png').relative_to(ROOT)} "
        f"and {results_path(res['mode']).relative_to(ROOT)}; the run took {res['wall_s'] / 60:.1f} min."
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true", help="quick run for CI; writes into bench/out/")
    ap.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: rewrite the table, report and chart from the last run's "
        "bench/out/results-full.json (with --smoke: results-smoke.json)",
    )
    args = ap.parse_args(argv)
    try:
        return _main(args)
    except DirtyTree as exc:
        print(exc, file=sys.stderr)
        return 2


def _main(args: argparse.Namespace) -> int:
    if args.report_only:
        res = json.loads(results_path("smoke" if args.smoke else "full").read_text(encoding="utf-8"))
        write_report(res)
        return 0
    cfg = SMOKE if args.smoke else FULL
    mode = "smoke" if args.smoke else "full"
    git_start = report.git_state(ROOT)
    if mode == "full":  # before 20 minutes of measuring, not after
        require_clean(git_start, "not measuring")
    t_start = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    # Playwright's Chromium writes under $HOME: keep it out of the real home.
    os.environ["HOME"] = tempfile.mkdtemp(prefix="ggm-bench-")
    loadavg_start = os.getloadavg()[0]

    from layers import assets

    if args.smoke:  # no download: the naive baseline reads the repository's full-detail boundaries
        os.environ["GGM_NAIVE_OFFLINE"] = "1"
    from bench.naive_app import source_polygons

    log("source polygons: " + str(source_polygons().relative_to(ROOT)))
    assets.install_static()  # the app's static/vendor/leaflet
    assets.install_static(
        ROOT / "bench" / "static" / "vendor" / "leaflet"
    )  # Streamlit serves bench/static for the naive app
    regs = regions()

    log("server side (AppTest): app")
    app = server_side.measure(ROOT / APP, regs, cfg.reruns, cfg.warmup)
    log(f"app: rerun median {report.med(app['rerun_ms']):.0f} ms, payload {app['payload_bytes'] / 1024:.0f} KB")
    log("server side (AppTest): naive")
    naive = server_side.measure(ROOT / NAIVE, regs, cfg.reruns, cfg.warmup)
    log(f"naive: rerun median {report.med(naive['rerun_ms']):.0f} ms, payload {naive['payload_bytes'] / 1024:.0f} KB")
    log("print (geo/printing/render.py): region view as PNG and PDF")
    app.update(print_bench.measure(min(cfg.reruns, 10)))
    log(
        f"app: print PNG median {report.med(app['print_png_ms']):.0f} ms (first click, fresh process: "
        f"{app['print_cold_ms']:.0f} ms, import {app['print_import_ms']:.0f} ms)"
    )
    verts = server_side.source_vertices()
    app["vertices"], naive["vertices"] = verts["app"], verts["naive"]

    b_app, b_naive, chromium = asyncio.run(browsers(cfg, regs))
    app.update(b_app)
    naive.update(b_naive)
    log("serving: nginx + 2 replicas (bench/serve_bench.py)")
    serve = serve_bench.measure(args.smoke, regs)

    res = {
        "mode": mode,
        "command": "make bench-smoke" if args.smoke else "make bench",
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "git": git_start,
        "machine": report.machine(chromium),
        "config": asdict(cfg),
        "loadavg_start": loadavg_start,
        "loadavg_end": os.getloadavg()[0],
        "wall_s": time.perf_counter() - t_start,
        "app": app,
        "naive": naive,
        "serve": serve,
    }
    if report.git_state(ROOT) != git_start:  # an edit or a commit while it ran: the figures are of neither tree
        res["git"] = {**git_start, "changes": [*(git_start["changes"] or []), "the tree changed during the run"]}
    results_path(mode).write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    write_report(res)
    ok, total = report.load_counts(app)
    if ok != total or app["server_errors"] or app["problems"] or serve_bench.failed(serve):
        print("\nThe app had wrong panels, page problems or server errors (see above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
