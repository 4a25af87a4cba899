"""Checks for the concurrency lesson's practice exercises: classify, and survive failures."""

import asyncio
import inspect
import numbers
import time

from .answer_digest import digest
from .feedback import describe_error, not_yet, passed
from .observing import observe_async, probe
from .stopping import finished_within

#: Exercise 1: each task's digest([task, kind]); the kinds themselves are not written down here.
TASK_KEYS = {
    "download yesterday's sales from 40 store APIs": "fe1a2791006e8f88",
    "run a 10-million-step price simulation": "98f8acdf5f020c0a",
    "read 500 invoices from a shared network drive": "e6eb136278482518",
    "resize 2,000 product photos": "03a9a86687711e05",
    "wait for a payment provider to confirm 300 payments": "5e02684c775bd61d",
    "compress last year's transaction log": "c3b0907ac54566fa",
}


def is_number(value) -> bool:
    """An int, float, Decimal or Fraction (a bool or a complex number is not an amount)."""
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, complex))


def check_classification(answers) -> bool:
    """Exercise 1: each task labelled "io" (waiting) or "cpu" (computing)."""
    if not isinstance(answers, dict) or set(answers) != set(TASK_KEYS):
        return not_yet("keep the dict as given: one entry per task, each set to \"io\" or \"cpu\".")
    labels = {task: str(label).strip().lower() for task, label in answers.items()}
    unknown = [task for task, label in labels.items() if label not in ("io", "cpu")]
    if unknown:
        return not_yet(f"{len(unknown)} task(s) still need \"io\" or \"cpu\", e.g. {unknown[0]!r}.")
    wrong = [task for task, key in TASK_KEYS.items() if digest([task, labels[task]]) != key]
    if wrong:
        return not_yet(f"{len(TASK_KEYS) - len(wrong)} of {len(TASK_KEYS)} right. Look again at "
                       f"{wrong[0]!r}: while it runs, is this computer busy calculating, or waiting for an "
                       "answer?")
    return passed("all six right. Waiting work gains from threads or asyncio; computing work needs more "
                  "cores: processes, or threads where a library such as zlib does the computing outside the "
                  "GIL.")


#: Exercise 4a: digest(["pool.map", choice]) of the right choice, and why each other one is not it.
POOL_MAP_KEY = "b5801d4ab5f7826c"
POOL_MAP_NOT_IT = {
    "83845c2a8e4a2199": "nothing is skipped silently: a failure has to surface somewhere. Where does it?",
    "a5b70a5d3ded1680": "that is what asyncio.gather(..., return_exceptions=True) does; pool.map has no such "
                        "option.",
}


def check_pool_map_choice(choice) -> bool:
    """Exercise 4a: what list(pool.map(...)) does when one call raises."""
    choice = str(choice).strip().lower()
    if choice not in ("a", "b", "c"):
        return not_yet('answer with "a", "b" or "c".')
    key = digest(["pool.map", choice])
    if key != POOL_MAP_KEY:
        return not_yet(POOL_MAP_NOT_IT[key])
    return passed("pool.map hands each task's exception back when its result is reached, so list(...) stops "
                  "there and the other results are lost unless you catch the failure per call.")


# Exercise 4b's stores, in an order that is not sorted by id; their sales do not rise with the id
CHECK_STORES = [105, 102, 108, 101, 107, 103, 106, 104]
FAILING, SLOW, HANGING = 103, 106, 104
SLOW_S, HANG_S, OVERALL_LIMIT_S = 0.35, 3.0, 2.0
# (limit, timeout) of each run: neither is the function's default, so code that ignores them shows;
# the slow store answers within the first timeout and not within the second
RUNS = ((2, 0.6), (4, 0.25))


def sales_of(store_id: int) -> int:
    """A store's figure in the check: scrambled, so that sorting by it restores no order."""
    return store_id * 7_919 % 5_000 + 500


class FlakyStores:
    """Store APIs for the check: one raises, one is slow, one hangs; it counts the calls in flight."""

    def __init__(self):
        self.in_flight = self.most_in_flight = 0

    async def fetch(self, store_id):
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if store_id == FAILING:
                await asyncio.sleep(0.02)
                raise ConnectionError(f"store {store_id} is down")
            waits = {SLOW: SLOW_S, HANGING: HANG_S}
            await asyncio.sleep(waits.get(store_id, 0.01 * (store_id % 4 + 1)))
            return {"store": store_id, "sales": sales_of(store_id)}
        finally:
            self.in_flight -= 1


