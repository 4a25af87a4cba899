"""Copies of the built course in temporary folders, for the tests that feed the build bad input or faults."""

from pathlib import Path

import pytest

from tests.support.builds import copy_built
from tests.support.fixture_course import fixture_project, stage_fixture_course


@pytest.fixture
def project_copy(tmp_path, built_course) -> Path:
    """A copy of the project whose download cache is a copy too, with dist/ already built.

    Copied from the session's built course rather than built again: the copy holds the same sources,
    staging and site, so a build in it behaves as a second build in a checkout.
    """
    return copy_built(built_course, tmp_path / "project")


@pytest.fixture
def staged_fixture_course(tmp_path):
    """staged_fixture_course(with_solutions): tests/data/course staged in-process; (course, notebooks)."""
    return lambda with_solutions: stage_fixture_course(tmp_path / f"staged-{with_solutions}", with_solutions)


@pytest.fixture
def small_project(tmp_path) -> Path:
    """The fixture course in a course folder of its own, for in-process builds of bad input."""
    return fixture_project(tmp_path / "project")
