"""Things that must agree across files, read from the source itself:

- every UI string in geo/core/strings.toml (i18n.STRINGS) is used by the code, and every key the code uses
  exists, in both languages, with the same {placeholders};
- every reason geo/data/upload.py raises an UploadError with has its message;
- the README's URL parameter table says what geo/state/url_state.py does;
- no test reads the team's notes outside the repository (../shared/).

Keys are found with `ast`, in every call of geo.core.i18n.t. A key built with an f-string
(f"status.{s}") counts as every key of its vocabulary (dynamic_keys below); a key the scan
cannot read is a failure, so nothing hides from it."""

from __future__ import annotations

import ast
import dataclasses
import datetime
import re
import string
from functools import cache
from pathlib import Path

from geo.core import palette
from geo.core.i18n import STRINGS
from geo.core.vocabulary import CLUSTER_STATUSES, LINES, NOT_YET_ANNOUNCED, STATUSES
from geo.data import areas, gazetteer, gtx_service, upload
from geo.data.projects_schema import PROJECT_STATUSES
from geo.state import url_state
from geo.state.url_state import BASEMAPS, LANGS, LAYERS, ViewState
from geo.timeline import milestones
from scripts import build_content
from tests.helpers import ROOT

CODE = [
    ROOT / "app.py",
    *(p for d in ("geo", "layers", "ui", "scripts", "bench") for p in sorted((ROOT / d).rglob("*.py"))),
]

# Known gaps, listed exactly (the tests fail when either side changes, so the lists stay true).
# geo/core/strings.toml is the lead's file: fix it there and shrink these sets in the same commit.
# Strings no code asks for (dead, or waiting for a feature branch's UI):
KNOWN_UNUSED = frozenset({"precision_plain.polygon_point"})
# Keys the code can ask for (f"status.{s}" over the milestone timelines) that have no string:
KNOWN_MISSING: frozenset[str] = frozenset()


@cache
def dynamic_keys() -> dict[str, frozenset[str]]:
    """f"<prefix>{x}" keys: the prefix and every value x can take (from where it is defined)."""
    from geo.domain.model import build

    model = build()
    return {
        "status.": frozenset({*STATUSES, *CLUSTER_STATUSES, NOT_YET_ANNOUNCED, *PROJECT_STATUSES}),
        "layer.": frozenset(LAYERS) | frozenset(palette.CLUSTER) | model.known.clusters,
        "basemap.": frozenset(BASEMAPS),
        "precision.": frozenset(build_content.PRECISIONS),
        "precision_plain.": frozenset(build_content.PRECISIONS),
        "area_basis.": frozenset(areas.BASES),
        "basis.": frozenset(gtx_service.BASES),
        "kind.": frozenset(gazetteer.KINDS),
        "milestone.": frozenset(milestones.MILESTONE_KINDS),
        "qualifier.": frozenset(milestones.QUALIFIERS),
        "view_mode.": frozenset(url_state.VIEW_MODES),
        "upload.err.": frozenset(upload.REASONS),
        "lang_name.": frozenset(LANGS),
    }


def _t_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """Names under which a module calls geo.core.i18n.t: (function names, module names)."""
    funcs, mods = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "geo.core.i18n":
            funcs |= {a.asname or a.name for a in node.names if a.name == "t"}
        elif isinstance(node, ast.ImportFrom) and node.module == "geo":
            mods |= {a.asname or a.name for a in node.names if a.name == "i18n"}
        elif isinstance(node, ast.Import):
            mods |= {a.asname for a in node.names if a.name == "geo.core.i18n" and a.asname}
    return funcs, mods


