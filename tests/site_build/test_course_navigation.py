"""The table of contents is the one source of the landing page and of each lesson's links."""

import nbformat
import pytest

from coursebuild.inputs.toc import markdown_link, read_course
from coursebuild.pages.landing import landing_page
from coursebuild.paths import CONTENT
from tests.support.fixture_course import FIXTURE_COURSE

COURSE = read_course(CONTENT)


def assert_landing_page_links_every_lesson_relatively(page: str, course) -> None:
    assert 'id="jupyter-config-data"' in page and 'data-jupyter-lite-root="."' in page
    assert "config-utils.js" not in page  # the landing page does not redirect into the app
    positions = [page.index(f'href="{lesson.url}"') for lesson in course.lessons]
    assert positions == sorted(positions)  # in the course's order
    assert 'href="/' not in page  # relative links only: the site works under any sub-path


def assert_each_lesson_ends_with_links_to_its_neighbours(course, notebooks) -> None:
    for index, (lesson, path) in enumerate(zip(course.lessons, notebooks, strict=True)):
        last = nbformat.read(path, as_version=4).cells[-1]
        assert last.cell_type == "markdown"
        assert f"lesson {index + 1} of {len(course.lessons)}" in last.source
        before, after = course.neighbours(lesson)
        for label, neighbour in (("Previous", before), ("Next", after)):
            link = f"{label}: {markdown_link(neighbour)}" if neighbour else f"{label}:"
            assert (link in last.source) == (neighbour is not None), (lesson.source.name, label)
        assert ("This is the last lesson" in last.source) == (after is None)


@pytest.mark.parametrize("with_solutions", [False, True], ids=["learner", "instructor"])
def test_fixture_course_lessons_link_first_middle_and_last_neighbours(staged_fixture_course, with_solutions):
    course, notebooks = staged_fixture_course(with_solutions)
    assert len(course.lessons) == 3  # tests/data/course: a first, a middle and a last lesson
    assert_each_lesson_ends_with_links_to_its_neighbours(course, notebooks)


def test_fixture_course_landing_page_links_each_lesson_in_order():
    course = read_course(FIXTURE_COURSE)
    assert_landing_page_links_every_lesson_relatively(landing_page(course), course)


def test_landing_page_keeps_jupyterlite_root_marker_and_relative_links(built_site):
    assert_landing_page_links_every_lesson_relatively((built_site / "index.html").read_text(), COURSE)


def test_every_lesson_ends_with_links_to_its_neighbours(lesson_notebooks):
    assert_each_lesson_ends_with_links_to_its_neighbours(COURSE, lesson_notebooks)
