"""Every lesson, in both editions, runs top to bottom in CPython with no error output."""

import pytest

from tests.support.course import lesson_stems
from tests.support.notebook_outputs import error_outputs

LESSONS = lesson_stems()


@pytest.mark.parametrize("edition", ["learner", "instructor"])
@pytest.mark.parametrize("lesson", LESSONS, ids=LESSONS)
def test_lesson_runs_in_cpython(executed_lesson, lesson, edition):
    assert error_outputs(executed_lesson(lesson, edition)) == []
