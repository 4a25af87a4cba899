"""A learner's progress, and their work in one file: counted, downloaded, restored elsewhere, never lost."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coursebuild.exercises import exercise_numbers
from coursebuild.notebook_page import NotebookPage
from coursebuild.paths import CONTENT
from coursebuild.toc import read_course
from tests.browser.test_landing_page import serious_accessibility_violations
from tests.lesson_text import PASS

pytestmark = pytest.mark.browser
COURSE = read_course(CONTENT)
LESSON = COURSE.lessons[1]  # APIs and web scraping: no input() to answer
OTHER = COURSE.lessons[0]
EXERCISES, OTHER_EXERCISES = (len(exercise_numbers(lesson.source)) for lesson in (LESSON, OTHER))
EDIT = "# my own note"
# everything the site keeps for a learner: their files (JupyterLite's IndexedDB) and their progress
STORED = """async () => {
    const path = new URL('.', location.href).pathname;
    const db = await new Promise((resolve) => {
        const request = indexedDB.open(`JupyterLite Storage - ${path}`);
        request.onsuccess = () => resolve(request.result);
    });
    const store = db.transaction('files').objectStore('files');
    const read = (request) => new Promise((resolve) => { \
request.onsuccess = () => resolve(request.result); });
    const files = [await read(store.getAllKeys()), await read(store.getAll())];
    db.close();
    return JSON.stringify([files, localStorage.getItem(`course-progress ${path}`)]);
}"""


def progress_line(page, lesson):
    """The landing page's "n of m exercises done" of one lesson."""
    return page.locator(f'ol.lessons li[data-notebook="{lesson.notebook}"] .progress')


def download_work(page, folder: Path) -> Path:
    """Download my work, by keyboard; the saved file."""
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my work").focus()
        page.keyboard.press("Enter")
    assert re.fullmatch(r"programming-for-business-my-work-\d{4}-\d\d-\d\d\.json",
                        download.value.suggested_filename)
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def restore_work(page, file: Path) -> str:
    """Restore my work with this file; the one sentence the page answers with."""
    status = page.locator("#work-status")
    before = status.text_content()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Restore my work…").click()
    chooser.value.set_files(str(file))
    expect(status).not_to_have_text(before or "")
    return status.text_content()


def test_a_solved_lesson_counts_and_comes_back_from_the_work_file_in_another_browser(
        instructor_lesson_page, instructor_site_url, new_context, tmp_path):
    lesson, page = instructor_lesson_page, instructor_lesson_page.page
    lesson.open(LESSON.notebook)
    counted = re.compile(rf"\d of {EXERCISES} exercises done")
    toolbar_progress = page.locator(".jp-Toolbar").get_by_text(counted)
    expect(toolbar_progress).to_have_text(f"0 of {EXERCISES} exercises done")
    lesson.run_all()  # the instructor edition: every exercise holds its solution
    expect(toolbar_progress).to_have_text(f"{EXERCISES} of {EXERCISES} exercises done")
    lesson.save(PASS)

    page.goto(instructor_site_url)
    expect(progress_line(page, LESSON)).to_have_text(f"{EXERCISES} of {EXERCISES} exercises done")
    expect(progress_line(page, OTHER)).to_have_text(f"0 of {OTHER_EXERCISES} exercises done")
    resume = page.get_by_role("link", name=f"Continue: {LESSON.title}")
    expect(resume).to_have_attribute("href", LESSON.url)
    work = download_work(page, tmp_path)
    saved = json.loads(work.read_text())
    assert saved["course"] == COURSE.title
    assert ({path: record["content"]["cells"] != [] for path, record in saved["files"]}
            == {LESSON.notebook: True})

    elsewhere = new_context().new_page()  # another browser: nothing stored
    elsewhere.goto(instructor_site_url)
    expect(progress_line(elsewhere, LESSON)).to_have_text(f"0 of {EXERCISES} exercises done")
    assert elsewhere.get_by_role("link", name=re.compile("^Continue")).count() == 0
    assert restore_work(elsewhere, work) == f"Restored 1 file and your progress from “{work.name}”."
    expect(progress_line(elsewhere, LESSON)).to_have_text(f"{EXERCISES} of {EXERCISES} exercises done")
    expect(elsewhere.get_by_role("link", name=f"Continue: {LESSON.title}")).to_be_visible()
    assert serious_accessibility_violations(elsewhere) == []

    restored = NotebookPage(elsewhere, instructor_site_url)
    restored.open(LESSON.notebook)
    # the outputs came back with the file: nothing was run again
    expect(elsewhere.locator(".jp-OutputArea-output", has_text=PASS)).to_have_count(EXERCISES)
    all_done = f"{EXERCISES} of {EXERCISES} exercises done"
    expect(elsewhere.locator(".jp-Toolbar").get_by_text(all_done)).to_be_visible()


BAD_FILES = {
    "damaged": (lambda text: text[: len(text) // 2],
                "“{name}” is not a work file of this course, or it is damaged: nothing was changed."),
    "another course": (lambda text: text.replace('"course":"Programming for Business"', '"course":"Cooking"'),
                       "“{name}” holds work from another course (“Cooking”): nothing was changed."),
    "an old format": (lambda text: text.replace('"version":1,', '"version":0,'),
                      "“{name}” was saved in a format this page no longer reads: nothing was changed."),
}


def test_a_damaged_foreign_or_old_file_is_named_in_one_sentence_and_nothing_stored_changes(
        lesson_page, site_url, tmp_path):
    page = lesson_page.page
    lesson_page.open(LESSON.notebook)
    lesson_page.edit_first_code_cell(EDIT)
    lesson_page.save(EDIT)
    page.goto(site_url)
    good = download_work(page, tmp_path).read_text()
    stored = page.evaluate(STORED)
    assert EDIT in stored and LESSON.notebook in json.loads(stored)[1]  # the work, and the lesson last opened

    for what, (spoil, sentence) in BAD_FILES.items():
        bad = tmp_path / f"{what}.json"
        bad.write_text(spoil(good))
        assert bad.read_text() != good, f"the {what} file is the good one"
        assert restore_work(page, bad) == sentence.format(name=bad.name), what
        assert page.evaluate(STORED) == stored, f"restoring {what} file changed what was stored"


def test_a_restored_lesson_that_was_updated_since_keeps_the_learners_copy(lesson_page, site_url, new_context,
                                                                          tmp_path):
    page = lesson_page.page
    lesson_page.open(LESSON.notebook)
    lesson_page.edit_first_code_cell(EDIT)
    lesson_page.save(EDIT)
    page.goto(site_url)
    work = json.loads(download_work(page, tmp_path).read_text())
    for _path, record in work["files"]:  # as if saved before the lesson's latest version was published
        record["content"]["metadata"]["course"]["version"] = "0" * 16
    older = tmp_path / "older.json"
    older.write_text(json.dumps(work))

    elsewhere = new_context().new_page()
    elsewhere.goto(site_url)
    assert restore_work(elsewhere, older).startswith("Restored 1 file")
    restored = NotebookPage(elsewhere, site_url)
    restored.open(LESSON.notebook)
    restored.notification("A newer version of this lesson was published")
    expect(restored.first_code_cell()).to_contain_text(EDIT)  # their copy, not overwritten
