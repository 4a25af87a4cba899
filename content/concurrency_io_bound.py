# ---
# jupyter:
#   kernelspec:
#     display_name: Python (Pyodide)
#     language: python
#     name: python
# ---

# %% [markdown]
# # Concurrency for IO-bound business tasks
#
# A sales report that calls eight store APIs one after another waits for eight answers in a
# row. Most of that time the program does nothing at all: it waits for the network. This
# lesson shows three ways to wait for many things at once, measures what each one really
# gains, and says plainly which of them work in the browser you are using right now.
#
# **Time needed:** about 60 minutes. **Prerequisites:** Python functions, lists and dicts,
# and `with` blocks; no earlier lesson.
#
# Run the cells from top to bottom (**Run ▸ Run All Cells**, or <kbd>Shift</kbd>+<kbd>Enter</kbd>
# cell by cell). The first cell tells you which Python is running the lesson.

# %%
from coursekit.runtime import describe

print("Running in", describe())

# %% [markdown]
# ## Why this matters
#
# Many business tasks are **IO-bound**: calling a supplier's API, reading files from a
# shared drive, fetching yesterday's metrics from every store. The computer is fast; the
# answers are slow. Choosing the right **concurrency model** (threads, `asyncio`, or
# processes) can turn a nightly job that waits for two hours into one that waits for ten
# minutes, and choosing carelessly brings **race conditions**: totals that are silently
# wrong because two workers updated the same number at the same moment.
#
# ## Learning objectives
#
# By the end of this lesson you can:
#
# 1. tell IO-bound work (waiting) from CPU-bound work (computing), and pick threads,
#    `asyncio` or processes for each;
# 2. run the same batch of simulated API calls sequentially, with a `ThreadPoolExecutor`
#    and with `asyncio.gather`, and explain the time each one takes;
# 3. write code that falls back safely where a model is not available, saying why;
# 4. recognise a race condition and prevent it with a `threading.Lock`;
# 5. keep one failing or hanging call from sinking a batch (`return_exceptions`, timeouts,
#    a `Semaphore` limit).

# %% [markdown]
# ## The batch: eight store APIs
#
# Every demo below runs the same batch: ask eight stores for yesterday's sales. The
# "network" is simulated with a fixed delay per store (0.1 s, 0.2 s or 0.3 s) and each store
# answers with a fixed figure, so every run gives the same results and the timings are easy
# to predict. Each call is recorded on a **timeline** (when it started and ended, and which
# worker ran it) so that we can draw what really happened.

#
# `fetch_sales(store, timeline)` is that simulated call; it waits with `time.sleep`, which
# blocks the thread that calls it (in CPython and in the browser alike) for the whole delay.

# %%
import inspect
import time

from coursekit.timeline import Timeline
from coursekit.workloads import (
    STORE_DELAYS,
    daily_sales,
    fetch_sales,
    ideal_event_loop,
    ideal_pool,
    ideal_sequential,
)

STORES = list(STORE_DELAYS)
DELAYS = list(STORE_DELAYS.values())
WORKERS = 4

print(inspect.getsource(fetch_sales))
for store, delay in STORE_DELAYS.items():
    print(f"{store}: answers after {delay:.1f} s")
print(f"\nOne after another this takes {ideal_sequential(DELAYS):.1f} s; "
      f"the longest single call takes {ideal_event_loop(DELAYS):.1f} s.")

# %% [markdown]
# ## Model 1: one after another
#
# The baseline: a plain loop. Each call starts when the previous one has finished, so the
# total is the **sum of all delays**.

# %%
sequential = Timeline("sequential")
started = time.perf_counter()
results_sequential = [fetch_sales(store, sequential) for store in STORES]
elapsed_sequential = time.perf_counter() - started

print(f"Sequential: {elapsed_sequential:.2f} s (ideal: sum of delays = {ideal_sequential(DELAYS):.2f} s)")
sequential.figure(ideal=ideal_sequential(DELAYS))

