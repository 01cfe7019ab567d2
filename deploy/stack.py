"""The whole stack on one machine: nginx (deploy/nginx.conf) serving a static site at / and
proxying the live app, N `streamlit run app.py` replicas, under /live/.

    python -m deploy.stack up [--site DIR] [--port 8080] [--replicas 2] [--precompress]
    python -m deploy.stack status
    python -m deploy.stack down
    python -m deploy.stack render [--site DIR] [--port 8080]     # print the filled-in nginx.conf

`up` returns once nginx and every replica answer their health checks; the processes keep running
in the background (their ids and ports are in build/stack/state.json, their logs beside it) until
`down`. Everything runs as the calling user, on 127.0.0.1 and ports above 1024. The browser test
(tests/browser/test_replicas_e2e.py) and the bench (bench/serve_bench.py) use `start()` and
`Stack.stop()` from here.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy.streamlit_run import streamlit_argv

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx.conf"
DEFAULT_PREFIX = ROOT / "build" / "stack"
DEFAULT_SITE = ROOT / "build" / "site"
APP_PATH = "live"  # the app's path under the site: /live/ (server.baseUrlPath)
COOKIE = "ggm_replica"
MIME_TYPES = Path("/etc/nginx/mime.types")
# Files worth a .gz beside them for gzip_static.
TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".geojson", ".svg", ".txt", ".xml", ".map"}


class NginxMissing(RuntimeError):
    """nginx is not installed (`make web-server` installs it)."""


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 1.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return int(r.status)
    except OSError:
        return 0


class _Local:
    """A server on 127.0.0.1:port with the app under /APP_PATH/ (a replica, or nginx for the stack)."""

    port: int

    @property
    def addr(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.addr}"

    @property
    def app_url(self) -> str:
        return f"{self.url}/{APP_PATH}/"

    def healthy(self) -> bool:
        """Whether the app answers its health check here."""
        return _get(f"{self.app_url}_stcore/health") == 200


@dataclass
class Replica(_Local):
    name: str  # the ggm_replica cookie's value
    port: int
    proc: subprocess.Popen | None
    log_path: Path
    pid: int = 0

    def alive(self) -> bool:
        if self.proc is not None:
            return self.proc.poll() is None
        return _pid_alive(self.pid)


@dataclass
class Stack(_Local):  # url: the site; app_url: the app through nginx
    prefix: Path
    port: int
    site_dir: Path
    replicas: list[Replica]
    nginx: subprocess.Popen | None = None
    nginx_pid: int = 0
    compression: bool = False
    _logs: list = field(default_factory=list, repr=False)

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def log_lines(self) -> list[dict[str, str]]:
        return read_access_log(self.access_log)

    def pids(self) -> dict[str, int]:
        out = {r.name: (r.proc.pid if r.proc else r.pid) for r in self.replicas}
        out["nginx"] = self.nginx.pid if self.nginx else self.nginx_pid
        return out

    def stop_replica(self, name: str, sig: int = signal.SIGKILL) -> None:
        """End one replica at once (SIGKILL by default: a crash, not a shutdown)."""
        r = next(r for r in self.replicas if r.name == name)
        _end(r.proc, r.pid, sig, wait_s=15)

    def stop(self) -> None:
        """nginx first (so no request reaches a replica that is going), then every replica."""
        _end(self.nginx, self.nginx_pid, signal.SIGTERM, wait_s=10)
        for r in self.replicas:
            _end(r.proc, r.pid, signal.SIGTERM, wait_s=15)
        for f in self._logs:
            with contextlib.suppress(OSError):
                f.close()
        self._logs.clear()

    def remove(self) -> None:
        """Delete the prefix: config, logs, cache (after stop(), for a stack in a temp dir)."""
        shutil.rmtree(self.prefix, ignore_errors=True)

    def state(self) -> dict:
        return {
            "prefix": str(self.prefix),
            "port": self.port,
            "site_dir": str(self.site_dir),
            "compression": self.compression,
            "nginx_pid": self.pids()["nginx"],
            "replicas": [
                {"name": r.name, "port": r.port, "pid": self.pids()[r.name], "log": str(r.log_path)}
                for r in self.replicas
            ],
        }

    @classmethod
    def from_state(cls, data: dict) -> Stack:
        reps = [Replica(r["name"], r["port"], None, Path(r["log"]), r["pid"]) for r in data["replicas"]]
        return cls(
            Path(data["prefix"]),
            data["port"],
            Path(data["site_dir"]),
            reps,
            nginx_pid=data["nginx_pid"],
            compression=data.get("compression", False),
        )


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (ended, not yet reaped by its parent) counts as gone.
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
            return False
    return True


def _end(proc: subprocess.Popen | None, pid: int, sig: int, wait_s: float) -> None:
    """Signal one process that this module started (by its id) and wait for it to go."""
    if proc is not None:
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(timeout=wait_s)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        return
    if not _pid_alive(pid):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
    deadline = time.monotonic() + wait_s
    while _pid_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if _pid_alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


# --- nginx's access log (log_format ggm in deploy/nginx.conf) -----------------------------------

LOG_FIELDS = (
    "msec",
    "status",
    "method",
    "uri",
    "bytes_sent",
    "request_length",
    "upstream",
    "time",
    "cookie",
    "upstream_sent",
)
_LOG_LINE = re.compile(r'(\S+) (\d+) (\S+) (\S+) (\d+) (\d+) "([^"]*)" (\S+) "([^"]*)" "([^"]*)"')


def read_access_log(path: Path) -> list[dict[str, str]]:
    """Every line of the access log as a dict of LOG_FIELDS (strings, as nginx wrote them)."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = _LOG_LINE.match(line)
        if m:
            out.append(dict(zip(LOG_FIELDS, m.groups(), strict=True)))
    return out


