"""Markers that share one point (several stations or sites placed at the same
municipality point) are drawn fanned out on a small ring, in screen pixels, so each
can be seen, hovered and clicked. Only the drawing moves: a CSS transform on the
marker's SVG path; the coordinates in the data and in the analysis stay as they are."""

from __future__ import annotations

import math

MAX_STACK = 8


def stack_class(index: int, size: int) -> str:
    """CSS class for marker `index` of `size` sharing a point ('' when it is alone)."""
    if size < 2 or not 0 <= index < size:
        return ""
    return f" stack-{min(index, MAX_STACK - 1)}-of-{min(size, MAX_STACK)}"


def _offset(index: int, size: int) -> tuple[float, float]:
    radius = 4 + 2 * size  # px: 8 for a pair, 14 for five
    angle = -math.pi / 2 + 2 * math.pi * index / size  # the first one above the point
    return radius * math.cos(angle), radius * math.sin(angle)


def css() -> str:
    rules = []
    for size in range(2, MAX_STACK + 1):
        for index in range(size):
            dx, dy = _offset(index, size)
            rules.append(f".stack-{index}-of-{size}{{transform:translate({dx:.1f}px,{dy:.1f}px)}}")
    return "".join(rules)
