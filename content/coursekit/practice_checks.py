"""Checks for the concurrency lesson's practice exercises: classify, predict, and survive failures."""

import asyncio
import inspect
import math

from .feedback import describe_error, not_yet, passed
from .workloads import STORE_DELAYS, ideal_event_loop, ideal_pool, ideal_sequential, pool_schedule

#: Exercise 4's tasks and whether each mostly waits ("io") or computes ("cpu").
TASKS = {
    "download yesterday's sales from 40 store APIs": "io",
    "run a 10-million-step price simulation": "cpu",
    "read 500 invoices from a shared network drive": "io",
    "resize 2,000 product photos": "cpu",
    "wait for a payment provider to confirm 300 payments": "io",
    "compress last year's transaction log": "cpu",
}
WHY = {"io": "most of its time goes to waiting for another machine or a disk",
       "cpu": "most of its time goes to this computer calculating"}


def check_classification(answers) -> bool:
    """Exercise 4: each task labelled "io" (waiting) or "cpu" (computing)."""
    if not isinstance(answers, dict) or set(answers) != set(TASKS):
        return not_yet("keep the dict as given: one entry per task, each set to \"io\" or \"cpu\".")
    labels = {task: str(label).strip().lower() for task, label in answers.items()}
    unknown = [task for task, label in labels.items() if label not in ("io", "cpu")]
    if unknown:
        return not_yet(f"{len(unknown)} task(s) still need \"io\" or \"cpu\", e.g. {unknown[0]!r}.")
    wrong = [task for task in TASKS if labels[task] != TASKS[task]]
    if wrong:
        return not_yet(f"{len(TASKS) - len(wrong)} of {len(TASKS)} right. Look again at {wrong[0]!r}: "
                       "while it runs, is this computer busy calculating, or waiting for an answer?")
    return passed("all six right. IO-bound work (" + WHY["io"] + ") gains from threads or asyncio; "
                  "CPU-bound work (" + WHY["cpu"] + ") needs more cores: processes.")


def check_prediction(predicted, workers: int = 3) -> bool:
    """Exercise 5: when a pool of `workers` threads finishes the batch, predicted before running it."""
    delays = list(STORE_DELAYS.values())
    truth = ideal_pool(delays, workers)
    if isinstance(predicted, bool) or not isinstance(predicted, (int, float)):
        return not_yet("write your prediction as a number of seconds, e.g. 0.9.")
    if math.isclose(predicted, truth, abs_tol=0.02):
        lines = [f"worker {w}: {store} {start:.1f}–{end:.1f} s"
                 for (w, start, end), store in zip(pool_schedule(delays, workers), STORE_DELAYS)]
        print("The schedule, store by store:\n  " + "\n  ".join(lines))
        return passed(f"{truth:.1f} s. Each store goes, in order, to the first free worker; "
                      "the busiest worker decides when the batch is done.")
    wrong = {
        round(sum(delays) / workers, 2): "that assumes the work splits evenly; "
                                         "tasks go in order to whichever "
                                         "worker is free first, so one worker ends up with more.",
        ideal_event_loop(delays): "that is the longest single call: "
                                  "what asyncio.gather reaches, when every call "
                                  "has its own coroutine. Three workers must take turns.",
        ideal_sequential(delays): "that is one after another; three workers overlap their waits.",
        ideal_pool(delays, 4): "that is the four-worker figure from the lesson; "
                               "with three, redo the schedule.",
    }
    for value, message in wrong.items():
        if math.isclose(predicted, value, abs_tol=0.005):
            return not_yet(f"{predicted:g} s: {message}")
    return not_yet(f"{predicted:g} s is not it. Draw three rows and hand out stores 1 to 8 in order, each "
                   "to the row that is free first.")


#: Exercise 6a: what `list(pool.map(fetch, stores))` does when one call raises.
POOL_MAP_CHOICES = {
    "a": "it skips the failing store and returns the others' results",
    "b": "it raises that store's exception while the results are being collected",
    "c": "it returns the exception object in that store's place",
}
FAILING, HANGING, CHECK_STORES = 104, 106, list(range(101, 109))
OVERALL_LIMIT_S, HANG_S = 3.0, 5.0


