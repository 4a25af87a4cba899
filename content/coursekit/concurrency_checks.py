"""Checks for the concurrency lesson's exercises: each prints friendly, specific feedback.

`check_exercise_*` are what lessons call (they show nothing but the feedback); the
`check_*` functions behind them also return whether the answer passed. Each check judges
behaviour (were calls in flight together, did the event loop run meanwhile, which hold of
which lock covered a read), never a margin of time, and none needs another exercise's answer.
"""

import asyncio
import collections.abc
import concurrent.futures
import contextlib
import inspect
import io
import sys
import threading
import time
import warnings
from contextlib import contextmanager

from . import practice_checks
from .feedback import call_mistake, describe_error, not_yet, passed
from .lock_watch import WatchedTotals, counted_locks, locks_created, unguarded
from .observing import observe, observe_async, probe
from .practice_checks import is_number
from .runtime import threads_available

# the stores a check asks for, in an order that sorting (by id, or by a figure that rises with it) does
# not reproduce; the first ones answer last, so completion order is visibly another order again
STORE_IDS = [105, 102, 108, 101, 107, 103, 106, 104]
EXTRA_DELAY = {store_id: 0.01 * (len(STORE_IDS) - n) for n, store_id in enumerate(STORE_IDS, 1)}
POOL_WORKERS = 4
COUNTER_TIMEOUT_S = 20.0


def metrics_mistake(result, what: str) -> str | None:
    """What is wrong with one store's {'sales': number, 'profit': number}, or None."""
    if not isinstance(result, dict):
        return (f"{what} returned a {type(result).__name__}; return a dict such as "
                "{'sales': 1200.0, 'profit': 180.0}.")
    missing = [key for key in ("sales", "profit") if key not in result]
    if missing:
        return f"the dict has no {' or '.join(repr(k) for k in missing)} key (it has {sorted(result)})."
    for key in ("sales", "profit"):
        if not is_number(result[key]):
            return f"{key!r} should be a number, not {result[key]!r} ({type(result[key]).__name__})."
    if result["profit"] > result["sales"]:
        return f"profit ({result['profit']}) is more than sales ({result['sales']}) in {what}."
    return None


@probe
def process_store_seen(process_store) -> dict:
    """Exercise 2a's probe: the first store's metrics twice (the first call timed), and two others'."""
    if not callable(process_store):
        return {"mistake": "process_store should be a function: def process_store(store_id): ..."}
    first_id = STORE_IDS[0]
    started = time.perf_counter()
    first, mistake = call_mistake(f"process_store({first_id})", process_store, first_id)
    seconds = time.perf_counter() - started
    calls = [(sid, call_mistake(f"process_store({sid})", process_store, sid)) for sid in STORE_IDS[:3]]
    mistake = mistake or next((failed for _, (_, failed) in calls if failed), None)
    return {"mistake": mistake} if mistake else {
        "mistake": None, "first": first, "seconds": seconds, "again": calls[0][1][0],
        "others": [result for _, (result, _) in calls[1:]]}


def check_process_store(process_store) -> bool:
    """Exercise 2a: a repeatable simulated fetch returning {'sales': number, 'profit': number}."""
    seen = observe(process_store_seen, process_store)
    if seen["mistake"]:
        return not_yet(seen["mistake"])
    first_id, first, seconds = STORE_IDS[0], seen["first"], seen["seconds"]
    mistake = metrics_mistake(first, f"process_store({first_id})")
    if mistake:
        return not_yet(mistake)
    if seen["again"] != first:
        return not_yet(f"process_store({first_id}) gave different numbers on a second call; a simulated "
                       "fetch should be repeatable, so derive the numbers from store_id (or seed random "
                       "with it).")
    if all(result == first for result in seen["others"]):
        return not_yet("every store gets the same metrics; use store_id to make them differ.")
    if seconds < 0.005:
        return not_yet("process_store answered instantly; simulate the network wait with time.sleep(0.05).")
    if seconds > 1.0:
        return not_yet(f"one store took {seconds:.1f} s; keep the simulated wait short (0.05 s is plenty).")
    return passed(f"process_store({first_id}) -> {first} after a {seconds:.2f} s simulated wait, the same "
                  "every time.")


