"""Running checks in CPython as the browser would: without threads, and on a thread of their own."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

BROWSER_LIKE: set[int] = set()  # threads that, as in the browser, cannot start another thread


@contextmanager
def browser_like():
    """In this thread, starting a thread raises RuntimeError: can't start new thread, as in Pyodide."""
    BROWSER_LIKE.add(threading.get_ident())
    try:
        yield
    finally:
        BROWSER_LIKE.discard(threading.get_ident())


def refusing_start(real_start):
    """Thread.start, refusing in browser-like threads (the test file server's own threads keep working)."""
    def start(self):
        if threading.get_ident() in BROWSER_LIKE:
            raise RuntimeError("can't start new thread")
        return real_start(self)

    return start


def run_coroutine(coroutine):
    """Run a check coroutine on its own thread: Playwright's sync API may hold this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_in_mode(mode: str, coroutine):
    """run_coroutine, with the worker thread browser-like in the no-threads mode."""
    async def inside():
        if mode == "threads":
            return await coroutine
        with browser_like():
            return await coroutine

    me = threading.get_ident()
    was_browser_like = me in BROWSER_LIKE
    BROWSER_LIKE.discard(me)  # this thread starts the worker; the worker is then browser-like
    try:
        return run_coroutine(inside())
    finally:
        if was_browser_like:
            BROWSER_LIKE.add(me)
