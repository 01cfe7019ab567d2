"""The URL is the state: parse and serialize the query string.

`parse` never raises. An unknown or malformed value falls back to the default for
that part and adds the parameter's name to the returned notices; the raw value is
never kept, so it can never be echoed onto the page.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from geo.core import clock
from geo.core.vocabulary import KOREA_BOUNDS, LINES

LANGS = ("ko", "en")
BASEMAPS = ("osm", "light", "vworld", "none")
DEFAULT_BASEMAP = "osm"
# How the page shows the data: the map, or the tables beside it (the map's text equivalent).
VIEW_MODES = ("map", "table")
DEFAULT_VIEW_MODE = "map"
CLUSTER_LAYERS = ("semiconductor", "ai", "peace-zone")
LAYERS = (*CLUSTER_LAYERS, "gtx", "sites")
DEFAULT_LAYERS = frozenset(LAYERS)
MAX_VALUE_LEN = 200
TOKEN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")  # an id in a URL (also a story's and its steps')
# The map view, `view=lat,lng,zoom`: a box around the Korean peninsula and Leaflet's
# useful zooms. Stored rounded (4 decimals is about 10 m), so a link stays short.
VIEW_LAT = (KOREA_BOUNDS[1], KOREA_BOUNDS[3])
VIEW_LNG = (KOREA_BOUNDS[0], KOREA_BOUNDS[2])
VIEW_ZOOM = (6.0, 18.0)
_NUMBER = re.compile(r"^-?[0-9]{1,3}(\.[0-9]{1,12})?$")  # ASCII digits only
# The map's date, `date=YYYY-MM-DD` (or YYYY-MM: the last day of that month). Unset means today.
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?$")
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))
# A guided tour (data/story.toml, geo/answers/story.py): `story=<id>&step=<n>`, n from 1. A bare step
# link (none of these parameters given) opens the step's own state; any of them given wins.
STEP_PARAMS = ("region", "station", "cluster", "layers", "view", "date", "at")
_STEP = re.compile(r"^[0-9]{1,3}$")
# Each step's URL parameters, in order: ((name, value), ...) per step.
StorySteps = tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class Known:
    """The ids the data defines; anything else in a URL is rejected."""

    regions: frozenset[str]
    stations: frozenset[str]
    clusters: frozenset[str]
    stories: tuple[tuple[str, StorySteps], ...] = ()  # story id -> its steps' parameters


@dataclass(frozen=True)
class ViewState:
    region: str | None = None
    station: str | None = None
    cluster: str | None = None
    layers: frozenset[str] = DEFAULT_LAYERS
    lines: frozenset[str] = frozenset(LINES)
    lang: str = "ko"
    basemap: str = "osm"
    view: tuple[float, float, float] | None = None  # (lat, lng, zoom); None fits Gyeonggi
    view_mode: str = DEFAULT_VIEW_MODE
    date: dt.date | None = None  # the map as of this day; None = today
    at: tuple[float, float] | None = None  # a place (lat, lng): the place panel and its pin
    story: str | None = None  # a guided tour's id
    step: int | None = None  # its step, from 1; set exactly when `story` is
    notices: tuple[str, ...] = field(default=(), compare=False)

    def select(self, kind: str | None, value: str | None) -> ViewState:
        """One selection at a time: a region, a station, a cluster (or a place, see `place`)."""
        return replace(
            self,
            region=value if kind == "region" else None,
            station=value if kind == "station" else None,
            cluster=value if kind == "cluster" else None,
            at=None,
        )

    def place(self, lat: float, lng: float) -> ViewState:
        """Select the place at (lat, lng) instead of any region, station or cluster; a value
        the codec would not accept selects nothing."""
        return replace(self.select(None, None), at=make_at(lat, lng))


def day_of(state: ViewState, today: dt.date | None = None) -> dt.date:
    """The day the map shows: the URL's date, or today."""
    return state.date or today or clock.today()


def parse_date(raw: str | None) -> dt.date | None:
    """YYYY-MM-DD, or YYYY-MM meaning the last day of that month; None if anything else."""
    if raw is None or len(raw) > 40:
        return None
    m = _DATE.match(raw.strip())
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        return None
    day = int(m.group(3)) if m.group(3) else calendar.monthrange(year, month)[1]
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if DATE_RANGE[0] <= value <= DATE_RANGE[1] else None


def available_basemaps(has_vworld_key: bool) -> tuple[str, ...]:
    """The basemaps this deployment can draw: V-World needs a key."""
    return tuple(b for b in BASEMAPS if b != "vworld" or has_vworld_key)


def _last(value: object) -> str | None:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else None
    return value if isinstance(value, str) else None


def _token(raw: str | None, allowed: Collection[str]) -> tuple[str | None, bool]:
    """(value, ok). Empty means unset; anything not in `allowed` is rejected."""
    if raw is None or raw == "":
        return None, True
    value = raw.strip().lower()
    if len(value) > MAX_VALUE_LEN or not TOKEN.match(value) or value not in allowed:
        return None, False
    return value, True