# %% [markdown]
# ## Model 2: a pool of threads
#
# A `ThreadPoolExecutor` runs calls on a few **operating-system threads**. While one thread
# waits for its store, the others start theirs. `pool.map` hands the stores out in order to
# whichever worker is free and returns the results **in the input order**. With four
# workers the ideal total is the moment the **busiest worker** finishes its last task: the
# tasks are independent, so what decides the total is how the delays pile up on the
# workers, not the longest single task.
#
# Not every Python can start threads. The browser's Python (Pyodide) cannot: starting a
# thread raises `RuntimeError: can't start new thread`. The cell catches exactly that
# error, says so, and runs the same calls one after another instead, so the lesson keeps
# going. Its "ideal" is then the sequential one: a fallback has no workers to share.

# %%
from concurrent.futures import ThreadPoolExecutor

threaded = Timeline("thread pool")
started = time.perf_counter()
try:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results_threads = list(pool.map(lambda store: fetch_sales(store, threaded), STORES))
    thread_model = f"thread pool ({WORKERS} workers)"
except RuntimeError as error:
    print(f"The thread pool could not run here: RuntimeError: {error}.")
    print("Fallback: running the same calls one after another in the main thread.\n")
    threaded = Timeline("thread pool")  # forget any half-started attempt
    started = time.perf_counter()
    results_threads = [fetch_sales(store, threaded) for store in STORES]
    thread_model = "thread pool fallback (sequential)"
elapsed_threads = time.perf_counter() - started
pool_ran = thread_model.startswith("thread pool (")
ideal_threads = ideal_pool(DELAYS, WORKERS) if pool_ran else ideal_sequential(DELAYS)

print(f"{thread_model}: {elapsed_threads:.2f} s (ideal: {ideal_threads:.2f} s, "
      f"{'when the busiest worker finishes' if pool_ran else 'the sum of delays, as nothing overlaps'})")
threaded.figure(ideal=ideal_threads)

# %% [markdown]
# With real threads, four workers finish in about a **third** of the sequential time, not
# a quarter: the stores take different times, so some workers sit idle at the end while
# the busiest one finishes its last slow call. The dashed line marks that moment.
#
# If the cell above fell back (it does in the browser), here is the real thing: the same
# batch on a four-worker pool, **recorded in CPython** when the course was built and
# shipped with it. Compare it with your own run above.

# %%
from coursekit.recorded import load_recording, recorded_figure

recording = load_recording()
recorded = recorded_figure(recording)
print(f"Recorded in {recording['measured_in']} with {recording['workers']} threads: "
      f"{recorded.finished:.2f} s (ideal {recorded.ideal:.2f} s); your run here: {elapsed_threads:.2f} s "
      f"({thread_model}).")
recorded

# %% [markdown]
# ## Model 3: one event loop, many coroutines
#
# `asyncio` needs no threads at all. Each call is a **coroutine** (`async def`) that, at
# `await asyncio.sleep(...)`, hands control back to the **event loop**, which starts or
# resumes another coroutine meanwhile. `asyncio.gather` starts them all and collects the
# results in the input order. All eight waits overlap, so the ideal total is the **longest
# single call**.
#
# In a notebook, the event loop is already running, so we simply `await` at the top level
# of a cell. This works in CPython's Jupyter and in the browser alike.

# %%
import asyncio


async def fetch_sales_async(store, timeline, lane):
    """The same call as a coroutine: awaiting the wait lets other coroutines run."""
    with timeline.span(store, lane=lane):
        await asyncio.sleep(STORE_DELAYS[store])
        return store, daily_sales(store)


async def fetch_all_async(timeline):
    """Start every call at once and collect the answers in store order."""
    return list(await asyncio.gather(
        *(fetch_sales_async(store, timeline, f"coroutine {n}") for n, store in enumerate(STORES, 1))
    ))