def entry_mistake(store_id: int, entry, error: dict | None, timeout: float) -> str | None:
    """What is wrong with one store's entry in the results, or None; error, where the entry is an
    exception: the names of its classes and its repr."""
    kinds, shown = (error["types"], error["repr"]) if error else ([], repr(entry))
    if store_id == FAILING:
        if "ConnectionError" not in kinds:
            return (f"store {store_id} raised ConnectionError; its entry should be that exception, not "
                    f"{shown}.")
    elif store_id == HANGING:
        if "TimeoutError" not in kinds:
            return (f"store {store_id} never answers; its entry should be the TimeoutError of its own "
                    f"timeout, not {shown}.")
    elif store_id == SLOW and timeout < SLOW_S:
        if "TimeoutError" not in kinds:
            return (f"store {store_id} took {SLOW_S:g} s, longer than the timeout you were given "
                    f"({timeout:g} s), yet it was waited for: use the `timeout` argument.")
    elif error or entry != {"store": store_id, "sales": sales_of(store_id)}:
        if store_id == SLOW and "TimeoutError" in kinds:
            return (f"store {store_id} answered after {SLOW_S:g} s, within the timeout you were given "
                    f"({timeout:g} s), but your code gave up on it: use the `timeout` argument, not a fixed "
                    "number.")
        return (f"store {store_id} answered, so its entry should be its result; got {shown}. Keep one "
                "entry per store, in the order of store_ids.")
    return None


async def one_run(collect_safely, limit: int, timeout: float) -> dict:
    """Run collect_safely once with this limit and timeout: its entries (an exception as None, described
    in errors by its position) and the calls in flight at most; or a mistake only this process can see
    (it never ended, or it raised), which can only fail it."""
    stores = FlakyStores()
    task = asyncio.ensure_future(collect_safely(stores.fetch, CHECK_STORES, limit, timeout))
    started = time.perf_counter()
    if not await finished_within(task, OVERALL_LIMIT_S):
        return {"mistake": f"collect_safely was still waiting after {OVERALL_LIMIT_S:g} s, because one store "
                           "never answers: give each call its own timeout."}
    error = task.exception()
    if isinstance(error, NotImplementedError):
        return {"mistake": "collect_safely still raises NotImplementedError: replace that line with your "
                           "code."}
    if isinstance(error, TimeoutError):
        return {"mistake": f"your timeout ({timeout:g} s) fired for the store that never answers, and its "
                           f"TimeoutError sank the whole batch after {time.perf_counter() - started:.2f} s: "
                           "return each failure in its store's place instead."}
    if isinstance(error, ConnectionError):
        return {"mistake": f"one failing store sank the whole batch ({describe_error(error)}): "
                           "asyncio.gather(..., return_exceptions=True) puts the exception in its place "
                           "instead."}
    if error is not None:
        return {"mistake": f"collect_safely raised {describe_error(error)}."}
    results = task.result()
    if not isinstance(results, (list, tuple)):
        return {"mistake": None, "entries": None, "errors": {}, "most": stores.most_in_flight}
    errors = {n: {"types": [kind.__name__ for kind in type(entry).__mro__], "repr": repr(entry)}
              for n, entry in enumerate(results) if isinstance(entry, BaseException)}
    return {"mistake": None, "entries": [None if n in errors else entry for n, entry in enumerate(results)],
            "errors": errors, "most": stores.most_in_flight}


def run_mistake(seen: dict, limit: int, timeout: float) -> str | None:
    """What one_run's data says is wrong, or None."""
    if seen["mistake"]:
        return seen["mistake"]
    entries = seen["entries"]
    if entries is None or len(entries) != len(CHECK_STORES):
        return f"return a list with one entry per store ({len(CHECK_STORES)}), in the order of store_ids."
    for n, (store_id, entry) in enumerate(zip(CHECK_STORES, entries)):
        mistake = entry_mistake(store_id, entry, seen["errors"].get(n), timeout)
        if mistake:
            return mistake
    if seen["most"] > limit:
        return (f"{seen['most']} calls ran at once when limit was {limit}: at most `limit` calls may be in "
                "flight.")
    if seen["most"] < 2:
        return "the calls ran one at a time; let up to `limit` of them wait together."
    return None


@probe
async def collect_safely_seen(collect_safely) -> dict:
    """Exercise 4b's probe: one_run with each (limit, timeout) of RUNS."""
    if not inspect.iscoroutinefunction(collect_safely):
        return {"mistake": "define collect_safely with `async def`."}
    runs = [await one_run(collect_safely, limit, timeout) for limit, timeout in RUNS]
    return {"mistake": None, "runs": runs}


async def check_collect_safely(collect_safely) -> bool:
    """Exercise 4b: per-call timeout, failures returned in place, at most `limit` calls at once."""
    seen = await observe_async(collect_safely_seen, collect_safely)
    if seen["mistake"]:
        return not_yet(seen["mistake"])
    for (limit, timeout), run in zip(RUNS, seen["runs"], strict=True):
        mistake = run_mistake(run, limit, timeout)
        if mistake:
            return not_yet(f"with limit={limit} and timeout={timeout:g}: {mistake}")
    return passed(f"with limit and timeout {' and '.join(f'{lim} and {t:g} s' for lim, t in RUNS)}, every "
                  "failure and timeout came back in its place, and never more calls were in flight than the "
                  "limit.")
