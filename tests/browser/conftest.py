"""Browser fixtures: the built site served under a sub-path, the three engines, and lesson drivers."""

import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursebuild.browsers.engines import launch, launch_options, refuse_foreign
from coursebuild.browsers.notebook import Notebook
from tests.support.builds import copy_built
from tests.support.lesson_runs import EDITION_ENGINES, is_planned
from tests.support.notebook_page import NotebookPage
from tests.support.serving import served

# WebKitGTK's words when its web process dies mid-run (seen once in some forty lesson runs)
BROWSER_CRASH = "page crash"
TIER = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Mark every test of this tier `browser` (for `-m "not browser"`): no module has to say so."""
    for item in items:
        if item.path.is_relative_to(TIER):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def course_repo(built_course, tmp_path) -> Path:
    """A copy of the built course, its site as deployed, for a test to change and build again."""
    return copy_built(built_course, tmp_path / "repo")


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

    The runs each lesson may make are those of tests/support/lesson_runs.py; a test asking for another fails.

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
        if not is_planned(edition, engine_name):
            pytest.fail(f"{lesson} ({edition}) in {engine_name} is outside the browser budget "
                        f"{EDITION_ENGINES} (tests/support/lesson_runs.py): each such run adds its "
                        "seconds for every lesson")
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

