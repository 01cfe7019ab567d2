import os

import pytest

from tests.helpers import ROOT

__all__ = ["ROOT"]
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: end-to-end tests in headless Chromium")


@pytest.fixture(scope="session")
def model():
    from geo.answers import story
    from geo.domain.model import build

    return story.checked(build())
