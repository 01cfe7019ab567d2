"""GTX service facts from data/gtx_service.toml: published minutes between stations, headways and
opening targets, validated on load. Nothing here estimates a figure: a hub with no record is
"not published". A figure computed from others is never stored as a published one: it carries
`derived_ko`/`derived_en` (how it was computed), and the text shows it as derived. Headways are
dated (`from`); the one in force on the viewed day is shown.

Pure Python: no Streamlit, no geopandas.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.core import clock
from geo.core.citation import Citation
from geo.core.vocabulary import AS_OF, LINES, SOURCE_URL
from geo.data import datafiles

SERVICE_FILE = "gtx_service.toml"
BASES = ("scheduled", "planning")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Sourced(Citation):
    """A service figure's citation, with the further sources and the note the file gives it."""

    sources: tuple[str, ...] = ()
    note_ko: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class TravelTime:
    line: str
    a: str  # station ids; the sources quote the figure without a direction
    b: str
    low: float  # minutes; low == high unless the source gives a range
    high: float
    approx: bool
    basis: str  # "scheduled" | "planning"
    cite: Sourced
    derived_ko: str = ""  # how a figure computed from others was computed; "" = published as is
    derived_en: str = ""

    def other(self, station: str) -> str:
        return self.b if station == self.a else self.a


@dataclass(frozen=True)
class Headway:
    line: str
    section: str
    peak: float | None
    offpeak: float | None
    cite: Sourced
    valid_from: str = ""  # YYYY-MM-DD from which it applies ("" = from the start)
    peak_approx: bool = False  # the source says "about"
    offpeak_approx: bool = False


@dataclass(frozen=True)
class Target:
    line: str
    section: str | None  # None: every section of the line without its own target
    text_ko: str
    text_en: str
    cite: Sourced


@dataclass(frozen=True)
class Service:
    hubs: tuple[str, ...]
    travel_times: tuple[TravelTime, ...]
    headways: tuple[Headway, ...]
    targets: tuple[Target, ...]

    def times_from(self, station: str, line: str) -> dict[str, TravelTime]:
        """Hub id -> the published figure from `station` on `line`."""
        out: dict[str, TravelTime] = {}
        for tt in self.travel_times:
            if tt.line == line and station in (tt.a, tt.b) and tt.other(station) in self.hubs:
                out[tt.other(station)] = tt
        return out

    def headway(self, section: str, on: str | None = None) -> Headway | None:
        """The headway in force on `on` (YYYY-MM-DD; default today): the latest one from by then."""
        day = on or clock.today().isoformat()
        valid = [h for h in self.headways if h.section == section and h.valid_from <= day]
        return max(valid, key=lambda h: h.valid_from, default=None)

    def target(self, line: str, section: str) -> Target | None:
        own = next((t for t in self.targets if t.line == line and t.section == section), None)
        return own or next((t for t in self.targets if t.line == line and t.section is None), None)


def minutes_text(tt: TravelTime, lang: str) -> str:
    """'about 20 min' / '27-29 min' (en dash) / '약 5분 19초'; figures as the source gives them. A
    derived figure says so and how: '6 min 15 s (derived: ...)'."""
    if tt.low == tt.high:
        text = minutes_value(tt.low, lang, tt.approx)
    elif lang == "en":
        text = f"{'about ' if tt.approx else ''}{_num(tt.low)}\u2013{_num(tt.high)} min"
    else:
        text = f"{'약 ' if tt.approx else ''}{_num(tt.low)}\u2013{_num(tt.high)}분"
    how = tt.derived_en if lang == "en" else tt.derived_ko
    if how:
        text += f" (derived: {how})" if lang == "en" else f" (계산값: {how})"
    return text