def parse(params: Mapping[str, Any], known: Known, basemaps: tuple[str, ...] = BASEMAPS) -> ViewState:
    """The state a query string asks for. `known` holds the ids the data defines and
    `basemaps` the basemaps available now (`available_basemaps`); anything else falls
    back to its default with a notice."""
    notices: list[str] = []

    def given(key: str) -> str | None:
        return _last(params.get(key)) if hasattr(params, "get") else None

    story, step, defaults = _parse_story(given, known, notices)

    def get(key: str) -> str | None:
        value = given(key)
        return value if value is not None else defaults.get(key)

    out: dict[str, Any] = {"at": None, "story": story, "step": step}
    # Tokens from a closed set; unset or rejected gives the default (None: nothing selected).
    tokens: tuple[tuple[str, Collection[str], str | None], ...] = (
        ("region", known.regions, None),
        ("station", known.stations, None),
        ("cluster", known.clusters, None),
        ("lang", LANGS, "ko"),
        ("basemap", basemaps, DEFAULT_BASEMAP),
        ("view_mode", VIEW_MODES, DEFAULT_VIEW_MODE),
    )
    for name, allowed, default in tokens:
        value, ok = _token(get(name), allowed)
        out[name] = value or default
        if not ok:
            notices.append(name)
    # Numbers and dates; a rejected value is left unset.
    readers: tuple[tuple[str, Callable[[str], Any]], ...] = (
        ("view", lambda raw: make_view(*raw.split(",")) if len(raw) <= 64 and raw.count(",") == 2 else None),
        ("date", parse_date),
        ("at", lambda raw: make_at(*raw.split(",")) if len(raw) <= 64 and raw.count(",") == 1 else None),
    )
    for name, read in readers:
        raw = get(name)
        if raw:
            out[name] = read(raw)
            if out[name] is None:
                notices.append(name)
    layers_raw = get("layers")
    if layers_raw is not None:
        layers, lines, ok = _parse_layers(layers_raw)
        out["layers"], out["lines"] = layers, lines
        if not ok:
            notices.append("layers")
    # One selection at a time; the first valid one wins in this order.
    if out["region"]:
        out["station"] = out["cluster"] = out["at"] = None
    elif out["station"]:
        out["cluster"] = out["at"] = None
    elif out["cluster"]:
        out["at"] = None
    return ViewState(**out, notices=tuple(notices))


def _parse_story(
    given: Callable[[str], str | None], known: Known, notices: list[str]
) -> tuple[str | None, int | None, dict[str, str]]:
    """(story, step, the step's parameters for a bare step link)."""
    stories = dict(known.stories)
    story, ok = _token(given("story"), stories)
    if not ok:
        notices.append("story")
    step_raw = given("step")
    if not story:
        if step_raw:
            notices.append("step")
        return None, None, {}
    steps = stories[story]
    step = 1
    if step_raw:
        raw = step_raw.strip()
        if _STEP.match(raw) and 1 <= int(raw) <= len(steps):
            step = int(raw)
        else:
            notices.append("step")
    bare = all(given(k) is None for k in STEP_PARAMS)
    return story, step, dict(steps[step - 1]) if bare else {}


def _number(value: object, bounds: tuple[float, float]) -> float | None:
    """A plain finite number inside `bounds`, from a number or an ASCII numeric string, else None."""
    if isinstance(value, str):
        text = value.strip()
        if not _NUMBER.match(text):
            return None
        value = float(text)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value) if bounds[0] <= value <= bounds[1] else None


def make_at(lat: object, lng: object) -> tuple[float, float] | None:
    """A place (lat, lng) rounded to 5 decimals (about 1 m), from numbers or numeric strings,
    or None when either is not a plain number inside the Korea box."""
    y, x = _number(lat, VIEW_LAT), _number(lng, VIEW_LNG)
    return None if y is None or x is None else (round(y, 5), round(x, 5))


def make_view(lat: object, lng: object, zoom: object) -> tuple[float, float, float] | None:
    """A rounded (lat, lng, zoom) from numbers or numeric strings, or None when any
    part is not a plain number inside the allowed box."""
    y, x, z = _number(lat, VIEW_LAT), _number(lng, VIEW_LNG), _number(zoom, VIEW_ZOOM)
    return None if y is None or x is None or z is None else (round(y, 4), round(x, 4), round(z, 2))


def _parse_layers(raw: str) -> tuple[frozenset[str], frozenset[str], bool]:
    if len(raw) > MAX_VALUE_LEN:
        return DEFAULT_LAYERS, frozenset(LINES), False
    ok = True
    layers: set[str] = set()
    lines: set[str] = set()
    for part in raw.split(","):
        token = part.strip().lower()
        if not token:
            continue
        if token in LAYERS:
            layers.add(token)
        elif token.startswith("gtx-") and token[4:].upper() in LINES:
            lines.add(token[4:].upper())
        else:
            ok = False
    if lines:
        layers.add("gtx")
    elif "gtx" in layers:
        lines = set(LINES)
    return frozenset(layers), frozenset(lines or LINES), ok


def serialize(state: ViewState) -> dict[str, str]:
    """Query parameters for `state`, in a stable order."""
    out: dict[str, str] = {}
    for name in ("region", "station", "cluster"):
        value = getattr(state, name)
        if value:
            out[name] = value
    layers = [layer for layer in LAYERS if layer in state.layers]
    if "gtx" in state.layers and state.lines != frozenset(LINES):
        layers += [f"gtx-{line.lower()}" for line in LINES if line in state.lines]
    out["layers"] = ",".join(layers)
    out["lang"] = state.lang
    if state.basemap != DEFAULT_BASEMAP:
        out["basemap"] = state.basemap
    if state.at:
        out["at"] = f"{state.at[0]:.5f},{state.at[1]:.5f}"
    if state.view:
        lat, lng, zoom = state.view
        out["view"] = f"{lat:.4f},{lng:.4f},{zoom:g}"
    if state.view_mode != DEFAULT_VIEW_MODE:
        out["view_mode"] = state.view_mode
    if state.date:
        out["date"] = state.date.isoformat()
    if state.story:
        out["story"] = state.story
        out["step"] = str(state.step or 1)
    return out
