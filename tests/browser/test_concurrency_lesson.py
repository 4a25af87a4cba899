"""Lesson 1 in the site's Pyodide kernel: the fallbacks it names, the speed-ups it shows, its pictures."""

import re

import pytest

from tests.lesson_text import seconds_after

pytestmark = pytest.mark.browser
NOTEBOOK = "concurrency_io_bound.ipynb"



@pytest.fixture
def learner_run(lesson_page):
    """The learners' lesson, run top to bottom in the browser."""
    lesson_page.open(NOTEBOOK)
    lesson_page.run_all()
    return lesson_page


def test_learner_lesson_names_fallbacks_and_shows_the_speed_up(learner_run, foreign_requests):
    text = learner_run.text()
    assert learner_run.error_outputs() == []
    assert "The thread pool could not run here: RuntimeError: can't start new thread." in text
    assert "thread pool fallback (sequential):" in text
    assert "(ideal: 1.70 s, the sum of delays, as nothing overlaps)" in text  # no 4-worker ideal beside a fallback
    assert "Recorded in CPython" in text  # the real pool, shipped with the lesson, labelled
    assert re.search(r"^thread pool \(recorded in CPython\)\s+0\.60s\s+0\.60s", text, re.MULTILINE)
    assert "The process pool could not run here: NotImplementedError:" in text
    assert "Fallback: a tenth of one simulation (300,000 steps) took" in text
    assert "store-3: ConnectionError('store-3 is down')" in text and "store-5: TimeoutError()" in text
    sequential = seconds_after("Sequential", text)
    assert sequential >= 1.6  # time.sleep blocks for the full 1.7 s in the browser too
    assert seconds_after("asyncio", text) < 0.4 * sequential  # ideal 0.18
    assert re.search(r"asyncio\.run (worked here: [\d.]+ s, same results: True|is not available here: RuntimeError)", text)
    step_us = float(re.search(r"time\.perf_counter\(\) step here: ([\d.]+) µs", text).group(1))
    assert step_us >= 20  # the browser's clamp (about 100 µs); CPython steps are below 1 µs
    assert text.count("✘ Not yet:") == 7 and "✔ Correct" not in text  # one per exercise, two for the last
    assert foreign_requests == []


def test_learner_lesson_draws_the_diagram_and_four_timelines(learner_run):
    page = learner_run.page
    diagram = page.locator(".jp-RenderedMermaid img")
    assert diagram.count() == 1
    assert diagram.get_attribute("alt").startswith("A thread pool hands queued tasks")  # not a generic "Image"
    timelines = page.locator(".jp-OutputArea-output figure.course-timeline svg[role='img']")
    assert timelines.count() == 4  # sequential, the fallback, the pool recorded in CPython, asyncio
    for index in range(4):
        desc = timelines.nth(index).locator("desc").text_content()
        assert desc.startswith("Timeline of the ") and "8 tasks" in desc
        assert timelines.nth(index).locator("rect").count() == 8
    assert "(recorded in CPython) run: 8 tasks on 4 lanes" in timelines.nth(2).locator("desc").text_content()
    assert "8 tasks on 8 lanes" in timelines.nth(3).locator("desc").text_content()


def test_instructor_solutions_pass_every_check_in_pyodide(instructor_lesson_page, foreign_requests):
    instructor_lesson_page.open(NOTEBOOK)
    instructor_lesson_page.run_all()
    text = instructor_lesson_page.text()
    assert instructor_lesson_page.error_outputs() == []
    assert "✘" not in text
    assert text.count("✔ Correct:") == 8
    assert "your fallback ran them one by one" in text
    assert "this browser can't start threads" in text
    assert foreign_requests == []
