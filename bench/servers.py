"""Start and stop `streamlit run` on 127.0.0.1 and read its memory: the one launcher in
tests/helpers.py, which the browser tests use too."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import Server, log_errors, start_server

__all__ = ["Server", "log_errors", "start"]


def start(script: str, log_path: Path, timeout_s: float = 90) -> Server:
    """`streamlit run <script>` from the repository root, logging to `log_path`."""
    return start_server(script, log_path=log_path, timeout_s=timeout_s)
