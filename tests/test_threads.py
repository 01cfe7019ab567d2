"""Sessions run in threads and share the model's caches (geo.domain.asof.as_of, the place index
and its answers): many threads at once give exactly what one thread gives."""

from __future__ import annotations

import datetime as dt
import random
from concurrent.futures import ThreadPoolExecutor

from geo.answers import place_answers
from geo.answers.describe import describe
from geo.answers.locality import place_heading
from geo.answers.place_index import index_for
from geo.domain.asof import as_of
from geo.state.url_state import ViewState


def _states(model, n: int = 200) -> list[ViewState]:
    rnd = random.Random(18)
    days = [None, *(dt.date(2023, 1, 1) + dt.timedelta(days=rnd.randrange(0, 1800)) for _ in range(40))]
    out = []
    for _ in range(n):
        kind = rnd.choice(["region", "station", "cluster", "at", None])
        lang = rnd.choice(["ko", "en"])
        s = ViewState(lang=lang, date=rnd.choice(days))
        if kind == "at":
            s = s.place(round(rnd.uniform(37.0, 38.0), 5), round(rnd.uniform(126.7, 127.6), 5))
        elif kind:
            pool = {"region": model.known.regions, "station": model.known.stations, "cluster": model.known.clusters}
            s = s.select(kind, rnd.choice(sorted(pool[kind])))
        out.append(s)
    return out


def _answer(model, state: ViewState):
    day = state.date
    parts = [describe(model, state), sorted(as_of(model.data.timeline, day or dt.date(2026, 1, 1)).members.items())]
    if state.at:
        idx = index_for(model)
        parts += [
            place_answers.place_answer(model, *state.at, day, index=idx),
            place_heading(idx, *state.at, state.lang, day),
        ]
    if state.station:
        parts.append(place_answers.station_answer(model, state.station, day))
    return repr(parts)


def test_sixteen_threads_over_200_states_answer_as_one_thread(model):
    states = _states(model)
    getattr(as_of, "cache_clear", lambda: None)()
    index_for.cache_clear()
    alone = [_answer(model, s) for s in states]
    getattr(as_of, "cache_clear", lambda: None)()
    index_for.cache_clear()
    with ThreadPoolExecutor(max_workers=16) as pool:
        together = list(pool.map(lambda s: _answer(model, s), states))
    assert together == alone
    assert not hasattr(as_of, "cache_info") or as_of.cache_info().currsize <= as_of.cache_info().maxsize


def test_a_cached_day_is_never_another_timelines(model):
    # The old cache was keyed by id(timeline): a new timeline at a freed one's address got its answer.
    from geo.timeline.status import Timeline

    day, real = dt.date(2026, 1, 1), model.data.timeline
    want = as_of(real, day).sections
    for _ in range(20):
        empty = Timeline({})
        assert as_of(empty, day).sections == {}
        del empty
        assert as_of(Timeline(dict(real.records)), day).sections == want
