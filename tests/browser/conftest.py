"""Browser fixtures: the built site served under a sub-path, the three engines, and lesson drivers."""

import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursebuild.engines import launch, launch_options, refuse_foreign
from coursebuild.notebook_page import Notebook, NotebookPage
from coursebuild.serve import base_url, make_server, serve_in_background
from tests.conftest import course_copy, run_build

SUB_PATH = "/course/"  # as a GitHub Pages project site is served
# WebKitGTK's words when its web process dies mid-run (seen once in some forty lesson runs)
BROWSER_CRASH = "page crash"


def served(root: Path, sub_path: str = SUB_PATH):
    """Serve a built site on a free port at /course/ (or sub_path) until the generator is closed."""
    server = make_server(root, 0, sub_path)
    serve_in_background(server)
    yield base_url(server)
    server.shutdown()


@pytest.fixture
def course_repo(built_site, tmp_path) -> Path:
    """A copy of the course's sources, built (sharing the caches built_site filled): the site as deployed."""
    repo = course_copy(tmp_path)
    run_build(repo=repo)
    return repo


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The learners' site, served for the whole session."""
    yield from served(built_site)


@pytest.fixture(scope="session")
def instructor_site_url(built_instructor_site) -> str:
    """The instructor edition (with solutions), served for the whole session."""
    yield from served(built_instructor_site)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, playwright):
    """Playwright's own Chromium where installed (as on GitHub's runners), else Debian's `chromium`."""
    return launch_options(playwright, "chromium", **browser_type_launch_args)


@pytest.fixture
def foreign_requests(context) -> list[str]:
    """Every request the page (or its workers) sends to a host other than this machine; all aborted."""
    seen = []
    refuse_foreign(context, seen)
    return seen


@pytest.fixture
def lesson_page(page, site_url, foreign_requests) -> NotebookPage:
    """A lesson driver on the learners' site in Chromium; requests to other hosts are refused and counted."""
    page.set_default_timeout(60_000)
    return NotebookPage(page, site_url)


@pytest.fixture(scope="session")
def engines(playwright):
    """Each engine by name, launched on first use and closed at the end of the session."""
    launched = {}

    def get(name: str):
        if name not in launched:
            launched[name] = launch(name, playwright)
        return launched[name]

    yield get
    for each in launched.values():
        each.close()


@dataclass(frozen=True)
class LessonRun:
    """What a lesson showed after Run All in one engine and edition."""

    text: str
    errors: list[str]
    foreign_requests: list[str]
    pictures: list[dict]


@pytest.fixture(scope="session")
def run_lesson(engines, request, pytestconfig):
    """Run a lesson top to bottom once per (lesson, edition, engine); later tests reuse what it showed.

    A screenshot of every run is kept in test-results/lessons/; a failed run also keeps a trace
    (Playwright's engines).
    """
    runs = {}
    results = Path(pytestconfig.getoption("output")) / "lessons"

    def attempt(lesson: str, edition: str, engine_name: str) -> LessonRun:
        url = request.getfixturevalue("site_url" if edition == "learner" else "instructor_site_url")
        browser = engines(engine_name)
        before = len(browser.foreign_requests)
        session = browser.new_session(trace=True)
        name = f"{lesson}-{edition}-{engine_name}"
        try:
            notebook = Notebook(session, url)
            notebook.open(f"{lesson}.ipynb")
            notebook.run_all()
            found = LessonRun(notebook.text(), notebook.error_outputs(),
                              browser.foreign_requests[before:], notebook.pictures())
            results.mkdir(parents=True, exist_ok=True)
            session.screenshot(results / f"{name}.png")
            return found
        except Exception:
            session.keep_evidence(results / name)
            raise
        finally:
            session.close()

    def run(lesson: str, edition: str, engine_name: str) -> LessonRun:
        key = (lesson, edition, engine_name)
        if key not in runs:
            try:
                runs[key] = attempt(lesson, edition, engine_name)
            except Exception as error:
                if BROWSER_CRASH not in str(error):
                    raise
                # the browser's own process died (not the lesson failing): say so, and run it once more
                warnings.warn(f"{engine_name} crashed running {lesson} ({edition}); ran it again: {error}",
                              stacklevel=2)
                runs[key] = attempt(lesson, edition, engine_name)
        return runs[key]

    return run


@pytest.fixture
def instructor_lesson_page(page, instructor_site_url, foreign_requests) -> NotebookPage:
    """A lesson driver on the instructor edition in Chromium, with the same refusal of other hosts."""
    page.set_default_timeout(60_000)
    return NotebookPage(page, instructor_site_url)