def _literals(expr: ast.expr | None, assigned: dict[str, list[ast.expr]]) -> set[str]:
    """The strings `expr` can be when it is a literal, `"a" if c else "b"`, or a name that is
    only ever assigned such values in the module; empty when it can be anything else."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        a, b = _literals(expr.body, {}), _literals(expr.orelse, {})
        return a | b if a and b else set()
    if isinstance(expr, ast.Name) and expr.id in assigned:
        options = [_literals(v, {}) for v in assigned[expr.id]]
        return set().union(*options) if all(options) else set()
    return set()


def key_uses(path: Path) -> tuple[set[str], set[str], list[str]]:
    """(literal keys, f-string prefixes, problems) of the t() calls in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    funcs, mods = _t_names(tree)
    literal, prefixes, problems = set(), set(), []
    assigned: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            assigned.setdefault(node.targets[0].id, []).append(node.value)
    called = set()
    where = lambda n: f"{path.relative_to(ROOT)}:{n.lineno}"
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        is_t = (isinstance(f, ast.Name) and f.id in funcs) or (
            isinstance(f, ast.Attribute) and f.attr == "t" and isinstance(f.value, ast.Name) and f.value.id in mods
        )
        if not is_t:
            continue
        called.add(id(f))
        key = node.args[0] if node.args else None
        if _literals(key, assigned):
            literal |= _literals(key, assigned)
        elif (
            isinstance(key, ast.JoinedStr)
            and len(key.values) == 2
            and isinstance(key.values[0], ast.Constant)
            and isinstance(key.values[1], ast.FormattedValue)
        ):
            prefixes.add(key.values[0].value)
        else:
            problems.append(f"{where(node)}: t() with a key the scan cannot read: {ast.unparse(key) if key else None}")
    # t passed around as a value (map(t, ...), partial(t, ...)) would hide its keys.
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Name)
            and node.id in funcs
            and isinstance(node.ctx, ast.Load)
            and id(node) not in called
        ):
            problems.append(f"{where(node)}: t used other than by calling it")
    return literal, prefixes, problems


@cache
def used_keys() -> tuple[frozenset[str], tuple[str, ...]]:
    """Every key the code can ask for, and the problems found on the way."""
    keys: set[str] = set()
    problems: list[str] = []
    vocab = dynamic_keys()
    for path in CODE:
        literal, prefixes, found = key_uses(path)
        keys |= literal
        problems += found
        for prefix in prefixes:
            if prefix in vocab:
                keys |= {prefix + x for x in vocab[prefix]}
            else:
                problems.append(
                    f"{path.relative_to(ROOT)}: f'{prefix}{{...}}' keys have no vocabulary in dynamic_keys()"
                )
    return frozenset(keys), tuple(problems)


def test_the_scan_finds_the_keys_it_must():
    """The scan is not blind: keys the app certainly uses, literal and dynamic, are found."""
    keys, _ = used_keys()
    assert {"title", "notice", "overview", "status.operating", "layer.gtx", "upload.err.bad_json"} <= keys


def test_every_key_the_code_uses_is_readable():
    _, problems = used_keys()
    assert not problems, "\n".join(problems)


def test_every_i18n_key_is_used():
    keys, _ = used_keys()
    unused = set(STRINGS) - keys
    assert unused == KNOWN_UNUSED, (
        f"unused: {sorted(unused - KNOWN_UNUSED)}; used again: {sorted(KNOWN_UNUSED - unused)}"
    )


def test_every_used_key_exists_in_both_languages():
    keys, _ = used_keys()
    missing = keys - set(STRINGS)
    assert missing == KNOWN_MISSING, (
        f"missing: {sorted(missing - KNOWN_MISSING)}; not: {sorted(KNOWN_MISSING - missing)}"
    )
    for key in keys - KNOWN_MISSING:
        ko, en = STRINGS[key]
        assert ko.strip() and en.strip(), key


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_both_languages_take_the_same_placeholders():
    for key, (ko, en) in STRINGS.items():
        assert _fields(ko) == _fields(en), key


def test_data_values_stay_inside_the_vocabularies():
    """The vocabularies above are the ones the data can hold (so every shown value has a string)."""
    from geo.domain.model import build

    data = build().data
    vocab = dynamic_keys()
    for frame in (data.stations, data.sites, data.lines):
        assert {f"status.{s}" for s in frame["status"]} <= {f"status.{s}" for s in vocab["status."]}
    for frame in (data.stations, data.sites):
        assert set(frame["location_precision"]) <= vocab["precision."]


# --- upload errors ------------------------------------------------------------------------------


def raised_reasons(path: Path) -> list[str | None]:
    """The argument of every UploadError(...) in a file (None when it is not a literal)."""
    out: list[str | None] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "UploadError":
            arg = node.args[0] if node.args else None
            out.append(arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None)
    return out


def test_every_upload_error_reason_has_its_text():
    raised = [r for path in CODE for r in raised_reasons(path)]
    assert raised and None not in raised, "an UploadError whose reason is not a literal"
    assert set(raised) == set(upload.REASONS)  # declared = raised: REASONS is the vocabulary
    for reason in upload.REASONS:
        ko, en = STRINGS[f"upload.err.{reason}"]
        assert ko.strip() and en.strip(), reason