class CallWatch:
    """Stands in for the learner's fetch during a check: the check's extra wait first (so the first
    stores answer last), and a count of the calls in flight together."""

    def __init__(self, fetch):
        self.fetch, self.calls, self.in_flight, self.most = fetch, 0, 0, 0
        self._lock = threading.Lock()  # pool workers count at the same time

    @contextmanager
    def _counted(self):
        with self._lock:
            self.calls, self.in_flight = self.calls + 1, self.in_flight + 1
            self.most = max(self.most, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1

    def __call__(self, store_id):
        with self._counted():
            time.sleep(EXTRA_DELAY.get(store_id, 0.0))
            return self.fetch(store_id)

    async def twin(self, store_id):
        """The same for a coroutine function."""
        with self._counted():
            await asyncio.sleep(EXTRA_DELAY.get(store_id, 0.0))
            return await self.fetch(store_id)


@contextmanager
def standing_in(function, original, stand_in):
    """While checking, `function` calls `stand_in` wherever it calls `original` by a global name."""
    namespace = getattr(function, "__globals__", {})
    names = [name for name, value in list(namespace.items()) if value is original]  # as the learner named it
    for name in names:
        namespace[name] = stand_in
    try:
        yield
    finally:
        for name in names:
            namespace[name] = original


@contextmanager
def thread_starts(blocked: bool):
    """Note each attempt of this thread to start a thread; with `blocked`, each fails as in the browser."""
    me, real_start, attempts = threading.get_ident(), threading.Thread.start, []

    def start(thread):
        if threading.get_ident() == me:
            attempts.append(thread.name)
            if blocked:
                raise RuntimeError("can't start new thread")
        return real_start(thread)

    threading.Thread.start = start
    try:
        yield attempts
    finally:
        threading.Thread.start = real_start


def shape_mistake(results, what: str) -> str | None:
    """What is wrong with the container `what` returned, before its contents are compared."""
    if isinstance(results, (concurrent.futures.Future, asyncio.Future)):
        return f"{what} returned a future, not the results: await it (or call .result())."
    if isinstance(results, collections.abc.Iterator):
        return (f"{what} returned an iterator (pool.map gives one): wrap it in list(...) so the results are "
                "collected.")
    if not isinstance(results, (list, tuple)):
        return f"{what} should return a list (one dict per store), not a {type(results).__name__}."
    if any(isinstance(item, (concurrent.futures.Future, asyncio.Future)) for item in results):
        return (f"{what} returned a list of futures: ask each one for its value (future.result()), or use "
                "pool.map.")
    if any(inspect.iscoroutine(item) for item in results):
        for item in results:
            if inspect.iscoroutine(item):
                item.close()  # never started: closing it spares the learner a warning
        return (f"{what} returned coroutines that never ran: a coroutine runs only when awaited; await "
                "asyncio.gather(*...) of them.")
    return None


def results_mistake(results, expected, what: str) -> str | None:
    """Why the results (a list or a tuple) are not the expected ones in store order, or None."""
    mistake = shape_mistake(results, what)
    if mistake or list(results) == expected:
        return mistake
    if len(results) != len(expected):
        return f"{what} gave {len(results)} results for {len(expected)} stores."
    if sorted(map(repr, results)) == sorted(map(repr, expected)):
        return (f"{what} returned the right results but not in the order of the store ids it was given "
                f"({STORE_IDS}): pool.map and asyncio.gather keep the input order; as_completed and sorting "
                "do not.")
    return f"{what}'s results differ from calling the fetch on each store one by one."


def fallback_mistake(attempts: list, printed: str) -> str | None:
    """Where threads cannot start: was the pool tried, and did the fallback say why? None if so."""
    if not attempts:
        return ("where threads can't start (as in the browser) your code never tried a thread pool: try "
                "ThreadPoolExecutor first, and fall back only when it raises RuntimeError.")
    if "thread" not in printed.lower():
        return ("where threads can't start your code fell back without saying why: print the RuntimeError "
                "(it says \"can't start new thread\") before running the stores one by one.")
    return None


def run_collect(collect_with_threads, process_store, blocked: bool):
    """(results, printed, watch, thread-start attempts, feedback already printed or None)."""
    watch = CallWatch(process_store)
    printed = io.StringIO()
    with (standing_in(collect_with_threads, process_store, watch), thread_starts(blocked) as attempts,
          contextlib.redirect_stdout(printed)):
        try:
            results, failure = collect_with_threads(STORE_IDS), None
        except RuntimeError as error:
            failure = ("where threads can't start (as in the browser) collect_with_threads raised "
                       f"{describe_error(error)}: catch RuntimeError around the pool, print why, and fall "
                       "back to a plain loop." if "thread" in str(error) else
                       f"collect_with_threads raised {describe_error(error)}.")
        except NotImplementedError:
            failure = ("collect_with_threads still raises NotImplementedError: replace that line with your "
                       "code.")
        except Exception as error:
            failure = f"collect_with_threads raised {describe_error(error)}."
    return (None if failure else results), printed.getvalue(), watch, attempts, failure


@probe
def collect_seen(collect_with_threads, process_store) -> dict:
    """Exercise 2b's probe: each store's metrics one by one, then collect_with_threads's run, counted
    (the calls in flight together, the pool's start attempts, what it printed), and where threads start,
    a second run with threads refused as in the browser."""
    expected = []
    for sid in STORE_IDS:
        result, mistake = call_mistake(f"process_store({sid})", process_store, sid)
        if mistake:
            return {"mistake": mistake}
        expected.append(result)
    real, runs = threads_available(), []
    for blocked, what in [(False, "collect_with_threads"), (True, "your fallback")][:2 if real else 1]:
        results, printed, watch, attempts, failure = run_collect(collect_with_threads, process_store, blocked)
        mistake = failure or shape_mistake(results, what)
        runs.append({"mistake": mistake, "results": None if mistake else results, "printed": printed,
                     "calls": watch.calls, "most": watch.most, "attempts": attempts})
    return {"mistake": None, "expected": expected, "threads": real, "runs": runs}


def check_collect_with_threads(collect_with_threads, process_store) -> bool:
    """Exercise 2b: every store's metrics in store order, on a pool where threads start, and else a
    fallback that tried the pool and says why."""
    seen = observe(collect_seen, collect_with_threads, process_store)
    if seen["mistake"]:
        return not_yet(seen["mistake"])
    expected, real, (run, *fallback) = seen["expected"], seen["threads"], seen["runs"]
    print(run["printed"], end="")  # the learner's own messages, as they wrote them
    mistake = run["mistake"] or results_mistake(run["results"], expected, "collect_with_threads")
    if not mistake and run["calls"] == 0:
        mistake = "collect_with_threads should call process_store for every store (on the pool)."
    if not mistake and real:
        if run["most"] < 2:
            mistake = (f"the stores were fetched one at a time ({run['calls']} calls, never two together): "
                       f"hand them all to a ThreadPoolExecutor(max_workers={POOL_WORKERS}).")
        elif run["most"] > POOL_WORKERS:
            mistake = (f"{run['most']} calls ran at once; the exercise asks for "
                       f"ThreadPoolExecutor(max_workers={POOL_WORKERS}), polite to the stores' servers.")
    last = run
    if not mistake and real:  # the browser's case too, here where threads would start
        last = fallback[0]
        mistake = last["mistake"] or results_mistake(last["results"], expected, "your fallback")
    if not mistake:
        mistake = fallback_mistake(last["attempts"], last["printed"])
    if mistake:
        return not_yet(mistake)
    stores = len(run["results"])
    if real:
        return passed(f"{stores} stores in store order, up to {run['most']} at once on the pool; where "
                      "threads can't start (tried here as the browser would), your fallback says why and "
                      "gives the same.")
    return passed(f"{stores} stores in store order. Threads can't start here, so your code tried the pool, "
                  "said why, and its fallback ran them one by one; in CPython the pool would overlap them.")


@contextmanager
def blocking_sleeps(*functions):
    """Note each time.sleep this thread calls while its event loop runs (it blocks the loop); yields them."""
    me, real_sleep, blocked = threading.get_ident(), time.sleep, []

    def sleep(seconds):
        if threading.get_ident() == me and asyncio._get_running_loop() is not None:
            blocked.append(seconds)
        return real_sleep(seconds)

    aliases = [(namespace, name) for namespace in {id(f.__globals__): f.__globals__ for f in functions
                                                   if hasattr(f, "__globals__")}.values()
               for name, value in list(namespace.items()) if value is real_sleep]  # from time import sleep
    time.sleep = sleep
    for namespace, name in aliases:
        namespace[name] = sleep
    try:
        yield blocked
    finally:
        time.sleep = real_sleep
        for namespace, name in aliases:
            namespace[name] = real_sleep


async def loop_ran_during(coroutine):
    """(the coroutine's result, whether the event loop ran other work while it was being awaited)."""
    ran = []

    async def other_work():
        ran.append(True)

    other = asyncio.ensure_future(other_work())
    try:
        result = await coroutine
        return result, bool(ran)
    finally:
        await other  # it has run by now, or runs at once: nothing is left behind


async def watched_call(process_store_async, store_id):
    """(result, seconds, what blocked or skipped a wait or None) of one awaited call."""
    with blocking_sleeps(process_store_async) as blocked, warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        started = time.perf_counter()
        result, yielded = await loop_ran_during(process_store_async(store_id))
        seconds = time.perf_counter() - started
    if inspect.iscoroutine(result):
        result.close()
        return result, seconds, (f"process_store_async({store_id}) returned a coroutine instead of a dict: "
                                 "await what you call inside it.")
    if blocked:
        return result, seconds, ("process_store_async calls time.sleep, which blocks the event loop: no "
                                 "other store's call can run meanwhile. Wait with await asyncio.sleep(...) "
                                 "instead.")
    if any("was never awaited" in str(warning.message) for warning in warned):
        return result, seconds, ("process_store_async creates a coroutine it never awaits, so that wait "
                                 "never happens: did you forget `await` before asyncio.sleep(...)?")
    if not yielded:
        return result, seconds, ("process_store_async never hands control back to the event loop, so "
                                 "nothing can overlap with it: simulate the network wait with await "
                                 "asyncio.sleep(0.05).")
    return result, seconds, None


@probe
async def async_variant_seen(process_store_async, collect_async) -> dict:
    """Exercise 3's probe: each store awaited one by one (the first twice), then collect_async over a
    stand-in counting the calls in flight. What they returned, the counts, and a mistake only this process
    can see (a blocked loop, a forgotten await), which can only fail the check."""
    if not inspect.iscoroutinefunction(process_store_async):
        return {"mistake": "define process_store_async with `async def` so it can await asyncio.sleep."}
    if not inspect.iscoroutinefunction(collect_async):
        return {"mistake": "define collect_async with `async def` and await asyncio.gather inside it."}
    try:
        results, one_by_one = [], 0.0
        for sid in STORE_IDS:  # awaited one by one: the reference, and what gathering must beat
            result, seconds, mistake = await watched_call(process_store_async, sid)
            if mistake:
                return {"mistake": mistake}
            results.append(result)
            one_by_one += seconds
        again, _, _ = await watched_call(process_store_async, STORE_IDS[0])
        watch = CallWatch(process_store_async)
        with standing_in(collect_async, process_store_async, watch.twin), \
                blocking_sleeps(collect_async) as blocked:
            started = time.perf_counter()
            gathered = await collect_async(STORE_IDS)
            seconds = time.perf_counter() - started
    except NotImplementedError:
        return {"mistake": "your async functions still raise NotImplementedError: replace those lines with "
                           "your code."}
    except Exception as error:
        return {"mistake": f"your async code raised {describe_error(error)}."}
    if isinstance(gathered, asyncio.Future):
        await asyncio.gather(gathered, return_exceptions=True)  # let it finish quietly
        return {"mistake": "collect_async returned the gather itself, not its results: write `await "
                           "asyncio.gather(...)`."}
    mistake = shape_mistake(gathered, "collect_async")
    if not mistake and blocked:
        mistake = ("collect_async calls time.sleep, which blocks the event loop: wait with await "
                   "asyncio.sleep.")
    return {"mistake": mistake} if mistake else {
        "mistake": None, "results": results, "again": again, "gathered": gathered, "calls": watch.calls,
        "most": watch.most, "seconds": seconds, "one_by_one": one_by_one}


def judge_async_variant(seen: dict) -> bool:
    """Exercise 3's verdict from its probe's data: each store's metrics, the same again, every store
    gathered in store order, and the calls in flight together."""
    if seen["mistake"]:
        return not_yet(seen["mistake"])
    expected = seen["results"]
    for sid, result in zip(STORE_IDS, expected, strict=True):
        mistake = metrics_mistake(result, f"process_store_async({sid})")
        if mistake:
            return not_yet(mistake)
    if seen["again"] != expected[0]:
        return not_yet(f"process_store_async({STORE_IDS[0]}) gave different numbers on a second call; "
                       "derive them from store_id so the same store always answers the same.")
    mistake = results_mistake(seen["gathered"], expected, "collect_async")
    if not mistake and seen["calls"] == 0:
        mistake = "collect_async should call process_store_async for every store (and gather those calls)."
    if not mistake and seen["most"] < 2:
        mistake = ("collect_async awaited the stores one at a time, so their waits never overlapped: create "
                   "every call first, then await them together with asyncio.gather(...).")
    if mistake:
        return not_yet(mistake)
    return passed(f"all {seen['most']} calls waited together: {seen['seconds']:.2f} s for "
                  f"{len(seen['gathered'])} stores, against {seen['one_by_one']:.2f} s awaiting them one by "
                  "one, in store order.")


async def check_async_variant(process_store_async, collect_async) -> bool:
    """Exercise 3: the coroutine twin waits without blocking; collect_async overlaps every store's wait."""
    return judge_async_variant(await observe_async(async_variant_seen, process_store_async, collect_async))


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


# (metric, amount) pairs whose sums are exact in floating point: a counter that ignores amount shows
ADDITIONS = [("orders", 3), ("refunds", 2), ("orders", 4), ("revenue", 12.5), ("orders", 1),
             ("revenue", 7.25)]


def watched_additions(counter) -> tuple[str | None, dict]:
    """Feed ADDITIONS to add() one by one, watching its locks: (a mistake only this process can see, or
    None; what was seen: the totals, the number of locks, the accesses made without one, and whether one
    add() held several locks or several holds)."""
    calls = []  # per add() call: its accesses to totals
    with counted_locks(counter) as locks, locks_created(getattr(type(counter), "add", None)) as created:
        counter.totals = watched = WatchedTotals(counter.totals, locks)
        for metric, amount in ADDITIONS:
            first = len(watched.accesses)
            counter.add(metric, amount)
            calls.append(watched.accesses[first:])
            if any(lock.held() for lock in locks):
                # a second call would wait for ever for this lock; stop before it
                return ("add() returned with the lock still held, so the next add() would wait for ever: "
                        "use `with self._lock:` so the lock is released even when something fails."), {}
    if created:
        return ("add() creates a new lock every time it runs (as `with threading.Lock():` inside add does), "
                "so no two calls ever wait for each other: create the lock once, in __init__, and use that "
                "one in add()."), {}
    return None, {
        "totals": dict(watched), "locks": len(locks), "bare": unguarded(watched.accesses),
        "several_locks": any(len({hold[0] for _, hold in call if hold}) > 1 for call in calls),
        "several_holds": any(len({hold for _, hold in call if hold}) > 1 for call in calls)}


def additions_mistake(seen: dict) -> str | None:
    """What watched_additions saw that is wrong, or None."""
    expected = {}
    for metric, amount in ADDITIONS:
        expected[metric] = expected.get(metric, 0) + amount
    counts = {metric: sum(1 for name, _ in ADDITIONS if name == metric) for metric in expected}
    totals = seen["totals"]
    if totals == counts:
        return (f"add() counts calls but ignores `amount`: after add() of {ADDITIONS} the totals were "
                f"{totals}.")
    if totals != expected:
        return f"after add() of {ADDITIONS} the totals should be {expected}, not {totals}."
    if not seen["locks"]:
        return ("the totals add up, but your counter has no threading.Lock; without one, real threads lose "
                "updates. Give the counter one lock that every add() holds.")
    if seen["bare"]:
        return (f"your add() {' and '.join(what + 's' for what in seen['bare'])} totals without holding the "
                "lock: another thread can slip in there. Hold it around both the read and the write.")
    if seen["several_locks"]:
        return "one add() holds different locks for its read and its write: use one lock for both."
    if seen["several_holds"]:
        return ("your add() takes the lock for the read, lets go, and takes it again for the write: another "
                "thread can change the total in between. Do the read and the write in one `with` block.")
    return None


@probe
def counter_seen(counter_class, threads: int, increments: int) -> dict:
    """Exercise 6's probe: one counter's additions watched, then, where threads start, the totals of
    `threads` threads adding `increments` times each, to a counter without a lock and to the learner's."""
    counter, mistake = call_mistake(f"{getattr(counter_class, '__name__', 'the class')}()", counter_class)
    if mistake:
        return {"mistake": mistake}
    if not callable(getattr(counter, "add", None)) or not isinstance(getattr(counter, "totals", None), dict):
        return {"mistake": "the counter needs a totals dict and an add(metric, amount) method."}
    try:
        mistake, seen = watched_additions(counter)
    except Exception as error:
        return {"mistake": f"add() raised {describe_error(error)}."}
    if mistake:
        return {"mistake": mistake}
    seen = {**seen, "mistake": None, "threads": threads_available(), "unsafe": None, "total": None}
    if seen["threads"]:
        seen["unsafe"] = hammer(UnsafeMetricCounter(), threads, increments)
        if additions_mistake(seen) is None:  # a counter already wrong is not raced
            seen["total"] = hammer(counter_class(), threads, increments)
    return seen


def check_counter(counter_class, threads: int = 8, increments: int = 100_000) -> bool:
    """Exercise 6: one lock held around each whole read-and-write, so no update is lost under contention."""
    seen = observe(counter_seen, counter_class, threads, increments)
    if seen["mistake"]:
        return not_yet(seen["mistake"])
    mistake = additions_mistake(seen)
    if not seen["threads"]:
        if mistake:
            return not_yet(mistake)
        return passed(f"{len(ADDITIONS)} additions, each reading and writing totals in one hold of one lock "
                      "(this browser can't start threads, so the check watched the lock instead of racing "
                      "threads).")
    unsafe, expected = seen["unsafe"], threads * increments
    print(f"Without a lock: {threads} threads × {increments:,} increments gave {unsafe:,} instead of "
          f"{expected:,} ({expected - unsafe:,} updates lost)." if unsafe != expected else
          "Without a lock this run happened to lose no update; races depend on timing.")
    if mistake:
        return not_yet(mistake)
    total = seen["total"]
    where = f"{threads} threads × {increments:,} increments"
    if total is None:
        return not_yet(f"{where} did not finish within {COUNTER_TIMEOUT_S:g} s: some thread waits for a lock "
                       "that is never released.")
    if total != expected:
        return not_yet(f"{where} gave {total:,}, not {expected:,}: hold the lock around both the read and "
                       "the write of totals.")
    return passed(f"{where}: exactly {total:,}, with one lock guarding every read and write.")


def check_exercise_1(task_kinds) -> None:
    """Exercise 1: IO- or CPU-bound."""
    practice_checks.check_classification(task_kinds)


def check_exercise_2(process_store, collect_with_threads) -> None:
    """Exercise 2: process_store, then collect_with_threads."""
    if check_process_store(process_store):
        check_collect_with_threads(collect_with_threads, process_store)


# Exercise 5 (a month's invoices through an asyncio.Queue) is checked in invoice_queue_checks.


async def check_exercise_3(process_store_async, collect_async) -> None:
    """Exercise 3: the asyncio variant."""
    await check_async_variant(process_store_async, collect_async)


async def check_exercise_4(pool_map_choice, collect_safely) -> None:
    """Exercise 4: failures in concurrent work."""
    practice_checks.check_pool_map_choice(pool_map_choice)
    await practice_checks.check_collect_safely(collect_safely)


def check_exercise_6(counter_class) -> None:
    """Exercise 6: the thread-safe counter."""
    check_counter(counter_class)
