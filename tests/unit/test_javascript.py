"""The JavaScript's unit tests (tests/js/*.test.js) under Node's own test runner, as part of pytest."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from coursebuild.pages.landing import page_values
from coursebuild.paths import CONTENT
from coursebuild.site.extensions import extension_values

JS_TESTS = Path(__file__).parents[1] / "js"
# what the build hands the scripts, as the tests' scripts get it (process.env.COURSE_VALUES)
VALUES = {"landing": page_values(), "extension": extension_values(CONTENT)}


def test_javascript_unit_tests_pass():
    tests = sorted(str(path) for path in JS_TESTS.glob("*.test.js"))
    assert tests, "no JavaScript tests found in tests/js/"
    done = subprocess.run(["node", "--test", *tests], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COURSE_VALUES": json.dumps(VALUES)})
    if done.returncode != 0:
        pytest.fail(f"node --test failed:\n{done.stdout}\n{done.stderr}")
