"""Print one view state: a 1920x1080 PNG, an A4 landscape PDF or an SVG.

Drawn on the server with geopandas and matplotlib: no browser, no tiles, so it works
offline and the same inputs give the same bytes. The map is drawn in EPSG:5179 (metres),
which is what the scale bar measures. Text is real text in the PDF (TrueType, type 42)
and in the SVG (`svg.fonttype = none`).

Korean text uses NanumGothic from the `koreanize-matplotlib` wheel (the package is MIT; the
Nanum fonts are under the SIL Open Font License 1.1), registered with
`font_manager.addfont`. The package itself is never imported, because importing it changes
matplotlib's global settings. If the font is missing, `korean_font()` raises `FontMissing`
instead of drawing empty boxes.

Several prints may run at once (Streamlit runs download callables in threads), so a print
changes no global state: the figure is a `Figure` made directly (not pyplot), every text gets
its `FontProperties`, and dash patterns are given per line. The only matplotlib settings with
no per-figure or per-call form are the three that the PDF and SVG writers read when saving
(`BACKEND_RC`): they are set once, at import (the import lock runs it once, before any print can
start), and never changed after, so no print can see another's half-changed settings.

Nothing is computed at import: the font is registered and the data projected on the first print.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import logging
import math
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import matplotlib
import numpy as np
import segno
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.typing import RcKeyType
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import Transformer

from geo.answers import naming
from geo.core import clock, mercator, palette
from geo.core.i18n import name, status_label, t
from geo.core.vocabulary import CONTENT_KEY, GYEONGGI_CODE, METRIC_CRS, STATUSES, WGS84, Status
from geo.domain.asof import memberships_as_of
from geo.domain.model import Model
from geo.domain.visibility import visible
from geo.printing import sheet as print_sheet
from geo.printing.formats import FORMATS, PageFormat
from geo.printing.sheet import Sheet
from geo.state import share
from geo.state.url_state import CLUSTER_LAYERS, ViewState
from geo.timeline.status import Timeline

FONT_PACKAGE = "koreanize_matplotlib"  # the PyPI wheel koreanize-matplotlib ships the .ttf files
FONT_FILES = ("NanumGothic.ttf", "NanumGothicBold.ttf")
FONT_FAMILY = "NanumGothic"
BOLD = 600  # NanumGothicBold.ttf declares weight 600, so "bold" (700) would log a fallback
# The CSS pixel size of the app's map (st_folium height 640): what a `view=lat,lng,zoom` covers.
VIEW_PX = (960, 640)
MAX_VALUE_LINES = 3
STATUS_ORDER = tuple(reversed(STATUSES))  # drawn bottom to top: least advanced first

# Read only from matplotlib.rcParams by the PDF and SVG writers, with no per-call form; constant,
# set once here (see the module's docstring). The app draws nothing else with matplotlib.
BACKEND_RC: dict[RcKeyType, Any] = {
    "pdf.fonttype": 42,  # TrueType: real, selectable text
    "svg.fonttype": "none",  # <text> elements, not paths
    "svg.hashsalt": "gyeonggi-growth-map",  # stable element ids (else a random salt per id)
}
matplotlib.rcParams.update(BACKEND_RC)


class FontMissing(RuntimeError):
    """The bundled Korean font cannot be found or does not resolve in matplotlib."""


APP_NAME = "Gyeonggi Growth Map"


_FONT_LOCK = threading.Lock()


def korean_font() -> Path:
    """The bundled NanumGothic's regular file, registered with matplotlib once per process
    (under a lock, so prints that start together register it once). Raises FontMissing."""
    with _FONT_LOCK:
        return _registered_font()


@cache
def _registered_font() -> Path:
    return register_korean_font()


def register_korean_font() -> Path:
    """Register the bundled NanumGothic (regular and bold) and return the regular file.
    Raises FontMissing when the package, a file, or matplotlib's lookup fails."""
    spec = importlib.util.find_spec(FONT_PACKAGE)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise FontMissing(f"the Korean font package {FONT_PACKAGE} is not installed (pip install koreanize-matplotlib)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    paths = [folder / f for f in FONT_FILES]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise FontMissing(f"Korean font file(s) missing: {', '.join(missing)}")
    for p in paths:
        font_manager.fontManager.addfont(str(p))
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)  # per-table notes while embedding the PDF font
    try:
        resolved = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY), fallback_to_default=False)
    except ValueError as exc:
        raise FontMissing(f"matplotlib does not resolve {FONT_FAMILY}: {exc}") from None
    if Path(resolved).resolve() != paths[0].resolve():
        raise FontMissing(f"{FONT_FAMILY} resolves to {resolved}, not the bundled {paths[0]}")
    return paths[0]


