"""The small course in tests/data/course: three lessons, for tests of the build's steps run in-process."""

import shutil
from pathlib import Path

from coursebuild.inputs import lessons
from coursebuild.inputs.claims import CLAIMS_NAME
from coursebuild.inputs.toc import Course, read_course
from coursebuild.paths import REPORT_FILE
from coursebuild.site.course_wheel import NAME as COURSEKIT

from .course import REPO

FIXTURE_COURSE = Path(__file__).resolve().parents[1] / "data" / "course"
PREVIOUS_SITE = "the site of an earlier build\n"  # dist/index.html of a fixture project


def stage_fixture_course(staging: Path, with_solutions: bool) -> tuple[Course, list[Path]]:
    """Stage the fixture course's lessons into staging as the build does; the course and its notebooks."""
    course = read_course(FIXTURE_COURSE)
    notebooks = lessons.stage_content(course, lessons.read_lessons(course), FIXTURE_COURSE, staging,
                                      with_solutions, {})
    return course, notebooks


def fixture_project(root: Path) -> Path:
    """A course folder in root: the fixture course (with no claims) and this checkout's coursekit (every site
    ships it), lite_config/, README and runtime report, the checkout's download cache, and a dist/ standing
    for an earlier build's site."""
    shutil.copytree(FIXTURE_COURSE, root / "content")
    shutil.copytree(REPO / "content" / COURSEKIT, root / "content" / COURSEKIT)
    (root / "content" / CLAIMS_NAME).write_text("claims = []\n")
    shutil.copytree(REPO / "lite_config", root / "lite_config")
    for name in ("README.md", REPORT_FILE):
        shutil.copy2(REPO / name, root / name)
    (REPO / ".cache").mkdir(exist_ok=True)
    (root / ".cache").symlink_to(REPO / ".cache", target_is_directory=True)
    (root / "dist").mkdir()
    (root / "dist" / "index.html").write_text(PREVIOUS_SITE)
    return root.resolve()


def add_build_code(project: Path) -> None:
    """Put this checkout's build.py and coursebuild/ beside a fixture project, so that `python3 build.py`
    builds it as a process (for the tests of the process itself: locks, Ctrl+C, kill -9, serve)."""
    shutil.copy2(REPO / "build.py", project / "build.py")
    shutil.copytree(REPO / "coursebuild", project / "coursebuild",
                    ignore=shutil.ignore_patterns("__pycache__"))


def own_cache(project: Path) -> Path:
    """A copy of the checkout's download cache in a fixture project, for a test that damages it."""
    cache = project / ".cache"
    cache.unlink()  # the symlink to the checkout's cache, which stays as it is
    shutil.copytree(REPO / ".cache", cache)
    return cache