def check_pool_map_choice(choice) -> bool:
    """Exercise 6a: pool.map re-raises a task's exception when its result is reached."""
    choice = str(choice).strip().lower()
    if choice not in POOL_MAP_CHOICES:
        return not_yet('answer with "a", "b" or "c".')
    if choice == "a":
        return not_yet("nothing is skipped silently: a failure has to surface somewhere. Where does it?")
    if choice == "c":
        return not_yet('that is what asyncio.gather(..., return_exceptions=True) does; '
                       'pool.map has no such option.')
    return passed("the exception comes out of the iteration over pool.map's results, "
                  "so list(...) raises it and "
                  "the other results are lost unless you catch it per call.")


class FlakyStores:
    """Store APIs for the check: one raises, one hangs, the others answer; it counts calls in flight."""

    def __init__(self):
        self.in_flight = self.most_in_flight = 0

    async def fetch(self, store_id):
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if store_id == FAILING:
                await asyncio.sleep(0.02)
                raise ConnectionError(f"store {store_id} is down")
            # HANGING answers far later than any sensible timeout; the others at different times
            await asyncio.sleep(HANG_S if store_id == HANGING else 0.02 * (store_id % 4 + 1))
            return {"store": store_id, "sales": 100 * store_id}
        finally:
            self.in_flight -= 1


async def check_collect_safely(collect_safely, limit: int = 3, timeout: float = 0.5) -> bool:
    """Exercise 6b: per-call timeout, failures returned in place, at most `limit` calls at once."""
    if not inspect.iscoroutinefunction(collect_safely):
        return not_yet("define collect_safely with `async def`.")
    stores = FlakyStores()
    try:
        results = await asyncio.wait_for(collect_safely(stores.fetch, CHECK_STORES, limit, timeout),
                                         OVERALL_LIMIT_S)
    except TimeoutError:
        return not_yet(f"collect_safely was still waiting after {OVERALL_LIMIT_S:g} s, "
                       "because one store never answers: "
                       "give each call its own timeout, asyncio.wait_for(fetch(store_id), timeout).")
    except NotImplementedError:
        return not_yet("collect_safely still raises NotImplementedError: replace that line with your code.")
    except ConnectionError as error:
        return not_yet(f"one failing store sank the whole batch ({describe_error(error)}): "
                       "asyncio.gather(..., return_exceptions=True) puts the exception in its place instead.")
    except Exception as error:
        return not_yet(f"collect_safely raised {describe_error(error)}.")
    if not isinstance(results, list) or len(results) != len(CHECK_STORES):
        return not_yet(f"return a list with one entry per store ({len(CHECK_STORES)}), in store order.")
    failed, hung = results[CHECK_STORES.index(FAILING)], results[CHECK_STORES.index(HANGING)]
    answered = [r for sid, r in zip(CHECK_STORES, results) if sid not in (FAILING, HANGING)]
    if answered != [{"store": sid, "sales": 100 * sid}
                    for sid in CHECK_STORES if sid not in (FAILING, HANGING)]:
        return not_yet("the stores that answered should appear as their results, in store order.")
    if not isinstance(failed, ConnectionError):
        return not_yet(f"store {FAILING} raised ConnectionError; "
                       f"its entry should be that exception, not {failed!r}.")
    if not isinstance(hung, asyncio.TimeoutError):
        return not_yet(f"store {HANGING} never answers in time; its entry should be the TimeoutError from "
                       f"asyncio.wait_for, not {hung!r}.")
    if stores.most_in_flight > limit:
        return not_yet(f"{stores.most_in_flight} calls ran at once; "
                       f"an asyncio.Semaphore(limit) around each call keeps it to {limit}.")
    if stores.most_in_flight < 2:
        return not_yet("the calls ran one at a time; gather them so that up to `limit` wait together.")
    return passed(f"the failure and the timeout came back in their places, and never more than {limit} calls "
                  "were in flight.")
