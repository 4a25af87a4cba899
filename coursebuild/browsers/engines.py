"""The three browser engines learners use, behind one small layer: open a page, run script, wait, screenshot.

Chromium and Firefox are driven by Playwright, WebKit (Safari's engine) by Playwright where its own
WebKit is installed (as on GitHub's runners) and otherwise by Selenium and WebKitGTK's WebDriver
under a private Xvfb display. Tests and the runtime report see only `Engine` and `Session`.
"""

import functools
import glob
import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from ..runtimes import ENGINES, LABELS  # noqa: F401 (ENGINES: the tests parametrize over engines.ENGINES)
from .foreign_guard import ForeignGuard

# Debian's Chromium in a root container: no sandbox, and no calls home on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
VIEWPORT = (1280, 900)


def is_foreign(url: str) -> bool:
    """True for a request that would leave this machine (the site must never make one)."""
    parts = urlsplit(url)
    return parts.scheme not in ("data", "blob", "about") and parts.hostname not in LOOPBACK


class BrowserMissing(RuntimeError):
    """No usable build of an engine on this machine; the message says what to install."""


class Session:
    """One window on a fresh browser profile: what tests and the runtime report need of any engine."""

    engine: str

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def evaluate(self, function: str, arg=None):
        """Run a JavaScript function (which may be async) in the page and return its JSON result."""
        raise NotImplementedError

    def wait_for(self, function: str, arg=None, timeout_ms: int = 60_000) -> None:
        """Wait until the JavaScript function (not async: see wait_for_async) returns something truthy."""
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def screenshot(self, path: Path) -> None:
        raise NotImplementedError

    def keep_evidence(self, folder: Path) -> None:
        """Save what explains a failure: a screenshot, the page's text, and a trace where there is one."""
        folder.mkdir(parents=True, exist_ok=True)
        self.screenshot(folder / "screenshot.png")
        text = self.evaluate("() => document.body ? document.body.innerText : ''")
        (folder / "page.txt").write_text(text, encoding="utf-8")

    def close(self) -> None:
        raise NotImplementedError


class PlaywrightSession(Session):
    """A Playwright page (Chromium, Firefox, or Playwright's WebKit)."""

    def __init__(self, page, engine: str, traced: bool = False):
        self.page, self.engine, self.traced = page, engine, traced

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def evaluate(self, function: str, arg=None):
        return self.page.evaluate(function, arg)

    def wait_for(self, function: str, arg=None, timeout_ms: int = 60_000) -> None:
        self.page.wait_for_function(function, arg=arg, timeout=timeout_ms)

    def reload(self) -> None:
        self.page.reload()

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))

    def keep_evidence(self, folder: Path) -> None:
        super().keep_evidence(folder)
        if self.traced:
            self.page.context.tracing.stop(path=str(folder / "trace.zip"))
            self.traced = False

    def close(self) -> None:
        if self.traced:
            self.page.context.tracing.stop()
        self.page.context.close()


def wait_for_async(page, function: str, arg=None, timeout_ms: int = 60_000, polling_ms: int = 250) -> None:
    """Wait until an async JavaScript function resolves to something truthy in a Playwright page.

    Playwright's wait_for_function does not await a promise: a Promise is truthy, so it returned at once
    (with the falsy value the promise resolved to), in Chromium and Firefox alike.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(function, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still waiting after {timeout_ms / 1000:g} s for {function[:200]}")
        page.wait_for_timeout(polling_ms)


# WebDriver runs a script as a function body; this one awaits the given function and reports
# its value or error, so evaluate() behaves as Playwright's does.
ASYNC_CALL = """const done = arguments[arguments.length - 1];
const arg = arguments[0];
Promise.resolve().then(() => (%s)(arg)).then(
    (value) => done({value: value === undefined ? null : value}),
    (error) => done({error: String((error && error.stack) || error)}));"""


class WebDriverSession(Session):
    """A Selenium WebDriver session (WebKitGTK's MiniBrowser)."""

    def __init__(self, driver, engine: str):
        self.driver, self.engine = driver, engine

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def evaluate(self, function: str, arg=None):
        outcome = self.driver.execute_async_script(ASYNC_CALL % function, arg)
        if "error" in outcome:
            raise RuntimeError(f"{LABELS[self.engine]}: script failed: {outcome['error']}")
        return outcome["value"]

    def wait_for(self, function: str, arg=None, timeout_ms: int = 60_000) -> None:
        from selenium.webdriver.support.wait import WebDriverWait

        WebDriverWait(self.driver, timeout_ms / 1000, poll_frequency=0.1).until(
            lambda _: self.evaluate(function, arg),
            message=f"{LABELS[self.engine]}: still waiting after {timeout_ms / 1000:g} s "
                    f"for {function[:200]}")

    def reload(self) -> None:
        self.driver.refresh()

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))

    def close(self) -> None:
        self.driver.quit()


