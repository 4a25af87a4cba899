"""Small named probes of what this Python can do, each answering one question with a measurement.

The same probes run in CPython (a Jupyter kernel) and in the course site's Pyodide kernel;
the build puts both side by side in pyodide-report.json and the page "What runs in your
browser". Every probe returns a Measurement; none raises.
"""

import asyncio
import contextlib
import json
import os
import platform
import sys
import threading
import time
from dataclasses import asdict, dataclass

from .feedback import describe_error
from .runtime import IN_BROWSER

PROBE_FILE = "probe-persistence.txt"


@dataclass
class Measurement:
    """What one probe saw: did it work, what came out (or which exception), how long it took."""

    name: str
    question: str
    works: bool
    detail: str
    seconds: float


def measure(name: str, question: str, action) -> Measurement:
    """Run action(); it returns a detail string if it worked, or raises."""
    started = time.perf_counter()
    try:
        detail, works = action(), True
    except BaseException as error:  # a probe reports every failure, SystemExit included
        detail, works = describe_error(error), False
    return Measurement(name, question, works, str(detail), round(time.perf_counter() - started, 4))


async def measure_async(name: str, question: str, action) -> Measurement:
    """The same for a coroutine function."""
    started = time.perf_counter()
    try:
        detail, works = await action(), True
    except BaseException as error:
        detail, works = describe_error(error), False
    return Measurement(name, question, works, str(detail), round(time.perf_counter() - started, 4))


def start_thread():
    thread = threading.Thread(target=lambda: None)
    thread.start()
    thread.join()
    return "a thread started and joined"


def thread_pool_map():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        return f"map gave {list(pool.map(abs, [-1, -2, -3]))}"


def lock_under_contention():
    lock, total = threading.Lock(), [0]

    def add():
        for _ in range(10_000):
            with lock:
                total[0] += 1

    try:
        workers = [threading.Thread(target=add) for _ in range(4)]
        for worker in workers:
            worker.start()
    except RuntimeError:
        for _ in range(4):  # no threads: the lock still works, without contention
            add()
        return f"lock works without threads: {total[0]:,} of 40,000"
    for worker in workers:
        worker.join()
    if total[0] != 40_000:
        raise AssertionError(f"lost updates: {total[0]:,} of 40,000")
    return f"4 threads, 40,000 locked increments, exact: {total[0]:,}"


async def nap(seconds):
    """Sleep without blocking the event loop, and say how long."""
    await asyncio.sleep(seconds)
    return seconds


def asyncio_run_from_a_cell():
    coroutine = nap(0.01)
    try:
        asyncio.run(coroutine)
    except RuntimeError:
        coroutine.close()
        raise
    return "asyncio.run ran a coroutine to completion"


async def gather_sleeps():
    started = time.perf_counter()
    await asyncio.gather(*(nap(0.1) for _ in range(5)))
    elapsed = time.perf_counter() - started
    return f"took {elapsed:.3f} s for 5 sleeps of 0.1 s ({elapsed / 0.1:.2f}× the longest)"


def sleep_accuracy():
    started = time.perf_counter()
    time.sleep(0.05)
    return f"took {time.perf_counter() - started:.4f} s for time.sleep(0.05)"


def perf_counter_step():
    steps, last = [], time.perf_counter()
    end = last + 0.02
    while last < end:
        now = time.perf_counter()
        if now > last:
            steps.append(now - last)
            last = now
    return f"smallest step {min(steps) * 1e6:.1f} µs"


def _square(n):
    return n * n


def process_pool():
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=2) as pool:
        return f"map gave {list(pool.map(_square, [2, 3]))}"


def run_subprocess():
    import subprocess

    done = subprocess.run([sys.executable, "-c", "print(6 * 7)"], capture_output=True, text=True, timeout=30)
    return f"child printed {done.stdout.strip()}"


def _site_address():
    from urllib.parse import urlsplit

    from .web import site_url

    parts = urlsplit(site_url())
    return parts.hostname, parts.port or 80, parts.path


