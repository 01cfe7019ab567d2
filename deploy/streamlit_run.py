"""The `streamlit run` command line, in one place: the stack's replicas (deploy/stack.py) and the
tests' and the bench's servers (tests/helpers.py `start_server`) start the app with it."""

from __future__ import annotations

import sys


def streamlit_argv(script: str, port: int, base_path: str = "", *extra: str) -> list[str]:
    """`python -m streamlit run <script>`, headless on 127.0.0.1:<port>, no usage stats, under
    /<base_path>/ (server.baseUrlPath; "" for the root); `extra`: more options, appended."""
    options = {
        "server.address": "127.0.0.1",
        "server.port": str(port),
        "server.headless": "true",
        "browser.gatherUsageStats": "false",
        "server.baseUrlPath": base_path,
    }
    flags = [x for name, value in options.items() for x in (f"--{name}", value)]
    return [sys.executable, "-m", "streamlit", "run", script, *flags, *extra]
