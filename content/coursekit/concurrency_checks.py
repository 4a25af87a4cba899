"""Checks for the concurrency lesson's exercises: each prints friendly, specific feedback.

`check_exercise_*` are what lessons call (they show nothing but the feedback); the
`check_*` functions behind them also return whether the answer passed.
"""

import asyncio
import collections.abc
import concurrent.futures
import inspect
import sys
import threading
import time
from contextlib import contextmanager

from . import practice_checks
from .feedback import call_safely, describe_error, not_yet, passed
from .lock_watch import WatchedTotals, is_held, locks_of, unguarded
from .runtime import threads_available
from .workloads import timed

STORE_IDS = list(range(101, 109))
# extra simulated wait per store during a check: the first stores answer last, so results
# gathered in completion order come back visibly out of store order
EXTRA_DELAY = {store_id: 0.02 * (len(STORE_IDS) - n) for n, store_id in enumerate(STORE_IDS, 1)}
COUNTER_TIMEOUT_S = 20.0


def check_process_store(process_store) -> bool:
    """Exercise 1a: a repeatable simulated fetch returning {'sales': number, 'profit': number}."""
    if not callable(process_store):
        return not_yet("process_store should be a function: def process_store(store_id): ...")
    started = time.perf_counter()
    first, failed = call_safely("process_store(101)", process_store, 101)
    seconds = time.perf_counter() - started
    if failed is not None:
        return failed
    if not isinstance(first, dict):
        return not_yet(f"process_store(101) returned a {type(first).__name__}; return a dict such as "
                       "{'sales': 1200.0, 'profit': 180.0}.")
    missing = [key for key in ("sales", "profit") if key not in first]
    if missing:
        return not_yet(f"the dict has no {' or '.join(repr(k) for k in missing)} key "
                       f"(it has {sorted(first)}).")
    for key in ("sales", "profit"):
        if isinstance(first[key], bool) or not isinstance(first[key], (int, float)):
            return not_yet(f"{key!r} should be a number, not {first[key]!r} ({type(first[key]).__name__}).")
    if first["profit"] > first["sales"]:
        return not_yet(f"profit ({first['profit']}) is more than sales ({first['sales']}) for store 101.")
    again, failed = call_safely("process_store(101)", process_store, 101)
    if failed is not None:
        return failed
    if again != first:
        return not_yet("process_store(101) gave different numbers on a second call; a simulated fetch should "
                       "be repeatable, so derive the numbers from store_id (or seed random with it).")
    others = [call_safely(f"process_store({sid})", process_store, sid) for sid in (102, 103)]
    if any(failed is not None for _, failed in others):
        return False
    if all(result == first for result, _ in others):
        return not_yet("every store gets the same metrics; use store_id to make them differ.")
    if seconds < 0.005:
        return not_yet("process_store answered instantly; simulate the network wait with time.sleep(0.1).")
    if seconds > 1.0:
        return not_yet(f"one store took {seconds:.1f} s; keep the simulated wait short (0.05–0.3 s).")
    return passed(f"process_store(101) -> {first} after a {seconds:.2f} s simulated wait, "
                  "the same every time.")



@contextmanager
def varied_delays(function, original, make_slower):
    """While checking, the learner's `function` calls a slower twin of `original`: \
the first stores answer last."""
    namespace = getattr(function, "__globals__", {})
    names = [name for name, value in list(namespace.items()) if value is original]  # as the learner named it
    for name in names:
        namespace[name] = make_slower(original)
    try:
        yield
    finally:
        for name in names:
            namespace[name] = original


def slower(process_store):
    """process_store with EXTRA_DELAY added before it."""
    def slower_store(store_id):
        time.sleep(EXTRA_DELAY.get(store_id, 0.0))
        return process_store(store_id)
    return slower_store


def slower_async(process_store_async):
    """process_store_async with EXTRA_DELAY awaited before it."""
    async def slower_store(store_id):
        await asyncio.sleep(EXTRA_DELAY.get(store_id, 0.0))
        return await process_store_async(store_id)
    return slower_store


