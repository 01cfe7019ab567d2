"""The lock files (`make lock`): every human pin is locked at the same version, with hashes."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.M)


def _pins(text: str) -> dict[str, str]:
    return {name.lower().replace("_", "-"): version for name, version in PIN.findall(text)}


def _lock_entries(text: str) -> list[str]:
    """One entry per locked package: its pin line with its --hash continuation lines."""
    return [e for e in re.split(r"\n(?=[A-Za-z0-9])", text) if PIN.match(e)]


@pytest.mark.parametrize(
    ("human", "lock"), [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")]
)
def test_every_human_pin_is_locked_with_hashes(human, lock):
    wanted = _pins((ROOT / human).read_text())
    text = (ROOT / lock).read_text()
    locked = _pins(text)
    assert {k: locked.get(k) for k in wanted} == wanted
    entries = _lock_entries(text)
    assert len(entries) == len(locked)
    assert all("--hash=sha256:" in e for e in entries), [e.split()[0] for e in entries if "--hash" not in e]
    assert not re.search(r"^(--index-url|--find-links|-e )|file://", text, re.M)


def test_the_dev_lock_contains_the_runtime_lock():
    runtime = _pins((ROOT / "requirements.lock").read_text())
    dev = _pins((ROOT / "requirements-dev.lock").read_text())
    assert {k: dev.get(k) for k in runtime} == runtime


def test_setup_installs_from_the_locks():
    make = (ROOT / "Makefile").read_text()
    assert "pip install -q --require-hashes -r requirements.lock" in make
    assert "pip install -q --require-hashes -r requirements-dev.lock" in make
