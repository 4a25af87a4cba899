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
# row, doing nothing meanwhile. This lesson shows three ways to wait for many things at
# once, measures what each gains, and says which of them work in the browser you are using.
#
# **Time needed:** about 100 minutes: 40 to read and run the demos, 60 for the six exercises.
# **Prerequisites:** Python functions, lists and dicts, and `with` blocks; no earlier lesson.
#
# By the end you can: (1) tell IO-bound from CPU-bound work and pick threads, `asyncio` or
# processes for each; (2) run a batch of API calls one by one, on a thread pool and with
# `asyncio.gather`, and explain the time each takes; (3) fall back safely, saying why, where a
# model is not available; (4) keep failing, hanging or very many calls from sinking a batch;
# (5) prevent race conditions with a lock. Run the cells from top to bottom (**Run ▸ Run All**).

# %%
from coursekit.runtime import describe

print("Running in", describe())

# %% [markdown]
# ## Why this matters
#
# Many business tasks are **IO-bound**: calling a supplier's API, reading a shared drive,
# fetching every store's metrics; the answers are slow, not the computer. Others are
# **CPU-bound**: the processor itself is busy pricing, simulating, compressing. The right
# **concurrency model** turns a two-hour nightly wait into ten minutes; a careless one brings
# **race conditions**: totals silently wrong because two workers updated one number at once.
#
# ### Exercise 1: IO-bound or CPU-bound?
#
# For each task, write `"io"` if it mostly **waits** (for a network, a disk, another
# service) or `"cpu"` if it mostly **computes** on this machine.
#
# <details><summary>Hint 1</summary>
#
# Ask: while this task runs, is this computer's processor busy, or idle waiting for an answer?
# </details>
# <details><summary>Hint 2</summary>
#
# Where is the data when the task starts, and which machine does the work on it?
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
from coursekit.concurrency_checks import check_exercise_1

check_exercise_1(task_kinds)

# %% [markdown]
# ## The batch, and Model 1: one after another
#
# Every demo asks eight stores for yesterday's sales over a simulated network: each store
# answers after a fixed delay (0.05, 0.1 or 0.15 s) with a fixed figure, so every run agrees.
# `fetch_sales` waits with `time.sleep`, which blocks its thread (in the browser too), and
# records each call on a **timeline** (start, end, worker) that we draw. A plain loop starts
# each call when the previous one has finished: the total is the **sum of all delays**. The
# clock, `time.perf_counter()`, steps in under a microsecond in CPython, but in about 0.1 ms in
# Chromium and 1 ms in Firefox and Safari (the cell measures yours): fine for 50 ms waits.

# %%
import time

from coursekit.probes import perf_counter_step  # the same measurement the build makes
from coursekit.timeline import Timeline
from coursekit.workloads import STORE_DELAYS, daily_sales, fetch_sales, ideal_pool, store_metrics, timed

STORES = list(STORE_DELAYS)
DELAYS = list(STORE_DELAYS.values())
WORKERS = 4
print(f"time.perf_counter() here: {perf_counter_step()}")

sequential = Timeline("sequential")
elapsed_sequential, results_sequential = timed(lambda: [fetch_sales(store, sequential) for store in STORES])
print(f"Sequential: {elapsed_sequential:.2f} s (ideal: sum of delays = {sum(DELAYS):.2f} s)")
sequential.figure(ideal=sum(DELAYS))

# %% [markdown]
# ## Model 2: a pool of threads
#
# A `ThreadPoolExecutor` runs calls on a few **operating-system threads**: while one waits
# for its store, the others start theirs. `pool.map` hands the stores out in order to
# whichever worker is free and returns the results **in the input order**. Four workers take
# about a **third** of the sequential time, not a quarter: some sit idle while the **busiest
# worker** finishes its last slow call (the dashed line marks that ideal). The browser's
# Python (Pyodide) cannot start threads (`RuntimeError: can't start new thread`): there the
# cell catches exactly that error, says so, runs the calls one after another instead, and
# draws a real four-thread run of the same batch, recorded in CPython and shipped with the course.

