"""CPython fixtures: lessons executed in a real ipykernel, and their solutions as Python objects."""

import asyncio
import importlib
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import jupytext
import nbformat
import pytest

from coursebuild.cpython_kernel import execute_notebook, files_served_to_kernels
from coursebuild.lessons import is_solution
from coursebuild.paths import CONTENT, INSTRUCTOR, LEARNER

LESSON_TIMEOUT_S = 600


@pytest.fixture(scope="session")
def course_files_url(built_site):
    """The lessons' files served over HTTP; lessons (and their kernels) find it in COURSE_FILES_URL."""
    with files_served_to_kernels(LEARNER.content) as url:
        yield url


@pytest.fixture(scope="session")
def executed_lesson(built_site, built_instructor_site, course_files_url):
    """executed_lesson(stem, edition="learner"): the lesson run in CPython (each run once a session)."""
    runs = {}

    def run(stem: str, edition: str = "learner") -> nbformat.NotebookNode:
        if (stem, edition) not in runs:
            staged = {"learner": LEARNER, "instructor": INSTRUCTOR}[edition].content
            runs[stem, edition] = execute_notebook(staged / f"{stem}.ipynb", LESSON_TIMEOUT_S)
        return runs[stem, edition]

    return run


def run_coroutine(coroutine):
    """Run a check coroutine on its own thread: Playwright's sync API may hold this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def stream_text(notebook, name: str = "stdout") -> str:
    """Everything the notebook printed on one stream, in order."""
    return "".join(out.text for cell in notebook.cells if cell.cell_type == "code"
                   for out in cell.outputs if out.output_type == "stream" and out.name == name)


def error_outputs(notebook) -> list[str]:
    """Every stderr text and error of the run."""
    return [out.get("text") or f"{out.ename}: {out.evalue}"
            for cell in notebook.cells if cell.cell_type == "code"
            for out in cell.outputs if out.output_type == "error" or out.get("name") == "stderr"]


def rich_outputs(notebook, mime: str) -> list[str]:
    """Every display or result of one MIME type."""
    return [out.data[mime] for cell in notebook.cells if cell.cell_type == "code"
            for out in cell.outputs if mime in out.get("data", {})]


@pytest.fixture
def coursekit(monkeypatch):
    """The lessons' helper package, imported from content/ as a lesson imports it."""
    monkeypatch.syspath_prepend(str(CONTENT))
    for name in [m for m in sys.modules if m == "coursekit" or m.startswith("coursekit.")]:
        monkeypatch.delitem(sys.modules, name)
    return importlib.import_module("coursekit")  # fresh: earlier tests' copies were removed above


@pytest.fixture
def solutions(coursekit) -> dict:
    """solutions(stem): the names a lesson's solution cells define, run in a fresh namespace."""
    def load(stem: str) -> dict:
        notebook = jupytext.read(CONTENT / f"{stem}.py")
        namespace = {}
        for cell in notebook.cells:
            if is_solution(cell):
                exec(compile(cell.source, f"{stem}.py:solution", "exec"), namespace)
        return namespace

    return load


_BROWSER_LIKE: set[int] = set()  # threads that, as in the browser, cannot start another thread


@contextmanager
def browser_like():
    """In this thread, starting a thread raises RuntimeError: can't start new thread, as in Pyodide."""
    _BROWSER_LIKE.add(threading.get_ident())
    try:
        yield
    finally:
        _BROWSER_LIKE.discard(threading.get_ident())


@pytest.fixture(params=["threads", "no-threads"])
def mode(request, monkeypatch):
    """Each test runs twice: with CPython's threads, and with threads unavailable as in the browser.

    Only the test's own thread (and the thread run_coroutine uses) loses threads: the test
    file server, which runs in threads of its own, keeps working.
    """
    real_start = threading.Thread.start

    def start(self):
        if threading.get_ident() in _BROWSER_LIKE:
            raise RuntimeError("can't start new thread")
        return real_start(self)

    monkeypatch.setattr(threading.Thread, "start", start)
    if request.param == "threads":
        yield request.param
    else:
        with browser_like():
            yield request.param


def wrong_answers(cases: dict, names: str = "wrong, message"):
    """Parametrize a test over named wrong answers, {test id: (the answer..., what the check should say)}."""
    return pytest.mark.parametrize(names, list(cases.values()), ids=list(cases))


def run_in_mode(mode: str, coroutine):
    """run_coroutine, with the worker thread browser-like in the no-threads mode."""
    async def inside():
        if mode == "threads":
            return await coroutine
        with browser_like():
            return await coroutine

    me = threading.get_ident()
    was_browser_like = me in _BROWSER_LIKE
    _BROWSER_LIKE.discard(me)  # this thread starts the worker; the worker is then browser-like
    try:
        return run_coroutine(inside())
    finally:
        if was_browser_like:
            _BROWSER_LIKE.add(me)
