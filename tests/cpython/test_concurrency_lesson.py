"""Lesson 1 in CPython: real threads, real speed-ups, and checks that tell right from wrong."""

import asyncio
import importlib
import random
import threading
import time

import pytest

from tests.cpython.conftest import rich_outputs, run_coroutine, stream_text
from tests.lesson_text import seconds_after

LESSON = "concurrency_io_bound"


@pytest.fixture
def checks(coursekit):
    """The concurrency lesson's checks."""
    return importlib.import_module("coursekit.concurrency_checks")




def test_thread_pool_really_runs_threads(executed_lesson):
    text = stream_text(executed_lesson(LESSON))
    assert "could not run" not in text.split("asyncio.run")[0]
    sequential = seconds_after("Sequential", text)
    threads = seconds_after("thread pool (4 workers)", text)
    assert threads < 0.6 * sequential  # the ideal is 0.35 of sequential


def test_asyncio_overlaps_all_waits(executed_lesson):
    text = stream_text(executed_lesson(LESSON))
    assert seconds_after("asyncio", text) < 0.4 * seconds_after("Sequential", text)  # ideal 0.18
    assert "All three models returned the same results in the same order" in text


def test_asyncio_run_names_the_running_loop_in_a_notebook(executed_lesson):
    text = stream_text(executed_lesson(LESSON))
    assert "asyncio.run is not available here: RuntimeError: asyncio.run() cannot be called from a running event loop" in text


def test_process_pool_runs_in_cpython(executed_lesson):
    assert "Process pool (2 workers):" in stream_text(executed_lesson(LESSON))
    assert ", same prices: True" in stream_text(executed_lesson(LESSON))


def test_timelines_are_drawn_with_text_alternatives(executed_lesson):
    figures = rich_outputs(executed_lesson(LESSON), "text/html")
    assert len(figures) == 3
    for figure, model in zip(figures, ["sequential", "thread pool", "asyncio"]):
        assert 'role="img"' in figure and "<desc" in figure and f"Timeline of the {model} run" in figure
    assert "8 tasks on 4 lanes" in figures[1]
    assert "8 tasks on 8 lanes" in figures[2]


def test_learner_checks_say_not_yet_without_tracebacks(executed_lesson):
    text = stream_text(executed_lesson(LESSON, "learner"))
    assert "✘ Not yet: process_store(101) still raises NotImplementedError" in text
    assert "✘ Not yet: finish Exercise 1 first" in text
    assert "updates lost" in text and "hold the lock around both the read and the write" in text
    assert "✔ Correct" not in text


def test_instructor_solutions_pass_every_check(executed_lesson):
    text = stream_text(executed_lesson(LESSON, "instructor"))
    assert "✘" not in text
    assert text.count("✔ Correct:") == 4  # process_store, threads, asyncio, counter
    assert "8 threads × 100,000 increments: exactly 800,000" in text


# The checks, called directly with the lesson's own solutions and with plausible wrong answers.


def test_solutions_pass_the_checks(checks, solutions, capsys):
    ns = solutions(LESSON)
    assert checks.check_process_store(ns["process_store"])
    assert checks.check_collect_with_threads(ns["collect_with_threads"], ns["process_store"])
    assert run_coroutine(checks.check_async_variant(ns["process_store_async"], ns["collect_async"],
                                                  ns["process_store"], ns["collect_with_threads"]))
    assert checks.check_counter(ns["MetricCounter"])
    assert "✘" not in capsys.readouterr().out


def test_counter_solution_is_exact_under_contention(checks, solutions):
    counter = solutions(LESSON)["MetricCounter"]()
    assert checks.hammer(counter, threads=8, increments=100_000) == 800_000


def test_counter_without_lock_loses_updates_under_contention(checks):
    lost = [800_000 - checks.hammer(checks.UnsafeMetricCounter(), 8, 100_000) for _ in range(3)]
    assert max(lost) > 0  # a race is timing-dependent: three tries, at least one loses updates


def slow_fetch(store_id):
    time.sleep(0.05)
    return {"sales": 100.0 * store_id, "profit": 10.0 * store_id}


def unpinned_fetch(store_id):
    time.sleep(0.02)
    return {"sales": random.random() * 1000, "profit": 1.0}


def instant_fetch(store_id):
    return {"sales": 100.0 * store_id, "profit": 10.0 * store_id}