# %%
from concurrent.futures import ThreadPoolExecutor

from coursekit.recorded import load_recording, recorded_figure

threaded = Timeline("thread pool")
started = time.perf_counter()
try:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results_threads = list(pool.map(lambda store: fetch_sales(store, threaded), STORES))
    elapsed_threads, ideal_threads = time.perf_counter() - started, ideal_pool(DELAYS, WORKERS)
    print(f"thread pool ({WORKERS} workers): {elapsed_threads:.2f} s "
          f"(ideal: {ideal_threads:.2f} s, when the busiest worker finishes)")
    pool_run = threaded.figure(ideal=ideal_threads)
except RuntimeError as error:
    print(f"The thread pool could not run here: RuntimeError: {error}.")
    print("Fallback: running the same calls one after another in the main thread.\n")
    elapsed_threads, results_threads = timed(lambda: [fetch_sales(store, threaded) for store in STORES])
    print(f"thread pool fallback (sequential): {elapsed_threads:.2f} s "
          f"(ideal: {sum(DELAYS):.2f} s, the sum of delays, as nothing overlaps)")
    recording = load_recording()
    pool_run = recorded_figure(recording)  # the sequential run's picture is above: draw a real pool's instead
    print(f"Recorded in {recording['measured_in']} with {recording['workers']} threads: "
          f"{pool_run.finished:.2f} s (ideal {pool_run.ideal:.2f} s), drawn below.")
pool_run

# %% [markdown]
# ### Exercise 2: fetch store metrics with a thread pool
#
# 1. `process_store(store_id)`: wait 0.05 s (`time.sleep`, the simulated network), then
#    return `store_metrics(store_id)`, the store's sales and profit (in `Decimal`, as money is).
# 2. `collect_with_threads(store_ids)`: run `process_store` for every store on a
#    `ThreadPoolExecutor(max_workers=4)`, results in the order of `store_ids`; where threads
#    can't start, catch that error, print why, and fall back to a plain loop (checked too).
#
# <details><summary>Hint 1</summary>
#
# Which pool method returns the results in input order, whatever order the calls finish in?
# </details>
# <details><summary>Hint 2</summary>
#
# Which exception did the demo's pool raise in the browser? Catch only that one, around the
# whole pool, so that any other mistake still shows.
# </details>

# %%
def process_store(store_id):
    """Simulate fetching one store's metrics: {'sales': ..., 'profit': ...}."""
    raise NotImplementedError  # your code here


def collect_with_threads(store_ids):
    """Every store's metrics, in store order, fetched by a small thread pool."""
    raise NotImplementedError  # your code here

# %% tags=["solution"]
import time
from concurrent.futures import ThreadPoolExecutor

from coursekit.workloads import store_metrics


def process_store(store_id):
    """Simulate fetching one store's metrics: {'sales': ..., 'profit': ...}."""
    time.sleep(0.05)  # the simulated network wait
    return store_metrics(store_id)


def collect_with_threads(store_ids):
    """Every store's metrics, in store order, fetched by a small thread pool."""
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(process_store, store_ids))
    except RuntimeError as error:
        print(f"Threads unavailable ({error}); fetching one store at a time.")
        return [process_store(store_id) for store_id in store_ids]

# %%
from coursekit.concurrency_checks import check_exercise_2

check_exercise_2(process_store, collect_with_threads)

# %% [markdown]
# ## Model 3: one event loop, many coroutines
#
# `asyncio` needs no threads at all. Each call is a **coroutine** (`async def`) that, at
# `await asyncio.sleep(...)`, hands control back to the **event loop**, which runs another
# coroutine meanwhile. `asyncio.gather` starts them all and collects the results in the
# input order, so the ideal total is the **longest single call**. A notebook's event loop is
# already running, so we `await` at the top level of a cell (in CPython's Jupyter and in the
# browser alike); a script starts one with `asyncio.run(main())`, which the second cell tries.
# That raises `RuntimeError` in a CPython notebook (a loop is already running) and in a
# browser without the WebAssembly stack switching Pyodide needs to run a loop to completion:
# Chrome, Edge and Firefox on a computer have it; Safari does not, nor does any browser on
# an iPhone or iPad, where Chrome and Firefox too are built on Safari's engine (WebKit).

