"""Reading figures and feedback marks back out of what a lesson printed."""

import ast
import re

from coursebuild.paths import CONTENT

FEEDBACK = CONTENT / "coursekit" / "feedback.py"


def feedback_marks() -> tuple[str, str]:
    """The marks every exercise check prints (PASS, NOT_YET), read from the one module that prints them."""
    for node in ast.parse(FEEDBACK.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]).strip("()") == "PASS, NOT_YET":
            return ast.literal_eval(node.value)
    raise LookupError(f"{FEEDBACK} no longer assigns PASS, NOT_YET")


PASS, NOT_YET = feedback_marks()


def seconds_after(label: str, text: str) -> float:
    """The elapsed seconds printed as `label: 1.23 s` at the start of a line."""
    return float(re.search(rf"^{re.escape(label)}: ([\d.]+) s", text, re.MULTILINE).group(1))