evented = Timeline("asyncio")
started = time.perf_counter()
results_async = await fetch_all_async(evented)
elapsed_async = time.perf_counter() - started

print(f"asyncio: {elapsed_async:.2f} s (ideal: longest call = {ideal_event_loop(DELAYS):.2f} s)")
evented.figure(ideal=ideal_event_loop(DELAYS))

# %% [markdown]
# ## Same answers, different waits
#
# All three models return the same eight results **in the same order**; only the waiting
# differs.

# %%
assert results_sequential == results_threads == results_async, "the models disagree!"
print("All three models returned the same results in the same order:")
print(" ", results_sequential[:3], "...")
print()
print(f"{'model':<36}{'elapsed':>9}{'ideal':>9}{'vs sequential':>16}")
rows = [("sequential", elapsed_sequential, ideal_sequential(DELAYS)),
        (thread_model, elapsed_threads, ideal_threads),
        ("asyncio", elapsed_async, ideal_event_loop(DELAYS))]
if not pool_ran:  # show the real pool beside the fallback, labelled as recorded elsewhere
    rows.insert(2, ("thread pool (recorded in CPython)", recorded.finished, recorded.ideal))
for model, elapsed, ideal in rows:
    # the recorded run is compared with CPython's sequential time (the sum of delays), not this runtime's
    baseline = ideal_sequential(DELAYS) if "recorded" in model else elapsed_sequential
    print(f"{model:<36}{elapsed:>8.2f}s{ideal:>8.2f}s{baseline / elapsed:>15.1f}×")

# %% [markdown]
# ## In a script: `asyncio.run`
#
# Outside a notebook nothing is running an event loop yet, so a script starts one with
# `asyncio.run(main())`. Two places refuse it with a `RuntimeError`: a notebook in CPython
# (a loop is already running there; use top-level `await` as above), and a browser
# without WebAssembly stack switching, which Pyodide needs to run a loop to completion
# (Safari, for one: "WebAssembly stack switching not supported in this JavaScript
# runtime"; Chromium and Firefox have it). The cell below tries it and says which case you
# are in.
#
# > **Common mistake: `time.sleep` inside `async def`.** It blocks the thread, and with it
# > the event loop: no other coroutine runs meanwhile, so nothing overlaps. Inside a
# > coroutine, wait with `await asyncio.sleep(...)` (or an async library's call).
# >
# > **Common mistake: a forgotten `await`.** `asyncio.sleep(0.1)` without `await` only
# > creates a coroutine object and throws it away (Python warns "coroutine ... was never
# > awaited"); the wait never happens.

# %%
def run_in_script():
    """What a script does: start an event loop, run the batch, close the loop."""
    batch = fetch_all_async(Timeline("asyncio"))
    started = time.perf_counter()
    try:
        results = asyncio.run(batch)
    except RuntimeError:
        batch.close()  # it never started; closing it says so to Python
        raise
    return time.perf_counter() - started, results


try:
    elapsed_run, results_run = run_in_script()
    print(f"asyncio.run worked here: {elapsed_run:.2f} s, same results: {results_run == results_async}")
except RuntimeError as error:
    print(f"asyncio.run is not available here: RuntimeError: {error}")
    print("Fallback: in a notebook, `await fetch_all_async(...)` at the top level, as above.")

# %% [markdown]
# ## When a call fails, hangs, or there are too many
#
# Real APIs fail. Three tools keep one bad call from spoiling a batch:
#
# - `asyncio.gather(..., return_exceptions=True)` puts a call's exception **in its place**
#   in the results instead of raising it (without it, the first exception propagates out
#   of `gather` and you lose every result; with a thread pool, iterating over `pool.map`'s
#   results raises the exception when it reaches that task's result);
# - `asyncio.wait_for(call, timeout)` gives up on **one** call after `timeout` seconds with a
#   `TimeoutError`, so a store that never answers cannot hold up the batch;
# - an `asyncio.Semaphore(n)` lets at most `n` calls be in flight at once: polite to the
#   server, and kind to your own memory when there are thousands of calls.

