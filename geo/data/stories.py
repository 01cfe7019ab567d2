"""Guided tours as written in data/story.toml: their ids, steps, texts, map states and sources.

Only the file's shape is checked here; geo/answers/story.py fills the texts from the model and
proves every step true to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.core.vocabulary import SOURCE_URL
from geo.data import datafiles
from geo.data.datafiles import DataError
from geo.state import url_state

STORY_FILE = "story.toml"
LANGS = ("ko", "en")
# Step states may set these URL parameters (the codec's own list); the reader's language is kept.
STATE_PARAMS = url_state.STEP_PARAMS


@dataclass(frozen=True)
class Step:
    id: str
    params: Mapping[str, str]  # URL parameters of the step's map state
    heading: Mapping[str, str]  # lang -> text with placeholders
    body: Mapping[str, str]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    id: str
    title: Mapping[str, str]
    steps: tuple[Step, ...]


def _text(rec: Mapping[str, Any], key: str, where: str, name_: str) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        value = rec.get(f"{key}_{lang}")
        if not isinstance(value, str) or not value.strip():
            raise DataError(name_, f"{where} lacks it", f"{key}_{lang}")
        out[lang] = value.strip()
    return out


def parse_stories(raw: Mapping[str, Any], name_: str = f"data/{STORY_FILE}") -> dict[str, Story]:
    """Stories from the TOML's shape alone (ids, texts, states, sources); see check_stories for the rest."""
    stories = raw.get("story")
    if not isinstance(stories, list) or not stories:
        raise DataError(name_, "no [[story]] tables", "story")
    out: dict[str, Story] = {}
    for i, rec in enumerate(stories):
        sid = rec.get("id")
        if not isinstance(sid, str) or not url_state.TOKEN.match(sid) or sid in out:
            raise DataError(name_, f"[[story]] #{i} has a missing, malformed or repeated id", "id")
        steps: list[Step] = []
        raw_steps = rec.get("step")
        if not isinstance(raw_steps, list) or not raw_steps:
            raise DataError(name_, f"story '{sid}' has no [[story.step]]", "step")
        for j, s in enumerate(raw_steps):
            where = f"story '{sid}' step {j + 1}"
            step_id = s.get("id")
            if not isinstance(step_id, str) or not url_state.TOKEN.match(step_id) or step_id in {x.id for x in steps}:
                raise DataError(name_, f"{where} has a missing, malformed or repeated id", "id")
            params = s.get("state")
            if not isinstance(params, dict) or any(
                k not in STATE_PARAMS or not isinstance(v, str) for k, v in params.items()
            ):
                raise DataError(name_, f"{where}: state must map {', '.join(STATE_PARAMS)} to strings", "state")
            sources = s.get("sources")
            if (
                not isinstance(sources, list)
                or not sources
                or not all(isinstance(u, str) and SOURCE_URL.match(u) for u in sources)
            ):
                raise DataError(name_, f"{where} needs a list of http(s) sources", "sources")
            steps.append(
                Step(
                    id=step_id,
                    params=dict(params),
                    heading=_text(s, "heading", where, name_),
                    body=_text(s, "body", where, name_),
                    sources=tuple(sources),
                )
            )
        out[sid] = Story(id=sid, title=_text(rec, "title", f"story '{sid}'", name_), steps=tuple(steps))
    return out


def load_stories(data_dir: Path | None = None) -> dict[str, Story]:
    data_dir = Path(data_dir) if data_dir is not None else datafiles.current_data_dir()
    return parse_stories(datafiles.read_toml(data_dir / STORY_FILE))


def url_steps(stories: Mapping[str, Story]) -> tuple[tuple[str, url_state.StorySteps], ...]:
    """What the URL codec needs to know of the tours: each step's parameters."""
    return tuple((s.id, tuple(tuple(sorted(step.params.items())) for step in s.steps)) for s in stories.values())
