"""Fixtures every test tier shares: the course built once per session, in a temporary copy of its sources."""

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's coursebuild/ is the one every test imports

from coursebuild import paths  # noqa: E402
from tests.support.builds import course_copy, run_build  # noqa: E402
from tests.support.course import lesson_sources, lesson_stems  # noqa: E402
from tests.support.lesson_cost import LessonCost  # noqa: E402


def pytest_configure(config):
    config.pluginmanager.register(LessonCost(lesson_stems(), Path(__file__).parent), "lesson-cost")


@pytest.fixture(scope="session")
def built_course(tmp_path_factory) -> Path:
    """A copy of the course's sources, built once a session: tests never build into the checkout."""
    repo = course_copy(tmp_path_factory.mktemp("built"))
    run_build(repo=repo)
    return repo


@pytest.fixture(scope="session")
def built_site(built_course) -> Path:
    """The learners' site, built once per session (in built_course)."""
    return built_course / paths.DIST.relative_to(paths.ROOT)


@pytest.fixture(scope="session")
def built_instructor_site(built_course) -> Path:
    """The site with the exercises' solutions, built once per session (in built_course)."""
    run_build("--instructor", repo=built_course)
    return built_course / paths.INSTRUCTOR_DIST.relative_to(paths.ROOT)


@pytest.fixture(scope="session")
def staged_content(built_course, built_instructor_site):
    """staged_content(edition): the folder of lesson notebooks and files that edition's build staged."""
    editions = {edition.name: edition for edition in (paths.LEARNER, paths.INSTRUCTOR)}
    return lambda edition: built_course / editions[edition].content.relative_to(paths.ROOT)


@pytest.fixture(scope="session")
def lesson_notebooks(built_site) -> list[Path]:
    """The notebooks the site serves, one per lesson source."""
    return [built_site / "files" / f"{source.stem}.ipynb" for source in lesson_sources()]
