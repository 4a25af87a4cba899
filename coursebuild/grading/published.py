"""What grading needs of the course, read from its sources (jupytext): for the CLI and the grading page."""

import re
from pathlib import Path

from ..exercises import CALL, exercise_numbers
from ..inputs.lessons import read_lesson
from ..inputs.toc import read_course
from .judge import GradingCourse

# The checks that only call the learner's functions with data and read their values: their verdicts are
# decided in the checker, out of the learner's reach. The others hand the learner's code something of
# their own process (threads, a pool, a lock, an await, a clock), so they run in the learner's process
# and their outcome is only observed there.
OUT_OF_REACH = {
    "files_checks": {1, 2, 3, 4}, "money_checks": {1, 2, 3, 4}, "dates_checks": {1, 2, 3, 4},
    "cleaning_checks": {1, 2, 3, 4},
    "concurrency_checks": {1, 3},  # 2, 4 and 5 run the learner's code in threads or tasks; 6 races it
    "web_checks": {1, 2, 4},  # 3 awaits the learner's fetching
    # a database crosses as its bytes; a workbook and a file to write as xlsx files, and come back
    "sql_checks": {1, 2, 3, 4}, "report_checks": {1, 2, 3, 4},
}
CHECK_MODULE = re.compile(r"^from coursekit\.(\w+) import check_exercise_(\d+)", re.MULTILINE)


def grading_course(content: Path) -> GradingCourse:
    """The course's title, each lesson's label and exercises, and its published cells and check cells \
({exercise number as text: cell})."""
    course = read_course(content)
    published, verified = {}, {}
    for lesson in course.lessons:
        cells = [cell.source for cell in read_lesson(lesson.source).cells if cell.cell_type == "code"]
        checks = {}
        for source in cells:
            for number in CALL.findall(source):
                checks.setdefault(number, source)  # keyed by text: the page reads it as JSON
        published[lesson.notebook] = [sorted(set(cells)), checks]
        verified[lesson.notebook] = sorted(
            (n for n, cell in checks.items()
             if any(int(number) in OUT_OF_REACH.get(module, ()) and number == n
                    for module, number in CHECK_MODULE.findall(cell))), key=int)
    return GradingCourse(
        title=course.title,
        labels={lesson.notebook: f"L{i}" for i, lesson in enumerate(course.lessons, 1)},
        heads=[[f"L{i} E{n}", lesson.notebook, str(n)]
               for i, lesson in enumerate(course.lessons, 1) for n in exercise_numbers(lesson.source)],
        published=published,
        verified=verified,
        legend=[f"L{i}: {lesson.title} ({lesson.notebook})" for i, lesson in enumerate(course.lessons, 1)],
    )
