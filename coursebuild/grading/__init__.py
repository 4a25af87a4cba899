"""Hand-in: python build.py grade FILE... tabulates the outcomes learners' browsers recorded; \
--rerun verifies them in a sandbox.

A work file is what the landing page's "Download my work" saves (coursebuild/templates/landing.js): JSON
with the learner's stored files, [path, record] pairs whose notebook records hold the notebook
as `content`, and their progress, {"lessons": {notebook: {exercise: {"passed", "when"}}}}.
"""

import argparse
import csv
import sys
from pathlib import Path

from ..errors import BuildError
from ..exercises import exercise_numbers
from ..toc import Course, read_course
from . import program, sandbox
from .text import spreadsheet_safe, terminal_safe
from .work import Work, read_work

PASSED, NOT_YET, UNCHECKED = "passed", "not yet", "-"
REVIEW = "review"  # a verified pass in a file whose own cells reach for the grading machinery
COPIES = "lessons re-run from"  # the column naming each file's copies the re-run used
TIME_LIMIT_S = 300  # per work file, for --rerun: every lesson of one learner


def columns(course: Course) -> list[tuple[str, str, str]]:
    """(heading, notebook, exercise) for every exercise of the course, in order: \
"L1 E2" is lesson 1's second."""
    return [(f"L{i} E{n}", lesson.notebook, str(n))
            for i, lesson in enumerate(course.lessons, 1) for n in exercise_numbers(lesson.source)]


def outcome(done: dict, notebook: str, exercise: str) -> str:
    """One cell of the table: passed, not yet, review, or "-" where that exercise was never checked."""
    if exercise not in done.get(notebook, {}):
        return UNCHECKED
    found = done[notebook][exercise]
    return REVIEW if found == REVIEW else PASSED if found else NOT_YET


def table(rows: list[list[str]]) -> str:
    """Rows as aligned text columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in rows)


def read_all(files: list[Path], course: Course) -> list[Work]:
    """Every readable work file; each unreadable one gets its line on stderr and is left out."""
    works, lessons = [], [lesson.notebook for lesson in course.lessons]
    for path in files:
        try:
            works.append(read_work(path, course.title, lessons))
        except BuildError as error:
            print(f"[grade] error: {terminal_safe(str(error))}", file=sys.stderr)
    return works


def trusted(outcomes: dict, job: list, flagged: bool) -> dict:
    """The verdicts of the checks the job ran, and only those; a file whose own cells reach for the
    grading machinery could have forged any of them, so none of its passes counts without a human."""
    ran = {run["notebook"]: {str(cell["check"]) for cell in run["cells"] if cell["check"] is not None}
           for run in job}
    return {notebook: {n: (REVIEW if flagged and passed else passed) for n, passed in done.items()
                       if n in ran.get(notebook, ())}
            for notebook, done in outcomes.items()}


def verify(works: list[Work], course: Course, content: Path, time_limit: float) -> tuple[dict, dict, int]:
    """Re-run every work file in the sandbox, printing a line per file: {file: verified outcomes}, \
{file: what a human should read}, and how many lines call for attention."""
    label = {lesson.notebook: f"L{i}" for i, lesson in enumerate(course.lessons, 1)}
    lessons = program.published(course)
    verified, flagged, attention = {}, {}, 0
    for work in works:
        name = terminal_safe(work.path.name)
        used = ", ".join(f"{label[nb]} from {terminal_safe(copy.name)!r}" for nb, copy in work.copies.items())
        print(f"{name}: re-running {used or 'nothing (no copy of a lesson)'}")
        flagged[work.path] = "; ".join(f"{label[nb]}: {', '.join(names)}"
                                       for nb, names in program.review(work.copies, lessons).items())
        if flagged[work.path]:
            attention += 1
            print(f"{name}: for a human: its own cells reach for the grading machinery "
                  f"({flagged[work.path]})")
        result = sandbox.run_sandboxed(program.job(work.copies, lessons), content, time_limit)
        if isinstance(result, str):
            attention += 1
            print(f"{name}: {result}")
            continue
        verified[work.path] = trusted(result.outcomes, program.job(work.copies, lessons),
                                      bool(flagged[work.path]))
        for notebook, cell, what in result.limits:
            print(f"{name}: {label.get(notebook, '?')} cell {cell} {sandbox.LIMITS.get(what, what)}")
    return verified, flagged, attention


def grade(files: list[Path], content: Path, csv_path: Path, rerun_too: bool, time_limit: float) -> int:
    """Print the table of recorded (and with rerun_too, verified) outcomes and write it as CSV."""
    course = read_course(content)
    if rerun_too and (missing := sandbox.available()) is not None:
        raise BuildError(content, f"cannot re-run: {missing}")
    works = read_all(files, course)
    unread = len(files) - len(works)
    heads = columns(course)
    verified, flagged, attention = verify(works, course, content, time_limit) if rerun_too else ({}, {}, 0)
    rows = [["file", *(head for head, _, _ in heads)]]
    if rerun_too:
        rows[0] += [*(f"{head} verified" for head, _, _ in heads), COPIES, "for a human"]
    for work in works:
        row = [work.path.name, *(outcome(work.recorded, nb, n) for _, nb, n in heads)]
        if rerun_too:
            done = verified.get(work.path, {})
            row += [*(outcome(done, nb, n) for _, nb, n in heads),
                    " | ".join(copy.name for copy in work.copies.values()), flagged[work.path]]
            for head, nb, n in heads:
                if work.path in verified and outcome(work.recorded, nb, n) != outcome(done, nb, n):
                    attention += 1
                    print(f"{terminal_safe(work.path.name)}: {head} recorded "
                          f"{outcome(work.recorded, nb, n)}, verified {outcome(done, nb, n)}")
        rows.append(row)
    print(table([[terminal_safe(cell) for cell in row] for row in rows]))
    for i, lesson in enumerate(course.lessons, 1):
        print(f"L{i}: {lesson.title} ({lesson.notebook})")
    with csv_path.open("w", newline="", encoding="utf-8") as stream:
        # the file's name and its notebooks' names are the learner's: no formula of theirs runs
        learners = [i for i, head in enumerate(rows[0]) if head in ("file", COPIES)]
        csv.writer(stream).writerows([rows[0], *([spreadsheet_safe(cell) if i in learners else cell
                                                  for i, cell in enumerate(row)] for row in rows[1:])])
    print(f"written: {csv_path}")
    return 1 if unread or attention else 0


def main(argv: list[str], content: Path) -> int:
    parser = argparse.ArgumentParser(prog="build.py grade", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="learners' work files (.json)")
    parser.add_argument("--csv", type=Path, default=Path("grades.csv"),
                        help="where to write the table (grades.csv)")
    parser.add_argument("--rerun", action="store_true",
                        help="also re-run each learner's lessons, with the course's own check cells, in a "
                             "sandbox (bubblewrap: no network, no files but a copy of the course's)")
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT_S, metavar="SECONDS",
                        help=f"for --rerun, per work file (default {TIME_LIMIT_S})")
    args = parser.parse_args(argv)
    try:
        return grade(args.files, content, args.csv, args.rerun, args.time_limit)
    except BuildError as error:
        print(f"[grade] error: {error}", file=sys.stderr)
        return 1