# %%
async def fragile_call(store):
    """A store API that fails for store-3 and never answers in time for store-5."""
    if store == "store-3":
        raise ConnectionError(f"{store} is down")
    await asyncio.sleep(10 if store == "store-5" else STORE_DELAYS[store])
    return store, daily_sales(store)


async def careful_batch(stores, limit=3, timeout=0.5):
    """Every store's answer or exception, in store order, at most `limit` calls at once."""
    gate = asyncio.Semaphore(limit)

    async def one(store):
        async with gate:  # waits here while `limit` calls are already in flight
            return await asyncio.wait_for(fragile_call(store), timeout)

    return await asyncio.gather(*(one(store) for store in stores), return_exceptions=True)


started = time.perf_counter()
careful = await careful_batch(STORES)
print(f"{len(careful)} answers in {time.perf_counter() - started:.2f} s:")
for store, answer in zip(STORES, careful):
    print(f"  {store}: {answer!r}")

# %% [markdown]
# ## Visual intuition: thread pool versus event loop
#
# ```mermaid
# flowchart LR
#     accTitle: A thread pool hands queued tasks to a few worker threads; an event loop runs many coroutines on one thread
#     accDescr: Thread pool: tasks queued, then workers 1 to 3. Event loop: one loop, then coroutines 1 to 3, each handing control back whenever it waits.
#     subgraph ThreadPool["Thread pool"]
#         A[Tasks queued] --> B[Worker 1]
#         A --> C[Worker 2]
#         A --> D[Worker 3]
#     end
#     subgraph EventLoop["Event loop"]
#         E[Event loop] --> F[Coroutine 1]
#         E --> G[Coroutine 2]
#         E --> H[Coroutine 3]
#     end
#     style ThreadPool fill:#e3f0fa,stroke:#333,stroke-width:1px
#     style EventLoop fill:#e5f5e0,stroke:#333,stroke-width:1px
# ```
#
# *In words:* a thread pool takes queued tasks and gives each to one of a few workers
# (operating-system threads) that the operating system switches between; an event loop is a
# single thread that runs many coroutines, each one handing control back whenever it waits.

# %% [markdown]
# ## Thread-safety pitfalls
#
# Threads share memory. When two workers update the same total, each one **reads** the
# current value, **adds** its amount and **writes** the result back. If the operating
# system switches threads between the read and the write, one of the two updates is lost:
# a **race condition**. Nothing crashes; the total is just wrong, and differently wrong on
# every run.
#
# The cure is a `threading.Lock`: a worker holds it from the read to the write, and every
# other worker waits for its turn. Coroutines are much less exposed, because an event loop
# only switches at an `await`; a read and a write with no `await` between them cannot be
# interrupted. The stretch exercise below lets you see lost updates happen and then
# prevent them.
#
# > **Common mistake: a new lock per call.** `with threading.Lock():` inside `add` creates
# > a fresh lock every time, so no two calls ever wait for each other. Create the lock once
# > (in `__init__`) and use that one everywhere.
#
# ## When processes help: CPU-bound work
#
# Threads and coroutines help while the program **waits**. When it **computes** (pricing a
# portfolio, parsing a million rows), the standard CPython build runs Python code in one
# thread at a time, because of its global interpreter lock (GIL), so more threads gain
# nothing. (Since Python 3.13 there is also an optional *free-threaded* build without the
# GIL, where threads can compute on several cores; most installations, and Pyodide, are
# the standard build.) A `ProcessPoolExecutor` starts separate Python processes that
# compute in parallel on several cores.
#
# Processes have a price: starting each worker (a fresh Python that imports your code)
# takes tens to hundreds of milliseconds, and every argument and result is copied to and
# from it. So the work must be large: below, four price simulations of three million steps
# each, about half a second apiece in CPython. The cell starts the pool first and times
# that separately, so you see the start-up cost and the speed-up apart.
#
# The browser cannot start processes: there, creating the pool raises
# `NotImplementedError`, and the cell falls back to timing a tenth of one simulation here
# (the browser's Python computes more slowly than CPython, so the full batch would take a
# while).

