"""Guided tours (data/story.toml): ordered steps, each a map state with a short text.

A step's text is our own wording, but every figure in it is a placeholder such as
`{cluster.semiconductor.area_km2}` that is filled from the model when the step is shown, so
the tour stays true when the data changes. `check_stories` proves, for a given model, that
every step's state passes the URL codec unchanged, that every placeholder resolves, that no
digit is written into the text itself, and that every source is one the data cites.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd

from geo.answers.sources import access_source, boundary_source, gtx_data_as_of
from geo.core.citation import Source, cited, record_field
from geo.core.i18n import name, status_label, t
from geo.core.vocabulary import STATUSES, municipality_unit, status_key
from geo.data.datafiles import DataError
from geo.data.stories import LANGS, STORY_FILE, Step, Story
from geo.domain.model import Area, Cluster, Model, Station
from geo.state import url_state
from geo.state.url_state import ViewState

PLACEHOLDER = re.compile(r"\{([a-z]+)\.([A-Za-z0-9-]+)\.([a-z0-9_]+)\}")
# Names that contain digits (RE100) are not figures; any other digit in a step's text is.
_NAME_WITH_DIGITS = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+[0-9]+")


@dataclass(frozen=True)
class ShownStep:
    """One step filled from the model, ready to show."""

    story: str
    number: int  # 1-based
    total: int
    title: str
    heading: str
    body: str
    state: ViewState
    sources: tuple[Source, ...]


# ---------------------------------------------------------------- figures from the data


def _km2(v: float, lang: str) -> str:
    return t("km2", lang, v=v)


def _m2(v: float, lang: str) -> str:
    return f"{v:,.0f} {'m²' if lang == 'en' else '㎡'}"


def _share(v: float, r: int, lang: str) -> str:
    return f"{v * 100:.0f}% ({t('within_km', lang, r=r).lower() if lang == 'en' else t('within_km', lang, r=r)})"


def _trillion_won(v: float, lang: str) -> str:
    return t("trillion_won", lang, v=v / 1e12)


def _record(records: list[dict[str, Any]], rid: str) -> dict[str, Any]:
    for r in records:
        if r.get("id") == rid:
            return r
    raise KeyError(rid)


def _row(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    rows = frame[frame[key] == value]
    if rows.empty:
        raise KeyError(value)
    return rows.iloc[0]


def _number(v: Any) -> float:
    if v is None or pd.isna(v):
        raise KeyError("not published")  # a figure the data does not have cannot be named
    return float(v)


Value = tuple[str, Source | None]  # a figure's text and where it comes from
Resolver = Callable[[Model, str, str, str], Value]
R = TypeVar("R")
Field = Callable[[Model, R, str], Value]  # (model, record, lang) -> the field's figure


def _fields(get: Callable[[Model, str], R], fields: Mapping[str, Field[R]]) -> Resolver:
    """A kind's resolver: its record by key (`get`), then the field's figure from `fields`."""

    def resolve(m: Model, key: str, field: str, lang: str) -> Value:
        rec = get(m, key)
        if field not in fields:
            raise KeyError(field)
        return fields[field](m, rec, lang)

    return resolve


def _name(m: Model, rec: Any, lang: str) -> Value:
    return name(rec, lang), None


def _status_of(m: Model, rec: Any, lang: str) -> Value:
    status = record_field(rec, "status")
    if not status:
        raise KeyError("status")  # a cluster the data gives no status
    return status_label(status, lang, in_sentence=True), cited(rec)


def _opened(m: Model, s: Station, lang: str) -> Value:
    if not s.opened:
        raise KeyError("opened")  # a station not opened yet
    return s.opened, cited(s)


def _municipalities(m: Model, c: Cluster, lang: str) -> Value:
    units = {municipality_unit(code) for code in c.members}  # a Gyeonggi city counts once however many gu
    return str(len(units)), cited(c)


def _site_count(m: Model, c: Cluster, lang: str) -> Value:
    return str(int((m.data.sites["cluster"] == c.id).sum())), Source(t("layer.sites", lang), _newest(m.data.sites))


def _nearest_km(m: Model, row: pd.Series, lang: str) -> Value:
    near = _row(m.nearest, "site_id", row["id"])
    return t("km", lang, v=_number(near["distance_km"])), access_source(m, lang)


_REGION: Mapping[str, Field[Area]] = {  # a cluster has these too
    "name": _name,
    "area_km2": lambda m, a, lang: (_km2(a.area_km2, lang), boundary_source(lang)),
    "share_within_10km": lambda m, a, lang: (_share(a.share_within_10km, 10, lang), access_source(m, lang)),
}
_CLUSTER: Mapping[str, Field[Cluster]] = {
    **_REGION,
    "share_within_5km": lambda m, c, lang: (_share(c.share_within_5km, 5, lang), access_source(m, lang)),
    "site_count": _site_count,
    "municipalities": _municipalities,
    "status": _status_of,
}
_SITE: Mapping[str, Field[pd.Series]] = {
    "name": _name,
    "area_m2": lambda m, row, lang: (_m2(_number(row["area_m2"]), lang), cited(row)),
    "investment_krw": lambda m, row, lang: (_trillion_won(_number(row["investment_krw"]), lang), cited(row)),
    "status": _status_of,
    "nearest_km": _nearest_km,
}
_NAME_AND_STATUS: Mapping[str, Field[Any]] = {"name": _name, "status": _status_of}


def _line(m: Model, line: str, field: str, lang: str) -> Value:
    sections = m.data.lines[m.data.lines["line"] == line]
    if sections.empty or field != "status":
        raise KeyError(f"{line}.{field}")
    best = sections.loc[min(sections.index, key=lambda i: status_key(str(sections.at[i, "status"])))]
    return status_label(str(best["status"]), lang, in_sentence=True), cited(best)  # the most advanced section's status


def _stations(m: Model, status: str, field: str, lang: str) -> Value:
    if status not in STATUSES or field != "count":
        raise KeyError(status)
    count = int((m.data.stations["status"] == status).sum())
    return str(count), Source(t("layer.gtx", lang), gtx_data_as_of(m))


def _project(kind: str) -> Resolver:
    return _fields(lambda m, pid: _record(m.data.projects.get(kind, []), pid), _NAME_AND_STATUS)


def _meta(m: Model, key: str, field: str, lang: str) -> Value:
    meta = m.data.projects.get("meta", {})
    if key == "proposal" and field == "date":
        return str(meta["date"]), cited(meta)
    if key == "projects" and field == "count":
        return str(len(m.data.projects.get("project", []))), cited(meta)
    raise KeyError(field)


def _newest(frame: pd.DataFrame) -> str:
    return str(max(frame["as_of"]))


RESOLVERS: dict[str, Resolver] = {
    "cluster": _fields(Model.cluster, _CLUSTER),
    "region": _fields(Model.region, _REGION),
    "site": _fields(lambda m, sid: _row(m.data.sites, "id", sid), _SITE),
    "station": _fields(Model.station, {"name": _name, "status": _status_of, "opened": _opened}),
    "line": _line,
    "section": _fields(lambda m, sid: _row(m.data.lines, "id", sid), _NAME_AND_STATUS),
    "stations": _stations,
    "project": _project("project"),
    "proposal": _project("proposal"),
    "meta": _meta,
}


def figure(model: Model, kind: str, key: str, field: str, lang: str) -> Value:
    """The text for `{kind.key.field}` and where it comes from; KeyError when the data has no such figure."""
    if kind not in RESOLVERS:
        raise KeyError(kind)
    return RESOLVERS[kind](model, key, field, lang)


def placeholders(text: str) -> Iterator[tuple[str, str, str]]:
    for match in PLACEHOLDER.finditer(text):
        yield match.group(1), match.group(2), match.group(3)


def fill(model: Model, text: str, lang: str) -> tuple[str, list[Source]]:
    """`text` with every placeholder replaced by its figure, and the figures' sources."""
    sources: list[Source] = []

    def one(match: re.Match[str]) -> str:
        value, source = figure(model, match.group(1), match.group(2), match.group(3), lang)
        if source is not None and source not in sources:
            sources.append(source)
        return value

    return PLACEHOLDER.sub(one, text), sources


