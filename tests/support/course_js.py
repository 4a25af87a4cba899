"""Functions of the course extension's JavaScript, run in Node on data from a test."""

import json
import subprocess

from .course import REPO

COURSE_JS = REPO / "coursebuild/assets/labextensions/@programming-for-business/course/static/course.js"


def js_lesson_versions(notebooks: list[list[dict]]) -> list[str]:
    """Run course.js's own lessonVersion (the file exports it to Node) on each list of cells."""
    script = (f"const {{ lessonVersion }} = require({json.dumps(str(COURSE_JS))});\n"
              "let text = '';\nprocess.stdin.on('data', (chunk) => { text += chunk; });\n"
              "process.stdin.on('end', () =>\n"
              "  console.log(JSON.stringify(JSON.parse(text).map(lessonVersion))));")
    # the cells on standard input: six lessons' cells are past the length of one command-line argument
    done = subprocess.run(["node", "-e", script], input=json.dumps(notebooks), capture_output=True, text=True,
                          timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
