"""HTTP for lessons in both runtimes: the browser's fetch() in Pyodide, urllib in CPython.

`fetch` hides the difference and says which one it used; errors become one clear
sentence instead of a traceback.
"""

import asyncio
import contextlib
import functools
import http.server
import json
import os
import sys
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .runtime import IN_BROWSER

VIA = "the browser's fetch()" if IN_BROWSER else "urllib.request"
# fetch() with a time limit, settled in JavaScript: a failure comes back as a value, never as a
# rejected promise (Safari's engine rejects with values Pyodide cannot raise in Python:
# "TypeError: invalid exception object"), and a request that hangs is aborted, not abandoned.
SETTLED_FETCH = """async (url, milliseconds) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), milliseconds);
    try {
        const response = await fetch(url, {signal: controller.signal});
        return {status: response.status, headers: Object.fromEntries(response.headers),
                text: await response.text()};
    } catch (error) {
        const timedOut = controller.signal.aborted;
        return {error: timedOut ? 'timeout' : \
`${(error && error.name) || 'Error'}: ${(error && error.message) || error}`};
    } finally {
        clearTimeout(timer);
    }
}"""
REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           408: "Request Timeout", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
           503: "Service Unavailable", 504: "Gateway Timeout"}
# the course's runtime report, which the build writes at the site's root, beside the lessons' files/
REPORT = "../pyodide-report.json"


class Headers(dict):
    """Response headers looked up by name in any case, as HTTP compares them.

    The browser hands names over in lower case and urllib as the server sent them: a lesson's
    `headers.get("Retry-After")` must find the header either way.
    """

    def __init__(self, headers=()):
        super().__init__((name.lower(), value) for name, value in dict(headers).items())

    def __getitem__(self, name: str):
        return super().__getitem__(name.lower())

    def __contains__(self, name) -> bool:
        return isinstance(name, str) and super().__contains__(name.lower())

    def get(self, name: str, default=None):
        return super().get(name.lower(), default)


@dataclass(frozen=True)
class Response:
    """What a server answered."""

    url: str
    status: int
    text: str
    via: str = VIA
    headers: Headers = field(default_factory=Headers)

    def __post_init__(self):
        object.__setattr__(self, "headers", Headers(self.headers))  # also for a plain dict handed in

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self, **options):
        """The body decoded; options go to json.loads, as in requests: parse_float=Decimal for money."""
        return json.loads(self.text, **options)


class HTTPStatusError(Exception):
    """The server answered, but with an error status."""

    def __init__(self, response: Response):
        self.response = response
        super().__init__(explain_status(response.status, response.url))


class FetchFailed(Exception):
    """No answer at all: the network, the browser's rules or a timeout stopped the request."""

    def __init__(self, message: str, timeout: float | None = None):
        super().__init__(message)
        self.timeout = timeout  # the caller's time limit, when that is what stopped the request


def explain_status(status: int, url: str) -> str:
    """One sentence a person can act on, for an HTTP error status."""
    name = f"{status} {REASONS.get(status, '')}".strip()
    if status == 404:
        return f"{url} answered {name}: there is no such resource; check the address."
    if status == 401:
        return (f"{url} answered {name}: send valid credentials (an API key or token); "
                "retrying as is will not help.")
    if status == 403:
        return f"{url} answered {name}: these credentials may not see this; retrying will not help."
    if status in (429, 503):
        return (f"{url} answered {name}: back off; "
                "wait as long as its Retry-After header says (or longer each time) before retrying.")
    if status in (408, 502, 504):
        return f"{url} answered {name}: a passing failure; retry after a pause, longer each time."
    if status == 400:
        return f"{url} answered {name}: fix the request (parameters or body); retrying as is will not help."
    if 400 <= status < 500:
        return f"{url} answered {name}: the request itself is wrong (address, parameters or credentials)."
    if status >= 500:
        return f"{url} answered {name}: the server failed; retry later, and report it if it persists."
    return f"{url} answered {name}."


def raise_for_status(response: Response) -> Response:
    """The response itself if it succeeded, else HTTPStatusError."""
    if not response.ok:
        raise HTTPStatusError(response)
    return response


async def fetch(url: str, *, timeout: float = 10.0, latency: float = 0.0) -> Response:
    """GET a URL over real HTTP; `latency` adds a simulated network delay before it."""
    if latency:
        await asyncio.sleep(latency)
    try:
        return await _get(url, timeout)
    except TimeoutError:
        raise FetchFailed(f"{url}: no answer within {timeout:g} s (timed out)", timeout) from None
    except FetchFailed:
        raise
    except Exception as error:  # pyodide's JsException, urllib's URLError, OSError: the request never landed
        raise FetchFailed(f"{url}: the request failed before any answer "
                          f"({type(error).__name__}: {error})") from None


