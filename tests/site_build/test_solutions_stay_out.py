"""Solutions are written once, in the lesson sources; only the instructor edition carries them."""

import jupytext
import pytest

from coursebuild.lessons import is_solution
from coursebuild.paths import CONTENT
from tests.conftest import lesson_sources

LESSONS = lesson_sources()


def solution_lines(source):
    """The lines only a lesson's solution cells hold: in no other cell, and in no other content file."""
    cells = jupytext.read(source).cells
    lines = {line.strip() for cell in cells if is_solution(cell) for line in cell.source.splitlines()}
    elsewhere = "\n".join([cell.source for cell in cells if not is_solution(cell)]
                          + [other.read_text() for other in CONTENT.rglob("*.py") if other != source])
    return {line for line in lines if line and line not in elsewhere}


def test_the_concurrency_lesson_has_its_solutions():
    assert len(solution_lines(next(s for s in LESSONS if s.stem == "concurrency_io_bound"))) >= 8


@pytest.mark.parametrize("source", LESSONS, ids=[s.stem for s in LESSONS])
def test_learner_site_holds_no_solution_line(built_site, source):
    lines = solution_lines(source)
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in {".ipynb", ".json", ".py", ".html"}:
            text = path.read_text(errors="ignore").replace("\\n", "\n").replace('\\"', '"')
            leaked = [line for line in lines if line in text]
            assert leaked == [], f"{path.relative_to(built_site)} holds solution lines: {leaked[:3]}"


@pytest.mark.parametrize("source", LESSONS, ids=[s.stem for s in LESSONS])
def test_instructor_site_holds_every_solution(built_instructor_site, source):
    notebook = (built_instructor_site / "files" / f"{source.stem}.ipynb").read_text()
    notebook = notebook.replace("\\n", "\n").replace('\\"', '"')
    assert all(line in notebook for line in solution_lines(source))