class Engine:
    """A launched engine; each new_session() is a fresh profile whose requests to other hosts fail."""

    def __init__(self, name: str):
        self.name = name
        self.label = LABELS[name]
        self.version = ""
        self.foreign_requests: list[str] = []  # every request for another host, all refused

    def new_session(self, trace: bool = False, time_zone: str | None = None) -> Session:
        """A window on a fresh profile kept in memory (a private window), in the machine's time zone or in
        `time_zone`."""
        raise NotImplementedError

    def profile_session(self, profile: Path, time_zone: str | None = None) -> Session:
        """A browser of its own on the profile kept in the folder `profile`, as a learner's browser keeps one:
        closing the session and opening another on the same folder is a browser restart."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    @property
    def description(self) -> str:
        return f"{self.label} {self.version}"


class PlaywrightEngine(Engine):
    """Chromium, Firefox or WebKit, launched by Playwright."""

    def __init__(self, name: str, playwright):
        super().__init__(name)
        self.browser_type = getattr(playwright, name)
        self.options = launch_options(playwright, name)
        self.browser = self.browser_type.launch(**self.options)
        self.version = self.browser.version

    def new_session(self, trace: bool = False, time_zone: str | None = None) -> Session:
        context = self.browser.new_context(**context_options(time_zone))
        refuse_foreign(context, self.foreign_requests)
        if trace:
            # DOM snapshots explain a failure; a screencast would cost the CPU the kernel needs (keep_evidence
            # takes a screenshot instead)
            context.tracing.start(snapshots=True)
        return PlaywrightSession(context.new_page(), self.name, traced=trace)

    def profile_session(self, profile: Path, time_zone: str | None = None) -> Session:
        context = self.browser_type.launch_persistent_context(profile, **self.options,
                                                              **context_options(time_zone))
        refuse_foreign(context, self.foreign_requests)
        return PlaywrightSession(context.pages[0], self.name)

    def close(self) -> None:
        self.browser.close()


# MiniBrowser has been seen to die at start-up, after which WebKitWebDriver never answers the
# new-session request (Selenium waits on it without a time limit): give up on that one and retry.
SESSION_START_S = 90
SESSION_START_ATTEMPTS = 2


class WebKitGTKEngine(Engine):
    """Debian's WebKitGTK: its MiniBrowser driven through WebKitWebDriver, on a private Xvfb display.

    WebDriver cannot intercept requests, so the browser's proxy is a loopback guard that records
    and refuses every request for another host (loopback bypasses it).
    """

    def __init__(self):
        super().__init__("webkit")
        self.minibrowser = find_minibrowser()
        self.xvfb, self.display = start_xvfb()
        self.guard = ForeignGuard(self.foreign_requests)
        self.version = webkitgtk_version(self.minibrowser)

    def new_session(self, trace: bool = False, time_zone: str | None = None) -> Session:
        return self.session(time_zone, {})

    def profile_session(self, profile: Path, time_zone: str | None = None) -> Session:
        # MiniBrowser keeps a profile in the XDG folders (unless its automation makes the profile ephemeral)
        return self.session(time_zone, {"XDG_DATA_HOME": str(profile / "data"),
                                        "XDG_CACHE_HOME": str(profile / "cache")})

    def session(self, time_zone: str | None, environment: dict[str, str]) -> Session:
        """A MiniBrowser window, its processes started with these environment variables."""
        from selenium import webdriver
        from selenium.webdriver.common.proxy import Proxy, ProxyType
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = self.minibrowser
        options.add_argument("--automation")
        if time_zone:
            options.add_argument(f"--time-zone={time_zone}")
        options.proxy = Proxy({"proxyType": ProxyType.MANUAL, "httpProxy": self.guard.address,
                               "sslProxy": self.guard.address, "noProxy": sorted(LOOPBACK)})
        for _ in range(SESSION_START_ATTEMPTS):
            service = Service(executable_path=shutil.which("WebKitWebDriver"),
                              env={**os.environ, **environment, "DISPLAY": self.display})
            start = functools.partial(webdriver.WebKitGTK, options=options, service=service)
            if driver := start_within(SESSION_START_S, start, service.stop):
                break
        else:
            raise BrowserMissing(f"WebKitWebDriver started no MiniBrowser session in {SESSION_START_S} s, "
                                 f"{SESSION_START_ATTEMPTS} times")
        driver.set_window_size(*VIEWPORT)
        driver.set_script_timeout(600)  # evaluate() may await a whole notebook run
        return WebDriverSession(driver, self.name)

    def close(self) -> None:
        self.guard.close()
        self.xvfb.terminate()
        self.xvfb.wait()


def start_within(seconds: float, start, cancel):
    """start()'s result (or its exception), or None, after cancel() made it return, if it took longer."""
    outcome = []

    def attempt():
        try:
            outcome.append((start(), None))
        except Exception as error:  # re-raised in the caller's thread
            outcome.append((None, error))

    starting = threading.Thread(target=attempt, daemon=True)
    starting.start()
    starting.join(seconds)
    if not outcome:
        cancel()
        starting.join()
        return None
    result, error = outcome[0]
    if error:
        raise error
    return result