async def _get(url: str, timeout: float) -> Response:
    """One GET within `timeout` seconds, or TimeoutError; each runtime enforces the limit once."""
    # in the browser the limit is the JavaScript timer's: a second one here would abandon a request
    # still running
    if IN_BROWSER:
        answer = (await _settled_fetch()(url, timeout * 1000)).to_py()
        if answer.get("error") == "timeout":
            raise TimeoutError
        if "error" in answer:
            raise FetchFailed(f"{url}: the request failed before any answer ({answer['error']})")
        return Response(url, answer["status"], answer["text"], headers=answer["headers"])
    try:  # urllib blocks: keep the event loop free, and stop waiting at the limit even mid-answer
        return await asyncio.wait_for(asyncio.to_thread(_urllib_get, url, timeout), timeout)
    except RuntimeError as error:
        if "can't start new thread" not in str(error):
            raise
        return _urllib_get(url, timeout)  # no threads here: block the loop rather than fail


@functools.cache
def _settled_fetch():
    """SETTLED_FETCH as a JavaScript function, made once per kernel and kept for every fetch."""
    # evaluating the source again on each call would compile a new function every time and leave
    # one more proxy to it behind
    from pyodide.code import run_js

    return run_js(SETTLED_FETCH)


def _urllib_get(url: str, timeout: float) -> Response:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return Response(url, answer.status, answer.read().decode("utf-8"), headers=answer.headers)
    except urllib.error.HTTPError as error:  # an error status is still an answer
        return Response(url, error.code, error.read().decode("utf-8", errors="replace"),
                        headers=error.headers)
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):  # urllib wraps a connection that timed out
            raise TimeoutError from None
        raise


async def load_requests():
    """The requests module; in the browser micropip first installs it from the site's own Pyodide lock."""
    if IN_BROWSER:
        import micropip

        await micropip.install("requests")  # the site's lock lists it, so nothing is fetched from PyPI
    import requests

    return requests


@contextlib.contextmanager
def caught_stays_caught(dropped: list | None = None):
    """Keep a browser failure that Python catches from also reaching the notebook as uncaught.

    Where Python waits for the browser by stack switching (Chromium, Firefox), Pyodide hands such
    a failure to sys.excepthook as well (Pyodide issue 4912): the notebook shows it in red, marks
    the cell failed and stops Run All. Inside this block those reports of JavaScript errors are
    kept out (and appended to `dropped`); every other report goes through. Outside the browser it
    changes nothing.
    """
    notebook_hook = sys.excepthook

    def hook(kind, error, trace):
        if type(error).__name__ == "JsException":  # pyodide.ffi.JsException, which CPython lacks
            if dropped is not None:
                dropped.append(error)
        else:
            notebook_hook(kind, error, trace)

    sys.excepthook = hook
    try:
        yield dropped
    finally:
        sys.excepthook = notebook_hook


def site_url(path: str = "") -> str:
    """The URL of one of the lesson's files, as this runtime reaches it over HTTP.

    In the browser: the course site the lesson was opened from. In CPython: the server
    named by COURSE_FILES_URL, or else a small local server for the lesson's folder.
    """
    if IN_BROWSER:
        import js

        # the kernel runs in a worker served from <site>/extensions/...; lesson files live in <site>/files/
        return js.location.href.split("/extensions/")[0] + "/files/" + path
    return (os.environ.get("COURSE_FILES_URL") or _local_server()).rstrip("/") + "/" + path


@functools.cache
def _local_server() -> str:
    """Serve the current folder on a free loopback port, for the lesson's lifetime."""
    handler = functools.partial(_QuietHandler, directory=str(Path.cwd()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the lesson's own output says what happened
        pass


async def recorded(probe: str) -> dict:
    """{runtime: (works, detail)} for one probe, as the build measured it in each runtime."""
    report = raise_for_status(await fetch(site_url(REPORT))).json()
    row = next(measured for measured in report["probes"] if measured["name"] == probe)
    return {runtime: (row[runtime]["works"], row[runtime]["detail"])
            for runtime in report["runtimes"] if runtime in row}


def other_origin(url: str) -> str | None:
    """The same server under its other loopback name: a different origin to the browser."""
    if "://127.0.0.1" in url:
        return url.replace("://127.0.0.1", "://localhost", 1)
    if "://localhost" in url:
        return url.replace("://localhost", "://127.0.0.1", 1)
    return None