# %%
import os
from concurrent.futures import ProcessPoolExecutor

from coursekit.workloads import simulate_prices, timed

SEEDS = [11, 22, 33, 44]

try:
    pool = ProcessPoolExecutor(max_workers=2)
    elapsed_start_up, _ = timed(lambda: list(pool.map(abs, [-1, -2])))  # starts both workers
except NotImplementedError as error:
    print(f"The process pool could not run here: NotImplementedError: {error}")
    elapsed_tenth, _ = timed(simulate_prices, SEEDS[0], 300_000)
    print(f"Fallback: a tenth of one simulation (300,000 steps) took {elapsed_tenth:.2f} s here, so all "
          f"{len(SEEDS)} would take about {len(SEEDS) * 10 * elapsed_tenth:.0f} s, "
          "one after another, on one core.")
else:
    with pool:
        elapsed_cpu_one, prices = timed(lambda: [simulate_prices(seed) for seed in SEEDS])
        elapsed_cpu_pool, prices_pool = timed(lambda: list(pool.map(simulate_prices, SEEDS)))
    print(f"This computer has {os.cpu_count()} cores.")
    print(f"Starting 2 worker processes: {elapsed_start_up:.2f} s")
    print(f"One process: {elapsed_cpu_one:.2f} s for {len(SEEDS)} price simulations")
    print(f"Process pool (2 workers): {elapsed_cpu_pool:.2f} s ({elapsed_cpu_one / elapsed_cpu_pool:.1f}× "
          f"faster), same prices: {prices_pool == prices}")

# %% [markdown]
# ## Pyodide caveat: what differs in your browser
#
# This course runs on **Pyodide**, CPython compiled to WebAssembly, inside the page. It is
# real Python, but the browser sets the rules. Measured in the site's own kernel:
#
# | Feature | In CPython | In the browser (Pyodide) |
# |---|---|---|
# | `threading.Thread.start()`, `ThreadPoolExecutor` | real threads | `RuntimeError: can't start new thread` |
# | `threading.Lock` | works | works (there is just no second thread to wait for) |
# | top-level `await` in a notebook | works | works |
# | `asyncio.run(...)` in a script | works | works only where the browser has WebAssembly stack switching; `RuntimeError` elsewhere |
# | `ProcessPoolExecutor` | real processes | `NotImplementedError` |
# | `time.sleep(0.1)` | blocks the calling thread (and any event loop running on it) for 0.1 s | the same: the kernel's only thread, with its event loop, waits the full 0.1 s |
# | `time.perf_counter()` | sub-microsecond steps | coarse steps set by the browser (about 0.1 ms in Chromium, 1 ms in Firefox and Safari) |
#
# The cell below measures the last row on your machine. Timings of a few milliseconds are
# therefore only approximate in the browser; every demo here waits at least 0.1 s, so a
# 1 ms step does not change what it shows. The course measures all of this (and more)
# every time it is built: see **[What runs in your browser](what-runs-in-your-browser.ipynb)**.
#
# **When to test in a real Python process:** anything that depends on threads, processes,
# exact timing or raw network sockets. The fallbacks here keep the lesson runnable; they do
# not make the browser a model of your production server.

# %%
def timer_step(duration=0.02):
    """The smallest non-zero step between two perf_counter readings, over `duration` seconds."""
    steps, last = [], time.perf_counter()
    end = last + duration
    while last < end:
        now = time.perf_counter()
        if now > last:
            steps.append(now - last)
            last = now
    return min(steps)


print(f"time.perf_counter() step here: {timer_step() * 1e6:.1f} µs")

