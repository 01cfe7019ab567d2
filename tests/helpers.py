"""Helpers shared by the tests and the benchmark (bench/), each defined once:

- `start_server`: a real `streamlit run` on 127.0.0.1 (free port, log file, HOME a temp dir,
  PYTHONPATH the repository root, health wait) and `Server.stop` to end it;
- `app_test`, `run_app`, `open_share_box`: app.py in AppTest with query parameters;
  `sweep`: one AppTest script run per job; `rendered_strings`: every string a run put on the page;
- `block_tiles`: the offline route for Playwright (no tile server is reachable);
- the Chromium launch settings, the map's iframe and the script that finds a clickable point.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from deploy.streamlit_run import streamlit_argv

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"

# --- streamlit run ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running `streamlit run <script>`; its output goes to `log_path` (a pipe that nobody
    reads fills up after 64 KB and then blocks the server on its next write)."""

    script: str
    port: int
    proc: subprocess.Popen
    log_path: Path
    base_path: str = ""
    started_s: float = 0.0  # from Popen to a healthy /_stcore/health
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}" + (f"/{self.base_path}" if self.base_path else "")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                return bool(r.status == 200)
        except OSError:
            return False

    def _sum(self, measure: Callable[[Any], float]) -> float:
        """measure(process) summed over the server and all its children (gone ones count 0)."""
        import psutil

        try:
            p = psutil.Process(self.proc.pid)
            procs = [p, *p.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0
        total = 0.0
        for q in procs:
            with contextlib.suppress(psutil.NoSuchProcess):
                total += measure(q)
        return total

    def rss(self) -> int:
        """Resident memory of the server and all its children, in bytes."""
        return int(self._sum(lambda q: q.memory_info().rss))

    def cpu_s(self) -> float:
        """CPU seconds (user + system) used so far by the server and its children."""
        return float(self._sum(lambda q: sum(q.cpu_times()[:2])))

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def stop(self, keep_as: str | None = None) -> None:
        """Terminate (kill after 15 s); with `keep_as`, copy the log to test-artifacts/<keep_as>."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self._log:
            self._log.close()
        if keep_as:
            ARTIFACTS.mkdir(exist_ok=True)
            shutil.copyfile(self.log_path, ARTIFACTS / keep_as)


def start_server(
    script: str = "app.py",
    *,
    log_path: Path | None = None,
    env: dict[str, str] | None = None,
    base_path: str = "",
    timeout_s: float = 90,
) -> Server:
    """`streamlit run <script>` from the repository root (so .streamlit/config.toml applies),
    on a free port, with HOME a fresh temp dir; returns once /_stcore/health answers 200.
    `base_path` serves the app under a path prefix (server.baseUrlPath); `env` adds variables."""
    home = tempfile.mkdtemp(prefix="ggm-home-")
    log_path = log_path or Path(home) / "server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # PYTHONPATH: a script below the root (bench/naive_app.py) imports the project's packages.
    full_env = {**os.environ, "HOME": home, "PYTHONPATH": str(ROOT), **(env or {})}
    port = free_port()
    log = log_path.open("wb")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        streamlit_argv(script, port, base_path),
        cwd=ROOT,
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Server(script, port, proc, log_path, base_path, _log=log)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and proc.poll() is None:
        if server.healthy():
            server.started_s = time.perf_counter() - t0
            return server
        time.sleep(0.2)  # polling for a positive signal (health 200), not a fixed wait
    server.stop()
    raise RuntimeError(f"streamlit run {script} did not become healthy:\n{server.log()[-2000:]}")


def log_errors(text: str) -> list[str]:
    """Lines of a server log that report an error."""
    return [line for line in text.splitlines() if "Error" in line or "Traceback" in line]


# --- AppTest ------------------------------------------------------------------------------------


def app_test(**params: str) -> Any:
    """app.py in AppTest with these query parameters, not yet run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def run_app(**params: str) -> Any:
    """app.py run once in AppTest with these query parameters."""
    return app_test(**params).run()


def open_share_box(secrets: dict[str, str] | None = None) -> Any:
    """app.py on Hanam in English with the sidebar's share box opened (`secrets`: st.secrets)."""
    at = app_test(region="hanam", lang="en")
    at.secrets.update(secrets or {})
    at.run()
    at.session_state["x_share"] = True
    at.run()
    assert not at.exception
    return at


def sweep(script: Callable[[], None], key: str, jobs: Iterable[Any], read: Callable[[Any], tuple]) -> list[tuple]:
    """Run `script` (AppTest.from_function) once per job, the job in session_state[key];
    each run must not raise. Returns (job, *read(at)) per job."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(script, default_timeout=120)
    out = []
    for job in jobs:
        at.session_state[key] = job
        at.run()
        assert not at.exception, (job, at.exception)
        out.append((job, *read(at)))
    return out


def rendered_strings(at: Any) -> list[str]:
    """Every string in every element's protobuf after an AppTest run: markdown, captions,
    headers, code, toasts, labels, options, help, dict keys, the map component's json_args..."""
    from google.protobuf.json_format import MessageToDict

    out: list[str] = []

    def walk(x: Any) -> None:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for key, v in x.items():
                out.append(str(key))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            walk(MessageToDict(proto))
    return out


# --- Playwright ---------------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TILES = "**/*.png"  # tiles are PNGs; routing only these keeps every other request off the Python side


def offline_tile(route: Any) -> Any:
    """A tile (a PNG from anywhere but this machine) gets an empty answer at once: no tile
    server is reachable offline. Works for the sync and the async API alike (the async API
    awaits what a handler returns)."""
    host = urlsplit(route.request.url).hostname
    if host not in ("127.0.0.1", "localhost"):
        return route.fulfill(status=204)
    return route.continue_()


def block_tiles(ctx: Any) -> Any:
    """Install `offline_tile` on a browser context. Sync API: done; async API: await the result.
    A fresh handler each time: Playwright caches a handler's wrapper by the function, so one
    function shared by a sync and an async context would hand the async one sync Route objects."""
    return ctx.route(TILES, lambda route: offline_tile(route))


# A point of the element that nothing else covers, inside the map's visible area, nearest
# its middle (markers and lines can sit on top of a polygon; its box can reach past the map).
# Evaluated in the map's frame with a CSS selector; null when there is none.
UNCOVERED_POINT = """(css) => {
  const el = document.querySelector(css), map = document.querySelector(".leaflet-container");
  if (!el || !map) return null;
  const r = el.getBoundingClientRect(), box = map.getBoundingClientRect();
  let best = null;
  for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {
    const x = r.left + r.width * i / 16, y = r.top + r.height * j / 16;
    if (x < box.left + 50 || x > box.right - 10 || y < box.top + 10 || y > box.bottom - 10) continue;
    if (document.elementFromPoint(x, y) !== el) continue;
    const d = Math.hypot(i - 8, j - 8);
    if (!best || d < best.d) best = {x, y, d};
  }
  return best && {x: best.x, y: best.y};
}"""


IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning';
}"""


def _is_script_finished(payload: Any) -> bool:
    from google.protobuf.message import DecodeError
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    if not isinstance(payload, bytes | bytearray):
        return False
    msg = ForwardMsg()
    try:
        msg.ParseFromString(bytes(payload))
    except DecodeError:
        return False
    return msg.WhichOneof("type") == "script_finished"


class ScriptRuns:
    """A rerun counter for one page (sync Playwright): the script runs the server reported
    finished (ForwardMsg.script_finished on the page's websocket). Create it before `goto`.
    Tests wait on it, rather than sleeping, before they check that something did NOT happen."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.finished = 0
        self._ws: Any = None
        page.on("websocket", self._attach)

    def _attach(self, ws: Any) -> None:
        self._ws = ws
        ws.on("framereceived", self._frame)

    def _frame(self, payload: Any) -> None:
        if _is_script_finished(payload):
            self.finished += 1

    def settle(self, after: int, timeout_ms: float = 30_000) -> int:
        """Wait until more than `after` runs have finished and no run is in progress; the count."""
        if self._ws is None:
            self.page.wait_for_event("websocket", timeout=timeout_ms)
        while self.finished <= after:
            # Events reach the handlers only while Playwright waits: wait for the next such frame.
            self._ws.wait_for_event("framereceived", predicate=_is_script_finished, timeout=timeout_ms)
        self.page.wait_for_function(IDLE_JS, timeout=timeout_ms)
        return self.finished
