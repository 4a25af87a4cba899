"""The lesson tests' old import path for the feedback marks; they live in tests/support/lesson_text.py."""

from tests.support.lesson_text import NOT_YET, PASS, seconds_after  # noqa: F401
