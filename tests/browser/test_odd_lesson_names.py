"""Lesson file names with spaces, accents and `&` reach learners through every link."""

from urllib.parse import parse_qs, urlparse

import pytest

from coursebuild.paths import LEARNER
from coursebuild.site import pipeline
from coursebuild.site.pipeline import EXPOSE_APP
from tests.support.builds import list_in_toc
from tests.support.fixture_course import fixture_project
from tests.support.notebook_page import NotebookPage
from tests.support.serving import served

# `#`: refused by the build
ODD = {"my lesson é.py": "An accented lesson", "q&a 1.py": "Questions and answers"}


@pytest.fixture
def odd_site_url(tmp_path, monkeypatch):
    """The fixture course with two oddly named lessons at its end, built in-process and served."""
    project = fixture_project(tmp_path / "project")
    for name, title in ODD.items():
        (project / "content" / name).write_text(f"# %% [markdown]\n# # {title}\n\n# %%\nprint('{title}')\n")
        list_in_toc(project, name)
    monkeypatch.setenv(EXPOSE_APP, "1")  # the lesson driver reads the kernel's state from window.jupyterapp
    pipeline.build(LEARNER, root=project)
    yield from served(project / "dist")


def test_an_oddly_named_lesson_opens_from_the_landing_page_and_its_next_link_works(page, odd_site_url,
                                                                                   foreign_requests):
    page.set_default_timeout(60_000)
    page.goto(odd_site_url)
    page.get_by_role("link", name="An accented lesson").click()
    lesson = NotebookPage(page, odd_site_url)
    lesson.wait_for_kernel()
    assert parse_qs(urlparse(page.url).query)["path"] == ["my lesson é.ipynb"]
    assert page.locator(".jp-MarkdownCell h1").first.text_content().startswith("An accented lesson")

    with page.context.expect_page() as opened:
        page.locator(".jp-MarkdownCell a", has_text="Questions and answers").click()
    following = NotebookPage(opened.value, odd_site_url)
    following.wait_for_kernel()
    assert parse_qs(urlparse(following.page.url).query)["path"] == ["q&a 1.ipynb"]
    following.page.locator(".jp-MarkdownCell h1", has_text="Questions and answers").wait_for()
    assert foreign_requests == []
