"""The project's layout: what is packaged, and that the layering holds (make lint runs the full
import-linter contracts; this test fails fast when a layer is crossed)."""

from __future__ import annotations

import tomllib

from setuptools import find_namespace_packages, find_packages

from tests.helpers import ROOT


def test_only_what_the_app_imports_is_packaged():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    packaged = set(find_packages(str(ROOT), include=conf["include"]))
    assert {p.split(".")[0] for p in packaged} == {"geo", "layers", "ui"}
    # every folder of Python code under them is a real package, so nothing is left out of a wheel
    folders = set(find_namespace_packages(str(ROOT), include=conf["include"], exclude=["*.__pycache__"]))
    assert folders == packaged


def test_import_contracts_hold():
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0