# %% [markdown]
# ## Exercises
#
# Each exercise has starter code to complete and a check cell that tells you what is right
# and what is not yet. Run the check as often as you like.
#
# ### Exercise 1: fetch store metrics with a thread pool
#
# 1. Complete `process_store(store_id)`: simulate fetching one store's metrics by waiting
#    a little (`time.sleep(0.1)`), then return a dict with `sales` and `profit`, derived
#    from `store_id` so that the same store always gives the same numbers.
# 2. Complete `collect_with_threads(store_ids)`: run `process_store` for every store with
#    a `ThreadPoolExecutor(max_workers=4)` and return the results in store order. Where
#    threads can't start, catch the `RuntimeError`, print why, and fall back to a loop.
#
# <details><summary>Hint 1</summary>
#
# A repeatable number can come straight from arithmetic on `store_id`,
# for example a base amount plus a multiple of `store_id % 100`.
#
# </details>
# <details><summary>Hint 2</summary>
#
# `pool.map(function, items)` calls the function on every item and hands
# back the results in the order of the items; `list(...)` collects them.
#
# </details>
# <details><summary>Hint 3</summary>
#
# Put the `with ThreadPoolExecutor(...)` block inside `try:`; in
# `except RuntimeError as error:` print the error and run a plain list comprehension instead.
#
# </details>

# %%
import time
from concurrent.futures import ThreadPoolExecutor


def process_store(store_id):
    """Simulate fetching one store's metrics: {'sales': ..., 'profit': ...}."""
    raise NotImplementedError  # your code here


def collect_with_threads(store_ids):
    """Every store's metrics, in store order, fetched by a small thread pool."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
import time
from concurrent.futures import ThreadPoolExecutor


def process_store(store_id):
    """Simulate fetching one store's metrics: {'sales': ..., 'profit': ...}."""
    time.sleep(0.1)  # the simulated network wait
    sales = 1_000.0 + 37.5 * (store_id % 100)
    return {"sales": sales, "profit": round(sales * 0.15, 2)}


def collect_with_threads(store_ids):
    """Every store's metrics, in store order, fetched by a small thread pool."""
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(process_store, store_ids))
    except RuntimeError as error:
        print(f"Threads unavailable ({error}); fetching one store at a time.")
        return [process_store(store_id) for store_id in store_ids]


# %%
from coursekit.concurrency_checks import check_exercise_1

check_exercise_1(process_store, collect_with_threads)

# %% [markdown]
# ### Exercise 2: the same with `asyncio`
#
# Write `process_store_async(store_id)`, the coroutine twin of `process_store` (wait with
# `await asyncio.sleep(0.1)`, return the same dict), and `collect_async(store_ids)`, which
# gathers all stores at once. The check compares its runtime with one-by-one awaiting and
# with your thread version (remember the Pyodide caveat: in the browser that one ran
# without threads).
#
# <details><summary>Hint 1</summary>
#
# Copy `process_store`, add `async` before `def`, and swap the
# blocking wait for one the event loop can use while it waits.
#
# </details>
# <details><summary>Hint 2</summary>
#
# `await asyncio.gather(*coroutines)` runs them all together
# and returns their results in the order you passed them.
#
# </details>
# <details><summary>Hint 3</summary>
#
# Call `process_store_async(store_id)` for every store *without* awaiting
# each one; hand all those coroutines to `gather` and await that once.
#
# </details>

# %%
import asyncio


async def process_store_async(store_id):
    """The coroutine twin of process_store."""
    raise NotImplementedError  # your code here


async def collect_async(store_ids):
    """Every store's metrics, in store order, with asyncio.gather."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
import asyncio


async def process_store_async(store_id):
    """The coroutine twin of process_store."""
    await asyncio.sleep(0.1)  # waiting here lets the other stores' calls run
    sales = 1_000.0 + 37.5 * (store_id % 100)
    return {"sales": sales, "profit": round(sales * 0.15, 2)}


async def collect_async(store_ids):
    """Every store's metrics, in store order, with asyncio.gather."""
    return list(await asyncio.gather(*(process_store_async(store_id) for store_id in store_ids)))


