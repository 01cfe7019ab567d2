"""Broken data files: geo.io names the file, the field and the problem, and the app
shows exactly that on one error screen (st.error + st.code), never a traceback.

Every case works on a copy of data/ in tmp_path; the app is pointed at it with
GGM_DATA_DIR (read at call time by geo.data.datafiles.current_data_dir). The app's model
cache (ui.model_cache.load_model) is keyed by that directory and is never cleared here:
a model cached for one copy must not be served for another."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pytest
from streamlit.testing.v1 import AppTest

from geo.answers import story
from geo.data import datafiles, dataset
from geo.domain.model import build
from tests.helpers import ROOT, rendered_strings

BOWTIE = [[[127.20, 37.20], [127.30, 37.30], [127.30, 37.20], [127.20, 37.30], [127.20, 37.20]]]
EPSG5179 = "urn:ogc:def:crs:EPSG::5179"


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write_json(path: Path, obj: dict) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def _to_5179(path: Path, with_crs_member: bool) -> None:
    gdf = gpd.read_file(path).to_crs(5179)
    fc = json.loads(gdf.to_json(drop_id=True))
    fc.pop("crs", None)
    if with_crs_member:
        fc["crs"] = {"type": "name", "properties": {"name": EPSG5179}}
    _write_json(path, fc)


def missing_file(d: Path) -> None:
    (d / "sites.geojson").unlink()


def truncated_json(d: Path) -> None:
    p = d / "gtx_stations.geojson"
    raw = p.read_bytes()
    p.write_bytes(raw[: len(raw) // 2])


def truncated_json_mid_character(d: Path) -> None:
    p = d / "sites.geojson"
    raw = p.read_bytes()
    cut = raw.index("용".encode()) + 1  # inside a three-byte UTF-8 sequence
    p.write_bytes(raw[:cut])


def crs_member_5179(d: Path) -> None:
    _to_5179(d / "municipalities.geojson", with_crs_member=True)


def metres_without_crs(d: Path) -> None:
    _to_5179(d / "peace_zone_outside.geojson", with_crs_member=False)


def bowtie_polygon(d: Path) -> None:
    p = d / "peace_zone_outside.geojson"
    fc = _json(p)
    fc["features"][2]["geometry"] = {"type": "Polygon", "coordinates": BOWTIE}
    _write_json(p, fc)


def station_without_source(d: Path) -> None:
    p = d / "gtx_stations.geojson"
    fc = _json(p)
    del fc["features"][5]["properties"]["source"]
    _write_json(p, fc)


def no_station_has_source(d: Path) -> None:
    p = d / "gtx_stations.geojson"
    fc = _json(p)
    for feat in fc["features"]:
        feat["properties"].pop("source", None)
    _write_json(p, fc)


def missing_toml(d: Path) -> None:
    (d / "projects.toml").unlink()


def bad_toml(d: Path) -> None:
    p = d / "projects.toml"
    p.write_text(p.read_text(encoding="utf-8") + '\n[[cluster]\nid = "unterminated\n', encoding="utf-8")


def _drop_first_source(path: Path, table: str) -> None:
    """Remove the `source = ` line of the first `table` in a TOML file."""
    text = path.read_text(encoding="utf-8")
    start = text.index(table)
    line = next(ln for ln in text[start:].splitlines() if ln.startswith("source = "))
    path.write_text(text[:start] + text[start:].replace(line + "\n", "", 1), encoding="utf-8")


def toml_cluster_without_source(d: Path) -> None:
    _drop_first_source(d / "projects.toml", "\n[[cluster]]\n")


def milestone_target_without_source(d: Path) -> None:
    p = d / "milestones.json"
    rows = json.loads(p.read_text(encoding="utf-8"))
    rec = next(r for r in rows if r["id"] == "b-incheon-maseok")
    next(m for m in rec["milestones"] if m["kind"] == "target").pop("source")
    p.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def missing_csv(d: Path) -> None:
    (d / "gyeonggi_cities.csv").unlink()


def service_time_without_source(d: Path) -> None:
    _drop_first_source(d / "gtx_service.toml", "[[travel_time]]")


def gazetteer_row_outside_korea(d: Path) -> None:
    p = d / "gazetteer.csv"
    with p.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["lat"] = "48.1"  # north of the Korea box
    with p.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def not_a_feature_collection(d: Path) -> None:
    _write_json(d / "gtx_lines.geojson", {"type": "Feature", "properties": {}, "geometry": None})


@dataclass(frozen=True)
class Case:
    id: str
    breaks: Callable[[Path], None]
    file: str
    field: str | None
    problem: str  # a fragment of DataError.problem


CASES = [
    Case("missing-file", missing_file, "data/sites.geojson", None, "file is missing"),
    Case("truncated-json", truncated_json, "data/gtx_stations.geojson", None, "not valid JSON"),
    Case("truncated-mid-utf8", truncated_json_mid_character, "data/sites.geojson", None, "not valid JSON"),
    Case("crs-member-5179", crs_member_5179, "data/municipalities.geojson", "crs", "EPSG::5179"),
    Case("metres-no-crs", metres_without_crs, "data/peace_zone_outside.geojson", "crs", "wrong CRS"),
    Case(
        "bowtie",
        bowtie_polygon,
        "data/peace_zone_outside.geojson",
        "geometry",
        "record 2 has an invalid geometry (Self-intersection",
    ),
    Case("station-without-source", station_without_source, "data/gtx_stations.geojson", "source", "empty in record 5"),
    Case(
        "no-station-has-source",
        no_station_has_source,
        "data/gtx_stations.geojson",
        "source",
        "missing from every record",
    ),
    Case("missing-toml", missing_toml, "data/projects.toml", None, "file is missing"),
    Case("bad-toml", bad_toml, "data/projects.toml", None, "not valid TOML"),
    Case(
        "toml-cluster-without-source",
        toml_cluster_without_source,
        "data/projects.toml",
        "source",
        "cluster semiconductor: missing `source`",
    ),
    Case("missing-csv", missing_csv, "data/gyeonggi_cities.csv", None, "file is missing"),
    Case(
        "milestone-target-without-source",
        milestone_target_without_source,
        "data/milestones.json",
        "milestones",
        "section b-incheon-maseok milestone 4 (2031): target milestone has no source",
    ),
    Case(
        "service-time-without-source",
        service_time_without_source,
        "data/gtx_service.toml",
        "source",
        "[[travel_time]] #0: missing or not text",
    ),
    Case("gazetteer-outside-korea", gazetteer_row_outside_korea, "data/gazetteer.csv", "lat", "row 0 is outside Korea"),
    Case(
        "not-a-feature-collection",
        not_a_feature_collection,
        "data/gtx_lines.geojson",
        "type",
        "not a GeoJSON FeatureCollection",
    ),
]
# The cases the issue names; the rest are extra coverage of the same screen.
APP_CASES = [
    c for c in CASES if c.id not in ("truncated-mid-utf8", "no-station-has-source", "not-a-feature-collection")
]


def broken_copy(tmp_path: Path, case: Case) -> Path:
    d = tmp_path / "data"
    shutil.copytree(ROOT / "data", d)
    case.breaks(d)
    return d


@pytest.fixture(autouse=True)
def clean_cache(monkeypatch):
    monkeypatch.delenv("GGM_DATA_DIR", raising=False)
    yield


# --- geo.data.datafiles directly ------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_io_names_file_field_and_problem(tmp_path, case):
    d = broken_copy(tmp_path, case)
    with pytest.raises(datafiles.DataError) as info:
        if case.file == "data/gyeonggi_cities.csv":  # read by the model build, not the dataset
            datafiles.read_csv(d / "gyeonggi_cities.csv", ("city_code", "slug", "name_ko", "name_en"))
        else:
            dataset.load_dataset(d)
    err = info.value
    assert (err.file, err.field) == (case.file, case.field)
    assert case.problem in err.problem
    assert case.file in str(err)
    # build() goes through the same loaders and raises the same error.
    with pytest.raises(datafiles.DataError) as again:
        story.checked(build(d))
    assert (again.value.file, again.value.field, again.value.problem) == (err.file, err.field, err.problem)


def test_io_reads_the_data_dir_named_by_the_environment(tmp_path, monkeypatch):
    d = broken_copy(tmp_path, CASES[0])
    assert datafiles.current_data_dir() == datafiles.DEFAULT_DATA_DIR
    monkeypatch.setenv("GGM_DATA_DIR", str(d))
    assert datafiles.current_data_dir() == d
    with pytest.raises(datafiles.DataError, match=r"sites\.geojson"):
        dataset.load_dataset()


def test_valid_data_with_explicit_wgs84_crs_member_is_accepted(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(ROOT / "data", d)
    p = d / "sites.geojson"
    fc = _json(p)
    fc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    _write_json(p, fc)
    assert len(dataset.load_dataset(d).sites) == len(fc["features"])


# --- the app --------------------------------------------------------------------------------


def run_app(monkeypatch, data_dir: Path) -> AppTest:
    """The app on `data_dir`, in this process, with whatever the model cache already holds."""
    monkeypatch.setenv("GGM_DATA_DIR", str(data_dir))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def assert_error_screen(at: AppTest, case: Case) -> None:
    assert not at.exception
    assert len(at.error) == 1
    assert "데이터 파일에 문제가" in at.error[0].value and "data file problem" in at.error[0].value
    assert len(at.code) == 1
    code = at.code[0].value
    assert f"file:    {case.file}" in code
    assert f"field:   {case.field or '-'}" in code
    assert case.problem in code
    # Only the error screen: no map, no panels, no sidebar.
    assert not at.get("component_instance")
    assert not at.header and not at.subheader and not at.sidebar.children
    text = "\n".join(rendered_strings(at))
    assert "Traceback" not in text and 'File "' not in text


@pytest.mark.parametrize("case", APP_CASES, ids=lambda c: c.id)
def test_app_shows_one_clear_error_screen(tmp_path, monkeypatch, case):
    at = run_app(monkeypatch, broken_copy(tmp_path, case))
    assert_error_screen(at, case)


def test_model_cache_does_not_leak_between_data_dirs(tmp_path, monkeypatch):
    """A good model cached for one copy must not hide a broken copy, nor the reverse."""
    good = tmp_path / "good"
    shutil.copytree(ROOT / "data", good)
    at = run_app(monkeypatch, good)
    assert not at.exception and not at.error
    assert any(s.value == "개요" for s in at.subheader)

    first = broken_copy(tmp_path / "a", CASES[1])
    assert_error_screen(run_app(monkeypatch, first), CASES[1])
    second = broken_copy(tmp_path / "b", next(c for c in CASES if c.id == "bad-toml"))
    at = run_app(monkeypatch, second)
    assert_error_screen(at, next(c for c in CASES if c.id == "bad-toml"))
    assert "gtx_stations" not in at.code[0].value  # not the previous case's error

    at = run_app(monkeypatch, good)
    assert not at.exception and not at.error
