"""Warm a fresh replica: one script run over its WebSocket, as a browser's first visit would do.

    python -m deploy.warmup http://127.0.0.1:8501/live/ [QUERY]

Why: Streamlit imports the app's modules (and registers the map component, whose files it then
serves at /component/streamlit_folium.st_folium/...) only when a session first runs the
script, and the model is built then too. A replica that never ran the script answers 404 for
the component's files: a browser that fails over to it (tests/browser/test_replicas_e2e.py)
reloads the map's iframe before its own rerun has imported the component, and the map stays
blank. So a replica counts as ready only after this warm-up: deploy/stack.py runs it for every
replica before it returns, and docs/hosting.md makes it the readiness check.

The client speaks Streamlit's protocol as its frontend does: subprotocol "streamlit", then a
BackMsg rerun_script with the page's query string; it reads ForwardMsgs until script_finished.
"""

from __future__ import annotations

import asyncio
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit


def stream_url(app_url: str) -> str:
    """http://host:port/path/ -> ws://host:port/path/_stcore/stream"""
    parts = urlsplit(app_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((scheme, parts.netloc, path + "_stcore/stream", "", ""))


def rerun_message(query_string: str = "") -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query_string
    msg.rerun_script.page_script_hash = ""
    return bytes(msg.SerializeToString())


def message_type(payload: bytes) -> str | None:
    from google.protobuf.message import DecodeError
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    try:
        msg.ParseFromString(payload)
    except DecodeError:
        return None
    return msg.WhichOneof("type")


async def run_once(app_url: str, query_string: str = "", timeout_s: float = 120) -> dict:
    """Connect, ask for one script run, wait for script_finished. Returns counts and timing;
    raises TimeoutError when the run does not finish in time."""
    import websockets
    from websockets.typing import Origin, Subprotocol

    t0 = time.perf_counter()
    messages = received = 0
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(app_url))
    async with asyncio.timeout(timeout_s):
        async with websockets.connect(
            stream_url(app_url),
            subprotocols=[Subprotocol("streamlit")],
            origin=Origin(origin),
            max_size=None,
            compression=None,
        ) as ws:
            await ws.send(rerun_message(query_string))
            async for payload in ws:
                if not isinstance(payload, bytes):
                    continue
                messages += 1
                received += len(payload)
                if message_type(payload) == "script_finished":
                    break
    return {"messages": messages, "bytes": received, "ms": (time.perf_counter() - t0) * 1000}


def warm(app_url: str, query_string: str = "", timeout_s: float = 120) -> dict:
    """run_once, from code with or without a running event loop (then in a thread of its own)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(run_once(app_url, query_string, timeout_s))
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run_once(app_url, query_string, timeout_s)).result()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    r = warm(args[0], args[1] if len(args) > 1 else "")
    print(f"script run in {r['ms']:.0f} ms, {r['messages']} messages, {r['bytes']} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
