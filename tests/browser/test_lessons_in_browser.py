"""Every lesson runs top to bottom in the Pyodide kernel of the built site, offline."""

import pytest

from tests.conftest import lesson_sources

LESSONS = [source.stem for source in lesson_sources()]


@pytest.mark.browser
@pytest.mark.parametrize("lesson", LESSONS, ids=LESSONS)
def test_lesson_runs_without_errors_or_other_hosts(lesson_page, foreign_requests, lesson):
    lesson_page.open(f"{lesson}.ipynb")
    lesson_page.run_all()
    assert lesson_page.error_outputs() == []
    assert foreign_requests == []
