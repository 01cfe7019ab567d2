"""Start and stop `streamlit run` on 127.0.0.1 and read its memory."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Server:
    script: str
    port: int
    proc: subprocess.Popen
    log_path: Path
    started_s: float = 0.0
    _log: object = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _sum(self, measure) -> float:
        """measure(process) summed over the server and all its children (gone ones count 0)."""
        try:
            p = psutil.Process(self.proc.pid)
            procs = [p, *p.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0
        total = 0
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

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        if self._log:
            self._log.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(script: str, log_path: Path, timeout_s: float = 90) -> Server:
    """`streamlit run <script>` from the repository root (so .streamlit/config.toml applies)."""
    port = free_port()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("w", encoding="utf-8")
    # PYTHONPATH: a script below the root (bench/naive_app.py) imports the project's packages.
    env = {**os.environ, "HOME": tempfile.mkdtemp(prefix="ggm-bench-home-"), "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Server(script, port, proc, log_path, _log=log)
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    server.started_s = time.perf_counter() - t0
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"streamlit run {script} did not become healthy:\n{server.log()[-2000:]}")


def log_errors(text: str) -> list[str]:
    """Lines of a server log that report an error."""
    return [line for line in text.splitlines() if "Error" in line or "Traceback" in line]
