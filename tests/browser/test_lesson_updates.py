"""An instructor redeploys a changed lesson: it reaches learners, and never overwrites what they edited."""

import pytest

from tests.support.builds import run_build
from tests.support.notebook_page import NotebookPage
from tests.support.serving import served

LESSON = "apis_webscraping"
EDIT = "# my own note"
UPDATE = "This paragraph came with an update of the course."


@pytest.fixture
def deployed_url(course_repo):
    """The copy's dist/, served: a rebuild swaps in the new site under the same URL."""
    yield from served(course_repo / "dist")


def markdown(lesson: NotebookPage) -> str:
    return "\n".join(lesson.page.locator(".jp-MarkdownCell").all_text_contents())


def test_an_update_reaches_learners_and_never_overwrites_their_edits(new_context, course_repo, deployed_url):
    runner = NotebookPage(new_context().new_page(), deployed_url)  # ran the lesson, changed nothing
    runner.open(f"{LESSON}.ipynb")
    runner.first_code_cell().click()
    runner.page.keyboard.press("Shift+Enter")
    runner.page.locator(".jp-OutputArea-output").first.wait_for()
    runner.save('"outputs":[{')  # saved with the cell's output
    editor = NotebookPage(new_context().new_page(), deployed_url)  # typed into the lesson
    editor.open(f"{LESSON}.ipynb")
    editor.edit_first_code_cell(EDIT)
    editor.save(EDIT)

    with (course_repo / "content" / f"{LESSON}.py").open("a") as source:
        source.write(f"\n# %% [markdown]\n# {UPDATE}\n")
    run_build(repo=course_repo)

    # the notice closes itself after 8 s, which may be before the kernel is idle: look for it first
    runner.page.goto(f"{deployed_url}notebooks/index.html?path={LESSON}.ipynb")
    runner.notification("this is the new version")
    runner.wait_for_kernel()
    assert UPDATE in markdown(runner)

    editor.open(f"{LESSON}.ipynb")
    notice = editor.notification("A newer version of this lesson was published")
    assert EDIT in editor.first_code_cell().text_content() and UPDATE not in markdown(editor)
    notice.get_by_role("button", name="Open the new version").click()
    editor.notification("Your work is kept in")
    assert UPDATE in markdown(editor) and EDIT not in editor.first_code_cell().text_content()

    editor.page.goto(f"{deployed_url}tree/index.html")
    files = editor.page.locator(".jp-DirListing-itemText")
    files.first.wait_for()
    assert any(name.startswith(f"{LESSON} (my work ") for name in files.all_text_contents())