def shape_mistake(results, what: str) -> str | None:
    """What is wrong with the container `what` returned, before its contents are compared."""
    if isinstance(results, (concurrent.futures.Future, asyncio.Future)):
        return f"{what} returned a future, not the results: await it (or call .result())."
    if isinstance(results, collections.abc.Iterator):
        return (f"{what} returned an iterator (pool.map gives one): "
                "wrap it in list(...) so the results are collected.")
    if isinstance(results, tuple):
        return f"{what} returned a tuple; return a list, e.g. list(await asyncio.gather(...))."
    if not isinstance(results, list):
        return f"{what} should return a list (one dict per store), not a {type(results).__name__}."
    if any(isinstance(item, (concurrent.futures.Future, asyncio.Future)) for item in results):
        return (f"{what} returned a list of futures: "
                "ask each one for its value (future.result()), or use pool.map.")
    if any(inspect.iscoroutine(item) for item in results):
        for item in results:
            if inspect.iscoroutine(item):
                item.close()  # never started: closing it spares the learner a warning
        return (f"{what} returned coroutines that never ran: a coroutine runs only when awaited; "
                "await asyncio.gather(*...) of them.")
    return None


def order_mistake(results, expected, what: str) -> str:
    """Why the results differ from the expected ones."""
    if len(results) != len(expected):
        return f"{what} gave {len(results)} results for {len(expected)} stores."
    if sorted(map(repr, results)) == sorted(map(repr, expected)):
        return (f"{what} returned the right results but out of store order (in the order they finished): "
                "pool.map and asyncio.gather keep the input order; as_completed does not.")
    return f"{what}'s results differ from calling process_store on each store one by one."


def check_collect_with_threads(collect_with_threads, process_store) -> bool:
    """Exercise 1b: every store's metrics in store order, concurrently where threads exist."""
    one_by_one, expected = timed(lambda: [process_store(sid) for sid in STORE_IDS])
    one_by_one += sum(EXTRA_DELAY.values())  # the check's extra waits, below
    started = time.perf_counter()
    with varied_delays(collect_with_threads, process_store, slower):
        try:
            results = collect_with_threads(STORE_IDS)
        except RuntimeError as error:
            if "thread" in str(error):
                return not_yet(f"threads can't start here ({describe_error(error)}). Catch RuntimeError "
                               "around the pool, print why, and fall back to a plain loop.")
            return not_yet(f"collect_with_threads raised {describe_error(error)}.")
        except NotImplementedError:
            return not_yet("collect_with_threads still raises NotImplementedError: "
                           "replace that line with your code.")
        except Exception as error:
            return not_yet(f"collect_with_threads raised {describe_error(error)}.")
    seconds = time.perf_counter() - started
    mistake = shape_mistake(results, "collect_with_threads")
    if mistake is None and results != expected:
        mistake = order_mistake(results, expected, "collect_with_threads")
    if mistake:
        return not_yet(mistake)
    if threads_available():
        if seconds > 0.6 * one_by_one:
            return not_yet(f"that took {seconds:.2f} s, about as long as one by one ({one_by_one:.2f} s): "
                           "submit every store to a ThreadPoolExecutor(max_workers=4).")
        return passed(f"{len(results)} stores in {seconds:.2f} s with threads, "
                      f"versus about {one_by_one:.2f} s "
                      f"one by one ({one_by_one / seconds:.1f}× faster), in store order.")
    return passed(f"{len(results)} stores in {seconds:.2f} s, in store order. Threads can't start here, "
                  "so your fallback ran them one by one; in CPython the pool would overlap them.")


