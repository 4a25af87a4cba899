"""The fixtures each lesson's CPython test module uses, made by one factory: its output, checks and code."""

import importlib

import pytest

from .lesson_namespace import lesson_namespace
from .notebook_outputs import stream_text


def lesson_fixtures(stem: str, checks_module: str):
    """The fixtures `text`, `checks` and `lesson` of the lesson `stem`, whose exercises are checked by
    coursekit.<checks_module>; a test module binds them to those names (pytest finds fixtures by name):
    `text, checks, lesson = lesson_fixtures(LESSON, "sql_checks")`."""

    @pytest.fixture
    def text(executed_lesson) -> str:
        """What the learners' edition of the lesson printed, run in CPython."""
        return stream_text(executed_lesson(stem))

    @pytest.fixture
    def checks(coursekit):
        """The lesson's checks, imported from coursekit as the lesson imports them."""
        return importlib.import_module(f"coursekit.{checks_module}")

    @pytest.fixture
    def lesson(coursekit) -> dict:
        """The lesson's names, its solutions and the helpers they use."""
        return lesson_namespace(stem)

    return text, checks, lesson
