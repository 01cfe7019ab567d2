"""Sources of the figures the app computes itself (areas, access shares, the GTX data's date)."""

from __future__ import annotations

from geo.core.citation import Source
from geo.core.i18n import t
from geo.core.vocabulary import Status
from geo.domain.model import Model


def boundary_source(lang: str) -> Source:
    return Source(t("print.computed_area", lang), "2024")


def access_source(model: Model, lang: str) -> Source:
    ops = model.data.stations[model.data.stations["status"] == Status.OPERATING]
    return Source(t("print.computed_access", lang), str(max(ops["as_of"])) if len(ops) else "")


def gtx_data_as_of(model: Model) -> str:
    """The newest as-of date among the GTX lines and stations."""
    return str(max(max(model.data.lines["as_of"]), max(model.data.stations["as_of"])))