async def check_async_variant(process_store_async, collect_async, process_store,
                              collect_with_threads) -> bool:
    """Exercise 2: the asyncio variant returns the same results and overlaps the waits."""
    try:
        expected = [process_store(sid) for sid in STORE_IDS]
    except Exception:  # Exercise 1's own check says what is wrong with it
        return not_yet("finish Exercise 1 first: this check compares your coroutines with process_store.")
    if not inspect.iscoroutinefunction(process_store_async):
        return not_yet("define process_store_async with `async def` so it can await asyncio.sleep.")
    if not inspect.iscoroutinefunction(collect_async):
        return not_yet("define collect_async with `async def` and await asyncio.gather inside it.")
    try:
        started = time.perf_counter()
        single = await process_store_async(101)
        single_seconds = time.perf_counter() - started
        with varied_delays(collect_async, process_store_async, slower_async):
            started = time.perf_counter()
            gathered = await collect_async(STORE_IDS)
            seconds = time.perf_counter() - started
    except NotImplementedError:
        return not_yet("your async functions still raise NotImplementedError: "
                       "replace those lines with your code.")
    except Exception as error:
        return not_yet(f"your async code raised {describe_error(error)}.")
    if inspect.iscoroutine(single):
        single.close()
        return not_yet("process_store_async(101) returned a coroutine instead of a dict: "
                       "await what you call inside it.")
    if single != expected[0]:
        return not_yet(f"process_store_async(101) returned {single!r}, but process_store(101) returns "
                       f"{expected[0]!r}: simulate the same fetch.")
    if single_seconds < 0.005:
        return not_yet("process_store_async answered instantly: "
                       "did you forget `await` before asyncio.sleep(...)? "
                       "Without it the wait never happens.")
    if isinstance(gathered, asyncio.Future):
        await asyncio.gather(gathered, return_exceptions=True)  # let it finish quietly
        return not_yet("collect_async returned the gather itself, not its results: "
                       "write `await asyncio.gather(...)`.")
    mistake = shape_mistake(gathered, "collect_async")
    if mistake is None and gathered != expected:
        mistake = order_mistake(gathered, expected, "collect_async")
    if mistake:
        return not_yet(mistake)
    one_by_one = single_seconds * len(STORE_IDS)
    # the check's own extra waits overlap whenever the event loop is free; leave them out
    if seconds - max(EXTRA_DELAY.values()) > 0.6 * one_by_one:
        return not_yet(f"gathering took {seconds:.2f} s, about as long as one by one ({one_by_one:.2f} s): "
                       "await asyncio.gather(...) of all stores, and use await asyncio.sleep, "
                       "not time.sleep, which blocks the event loop.")
    thread_seconds, _ = timed(collect_with_threads, STORE_IDS)
    how = "with threads" if threads_available() else "with your thread code's one-by-one fallback"
    return passed(f"asyncio took {seconds:.2f} s for {len(gathered)} stores, "
                  f"against about {one_by_one:.2f} s "
                  f"awaiting them one by one, and {thread_seconds:.2f} s {how}.")


class UnsafeMetricCounter:
    """The counter without a lock: what goes wrong under contention."""

    def __init__(self):
        self.totals = {}

    def add(self, metric, amount=1):
        self.totals[metric] = self.totals.get(metric, 0) + amount


def hammer(counter, threads: int, increments: int, timeout: float = COUNTER_TIMEOUT_S) -> int | None:
    """Add 1 to 'orders' increments times from each of threads workers; the total, or None if they hung."""
    def work():
        for _ in range(increments):
            counter.add("orders", 1)

    # daemon: a hung one can't block exit
    workers = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so a race shows in every run
    try:
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + timeout
        for worker in workers:
            worker.join(max(0.0, deadline - time.monotonic()))
    finally:
        sys.setswitchinterval(old_interval)
    if any(worker.is_alive() for worker in workers):
        return None
    return counter.totals.get("orders", 0)


def has_lock(counter) -> bool:
    """Whether the counter can reach a threading lock."""
    return bool(locks_of(counter))


# (metric, amount) pairs whose sums are exact in floating point: a counter that ignores amount shows
ADDITIONS = [("orders", 3), ("refunds", 2), ("orders", 4), ("revenue", 12.5), ("orders", 1),
             ("revenue", 7.25)]


