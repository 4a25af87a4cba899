"""A lesson's exercises: the numbers N of the `check_exercise_N(...)` calls in its code."""

import re
from pathlib import Path

# a call in code, not in a Markdown cell (a `# ` comment line in a Jupytext source) nor an import
CALL = re.compile(r"^[^#\n]*\bcheck_exercise_(\d+)\s*\(", re.MULTILINE)


def exercise_numbers(source: Path) -> list[int]:
    """The exercise numbers a lesson source checks, in order (the course extension counts them alike)."""
    return sorted({int(n) for n in CALL.findall(source.read_text(encoding="utf-8"))})
