"""A learner's progress, and their work in one file: counted, downloaded, restored elsewhere, never lost."""

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from coursebuild.exercises import exercise_numbers
from coursebuild.inputs.toc import read_course
from coursebuild.paths import CONTENT
from coursebuild.shared_values import PROGRESS_KEY_PREFIX, STORAGE_PREFIX
from tests.support.accessibility import serious_accessibility_violations
from tests.support.lesson_text import PASS
from tests.support.notebook_page import NotebookPage

COURSE = read_course(CONTENT)
LESSON = COURSE.lessons[1]  # APIs and web scraping: no input() to answer
OTHER = COURSE.lessons[0]
EXERCISES, OTHER_EXERCISES = (len(exercise_numbers(lesson.source)) for lesson in (LESSON, OTHER))
EDIT = "# my own note"
# everything the site keeps for a learner: their files (JupyterLite's IndexedDB) and their progress
STORED_JS = """async ([storagePrefix, progressPrefix]) => {
    const path = new URL('.', location.href).pathname;
    const db = await new Promise((resolve) => {
        const request = indexedDB.open(storagePrefix + path);
        request.onsuccess = () => resolve(request.result);
    });
    const store = db.transaction('files').objectStore('files');
    const read = (request) => new Promise((resolve) => { \
request.onsuccess = () => resolve(request.result); });
    const files = [await read(store.getAllKeys()), await read(store.getAll())];
    db.close();
    return JSON.stringify([files, localStorage.getItem(progressPrefix + path)]);
}"""


# the landing page's work-file functions, made as landing.js makes them (with the values the build gave it)
LANDING_WORK = "courseWorkFor(JSON.parse(document.getElementById('course-data').textContent).values)"


def stored_state(page) -> str:
    """Everything the site keeps for a learner, as the page sees it (STORED_JS)."""
    return page.evaluate(STORED_JS, [STORAGE_PREFIX, PROGRESS_KEY_PREFIX])


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


def work_with_an_edit(lesson: NotebookPage, site_url: str, folder: Path) -> tuple[str, str]:
    """Edit and save the lesson, then Download my work on the landing page: the file's text, and what the
    browser stores (stored_state)."""
    lesson.open(LESSON.notebook)
    lesson.edit_first_code_cell(EDIT)
    lesson.save(EDIT)
    lesson.page.goto(site_url)
    return download_work(lesson.page, folder).read_text(), stored_state(lesson.page)


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
    good, stored = work_with_an_edit(lesson_page, site_url, tmp_path)
    assert EDIT in stored and LESSON.notebook in json.loads(stored)[1]  # the work, and the lesson last opened

    for what, (spoil, sentence) in BAD_FILES.items():
        bad = tmp_path / f"{what}.json"
        bad.write_text(spoil(good))
        assert bad.read_text() != good, f"the {what} file is the good one"
        assert restore_work(page, bad) == sentence.format(name=bad.name), what
        assert stored_state(page) == stored, f"restoring {what} file changed what was stored"


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


DAMAGED = "“{name}” is not a work file of this course, or it is damaged: nothing was changed."
WHEN = "2026-11-20T10:00:00.000Z"


def crafted_files(lesson: str, too_many: int) -> dict:
    """Each crafted change to a good work file (a dict), with the sentence its restore must answer."""
    def progress(lessons):
        return lambda work: work["progress"].update(lessons=lessons)

    def files(*entries):
        return lambda work: work["files"].extend(entries)

    def folder(path):
        return [path, {"path": path, "name": path.split("/")[-1], "type": "directory", "content": None}]

    text = {"type": "file", "format": "text", "content": "x", "mimetype": "text/plain"}
    return {
        "__proto__ as a lesson": (progress({"__proto__": {"1": {"passed": True, "when": WHEN}}}), DAMAGED),
        "__proto__ as an exercise": (progress({lesson: {"__proto__": {"polluted": True}}}), DAMAGED),
        "a poisoned when": (progress({lesson: {"1": {"passed": True, "when": {"polluted": True}}}}), DAMAGED),
        "a passed that is text": (progress({lesson: {"1": {"passed": "yes", "when": WHEN}}}), DAMAGED),
        "an exercise that is no number": (progress({lesson: {"x": {"passed": True, "when": WHEN}}}), DAMAGED),
        "a path with ..": (files(["../escape.txt", {**text, "path": "../escape.txt"}]), DAMAGED),
        "an absolute path": (files(["/abs.txt", {**text, "path": "/abs.txt"}]), DAMAGED),
        "an empty path": (files(["", {**text, "path": ""}]), DAMAGED),
        "a file inside a stored file": (
            files([f"{lesson}/inner.txt", {**text, "path": f"{lesson}/inner.txt"}]),
            f"“{{name}}” puts files inside “{lesson}”, which is a file: nothing was changed."),
        "a folder where a file is stored": (
            lambda work: work["files"].__setitem__(0, folder(lesson)),
            f"“{{name}}” has a folder “{lesson}” where this browser keeps a file: nothing was changed."),
        "too many files": (files(*(folder(f"folder {n}") for n in range(too_many))),
                           "“{name}” is larger than a work file of this course can be"),
    }