# --- the README's URL table ---------------------------------------------------------------------


def readme_url_table() -> dict[str, tuple[str, str]]:
    """{parameter: (values cell, default cell)} from README.md's `| URL parameter |` table."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("| URL parameter |"))
    rows = {}
    for ln in lines[start + 2 :]:
        if not ln.startswith("|"):
            break
        name, values, default = (c.strip() for c in ln.strip("|").split("|"))
        rows[name.strip("`")] = (values, default)
    return rows


def ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def codec_parameters() -> set[str]:
    """The parameters url_state writes (a state with every part set) and reads (a bad value
    for each gets a notice naming it)."""
    tour = (("t", ((("layers", "gtx"),),)),)  # one tour with one step
    known = url_state.Known(frozenset({"r"}), frozenset({"s"}), frozenset({"c"}), stories=tour)
    sample = {
        "region": "r",
        "station": "s",
        "cluster": "c",
        "layers": frozenset({"gtx"}),
        "lines": frozenset({LINES[0]}),
        "lang": LANGS[-1],
        "basemap": "none",
        "view": (37.0, 127.0, 9.0),
        "date": datetime.date(2026, 1, 1),
        "at": (37.2, 127.1),
        "view_mode": "table",
        "story": "t",
        "step": 1,
    }
    fields = {f.name for f in dataclasses.fields(ViewState) if f.name != "notices"}
    assert fields <= set(sample), f"a new ViewState field: add a sample value for {sorted(fields - set(sample))}"
    written = set(url_state.serialize(ViewState(**{k: sample[k] for k in fields})))
    probe = {k: "<bad>" for k in (*written, *readme_url_table())}
    read = set(url_state.parse(probe, known).notices)
    assert written == read, (written, read)
    return written


# Parameters the codec reads and writes that README.md's table does not list yet (README.md is
# the lead's file: add the rows there and empty this set in the same commit).
README_MISSING: frozenset[str] = frozenset()


def test_readme_lists_exactly_the_url_parameters():
    assert set(readme_url_table()) | README_MISSING == codec_parameters()
    assert not README_MISSING & set(readme_url_table()), "listed now: take it out of README_MISSING"


def test_readme_values_and_defaults_for_lang_basemap_layers():
    table = readme_url_table()
    default = ViewState()
    values, dflt = table["lang"]
    assert ticked(values) == list(LANGS) and ticked(dflt) == [default.lang]
    values, dflt = table["basemap"]
    assert set(ticked(values)) == set(BASEMAPS) and ticked(dflt) == [default.basemap]
    assert default.basemap == url_state.DEFAULT_BASEMAP
    values, dflt = table["layers"]
    words = ticked(values)
    assert [w for w in words if not w.startswith("gtx-")] == list(LAYERS)
    assert [w for w in words if w.startswith("gtx-")] == [f"gtx-{LINES[0].lower()}", f"gtx-{LINES[-1].lower()}"]
    # "all layers, all lines" is the default only while it is true.
    assert dflt == "all layers, all lines"
    assert default.layers == frozenset(LAYERS) and default.lines == frozenset(LINES)


def test_readme_examples_are_valid_links(model):
    table = readme_url_table()
    known = model.known
    for param, ids in (("region", known.regions), ("station", known.stations), ("cluster", known.clusters)):
        examples = ticked(table[param][0])
        assert examples and set(examples) <= ids, param
    assert set(ticked(table["cluster"][0])) == known.clusters  # the README lists them all
    (example,) = ticked(table["view"][0])[1:]  # `lat,lng,zoom`, then the example
    state = url_state.parse({"view": example}, known)
    assert not state.notices and url_state.serialize(state)["view"] == example


# --- the repository stands alone ----------------------------------------------------------------

OUTSIDE = re.compile(r"\.\./shared|/work/shared|[\"']shared[\"']\s*[,)/]")


def test_no_test_reads_outside_the_repository():
    this = Path(__file__).resolve()
    offenders = [
        f"{p.relative_to(ROOT)}:{n}: {ln.strip()}"
        for p in sorted((ROOT / "tests").rglob("*.py"))
        if p.resolve() != this  # this file names the pattern it looks for
        for n, ln in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(ln)
    ]
    assert not offenders, "\n".join(offenders)