# %%
import asyncio


async def fetch_sales_async(store, timeline):
    """The same call as a coroutine: awaiting the wait lets other coroutines run."""
    with timeline.span(store, lane=store.replace("store", "coroutine")):
        await asyncio.sleep(STORE_DELAYS[store])
        return store, daily_sales(store)


async def fetch_all_async(timeline):
    """Start every call at once and collect the answers in store order."""
    return list(await asyncio.gather(*(fetch_sales_async(store, timeline) for store in STORES)))


evented = Timeline("asyncio")
started = time.perf_counter()
results_async = await fetch_all_async(evented)
elapsed_async = time.perf_counter() - started
print(f"asyncio: {elapsed_async:.2f} s (ideal: longest call = {max(DELAYS):.2f} s), "
      f"{elapsed_sequential / elapsed_async:.1f}× faster than sequential")
assert results_sequential == results_threads == results_async, "the models disagree!"
print("All three models returned the same results in the same order:", results_async[:2], "...")
evented.figure(ideal=max(DELAYS))

# %%
batch = fetch_all_async(Timeline("asyncio"))  # what a script's main() would be
try:
    print(f"asyncio.run worked here, same results: {asyncio.run(batch) == results_async}")
except RuntimeError as error:
    batch.close()  # it never started; closing it says so to Python
    print(f"asyncio.run is not available here: RuntimeError: {error}")
    print("Fallback: in a notebook, `await fetch_all_async(...)` at the top level, as above.")

# %% [markdown]
# > **Common mistakes.** `time.sleep` inside `async def` blocks the thread and with it the
# > event loop: nothing overlaps (wait with `await asyncio.sleep(...)`). A forgotten `await`:
# > `asyncio.sleep(0.05)` alone creates a coroutine and throws it away (Python warns
# > "coroutine ... was never awaited"), so the wait never happens.
#
# ### Exercise 3: the same with `asyncio`
#
# Write `process_store_async(store_id)` and `collect_async(store_ids)`, the coroutine twins
# of exercise 2's functions: wait 0.05 s without blocking the event loop, run all stores'
# calls together, and return their results in the order of `store_ids`. The check watches
# whether the event loop could run other work while your calls waited.
#
# <details><summary>Hint 1</summary>
#
# What must change in `process_store` so the event loop can run other calls while it waits?
# </details>
# <details><summary>Hint 2</summary>
#
# Awaiting each call in a loop waits for one before starting the next. Create every call
# first, then await them all together, once.
# </details>

# %%
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
    await asyncio.sleep(0.05)  # waiting here lets the other stores' calls run
    return store_metrics(store_id)


async def collect_async(store_ids):
    """Every store's metrics, in store order, with asyncio.gather."""
    return list(await asyncio.gather(*(process_store_async(store_id) for store_id in store_ids)))

# %%
from coursekit.concurrency_checks import check_exercise_3

await check_exercise_3(process_store_async, collect_async)

# %% [markdown]
# ## When a call fails or hangs
#
# Real APIs fail. What happens to the other calls depends on how you started them:
#
# - plain `asyncio.gather(...)`: the first exception comes out of `gather` and the results
#   are lost, but the other calls are **not** cancelled: they keep running unseen;
# - `asyncio.TaskGroup` (3.11+, the current way to start tasks together): when one task
#   fails, it **cancels the rest** and raises an `ExceptionGroup`, caught with `except*`;
# - `asyncio.gather(..., return_exceptions=True)`: every call runs to its end, and a
#   failure comes back as the exception object **in its place** among the results.
#
# A call that never answers needs a limit: `async with asyncio.timeout(seconds):` (3.11+)
# raises `TimeoutError` when the block takes longer (`asyncio.wait_for` is the older form).
# To be polite to a server, one `asyncio.Semaphore(n)`, entered with `async with` around
# each call, lets at most `n` calls be in flight.

