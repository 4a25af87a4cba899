"""Copies of the built course in temporary folders, for the tests that feed the build bad input or faults."""

import logging
from pathlib import Path

import pytest

from coursebuild.logs import log
from coursebuild.paths import LEARNER
from coursebuild.site import pipeline
from tests.support.fixture_course import add_build_code, fixture_project, stage_fixture_course


@pytest.fixture
def staged_fixture_course(tmp_path):
    """staged_fixture_course(with_solutions): tests/data/course staged in-process; (course, notebooks)."""
    return lambda with_solutions: stage_fixture_course(tmp_path / f"staged-{with_solutions}", with_solutions)


@pytest.fixture
def small_project(tmp_path) -> Path:
    """The fixture course in a course folder of its own, for in-process builds of bad input."""
    return fixture_project(tmp_path / "project")


@pytest.fixture(autouse=True)
def progress_lines_captured(caplog):
    """caplog holds an in-process build's progress lines (INFO), which the root logger would drop."""
    caplog.set_level(logging.INFO, logger=log.name)


@pytest.fixture
def build_lines(caplog):
    """build_lines(root): build the learners' edition in root in-process; the lines it logged, one a line."""

    def build(root: Path) -> str:
        caplog.clear()
        pipeline.build(LEARNER, root=root)
        return "\n".join(record.getMessage() for record in caplog.records if record.name == log.name)
    return build


@pytest.fixture
def built_small_project(small_project, build_lines) -> Path:
    """The fixture course built once in-process (its dist/ and build/ as a checkout's after a build)."""
    build_lines(small_project)
    return small_project


@pytest.fixture
def built_checkout(built_small_project) -> Path:
    """The built fixture course with build.py and coursebuild/ beside it, for a test that runs build.py."""
    add_build_code(built_small_project)
    return built_small_project