def restored_in_a_fresh_browser(page, site_url: str, folder: Path, name: str, notebook: dict) -> str:
    """Restore a work file holding one notebook into a browser that keeps nothing yet (no kernel needed):
    the page's sentence."""
    page.goto(site_url)
    work = json.loads(download_work(page, folder).read_text())  # this course's format, and no files
    work["files"] = [[name, {"path": name, "name": name, "type": "notebook", "format": "json",
                             "content": notebook}]]
    made = folder / f"holding {name}.json"
    made.write_text(json.dumps(work))
    return restore_work(page, made).replace(made.name, "{name}")


def test_crafted_work_files_change_nothing_and_say_so(lesson_page, site_url, tmp_path):
    page = lesson_page.page
    published = page.request.get(f"{site_url}files/{LESSON.notebook}").json()
    assert restored_in_a_fresh_browser(page, site_url, tmp_path, LESSON.notebook, published) \
        == "Restored 1 file and your progress from “{name}”."
    good, stored = download_work(page, tmp_path).read_text(), stored_state(page)
    too_many = page.evaluate(LANDING_WORK + ".LIMITS.files") + 1

    for what, (craft, sentence) in crafted_files(LESSON.notebook, too_many).items():
        work = json.loads(good)
        craft(work)
        crafted = tmp_path / f"{what}.json"
        crafted.write_text(json.dumps(work))
        assert restore_work(page, crafted).startswith(sentence.format(name=crafted.name)), what
        assert stored_state(page) == stored, f"restoring {what} changed what was stored"
        assert page.evaluate("() => [({}).polluted, Object.prototype.polluted]") == [None, None], what

    # the page still works: its progress, and a download
    expect(progress_line(page, LESSON)).to_have_text(f"0 of {EXERCISES} exercises done")
    assert json.loads(download_work(page, tmp_path).read_text())["files"] == json.loads(good)["files"]


SCRIPTED = "window.crafted = 'it ran';"


def test_a_restored_notebook_marked_trusted_runs_no_script(lesson_page, site_url, tmp_path):
    page = lesson_page.page
    kernelspec = page.request.get(f"{site_url}files/{LESSON.notebook}").json()["metadata"]["kernelspec"]
    html = (f'<b>crafted output</b><script>{SCRIPTED}</script>'
            f'<img src="data:," onerror="{SCRIPTED}">')
    cell = {"cell_type": "code", "execution_count": 1, "source": "1", "metadata": {"trusted": True},
            "outputs": [{"output_type": "display_data", "metadata": {},
                         "data": {"text/html": html, "application/javascript": SCRIPTED,
                                  "text/plain": "crafted output"}}]}
    notebook = {"cells": [cell], "metadata": {"kernelspec": kernelspec}, "nbformat": 4, "nbformat_minor": 5}
    assert restored_in_a_fresh_browser(page, site_url, tmp_path, "solutions.ipynb", notebook) \
        == "Restored 1 file and your progress from “{name}”."

    # what the notebook view renders as it opens (its kernel plays no part)
    page.goto(f"{site_url}notebooks/index.html?path=solutions.ipynb")
    expect(page.locator(".jp-OutputArea-output", has_text="crafted output")).to_be_visible(timeout=180_000)
    assert page.evaluate("() => window.crafted") is None
