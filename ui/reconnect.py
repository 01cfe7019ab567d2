"""A page that reconnects to another replica runs the script there at once.

Behind a load balancer (deploy/, docs/hosting.md) a browser whose replica dies reconnects its
WebSocket to another replica, which has no session for it and starts a fresh one. Streamlit's
frontend keeps the page as it was but asks for a script run on reconnect only in a few cases
(a run was in progress, or the page has a fragment that reruns by itself). Without a run, the
fresh session has no widgets registered, so the person's next interaction reaches it without
its on_change callback: the first click after a failover selected nothing.

The page therefore carries one fragment with `run_every`. It draws nothing, and at once a day
its timer costs nothing worth counting; what matters is that it exists, because Streamlit's
frontend then reruns the script as soon as it has reconnected (App.handleConnectionStateChanged:
`autoRerunIntervals.size > 0`). The new replica builds the page from the URL, as it would
for a shared link, and registers every widget before the person clicks again.
tests/browser/test_replicas_e2e.py kills a replica mid-session and checks the next click.
"""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

# Long enough never to matter (a browser timer allows up to 24.8 days), short enough to be one.
EVERY = timedelta(days=1)


@st.fragment(run_every=EVERY)
def _rerun_on_reconnect() -> None:
    """Draws nothing: its timer is what makes the frontend rerun after a reconnect."""


def rerun_on_reconnect() -> None:
    _rerun_on_reconnect()
