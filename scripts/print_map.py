"""Print one view of the map to a PNG (1920x1080), an A4 landscape PDF or an SVG.

The view is given like the app's URL, one flag per URL parameter, and goes through the same
codec; the format comes from the output's extension. The print carries the live view's link
as text and as a QR code: --base-url is the app's public address (default $GGM_PUBLIC_URL, the
app's own setting). With neither, or with a localhost address, the print carries the relative
link (`?region=...`) and no QR code, and a warning says so: a print leaves the machine, a
localhost address does not work anywhere else (geo/state/share.py).

Usage:
    python -m scripts.print_map [--region SLUG | --station ID | --cluster ID] [--layers ...]
        [--lang ko|en] [--view lat,lng,zoom] [--base-url URL] --out yongin.png
    make print ARGS="--region yongin --lang en --out yongin.png"
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from geo.printing import render as print_map
from geo.printing.formats import format_for
from geo.state import share
from scripts.view_args import add_view_arguments, model_and_state


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    add_view_arguments(p)
    p.add_argument("--out", type=Path, required=True, help="output file: .png, .pdf or .svg")
    p.add_argument(
        "--base-url",
        default=None,
        help=f"the app's public address, for the printed link and QR code (default ${share.PUBLIC_URL_ENV})",
    )
    p.add_argument(
        "--printed-on",
        type=date.fromisoformat,
        default=None,
        help="the print date shown on the sheet, YYYY-MM-DD (default: today)",
    )
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        fmt = format_for(args.out)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    configured = args.base_url if args.base_url is not None else share.configured_public_url(os.environ)
    problem = share.public_url_problem(configured)
    if problem is not None:
        source = "--base-url" if args.base_url is not None else f"${share.PUBLIC_URL_ENV}"
        print(f"error: {source} {problem}", file=sys.stderr)
        return 2
    base = share.outbound_base(configured, None)
    loaded = model_and_state(args)
    if isinstance(loaded, int):
        return loaded
    model, state = loaded
    if base is None:
        print(
            f"warning: no public address (set ${share.PUBLIC_URL_ENV} or --base-url; localhost does not count): "
            "the print carries the relative link and no QR code",
            file=sys.stderr,
        )
    link = share.view_url(base, state)
    data = print_map.render(model, state, fmt, link, args.printed_on)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data) / 1024:,.0f} KB, {fmt.ext}) for {link}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
