"""Learners' work files for the grading tests, made as the landing page's Download my work makes them."""

import json
from pathlib import Path

import nbformat

from coursebuild.exercises import exercise_numbers
from coursebuild.grading.work import FORMAT, VERSION
from coursebuild.inputs.lessons import is_solution
from coursebuild.inputs.toc import read_course
from coursebuild.paths import CONTENT

COURSE = read_course(CONTENT)
FIRST, SECOND = (lesson.notebook for lesson in COURSE.lessons[:2])
EXERCISES = {lesson.notebook: exercise_numbers(lesson.source) for lesson in COURSE.lessons}
WHEN = "2026-05-01T10:00:00.000Z"


def lesson(site: Path, name: str, keep_solutions: int | None = None) -> nbformat.NotebookNode:
    """A lesson as a built site publishes it: the instructor edition's (solved) or the learners' (starter
    code); keep_solutions keeps only the first solution cells."""
    notebook = nbformat.read(site / "files" / name, as_version=4)
    if keep_solutions is not None:
        dropped = [cell for cell in notebook.cells if is_solution(cell)][keep_solutions:]
        notebook.cells = [cell for cell in notebook.cells if cell not in dropped]
    return notebook


def with_cells(notebook: nbformat.NotebookNode, *sources: str) -> nbformat.NotebookNode:
    """The notebook with code cells put first."""
    notebook.cells[:0] = [nbformat.v4.new_code_cell(source) for source in sources]
    return notebook


def claiming_all(*names: str) -> dict:
    """Recorded outcomes saying every exercise of these lessons passed."""
    return {name: dict.fromkeys(EXERCISES[name], True) for name in names}


def work_file(path, notebooks: dict, outcomes: dict, modified: dict | None = None) -> None:
    """Write a work file: notebooks {stored name: notebook}, outcomes {stored name: {exercise: passed}},
    modified {stored name: when it was last saved}."""
    files = [[name, {"name": name, "path": name, "type": "notebook", "format": "json", "content": content,
                     "last_modified": (modified or {}).get(name, WHEN)}]
             for name, content in notebooks.items()]
    lessons = {name: {str(n): {"passed": passed, "when": WHEN} for n, passed in done.items()}
               for name, done in outcomes.items()}
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "course": COURSE.title, "made": WHEN,
                                "files": files, "progress": {"lessons": lessons}}))
