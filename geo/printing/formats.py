"""The print formats: a 1920x1080 PNG, an A4 landscape PDF and an SVG, each with its page
size, resolution and MIME type. Defined here, without matplotlib, so the share box can list
them without loading the renderer (geo.printing.render draws them)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final


@dataclass(frozen=True)
class PageFormat:
    ext: str
    size_in: tuple[float, float]
    dpi: int
    mime: str


FORMATS: Final[dict[str, PageFormat]] = {
    "png": PageFormat("png", (12.8, 7.2), 150, "image/png"),  # 1920 x 1080 px
    "pdf": PageFormat("pdf", (297 / 25.4, 210 / 25.4), 72, "application/pdf"),  # A4 landscape
    "svg": PageFormat("svg", (12.8, 7.2), 72, "image/svg+xml"),
}

# A link preview's picture (og:image, 1200 x 630 px): the print's layout at the social cards' size.
# Not a print choice, so not in FORMATS (the share box lists those).
PREVIEW: Final = PageFormat("png", (12.0, 6.3), 100, "image/png")


def format_for(path: str | Path) -> PageFormat:
    """The format named by a file's extension (.png, .pdf, .svg); ValueError otherwise."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ValueError(f"unsupported extension {Path(path).suffix!r}: use .png, .pdf or .svg")
    return FORMATS[ext]
