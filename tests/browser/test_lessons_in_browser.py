"""Every lesson, both editions, runs top to bottom in the site's Pyodide kernel in every engine, offline."""

import pytest

from coursebuild.engines import ENGINES
from tests.conftest import lesson_sources
from tests.lesson_text import NOT_YET, PASS

LESSONS = [source.stem for source in lesson_sources()]
EDITIONS = ("learner", "instructor")
RUNS = [(lesson, edition, engine) for lesson in LESSONS for edition in EDITIONS for engine in ENGINES]
GENERIC_ALT = {"", "image", "diagram", "mermaid diagram", "chart"}


@pytest.mark.browser
@pytest.mark.parametrize("lesson, edition, engine", RUNS, ids=["-".join(run) for run in RUNS])
def test_lesson_runs_clean_and_its_pictures_have_text(run_lesson, lesson, edition, engine):
    run = run_lesson(lesson, edition, engine)
    assert run.errors == []
    assert run.foreign_requests == []
    assert all(picture["alt"].strip().lower() not in GENERIC_ALT for picture in run.pictures), run.pictures
    if edition == "instructor":  # the solutions pass every check
        assert NOT_YET not in run.text and PASS in run.text
    else:  # the starter code is not praised
        assert NOT_YET in run.text and PASS not in run.text
