"""The instructor edition's grading page: drop work files, get `build.py grade --rerun`'s table, \
re-run in Pyodide workers in the instructor's browser (the browser is the sandbox)."""

import dataclasses
import html
import json
from pathlib import Path
from string import Template

from .. import TEMPLATES
from . import judge
from .published import grading_course
from .work import SIZE_LIMIT

PAGE = "grading.html"
# The worker lives under extensions/: coursekit.web finds the lesson's files from a Pyodide worker's
# address as the kernel's (served from <site>/extensions/...), and the lessons' cells run unchanged.
WORKER_DIR = "extensions/course-grading"
PACKAGE = Path(__file__).resolve().parents[1]  # coursebuild/
# what the worker imports: the modules that read a work file, plan and run the re-run, and judge it
MODULES = ["__init__.py", "errors.py", "exercises.py", "grading/__init__.py", "grading/judge.py",
           "grading/program.py", "grading/text.py", "grading/work.py", "grading/wire.py",
           "grading/checker.py", "grading/harness.py", "grading/in_browser.py"]
# Pyodide packages each worker loads first, from the site's own lock: what the checker (IPython reads the
# learner's cells for the name scan; the checks' time zones; the reports checks' openpyxl), the learner's
# side and the lessons' cells import (openpyxl as `grade --rerun`'s sandbox has it: always there)
PACKAGES = {"checker": ["ipython", "coursekit", "tzdata", "openpyxl"],
            "learner": ["ipython", "micropip", "coursekit", "tzdata", "openpyxl"]}


def lesson_files(files: Path) -> list[str]:
    """The files the site serves beside its lessons (their data), which a re-run's cells read from their
    folder as `grade --rerun` gives them: neither the notebooks nor coursekit (the worker loads its wheel)."""
    served = (path.relative_to(files) for path in files.rglob("*") if path.is_file())
    return sorted(path.as_posix() for path in served
                  if path.suffix != ".ipynb" and path.parts[0] != "coursekit")


def install(root: Path, content: Path) -> int:
    """Write the page, its script and worker, the course's grading data and the Python the worker
    runs into a built site; the number of files written."""
    course = grading_course(content)
    folder = root / WORKER_DIR
    (folder / "coursebuild" / "grading").mkdir(parents=True, exist_ok=True)
    for module in MODULES:
        (folder / "coursebuild" / module).write_bytes((PACKAGE / module).read_bytes())
    data = {"course": dataclasses.asdict(course), "header": judge.header(course, rerun=True),
            "timeLimit": judge.TIME_LIMIT_S, "sizeLimit": SIZE_LIMIT, "modules": MODULES,
            "packages": PACKAGES, "files": lesson_files(root / "files"),
            "rerunHeads": judge.rerun_heads(course), "kinds": judge.KINDS,
            "verdicts": [judge.PASSED, judge.NOT_YET, judge.REVIEW, judge.UNCHECKED]}
    (folder / "grading.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "worker.js").write_bytes((TEMPLATES / "grading_worker.js").read_bytes())
    page = Template((TEMPLATES / "grading.html").read_text(encoding="utf-8")).substitute(
        title=html.escape(course.title), style=(TEMPLATES / "course.css").read_text(encoding="utf-8"),
        worker=f"{WORKER_DIR}/", script=(TEMPLATES / "grading.js").read_text(encoding="utf-8"))
    (root / PAGE).write_text(page, encoding="utf-8")
    return len(MODULES) + 3
