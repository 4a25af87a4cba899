"""Every lesson runs top to bottom in the site's Pyodide kernel, offline, in the runs its budget names:
the learners' edition in every engine, the instructor's in one (tests/support/lesson_runs.py)."""

import pytest

from coursebuild.exercises import exercise_numbers
from tests.support.course import lesson_sources
from tests.support.lesson_runs import planned_runs
from tests.support.lesson_text import NOT_YET, PASS

SOURCES = {source.stem: source for source in lesson_sources()}
RUNS = planned_runs(list(SOURCES))
GENERIC_ALT = {"", "image", "diagram", "mermaid diagram", "chart"}


@pytest.mark.browser
@pytest.mark.parametrize("lesson, edition, engine", RUNS, ids=["-".join(run) for run in RUNS])
def test_lesson_runs_clean_and_its_pictures_have_text(run_lesson, lesson, edition, engine):
    run = run_lesson(lesson, edition, engine)
    assert run.errors == []
    assert run.foreign_requests == []
    assert all(picture["alt"].strip().lower() not in GENERIC_ALT for picture in run.pictures), run.pictures
    exercises = len(exercise_numbers(SOURCES[lesson]))
    if edition == "instructor":  # the solutions pass every check
        assert NOT_YET not in run.text and run.text.count(PASS) >= exercises
    else:  # no check of the starter code passes, and each says what is not there yet
        assert PASS not in run.text and run.text.count(NOT_YET) >= exercises
