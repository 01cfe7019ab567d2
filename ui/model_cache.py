"""The model, built once per data directory and shared read-only by every session."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.answers import story
from geo.core.i18n import t
from geo.data import datafiles
from geo.domain.model import Model, build
from layers import assets, prebuild
from ui.markdown import esc


@st.cache_resource(show_spinner=False)
def _static_assets() -> str:
    return str(assets.install_static())


@st.cache_resource(show_spinner=False)
def load_model(data_dir: str) -> Model:
    """Keyed by the data directory, so $GGM_DATA_DIR set later in the process takes effect.
    A resource, not data: the model is read-only, so no session needs its own copy."""
    model = story.checked(build(Path(data_dir)))
    prebuild.geometry(model)  # the map's geometry files, before any session asks for them
    return model


def load_model_or_stop() -> Model:
    """The model for the current data directory, or one clear error screen and stop."""
    _static_assets()
    try:
        return load_model(str(datafiles.current_data_dir()))
    except datafiles.DataError as exc:
        st.error(f"{t('data_error_title', 'ko')} / {t('data_error_title', 'en')}")
        st.markdown(esc(f"{t('data_error_help', 'ko')} {t('data_error_help', 'en')}"))
        st.code(f"file:    {exc.file}\nfield:   {exc.field or '-'}\nproblem: {exc.problem}", language=None)
        st.stop()