WRONG_PROCESS_STORE = {
    "not-written": (lambda sid: (_ for _ in ()).throw(NotImplementedError), "still raises NotImplementedError"),
    "returns-list": (lambda sid: [sid, 1.0], "returned a list; return a dict"),
    "no-profit": (lambda sid: {"sales": 1.0}, "the dict has no 'profit' key"),
    "text-sales": (lambda sid: {"sales": "1200", "profit": 1.0}, "'sales' should be a number"),
    "profit-above-sales": (lambda sid: {"sales": 1.0, "profit": 5.0}, "profit (5.0) is more than sales (1.0)"),
    "not-repeatable": (unpinned_fetch, "different numbers on a second call"),
    "same-for-all": (lambda sid: slow_fetch(1), "every store gets the same metrics"),
    "no-wait": (instant_fetch, "answered instantly"),
}


@pytest.mark.parametrize("case", WRONG_PROCESS_STORE, ids=list(WRONG_PROCESS_STORE))
def test_process_store_check_names_the_mistake(checks, capsys, case):
    wrong, message = WRONG_PROCESS_STORE[case]
    assert not checks.check_process_store(wrong)
    out = capsys.readouterr().out
    assert out.startswith("✘ Not yet:") and message in out


def sequential_collect(store_ids):
    return [slow_fetch(sid) for sid in store_ids]


def unordered_collect(store_ids):
    return [slow_fetch(sid) for sid in reversed(store_ids)]


def threads_without_fallback(store_ids):
    raise RuntimeError("can't start new thread")


@pytest.mark.parametrize("wrong, message", [
    (sequential_collect, "about as long as one by one"),
    (unordered_collect, "out of store order"),
    (threads_without_fallback, "Catch RuntimeError around the pool"),
], ids=["no-threads", "wrong-order", "no-fallback"])
def test_collect_check_names_the_mistake(checks, capsys, wrong, message):
    assert not checks.check_collect_with_threads(wrong, slow_fetch)
    assert message in capsys.readouterr().out


async def blocking_async(store_id):
    return slow_fetch(store_id)  # time.sleep inside a coroutine blocks the event loop


async def gather_blocking(store_ids):
    return list(await asyncio.gather(*(blocking_async(sid) for sid in store_ids)))


async def fine_async(store_id):
    await asyncio.sleep(0.05)
    return instant_fetch(store_id)


async def one_by_one(store_ids):
    return [await fine_async(sid) for sid in store_ids]


async def different_async(store_id):
    await asyncio.sleep(0.05)
    return {"sales": 0.0, "profit": 0.0}


async def gather_different(store_ids):
    return list(await asyncio.gather(*(different_async(sid) for sid in store_ids)))


@pytest.mark.parametrize("store_async, collect, message", [
    (slow_fetch, one_by_one, "define process_store_async with `async def`"),
    (blocking_async, gather_blocking, "use await asyncio.sleep, not time.sleep"),
    (fine_async, one_by_one, "about as long as one by one"),
    (different_async, gather_different, "simulate the same fetch"),
], ids=["not-async", "time-sleep", "awaited-one-by-one", "different-results"])
def test_async_check_names_the_mistake(checks, capsys, store_async, collect, message):
    assert not run_coroutine(checks.check_async_variant(store_async, collect, slow_fetch, sequential_collect))
    assert message in capsys.readouterr().out


class LockedButWrong:
    def __init__(self):
        self.totals, self._lock = {}, threading.Lock()

    def add(self, metric, amount=1):
        with self._lock:
            self.totals[metric] = amount  # overwrites instead of adding


def test_counter_check_rejects_the_unlocked_starter(checks, capsys):
    assert not checks.check_counter(checks.UnsafeMetricCounter)
    out = capsys.readouterr().out
    assert "updates lost" in out and "✘ Not yet:" in out


def test_counter_check_rejects_wrong_arithmetic(checks, capsys):
    assert not checks.check_counter(LockedButWrong, threads=2, increments=1_000)
    assert "gave 1, not 2,000" in capsys.readouterr().out


def test_checks_explain_the_browser_case_where_threads_cannot_start(checks, solutions, capsys, monkeypatch):
    monkeypatch.setattr(checks, "threads_available", lambda: False)
    ns = solutions(LESSON)
    assert checks.check_counter(ns["MetricCounter"])
    assert not checks.check_counter(checks.UnsafeMetricCounter)
    out = capsys.readouterr().out
    assert "this browser can't start threads" in out
    assert "your counter has no threading.Lock" in out