def minutes_value(v: float, lang: str, approx: bool = False) -> str:
    """One figure in minutes, with seconds when it has them: '17 min', '6 min 15 s', '약 5분 19초'."""
    whole, secs = divmod(round(v * 60), 60)
    if lang == "en":
        return f"{'about ' if approx else ''}{whole} min" + (f" {secs} s" if secs else "")
    return f"{'약 ' if approx else ''}{whole}분" + (f" {secs}초" if secs else "")


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class _Checker:
    def __init__(self, name: str):
        self.name = name

    def fail(self, where: str, problem: str, field: str) -> None:
        raise datafiles.DataError(self.name, f"{where}: {problem}", field)

    def text(self, rec: Mapping[str, Any], field: str, where: str, required: bool = True) -> str:
        value = rec.get(field, "")
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where, "missing or not text", field)
        return str(value)

    def cite(self, rec: Mapping[str, Any], where: str) -> Sourced:
        source = self.text(rec, "source", where)
        if not SOURCE_URL.match(source):
            self.fail(where, "not a full http(s) URL", "source")
        as_of = self.text(rec, "as_of", where)
        if not AS_OF.match(as_of):
            self.fail(where, "not shaped YYYY[-MM[-DD]]", "as_of")
        extra = rec.get("sources", [])
        if not isinstance(extra, list) or not all(isinstance(u, str) and SOURCE_URL.match(u) for u in extra):
            self.fail(where, "must be a list of full URLs", "sources")
        return Sourced(
            source,
            as_of,
            tuple(extra),
            self.text(rec, "note_ko", where, False),
            self.text(rec, "note_en", where, False),
        )

    def minutes(self, value: Any, where: str, field: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.fail(where, "not a number", field)
        if not 0 < float(value) <= 300:
            self.fail(where, f"{value} minutes is out of range", field)
        return float(value)

    def line(self, rec: Mapping[str, Any], where: str) -> str:
        line = rec.get("line")
        if line not in LINES:
            self.fail(where, f"unknown line {line!r}", "line")
        return str(line)

    def station(self, rec: Mapping[str, Any], field: str, where: str, known: frozenset[str] | None) -> str:
        sid = self.text(rec, field, where)
        if not _ID.match(sid) or (known is not None and sid not in known):
            self.fail(where, f"unknown station {sid!r}", field)
        return sid


def check_service(
    raw: Mapping[str, Any],
    stations: Iterable[str] | None = None,
    sections: Mapping[str, str] | None = None,
    name: str = f"data/{SERVICE_FILE}",
) -> Service:
    """Validate the parsed TOML. `stations` (ids) and `sections` (id -> line) from the GTX data
    are checked against when given."""
    c = _Checker(name)
    known = frozenset(stations) if stations is not None else None
    hubs = raw.get("hubs")
    if not isinstance(hubs, list) or not hubs:
        raise datafiles.DataError(name, "top level: needs a list of hub station ids", "hubs")
    hub_ids = tuple(c.station({"hub": h}, "hub", f"hub {h!r}", known) for h in hubs)

    def section_of(rec: Mapping[str, Any], where: str, line: str, required: bool) -> str | None:
        sec = rec.get("section")
        if sec is None and not required:
            return None
        if not isinstance(sec, str) or (sections is not None and sections.get(sec) != line):
            c.fail(where, f"unknown section {sec!r} for line {line}", "section")
        return str(sec)

    times = []
    for i, rec in enumerate(raw.get("travel_time", [])):
        where = f"[[travel_time]] #{i}"
        line = c.line(rec, where)
        a, b = c.station(rec, "from", where, known), c.station(rec, "to", where, known)
        if a == b:
            c.fail(where, "from and to are the same station", "to")
        m = rec.get("minutes")
        pair = m if isinstance(m, list) else [m, m]
        if len(pair) != 2:
            c.fail(where, "a range must be [low, high]", "minutes")
        low, high = (c.minutes(v, where, "minutes") for v in pair)
        if low > high:
            c.fail(where, "range is not [low, high]", "minutes")
        secs = rec.get("seconds", 0)
        if isinstance(secs, bool) or not isinstance(secs, int) or not 0 <= secs < 60:
            c.fail(where, "must be a whole number of seconds, 0 to 59", "seconds")
        if secs and (isinstance(m, list) or not float(m).is_integer()):
            c.fail(where, "seconds go with a single whole number of minutes", "seconds")
        low, high = low + secs / 60, high + secs / 60
        basis = rec.get("basis")
        if basis not in BASES:
            c.fail(where, f"must be one of {BASES}", "basis")
        if not isinstance(rec.get("approx", False), bool):
            c.fail(where, "must be true or false", "approx")
        how_ko, how_en = c.text(rec, "derived_ko", where, False), c.text(rec, "derived_en", where, False)
        if bool(how_ko.strip()) != bool(how_en.strip()):
            c.fail(where, "a derived figure says how in both languages", "derived_en" if how_ko else "derived_ko")
        times.append(
            TravelTime(
                line, a, b, low, high, bool(rec.get("approx", False)), str(basis), c.cite(rec, where), how_ko, how_en
            )
        )
    _check_not_derived(c, times)

    heads = []
    for i, rec in enumerate(raw.get("headway", [])):
        where = f"[[headway]] #{i}"
        line = c.line(rec, where)
        sec = section_of(rec, where, line, True)
        peak = rec.get("peak_minutes")
        off = rec.get("offpeak_minutes")
        if peak is None and off is None:
            c.fail(where, "needs peak_minutes or offpeak_minutes", "peak_minutes")
        valid_from = rec.get("from", "")
        if not isinstance(valid_from, str) or not _DAY.match(valid_from):
            c.fail(where, "the day it applies from, YYYY-MM-DD", "from")
        for flag in ("peak_approx", "offpeak_approx"):
            if not isinstance(rec.get(flag, False), bool):
                c.fail(where, "must be true or false", flag)
        heads.append(
            Headway(
                line,
                str(sec),
                None if peak is None else c.minutes(peak, where, "peak_minutes"),
                None if off is None else c.minutes(off, where, "offpeak_minutes"),
                c.cite(rec, where),
                str(valid_from),
                bool(rec.get("peak_approx", False)),
                bool(rec.get("offpeak_approx", False)),
            )
        )
    starts = [(h.section, h.valid_from) for h in heads]
    if len(starts) != len(set(starts)):
        c.fail("[[headway]]", "two headways for the same section from the same day", "from")

    targets = []
    for i, rec in enumerate(raw.get("target", [])):
        where = f"[[target]] #{i}"
        line = c.line(rec, where)
        sec = section_of(rec, where, line, False)
        targets.append(
            Target(line, sec, c.text(rec, "target_ko", where), c.text(rec, "target_en", where), c.cite(rec, where))
        )
    seen = [(t.line, t.section) for t in targets]
    if len(seen) != len(set(seen)):
        c.fail("[[target]]", "two targets for the same line and section", "section")
    return Service(hub_ids, tuple(times), tuple(heads), tuple(targets))


def _check_not_derived(c: _Checker, times: list[TravelTime]) -> None:
    """A figure that is the sum or difference of two others on the same line (three stations, three
    figures: A-C = A-B + B-C) was computed, not published: one of them must say `derived_*`."""
    published = [t for t in times if not t.derived_en and t.low == t.high]
    for x, y, z in itertools.combinations(published, 3):
        if len({x.line, y.line, z.line}) > 1:
            continue
        pairs = {frozenset((t.a, t.b)) for t in (x, y, z)}
        if len(pairs) != 3 or len(frozenset().union(*pairs)) != 3:
            continue
        for whole, part1, part2 in ((x, y, z), (y, x, z), (z, x, y)):
            if math.isclose(whole.low, part1.low + part2.low, abs_tol=1e-9):
                c.fail(
                    f"[[travel_time]] {whole.a}-{whole.b}, {part1.a}-{part1.b}, {part2.a}-{part2.b}",
                    f"{_num(whole.low)} = {_num(part1.low)} + {_num(part2.low)}: one of these figures is computed "
                    "from the other two; mark it derived (derived_ko, derived_en) or cite where it is published",
                    "derived_en",
                )


def load_service(
    data_dir: Path | None = None, stations: Iterable[str] | None = None, sections: Mapping[str, str] | None = None
) -> Service:
    data_dir = Path(data_dir) if data_dir is not None else datafiles.current_data_dir()
    return check_service(datafiles.read_toml(data_dir / SERVICE_FILE), stations, sections)
