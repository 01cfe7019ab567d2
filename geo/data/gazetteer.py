"""Find a place by name: GTX stations, municipalities, sites and legal dongs / eup / myeon.

Korean ("동탄"), romanized English ("dongtan", "Osan dong": case, spaces and hyphens ignored)
and Korean initial consonants (초성, "ㄷㅌ") all work, also mixed ("동ㅌ"). Ranking: exact match,
then prefix, then anywhere in the name; within a tier stations first, then municipalities,
sites, eup/myeon and dongs; then the shorter name. Keys are normalised once, in build_index.

Names have a time axis, as the rest of the map: a gazetteer row may carry `since` (the day its
name came into force) and `until` (the day it stopped; data/gazetteer_renames.csv). A search on a
day ranks the names in force that day first and still finds the others, labelled (display_name)
"온석동 (2014년 폐지, 현 남양읍 온석리)" / "Onseok-dong (abolished 2014, now Onseok-ri, Namyang-eup)"
or "남사읍 (2021년부터)". A row that only moved to another municipality is shown once.

Pure Python: no Streamlit, no geopandas.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from geo.core import clock
from geo.core.i18n import t
from geo.core.vocabulary import KOREA_BOUNDS
from geo.data import datafiles

KINDS = ("station", "municipality", "site", "eup", "myeon", "dong")
_KIND_RANK = {"station": 0, "municipality": 1, "site": 2, "eup": 3, "myeon": 3, "dong": 4}
GAZETTEER_FILE = "gazetteer.csv"
GAZETTEER_COLUMNS = (
    "id", "kind", "name_ko", "name_en", "municipality_code", "municipality_ko", "municipality_en",
    "lat", "lon", "precision", "source", "as_of",
)  # fmt: skip
# The time axis (optional in the file; empty = no bound): since, until, and for a name that ended
# how (change) and what the place is called now (now_ko / now_en).
GAZETTEER_DATED = ("since", "until", "change", "now_ko", "now_en")
ENDINGS = ("renamed", "abolished", "moved")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_QUERY_LEN = 40
# Initial consonants in syllable order (ㄱ ㄲ ㄴ ...), as Hangul compatibility jamo (what a keyboard types).
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JAMO = frozenset(_INITIALS)
_PAREN = re.compile(r"\([^)]*\)")
_NOT_KO = re.compile(r"[^0-9a-z\uac00-\ud7a3\u3131-\u314e]")
_NOT_EN = re.compile(r"[^0-9a-z]")


@dataclass(frozen=True)
class Place:
    """One searchable thing and where it is."""

    id: str  # unique: "station:dongtan", "municipality:hanam", "site:…", "emd-41590420"
    kind: str  # one of KINDS
    name_ko: str
    name_en: str
    context_ko: str  # shown after the name, e.g. its municipality
    context_en: str
    lat: float
    lng: float
    precision: str  # how exact the point is (see data/README.md)
    ref: str = ""  # the station id / site id / region slug it opens, if any
    since: str = ""  # YYYY-MM-DD the name came into force ("" = before the source's vintage)
    until: str = ""  # YYYY-MM-DD the name stopped being in force ("" = still in force)
    change: str = ""  # how it ended: "renamed", "abolished" or "moved" (to another municipality)
    now_ko: str = ""  # what it is now, e.g. "남양읍 온석리"
    now_en: str = ""
    municipality_code: str = ""  # a locality's sigungu code in the boundary file's vintage

    def in_force(self, day: str) -> bool:
        """Whether this name was in force on `day` (YYYY-MM-DD)."""
        return (not self.since or self.since <= day) and (not self.until or day < self.until)


@dataclass(frozen=True)
class _Entry:
    place: Place
    ko: tuple[str, ...]
    en: tuple[str, ...]
    initials: tuple[str, ...]
    rank: int


@dataclass(frozen=True)
class Index:
    entries: tuple[_Entry, ...]


def _is_syllable(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def initials(text: str) -> str:
    """'동탄역' -> 'ㄷㅌㅇ'; characters that are not Hangul syllables stay as they are."""
    return "".join(_INITIALS[(ord(c) - 0xAC00) // 588] if _is_syllable(c) else c for c in text)


def norm_ko(text: str) -> str:
    """Korean key: NFC, lower case, no brackets' content, no spaces or punctuation."""
    text = _PAREN.sub("", unicodedata.normalize("NFC", text).lower())
    return _NOT_KO.sub("", text)


