"""Hand-in: python build.py grade FILE... tabulates the outcomes learners' browsers recorded; \
--rerun checks them.

A work file is what the landing page's "Download my work" saves (coursebuild/templates/landing.js): JSON
with the learner's stored files, [path, record] pairs whose notebook records hold the notebook
as `content`, and their progress, {"lessons": {notebook: {exercise: {"passed", "when"}}}}.
"""

import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError
from .exercises import exercise_numbers
from .toc import Course, read_course

FORMAT, VERSION = "course-work", 1  # as landing.js writes them
PASSED, NOT_YET, UNCHECKED = "passed", "not yet", "-"
TIME_LIMIT_S = 300  # per work file, for --rerun: every lesson of one learner


@dataclass(frozen=True)
class Work:
    """One learner's work file: the outcomes recorded in their browser and their notebooks' code."""

    path: Path
    recorded: dict  # notebook -> exercise ("1") -> passed (bool)
    code: dict  # notebook -> the sources of its code cells, in order


def read_work(path: Path, course_title: str | None) -> Work:
    """Read a work file, raising BuildError naming the file and what is wrong with it."""
    try:
        work = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BuildError(path, f"cannot read it ({error.strerror})")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BuildError(path, f"is not a work file: not JSON ({error})")
    if not isinstance(work, dict) or work.get("format") != FORMAT:
        raise BuildError(path, "is not a work file (saved with the landing page's Download my work)")
    if course_title is not None and work.get("course") != course_title:
        raise BuildError(path, f"holds work from another course "
                               f"({work.get('course')!r}, not {course_title!r})")
    if work.get("version") != VERSION:
        raise BuildError(path, f"is in format version {work.get('version')!r}; "
                               f"this course reads version {VERSION}")
    try:
        recorded = {notebook: {str(n): bool(outcome["passed"]) for n, outcome in done.items()}
                    for notebook, done in work["progress"].get("lessons", {}).items()}
        code = {name: [cell_source(cell) for cell in record["content"]["cells"]
                       if cell["cell_type"] == "code"]
                for name, record in work["files"] if record.get("type") == "notebook"}
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BuildError(path, f"is damaged: {type(error).__name__} {error}")
    return Work(path, recorded, code)


def cell_source(cell: dict) -> str:
    """A cell's source, stored as one string or as a list of lines."""
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def columns(course: Course) -> list[tuple[str, str, str]]:
    """(heading, notebook, exercise) for every exercise of the course, in order: \
"L1 E2" is lesson 1's second."""
    return [(f"L{i} E{n}", lesson.notebook, str(n))
            for i, lesson in enumerate(course.lessons, 1) for n in exercise_numbers(lesson.source)]


def outcome(done: dict, notebook: str, exercise: str) -> str:
    """One cell of the table: passed, not yet, or "-" where that exercise was never checked."""
    if exercise not in done.get(notebook, {}):
        return UNCHECKED
    return PASSED if done[notebook][exercise] else NOT_YET


def table(rows: list[list[str]]) -> str:
    """Rows as aligned text columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in rows)


def rerun(work: Work, content: Path, time_limit: float) -> dict | str:
    """The outcomes of re-running a learner's lessons in CPython, or a line saying why there are none."""
    with tempfile.TemporaryDirectory(prefix="course-grade-") as tmp:
        out = Path(tmp) / "outcomes.json"
        # its own process group, so the time limit stops whatever the learner's code started too
        process = subprocess.Popen(
            [sys.executable, "-m", "coursebuild.rerun",
             str(work.path.resolve()), str(content.resolve()), str(out)],
            cwd=tmp, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        )
        try:
            _, errors = process.communicate(timeout=time_limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return (f"{work.path.name}: stopped after {time_limit:g} s, the time limit (an endless loop?); "
                    "its exercises were not re-run")
        if process.returncode != 0 or not out.is_file():
            last = (errors.strip().splitlines() or ["no message"])[-1]
            return f"{work.path.name}: the re-run failed (exit {process.returncode}): {last}"
        return json.loads(out.read_text(encoding="utf-8"))


def grade(files: list[Path], content: Path, csv_path: Path, rerun_too: bool, time_limit: float) -> int:
    """Print the table of recorded outcomes, write it as CSV, and with rerun_too compare a re-run."""
    course = read_course(content)
    works = [read_work(path, course.title) for path in files]
    heads = columns(course)
    rows = [["file", *(head for head, _, _ in heads)]]
    rows += [[work.path.name, *(outcome(work.recorded, nb, n) for _, nb, n in heads)] for work in works]
    print(table(rows))
    for i, lesson in enumerate(course.lessons, 1):
        print(f"L{i}: {lesson.title} ({lesson.notebook})")
    with csv_path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    print(f"written: {csv_path}")
    if not rerun_too:
        return 0
    print("re-running each file's exercises in CPython (the learners' code runs on this machine) ...")
    disagreements = 0
    for work in works:
        rerun_outcomes = rerun(work, content, time_limit)
        if isinstance(rerun_outcomes, str):
            print(rerun_outcomes)
            disagreements += 1
            continue
        differ = [(head, outcome(work.recorded, nb, n), outcome(rerun_outcomes, nb, n))
                  for head, nb, n in heads
                  if outcome(work.recorded, nb, n) != outcome(rerun_outcomes, nb, n)]
        for head, recorded, again in differ:
            print(f"{work.path.name}: {head} recorded {recorded}, re-run {again}")
        if not differ:
            print(f"{work.path.name}: the re-run agrees with every recorded outcome")
        disagreements += len(differ)
    return 1 if disagreements else 0


def main(argv: list[str], content: Path) -> int:
    parser = argparse.ArgumentParser(prog="build.py grade", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="learners' work files (.json)")
    parser.add_argument("--csv", type=Path, default=Path("grades.csv"),
                        help="where to write the table (grades.csv)")
    parser.add_argument("--rerun", action="store_true",
                        help="also re-run each learner's exercises against the course's checks in CPython: "
                             "this runs the learners' code on this machine")
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT_S, metavar="SECONDS",
                        help=f"for --rerun, per work file (default {TIME_LIMIT_S})")
    args = parser.parse_args(argv)
    try:
        return grade(args.files, content, args.csv, args.rerun, args.time_limit)
    except BuildError as error:
        print(f"[grade] error: {error}", file=sys.stderr)
        return 1