# %%
async def fragile_call(store):
    """A store API that fails for store-3 and never answers in time for store-5."""
    if store == "store-3":
        raise ConnectionError(f"{store} is down")
    await asyncio.sleep(10 if store == "store-5" else STORE_DELAYS[store])
    return store, daily_sales(store)


async def within(seconds, call):
    """The call's answer, or TimeoutError once it has taken `seconds`."""
    async with asyncio.timeout(seconds):
        return await call


try:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(within(0.25, fragile_call(store))) for store in STORES]
except* ConnectionError as failures:
    print(f"TaskGroup: {failures.exceptions[0]!r} cancelled the "
          f"{sum(task.cancelled() for task in tasks)} other calls.\n")

started = time.perf_counter()
careful = await asyncio.gather(*(within(0.25, fragile_call(store)) for store in STORES), return_exceptions=True)
print(f"gather(..., return_exceptions=True): {len(careful)} answers in {time.perf_counter() - started:.2f} s:")
for store, answer in zip(STORES, careful):
    print(f"  {store}: {answer!r}")

# %% [markdown]
# ### Exercise 4: when one store fails
#
# 1. A thread pool runs `list(pool.map(fetch, stores))` and one call raises. Which is true?
#    **a)** it skips the failing store and returns the others' results; **b)** it raises that
#    store's exception while the results are being collected; **c)** it returns the exception
#    object in that store's place. Set `pool_map_choice` to `"a"`, `"b"` or `"c"`.
# 2. Write `collect_safely(fetch, store_ids, limit, timeout)`: await `fetch(store_id)` for
#    every store, at most `limit` in flight, each given up after `timeout` seconds; return one
#    entry per store, in the order of `store_ids`: its result, or the exception it raised (a
#    `TimeoutError` for a call too slow). The check brings its own stores (one down, one slow,
#    one that never answers), `limit` and `timeout`.
#
# <details><summary>Hint 1</summary>
#
# The demo above already keeps every answer or exception in its place and gives each call
# a time limit. What is missing is the limit on calls in flight.
# </details>
# <details><summary>Hint 2</summary>
#
# A limit that all calls share must exist once, before any call starts; each call waits
# for its turn inside a small `async def` of its own.
# </details>

# %%
pool_map_choice = "?"


async def collect_safely(fetch, store_ids, limit=3, timeout=0.5):
    """Each store's result or exception, in store order; at most `limit` calls at once."""
    raise NotImplementedError  # your code here

# %% tags=["solution"]
pool_map_choice = "b"


async def collect_safely(fetch, store_ids, limit=3, timeout=0.5):
    """Each store's result or exception, in store order; at most `limit` calls at once."""
    gate = asyncio.Semaphore(limit)

    async def one(store_id):
        async with gate, asyncio.timeout(timeout):  # the time limit starts once the call has its turn
            return await fetch(store_id)

    return list(await asyncio.gather(*(one(store_id) for store_id in store_ids), return_exceptions=True))

# %%
from coursekit.concurrency_checks import check_exercise_4

await check_exercise_4(pool_map_choice, collect_safely)

