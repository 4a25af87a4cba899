"""A learner's work stays: through reloads and browser restarts, a reset, other courses, \
and private windows."""

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.support.notebook_page import NotebookPage
from tests.support.serving import served

NOTEBOOK = "apis_webscraping.ipynb"
EDIT = "# my own note"
FIRST_OUTPUT = "HTTP requests go through"  # printed by the lesson's first code cell
SAVED_OUTPUT = '"outputs":[{'  # in a saved notebook's JSON once a cell has an output


def edit_run_and_save(lesson: NotebookPage) -> None:
    """Change the first code cell, run it, save: the work a learner expects to find again."""
    lesson.edit_first_code_cell(EDIT)
    lesson.page.keyboard.press("Shift+Enter")
    lesson.page.locator(".jp-OutputArea-output", has_text=FIRST_OUTPUT).wait_for()
    lesson.save(EDIT, SAVED_OUTPUT)


def expect_the_work(lesson: NotebookPage) -> None:
    """The edit and the output are there (waiting for them to render, as Playwright's expect does)."""
    expect(lesson.first_code_cell()).to_contain_text(EDIT)
    expect(lesson.page.locator(".jp-OutputArea-output", has_text=FIRST_OUTPUT)).to_have_count(1)


def test_edits_and_outputs_survive_a_reload_and_a_browser_restart(browser_type, browser_type_launch_args,
                                                                   site_url, tmp_path):
    profile = tmp_path / "profile"  # on disk, as a learner's browser keeps it between restarts
    context = browser_type.launch_persistent_context(profile, **browser_type_launch_args)
    lesson = NotebookPage(context.pages[0], site_url)
    lesson.open(NOTEBOOK)
    edit_run_and_save(lesson)
    lesson.page.reload()
    lesson.wait_for_kernel()
    expect_the_work(lesson)
    context.close()

    context = browser_type.launch_persistent_context(profile, **browser_type_launch_args)
    lesson = NotebookPage(context.pages[0], site_url)
    lesson.open(NOTEBOOK)
    expect_the_work(lesson)
    context.close()


def test_reset_loads_the_published_lesson_and_keeps_the_edited_copy(lesson_page):
    page = lesson_page.page
    lesson_page.open(NOTEBOOK)
    lesson_page.edit_first_code_cell(EDIT)  # not even saved: a reset still keeps it
    page.get_by_role("button", name="Reset lesson").click()
    notice = lesson_page.notification("Your work is kept in")
    assert EDIT not in lesson_page.first_code_cell().text_content()
    assert "from coursekit import web" in lesson_page.first_code_cell().text_content()

    with page.context.expect_page() as opened:
        notice.get_by_role("button", name="Open my copy").click()
    copy = NotebookPage(opened.value, lesson_page.site_url)
    copy.first_code_cell().wait_for()
    assert EDIT in copy.first_code_cell().text_content()
    assert parse_qs(urlparse(copy.page.url).query)["path"][0].startswith("apis_webscraping (my work ")


@pytest.fixture
def two_courses_url(built_site, tmp_path) -> str:
    """One host serving two courses, at /course-a/ and /course-b/ (both this site)."""
    host = tmp_path / "host"
    host.mkdir()
    for name in ("course-a", "course-b"):
        (host / name).symlink_to(built_site, target_is_directory=True)
    yield from served(host, "/")


def test_two_courses_on_one_host_keep_their_learners_files_apart(page, two_courses_url):
    course_a = NotebookPage(page, two_courses_url + "course-a/")
    course_a.open(NOTEBOOK)
    course_a.edit_first_code_cell(EDIT)
    course_a.save(EDIT)

    course_b = NotebookPage(page, two_courses_url + "course-b/")
    course_b.open(NOTEBOOK)
    assert EDIT not in course_b.first_code_cell().text_content()
    course_a.open(NOTEBOOK)
    assert EDIT in course_a.first_code_cell().text_content()  # the edit was saved, in course A only


NO_SERVICE_WORKER = {
    "blocked": {"service_workers": "block"},  # registered, but it never runs (Playwright's switch)
    "unsupported": {},  # no navigator.serviceWorker at all, as in Firefox's private windows
}
WITHOUT_SERVICE_WORKERS = "delete Navigator.prototype.serviceWorker"


@pytest.mark.parametrize("how", NO_SERVICE_WORKER)
def test_a_window_without_service_worker_runs_a_lesson_and_says_what_is_not_kept(new_context, site_url, how):
    context = new_context(**NO_SERVICE_WORKER[how])
    if how == "unsupported":
        context.add_init_script(WITHOUT_SERVICE_WORKERS)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("#no-service-worker").is_visible() == (how == "unsupported")
    lesson = NotebookPage(page, site_url)
    lesson.open("concurrency_io_bound.ipynb")
    lesson.notification("runs without a service worker")
    lesson.run_all(stdin_answer="42")
    assert lesson.error_outputs() == []
    assert "Running in" in lesson.text()
