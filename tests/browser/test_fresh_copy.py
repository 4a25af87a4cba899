"""What the landing page tells learners about their copies is true: saved edits stay; Delete restores the lesson."""

import pytest

pytestmark = pytest.mark.browser
NOTEBOOK = "apis_webscraping.ipynb"
EDIT = "# my own note"


def first_code_cell(page):
    return page.locator(".jp-CodeCell .cm-content").first


def test_saved_edit_survives_reload_and_delete_restores_the_published_lesson(lesson_page, site_url):
    page = lesson_page.page
    lesson_page.open(NOTEBOOK)
    first_code_cell(page).click()
    page.keyboard.press("Control+Home")
    page.keyboard.type(EDIT + "\n")
    page.keyboard.press("Control+s")
    # the notebook view shows a checkpoint time once the save has reached browser storage
    page.locator(".jp-NotebookCheckpoint", has_text="Last Checkpoint").wait_for()

    page.reload()
    first_code_cell(page).wait_for()
    assert EDIT in first_code_cell(page).text_content()

    page.goto(f"{site_url}tree/index.html")
    page.locator(".jp-DirListing-item", has_text=NOTEBOOK).click()
    page.keyboard.press("Delete")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.locator(".jp-Dialog").wait_for(state="detached")
    assert NOTEBOOK in page.locator(".jp-DirListing-itemText").all_text_contents()  # the published one

    lesson_page.open(NOTEBOOK)
    assert EDIT not in first_code_cell(page).text_content()
    assert "from coursekit import web" in first_code_cell(page).text_content()
