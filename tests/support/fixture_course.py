"""The small course in tests/data/course: three lessons, for tests of the build's steps run in-process."""

from pathlib import Path

from coursebuild.inputs import lessons
from coursebuild.inputs.toc import Course, read_course

FIXTURE_COURSE = Path(__file__).resolve().parents[1] / "data" / "course"


def stage_fixture_course(staging: Path, with_solutions: bool) -> tuple[Course, list[Path]]:
    """Stage the fixture course's lessons into staging as the build does; the course and its notebooks."""
    course = read_course(FIXTURE_COURSE)
    notebooks = lessons.stage_content(course, lessons.read_lessons(course), FIXTURE_COURSE, staging,
                                      with_solutions, {})
    return course, notebooks
