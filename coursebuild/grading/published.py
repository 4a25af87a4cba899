"""What grading needs of the course, read from its sources (jupytext): for the CLI and the grading page."""

import re
from pathlib import Path

from ..exercises import CALL, exercise_numbers
from ..inputs.lessons import read_lesson
from ..inputs.toc import read_course
from .judge import GradingCourse

# The checks whose verdicts are decided in the checker, out of the learner's reach. Most only call the
# learner's functions with data and read their values. The PROBED ones hand the learner's code something
# of its own process (threads, a lock, an event loop, a clock, its network): a course probe
# (coursekit.observing) runs it there and returns what it returned and saw, and the checker judges that
# data: values the learner's code returned cross as data, but code bent on it (patching threading, time or
# asyncio, or reaching into the probe's frames) could fake the counts a probe made, so a probed pass in a
# file flagged for a human reads "review". A check not listed runs in the learner's process and its
# outcome is only observed there.
PROBED = {"concurrency_checks": {2, 3, 4, 6}, "invoice_queue_checks": {5}, "web_checks": {3}}
OUT_OF_REACH = {
    "files_checks": {1, 2, 3, 4}, "money_checks": {1, 2, 3, 4}, "dates_checks": {1, 2, 3, 4},
    "cleaning_checks": {1, 2, 3, 4},
    "concurrency_checks": {1} | PROBED["concurrency_checks"],
    "invoice_queue_checks": PROBED["invoice_queue_checks"],
    "web_checks": {1, 2, 4} | PROBED["web_checks"],
    # a database crosses as its bytes; a workbook and a file to write as xlsx files, and come back
    "sql_checks": {1, 2, 3, 4}, "report_checks": {1, 2, 3, 4},
}
CHECK_MODULE = re.compile(r"^from coursekit\.(\w+) import check_exercise_(\d+)", re.MULTILINE)


def checked_in(checks: dict, kind: dict) -> list[str]:
    """The exercises (as text) whose check cells call a check of `kind` ({check module: exercises})."""
    return sorted((n for n, cell in checks.items()
                   if any(int(number) in kind.get(module, ()) and number == n
                          for module, number in CHECK_MODULE.findall(cell))), key=int)


def grading_course(content: Path) -> GradingCourse:
    """The course's title, each lesson's label and exercises, and its published cells and check cells \
({exercise number as text: cell})."""
    course = read_course(content)
    published, verified, probed = {}, {}, {}
    for lesson in course.lessons:
        cells = [cell.source for cell in read_lesson(lesson.source).cells if cell.cell_type == "code"]
        checks = {}
        for source in cells:
            for number in CALL.findall(source):
                checks.setdefault(number, source)  # keyed by text: the page reads it as JSON
        published[lesson.notebook] = [sorted(set(cells)), checks]
        verified[lesson.notebook] = checked_in(checks, OUT_OF_REACH)
        probed[lesson.notebook] = checked_in(checks, PROBED)
    return GradingCourse(
        title=course.title,
        labels={lesson.notebook: f"L{i}" for i, lesson in enumerate(course.lessons, 1)},
        heads=[[f"L{i} E{n}", lesson.notebook, str(n)]
               for i, lesson in enumerate(course.lessons, 1) for n in exercise_numbers(lesson.source)],
        published=published,
        verified=verified,
        probed=probed,
        legend=[f"L{i}: {lesson.title} ({lesson.notebook})" for i, lesson in enumerate(course.lessons, 1)],
    )