def font(size: float, weight: int | str = "normal", style: Literal["normal", "italic"] = "normal") -> FontProperties:
    """The font of one text: NanumGothic at `size` points, given to the text itself (no rcParams)."""
    return FontProperties(family=[FONT_FAMILY], size=size, weight=weight, style=style)


# ---------------------------------------------------------------- geometry


@dataclass(frozen=True)
class Layers:
    """The model's layers in EPSG:5179 (projected once per content, see `projected`)."""

    context: gpd.GeoDataFrame  # non-Gyeonggi si/gun/gu, for orientation only
    municipalities: gpd.GeoDataFrame
    peace_zone_outside: gpd.GeoDataFrame
    clusters: gpd.GeoDataFrame
    lines: gpd.GeoDataFrame
    stations: gpd.GeoDataFrame
    sites: gpd.GeoDataFrame
    timeline: Timeline  # the dataset's, so the visibility rule reads statuses as of the state's date


def fingerprint(frame: gpd.GeoDataFrame) -> str:
    """What a frame holds: the hash of its file (geo.domain.model tags each frame under
    CONTENT_KEY), else a hash of its index, columns and values (geometry as WKB)."""
    tagged = frame.attrs.get(CONTENT_KEY)
    if tagged:
        return str(tagged)
    h = hashlib.sha256(repr((list(frame.columns), list(frame.index), str(frame.crs))).encode())
    for col in frame.columns:
        values = frame[col].to_wkb() if isinstance(frame[col], gpd.GeoSeries) else frame[col]
        for v in values:
            h.update(v if isinstance(v, bytes) else repr(v).encode())
            h.update(b"\0")
    return f"sha256:{h.hexdigest()[:16]}"


class _Frames:
    """Source frames as a cache key, equal when their contents are (their fingerprints). A cached
    key holds its frames: a dropped model's stay in memory until the entry leaves the cache."""

    __slots__ = ("frames", "key")

    def __init__(self, frames: tuple[gpd.GeoDataFrame, ...]) -> None:
        self.frames = frames
        self.key = tuple(fingerprint(f) for f in frames)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Frames) and other.key == self.key


@lru_cache(maxsize=4)
def _metric(sources: _Frames) -> dict[str, gpd.GeoDataFrame]:
    """The frames of `Layers` in metres, by field (the context from the sigungu)."""
    sigungu, *rest = sources.frames
    context = sigungu[~sigungu["code"].str.startswith(GYEONGGI_CODE)][["geometry"]]
    names = ("municipalities", "peace_zone_outside", "clusters", "lines", "stations", "sites")
    return {"context": context.to_crs(METRIC_CRS).simplify(150)} | {
        n: f.to_crs(METRIC_CRS) for n, f in zip(names, rest, strict=True)
    }


_METRIC_LOCK = threading.Lock()


def projected(model: Model) -> Layers:
    """The model's layers in metres, projected once per content of the frames (so a rebuilt
    model over the same files reuses them, and a freed model's id can never hit)."""
    d = model.data
    sources = _Frames(
        (d.sigungu, d.display_municipalities, d.peace_zone_outside, model.clusters, d.lines, d.stations, d.sites)
    )
    with _METRIC_LOCK:  # held while projecting: prints that start together project once
        metric = _metric(sources)
    return Layers(**metric, timeline=d.timeline)  # the timeline is not cached: read on every print


