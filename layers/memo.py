"""A small process-wide LRU memo for layer payloads, keyed by the content of the frames
they come from (geo.domain.model tags each frame with a hash of its file)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import geopandas as gpd

from geo.core.vocabulary import CONTENT_KEY

MEMO_SIZE = 256

_memo: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def content_key(*frames: gpd.GeoDataFrame) -> tuple | None:
    """The frames' content keys (set by geo.domain.model), or None if any frame has none."""
    keys = tuple(f.attrs.get(CONTENT_KEY) for f in frames)
    return None if None in keys else keys


def memoised(key: Hashable | None, build: Callable[[], object]):
    """build(), remembered under `key` (None: not remembered). Thread-safe, least recently used out."""
    if key is None:
        return build()
    with _lock:
        if key in _memo:
            _memo.move_to_end(key)
            return _memo[key]
    value = build()
    with _lock:
        _memo[key] = value
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return value
