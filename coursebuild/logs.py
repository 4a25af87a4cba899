"""The build's progress lines: the standard `logging` module, one `[build]` line per step."""

import logging
import sys

log = logging.getLogger("coursebuild")
FORMAT = "[build] %(message)s"


def print_progress() -> None:
    """Show the build's lines on stdout as `[build] ...` (the command line does; an in-process build
    leaves logging as its caller configured it)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(FORMAT))
    log.handlers[:] = [handler]
    log.setLevel(logging.INFO)
