"""String constants of the course's coursekit that the site's JavaScript needs too, read from the source
without importing it (coursekit runs in the learner's kernel; the build does not import the course)."""

import ast
from pathlib import Path

from ..errors import BuildError

PROGRESS = "coursekit/progress.py"  # sends each exercise's outcome as an update of a display


def string_constant(source: Path, name: str) -> str:
    """The string a module assigns to `name` at its top level (`NAME = "..."`)."""
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"), str(source))
    except (OSError, SyntaxError, ValueError) as error:
        raise BuildError(source, f"cannot be read for {name} ({error})")
    for node in tree.body:
        names = [target.id for target in getattr(node, "targets", []) if isinstance(target, ast.Name)]
        if isinstance(node, ast.Assign) and name in names:
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return node.value.value
            raise BuildError(source, f"{name} must be a string literal (the site's JavaScript is given it)")
    raise BuildError(source, f"defines no {name} (the site's JavaScript needs it)")


def progress_message(content: Path) -> dict[str, str]:
    """How coursekit.progress sends an outcome: the display id it updates and the MIME type of the data."""
    source = content / PROGRESS
    return {"outcomeDisplayId": string_constant(source, "DISPLAY_ID"),
            "outcomeMime": string_constant(source, "MIME")}
