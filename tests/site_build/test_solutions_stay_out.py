"""Solutions are written once, in the lesson sources; only the instructor edition carries them.

Every line of every solution cell is looked for. A line the learners' edition shows anyway (in a starter or
prose cell of any lesson) may appear as often as it is shown; beyond that, the learners' notebook holds no
solution line, and no other file of the learners' site holds half of a solution cell's own lines (one line
in common with a helper module, such as `for record in records:`, is ordinary code, not the solution).
"""

import json
from collections import Counter
from pathlib import Path

import jupytext
import nbformat
import pytest

from coursebuild.exercises import exercise_numbers
from coursebuild.inputs.lessons import is_solution
from tests.support.course import lesson_sources

LESSONS = lesson_sources()
TEXT_FILES = {".ipynb", ".json", ".py", ".html", ".js", ".txt", ".csv", ".md"}


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def solution_cells(cells) -> list[list[str]]:
    """The lines of each solution cell."""
    return [lines(cell.source) for cell in cells if is_solution(cell)]


def shown_lines(cells) -> Counter:
    """How often each line appears in the cells learners are given (all but the solutions)."""
    return Counter(line for cell in cells if not is_solution(cell) for line in lines(cell.source))


def shown_anywhere(sources: list[Path]) -> set[str]:
    """Every line the learners' edition of any of these lessons shows."""
    return {line for source in sources for line in shown_lines(jupytext.read(source).cells)}


def solutions_beyond_what_is_shown(notebook: nbformat.NotebookNode, cells) -> list[str]:
    """Solution lines the notebook holds more often than the lesson's given cells do."""
    holds, given = Counter(line for cell in notebook.cells for line in lines(cell.source)), shown_lines(cells)
    return sorted({line for cell in solution_cells(cells) for line in cell if holds[line] > given[line]})


def test_every_lesson_with_exercises_has_solutions():
    for source in LESSONS:
        if exercise_numbers(source):
            assert solution_cells(jupytext.read(source).cells), f"{source.name} has exercises but no solution"


def test_a_learners_notebook_of_the_fixture_course_holds_no_solution_line(staged_fixture_course):
    course, notebooks = staged_fixture_course(with_solutions=False)
    for lesson, path in zip(course.lessons, notebooks, strict=True):
        cells = jupytext.read(lesson.source).cells
        assert solution_cells(cells)  # the fixture course has a solution in every lesson
        assert solutions_beyond_what_is_shown(nbformat.read(path, as_version=4), cells) == []


def test_an_instructors_notebook_of_the_fixture_course_holds_every_solution(staged_fixture_course):
    course, notebooks = staged_fixture_course(with_solutions=True)
    for lesson, path in zip(course.lessons, notebooks, strict=True):
        solved = [lines(cell.source) for cell in nbformat.read(path, as_version=4).cells if is_solution(cell)]
        assert solved == solution_cells(jupytext.read(lesson.source).cells)


@pytest.mark.parametrize("source", LESSONS, ids=[s.stem for s in LESSONS])
def test_learners_notebook_holds_no_solution_line(built_site, source):
    notebook = nbformat.read(built_site / "files" / f"{source.stem}.ipynb", as_version=4)
    assert solutions_beyond_what_is_shown(notebook, jupytext.read(source).cells) == []


def strings(value) -> list[str]:
    """Every string in parsed JSON (a notebook's source may be a list of lines)."""
    if isinstance(value, str):
        return [value]
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for child in children for text in strings(child)]


def text_lines(path: Path) -> set[str]:
    """The lines of a text file; of a JSON file, the lines of each of its strings."""
    text = path.read_text(errors="ignore")
    if path.suffix in {".json", ".ipynb"}:
        try:
            text = "\n".join(strings(json.loads(text)))
        except ValueError:
            pass  # not JSON after all: read as text
    return set(lines(text))


def site_texts(site: Path) -> dict[Path, set[str]]:
    """The lines of every text file of a site."""
    return {path.relative_to(site): text_lines(path)
            for path in site.rglob("*") if path.is_file() and path.suffix in TEXT_FILES}


def files_holding_a_solution(source: Path, texts: dict[Path, set[str]], shown: set[str]) -> list[str]:
    """Each file holding half or more of a solution cell's unshown lines (and two, if it has two)."""
    held_by = []
    for number, cell in enumerate(solution_cells(jupytext.read(source).cells), 1):
        own = set(cell) - shown
        for path, held in texts.items():
            found = own & held
            if len(found) >= min(2, len(own)) and found and 2 * len(found) >= len(own):
                held_by.append(f"{path} holds {len(found)} of solution cell {number}'s {len(own)} own lines")
    return held_by


@pytest.fixture(scope="module")
def learner_site_texts(built_site) -> dict[Path, set[str]]:
    return site_texts(built_site)


@pytest.mark.parametrize("source", LESSONS, ids=[s.stem for s in LESSONS])
def test_no_file_of_the_learners_site_holds_most_of_a_solution(learner_site_texts, source):
    assert files_holding_a_solution(source, learner_site_texts, shown_anywhere(LESSONS)) == []


def test_a_site_holding_the_solutions_is_caught(staged_fixture_course):
    course, notebooks = staged_fixture_course(with_solutions=True)
    texts = site_texts(notebooks[0].parent)
    shown = shown_anywhere([lesson.source for lesson in course.lessons])
    for lesson, notebook in zip(course.lessons, notebooks, strict=True):
        assert files_holding_a_solution(lesson.source, texts, shown)[0].startswith(f"{notebook.name} holds")


@pytest.mark.parametrize("source", LESSONS, ids=[s.stem for s in LESSONS])
def test_instructor_site_holds_every_solution(built_instructor_site, source):
    notebook = nbformat.read(built_instructor_site / "files" / f"{source.stem}.ipynb", as_version=4)
    solved = [lines(cell.source) for cell in notebook.cells if is_solution(cell)]
    assert solved == solution_cells(jupytext.read(source).cells)
