"""A real `streamlit run app.py` on 127.0.0.1 and headless Debian Chromium via Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
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

# A point of the polygon that nothing else covers, inside the map's visible area, nearest
# its middle (markers and lines can sit on top of a polygon; its box can reach past the map).
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

# Playwright's default of 5 s per expect() is too tight when the box is busy (a rerun
# under load can take longer); every expect() without its own timeout waits this long.
EXPECT_TIMEOUT_MS = 20_000


def pytest_configure(config):
    from playwright.sync_api import expect

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, env_extra: dict | None = None, cwd: Path = ROOT, base_path: str = "") -> subprocess.Popen:
    """Start streamlit with its output in a log file (`proc.log_path`). A pipe that nobody
    reads fills up after 64 KB of log lines and then blocks the server on its next write.
    `base_path` serves the app under a path prefix (server.baseUrlPath)."""
    home = tempfile.mkdtemp(prefix="ggm-home-")
    env = {**os.environ, "HOME": home, **(env_extra or {})}
    log_path = Path(home) / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--server.baseUrlPath",
                base_path,
            ],
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    proc.log_path = log_path
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}{'/' + base_path if base_path else ''}/_stcore/health", timeout=1
            ) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    proc.wait()
    raise RuntimeError("streamlit did not become healthy: " + log_path.read_text(errors="replace")[-2000:])


def stop_server(proc: subprocess.Popen, name: str) -> None:
    """Stop the server and keep its log under test-artifacts/."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(proc.log_path.read_bytes())


@pytest.fixture(scope="session")
def server():
    port = free_port()
    proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    stop_server(proc, "server.log")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("HOME", tempfile.mkdtemp(prefix="ggm-pw-"))
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    ctx = browser.new_context(viewport={"width": 1400, "height": 950}, locale="ko-KR")
    # No tile server is reachable offline; answer tile requests at once with nothing.
    ctx.route(
        "**/*.png",
        lambda route: (
            route.fulfill(status=204)
            if "tile" in route.request.url or "carto" in route.request.url
            else route.continue_()
        ),
    )
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    try:  # for review only: a page that hangs must not turn into a second error here
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=False, timeout=10_000)
    except Exception as exc:
        print(f"screenshot of {request.node.name} failed: {exc}")
    ctx.close()
