"""Functions of the course extension's JavaScript, run in Node on data from a test."""

import json
import re
import subprocess

from .course import REPO

COURSE_JS = REPO / "coursebuild/assets/labextensions/@programming-for-business/course/static/course.js"


def js_lesson_versions(notebooks: list[list[dict]]) -> list[str]:
    """Run course.js's own lessonVersion, cut from the file, in node on each list of cells."""
    source = COURSE_JS.read_text()
    pattern = r"^  function lessonVersion\(cells\) \{\n.*?^  \}\n"
    function = re.search(pattern, source, re.MULTILINE | re.DOTALL)
    assert function, "course.js no longer defines lessonVersion(cells)"
    script = f"{function.group()}\nconsole.log(JSON.stringify({json.dumps(notebooks)}.map(lessonVersion)));"
    # on standard input: six lessons' cells are past the length of one command-line argument
    done = subprocess.run(["node", "-"], input=script, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
