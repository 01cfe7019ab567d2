"""Command-line flags for a view state, shared by the static export and the print.

Every URL parameter of the app has a flag of the same name, and the values go through the
app's own codec (geo.state.url_state.parse). On the command line an unrecognised value is an
error, not a silent default."""

from __future__ import annotations

import argparse
import sys

from geo.answers import story
from geo.data import datafiles
from geo.domain.model import Model, build
from geo.state import url_state
from geo.state.url_state import Known, ViewState

# URL parameter -> help text. The flags are --<name>.
URL_PARAMS: dict[str, str] = {
    "region": "municipality slug, e.g. yongin",
    "station": "GTX station id, e.g. dongtan",
    "cluster": "cluster id, e.g. semiconductor",
    "layers": "comma-separated, as in the app's URL (default: all), e.g. gtx,ai or gtx-a,sites",
    "lang": "ko (default) or en",
    "basemap": "osm (default), light, vworld or none",
    "view": "lat,lng,zoom as in the app's URL (default: fitted to Gyeonggi)",
    "at": "lat,lng of a place: its panel's answer and pin, as in the app's URL",
    "date": "YYYY-MM-DD or YYYY-MM: the map as of that day, as in the app's URL (default: today)",
}


def add_view_arguments(parser: argparse.ArgumentParser) -> None:
    """One --flag per URL parameter."""
    for param, text in URL_PARAMS.items():
        parser.add_argument(f"--{param}", help=text)


def view_state(args: argparse.Namespace, known: Known) -> tuple[ViewState, str | None]:
    """(state, error). The error names the rejected flags only: the codec never keeps a
    rejected value, so nothing from the command line is echoed."""
    params = {k: getattr(args, k) for k in URL_PARAMS if getattr(args, k, None) is not None}
    state = url_state.parse(params, known)
    if state.notices:
        return state, "unrecognised value for " + ", ".join(f"--{n}" for n in state.notices)
    return state, None


def model_and_state(args: argparse.Namespace) -> tuple[Model, ViewState] | int:
    """The model and the flags' state; or, after printing one error, the exit code
    (1: the data is broken, 2: a flag is not recognised)."""
    try:
        model = story.checked(build())
    except datafiles.DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    state, error = view_state(args, model.known)
    if error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return model, state
