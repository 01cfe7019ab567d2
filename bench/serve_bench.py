"""The app served for real: nginx in front of two replicas (deploy/), measured from outside.

    python -m bench.serve_bench            # full: both WebSocket compression settings
    python -m bench.serve_bench --smoke    # quick: the configured setting only
(`make bench` / `make bench-smoke` run it too, through bench/run.py, and report its rows.)

Three figures, each from a real client, never from a loop written here:

- **Static pages**: `wrk` (Debian's package) fetches one exported map page (scripts/export_html,
  about 350 KB, 100 KB as the .gz that nginx sends) from nginx at several connection counts; the
  row is the highest rate whose p95 latency stays within 50 ms (wrk's own latency histogram,
  read by a Lua `done` hook).
- **Server CPU per interaction**: N Chromium sessions (Playwright, bench/browser.py's steps)
  open the app through nginx and do K clicks/toggles each. CPU time is read from the replica
  processes (psutil: user + system, the processes and their children) before and after, minus
  what the replicas use idle with those sessions open; divided by the interactions that were
  checked right. The browsers' own CPU is not counted; nginx's is reported beside it.
- **Bytes per click**: what one click costs on the WebSocket. In the browser: the sizes of the
  messages Playwright reports (`websocket` framereceived/framesent), which are the payloads
  after permessage-deflate is undone, the same as Chrome's DevTools (CDP
  Network.webSocketFrameReceived) shows. On the wire: nginx's access log line for the
  WebSocket, written when it closes, whose $bytes_sent counts every byte nginx sent down that
  connection, frames as they travelled (compressed when compression is on), without TCP/IP
  headers. One session opens the page and closes; a second opens it, clicks K regions and
  closes; the difference of the two, over K, is the wire bytes per click (HTTP requests made
  during the clicks included).

From the CPU figure, a capacity table: viewers per core at one interaction per 10 s, and the
replicas for 1,000 and 10,000 concurrent viewers (each replica is one Python process, so about
one core), with the arithmetic.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from deploy import stack as deploy_stack

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"

STATIC_P95_TARGET_MS = 50.0
BYTES_PER_CLICK_TARGET = 60 * 1024
INTERACTION_EVERY_S = 10.0  # the capacity table's viewer: one click or toggle per 10 s
UTILISATION = 0.6  # plan each core to 60 % busy, leaving room for bursts and first visits
VISIT_MINUTES = 10.0  # the capacity table's viewer stays this long (for the first-visit cost)
VIEWERS = (1_000, 10_000)

# The Lua hook: p95 is not among wrk's printed percentiles.
WRK_LUA = """wrk.headers["Accept-Encoding"] = "gzip"
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('GGM {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, '
    .. '"p95_us": %d, "p99_us": %d, "max_us": %d, "errors": %d, "non_2xx": %d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass
class Plan:
    wrk_connections: tuple[int, ...]
    wrk_seconds: int
    sessions: int
    steps: int
    clicks: int
    idle_s: float
    both_compressions: bool
    timeout_s: float
    quiet_ms: int
    load_budget_s: float


FULL = Plan((4, 16, 64, 256), 10, 6, 8, 8, 5.0, True, 120, 1000, 400)
SMOKE = Plan((16,), 2, 2, 2, 2, 2.0, False, 60, 800, 90)


def log(msg: str) -> None:
    print(f"[serve {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- static pages: wrk -----------------------------------------------------------------------


def make_site(directory: Path) -> str:
    """An index and one exported map page, precompressed as deploy/stack.py --precompress does;
    returns the page's path."""
    from scripts import export_html

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "index.html").write_text("<!doctype html><title>GGM</title><a href='/live/'>map</a>\n")
    with contextlib.redirect_stdout(sys.stderr):
        export_html.main(["--region", "yongin", "--out", str(directory / "yongin.html")])
    deploy_stack.precompress(directory)
    return "/yongin.html"


def wrk(url: str, connections: int, seconds: int, lua: Path) -> dict:
    threads = max(1, min(2, connections))
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", str(lua), url]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("GGM "))
    r = json.loads(line[4:])
    secs = r["duration_us"] / 1e6
    return {
        "connections": connections,
        "threads": threads,
        "seconds": round(secs, 2),
        "requests": r["requests"],
        "rps": r["requests"] / secs,
        "mb_per_s": r["bytes"] / secs / 2**20,
        "bytes_per_page": r["bytes"] / max(1, r["requests"]),
        "p50_ms": r["p50_us"] / 1000,
        "p95_ms": r["p95_us"] / 1000,
        "p99_ms": r["p99_us"] / 1000,
        "max_ms": r["max_us"] / 1000,
        "errors": r["errors"] + r["non_2xx"],
        "command": " ".join([*cmd[:-2], "p95.lua", url]),
    }


def static_pages(st: deploy_stack.Stack, page: str, plan: Plan) -> dict:
    if shutil.which("wrk") is None:
        return {"error": "wrk is not installed (make web-server)"}
    with tempfile.TemporaryDirectory() as tmp:
        lua = Path(tmp) / "p95.lua"
        lua.write_text(WRK_LUA, encoding="utf-8")
        sweep: list[dict[str, Any]] = []
        for c in plan.wrk_connections:
            try:
                r = wrk(st.url + page, c, plan.wrk_seconds, lua)
            except (subprocess.SubprocessError, StopIteration, ValueError) as exc:  # a failed run is a row
                log(f"static {page}: {c} connections: wrk failed: {exc}")
                sweep.append({"connections": c, "error": f"{type(exc).__name__}: {str(exc)[:200]}"})
                continue
            sweep.append(r)
            log(f"static {page}: {c} connections: {r['rps']:,.0f} pages/s, p95 {r['p95_ms']:.1f} ms")
    ok = [r for r in sweep if "error" not in r and r["p95_ms"] <= STATIC_P95_TARGET_MS and r["errors"] == 0]
    best = max(ok, key=lambda r: r["rps"]) if ok else None
    return {"page": page, "sweep": sweep, "best": best}


# --- the live app: CPU per interaction, bytes per click ----------------------------------------


def _procs(pid: int) -> list[Any]:
    import psutil

    try:
        p = psutil.Process(pid)
        return [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def cpu_s(pids: list[int]) -> float:
    """User + system CPU seconds of these processes and their children."""
    import psutil

    total = 0.0
    for pid in pids:
        for q in _procs(pid):
            with contextlib.suppress(psutil.NoSuchProcess):
                t = q.cpu_times()
                total += t.user + t.system
    return total


def rss(pid: int) -> int:
    import psutil

    total = 0
    for q in _procs(pid):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += q.memory_info().rss
    return total


async def _cookie(s) -> str | None:
    return next((c["value"] for c in await s.ctx.cookies() if c["name"] == deploy_stack.COOKIE), None)


async def cpu_per_interaction(st: deploy_stack.Stack, browser, regs, plan: Plan) -> dict:
    from bench import browser as B

    reps = [r.pid for r in st.replicas]
    nginx = [st.nginx_pid]
    sessions = [await B.open_session(browser) for _ in range(plan.sessions)]
    try:
        c0, n0 = cpu_s(reps), cpu_s(nginx)
        await asyncio.gather(*(B.first_map(s, st.app_url, plan.timeout_s * 2) for s in sessions))
        await asyncio.gather(*(B.settle(s, plan.quiet_ms, timeout_s=plan.timeout_s * 2) for s in sessions))
        c1 = cpu_s(reps)
        first_visit_ms = (c1 - c0) * 1000 / plan.sessions
        await asyncio.sleep(plan.idle_s)
        c2 = cpu_s(reps)
        idle_ms_per_s = (c2 - c1) * 1000 / plan.idle_s
        placement = [await _cookie(s) for s in sessions]
        rss_open = {r.name: rss(r.pid) for r in st.replicas}

        t0 = time.perf_counter()
        c2, n2 = cpu_s(reps), cpu_s(nginx)
        deadline = t0 + plan.load_budget_s
        load = await asyncio.gather(
            *(
                B.load_session(s, B.load_plan(regs, i, plan.steps), "ko", deadline, plan.timeout_s)
                for i, s in enumerate(sessions)
            )
        )
        wall = time.perf_counter() - t0
        c3, n3 = cpu_s(reps), cpu_s(nginx)
    finally:
        for s in sessions:
            with contextlib.suppress(Exception):
                await s.ctx.close()
    steps = [x for sess in load for x in sess["steps"]]
    ok = sum(x["ok"] for x in steps)
    busy_ms = (c3 - c2) * 1000 - idle_ms_per_s * wall
    lat = sorted(x["ms"] for x in steps if x.get("ms") is not None)
    return {
        "sessions": plan.sessions,
        "steps_per_session": plan.steps,
        "interactions_ok": ok,
        "interactions": len(steps),
        "errors": [x["error"] for x in steps if not x["ok"]][:5],
        "wall_s": wall,
        "replica_cpu_s": c3 - c2,
        "idle_ms_per_s": idle_ms_per_s,
        "cpu_ms_per_interaction": busy_ms / ok if ok else None,
        "nginx_cpu_ms_per_interaction": (n3 - n2) * 1000 / ok if ok else None,
        "nginx_cpu_s_open_and_load": n3 - n0,
        "first_visit_cpu_ms": first_visit_ms,
        "sessions_per_replica": {r.name: placement.count(r.name) for r in st.replicas},
        "rss_per_replica_mb": {k: v / 2**20 for k, v in rss_open.items()},
        "latency_p50_ms": lat[len(lat) // 2] if lat else None,
        "latency_p95_ms": lat[min(len(lat) - 1, math.ceil(len(lat) * 0.95) - 1)] if lat else None,
    }


class FrameBytes:
    """Sizes of the WebSocket messages a page receives and sends (as Playwright reports them:
    payloads after permessage-deflate is undone)."""

    def __init__(self, page) -> None:
        self.received = self.sent = self.messages = 0
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        ws.on("framereceived", self._recv)
        ws.on("framesent", self._sent)

    def _recv(self, payload) -> None:
        self.received += len(payload)
        self.messages += 1

    def _sent(self, payload) -> None:
        self.sent += len(payload)


async def _session_bytes(st: deploy_stack.Stack, browser, regs, clicks: int, plan: Plan) -> dict:
    """One visitor: open the page, click `clicks` regions, close; returns the in-browser message
    bytes per click and the wire bytes of the whole visit from nginx's access log."""
    from bench import browser as B

    start = time.time()
    before = len(st.log_lines())
    s = await B.open_session(browser)
    frames = FrameBytes(s.page)
    per_click: list[dict] = []
    try:
        await B.first_map(s, st.app_url, plan.timeout_s)
        await B.settle(s, plan.quiet_ms, plan.timeout_s)
        page_load = {"received": frames.received, "sent": frames.sent, "messages": frames.messages}
        for slug, heading in B.click_order(regs, seed=7):
            if len(per_click) >= clicks:
                break
            r0, s0, m0, t0 = frames.received, frames.sent, frames.messages, time.time()
            try:
                ms = await B.click_region(s, slug, heading, plan.timeout_s)
            except LookupError:  # covered by markers at this zoom: the next region
                continue
            await B.settle(s, plan.quiet_ms, plan.timeout_s)
            per_click.append(
                {
                    "region": slug,
                    "ms": ms,
                    "received": frames.received - r0,
                    "sent": frames.sent - s0,
                    "messages": frames.messages - m0,
                    "t0": t0,
                    "t1": time.time(),
                }
            )
    finally:
        await s.ctx.close()
    # The WebSocket's log line is written when nginx sees it close.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        lines = st.log_lines()[before:]
        if any(x["uri"].endswith("/_stcore/stream") for x in lines):
            break
        await asyncio.sleep(0.2)
    lines = [x for x in st.log_lines()[before:] if float(x["msec"]) >= start]
    ws = [x for x in lines if x["uri"].endswith("/_stcore/stream")]
    http = [x for x in lines if not x["uri"].endswith("/_stcore/stream")]
    for c in per_click:  # the HTTP requests made during each click (JavaScript loaded on demand)
        during = [x for x in http if c["t0"] <= float(x["msec"]) <= c["t1"]]
        c["http"] = sum(int(x["bytes_sent"]) for x in during)
        c["http_uris"] = sorted({x["uri"] for x in during})[:8]
    return {
        "clicks": per_click,
        "page_load_messages": page_load,
        "ws_down": sum(int(x["bytes_sent"]) for x in ws),
        "ws_up": sum(int(x["upstream_sent"]) for x in ws if x["upstream_sent"].isdigit()),
        "http_down": sum(int(x["bytes_sent"]) for x in http),
        "websockets": len(ws),
    }


async def bytes_per_click(st: deploy_stack.Stack, browser, regs, plan: Plan) -> dict:
    """A click after the first, on the wire: session A opens the page and clicks once, session B
    does the same and then `plan.clicks` more (the same regions in the same order); B's bytes minus
    A's, over the extra clicks. The first click also loads JavaScript on demand (the panel's
    chart): reported on its own."""
    base = await _session_bytes(st, browser, regs, 1, plan)
    clicked = await _session_bytes(st, browser, regs, 1 + plan.clicks, plan)
    k = len(clicked["clicks"]) - len(base["clicks"])
    if not base["clicks"] or k <= 0:
        return {"error": "no click was measured", "base": base, "clicked": clicked}
    later = clicked["clicks"][1:]
    msgs = [c["received"] for c in later]
    ws_down = (clicked["ws_down"] - base["ws_down"]) / k
    # No HTTP request belongs to a later click: what is left is the two page loads' own difference
    # (a few hundred bytes either way), counted when positive.
    http_down = max(0.0, (clicked["http_down"] - base["http_down"]) / k)
    return {
        "clicks": k,
        "message_bytes_down_per_click": sum(msgs) / k,
        "message_bytes_down_max": max(msgs),
        "message_bytes_up_per_click": sum(c["sent"] for c in later) / k,
        "messages_per_click": sum(c["messages"] for c in later) / k,
        "wire_ws_down_per_click": ws_down,
        "wire_ws_up_per_click": (clicked["ws_up"] - base["ws_up"]) / k,
        "wire_http_down_per_click": http_down,
        "wire_down_per_click": ws_down + http_down,
        "first_click_messages": base["clicks"][0]["received"],
        "first_click_http": base["clicks"][0]["http"],
        "first_click_http_uris": base["clicks"][0]["http_uris"],
        "page_load_ws_wire": base["ws_down"],  # with its first click: written when the socket closes
        "page_load_ws_messages": base["page_load_messages"]["received"],
        "page_load_http_wire": base["http_down"] - base["clicks"][0]["http"],
        "base": base,
        "clicked": clicked,
    }


async def live_app(plan: Plan, regs, compressions: list[bool], site: Path, page: str, static: bool) -> dict:
    from playwright.async_api import async_playwright

    from tests.helpers import CHROMIUM, CHROMIUM_ARGS

    out: dict = {"runs": {}}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for comp in compressions:
                key = "on" if comp else "off"
                log(f"stack: nginx + 2 replicas, WebSocket compression {key}")
                st = await asyncio.to_thread(deploy_stack.start, site, compression=comp)
                try:
                    run: dict = {"compression": comp}
                    if static and "static" not in out:  # in a thread: wrk's own timeout can end it
                        out["static"] = await asyncio.to_thread(static_pages, st, page, plan)
                    try:
                        run["bytes"] = await asyncio.wait_for(
                            bytes_per_click(st, browser, regs, plan), timeout=plan.load_budget_s
                        )
                    except Exception as exc:  # one failed part is reported, not a lost run
                        run["bytes"] = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
                    b = run["bytes"]
                    if "error" not in b:
                        log(
                            f"compression {key}: per click {b['message_bytes_down_per_click'] / 1024:.1f} KB of "
                            f"messages, {b['wire_down_per_click'] / 1024:.1f} KB on the wire"
                        )
                    try:
                        run["cpu"] = await asyncio.wait_for(
                            cpu_per_interaction(st, browser, regs, plan), timeout=plan.load_budget_s + 300
                        )
                    except Exception as exc:
                        run["cpu"] = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
                        log(f"compression {key}: CPU measurement failed: {run['cpu']['error']}")
                    c = run["cpu"]
                    if "error" not in c:
                        log(
                            f"compression {key}: {c['interactions_ok']}/{c['interactions']} interactions right, "
                            f"{c['cpu_ms_per_interaction'] or 0:.0f} CPU-ms each on the replicas; first visit "
                            f"{c['first_visit_cpu_ms']:.0f} CPU-ms"
                        )
                    run["replica_log_errors"] = [
                        line
                        for r in st.replicas
                        for line in r.log_path.read_text(errors="replace").splitlines()
                        if "Traceback" in line or "Error" in line
                    ][:5]
                finally:
                    await asyncio.to_thread(st.stop)
                    st.remove()  # its access log holds every wrk request
                out["runs"][key] = run
        finally:
            await browser.close()
    return out


# --- capacity ---------------------------------------------------------------------------------


def capacity(cpu_ms: float, first_visit_ms: float) -> dict:
    """Viewers per core and replicas for VIEWERS, one interaction per INTERACTION_EVERY_S each."""
    per_viewer_ms_s = cpu_ms / INTERACTION_EVERY_S  # CPU-ms per second that one viewer costs
    arrivals_ms_s = first_visit_ms / (VISIT_MINUTES * 60)  # a first visit, spread over the visit
    per_core_full = 1000 / per_viewer_ms_s
    per_core = 1000 * UTILISATION / (per_viewer_ms_s + arrivals_ms_s)
    rows = [
        {"viewers": v, "replicas": math.ceil(v / per_core), "cores_busy": v * per_viewer_ms_s / 1000} for v in VIEWERS
    ]
    return {
        "cpu_ms": cpu_ms,
        "first_visit_ms": first_visit_ms,
        "per_viewer_ms_s": per_viewer_ms_s,
        "arrivals_ms_s": arrivals_ms_s,
        "per_core_full": per_core_full,
        "per_core": per_core,
        "rows": rows,
    }


# --- the whole measurement and its report -------------------------------------------------------


def chosen_run(res: dict) -> dict | None:
    """The run with the setting .streamlit/config.toml has (the other one, if only it ran)."""
    runs = res.get("runs", {})
    return runs.get("on" if res.get("configured_compression") else "off") or next(iter(runs.values()), None)


def measure(smoke: bool, regs=None) -> dict:
    plan = SMOKE if smoke else FULL
    if deploy_stack.nginx_binary() is None:
        return {"error": "nginx is not installed (make web-server)", "plan": asdict(plan)}
    if regs is None:
        from bench.run import regions

        regs = regions()
    configured = deploy_stack.configured_compression()
    compressions = [configured, not configured] if plan.both_compressions else [configured]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ggm-serve-site-") as tmp:
        site = Path(tmp)
        page = make_site(site)
        res = asyncio.run(live_app(plan, regs, compressions, site, page, static=True))
    res.update(
        {
            "plan": asdict(plan),
            "configured_compression": configured,
            "wall_s": time.perf_counter() - t0,
            "nginx": subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip(),
            "wrk": (subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines() or ["?"])[0],
        }
    )
    run = chosen_run(res)
    if run and run["cpu"].get("cpu_ms_per_interaction"):
        res["capacity"] = capacity(run["cpu"]["cpu_ms_per_interaction"], run["cpu"]["first_visit_cpu_ms"])
    return res


def _kb(v: float | None) -> str:
    return "–" if v is None else f"{v / 1024:,.1f} KB"


def failed(res: dict) -> bool:
    """Whether the serving run went wrong: not measured, or an interaction checked wrong."""
    run = chosen_run(res) if res and "error" not in res else None
    cpu = (run or {}).get("cpu", {})
    return "error" in cpu or cpu.get("interactions_ok") != cpu.get("interactions")


def rows(res: dict) -> list[dict]:
    """bench/report.py's table rows (app column only; the naive build is not served this way)."""
    if not res or "error" in res:
        return []

    def row(label, value, unit, target="", ok=None):
        return {"label": label, "app": value, "naive": None, "unit": unit, "target": target, "ratio": None, "ok": ok}

    out = []
    best = (res.get("static") or {}).get("best")
    if "static" in res:
        out.append(
            row(
                "Static page (exported map, gzip) from nginx: pages/s at p95 ≤ 50 ms (wrk)",
                round(best["rps"]) if best else None,
                "n",
                "p95 ≤ 50 ms",
                best is not None,
            )
        )
        out.append(row("Static page: p95 at that rate", best["p95_ms"] if best else None, "ms"))
    run = chosen_run(res)
    if run and "error" not in run["cpu"]:
        cpu = run["cpu"]
        out.append(
            row(
                f"Server CPU per interaction, 2 replicas behind nginx ({cpu['sessions']} sessions × "
                f"{cpu['steps_per_session']})",
                cpu["cpu_ms_per_interaction"],
                "ms",
            )
        )
        out.append(row("Server CPU per first visit (page + first script runs)", cpu["first_visit_cpu_ms"], "ms"))
        b = run["bytes"]
        if "error" not in b:
            wire = b["wire_down_per_click"]
            out.append(
                row(
                    f"Bytes per click on the wire, after the first (WebSocket compression "
                    f"{'on' if run['compression'] else 'off'})",
                    wire,
                    "KB",
                    "≤ 60 KB",
                    wire <= BYTES_PER_CLICK_TARGET,
                )
            )
            out.append(
                row(
                    "Bytes per click as messages (in the browser, decompressed)",
                    b["message_bytes_down_per_click"],
                    "KB",
                )
            )
    cap = res.get("capacity")
    if cap:
        out.append(
            row("Capacity: active viewers per core (1 interaction / 10 s, 60 % busy)", round(cap["per_core"]), "n")
        )
        for r in cap["rows"]:
            out.append(row(f"Capacity: replicas for {r['viewers']:,} concurrent viewers", r["replicas"], "n"))
    return out


def notes(res: dict) -> list[str]:
    """The targets' notes for docs/benchmarks.md."""
    if not res or "error" in res:
        return [f"**Serving: not measured** ({res['error']})."] if res else []
    out = []
    best = (res.get("static") or {}).get("best")
    if "static" in res:
        out.append(
            f"**Static pages at p95 ≤ 50 ms: {'met' if best else 'NOT met'}.** "
            + (
                f"{best['rps']:,.0f} exported map pages/s from nginx at {best['connections']} connections "
                f"(p95 {best['p95_ms']:.1f} ms, {best['bytes_per_page'] / 1024:,.0f} KB each, wrk on the same 2 cores)."
                if best
                else "No connection count kept p95 within 50 ms."
            )
        )
    run = chosen_run(res)
    if run and "error" not in run["bytes"]:
        b = run["bytes"]
        wire = b["wire_down_per_click"]
        other = res["runs"].get("off" if run["compression"] else "on")
        alt = (
            f"; with compression {'off' if run['compression'] else 'on'}: "
            f"{other['bytes']['wire_down_per_click'] / 1024:,.1f} KB"
            if other and "error" not in other["bytes"]
            else ""
        )
        out.append(
            f"**Bytes per click ≤ 60 KB on the wire: {'met' if wire <= BYTES_PER_CLICK_TARGET else 'NOT met'}.** "
            f"{wire / 1024:,.1f} KB per region click (after the first) with WebSocket compression "
            f"{'on' if run['compression'] else 'off'}{alt}. As messages (decompressed) a click is "
            f"{b['message_bytes_down_per_click'] / 1024:,.0f} KB; most of it is the map element (st_folium's "
            "json_args, sent again whole because the selection is part of it; its big outlines travel once per "
            "page as files, layers/geometry_files.py), and unchanged elements of 2 KB or more go as references "
            "(global.minCachedMessageSize). The first click also loads "
            f"{b['first_click_http'] / 1024:,.0f} KB of JavaScript on demand."
        )
    return out


def markdown(res: dict) -> list[str]:
    """The "Serving" section of docs/benchmarks.md."""
    if not res:
        return []
    if "error" in res:
        return ["## Serving: nginx + 2 replicas", "", f"Not measured: {res['error']}.", ""]
    plan = res["plan"]
    out = [
        "## Serving: nginx + 2 replicas (deploy/)",
        "",
        f"`python -m bench.serve_bench{' --smoke' if plan['wrk_seconds'] < 10 else ''}` (part of this run; "
        f"{res['wall_s'] / 60:.1f} min): `deploy/stack.py` starts {res['nginx']} from `deploy/nginx.conf` on "
        "127.0.0.1 and two `streamlit run app.py` replicas behind it, the way `make stack-up` does. "
        "The client and the servers share this machine's cores.",
        "",
    ]
    st = res.get("static")
    measured = [r for r in (st or {}).get("sweep", []) if "error" not in r]
    if st and "sweep" in st:
        first: dict[str, Any] = measured[0] if measured else {"command": "wrk", "bytes_per_page": 0}
        out += [
            f"### Static pages ({res['wrk']})",
            "",
            f"`{first['command']}` per row, for {plan['wrk_seconds']} s each: one exported map page "
            f"({first['bytes_per_page'] / 1024:,.0f} KB per response as the gzip file nginx sends).",
            "",
            "| Connections | Pages/s | MB/s | p50 | p95 | p99 | Errors |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in st["sweep"]:
            if "error" in r:
                out.append(f"| {r['connections']} | wrk failed: {r['error']} | | | | | |")
                continue
            out.append(
                f"| {r['connections']} | {r['rps']:,.0f} | {r['mb_per_s']:,.0f} | {r['p50_ms']:.1f} ms | "
                f"{r['p95_ms']:.1f} ms | {r['p99_ms']:.1f} ms | {r['errors']} |"
            )
        best = st.get("best")
        out += [
            "",
            (
                f"Highest rate with p95 ≤ 50 ms: **{best['rps']:,.0f} pages/s** at {best['connections']} connections "
                f"(p95 {best['p95_ms']:.1f} ms)."
                if best
                else "**No connection count kept p95 within 50 ms.**"
            ),
            "",
        ]
    out += ["### The live app", "", "| | " + " | ".join(f"compression {k}" for k in res["runs"]) + " |"]
    out.append("|---|" + "---:|" * len(res["runs"]))
    runs = list(res["runs"].values())

    def line(label, fn):
        vals = []
        for r in runs:
            try:
                vals.append(fn(r))
            except (KeyError, TypeError):
                vals.append("–")
        out.append(f"| {label} | " + " | ".join(vals) + " |")

    line("Replica CPU per interaction", lambda r: f"{r['cpu']['cpu_ms_per_interaction']:,.0f} ms")
    line("nginx CPU per interaction", lambda r: f"{r['cpu']['nginx_cpu_ms_per_interaction']:,.1f} ms")
    line("Replica CPU per first visit", lambda r: f"{r['cpu']['first_visit_cpu_ms']:,.0f} ms")
    line("Replicas idle, with the sessions open", lambda r: f"{r['cpu']['idle_ms_per_s']:,.1f} CPU-ms/s")
    line(
        "Interactions right / run",
        lambda r: f"{r['cpu']['interactions_ok']}/{r['cpu']['interactions']} in {r['cpu']['wall_s']:.0f} s",
    )
    line(
        "Interaction latency p50 / p95",
        lambda r: f"{r['cpu']['latency_p50_ms']:,.0f} / {r['cpu']['latency_p95_ms']:,.0f} ms",
    )
    line(
        "Sessions per replica (cookie)",
        lambda r: ", ".join(f"{k}: {v}" for k, v in r["cpu"]["sessions_per_replica"].items()),
    )
    line(
        "Replica RSS with them open",
        lambda r: ", ".join(f"{k}: {v:,.0f} MB" for k, v in r["cpu"]["rss_per_replica_mb"].items()),
    )
    line("**Bytes per click on the wire** (target ≤ 60 KB)", lambda r: f"**{_kb(r['bytes']['wire_down_per_click'])}**")
    line("… of which WebSocket frames", lambda r: _kb(r["bytes"]["wire_ws_down_per_click"]))
    line("… of which HTTP", lambda r: _kb(r["bytes"]["wire_http_down_per_click"]))
    line(
        "First click: messages / extra HTTP (JavaScript loaded on demand)",
        lambda r: f"{_kb(r['bytes']['first_click_messages'])} / {_kb(r['bytes']['first_click_http'])}",
    )
    line("Per click as messages, in the browser", lambda r: _kb(r["bytes"]["message_bytes_down_per_click"]))
    line("Largest click, as messages", lambda r: _kb(r["bytes"]["message_bytes_down_max"]))
    line("Messages per click", lambda r: f"{r['bytes']['messages_per_click']:.0f}")
    line(
        "Browser → server per click: wire / messages",
        lambda r: f"{_kb(r['bytes']['wire_ws_up_per_click'])} / {_kb(r['bytes']['message_bytes_up_per_click'])}",
    )
    line(
        "Page load and first click: WebSocket on the wire; page load alone as messages",
        lambda r: f"{_kb(r['bytes']['page_load_ws_wire'])}; {_kb(r['bytes']['page_load_ws_messages'])}",
    )
    line("Page load: HTTP on the wire", lambda r: _kb(r["bytes"]["page_load_http_wire"]))
    out += [
        "",
        f"Configured (`.streamlit/config.toml`): WebSocket compression "
        f"**{'on' if res['configured_compression'] else 'off'}**. Bytes per click: a region click after the first, "
        "each until the app is idle again. On the wire: a session that opens the page and clicks once, and one that "
        f"does the same and {plan['clicks']} clicks more; the second's bytes minus the first's, over those clicks "
        "(nginx's `$bytes_sent` of the WebSocket and of any HTTP request; TCP/IP headers not counted). As messages: "
        "the payloads Playwright reports during each click, which are decompressed. CPU: the replicas' user + system "
        "time (psutil) across the load, minus their idle rate, over the interactions that were checked right.",
        "",
    ]
    cap = res.get("capacity")
    if cap:
        out += [
            "### Capacity",
            "",
            f"- One interaction costs **{cap['cpu_ms']:,.0f} CPU-ms** on a replica. A viewer who clicks or toggles "
            f"once every {INTERACTION_EVERY_S:.0f} s costs {cap['cpu_ms']:,.0f} / {INTERACTION_EVERY_S:.0f} = "
            f"**{cap['per_viewer_ms_s']:,.1f} CPU-ms per second**.",
            f"- One core gives 1,000 CPU-ms per second: 1,000 / {cap['per_viewer_ms_s']:,.1f} = "
            f"**{cap['per_core_full']:,.0f} active viewers per core** at 100 % busy.",
            f"- Each visit also starts with a first visit of {cap['first_visit_ms']:,.0f} CPU-ms; over a "
            f"{VISIT_MINUTES:.0f}-minute visit that is {cap['arrivals_ms_s']:,.2f} CPU-ms per second per viewer. "
            f"Planned at {UTILISATION:.0%} busy: 1,000 × {UTILISATION} / ({cap['per_viewer_ms_s']:,.1f} + "
            f"{cap['arrivals_ms_s']:,.2f}) = **{cap['per_core']:,.0f} viewers per core**.",
            "- A replica is one Python process: its script runs share one interpreter lock, so it uses about one "
            "core. Replicas = viewers / viewers per core, rounded up:",
            "",
            "| Concurrent viewers | Cores busy at 100 % | Replicas (1 core each, 60 % busy) |",
            "|---:|---:|---:|",
        ]
        for r in cap["rows"]:
            out.append(
                f"| {r['viewers']:,} | {r['viewers']:,} × {cap['per_viewer_ms_s']:,.1f} / 1,000 = "
                f"{r['cores_busy']:,.1f} | ⌈{r['viewers']:,} / {cap['per_core']:,.0f}⌉ = **{r['replicas']}** |"
            )
        out.append("")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--report-only", action="store_true", help="re-print the section from the last run's JSON")
    args = ap.parse_args(argv)
    path = OUT / f"serve-{'smoke' if args.smoke else 'full'}.json"
    if args.report_only:
        res = json.loads(path.read_text(encoding="utf-8"))
    else:
        os.environ.setdefault("MPLBACKEND", "Agg")
        os.environ["HOME"] = tempfile.mkdtemp(prefix="ggm-serve-")  # Chromium writes under $HOME
        OUT.mkdir(parents=True, exist_ok=True)
        res = measure(args.smoke)
        path.write_text(json.dumps(res, indent=1, ensure_ascii=False), encoding="utf-8")
    print("\n".join(markdown(res)))
    return 0 if res.get("capacity") else 1


if __name__ == "__main__":
    sys.exit(main())