# ---------------------------------------------------------------- steps


def step_state(step: Step, known: url_state.Known, lang: str = "ko") -> ViewState:
    """The step's map state through the URL codec, in the reader's language."""
    return url_state.parse({**step.params, "lang": lang}, known)


def cited_sources(model: Model) -> dict[str, str]:
    """Every source URL the data cites -> its as-of date (the newest where a URL recurs)."""
    out: dict[str, str] = {}

    def add(url: Any, as_of: Any) -> None:
        if isinstance(url, str) and url:
            out[url] = max(out.get(url, ""), str(as_of or ""))

    p = model.data.projects
    records = [p.get("meta", {})] + [r for k in ("cluster", "project", "proposal") for r in p.get(k, [])]
    for rec in records:
        add(rec.get("source"), rec.get("as_of"))
        for url in rec.get("sources", []):
            add(url, rec.get("as_of"))
        for f in rec.get("fact", []):
            add(f.get("source"), f.get("as_of"))
    for frame in (model.data.stations, model.data.lines, model.data.sites):
        for _, row in frame.iterrows():
            add(row["source"], row["as_of"])
            for url in row.get("sources") or []:
                add(url, row["as_of"])
    return out


def show(model: Model, story: Story, number: int, lang: str) -> ShownStep:
    """Step `number` (1-based) of `story`, filled from the model."""
    step = story.steps[number - 1]
    heading, s1 = fill(model, step.heading[lang], lang)
    body, s2 = fill(model, step.body[lang], lang)
    known = cited_sources(model)
    sources = [cited({"source": u, "as_of": known.get(u, "")}) for u in step.sources]
    for s in s1 + s2:
        if s not in sources:
            sources.append(s)
    return ShownStep(
        story=story.id,
        number=number,
        total=len(story.steps),
        title=story.title[lang],
        heading=heading,
        body=body,
        state=step_state(step, model.known, lang),
        sources=tuple(sources),
    )