# %% [markdown]
# ## Thousands of calls: a few workers and a queue
#
# A `Semaphore` caps the calls **in flight**, but `gather` still creates every task up front,
# all in memory at once. For thousands of calls, start a few **worker** coroutines and feed
# them through an `asyncio.Queue`, a first-in, first-out line they share: `put_nowait(item)`
# adds an item, `get_nowait()` takes the next (or raises `asyncio.QueueEmpty`), `empty()`
# says whether any is left, and `await queue.get()` waits for one, for ever if none comes.
#
# ### Exercise 5: a month's invoices to the payment provider (a new case)
#
# The provider allows a few requests at a time. Write `send_invoices(send, invoices,
# workers=3)`: start `workers` worker coroutines that take invoices from an `asyncio.Queue`
# and await `send(invoice)` (a coroutine function you are given, returning the receipt);
# return the receipts **in the order of `invoices`**. Send each invoice exactly once (twice
# would charge a customer twice). The check brings its own invoices, `send` and workers.
#
# <details><summary>Hint 1</summary>
#
# Workers finish in their own order. What could travel through the queue with each invoice
# so that its receipt lands in the right place?
# </details>
# <details><summary>Hint 2</summary>
#
# A worker repeats: take, send, keep the receipt. What tells it to stop, so that it never
# waits on an empty queue, and how does `send_invoices` know that every worker has stopped?
# </details>
# <details><summary>Hint 3</summary>
#
# How many tasks does your code create for twelve invoices and three workers? It should be three.
# </details>

# %%
async def send_invoices(send, invoices, workers=3):
    """Each invoice's receipt, in invoice order, sent by `workers` workers fed from an asyncio.Queue."""
    raise NotImplementedError  # your code here

# %% tags=["solution"]
async def send_invoices(send, invoices, workers=3):
    """Each invoice's receipt, in invoice order, sent by `workers` workers fed from an asyncio.Queue."""
    queue = asyncio.Queue()
    for place, invoice in enumerate(invoices):
        queue.put_nowait((place, invoice))
    receipts = [None] * len(invoices)

    async def worker():
        while not queue.empty():  # nothing is added once the workers run, so an empty queue means done
            place, invoice = queue.get_nowait()
            receipts[place] = await send(invoice)

    async with asyncio.TaskGroup() as group:
        for _ in range(workers):
            group.create_task(worker())
    return receipts

# %%
from coursekit.invoice_queue_checks import check_exercise_5

await check_exercise_5(send_invoices)

# %% [markdown]
# ## Race conditions, with threads and with coroutines
#
# Updating a shared total means **reading** it, adding, and **writing** it back. If another
# worker runs in between, one update is lost: a **race condition**. Nothing crashes; the
# total is just wrong. The cure is a **lock** held from the read to the write, so the others
# wait their turn: a `threading.Lock` between threads. Coroutines switch only at an `await`,
# so they race only where an `await` splits the read from the write (asking a warehouse
# before writing the stock back, say), in the browser as well; an `asyncio.Lock` prevents it:

# %%
import contextlib

stock = {}


async def reserve(sku, lock=None):
    """Take one unit: read the stock, ask the warehouse (an await), write the stock back."""
    async with lock or contextlib.nullcontext():  # without a lock, nothing guards the three steps
        left = stock[sku]
        await asyncio.sleep(0)  # the warehouse call: other coroutines run here
        stock[sku] = left - 1


for lock, guarded in [(None, "without a lock"), (asyncio.Lock(), "with an asyncio.Lock")]:
    stock["sku-1"] = 5
    await asyncio.gather(*(reserve("sku-1", lock) for _ in range(5)))
    print(f"5 reservations {guarded}: {stock['sku-1']} left of 5 (should be 0)")

# %% [markdown]
# ### Exercise 6: a thread-safe metric counter
#
# Many workers report orders to one `MetricCounter`; as given, nothing stops another thread
# between `add`'s read and write. Run the check first: in CPython it races 8 threads ×
# 100,000 increments and shows updates lost. Then give the counter a `threading.Lock`, held
# around the read and the write. The browser has no second thread, but a `threading.Lock`
# works there, so the check watches yours: each read and write of `totals` within one hold.
#
# > **Common mistake: a new lock per call.** `with threading.Lock():` inside `add` creates
# > a fresh lock every time, so no two calls ever wait for each other.
#
# <details><summary>Hint 1</summary>
#
# Where should the lock be created so that every call to `add` uses the same one?
# </details>
# <details><summary>Hint 2</summary>
#
# Which lines must run with no other thread slipping in between? All go in one `with` block.
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
from coursekit.concurrency_checks import check_exercise_6