def raw_socket():
    import socket

    host, port, path = _site_address()
    with socket.create_connection((host, port), timeout=2) as connection:
        connection.sendall(f"HEAD {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
        reply = connection.recv(64)
    return f"the server answered {reply.split(b' ')[1].decode()} over a raw socket"


def urllib_same_origin():
    import urllib.request

    from .web import site_url

    with urllib.request.urlopen(site_url(PROBE_DATA), timeout=5) as reply:
        return f"status {reply.status}"


PROBE_DATA = "data/api/v1/sales/page-1.json"


async def pyfetch_same_origin():
    from pyodide.http import pyfetch

    from .web import site_url

    reply = await pyfetch(site_url(PROBE_DATA))
    return f"status {reply.status}"


def _second_origin() -> str:
    """The probe data under the server's other loopback name: another origin to the browser."""
    from . import web

    elsewhere = web.other_origin(web.site_url(PROBE_DATA))
    if elsewhere is None:
        raise RuntimeError("no second origin to ask: the site is not served from this computer")
    return elsewhere


async def cross_origin_fetch():
    from . import web

    reply = await web.fetch(_second_origin(), timeout=5)
    return f"status {reply.status}"


async def requests_same_origin():
    from . import web

    requests = await web.load_requests()
    reply = requests.get(web.site_url(PROBE_DATA), timeout=5)
    return f"requests {requests.__version__}: status {reply.status_code}"


async def requests_cross_origin():
    """requests asks another origin; a failure also says whether Pyodide reported it as uncaught as well."""
    from . import web

    requests = await web.load_requests()
    with web.caught_stays_caught([]) as shown_as_uncaught:
        try:
            reply = requests.get(_second_origin(), timeout=5)
        except requests.ConnectionError as error:
            shown = "also shown as uncaught" if shown_as_uncaught else "shown only where caught"
            raise ConnectionError(f"{error}; {shown}") from None
    return f"status {reply.status_code}"


async def requests_through_fetch():
    """Which browser function urllib3 sends through: fetch where Python can wait for it (JSPI)."""
    from . import web

    await web.load_requests()
    try:
        from urllib3.contrib.emscripten.fetch import has_jspi
    except ImportError:
        raise RuntimeError("not in a browser: urllib3 opens sockets") from None
    if not has_jspi():
        raise RuntimeError("no JSPI here: urllib3 sends a synchronous XMLHttpRequest")
    return "urllib3 sends through the browser's fetch, waiting for it with JSPI"


def ask_input():
    return f"input() returned {input('probe: type anything and press Enter ')!r}"


def write_file():
    with open(PROBE_FILE, "w") as stream:
        stream.write("written by the probe")
    with open(PROBE_FILE) as stream:
        return f"wrote and read back {len(stream.read())} characters"


def _probe_file_text() -> str:
    """What write_file left in PROBE_FILE; FileNotFoundError where this window cannot see it."""
    with open(PROBE_FILE) as stream:
        return stream.read()


def file_survives_reload():
    return f"after a reload the file still holds {_probe_file_text()!r}; {database_after_reload()}"


def file_in_private_window():
    """Run in a private window (a fresh profile) opened on the site where a normal window wrote the file."""
    return f"the file is there and holds {_probe_file_text()!r}"


def file_survives_restart():
    """Run after the browser that wrote the file was closed and opened again on the same profile."""
    text = _probe_file_text()
    os.remove(PROBE_FILE)  # the last of the persistence probes: leave the learner's folder as it was
    return f"after a browser restart the file still holds {text!r}"


def sqlite():
    import sqlite3

    with sqlite3.connect(":memory:") as db:
        db.execute("create table sales (region text, amount real)")
        db.executemany("insert into sales values (?, ?)", [("North", 10.5), ("North", 2.0), ("South", 4.0)])
        rows = db.execute("select region, sum(amount) from sales group by region order by region").fetchall()
    return f"sqlite {sqlite3.sqlite_version}: {rows}"


LOCATION_FILE = "probe-location.csv"


def shown_path(name: str) -> str:
    """A file the probe wrote, as its result names it: the browser's whole path, CPython's file name."""
    # The report is published: the measuring computer's folders are private, the browser's are the point.
    return os.path.abspath(name) if IN_BROWSER else f"{name} in the notebook's folder"


async def written_file_location():
    """Where a file a cell writes ends up: its path, and in the browser the storage databases behind it."""
    with open(LOCATION_FILE, "w", encoding="utf-8") as stream:
        stream.write("order_id;amount\n1;9,99\n")
    where = shown_path(LOCATION_FILE)
    os.remove(LOCATION_FILE)
    if not IN_BROWSER:
        return f"written to {where} on this computer's disk"
    import js

    names = sorted({database.name for database in await js.indexedDB.databases()})
    return f"written to {where}; the browser's IndexedDB databases: {', '.join(names)}"


async def storage_persisted():
    """Whether the browser has promised to keep this site's storage (navigator.storage.persisted())."""
    import js  # only in the browser: CPython has no browser storage to ask about

    return f"persisted() is {bool(await js.navigator.storage.persisted())}"


def locale_for_germany():
    """What asking for a German locale changes in number formatting."""
    import locale

    previous = locale.setlocale(locale.LC_ALL)
    try:
        chosen = locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")
        conventions = locale.localeconv()
        formatted = locale.format_string("%.2f", 1234.5, grouping=True)
    finally:
        locale.setlocale(locale.LC_ALL, previous)
    return (f"setlocale accepted {chosen!r}; decimal point {conventions['decimal_point']!r}, "
            f"1234.5 formats as {formatted!r}")


BERLIN = "Europe/Berlin"


def _offsets(zone) -> str:
    """A zone's UTC offsets in January and July 2026: they differ where daylight saving applies."""
    from datetime import datetime

    january, july = (datetime(2026, month, 15, 12, tzinfo=zone).strftime("%z") for month in (1, 7))
    return f"{january} in January, {july} in July"


def zoneinfo_as_shipped():
    from zoneinfo import ZoneInfo

    from .timezones import database_of

    return f"{BERLIN} from {database_of(BERLIN)}: {_offsets(ZoneInfo(BERLIN))}"


async def zoneinfo_with_tzdata():
    from zoneinfo import ZoneInfo

    from .timezones import install_tzdata

    installed = await install_tzdata()
    return f"{installed}: {BERLIN} {_offsets(ZoneInfo(BERLIN))}"


def local_time_zone():
    """Python's local offset now, beside the browser's own (JavaScript's Date) where there is one."""
    from datetime import datetime

    now = datetime.now().astimezone()
    python = f"{now.strftime('%z')} ({now.tzname()})"
    if not IN_BROWSER:
        return f"datetime.now().astimezone() is {python}: the computer's zone"
    from js import Date, Intl

    minutes = -Date.new().getTimezoneOffset()
    browser = f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    name = Intl.DateTimeFormat.new().resolvedOptions().timeZone
    if browser != now.strftime("%z"):
        raise AssertionError(f"Python says {python}, the browser says {browser} ({name})")
    return f"datetime.now().astimezone() is {python}, the same as the browser's {browser} ({name})"


def versions():
    found = {"python": platform.python_version(), "implementation": platform.python_implementation()}
    if IN_BROWSER:
        import pyodide

        found["pyodide"] = pyodide.__version__
    return json.dumps(found)


SYNC_PROBES = [
    ("versions", "Which Python and Pyodide versions run here?", versions),
    ("thread_start", "Can a threading.Thread start?", start_thread),
    ("thread_pool_map", "Does ThreadPoolExecutor.map run?", thread_pool_map),
    ("lock_contention", "Does threading.Lock keep a shared total exact?", lock_under_contention),
    ("asyncio_run", "Does asyncio.run work when called from a notebook cell?", asyncio_run_from_a_cell),
    ("sleep_accuracy", "How long does time.sleep(0.05) really take?", sleep_accuracy),
    ("perf_counter_step", "What is the smallest step of time.perf_counter()?", perf_counter_step),
    ("process_pool", "Can a ProcessPoolExecutor start processes?", process_pool),
    ("subprocess", "Can subprocess start another program?", run_subprocess),
    ("raw_socket", "Can a raw socket talk to the site's own server?", raw_socket),
    ("urllib_same_origin", "Can urllib.request fetch from the site's own server?", urllib_same_origin),
    ("write_file", "Can a file be written and read back?", write_file),
    ("sqlite3", "Does sqlite3 work?", sqlite),
    ("locale_de", "Does locale.setlocale(LC_ALL, 'de_DE.UTF-8') change how numbers are formatted?",
     locale_for_germany),
    ("zoneinfo_as_shipped", "Does ZoneInfo('Europe/Berlin') work before anything is installed?",
     zoneinfo_as_shipped),
    ("local_time_zone", "Does datetime.now().astimezone() use the browser's own time zone?", local_time_zone),
]
ASYNC_PROBES = [
    ("gather_sleeps", "Do 5 asyncio sleeps of 0.1 s overlap under asyncio.gather?", gather_sleeps),
    ("pyfetch_same_origin", "Can pyodide.http.pyfetch fetch from the site's own server?",
     pyfetch_same_origin),
    ("cross_origin_fetch", "Can the page read a response from another origin (no CORS headers)?",
     cross_origin_fetch),
    ("requests_same_origin",
     "Can requests (installed from the site's lock) fetch from the site's own server?",
     requests_same_origin),
    ("requests_cross_origin", "Can requests read a response from another origin (no CORS headers)?",
     requests_cross_origin),
    ("file_location", "Where does a file a notebook cell writes live?", written_file_location),
    ("storage_persisted",
     "Has the browser promised to keep this site's files (navigator.storage.persisted())?",
     storage_persisted),
    ("requests_through_fetch", "Does requests (urllib3) send through the browser's fetch?",
     requests_through_fetch),
    ("zoneinfo_with_tzdata",
     "Does ZoneInfo('Europe/Berlin') work once tzdata (from the site's lock) is installed?",
     zoneinfo_with_tzdata),
]
INPUT_PROBE = ("input", "Does input() get an answer from the person at the notebook?", ask_input)
RELOAD_PROBE = ("file_after_reload",
                "Is a written file (text, and a saved SQLite database) still there after a reload?",
                file_survives_reload)
PRIVATE_WINDOW_PROBE = ("file_in_private_window",
                        "Does a private window (a fresh profile) see a file written in a normal window?",
                        file_in_private_window)
RESTART_PROBE = ("file_after_restart",
                 "Is a written file still there after the browser is closed and opened again?",
                 file_survives_restart)


# Measured by the harness's own notebook cell, which must itself await at the top level.
TOP_LEVEL_AWAIT_PROBE = ("top_level_await", "Does top-level await work in a notebook cell?")


def top_level_await(started: float, awaited: float) -> Measurement:
    """The result of a notebook cell that awaited nap() at the top level (it ran, so it works)."""
    return Measurement(*TOP_LEVEL_AWAIT_PROBE, True, f"awaited {awaited} s at the top level",
                       round(time.perf_counter() - started, 4))


def emit(results: list[Measurement], mark: str) -> None:
    """Print the results on one line, after the mark by which a harness finds it (the notebook names it)."""
    print(mark + json.dumps([asdict(result) for result in results]))


async def coroutine_race():
    """Five coroutines each take one unit of stock (read, await, write), without a lock and with one."""
    async def take(stock, lock):
        async with lock:
            left = stock[0]
            await asyncio.sleep(0)  # another coroutine may run between the read and the write
            stock[0] = left - 1

    unlocked, locked = [5], [5]
    await asyncio.gather(*(take(unlocked, contextlib.nullcontext()) for _ in range(5)))
    shared = asyncio.Lock()
    await asyncio.gather(*(take(locked, shared) for _ in range(5)))
    if locked[0] != 0:
        raise AssertionError(f"asyncio.Lock left {locked[0]} of 5 units")
    return f"{unlocked[0]} of 5 takes lost without a lock; none with asyncio.Lock"


ASYNC_PROBES.append(("coroutine_race", "Do coroutines lose updates when an await splits a read from a write?",
                     coroutine_race))


SQLITE_FILE = "probe-orders.sqlite"  # saved by sqlite_serialize_save, read back after the reload
SQLITE_SCRATCH = "probe-scratch.sqlite"


def _orders_in_memory():
    """A new in-memory database holding 1,000 orders."""
    import sqlite3

    memory = sqlite3.connect(":memory:")
    memory.execute("create table orders (order_id integer primary key, amount_cents integer)")
    with memory:
        memory.executemany("insert into orders values (?, ?)", ((n, n * 7 % 5000) for n in range(1000)))
    return memory


def _count_orders(db) -> int:
    return db.execute("select count(*) from orders").fetchone()[0]


def sqlite_file_database():
    """A database file in the notebook's folder: written in a transaction, read back by a new connection."""
    import sqlite3

    _remove_database(SQLITE_SCRATCH)
    try:
        with contextlib.closing(sqlite3.connect(SQLITE_SCRATCH)) as db:
            db.execute("create table orders (order_id integer primary key, amount_cents integer)")
            with db:
                db.executemany("insert into orders values (?, ?)", ((n, n * 7 % 5000) for n in range(1000)))
                during = sorted(name for name in os.listdir() if name.startswith(SQLITE_SCRATCH + "-"))
        with contextlib.closing(sqlite3.connect(SQLITE_SCRATCH)) as again:
            count = _count_orders(again)
        size = os.path.getsize(SQLITE_SCRATCH)
        return (f"{count:,} rows read back by a new connection from a {size:,}-byte file; "
                f"beside it during the transaction: {', '.join(during) or 'nothing'}")
    finally:
        _remove_database(SQLITE_SCRATCH)


def _remove_database(name: str) -> None:
    """Remove a database file and the journal a failed transaction may leave beside it."""
    for leftover in (name, name + "-journal"):
        if os.path.exists(leftover):
            os.remove(leftover)


BULK_ROWS = 100_000


def sqlite_bulk_inserts():
    """How long 100,000 executemany inserts into an in-memory database take, in one transaction."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        db.execute("create table sales (sale_id integer, store_id text, amount_cents integer)")
        started = time.perf_counter()
        with db:
            db.executemany("insert into sales values (?, ?, ?)",
                           ((n, "BER-01", n % 9000) for n in range(BULK_ROWS)))
        elapsed = time.perf_counter() - started
        count = db.execute("select count(*) from sales").fetchone()[0]
    return f"{elapsed:.3f} s for {count:,} inserts into an in-memory database, one transaction"


def sqlite_serialize_save():
    """An in-memory database saved into the notebook's folder as bytes (serialize) and loaded back."""
    import sqlite3

    with contextlib.closing(_orders_in_memory()) as memory:
        data = memory.serialize()
    with open(SQLITE_FILE, "wb") as stream:  # the file stays: the reload probe reads it after a reload
        stream.write(data)
    with open(SQLITE_FILE, "rb") as stream, contextlib.closing(sqlite3.connect(":memory:")) as loaded:
        loaded.deserialize(stream.read())
        return f"saved {len(data):,} bytes; deserialize loaded {_count_orders(loaded):,} rows back"


def sqlite_iterdump_save():
    """An in-memory database saved into the notebook's folder as SQL text (iterdump) and loaded back."""
    import sqlite3

    with contextlib.closing(_orders_in_memory()) as memory:
        script = "\n".join(memory.iterdump())
    name = SQLITE_SCRATCH + ".sql"
    with open(name, "w", encoding="utf-8") as stream:
        stream.write(script)
    try:
        with open(name, encoding="utf-8") as stream, contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.executescript(stream.read())
            return f"saved {len(script):,} characters of SQL; executescript loaded {_count_orders(db):,} rows"
    finally:
        os.remove(name)


def database_after_reload() -> str:
    """What the database sqlite_serialize_save left holds after a reload (no file is no error here)."""
    import sqlite3

    if not os.path.exists(SQLITE_FILE):
        return "the saved database is gone"
    try:
        with open(SQLITE_FILE, "rb") as stream, contextlib.closing(sqlite3.connect(":memory:")) as db:
            db.deserialize(stream.read())
            return f"the saved database still holds {_count_orders(db):,} rows"
    except (sqlite3.Error, AttributeError) as error:
        return f"the saved database no longer loads: {describe_error(error)}"
    finally:
        os.remove(SQLITE_FILE)


SYNC_PROBES += [
    ("sqlite_file", "Does a SQLite database file in the notebook's folder work (journal, read back)?",
     sqlite_file_database),
    ("sqlite_bulk_insert", "How long do 100,000 inserts into an in-memory SQLite database take?",
     sqlite_bulk_inserts),
    ("sqlite_serialize_save",
     "Can an in-memory database be saved into the notebook's folder as bytes (serialize) and loaded back?",
     sqlite_serialize_save),
    ("sqlite_iterdump_save",
     "Can an in-memory database be saved into the notebook's folder as SQL text (iterdump) and loaded back?",
     sqlite_iterdump_save),
]


async def openpyxl_ready():
    """Seconds until openpyxl can be used: in the browser installed from the site's lock, then imported."""
    from .workbooks import load_openpyxl

    started = time.perf_counter()
    openpyxl = await load_openpyxl()
    return f"{time.perf_counter() - started:.2f} s until openpyxl {openpyxl.__version__} was imported"


WORKBOOK_FILE = "probe-report.xlsx"
# The copy of a file that JupyterLab's file browser lists and its Download hands out: the entry under the
# file's path in the 'files' store of the site's IndexedDB database (JupyterLite Storage, a dash, the site's
# path).
STORED_COPY = """(async (path) => {
    const names = (await indexedDB.databases()).map((db) => db.name)
        .filter((name) => name.startsWith('JupyterLite Storage'));
    for (const name of names) {
        const db = await new Promise((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
        });
        try {
            if (!db.objectStoreNames.contains('files')) continue;
            const copy = await new Promise((resolve, reject) => {
                const request = db.transaction('files', 'readonly').objectStore('files').get(path);
                request.onsuccess = () => resolve(request.result);
                request.onerror = () => reject(request.error);
            });
            if (copy) return [name, copy.format, copy.content];
        } finally {
            db.close();
        }
    }
    return null;
})"""


async def workbook_written():
    """How long openpyxl takes to write 1000 rows, where the file lands, and the copy Download would give."""
    from datetime import date, timedelta
    from decimal import Decimal

    from .workbooks import load_openpyxl

    openpyxl = await load_openpyxl()
    started = time.perf_counter()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["date", "store", "amount"])
    for n in range(1000):
        sheet.append([date(2026, 1, 1) + timedelta(days=n % 90), "Berlin", Decimal(n) / 4])
        sheet.cell(sheet.max_row, 3).number_format = "#,##0.00"
    book.save(WORKBOOK_FILE)
    seconds = time.perf_counter() - started
    with open(WORKBOOK_FILE, "rb") as stream:
        written = stream.read()
    where = shown_path(WORKBOOK_FILE)
    try:
        found = f"{seconds:.2f} s to write 1000 rows to {where} ({len(written) // 1024} KB)"
        if not IN_BROWSER:
            return f"{found}; on this computer's disk, where any program opens it"
        import base64

        from pyodide.code import run_js

        stored = await run_js(STORED_COPY)(WORKBOOK_FILE)
        if stored is None:
            raise RuntimeError(f"{found}, but the file browser's storage has no copy")
        database, kind, content = stored.to_py()
        same = (base64.b64decode(content) if kind == "base64" else content.encode()) == written
        verdict = "identical" if same else "different"
        return f"{found}; the copy Download hands out ({kind}, in {database}) is {verdict}"
    finally:
        os.remove(WORKBOOK_FILE)


ASYNC_PROBES.append(("openpyxl_ready", "How long until openpyxl (from the site's lock) is imported?",
                     openpyxl_ready))
ASYNC_PROBES.append(("workbook_written",
                     "How long does openpyxl take to write a 1000-row workbook, and can the file browser "
                     "download it?", workbook_written))
