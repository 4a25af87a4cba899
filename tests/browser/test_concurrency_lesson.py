"""Lesson 1 in the site's Pyodide kernel, in every engine: its fallbacks, its speed-ups, its pictures."""

import re

import pytest

from tests.support.lesson_runs import EDITION_ENGINES
from tests.support.lesson_text import NOT_YET, PASS, seconds_after

LESSON = "concurrency_io_bound"
# measured: Chromium clamps perf_counter to about 0.1 ms, Firefox and Safari's engine to 1 ms
PERF_COUNTER_STEP_US = {"chromium": (20, 500), "firefox": (500, 2000), "webkit": (500, 2000)}
ASYNCIO_RUN = {"chromium": r"asyncio\.run worked here, same results: True",
               "firefox": r"asyncio\.run worked here, same results: True",
               "webkit": r"asyncio\.run is not available here: RuntimeError: "
                         r"WebAssembly stack switching not supported"}


@pytest.mark.parametrize("engine", EDITION_ENGINES["learner"])
def test_learner_lesson_names_fallbacks_and_shows_the_speed_up(run_lesson, engine):
    text = run_lesson(LESSON, "learner", engine).text
    assert "The thread pool could not run here: RuntimeError: can't start new thread." in text
    assert "thread pool fallback (sequential):" in text
    # no 4-worker ideal beside a fallback
    assert "(ideal: 0.85 s, the sum of delays, as nothing overlaps)" in text
    assert re.search(r"Recorded in CPython [\d.]+ on \w+ with 4 threads: 0\.3\d s \(ideal 0\.30 s\)", text)
    assert "The process pool could not run here: NotImplementedError:" in text
    assert "Fallback: a tenth of one simulation (100,000 steps) took" in text
    assert "TaskGroup: ConnectionError('store-3 is down') cancelled the 7 other calls." in text
    assert "store-3: ConnectionError('store-3 is down')" in text and "store-5: TimeoutError()" in text
    assert "5 reservations without a lock: 4 left of 5" in text  # coroutines race in the browser too
    assert "5 reservations with an asyncio.Lock: 0 left of 5" in text
    sequential = seconds_after("Sequential", text)
    assert sequential >= 0.8  # time.sleep blocks for the full 0.85 s in the browser too
    assert seconds_after("asyncio", text) < 0.4 * sequential  # ideal 0.15 / 0.85
    assert re.search(ASYNCIO_RUN[engine], text)
    step_us = float(re.search(r"time\.perf_counter\(\) here: smallest step ([\d.]+) µs", text).group(1))
    low, high = PERF_COUNTER_STEP_US[engine]
    assert low <= step_us <= high
    assert text.count(NOT_YET) == 7 and PASS not in text  # one per exercise, two for the fourth


@pytest.mark.parametrize("engine", EDITION_ENGINES["learner"])
def test_learner_lesson_draws_three_timelines(run_lesson, engine):
    timelines = [p for p in run_lesson(LESSON, "learner", engine).pictures if p["kind"] == "timeline"]
    assert len(timelines) == 3  # sequential, the pool recorded in CPython (in the fallback's place), asyncio
    for timeline in timelines:
        assert timeline["alt"].startswith("Timeline of the ") and "8 tasks" in timeline["alt"]
        assert timeline["shapes"] == 8
    assert "(recorded in CPython) run: 8 tasks on 4 lanes" in timelines[1]["alt"]
    assert "8 tasks on 8 lanes" in timelines[2]["alt"]


@pytest.mark.parametrize("engine", EDITION_ENGINES["instructor"])
def test_instructor_solutions_pass_every_check_in_pyodide(run_lesson, engine):
    text = run_lesson(LESSON, "instructor", engine).text
    assert NOT_YET not in text
    assert text.count(PASS) == 8  # exercise 2 checks its second part once the first passes; 5 checks both
    assert "its fallback ran them one by one" in text
    assert "this browser can't start threads" in text
