"""The JavaScript's unit tests (tests/js/*.test.js) under Node's own test runner, as part of pytest."""

import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).parents[1] / "js"


def test_javascript_unit_tests_pass():
    tests = sorted(str(path) for path in JS_TESTS.glob("*.test.js"))
    assert tests, "no JavaScript tests found in tests/js/"
    done = subprocess.run(["node", "--test", *tests], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.fail(f"node --test failed:\n{done.stdout}\n{done.stderr}")
