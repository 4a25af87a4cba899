"""Hand-in: python build.py grade FILE... tabulates the outcomes learners' browsers recorded; \
--rerun verifies them in a sandbox.

A work file is what the landing page's "Download my work" saves (assets/templates/landing.js): JSON
with the learner's stored files, [path, record] pairs whose notebook records hold the notebook
as `content`, and their progress, {"lessons": {notebook: {exercise: {"passed", "when"}}}}.
"""

from pathlib import Path


def main(argv: list[str], content: Path) -> int:
    # imported here, not above: the grading page's Pyodide workers import this package's judge, work and
    # harness modules, and the command line's (jupytext, the sandbox) has no place there
    from .cli import run

    return run(argv, content, __doc__.splitlines()[0])
