"""The table of contents is the one source of the landing page and of each lesson's links."""

import nbformat

from coursebuild.paths import CONTENT
from coursebuild.toc import markdown_link, read_course

COURSE = read_course(CONTENT)


def test_landing_page_keeps_jupyterlite_root_marker_and_relative_links(built_site):
    page = (built_site / "index.html").read_text()
    assert 'id="jupyter-config-data"' in page and 'data-jupyter-lite-root="."' in page
    assert "config-utils.js" not in page  # the landing page does not redirect into the app
    for lesson in COURSE.lessons:
        assert f'href="{lesson.url}"' in page
    assert 'href="/' not in page  # relative links only: the site works under any sub-path


def test_every_lesson_ends_with_links_to_its_neighbours(lesson_notebooks):
    for index, (lesson, path) in enumerate(zip(COURSE.lessons, lesson_notebooks, strict=True)):
        last = nbformat.read(path, as_version=4).cells[-1]
        assert last.cell_type == "markdown"
        assert f"lesson {index + 1} of {len(COURSE.lessons)}" in last.source
        before, after = COURSE.neighbours(lesson)
        if before:
            assert f"Previous: {markdown_link(before)}" in last.source
        if after:
            assert f"Next: {markdown_link(after)}" in last.source

