"""CPython fixtures: lessons executed in a real ipykernel, and their solutions as Python objects."""

import importlib
import sys
import threading

import jupytext
import nbformat
import pytest

from coursebuild.inputs.lessons import is_solution
from coursebuild.measuring.cpython_kernel import execute_notebook, files_served_to_kernels
from coursebuild.paths import CONTENT
from tests.support.threads import browser_like, refusing_start

LESSON_TIMEOUT_S = 600


@pytest.fixture(scope="session")
def course_files_url(staged_content):
    """The lessons' files served over HTTP; lessons (and their kernels) find it in COURSE_FILES_URL."""
    with files_served_to_kernels(staged_content("learner")) as url:
        yield url


@pytest.fixture(scope="session")
def executed_lesson(staged_content, course_files_url):
    """executed_lesson(stem, edition="learner"): the lesson run in CPython (each run once a session)."""
    runs = {}

    def run(stem: str, edition: str = "learner") -> nbformat.NotebookNode:
        if (stem, edition) not in runs:
            notebook = staged_content(edition) / f"{stem}.ipynb"
            runs[stem, edition] = execute_notebook(notebook, LESSON_TIMEOUT_S)
        return runs[stem, edition]

    return run


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


@pytest.fixture(params=["threads", "no-threads"])
def mode(request, monkeypatch):
    """Each test runs twice: with CPython's threads, and with threads unavailable as in the browser.

    Only the test's own thread (and the thread run_coroutine uses) loses threads: the test
    file server, which runs in threads of its own, keeps working.
    """
    monkeypatch.setattr(threading.Thread, "start", refusing_start(threading.Thread.start))
    if request.param == "threads":
        yield request.param
    else:
        with browser_like():
            yield request.param

