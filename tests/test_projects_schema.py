"""projects.toml has one validator (geo/data/projects_schema.py): the data build and the app's loader
reject the same breakage with the same message."""

from __future__ import annotations

import shutil
import tomllib

import pytest

from geo.data import datafiles
from scripts import build_content

DATA = datafiles.DEFAULT_DATA_DIR


def _break(tmp_path, old: str, new: str):
    for name in ("gtx.toml", "sites.toml", "sigungu.geojson"):
        shutil.copy(DATA / name, tmp_path / name)
    text = (DATA / "projects.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "projects.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            'label_ko = "반도체특별법"\n',
            'label_ko = "반도체특별법"\ncolour = "red"\n',
            r"cluster semiconductor fact \d+: unknown keys \['colour'\]",
        ),
        ('id = "ai"\n', 'id = "ai"\nstatus = "proposed"\n', r"cluster ai: `status` is derived from its milestones"),
        ('"41390", "41450"]', '"41390", "99999"]', r"cluster ai: members not in the boundaries: \['99999'\]"),
        (
            'cluster = "peace-zone"\n',
            'cluster = "peace"\n',
            r"project climate-tech-cluster-re100: unknown cluster 'peace'",
        ),
        ('[meta]\nchecked = "2026-11-28"\n', "[meta]\n", r"meta: `checked` must be YYYY-MM-DD"),
    ],
    ids=["fact-unknown-key", "stored-status", "member-not-a-boundary", "unknown-cluster", "meta-unchecked"],
)
def test_build_and_loader_agree(tmp_path, old, new, message):
    data_dir = _break(tmp_path, old, new)
    with pytest.raises(build_content.ContentError, match=message):
        build_content.build(data_dir)
    projects = tomllib.loads((data_dir / "projects.toml").read_text(encoding="utf-8"))
    codes = frozenset(datafiles.read_geojson(DATA / "sigungu.geojson", datafiles.SCHEMAS["sigungu.geojson"])["code"])
    with pytest.raises(datafiles.DataError, match=message):
        datafiles.check_projects(projects, codes=codes)
