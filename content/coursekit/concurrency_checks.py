"""Checks for the concurrency lesson's exercises: each prints friendly, specific feedback.

`check_exercise_*` are what lessons call (they show nothing but the feedback); the
`check_*` functions behind them also return whether the answer passed.
"""

import inspect
import sys
import threading
import time

from .feedback import call_safely, describe_error, not_yet, passed
from .runtime import threads_available
from .workloads import timed

STORE_IDS = list(range(101, 109))
LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


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
        return not_yet(f"the dict has no {' or '.join(repr(k) for k in missing)} key (it has {sorted(first)}).")
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
    return passed(f"process_store(101) -> {first} after a {seconds:.2f} s simulated wait, the same every time.")


def check_collect_with_threads(collect_with_threads, process_store) -> bool:
    """Exercise 1b: every store's metrics in store order, concurrently where threads exist."""
    one_by_one, expected = timed(lambda: [process_store(sid) for sid in STORE_IDS])
    started = time.perf_counter()
    try:
        results = collect_with_threads(STORE_IDS)
    except RuntimeError as error:
        if "thread" in str(error):
            return not_yet(f"threads can't start in this browser ({describe_error(error)}). Catch RuntimeError "
                           "around the pool, print why, and fall back to a plain loop.")
        return not_yet(f"collect_with_threads raised {describe_error(error)}.")
    except NotImplementedError:
        return not_yet("collect_with_threads still raises NotImplementedError: replace that line with your code.")
    except Exception as error:
        return not_yet(f"collect_with_threads raised {describe_error(error)}.")
    seconds = time.perf_counter() - started
    if not isinstance(results, list):
        return not_yet(f"return a list (one dict per store), not a {type(results).__name__}.")
    if len(results) != len(expected):
        return not_yet(f"got {len(results)} results for {len(expected)} stores.")
    if results != expected:
        if sorted(map(repr, results)) == sorted(map(repr, expected)):
            return not_yet("the results are out of store order: pool.map keeps the input order, "
                           "as_completed does not.")
        return not_yet("the results differ from calling process_store on each store one by one.")
    if threads_available():
        if seconds > 0.6 * one_by_one:
            return not_yet(f"that took {seconds:.2f} s, about as long as one by one ({one_by_one:.2f} s): "
                           "submit every store to a ThreadPoolExecutor(max_workers=4).")
        return passed(f"{len(results)} stores in {seconds:.2f} s with threads, versus about {one_by_one:.2f} s "
                      f"one by one ({one_by_one / seconds:.1f}× faster), in store order.")
    return passed(f"{len(results)} stores in {seconds:.2f} s, in store order. Threads can't start in this "
                  "browser, so your fallback ran them one by one; in CPython the pool would overlap them.")


async def check_async_variant(process_store_async, collect_async, process_store, collect_with_threads) -> bool:
    """Exercise 2: the asyncio variant returns the same results and overlaps the waits."""
    try:
        expected = process_store(101)
    except Exception:  # Exercise 1's own check says what is wrong with it
        return not_yet("finish Exercise 1 first: this check compares your coroutines with process_store.")
    if not inspect.iscoroutinefunction(process_store_async):
        return not_yet("define process_store_async with `async def` so it can await asyncio.sleep.")
    if not inspect.iscoroutinefunction(collect_async):
        return not_yet("define collect_async with `async def` and await asyncio.gather inside it.")
    try:
        single = await process_store_async(101)
        started = time.perf_counter()
        gathered = await collect_async(STORE_IDS)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        for sid in STORE_IDS:
            await process_store_async(sid)
        one_by_one = time.perf_counter() - started
    except NotImplementedError:
        return not_yet("your async functions still raise NotImplementedError: replace those lines with your code.")
    except Exception as error:
        return not_yet(f"your async code raised {describe_error(error)}.")
    if single != expected:
        return not_yet(f"process_store_async(101) returned {single!r}, but process_store(101) returns "
                       f"{expected!r}: simulate the same fetch.")
    if gathered != [process_store(sid) for sid in STORE_IDS]:
        return not_yet("collect_async should return one dict per store, in store order (asyncio.gather keeps it).")
    if seconds > 0.6 * one_by_one:
        return not_yet(f"gathering took {seconds:.2f} s, about as long as one by one ({one_by_one:.2f} s): "
                       "await asyncio.gather(...) of all stores, and use await asyncio.sleep, not time.sleep, "
                       "which blocks the event loop.")
    thread_seconds, _ = timed(collect_with_threads, STORE_IDS)
    how = "with threads" if threads_available() else "with your thread code's one-by-one fallback"
    return passed(f"asyncio took {seconds:.2f} s for {len(gathered)} stores: {one_by_one / seconds:.1f}× faster than "
                  f"awaiting them one by one ({one_by_one:.2f} s), versus {thread_seconds:.2f} s {how}.")


class UnsafeMetricCounter:
    """The counter without a lock: what goes wrong under contention."""

    def __init__(self):
        self.totals = {}

    def add(self, metric, amount=1):
        self.totals[metric] = self.totals.get(metric, 0) + amount


def hammer(counter, threads: int, increments: int) -> int:
    """Add 1 to 'orders' increments times from each of threads workers; return the total."""
    def work():
        for _ in range(increments):
            counter.add("orders", 1)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so a race shows in every run
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    finally:
        sys.setswitchinterval(old_interval)
    return counter.totals.get("orders", 0)


def has_lock(counter) -> bool:
    """Whether the counter (or its class) holds a threading lock."""
    return any(isinstance(value, LOCK_TYPES) for value in [*vars(counter).values(), *vars(type(counter)).values()])


def check_counter(counter_class, threads: int = 8, increments: int = 100_000) -> bool:
    """Exercise 3: under contention the counter loses no update, thanks to a threading.Lock."""
    counter, failed = call_safely(f"{getattr(counter_class, '__name__', 'the class')}()", counter_class)
    if failed is not None:
        return failed
    if not callable(getattr(counter, "add", None)) or not isinstance(getattr(counter, "totals", None), dict):
        return not_yet("the counter needs a totals dict and an add(metric, amount) method.")
    expected = threads * increments
    if threads_available():
        unsafe = hammer(UnsafeMetricCounter(), threads, increments)
        print(f"Without a lock: {threads} threads × {increments:,} increments gave {unsafe:,} instead of "
              f"{expected:,} ({expected - unsafe:,} updates lost)." if unsafe != expected else
              "Without a lock this run happened to lose no update; races depend on timing.")
        total = hammer(counter, threads, increments)
        where = f"{threads} threads × {increments:,} increments"
    else:
        increments = increments // 10  # no threads: a shorter run shows the arithmetic
        for _ in range(threads * increments):
            counter.add("orders", 1)
        expected, total = threads * increments, counter.totals.get("orders", 0)
        where = f"{threads * increments:,} increments in one thread (this browser can't start threads, " \
                "so there is no contention to show here)"
    if total != expected:
        return not_yet(f"{where} gave {total:,}, not {expected:,}: hold the lock around both the read and "
                       "the write of totals.")
    if not has_lock(counter):
        return not_yet(f"{where} added up, but your counter has no threading.Lock; without one, real threads "
                       "lose updates. Create it in __init__: self._lock = threading.Lock().")
    return passed(f"{where}: exactly {total:,}, with a lock guarding every update.")



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
