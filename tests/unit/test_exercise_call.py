"""An exercise call, as the build counts a lesson's exercises (course.js gets the same pattern: tests/js/)."""

import json
from pathlib import Path

import pytest

from coursebuild.exercises import exercise_numbers

CASES = json.loads((Path(__file__).parents[1] / "data" / "exercise_calls.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[case["source"] for case in CASES])
def test_the_call_pattern_finds_exactly_the_exercises_checked_in_code(case, tmp_path):
    source = tmp_path / "lesson.py"
    source.write_text(case["source"] + "\n", encoding="utf-8")
    assert exercise_numbers(source) == case["exercises"]