_TO_METRIC = Transformer.from_crs(WGS84, METRIC_CRS, always_xy=True)


def extent(layers: Layers, state: ViewState, aspect: float) -> tuple[float, float, float, float]:
    """(xmin, xmax, ymin, ymax) in metres: the URL's view (what the app's map shows at that
    centre and zoom), else Gyeonggi; widened to the map frame's aspect (width / height)."""
    if state.view:
        lat, lng, zoom = state.view
        cx, cy = _TO_METRIC.transform(lng, lat)
        px_m = mercator.metres_per_px(lat, zoom)
        half_w, half_h = px_m * VIEW_PX[0] / 2, px_m * VIEW_PX[1] / 2
    else:
        minx, miny, maxx, maxy = layers.municipalities.total_bounds
        cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
        half_w, half_h = (maxx - minx) / 2 * 1.03, (maxy - miny) / 2 * 1.03
    if half_w / half_h < aspect:
        half_w = half_h * aspect
    else:
        half_h = half_w / aspect
    return cx - half_w, cx + half_w, cy - half_h, cy + half_h


def north_angle(x: float, y: float) -> float:
    """Angle (radians, clockwise from the map's up) of true north at a point in EPSG:5179."""
    to_geo = Transformer.from_crs(METRIC_CRS, WGS84, always_xy=True)
    lng, lat = to_geo.transform(x, y)
    nx, ny = _TO_METRIC.transform(lng, lat + 0.05)
    return math.atan2(nx - x, ny - y)


# ---------------------------------------------------------------- text layout


def _em(ch: str) -> float:
    """Approximate advance of a character in ems (Hangul and CJK full width)."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.56


def wrap(text: str, width_em: float) -> list[str]:
    """Greedy wrap by display width; breaks at spaces when it can."""
    lines: list[str] = []
    line, width, last_space = "", 0.0, -1
    for ch in text:
        if ch == " " and not line:
            continue
        line += ch
        width += _em(ch)
        if ch == " ":
            last_space = len(line) - 1
        if width > width_em:
            if last_space > 0:
                lines.append(line[:last_space].rstrip())
                line = line[last_space + 1 :]
            else:
                lines.append(line[:-1])
                line = ch
            width = sum(_em(c) for c in line)
            last_space = line.rfind(" ")
    if line.strip():
        lines.append(line.rstrip())
    return lines


# ---------------------------------------------------------------- drawing


def _dash(status: str, linewidth: float) -> Any:
    """The status's dash pattern in points, as the app draws it, for a line `linewidth` wide.
    matplotlib multiplies dashes by the line width when rcParams["lines.scale_dashes"] is on (the
    default), so the pattern is divided by it here: the setting is read, never changed."""
    pattern = palette.STATUS_DASH[status]
    if pattern is None:
        return "-"
    per = linewidth if matplotlib.rcParams["lines.scale_dashes"] else 1.0
    return (0, tuple(float(v) / per for v in pattern.split()))


def _region_colours(
    lay: Layers, memberships: dict[str, list[str]], active: frozenset[str]
) -> tuple[list[str], list[float], list[str]]:
    """Face colour, alpha and edge colour per municipality: the first shown cluster's colour."""
    faces, alphas, edges = [], [], []
    for slug in lay.municipalities["slug"]:
        shown = [c for c in memberships.get(slug, []) if c in active]
        if shown:
            faces.append(palette.CLUSTER[shown[0]])
            alphas.append(0.35)
            edges.append(palette.CLUSTER[shown[0]])
        else:
            faces.append(palette.REGION_FILL)
            alphas.append(0.12)
            edges.append(palette.REGION_LINE)
    return faces, alphas, edges


