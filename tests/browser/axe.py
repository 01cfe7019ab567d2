"""axe-core in the browser tests: WCAG 2.0/2.1 A and AA rules on the page and in the map's frame.

axe.min.js comes from the pinned PyPI package axe-playwright-python (it bundles axe-core,
MPL-2.0); nothing is fetched at run time. The page and the map's iframe are checked one
by one (axe's own frame messaging would need the script in every frame first)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import axe_playwright_python

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
# Moderate (or minor) findings accepted with a written reason in docs/accessibility.md:
# rule id -> where it is explained there. Anything else fails the test.
ACCEPTED: dict[str, str] = {}


@lru_cache(maxsize=1)
def axe_source() -> str:
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def run_axe(target, exclude: list[str] | None = None) -> list[dict]:
    """The WCAG A/AA violations axe finds in `target` (a Playwright Page or Frame)."""
    if not target.evaluate("typeof window.axe === 'object'"):
        target.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"], "iframes": False}
    context = {"exclude": [[e] for e in exclude]} if exclude else "html"
    result = target.evaluate("([c, o]) => axe.run(c, o)", [context, options])
    return result["violations"]


def summary(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        nodes = "; ".join(
            " ".join(n["target"][-1:]) if isinstance(n["target"][-1], str) else str(n["target"]) for n in v["nodes"][:4]
        )
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])}x: {nodes})")
    return "\n".join(lines)


def blocking(violations: list[dict]) -> list[dict]:
    """Serious and critical violations, and moderate/minor ones without a written reason."""
    return [v for v in violations if v["impact"] in BLOCKING or v["id"] not in ACCEPTED]


def assert_no_violations(target, what: str, exclude: list[str] | None = None) -> None:
    found = blocking(run_axe(target, exclude))
    assert not found, f"axe found in {what}:\n{summary(found)}"
