"""A pytest plugin that prints, at the end of the run, the seconds spent per lesson in each test tier.

A test belongs to a lesson when one of its parameters or its id names the lesson (its stem or its
source) or when it sits in one of the lesson's own modules (test_<lesson>_lesson.py, which says
LESSON = "<stem>"). Other tests are course-wide, also those that open one lesson as a sample (offline,
updates, the preview: their cost does not grow with the lessons); their seconds are listed again by
test module (the costliest first), so that a course-wide test which grows with the lessons shows
where it is. Fixtures set up once for many tests (the sites' builds, servers, browsers) are counted
apart, as shared: they are what an added lesson does not multiply. Lesson runs in a browser or in
CPython are paid by the first test that asks for them, which belongs to the same lesson.
"""

from collections import defaultdict
from pathlib import Path
from time import perf_counter

import pytest

COURSE_WIDE = "(course-wide tests)"
SHARED = "(shared fixtures)"
SHARED_SCOPES = {"session", "package", "module", "class"}
LESSON_MODULE = "_lesson.py"  # how a lesson's own test modules end
COSTLIEST_MODULES = 10  # course-wide test modules listed under the table


class LessonCost:
    """Collects each test's seconds by (lesson, tier) and prints them as a table."""

    def __init__(self, lessons: list[str], tests_root: Path):
        self.lessons = lessons
        self.tests_root = tests_root
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)
        self.shared_pending = 0.0  # shared fixtures' seconds inside the test phase being timed
        self.shared_depth = 0  # a shared fixture set up inside another one is timed once, in the outer
        self.lesson_of_test: dict[str, str] = {}
        self.course_wide_modules: dict[str, float] = defaultdict(float)  # seconds by test module

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef):
        outer = fixturedef.scope in SHARED_SCOPES and self.shared_depth == 0
        self.shared_depth += fixturedef.scope in SHARED_SCOPES
        before = perf_counter()
        try:
            yield
        finally:
            self.shared_depth -= fixturedef.scope in SHARED_SCOPES
            if outer:
                self.shared_pending += perf_counter() - before

    def pytest_collection_modifyitems(self, items):
        for item in items:
            self.lesson_of_test[item.nodeid] = self.lesson_of(item)

    def lesson_of(self, item) -> str:
        """The lesson a test belongs to, or COURSE_WIDE."""
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec else {}
        module = getattr(item, "module", None)
        own = getattr(module, "LESSON", None) if item.path.name.endswith(LESSON_MODULE) else None
        for value in [*params.values(), own]:
            name = value.stem if isinstance(value, Path) else value
            if isinstance(name, str) and name in self.lessons:
                return name
        named = [lesson for lesson in self.lessons if callspec and lesson in callspec.id]  # ids=stems
        return max(named, key=len) if named else COURSE_WIDE

    def tier(self, report) -> str:
        """The folder under tests/ a test sits in: unit, site_build, cpython, browser."""
        parts = Path(report.fspath).resolve().relative_to(self.tests_root).parts
        return parts[0] if len(parts) > 1 else "."

    def pytest_runtest_logreport(self, report):
        tier = self.tier(report)
        shared = min(self.shared_pending, report.duration)  # set up in this phase (run_lesson's lazily)
        self.seconds[SHARED, tier] += shared
        self.shared_pending = 0.0
        lesson = self.lesson_of_test.get(report.nodeid, COURSE_WIDE)
        self.seconds[lesson, tier] += report.duration - shared
        if lesson == COURSE_WIDE:
            self.course_wide_modules[report.nodeid.split("::")[0]] += report.duration - shared

    def pytest_terminal_summary(self, terminalreporter):
        if not self.seconds:
            return
        tiers = sorted({tier for _, tier in self.seconds})
        rows = [*self.lessons, COURSE_WIDE, SHARED]
        width = max(map(len, rows))
        write = terminalreporter.write_line
        terminalreporter.section("seconds per lesson and tier")
        write(f"{'':<{width}} " + " ".join(f"{tier:>10}" for tier in [*tiers, "total"]))
        for row in rows:
            cells = [self.seconds.get((row, tier), 0.0) for tier in tiers]
            write(f"{row:<{width}} " + " ".join(f"{cell:>10.1f}" for cell in [*cells, sum(cells)]))
        per_lesson = [sum(self.seconds.get((lesson, tier), 0.0) for tier in tiers) for lesson in self.lessons]
        if per_lesson:
            write(f"a lesson costs {sum(per_lesson) / len(per_lesson):.1f} s on average "
                  f"({len(per_lesson)} lessons) on top of the course-wide tests and shared fixtures")
        costliest = sorted(self.course_wide_modules.items(), key=lambda item: -item[1])[:COSTLIEST_MODULES]
        if costliest:
            write("course-wide tests by module, the costliest first:")
            for module, seconds in costliest:
                write(f"  {seconds:>8.1f}  {module}")
