"""Every UI string, in Korean and English, from strings.toml beside this file. Data texts live in data/."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

# The browser tab's title, set before the page's language is known: both languages.
PAGE_TITLE = "Gyeonggi Growth Map · 경기도 미래성장 지도"


def _read_strings() -> dict[str, tuple[str, str]]:
    """geo/core/strings.toml as {key: (ko, en)}; a malformed entry stops the import with its key."""
    table = tomllib.loads(Path(__file__).with_name("strings.toml").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for key, pair in table.items():
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)):
            raise ValueError(f"strings.toml: {key!r} must be [ko, en]")
        out[key] = (pair[0], pair[1])
    return out


STRINGS: Mapping[str, tuple[str, str]] = MappingProxyType(_read_strings())

LANG_INDEX = {"ko": 0, "en": 1}


def t(key: str, lang: str, **fmt: Any) -> str:
    """The string for `key` in `lang` (Korean when the language is unknown)."""
    text = STRINGS[key][LANG_INDEX.get(lang, 0)]
    return text.format(**fmt) if fmt else text


def name(record: Any, lang: str) -> str:
    """A record's name_ko / name_en for `lang`: a mapping, a pandas row or a model record."""
    key = f"name_{'en' if lang == 'en' else 'ko'}"
    return str(getattr(record, key)) if hasattr(record, key) else str(record[key])


def status_label(status: str | None, lang: str, in_sentence: bool = False) -> str:
    """A status as a person reads it ("Operating", "운행 중"); an unknown one as written, none as "—".
    `in_sentence`: as it reads inside an English sentence ("under construction")."""
    if not status:
        return "—"
    key = f"status.{status}"
    label = t(key, lang) if key in STRINGS else status
    return label[:1].lower() + label[1:] if in_sentence and lang == "en" else label