def draw_map(ax: Axes, model: Model, state: ViewState, scale: float, today: date) -> list[Artist]:
    """The map itself; returns the legend handles for what it drew."""
    lay = projected(model)
    vis = visible(lay, state, today)  # the same rule as the map, the downloads and the export
    slug_city = dict(zip(lay.municipalities["slug"], lay.municipalities["city_code"], strict=True))
    memberships = memberships_as_of(model.memberships, slug_city, vis.asof)  # Peace Zone members on the day
    lang = state.lang
    handles: list[Artist] = []
    ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, facecolor="#f7fafc", edgecolor="none", zorder=-1))
    lay.context.plot(ax=ax, facecolor="#edf2f7", edgecolor="#cbd5e0", linewidth=0.4)
    faces, alphas, edges = _region_colours(lay, memberships, vis.clusters)
    munis = lay.municipalities
    munis.plot(ax=ax, color=faces, alpha=alphas, linewidth=0)
    munis.boundary.plot(ax=ax, color=edges, linewidth=0.6)
    handles.append(
        Patch(
            facecolor=palette.REGION_FILL,
            alpha=0.4,
            edgecolor=palette.REGION_LINE,
            label=t("print.legend.region", lang),
        )
    )
    drawn = {c for cs in memberships.values() for c in cs} | (
        {"peace-zone"} if vis.peace_zone_outside is not None and not vis.peace_zone_outside.empty else set()
    )
    for cid in CLUSTER_LAYERS:
        if cid in vis.clusters and cid in drawn:  # a cluster with no member on the day has no entry
            handles.append(
                Patch(
                    facecolor=palette.CLUSTER[cid],
                    alpha=0.5,
                    edgecolor=palette.CLUSTER[cid],
                    label=t(f"layer.{cid}", lang),
                )
            )
    if vis.peace_zone_outside is not None:
        vis.peace_zone_outside.plot(ax=ax, color=palette.CLUSTER["peace-zone"], alpha=0.35, linewidth=0)
        vis.peace_zone_outside.boundary.plot(ax=ax, color=palette.CLUSTER["peace-zone"], linewidth=0.6)
    for _, row in munis.iterrows():
        p = row.geometry.representative_point()
        ax.text(
            p.x,
            p.y,
            str(name(row, lang)),
            fontproperties=font(6.5 * scale),
            color="#2d3748",
            ha="center",
            va="center",
            clip_on=True,
            alpha=0.85,
        )
    selected = None
    if state.region:
        selected = munis[munis["slug"] == state.region]
    elif state.cluster:
        selected = lay.clusters[lay.clusters["id"] == state.cluster]
    if selected is not None and not selected.empty:
        selected.boundary.plot(ax=ax, color=palette.SELECTED, linewidth=3.2 * scale, zorder=4)
        handles.append(Line2D([], [], color=palette.SELECTED, linewidth=3, label=t("legend.selected", lang)))
    if vis.lines is not None and vis.stations is not None:
        handles += _draw_gtx(ax, vis.lines, vis.stations, state, scale)
    if vis.sites is not None:
        handles += _draw_sites(ax, vis.sites, state, scale)
    return handles


