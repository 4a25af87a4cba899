"""The per-lesson cost table: which lesson a test's seconds count for, and the course-wide ones by module."""

from pathlib import Path
from types import SimpleNamespace

from tests.support.lesson_cost import COURSE_WIDE, LessonCost

LESSONS = ["records_and_files", "apis_webscraping"]
TESTS = Path(__file__).resolve().parents[1]


def item(path: str, module_lesson=None, **params):
    """A collected test as the plugin sees it: its file, its module's LESSON, its parameters."""
    return SimpleNamespace(path=TESTS / path, module=SimpleNamespace(LESSON=module_lesson),
                           callspec=SimpleNamespace(params=params, id="-".join(map(str, params.values())))
                           if params else None)


def test_a_test_counts_for_the_lesson_a_parameter_or_its_own_module_names():
    cost = LessonCost(LESSONS, TESTS)
    assert cost.lesson_of(item("browser/test_lessons_in_browser.py", lesson="apis_webscraping",
                               edition="learner", engine="webkit")) == "apis_webscraping"
    assert cost.lesson_of(item("cpython/test_files_lesson.py", module_lesson="records_and_files")) \
        == "records_and_files"


def test_a_course_wide_test_that_opens_a_sample_lesson_stays_course_wide():
    cost = LessonCost(LESSONS, TESTS)
    assert cost.lesson_of(item("browser/test_offline.py", module_lesson="apis_webscraping")) == COURSE_WIDE
    with_engine = item("browser/test_offline.py", module_lesson="apis_webscraping", engine="firefox")
    assert cost.lesson_of(with_engine) == COURSE_WIDE


def test_course_wide_seconds_are_listed_by_module_the_costliest_first():
    cost = LessonCost(LESSONS, TESTS)
    tests = {"browser/test_offline.py::test_a": 30.0, "browser/test_landing_page.py::test_b": 5.0,
             "browser/test_offline.py::test_c": 2.0, "cpython/test_files_lesson.py::test_d": 50.0}
    cost.lesson_of_test = {"tests/cpython/test_files_lesson.py::test_d": "records_and_files"}
    for nodeid, seconds in tests.items():
        cost.pytest_runtest_logreport(SimpleNamespace(nodeid=f"tests/{nodeid}", duration=seconds,
                                                      fspath=str(TESTS / nodeid.split("::")[0])))
    lines = []
    cost.pytest_terminal_summary(SimpleNamespace(section=lambda title: None, write_line=lines.append))
    assert lines[-3:] == ["course-wide tests by module, the costliest first:",
                          "      32.0  tests/browser/test_offline.py",
                          "       5.0  tests/browser/test_landing_page.py"]
    assert "a lesson costs 25.0 s on average (2 lessons)" in lines[-4]