check_exercise_6(MetricCounter)

# %% [markdown]
# ## When processes help: CPU-bound work
#
# When pure Python code **computes**, the standard CPython build runs one thread at a time
# (its global interpreter lock, the GIL), so more threads gain nothing. Two exceptions:
# libraries that compute in C and release the GIL (`zlib`, `hashlib`, Pillow) let threads
# compress, hash or resize on several cores (exercise 1's log and photos); and Python 3.13's
# optional *free-threaded* build has none (most installations, and Pyodide, keep the GIL).
#
# A `ProcessPoolExecutor` starts separate Python processes and sends them the function by
# **pickling** it: only its module and name, which each worker imports again. A function
# defined in a notebook cell lives in `__main__`, which workers started with *spawn* (Windows,
# macOS) or *forkserver* (Linux's default from Python 3.14) cannot import: put it in a module,
# as `simulate_prices` is. Starting workers takes tens to hundreds of milliseconds, so the
# work must be large: four simulations of a million steps. The browser cannot start
# processes (`NotImplementedError`); there the cell times a tenth of one.

# %%
import os
from concurrent.futures import ProcessPoolExecutor

from coursekit.workloads import simulate_prices

SEEDS = [11, 22, 33, 44]
try:
    pool = ProcessPoolExecutor(max_workers=2)
    elapsed_start_up, _ = timed(lambda: list(pool.map(abs, [-1, -2])))  # starts both workers
except NotImplementedError as error:
    print(f"The process pool could not run here: NotImplementedError: {error}")
    elapsed_tenth, _ = timed(simulate_prices, SEEDS[0], 100_000)
    print(f"Fallback: a tenth of one simulation (100,000 steps) took {elapsed_tenth:.2f} s here, so all "
          f"{len(SEEDS)} would take about {len(SEEDS) * 10 * elapsed_tenth:.1f} s, one after another.")
else:
    with pool:
        elapsed_cpu_one, prices = timed(lambda: [simulate_prices(seed) for seed in SEEDS])
        elapsed_cpu_pool, prices_pool = timed(lambda: list(pool.map(simulate_prices, SEEDS)))
    print(f"This computer has {os.cpu_count()} cores.\nStarting 2 worker processes: {elapsed_start_up:.2f} s")
    print(f"One process: {elapsed_cpu_one:.2f} s for {len(SEEDS)} price simulations; process pool (2 workers): "
          f"{elapsed_cpu_pool:.2f} s (speed-up {elapsed_cpu_one / elapsed_cpu_pool:.1f}×), "
          f"same prices: {prices_pool == prices}")

# %% [markdown]
# ## Key points
#
# | Your work mostly… | Use | Why |
# |---|---|---|
# | waits on many network calls or files, with libraries that block | `ThreadPoolExecutor` | simple; the waits overlap |
# | waits on very many calls, with async libraries | `asyncio` | thousands of waits on one thread; a lock (`asyncio.Lock`) only where an `await` splits a read from its write |
# | computes in pure Python | `ProcessPoolExecutor` | several cores at once (the function must come from a module) |
# | computes in a library that releases the GIL (`zlib`, `hashlib`, Pillow) | `ThreadPoolExecutor` | the threads compute on several cores, without processes' start-up cost |
# | runs in the browser | `asyncio` | the only one of the three that works there |
#
# - Overlapping waits cuts IO-bound time to the busiest worker's share (a pool) or to the
#   longest call (`gather`); in a coroutine, `await asyncio.sleep`, never `time.sleep`.
# - `TaskGroup` cancels the rest when one call fails; `return_exceptions=True` keeps each
#   answer in its place; `asyncio.timeout` bounds a call; a `Semaphore` caps the calls in
#   flight, and a few workers fed from a `Queue` also keep the tasks few.
# - A shared total needs one lock, created once, held around the whole read and write.
#
# **[What runs in your browser](what-runs-in-your-browser.ipynb)** lists every difference, measured.
