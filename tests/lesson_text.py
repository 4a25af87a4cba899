"""Reading figures and feedback marks back out of what a lesson printed."""

import re
import runpy
from pathlib import Path

# the marks every exercise check prints, from the one module that prints them
_FEEDBACK = runpy.run_path(str(Path(__file__).resolve().parents[1] / "content" / "coursekit" / "feedback.py"))
PASS, NOT_YET = _FEEDBACK["PASS"], _FEEDBACK["NOT_YET"]


def seconds_after(label: str, text: str) -> float:
    """The elapsed seconds printed as `label: 1.23 s` at the start of a line."""
    return float(re.search(rf"^{re.escape(label)}: ([\d.]+) s", text, re.MULTILINE).group(1))
