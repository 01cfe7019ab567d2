import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("MPLBACKEND", "Agg")


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: end-to-end tests in headless Chromium")


@pytest.fixture(scope="session")
def model():
    from geo.model import build

    return build()