def context_options(time_zone: str | None) -> dict:
    """A Playwright window's size, and its time zone where one is asked for (else the machine's)."""
    options = {"viewport": dict(zip(("width", "height"), VIEWPORT))}
    return {**options, "timezone_id": time_zone} if time_zone else options


def refuse_foreign(context, seen: list[str]) -> None:
    """Record and abort every request of a Playwright context (workers included) for another host."""
    context.on("request", lambda request: is_foreign(request.url) and seen.append(request.url))
    context.route(is_foreign, lambda route: route.abort())


def launch_options(playwright, name: str, **options) -> dict:
    """Playwright's own build of the engine where installed (as on GitHub's runners), else Debian's."""
    if name == "chromium":
        options = {**options, "args": [*options.get("args", []), *CHROMIUM_ARGS]}
    if Path(getattr(playwright, name).executable_path).exists():
        return options
    if name == "chromium":
        return {**options, "executable_path": system_binary("chromium", "chromium", "chromium-browser")}
    if name == "firefox":  # Debian's Firefox ESR speaks WebDriver BiDi, which the moz-firefox channel uses
        firefox = system_binary("firefox-esr", "firefox-esr")
        return {**options, "channel": "moz-firefox", "executable_path": firefox}
    raise BrowserMissing(f"Playwright has no {name} build here")


def system_binary(package: str, *names: str) -> str:
    """The path of a Debian package's browser, or a one-line reason to install it."""
    for name in names:
        if found := shutil.which(name):
            return found
    raise BrowserMissing(f"no {package}: run `apt-get install {package}` (or `playwright install`)")


def find_minibrowser() -> str:
    """WebKitGTK's MiniBrowser (package webkit2gtk-driver), which WebKitWebDriver launches."""
    found = sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))
    if not found or not shutil.which("WebKitWebDriver") or not shutil.which("Xvfb"):
        raise BrowserMissing("no WebKitGTK: run `apt-get install webkit2gtk-driver xvfb` "
                             "(or `playwright install webkit`)")
    return found[-1]


# WebKitGTK's version as its library reports it: the library the MiniBrowser links, found by the
# name of the MiniBrowser's folder (webkit2gtk-4.1/MiniBrowser links libwebkit2gtk-4.1.so.0)
LIBRARY_VERSION = """import ctypes, ctypes.util, sys
library = ctypes.CDLL(ctypes.util.find_library(sys.argv[1]))
print(library.webkit_get_major_version(), library.webkit_get_minor_version(),
      library.webkit_get_micro_version(), sep=".")"""


def webkitgtk_version(minibrowser: str) -> str:
    """The version a WebDriver session's capabilities report as browserVersion, without starting a browser.

    The browser reports the version of the WebKitGTK library it runs on; asking that library
    directly takes a fraction of a second, where a session to learn it took seconds. It is asked in
    a child process, so WebKit and GTK are never loaded into this one.
    """
    asked = subprocess.run([sys.executable, "-c", LIBRARY_VERSION, Path(minibrowser).parent.name],
                           capture_output=True, text=True)
    return asked.stdout.strip() if asked.returncode == 0 else ""


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """A private virtual screen; Xvfb picks a free display number and writes it to a pipe."""
    read, write = os.pipe()
    screen = f"{VIEWPORT[0]}x{VIEWPORT[1]}x24"
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp"],
                            pass_fds=[write], stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        raise BrowserMissing(f"Xvfb did not start (exit {xvfb.poll()})")
    return xvfb, f":{number}"


def launch(name: str, playwright) -> Engine:
    """Launch one engine, by the route this machine offers."""
    if name == "webkit" and not Path(playwright.webkit.executable_path).exists():
        return WebKitGTKEngine()
    return PlaywrightEngine(name, playwright)


@contextmanager
def launched(name: str, playwright=None):
    """One engine for the length of a with-block, with its own Playwright unless given the caller's.

    A thread holds one sync Playwright at a time (its event loop stays running on that thread while it
    is open), so a caller that has one, as a test session does, passes it in.
    """
    if playwright is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as own, launched(name, own) as engine:
            yield engine
        return
    engine = launch(name, playwright)
    try:
        yield engine
    finally:
        engine.close()