def check_stories(model: Model, stories: Mapping[str, Story], name_: str = f"data/{STORY_FILE}") -> None:
    """Raise DataError unless every step is valid for `model` (see the module docstring)."""
    known_sources = cited_sources(model)
    for story in stories.values():
        for i, step in enumerate(story.steps, 1):
            where = f"story '{story.id}' step {i}"
            state = step_state(step, model.known)
            if state.notices:
                raise DataError(name_, f"{where}: the URL codec rejects {', '.join(state.notices)}", "state")
            written = url_state.serialize(state)
            lost = [k for k in step.params if k not in written]
            if lost:
                raise DataError(name_, f"{where}: the URL codec does not keep {', '.join(lost)}", "state")
            for url in step.sources:
                if url not in known_sources:
                    raise DataError(name_, f"{where}: source {url} is not cited anywhere in the data", "sources")
            for lang in LANGS:
                for key, text in (("heading", step.heading[lang]), ("body", step.body[lang])):
                    bare = _NAME_WITH_DIGITS.sub("", PLACEHOLDER.sub("", text))
                    if re.search(r"[0-9{}]", bare):
                        raise DataError(
                            name_,
                            f"{where}: a figure or brace written into the text; use a placeholder",
                            f"{key}_{lang}",
                        )
                    for kind, key_, field in placeholders(text):
                        try:
                            figure(model, kind, key_, field, lang)
                        except (KeyError, ValueError):
                            raise DataError(
                                name_,
                                f"{where}: {{{kind}.{key_}.{field}}} is not a figure in the data",
                                f"{key}_{lang}",
                            ) from None


def checked(model: Model) -> Model:
    """The model, once every tour in it is proved true to the model's own figures (DataError if not)."""
    check_stories(model, model.stories)
    return model
