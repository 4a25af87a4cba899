"""Grading's reading of learners' input: which lesson a stored copy is, bounds, and text made safe."""

import json

import pytest

from coursebuild.errors import BuildError
from coursebuild.grading.text import spreadsheet_safe, terminal_safe
from coursebuild.grading.work import DEPTH_LIMIT, FORMAT, VERSION, lesson_of, parse_work

LESSONS = ["concurrency_io_bound.ipynb", "apis_webscraping.ipynb"]


@pytest.mark.parametrize("name, lesson", [
    ("concurrency_io_bound.ipynb", "concurrency_io_bound.ipynb"),
    ("concurrency_io_bound (my work 2026-05-01).ipynb", "concurrency_io_bound.ipynb"),
    ("concurrency_io_bound (my work 2026-05-01 2).ipynb", "concurrency_io_bound.ipynb"),
    ("apis_webscraping (before restore 2026-05-01).ipynb", "apis_webscraping.ipynb"),
    ("apis_webscraping (my work 2026-05-01) (before restore 2026-05-02).ipynb", "apis_webscraping.ipynb"),
    ("folder/apis_webscraping.ipynb", "apis_webscraping.ipynb"),
    ("apis_webscraping copy.ipynb", None),
    ("notes.ipynb", None),
])
def test_a_copy_counts_for_its_lesson_whatever_the_course_named_it(name, lesson):
    assert lesson_of(name, LESSONS) == lesson


@pytest.mark.parametrize("data, problem", [
    (b"\xff", "is not a work file: not UTF-8 text (invalid start byte)"),
    (b"[" * (DEPTH_LIMIT + 1) + b"]" * (DEPTH_LIMIT + 1),
     f"is not a work file: nested more than {DEPTH_LIMIT} deep"),
    (b"[]", "is not a work file (saved with the landing page's Download my work)"),
    (json.dumps({"format": FORMAT, "version": VERSION, "course": "C", "files": {}, "progress": {}}).encode(),
     "is damaged: its files are not a list or its progress not an object"),
])
def test_a_bad_work_file_is_one_error_naming_it(data, problem):
    with pytest.raises(BuildError) as raised:
        parse_work("w.json", data, "C", LESSONS)
    assert str(raised.value) == f"w.json: {problem}"


def test_learners_text_cannot_drive_a_terminal_or_a_spreadsheet():
    assert terminal_safe("a\x1b[2Jb\x9bc\td") == "a?[2Jb?c\td"
    assert [spreadsheet_safe(cell) for cell in ["=1+1", "+A1", "-2", "@SUM(A1)", "work.json"]] == [
        "'=1+1", "'+A1", "'-2", "'@SUM(A1)", "work.json"]