def _draw_gtx(ax: Axes, lines: gpd.GeoDataFrame, st: gpd.GeoDataFrame, state: ViewState, scale: float) -> list[Artist]:
    lang = state.lang
    for status in STATUS_ORDER:
        width = (2.6 if status == Status.OPERATING else 1.5) * scale
        for _, row in lines[lines["status"] == status].iterrows():
            x, y = row.geometry.xy
            ax.plot(
                x,
                y,
                color=palette.LINE[row["line"]],
                linewidth=width,
                alpha=palette.STATUS_OPACITY[status],
                linestyle=_dash(status, width),
                zorder=5,
                solid_capstyle="round",
            )
    if not st.empty:
        first = st["lines"].map(lambda ls: sorted(set(ls) & state.lines)[0])
        operating = st["status"] == Status.OPERATING
        ax.scatter(
            st.geometry.x,
            st.geometry.y,
            s=np.where(operating, 30, 12) * scale**2,
            c=[palette.LINE[x] for x in first],
            edgecolors="#1a202c",
            linewidths=0.6 * scale,
            zorder=6,
        )
    if state.station:
        sel = st[st["id"] == state.station]
        ax.scatter(
            sel.geometry.x,
            sel.geometry.y,
            s=150 * scale**2,
            facecolors="none",
            edgecolors=palette.SELECTED,
            linewidths=2.5 * scale,
            zorder=7,
        )
        for _, row in sel.iterrows():
            ax.annotate(
                str(name(row, lang)),
                (row.geometry.x, row.geometry.y),
                xytext=(8, 8),
                textcoords="offset points",
                fontproperties=font(9 * scale, BOLD),
                color="#1a202c",
                zorder=8,
            )
    handles: list[Artist] = [
        Line2D([], [], color=palette.LINE[line], linewidth=2.4, label=f"GTX-{line}")
        for line in sorted(set(lines["line"]))
    ]
    shown_status = [s for s in reversed(STATUS_ORDER) if s in set(lines["status"])]
    handles += [
        Line2D(
            [],
            [],
            color="#4a5568",
            linewidth=2 if s == Status.OPERATING else 1.4,
            linestyle=_dash(s, 2 if s == Status.OPERATING else 1.4),
            label=status_label(s, lang),
        )
        for s in shown_status
    ]
    handles.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markerfacecolor="#a0aec0",
            markeredgecolor="#1a202c",
            markersize=6,
            label=t("legend.station", lang),
        )
    )
    return handles


def _draw_sites(ax: Axes, sites: gpd.GeoDataFrame, state: ViewState, scale: float) -> list[Artist]:
    ax.scatter(
        sites.geometry.x,
        sites.geometry.y,
        marker="D",
        s=26 * scale**2,
        c=[palette.SITE[c] for c in sites["cluster"]],
        edgecolors="white",
        linewidths=0.8 * scale,
        zorder=6,
    )
    handles: list[Artist] = []
    for c in palette.SITE:
        if c in set(sites["cluster"]):
            label = t("print.site.climate", state.lang) if c == "climate" else naming.cluster_short(c, state.lang)
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="D",
                    linestyle="none",
                    markerfacecolor=palette.SITE[c],
                    markeredgecolor="white",
                    markersize=6,
                    label=t("print.legend.site", state.lang, cluster=label),
                )
            )
    return handles


def qr_runs(link: str, border: int = 4) -> tuple[int, list[tuple[int, int, int]]]:
    """The QR code for `link` as (size, [(row, first column, run length)]) of dark modules,
    from segno's own matrix (error correction M, quiet zone `border`)."""
    qr = segno.make(link, error="m", micro=False)
    runs: list[tuple[int, int, int]] = []
    rows = [list(r) for r in qr.matrix_iter(border=border)]
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return len(rows), runs


def draw_qr(ax: Axes, link: str) -> None:
    """The QR code as one vector path (crisp at any size, decodable in the PNG)."""
    size, runs = qr_runs(link)
    verts = [corner for y, x, n in runs for corner in ((x, y), (x + n, y), (x + n, y + 1), (x, y + 1), (x, y))]
    square = [MplPath.MOVETO, MplPath.LINETO, MplPath.LINETO, MplPath.LINETO, MplPath.CLOSEPOLY]
    codes = np.tile(np.array(square, dtype=MplPath.code_type), len(runs))
    ax.add_patch(PathPatch(MplPath(verts, codes), facecolor="black", edgecolor="none", antialiased=False))
    ax.set_xlim(0, size)
    ax.set_ylim(size, 0)
    ax.set_aspect("equal")
    ax.set_facecolor("white")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def _north_arrow(ax: Axes, angle: float, aspect: float, scale: float, label: str) -> None:
    """An arrow to true north (`angle` from the map's up); `aspect` is the frame's height / width."""
    length = 0.07
    x0, y0 = 0.955, 0.8
    dx, dy = math.sin(angle) * length * aspect, math.cos(angle) * length
    ax.annotate(
        "",
        xy=(x0 + dx, y0 + dy),
        xytext=(x0, y0),
        xycoords="axes fraction",
        fontproperties=font(10),  # no text, but its box (10 pt NanumGothic) is where the arrow starts
        arrowprops={"arrowstyle": "-|>,head_width=0.4,head_length=0.8", "color": "#1a202c", "linewidth": 1.6 * scale},
        zorder=9,
    )
    ax.text(
        x0 + dx * 1.3,
        y0 + dy + 0.012,
        label,
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontproperties=font(11 * scale, BOLD),
        color="#1a202c",
        zorder=9,
    )


