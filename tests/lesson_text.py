"""Reading figures back out of what a lesson printed."""

import re


def seconds_after(label: str, text: str) -> float:
    """The elapsed seconds printed as `label: 1.23 s` at the start of a line."""
    return float(re.search(rf"^{re.escape(label)}: ([\d.]+) s", text, re.MULTILINE).group(1))
