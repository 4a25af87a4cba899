"""Re-run one learner's lessons against the course's checks in CPython: \
python -m coursebuild.rerun WORK CONTENT OUT.

The grader starts this once per work file, in its own process group and with a time limit; the
learners' code runs here, on the instructor's machine. Their printing goes to this process's
stdout; the outcomes go to OUT as JSON, {notebook: {exercise: passed}}, each exercise's latest.
"""

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .grading import read_work
from .toc import read_course


def main(work_path: str, content: str, out: str) -> None:
    lessons = [lesson.notebook for lesson in read_course(Path(content)).lessons]
    work = read_work(Path(work_path), course_title=None)
    outcomes: dict[str, dict[str, bool]] = {}
    with tempfile.TemporaryDirectory(prefix="course-rerun-") as tmp:
        # a copy of the course's files (coursekit, data): the learners' code runs, and may write, there
        course = Path(shutil.copytree(content, Path(tmp) / "course",
                                      ignore=shutil.ignore_patterns("__pycache__")))
        os.chdir(course)
        sys.path.insert(0, str(course))
        from IPython.core.interactiveshell import InteractiveShell

        from coursekit import progress  # the course's own checks, as the lessons import them

        shell = InteractiveShell.instance()  # runs cells as a notebook does: magics, top-level await
        for notebook in filter(work.code.__contains__, lessons):
            shell.reset(new_session=False)
            done = outcomes.setdefault(notebook, {})
            progress.sink = (lambda outcome, done=done:
                             done.__setitem__(str(outcome["exercise"]), outcome["passed"]))
            for source in work.code[notebook]:
                # an error is the learner's: go on, as grading should
                shell.run_cell(source, store_history=False)
    Path(out).write_text(json.dumps(outcomes), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
