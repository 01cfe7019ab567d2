"""The data build, the audit, the static export and the print, run as modules from the checkout."""

import sys


def exit_code(problem: str | None) -> int:
    """A script's exit status: 1 after writing `problem` to stderr, 0 when there is none."""
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0
