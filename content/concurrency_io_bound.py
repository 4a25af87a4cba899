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
# 4. recognise a race condition and prevent it with a `threading.Lock`.

# %% [markdown]
# ## The batch: eight store APIs
#
# Every demo below runs the same batch: ask eight stores for yesterday's sales. The
# "network" is simulated with a fixed delay per store (0.1 s, 0.2 s or 0.3 s) and each store
# answers with a fixed figure, so every run gives the same results and the timings are easy
# to predict. Each call is recorded on a **timeline** (when it started and ended, and which
# worker ran it) so that we can draw what really happened.

# %%
import time

from coursekit.timeline import Timeline
from coursekit.workloads import (STORE_DELAYS, daily_sales, ideal_event_loop, ideal_pool,
                                 ideal_sequential)

STORES = list(STORE_DELAYS)
DELAYS = list(STORE_DELAYS.values())
WORKERS = 4


def fetch_sales(store, timeline):
    """Call one store's API (simulated: a blocking wait) and return (store, sales)."""
    with timeline.span(store):
        time.sleep(STORE_DELAYS[store])
        return store, daily_sales(store)


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
# workers the ideal total is the **critical path** of that schedule: the moment the busiest
# worker finishes.
#
# Not every Python can start threads. The browser's Python (Pyodide) cannot: starting a
# thread raises `RuntimeError: can't start new thread`. The cell catches exactly that
# error, says so, and runs the same calls one after another instead, so the lesson keeps
# going.

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

print(f"{thread_model}: {elapsed_threads:.2f} s "
      f"(ideal with {WORKERS} workers: critical path = {ideal_pool(DELAYS, WORKERS):.2f} s)")
threaded.figure(ideal=ideal_pool(DELAYS, WORKERS))

# %% [markdown]
# Four workers finish in about a **third** of the sequential time, not a quarter: the
# stores take different times, so some workers sit idle at the end while the last slow
# call finishes. The dashed line marks that critical path.

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
for model, elapsed, ideal in [
    ("sequential", elapsed_sequential, ideal_sequential(DELAYS)),
    (thread_model, elapsed_threads, ideal_pool(DELAYS, WORKERS)),
    ("asyncio", elapsed_async, ideal_event_loop(DELAYS)),
]:
    print(f"{model:<36}{elapsed:>8.2f}s{ideal:>8.2f}s{elapsed_sequential / elapsed:>15.1f}×")

# %% [markdown]
# ## In a script: `asyncio.run`
#
# Outside a notebook nothing is running an event loop yet, so a script starts one with
# `asyncio.run(main())`. Two places refuse it with a `RuntimeError`: a notebook in CPython
# (a loop is already running there; use top-level `await` as above), and a browser
# without WebAssembly stack switching, which Pyodide needs to run a loop to completion: Chrome,
# Edge and Firefox have it, Safari does not yet. The cell below tries it and says which case
# you are in.

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
# ## When processes help: CPU-bound work
#
# Threads and coroutines help while the program **waits**. When it **computes** (pricing a
# portfolio, parsing a million rows), CPython runs Python code on one core at a time, so
# more threads gain nothing. A `ProcessPoolExecutor` starts separate Python processes that
# compute in parallel on several cores, at the price of starting them and copying data to
# and from them.
#
# The browser cannot start processes: there, creating the pool raises
# `NotImplementedError`. The cell falls back to computing in this process.

# %%
from concurrent.futures import ProcessPoolExecutor

from coursekit.workloads import simulate_prices, timed

SEEDS = [11, 22, 33, 44]

elapsed_cpu_one, prices = timed(lambda: [simulate_prices(seed) for seed in SEEDS])
print(f"One process: {elapsed_cpu_one:.2f} s for {len(SEEDS)} price simulations")
try:
    with ProcessPoolExecutor(max_workers=2) as pool:
        elapsed_cpu_pool, prices_pool = timed(lambda: list(pool.map(simulate_prices, SEEDS)))
    print(f"Process pool (2 workers): {elapsed_cpu_pool:.2f} s, same prices: {prices_pool == prices}")
except NotImplementedError as error:
    print(f"The process pool could not run here: NotImplementedError: {error}")
    print("Fallback: the one-process result above stands.")

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
# | `asyncio.run(...)` in a script | works | works in Chrome, Edge and Firefox; `RuntimeError` in Safari (no WebAssembly stack switching) |
# | `ProcessPoolExecutor` | real processes | `NotImplementedError` |
# | `time.sleep(0.1)` | sleeps 0.1 s | blocks the whole kernel for the full 0.1 s |
# | `time.perf_counter()` | sub-microsecond steps | coarse steps set by the browser: about 0.1 ms in Chrome and Edge, 1 ms in Firefox and Safari |
#
# The cell below measures the last row on your machine. Timings of a few milliseconds are
# therefore only approximate in the browser. The course measures all of this (and more)
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
# writes it back with nothing stopping another thread in between. Run the check first to
# see updates get lost, then give the counter a `threading.Lock` and hold it around the
# read and the write. In CPython the check runs 8 threads × 100,000 increments; in the
# browser, which has no threads, it checks the arithmetic and the lock.

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
# ## Choosing a model
#
# | Your work mostly… | Use | Why |
# |---|---|---|
# | waits on many network calls or files, with libraries that block | `ThreadPoolExecutor` | simple; the waits overlap |
# | waits on very many calls, with async libraries | `asyncio` | thousands of waits on one thread, no locks needed between `await`s |
# | computes (CPU-bound) | `ProcessPoolExecutor` | several cores at once |
# | runs in the browser | `asyncio` | the only one of the three that works there |
#
# The next lesson puts these models to work on real HTTP requests.

