"""Every lesson, in both editions, runs top to bottom in CPython with no error output."""

import pytest

from tests.conftest import lesson_sources
from tests.cpython.conftest import error_outputs

LESSONS = [source.stem for source in lesson_sources()]


@pytest.mark.parametrize("edition", ["learner", "instructor"])
@pytest.mark.parametrize("lesson", LESSONS, ids=LESSONS)
def test_lesson_runs_in_cpython(executed_lesson, lesson, edition):
    assert error_outputs(executed_lesson(lesson, edition)) == []
