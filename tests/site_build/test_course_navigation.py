"""The table of contents is the one source of the landing page, the lesson links and the README list."""

import nbformat

from build import CONTENT, README, read_course
from coursebuild.toc import README_END, README_START, markdown_link, readme_lessons

COURSE = read_course(CONTENT)


def test_readme_lesson_list_is_the_generated_one():
    text = README.read_text()
    listed = text[text.index(README_START) + len(README_START):text.index(README_END)].strip()
    assert listed == readme_lessons(COURSE)


def test_landing_page_keeps_jupyterlite_root_marker_and_relative_links(built_site):
    page = (built_site / "index.html").read_text()
    assert 'id="jupyter-config-data"' in page and 'data-jupyter-lite-root="."' in page
    assert "config-utils.js" not in page  # the landing page does not redirect into the app
    for lesson in COURSE.lessons:
        assert f'href="{lesson.url}"' in page
    assert 'href="/' not in page  # relative links only: the site works under any sub-path


def test_every_lesson_ends_with_links_to_its_neighbours(lesson_notebooks):
    for index, (lesson, path) in enumerate(zip(COURSE.lessons, lesson_notebooks)):
        last = nbformat.read(path, as_version=4).cells[-1]
        assert last.cell_type == "markdown"
        assert f"lesson {index + 1} of {len(COURSE.lessons)}" in last.source
        before, after = COURSE.neighbours(lesson)
        if before:
            assert f"Previous: {markdown_link(before)}" in last.source
        if after:
            assert f"Next: {markdown_link(after)}" in last.source


def test_lesson_titles_come_from_the_lessons_themselves():
    assert [lesson.title for lesson in COURSE.lessons] == [
        "Concurrency for IO-bound business tasks", "APIs and web scraping"]