# %%
from coursekit.concurrency_checks import check_exercise_2

await check_exercise_2(process_store_async, collect_async, process_store, collect_with_threads)

# %% [markdown]
# ### Exercise 3 (stretch): a thread-safe metric counter
#
# Many workers report orders to one `MetricCounter`. As given, `add` reads the total and
# writes it back with nothing stopping another thread in between. In CPython, run the
# check first to see updates get lost (it runs 8 threads × 100,000 increments); then give
# the counter a `threading.Lock` and hold it around the read and the write. In the
# browser, which has no threads to race, the check watches your lock instead: it must be
# held during every read and every write of `totals`, and released when `add` returns.
#
# <details><summary>Hint 1</summary>
#
# Create the lock once per counter, in `__init__`, and keep it on `self`.
#
# </details>
# <details><summary>Hint 2</summary>
#
# The read (`self.totals.get(...)`) and the write
# (`self.totals[...] = ...`) must both happen while the lock is held.
#
# </details>
# <details><summary>Hint 3</summary>
#
# `with self._lock:` acquires the lock and releases it at
# the end of the block, even if something inside raises.
#
# </details>

# %%
import threading


class MetricCounter:
    """Adds up metrics (such as 'orders') reported by many workers."""

    def __init__(self):
        self.totals = {}

    def add(self, metric, amount=1):
        self.totals[metric] = self.totals.get(metric, 0) + amount


# %% tags=["solution"]
import threading


class MetricCounter:
    """Adds up metrics (such as 'orders') reported by many workers."""

    def __init__(self):
        self.totals = {}
        self._lock = threading.Lock()

    def add(self, metric, amount=1):
        with self._lock:  # read and write as one step: no other thread can slip in between
            self.totals[metric] = self.totals.get(metric, 0) + amount


# %%
from coursekit.concurrency_checks import check_exercise_3

check_exercise_3(MetricCounter)

# %% [markdown]
# ### Exercise 4: IO-bound or CPU-bound?
#
# For each task, write `"io"` if it mostly **waits** (for a network, a disk, another
# service) or `"cpu"` if it mostly **computes** on this machine.
#
# <details><summary>Hint 1</summary>
#
# Ask: while this task runs, is this computer's processor busy, or idle waiting for an answer?
#
# </details>
# <details><summary>Hint 2</summary>
#
# Anything that talks to another machine (APIs, network drives, payment providers) mostly waits.
#
# </details>
# <details><summary>Hint 3</summary>
#
# Transforming data you already hold (simulating, resizing, compressing) keeps the processor busy.
#
# </details>

# %%
task_kinds = {
    "download yesterday's sales from 40 store APIs": "?",
    "run a 10-million-step price simulation": "?",
    "read 500 invoices from a shared network drive": "?",
    "resize 2,000 product photos": "?",
    "wait for a payment provider to confirm 300 payments": "?",
    "compress last year's transaction log": "?",
}

# %% tags=["solution"]
task_kinds = {
    "download yesterday's sales from 40 store APIs": "io",
    "run a 10-million-step price simulation": "cpu",
    "read 500 invoices from a shared network drive": "io",
    "resize 2,000 product photos": "cpu",
    "wait for a payment provider to confirm 300 payments": "io",
    "compress last year's transaction log": "cpu",
}

# %%
from coursekit.concurrency_checks import check_exercise_4

check_exercise_4(task_kinds)

# %% [markdown]
# ### Exercise 5: predict, then run
#
# The lesson's pool had four workers. With **three** workers, the same eight stores (in the
# same order, with the same delays printed at the top), after how many seconds is the whole
# batch done? Work it out on paper first, write your prediction, then run the check: it
# shows the schedule.
#
# <details><summary>Hint 1</summary>
#
# Draw three rows, one per worker. Store 1 goes to worker 1, store 2 to worker 2, store 3 to worker 3.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Each next store goes to the worker that becomes free first. Store 3 takes 0.1 s, so worker 3 is free first.
#
# </details>
# <details><summary>Hint 3</summary>
#
# Keep going until all eight stores are placed; the answer is
# when the busiest row ends, not the total divided by three.
#
# </details>

