"""Hosting files, checked without a Docker engine: the Dockerfile's shape, its health
check command, and a run of the app from exactly the files the image copies."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import tomllib
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.helpers import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_dockerfile_shape():
    ins = instructions()
    assert ins[0] == ("FROM", "python:3.11-slim")
    users = [a for i, a in ins if i == "USER"]
    assert users and users[-1] not in ("root", "0")
    last_user = max(n for n, (i, _) in enumerate(ins) if i == "USER")
    assert all(i != "RUN" for i, _ in ins[last_user:])  # nothing runs as root after USER
    assert ("EXPOSE", "8501") in ins
    assert any(i == "RUN" and "pip install --require-hashes -r requirements.lock" in a for i, a in ins)
    cmd = json.loads(next(a for i, a in ins if i == "CMD"))
    assert cmd[:3] == ["streamlit", "run", "app.py"] and cmd[cmd.index("--server.address") + 1] == "0.0.0.0"
    health = next(a for i, a in ins if i == "HEALTHCHECK")
    assert "/_stcore/health" in health and "127.0.0.1" in health


def test_dockerignore_keeps_secrets_and_local_state_out():
    ignored = {
        ln.strip() for ln in (ROOT / ".dockerignore").read_text().splitlines() if ln.strip() and not ln.startswith("#")
    }
    assert {".streamlit/secrets.toml", ".venv", ".git", "test-artifacts", "static/vendor"} <= ignored
    copied = [a.split()[0] for i, a in instructions() if i == "COPY"]
    assert not any(c in ignored or c.rstrip("/") in ignored for c in copied)


def test_streamlit_config_suits_community_cloud():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["server"]["enableStaticServing"] is True  # Leaflet comes from ./static, not a CDN
    assert cfg["browser"]["gatherUsageStats"] is False
    # Community Cloud and Docker set these themselves; pinning them here would fight the platform.
    assert "port" not in cfg["server"] and "address" not in cfg["server"] and "baseUrlPath" not in cfg["server"]
    req = (ROOT / "requirements.txt").read_text().splitlines()
    pins = [ln for ln in req if ln.strip() and not ln.startswith("#")]
    assert pins and all("==" in ln for ln in pins)
    assert (ROOT / ".python-version").read_text().strip() == "3.11"


class _Health(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self):
        self.send_response(self.status if self.path == "/_stcore/health" else 404)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("status, healthy", [(200, True), (503, False)])
def test_healthcheck_command(status, healthy):
    health = next(a for i, a in instructions() if i == "HEALTHCHECK")
    argv = json.loads(health[health.index("CMD") + 3 :].strip())
    assert argv[0] == "python"
    handler = type("H", (_Health,), {"status": status})
    srv = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        env = {**os.environ, "STREAMLIT_SERVER_PORT": str(srv.server_address[1])}
        rc = subprocess.run([sys.executable, *argv[1:]], env=env, capture_output=True, timeout=30).returncode
    finally:
        srv.shutdown()
    assert (rc == 0) is healthy


def test_app_runs_from_exactly_what_the_image_copies(tmp_path):
    """Copy the COPY sources, run the build step, then the app (AppTest) in a fresh
    interpreter that can only import from the copy; the run must not write into it."""
    app = tmp_path / "app"
    app.mkdir()
    for i, a in instructions():
        if i != "COPY" or a.startswith("requirements.txt"):
            continue
        src, dst = shlex.split(a)[:2]
        target = app / dst
        if (ROOT / src).is_dir():  # COPY dir/ ./dir/ copies the contents
            shutil.copytree(ROOT / src, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            if dst.endswith("/") or dst == ".":
                target = target / (ROOT / src).name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / src, target)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GGM_DATA_DIR")}
    env.update(PYTHONDONTWRITEBYTECODE="1", HOME=str(tmp_path / "home"))
    build = subprocess.run(
        [sys.executable, "-m", "layers.prebuild"],
        cwd=app,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert build.returncode == 0, build.stderr
    assert (app / "static" / "vendor" / "leaflet" / "leaflet.js").is_file()
    assert len(list((app / "static" / "geo").glob("*.json"))) >= 33  # outlines, Peace Zone, 31 selections
    before = {p: p.stat().st_mtime_ns for p in app.rglob("*")}
    script = (
        "import sys  # run from the copy: its folder comes first on sys.path\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file('app.py', default_timeout=90).run()\n"
        "assert not at.exception, at.exception\n"
        "import geo; assert geo.__file__.startswith(sys.argv[1]), geo.__file__\n"
        "print('SUBHEADERS', [s.value for s in at.subheader][:1])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(app)], cwd=app, env=env, capture_output=True, text=True, timeout=180
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    assert "SUBHEADERS ['개요']" in run.stdout
    after = {p: p.stat().st_mtime_ns for p in app.rglob("*")}
    assert after == before  # read-only code works: nothing written into /app at run time
