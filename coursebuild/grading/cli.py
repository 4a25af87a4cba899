"""`build.py grade`: the table of every work file's outcomes, printed and written as CSV."""

import argparse
import csv
import sys
from pathlib import Path

from ..errors import BuildError
from . import judge, sandbox
from .published import grading_course
from .text import terminal_safe
from .work import Work, read_work


def table(rows: list[list[str]]) -> str:
    """Rows as aligned text columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in rows)


def read_all(files: list[Path], course: judge.GradingCourse) -> list[Work]:
    """Every readable work file; each unreadable one gets its line on stderr and is left out."""
    works, lessons = [], list(course.labels)
    for path in files:
        try:
            works.append(read_work(path, course.title, lessons))
        except BuildError as error:
            print(f"[grade] error: {terminal_safe(str(error))}", file=sys.stderr)
    return works


def grade(files: list[Path], content: Path, csv_path: Path, rerun: bool, time_limit: float) -> int:
    """Print the table of recorded (and with rerun, verified) outcomes and write it as CSV; \
1 if a file could not be read or a line calls for attention."""
    if rerun and (missing := sandbox.available()) is not None:
        raise BuildError(content, f"cannot re-run: {missing}")
    course = grading_course(content)
    works = read_all(files, course)
    rows, attention = [judge.header(course, rerun)], 0
    for work in works:
        plan = judge.plan(work, course) if rerun else None
        result = None
        if plan is not None:
            print(*plan.lines, sep="\n")
            result = sandbox.run_sandboxed(plan.job, content, time_limit)
        row, lines = judge.row(work, course, plan, result)
        print(*lines, sep="\n") if lines else None
        attention += len(lines) + bool(plan and plan.flagged)
        rows.append(row)
    print(table([[terminal_safe(cell) for cell in row] for row in rows]))
    print(*course.legend, *([judge.KINDS] if rerun else []), sep="\n")
    with csv_path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([rows[0], *(judge.csv_row(rows[0], row) for row in rows[1:])])
    print(f"written: {csv_path}")
    return 1 if len(works) < len(files) or attention else 0


def run(argv: list[str], content: Path, description: str) -> int:
    parser = argparse.ArgumentParser(prog="build.py grade", description=description)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="learners' work files (.json)")
    parser.add_argument("--csv", type=Path, default=Path("grades.csv"),
                        help="where to write the table (grades.csv)")
    parser.add_argument("--rerun", action="store_true",
                        help="also re-run each learner's lessons, with the course's own check cells, in a "
                             "sandbox (bubblewrap: no network, no files but a copy of the course's)")
    parser.add_argument("--time-limit", type=float, default=judge.TIME_LIMIT_S, metavar="SECONDS",
                        help=f"for --rerun, per work file (default {judge.TIME_LIMIT_S})")
    args = parser.parse_args(argv)
    try:
        return grade(args.files, content, args.csv, args.rerun, args.time_limit)
    except BuildError as error:
        print(f"[grade] error: {error}", file=sys.stderr)
        return 1
