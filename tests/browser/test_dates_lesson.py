"""Lesson 3 in Pyodide, in every engine: no time-zone database until tzdata comes from the site's lock."""

import pytest

from tests.support.lesson_runs import EDITION_ENGINES
from tests.support.lesson_text import NOT_YET, PASS

LESSON = "dates_time_zones"


@pytest.mark.parametrize("engine", EDITION_ENGINES["learner"])
def test_learner_lesson_installs_tzdata_and_shows_the_fallback(run_lesson, engine):
    text = run_lesson(LESSON, "learner", engine).text
    assert "No time-zone database here: ZoneInfoNotFoundError" in text
    assert "Installed: tzdata 2026.6" in text
    assert "With the database:   2026-03-31 00:30 CEST" in text
    assert "With a fixed offset: 2026-03-30 23:30 UTC+1 (fixed)  <- wrong day" in text
    assert "29 March in Berlin, really:        23:00:00" in text
    assert "Your local time: " in text
    assert text.count(NOT_YET) == 4


@pytest.mark.parametrize("engine", EDITION_ENGINES["instructor"])
def test_instructor_solutions_pass_in_pyodide(run_lesson, engine):
    text = run_lesson(LESSON, "instructor", engine).text
    assert text.count(PASS) == 4 and NOT_YET not in text