def proxied(line: dict[str, str]) -> bool:
    """Whether a replica answered it (not nginx alone: a file, or an asset from its cache)."""
    return line["upstream"] not in ("", "-")


# --- the nginx configuration --------------------------------------------------------------------


def _re_addr(addr: str) -> str:
    return addr.replace(".", r"\.")


def render(
    prefix: Path,
    port: int,
    site_dir: Path,
    replicas: list[tuple[str, int]],
    *,
    workers: int | str = "auto",
    access_log: bool = True,
) -> str:
    """deploy/nginx.conf with every @NAME@ filled in. `replicas`: (cookie value, port) pairs."""
    addrs = [(name, f"127.0.0.1:{p}") for name, p in replicas]
    ups = []
    for name, addr in addrs:
        others = "".join(f"        server {a} backup;\n" for n, a in addrs if n != name)
        ups.append(
            f"    upstream ggm_{name} {{\n        zone ggm_{name} 64k;\n"
            f"        server {addr} max_fails=2 fail_timeout=5s;\n{others}"
            "        keepalive 16;\n        keepalive_timeout 4s;\n    }\n"
        )
    every = "".join(f"        server {a} max_fails=2 fail_timeout=5s;\n" for _, a in addrs)
    # zone: every worker shares one round-robin position and failure count (without it each worker
    # counts on its own, and two visitors at once can both land on the first replica).
    ups.append(
        f"    upstream ggm_any {{\n        zone ggm_any 64k;\n{every}"
        "        keepalive 16;\n        keepalive_timeout 4s;\n    }\n"
    )
    pool = "\n".join(f"        {name} ggm_{name};" for name, _ in addrs)
    attrs = f"Path=/{APP_PATH}/; HttpOnly; SameSite=Lax"
    same = "\n".join(f'        "~^{name}\\|(.*, )?{_re_addr(a)}$" "";' for name, a in addrs)
    new = "\n".join(f'        "~(\\||, ){_re_addr(a)}$" "{COOKIE}={name}; {attrs}";' for name, a in addrs)
    user_line = (
        "user root;  # started by root (CI): workers as root too, so they can read a private site dir"
        if hasattr(os, "geteuid") and os.geteuid() == 0
        else "# (not root: the workers run as the calling user)"
    )
    values = {
        "PREFIX": str(prefix),
        "WORKERS": str(workers),
        "USER_LINE": user_line,
        "MIME_TYPES": str(MIME_TYPES),
        "ACCESS_LOG": f"{prefix}/access.log ggm" if access_log else "off",
        "UPSTREAMS": "".join(ups).rstrip("\n"),
        "POOL_MAP": pool,
        "COOKIE_MAP": same + "\n" + new,
        "LISTEN": f"127.0.0.1:{port}",
        "SITE_DIR": str(site_dir),
        "APP_PATH": APP_PATH,
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    if "@" in "".join(line for line in text.splitlines() if not line.lstrip().startswith("#")):
        raise ValueError("deploy/nginx.conf has a placeholder that render() does not fill")
    return text


def precompress(site_dir: Path) -> int:
    """Write NAME.gz beside every text file under `site_dir` that has none or an older one
    (nginx's gzip_static then sends it without compressing per request). Returns how many."""
    n = 0
    for p in site_dir.rglob("*"):
        if not p.is_file() or p.suffix.lower() not in TEXT_SUFFIXES:
            continue
        gz = p.with_name(p.name + ".gz")
        if gz.exists() and gz.stat().st_mtime >= p.stat().st_mtime:
            continue
        gz.write_bytes(gzip.compress(p.read_bytes(), compresslevel=9, mtime=0))
        n += 1
    return n


def placeholder_site(directory: Path) -> Path:
    """A one-page site, for a stack started before `make site` has been run."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "index.html").write_text(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Gyeonggi Growth Map</title>'
        f"<h1>Gyeonggi Growth Map</h1><p>No static site here yet (<code>make site</code>). "
        f'<a href="/{APP_PATH}/">The live map</a>.</p></html>\n',
        encoding="utf-8",
    )
    return directory


# --- starting and stopping --------------------------------------------------------------------


def _wait(check, what: str, procs: list[subprocess.Popen], timeout_s: float, logs: list[Path]) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return
        dead = [p for p in procs if p.poll() is not None]
        if dead:
            break
        time.sleep(0.2)  # polling for a positive signal (health 200), not a fixed wait
    tails = "\n".join(f"--- {p}\n{p.read_text(errors='replace')[-1500:]}" for p in logs if p.exists())
    raise RuntimeError(f"{what} did not become healthy within {timeout_s:.0f} s\n{tails}")


def start(
    site_dir: Path | None = None,
    *,
    port: int | None = None,
    replicas: int = 2,
    prefix: Path | None = None,
    compression: bool | None = None,
    workers: int | str = "auto",
    access_log: bool = True,
    detach: bool = False,
    warm: bool = True,
    timeout_s: float = 120,
) -> Stack:
    """Start N replicas and nginx; return once all of them answer. `compression` None reads
    server.enableWebsocketCompression from .streamlit/config.toml. `detach`: the processes get
    their own session (they outlive this one, for `python -m deploy.stack up`). `warm`: one
    script run on every replica before returning (deploy/warmup.py)."""
    nginx = nginx_binary()
    if nginx is None:
        raise NginxMissing("nginx is not installed: `make web-server` installs it (Debian: apt-get install nginx)")
    if not MIME_TYPES.exists():
        raise NginxMissing(f"{MIME_TYPES} is missing: `make web-server` installs nginx with it")
    prefix = Path(prefix or tempfile.mkdtemp(prefix="ggm-stack-")).resolve()
    for sub in ("tmp", "cache", "logs"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
    site_dir = Path(site_dir).resolve() if site_dir else placeholder_site(prefix / "site")
    if compression is None:
        compression = configured_compression()
    secret = secrets.token_hex(32)  # one cookie secret for every replica (XSRF across a failover)
    stack = Stack(prefix, port or free_port(), site_dir, [], compression=compression)
    try:
        for i in range(replicas):
            name = chr(ord("a") + i)
            rport = free_port()
            home = prefix / f"home-{name}"
            home.mkdir(exist_ok=True)
            log_path = prefix / f"replica-{name}.log"
            log = log_path.open("ab")
            stack._logs.append(log)
            env = {
                **os.environ,
                "HOME": str(home),
                "PYTHONPATH": str(ROOT),
                "PYTHONUNBUFFERED": "1",
                "STREAMLIT_SERVER_COOKIE_SECRET": secret,
            }
            proc = subprocess.Popen(
                streamlit_argv(
                    "app.py", rport, APP_PATH, "--server.enableWebsocketCompression", "true" if compression else "false"
                ),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=detach,
            )
            stack.replicas.append(Replica(name, rport, proc, log_path, proc.pid))
        conf = prefix / "nginx.conf"
        conf.write_text(
            render(
                prefix,
                stack.port,
                site_dir,
                [(r.name, r.port) for r in stack.replicas],
                workers=workers,
                access_log=access_log,
            ),
            encoding="utf-8",
        )
        nginx_log = (prefix / "nginx.out").open("ab")
        stack._logs.append(nginx_log)
        stack.nginx = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log"), "-g", "daemon off;"],
            stdout=nginx_log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=detach,
        )
        stack.nginx_pid = stack.nginx.pid
        procs = [r.proc for r in stack.replicas if r.proc] + [stack.nginx]
        logs = [r.log_path for r in stack.replicas] + [prefix / "error.log", prefix / "nginx.out"]
        _wait(lambda: _get(f"{stack.url}/nginx-health") == 200, "nginx", procs, 20, logs)
        for r in stack.replicas:
            _wait(r.healthy, f"replica {r.name}", procs, timeout_s, logs)
        if warm:  # one script run each, straight to the replica (deploy/warmup.py says why)
            from deploy import warmup

            for r in stack.replicas:
                warmup.warm(r.app_url, timeout_s=timeout_s)
        _wait(stack.healthy, "the app through nginx", procs, 20, logs)
    except BaseException:
        stack.stop()
        raise
    return stack


def configured_compression() -> bool:
    """server.enableWebsocketCompression in .streamlit/config.toml (False when absent)."""
    import tomllib

    path = ROOT / ".streamlit" / "config.toml"
    if not path.exists():
        return False
    return bool(tomllib.loads(path.read_text(encoding="utf-8")).get("server", {}).get("enableWebsocketCompression"))


# --- the command line --------------------------------------------------------------------------


def _state_path(prefix: Path) -> Path:
    return prefix / "state.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("up", "down", "status", "render"))
    ap.add_argument("--site", type=Path, default=None, help=f"static site directory (default {DEFAULT_SITE} if built)")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--prefix", type=Path, default=DEFAULT_PREFIX, help="nginx prefix: config, logs, state")
    ap.add_argument("--precompress", action="store_true", help="write .gz beside the site's text files first")
    args = ap.parse_args(argv)
    prefix = args.prefix.resolve()
    site = args.site or (DEFAULT_SITE if DEFAULT_SITE.is_dir() else None)

    if args.command == "render":
        names = [(chr(ord("a") + i), 8501 + i) for i in range(args.replicas)]
        print(render(prefix, args.port, (site or prefix / "site").resolve(), names))
        return 0
    state = _state_path(prefix)
    if args.command in ("down", "status"):
        if not state.exists():
            print(f"no stack recorded in {state}")
            return 0 if args.command == "down" else 1
        stack = Stack.from_state(json.loads(state.read_text(encoding="utf-8")))
        if args.command == "down":
            stack.stop()
            state.unlink()
            print("stopped nginx and " + ", ".join(f"replica {r.name}" for r in stack.replicas))
            return 0
        up = _get(f"{stack.url}/nginx-health") == 200
        print(f"nginx (pid {stack.nginx_pid}) {stack.url}: {'up' if up else 'DOWN'}")
        for r in stack.replicas:
            print(f"replica {r.name} (pid {r.pid}) {r.addr}: {'up' if r.healthy() else 'DOWN'}")
        return 0 if up else 1
    if state.exists() and Stack.from_state(json.loads(state.read_text(encoding="utf-8"))).replicas[0].alive():
        print(f"a stack is already running ({state}); `python -m deploy.stack down` first", file=sys.stderr)
        return 1
    if site and args.precompress:
        print(f"precompressed {precompress(site)} files in {site}")
    stack = start(site, port=args.port, replicas=args.replicas, prefix=prefix, detach=True)
    for f in stack._logs:  # the children keep their own copies of these
        f.close()
    stack._logs.clear()
    state.write_text(json.dumps(stack.state(), indent=1), encoding="utf-8")
    print(f"site  {stack.url}/   ({stack.site_dir})")
    print(
        f"app   {stack.app_url}   ({len(stack.replicas)} replicas: " + ", ".join(r.addr for r in stack.replicas) + ")"
    )
    print(f"logs  {prefix}/   stop: python -m deploy.stack down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
