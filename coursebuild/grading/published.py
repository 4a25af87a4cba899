"""What grading needs of the course, read from its sources (jupytext): for the CLI and the grading page."""

from pathlib import Path

from ..exercises import CALL, exercise_numbers
from ..inputs.lessons import read_lesson
from ..inputs.toc import read_course
from .judge import GradingCourse


def grading_course(content: Path) -> GradingCourse:
    """The course's title, each lesson's label and exercises, and its published cells and check cells \
({exercise number as text: cell})."""
    course = read_course(content)
    published = {}
    for lesson in course.lessons:
        cells = [cell.source for cell in read_lesson(lesson.source).cells if cell.cell_type == "code"]
        checks = {}
        for source in cells:
            for number in CALL.findall(source):
                checks.setdefault(number, source)  # keyed by text: the page reads it as JSON
        published[lesson.notebook] = [sorted(set(cells)), checks]
    return GradingCourse(
        title=course.title,
        labels={lesson.notebook: f"L{i}" for i, lesson in enumerate(course.lessons, 1)},
        heads=[[f"L{i} E{n}", lesson.notebook, str(n)]
               for i, lesson in enumerate(course.lessons, 1) for n in exercise_numbers(lesson.source)],
        published=published,
        legend=[f"L{i}: {lesson.title} ({lesson.notebook})" for i, lesson in enumerate(course.lessons, 1)],
    )