def watched_additions(counter) -> str | None:
    """Feed ADDITIONS to add() one by one, watching the lock; what went wrong, or None."""
    counter.totals = watched = WatchedTotals(counter.totals, counter)
    for metric, amount in ADDITIONS:
        counter.add(metric, amount)
        if any(is_held(lock) for lock in locks_of(counter)):
            # a second call would wait for ever for this lock; stop before it
            return ("add() returned with the lock still held, so the next add() would wait for ever: use "
                    "`with self._lock:` so the lock is released even when something fails.")
    expected = {}
    for metric, amount in ADDITIONS:
        expected[metric] = expected.get(metric, 0) + amount
    calls = {metric: sum(1 for name, _ in ADDITIONS if name == metric) for metric in expected}
    if dict(watched) == calls:
        return (f"add() counts calls but ignores `amount`: "
                f"after add() of {ADDITIONS} the totals were {dict(watched)}.")
    if dict(watched) != expected:
        return f"after add() of {ADDITIONS} the totals should be {expected}, not {dict(watched)}."
    if not has_lock(counter):
        return ("the totals add up, but your counter has no threading.Lock; without one, real threads lose "
                "updates. Create it once, in __init__: self._lock = threading.Lock().")
    bare = unguarded(watched.accesses)
    if bare:
        return (f"your add() {' and '.join(what + 's' for what in bare)} totals without holding the lock: "
                "another thread can slip in "
                "there. Hold it around both the read and the write: `with self._lock:`.")
    held = {id(lock) for _, lock in watched.accesses}
    if len(held) > 1:
        return ("each add() takes a different lock, so no two calls ever wait for each other: "
                "create the lock once, in __init__, and reuse it.")
    return None


def check_counter(counter_class, threads: int = 8, increments: int = 100_000) -> bool:
    """Exercise 3: one lock held around every read and write, so no update is lost under contention."""
    counter, failed = call_safely(f"{getattr(counter_class, '__name__', 'the class')}()", counter_class)
    if failed is not None:
        return failed
    if not callable(getattr(counter, "add", None)) or not isinstance(getattr(counter, "totals", None), dict):
        return not_yet("the counter needs a totals dict and an add(metric, amount) method.")
    try:
        mistake = watched_additions(counter)
    except Exception as error:
        return not_yet(f"add() raised {describe_error(error)}.")
    if not threads_available():
        if mistake:
            return not_yet(mistake)
        return passed(f"{len(ADDITIONS)} additions, each reading and writing totals under one lock "
                      "(this browser can't start threads, "
                      "so the check watched the lock instead of racing threads).")
    unsafe = hammer(UnsafeMetricCounter(), threads, increments)
    expected = threads * increments
    print(f"Without a lock: {threads} threads × {increments:,} increments gave {unsafe:,} instead of "
          f"{expected:,} ({expected - unsafe:,} updates lost)." if unsafe != expected else
          "Without a lock this run happened to lose no update; races depend on timing.")
    if mistake:
        return not_yet(mistake)
    total = hammer(counter_class(), threads, increments)
    where = f"{threads} threads × {increments:,} increments"
    if total is None:
        return not_yet(f"{where} did not finish within {COUNTER_TIMEOUT_S:g} s: some thread waits for a lock "
                       "that is never released.")
    if total != expected:
        return not_yet(f"{where} gave {total:,}, not {expected:,}: hold the lock around both the read and "
                       "the write of totals.")
    return passed(f"{where}: exactly {total:,}, with one lock guarding every read and write.")


def check_exercise_1(process_store, collect_with_threads) -> None:
    """Exercise 1: process_store, then collect_with_threads."""
    if check_process_store(process_store) and check_collect_with_threads(collect_with_threads, process_store):
        print("Your results:", collect_with_threads(STORE_IDS)[:2], "...")


async def check_exercise_2(process_store_async, collect_async, process_store, collect_with_threads) -> None:
    """Exercise 2: the asyncio variant."""
    await check_async_variant(process_store_async, collect_async, process_store, collect_with_threads)


def check_exercise_3(counter_class) -> None:
    """Exercise 3: the thread-safe counter."""
    check_counter(counter_class)


def check_exercise_4(answers) -> None:
    """Exercise 4: IO- or CPU-bound."""
    practice_checks.check_classification(answers)


def check_exercise_5(predicted_seconds) -> None:
    """Exercise 5: predict the three-worker timeline."""
    practice_checks.check_prediction(predicted_seconds)


async def check_exercise_6(pool_map_choice, collect_safely) -> None:
    """Exercise 6: failures in concurrent work."""
    practice_checks.check_pool_map_choice(pool_map_choice)
    await practice_checks.check_collect_safely(collect_safely)