def norm_en(text: str) -> str:
    """Romanized key: lower-case ASCII letters and digits only ('Osan-dong' -> 'osandong')."""
    text = unicodedata.normalize("NFKD", _PAREN.sub("", text)).encode("ascii", "ignore").decode()
    return _NOT_EN.sub("", text.lower())


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for k in keys if k))


def build_index(places: Iterable[Place], aliases: Mapping[str, Iterable[str]] | None = None) -> Index:
    """Normalise every name once. `aliases` maps a place id to extra names (either script)."""
    aliases = aliases or {}
    entries = []
    for p in places:
        extra = list(aliases.get(p.id, ()))
        ko = _unique([norm_ko(p.name_ko), *(norm_ko(a) for a in extra if _has_hangul(a))])
        en = _unique([norm_en(p.name_en), *(norm_en(a) for a in extra if not _has_hangul(a))])
        entries.append(_Entry(p, ko, en, tuple(initials(k) for k in ko), _KIND_RANK.get(p.kind, 9)))
    return Index(tuple(entries))


def _has_hangul(text: str) -> bool:
    return any(_is_syllable(c) or c in _JAMO for c in unicodedata.normalize("NFC", text))


def _tier(key: str, q: str) -> int | None:
    """0 exact, 1 prefix, 2 contains, None no match (plain substring tests)."""
    if key == q:
        return 0
    if key.startswith(q):
        return 1
    if q in key:
        return 2
    return None


def _char_ok(k: str, q: str) -> bool:
    return k == q or (q in _JAMO and _is_syllable(k) and initials(k) == q)


def _tier_mixed(key: str, q: str) -> int | None:
    """Like _tier, but a lone consonant in the query matches any syllable starting with it."""
    n = len(q)
    for start in range(len(key) - n + 1):
        if all(_char_ok(key[start + i], q[i]) for i in range(n)):
            if start == 0:
                return 0 if len(key) == n else 1
            return 2
    return None


def _match(entry: _Entry, q: str, script: str) -> tuple[int, int] | None:
    """(tier, key length) of the entry's best key for the normalised query."""
    best: tuple[int, int] | None = None
    if script == "en":
        candidates = [(_tier(k, q), len(k)) for k in entry.en]
    elif script == "initials":
        candidates = [(_tier(k, q), len(k)) for k in entry.initials]
    elif script == "mixed":
        candidates = [(_tier_mixed(k, q), len(k)) for k in entry.ko]
    else:
        candidates = [(_tier(k, q), len(k)) for k in entry.ko]
    for tier, length in candidates:
        if tier is not None and (best is None or (tier, length) < best):
            best = (tier, length)
    return best


def _script(q: str) -> str:
    has_jamo = any(c in _JAMO for c in q)
    has_syllable = any(_is_syllable(c) for c in q)
    if has_jamo and has_syllable:
        return "mixed"
    if has_jamo:
        return "initials"
    return "ko" if has_syllable else "en"


def _day(day: str | None) -> str:
    return day if day is not None else clock.today().isoformat()


def search(index: Index, query: str, limit: int = 10, day: str | None = None) -> list[Place]:
    """The best `limit` places for `query`, best first; [] for an empty or over-long query.
    Names in force on `day` (YYYY-MM-DD; default Korea's today) come before the others within a
    tier; a row whose only change is its municipality is found once, as it was on the day."""
    if not isinstance(query, str) or len(query) > MAX_QUERY_LEN:
        return []
    script = _script(unicodedata.normalize("NFC", query))
    q = norm_en(query) if script == "en" else norm_ko(query)
    if not q:
        return []
    on = _day(day)
    scored = []
    for entry in index.entries:
        m = _match(entry, q, script)
        if m is not None:
            place = entry.place
            label = place.name_en.lower() if script == "en" else place.name_ko
            scored.append(((m[0], not place.in_force(on), entry.rank, m[1], label, place.id), place))
    scored.sort(key=lambda pair: pair[0])
    out: list[Place] = []
    seen: set[tuple[str, float, float]] = set()
    for _, place in scored:
        same = (place.name_ko, place.lat, place.lng)  # one place, one name: its rows differ in municipality
        if same in seen:
            continue
        seen.add(same)
        out.append(place)
    return out[: max(0, limit)]