def figure_blocks(sheet: Sheet, width_em: float) -> list[list[tuple[str, bool]]]:
    """Per key figure, its wrapped lines as (text, is_label); each value ends with its source number."""
    blocks = []
    for f in sheet.figures:
        n = sheet.source_number(f)
        block = [(line, True) for line in (wrap(f.label, width_em) if f.label else [])]
        value = wrap(f"{f.value} [{n}]", width_em)
        if len(value) > MAX_VALUE_LINES:  # long notes are cut; the live view has them whole
            value = [*value[: MAX_VALUE_LINES - 1], value[MAX_VALUE_LINES - 1][: int(width_em) - 6] + f"… [{n}]"]
        blocks.append(block + [(line, False) for line in value])
    return blocks


def _sources_text(sheet: Sheet, lang: str, count: int) -> str:
    """The first `count` sources, numbered as the key figures cite them."""
    items = [
        f"[{i}] {s.text}" + (f" ({t('as_of', lang)} {s.as_of})" if s.as_of else "")
        for i, s in enumerate(sheet.sources[:count], 1)
    ]
    return f"{t('print.sources', lang)}: " + " · ".join(items)


def compose(model: Model, state: ViewState, link: str, today: date, fmt: PageFormat) -> Figure:
    """The whole sheet as a matplotlib Figure (not saved). A `link` to this machine only
    (localhost) is printed as the relative link, with no QR code (geo.state.share.for_file)."""
    korean_font()
    link = share.for_file(link)
    lang = state.lang
    sheet = print_sheet.sheet(model, state, today)
    w_in, h_in = fmt.size_in
    scale = h_in / 7.2
    fig = Figure(figsize=fmt.size_in, dpi=fmt.dpi, facecolor="white")
    left = 0.015
    # Title band
    fig.text(left, 0.965, sheet.title, fontproperties=font(22 * scale, BOLD), va="top", color="#1a202c")
    sub = wrap(sheet.subtitle, 0.95 * w_in * 72 / (10 * scale))
    fig.text(
        left, 0.905, "\n".join(sub[:2]), fontproperties=font(10 * scale), va="top", color="#4a5568", linespacing=1.3
    )
    # Map
    map_box = (left, 0.165, 0.6, 0.705)
    ax = fig.add_axes(map_box)
    x0, x1, y0, y1 = extent(projected(model), state, (map_box[2] * w_in) / (map_box[3] * h_in))
    handles = draw_map(ax, model, state, scale, today)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_axis_off()
    ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, fill=False, edgecolor="#a0aec0", linewidth=0.8))
    ax.add_artist(
        ScaleBar(
            1,
            "m",
            location="lower left",
            length_fraction=0.22,
            box_alpha=0.85,
            font_properties={"family": FONT_FAMILY, "size": 8 * scale},  # a dict: ScaleBar takes no FontProperties
        )
    )
    frame_aspect = (map_box[3] * h_in) / (map_box[2] * w_in)
    _north_arrow(ax, north_angle((x0 + x1) / 2, (y0 + y1) / 2), frame_aspect, scale, t("print.north", lang))
    # Right column: legend at the bottom, key figures above it
    col_x, col_w = 0.635, 0.35
    # An Agg canvas measures the legend. Attached only now: with a real canvas, every geopandas
    # plot call above would redraw the whole figure (draw_idle). savefig picks each format's backend.
    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]
    sizes = (8.0, 7.2, 6.4, 5.8)
    for legend_size in sizes:  # the largest that fits the column (else the smallest)
        legend = fig.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(col_x, 0.165),
            ncol=2,
            prop=font(legend_size * scale),
            title=t("legend", lang),
            title_fontproperties=font(9 * scale),
            frameon=False,
            alignment="left",
            handlelength=2.6,
            columnspacing=1.2,
        )
        box = legend.get_window_extent(renderer).transformed(fig.transFigure.inverted())
        if box.x1 <= 1 - left or legend_size == sizes[-1]:
            break
        legend.remove()
    legend_top = box.y1
    fig.text(
        col_x, 0.87, t("print.key_figures", lang), fontproperties=font(12 * scale, BOLD), va="top", color="#1a202c"
    )
    size = 8.6 * scale
    step = size * 1.38 / (h_in * 72)
    y = 0.87 - 14 * scale * 1.3 / (h_in * 72)
    room = max(0, int((y - legend_top - 0.01) / step))
    blocks = figure_blocks(sheet, col_w * w_in * 72 / size)
    drawn = 0
    while drawn < len(blocks) and sum(len(b) for b in blocks[: drawn + 1]) <= room - (drawn + 1 < len(blocks)):
        drawn += 1  # whole figures only, keeping a line for the "more" note when some are left
    more = sheet.more + len(blocks) - drawn
    for block in blocks[:drawn]:
        for line, is_label in block:
            fig.text(
                col_x,
                y,
                line,
                fontproperties=font(size, BOLD if is_label else "normal"),
                va="top",
                color="#1a202c" if is_label else "#2d3748",
            )
            y -= step
    if more:
        fig.text(
            col_x,
            y,
            t("print.more", lang, n=more),
            fontproperties=font(size, style="italic"),
            va="top",
            color="#718096",
        )
    # Footer: sources, boundary attribution, live-view link and its QR code
    fig.add_artist(Line2D([left, 1 - left], [0.15, 0.15], color="#cbd5e0", linewidth=0.8))
    qr_h = 0.135
    qr_w = qr_h * h_in / w_in
    if share.is_public_link(link):  # a QR code for an address nobody else can open helps no one
        qr_ax = fig.add_axes((1 - left - qr_w, 0.008, qr_w, qr_h))
        draw_qr(qr_ax, link)
    foot_size = 7.2 * scale
    foot_w = (1 - 2 * left - qr_w - 0.01) * w_in * 72 / foot_size
    # Sources are numbered in order of first use and figures are cut at the end, so the drawn
    # figures cite a prefix of the list.
    cited_count = max((sheet.source_number(f) for f in sheet.figures[:drawn]), default=0)
    foot = wrap(_sources_text(sheet, lang, cited_count), foot_w)[:4]
    foot.append(t("print.boundaries", lang) + " · " + t("print.printed", lang, date=today.isoformat()))
    foot.append(f"{t('print.live_view', lang)}: {link}")
    fig.text(left, 0.138, "\n".join(foot), fontproperties=font(foot_size), va="top", color="#2d3748", linespacing=1.45)
    return fig


def render(model: Model, state: ViewState, fmt: str | PageFormat, link: str, today: date | None = None) -> bytes:
    """The printed view as PNG, PDF or SVG bytes. `link` is the live view's URL (text + QR code);
    `today` the print date (default: today)."""
    page = FORMATS[fmt] if isinstance(fmt, str) else fmt
    when = today or clock.today()
    fig = compose(model, state, link, when, page)  # its own Figure: nothing shared with another print
    metadata: dict[str, Any] = {"Title": naming.title(model, state, when)}
    if page.ext == "png":
        metadata["Software"] = APP_NAME
    else:  # no creation date, so the same view prints the same bytes
        metadata.update(
            {"Creator": APP_NAME, "Date": None}
            if page.ext == "svg"
            else {"Creator": APP_NAME, "CreationDate": None, "ModDate": None}
        )
    buf = io.BytesIO()
    fig.savefig(buf, format=page.ext, dpi=page.dpi, metadata=metadata, facecolor="white")
    return buf.getvalue()