# %%
predicted_seconds = None  # your prediction, in seconds

# %% tags=["solution"]
predicted_seconds = 0.7

# %%
from coursekit.concurrency_checks import check_exercise_5

check_exercise_5(predicted_seconds)

# %% [markdown]
# ### Exercise 6: when one store fails
#
# 1. A thread pool runs `list(pool.map(fetch, stores))` and one call raises. Which is true?
#    **a)** it skips the failing store and returns the others' results; **b)** it raises that
#    store's exception while the results are being collected; **c)** it returns the exception
#    object in that store's place. Set `pool_map_choice` to `"a"`, `"b"` or `"c"`.
# 2. Write `collect_safely(fetch, store_ids, limit, timeout)`: call the coroutine function
#    `fetch(store_id)` for every store, with at most `limit` calls in flight at once and
#    each call given up after `timeout` seconds, and return one entry per store, in store
#    order: its result, or the exception it raised (a `TimeoutError` for a call that took
#    too long). The check's stores include one that is down and one that never answers.
#
# <details><summary>Hint 1</summary>
#
# The section "When a call fails, hangs, or there are too many" above uses all three tools.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Wrap each call in a small `async def` that enters `async with semaphore:`
# and awaits `asyncio.wait_for(fetch(store_id), timeout)`.
#
# </details>
# <details><summary>Hint 3</summary>
#
# Create the `asyncio.Semaphore(limit)` once, outside that small function, so
# all the calls share it; finish with `gather(..., return_exceptions=True)`.
#
# </details>

# %%
import asyncio

pool_map_choice = "?"


async def collect_safely(fetch, store_ids, limit=3, timeout=0.5):
    """Each store's result or exception, in store order; at most `limit` calls at once."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
import asyncio

pool_map_choice = "b"


async def collect_safely(fetch, store_ids, limit=3, timeout=0.5):
    """Each store's result or exception, in store order; at most `limit` calls at once."""
    gate = asyncio.Semaphore(limit)

    async def one(store_id):
        async with gate:
            return await asyncio.wait_for(fetch(store_id), timeout)

    return list(await asyncio.gather(*(one(store_id) for store_id in store_ids), return_exceptions=True))


# %%
from coursekit.concurrency_checks import check_exercise_6

await check_exercise_6(pool_map_choice, collect_safely)

# %% [markdown]
# ## Choosing a model
#
# | Your work mostly… | Use | Why |
# |---|---|---|
# | waits on many network calls or files, with libraries that block | `ThreadPoolExecutor` | simple; the waits overlap |
# | waits on very many calls, with async libraries | `asyncio` | thousands of waits on one thread, no locks needed between `await`s |
# | computes (CPU-bound) | `ProcessPoolExecutor` | several cores at once |
# | runs in the browser | `asyncio` | the only one of the three that works there |
#
# ## Key points
#
# - IO-bound work waits; overlapping the waits (threads or `asyncio`) shortens the total
#   to about the busiest worker's share, or to the longest single call with `gather`.
# - CPU-bound work needs more cores: processes (in the standard, GIL build), worth it only
#   when each task is much larger than the pool's start-up cost.
# - Shared totals need one lock, created once, held around both the read and the write.
# - In a coroutine, wait with `await asyncio.sleep`, never `time.sleep`, and never forget
#   the `await`.
# - `return_exceptions=True`, a timeout per call and a `Semaphore` keep a batch alive and
#   polite when calls fail or hang.
# - The browser runs `asyncio` but no threads or processes; code that needs them must be
#   tested in a real Python process.
#
# The next lesson puts these models to work on real HTTP requests.