def display_name(place: Place, lang: str, day: str | None = None) -> str:
    """The name as it is shown on `day`: plain while in force, else with what happened to it:
    "온석동 (2014년 폐지, 현 남양읍 온석리)", "Namsa-myeon (renamed 2021, now Namsa-eup)",
    "남사읍 (2021년부터)"."""
    on = _day(day)
    name = place.name_en if lang == "en" else place.name_ko
    if place.in_force(on):
        return name
    if place.until and place.until <= on:
        now = place.now_en if lang == "en" else place.now_ko
        key = "gazetteer.abolished" if place.change == "abolished" else "gazetteer.renamed"
        return t(key, lang, name=name, year=place.until[:4], now=now)
    return t("gazetteer.from", lang, name=name, year=place.since[:4])


def _coord(row: Mapping[str, str], field: str, lo: float, hi: float, name: str, i: int) -> float:
    try:
        value = float(row[field])
    except (TypeError, ValueError):
        raise datafiles.DataError(name, f"row {i} is not a number", field) from None
    if not math.isfinite(value) or not lo <= value <= hi:
        raise datafiles.DataError(name, f"row {i} is outside Korea ({value})", field)
    return value


def load_places(data_dir: Path | None = None) -> list[Place]:
    """Read and validate data/gazetteer.csv (built by scripts/build_gazetteer.py)."""
    data_dir = Path(data_dir) if data_dir is not None else datafiles.current_data_dir()
    name = f"data/{GAZETTEER_FILE}"
    rows = datafiles.read_csv(data_dir / GAZETTEER_FILE, GAZETTEER_COLUMNS)
    places = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        for field in GAZETTEER_COLUMNS:
            if not row.get(field):
                raise datafiles.DataError(name, f"empty in row {i}", field)
        dated = {field: (row.get(field) or "").strip() for field in GAZETTEER_DATED}
        _check_dated(dated, name, i)
        if row["kind"] not in ("dong", "eup", "myeon"):
            raise datafiles.DataError(name, f"row {i} has unknown kind {row['kind']!r}", "kind")
        if row["id"] in seen:
            raise datafiles.DataError(name, f"row {i} repeats id {row['id']!r}", "id")
        seen.add(row["id"])
        places.append(
            Place(
                id=row["id"],
                kind=row["kind"],
                name_ko=row["name_ko"],
                name_en=row["name_en"],
                context_ko=row["municipality_ko"],
                context_en=row["municipality_en"],
                lat=_coord(row, "lat", KOREA_BOUNDS[1], KOREA_BOUNDS[3], name, i),
                lng=_coord(row, "lon", KOREA_BOUNDS[0], KOREA_BOUNDS[2], name, i),
                precision=row["precision"],
                municipality_code=row["municipality_code"],
                **dated,
            )
        )
    return places


def _check_dated(dated: Mapping[str, str], name: str, i: int) -> None:
    """since / until are days, since < until, and a name that ended says how and what it is now."""
    for field in ("since", "until"):
        value = dated[field]
        if value and not _ISO_DAY.match(value):
            raise datafiles.DataError(name, f"row {i} is not YYYY-MM-DD ({value!r})", field)
    if dated["since"] and dated["until"] and dated["since"] >= dated["until"]:
        raise datafiles.DataError(name, f"row {i} ends before it begins", "until")
    if dated["until"] and dated["change"] not in ENDINGS:
        raise datafiles.DataError(name, f"row {i} ended without a change ({', '.join(ENDINGS)})", "change")
    if dated["until"] and not (dated["now_ko"] and dated["now_en"]):
        raise datafiles.DataError(name, f"row {i} ended without saying what it is now", "now_ko")
    if dated["change"] and not dated["until"]:
        raise datafiles.DataError(name, f"row {i} has a change but no until", "until")
