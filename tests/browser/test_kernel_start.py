"""A lesson's kernel starts as soon as the app has, before the notebook is shown, and only once."""


from coursebuild.site.kernel_snapshot import START_SCRIPT
from tests.support.course import lesson_stems

NOTEBOOK = f"{lesson_stems()[0]}.ipynb"  # the first lesson, as a learner meets it
CELLS = ".jp-NotebookPanel .jp-CodeCell"


def test_the_kernel_starts_before_the_notebook_is_shown_and_only_once(lesson_page, site_url):
    page = lesson_page.page
    events = []  # in the order they happen
    page.context.on("request", lambda request: f"/static/pyodide/{START_SCRIPT}" in request.url
                    and events.append("Pyodide requested"))
    # the Pyodide kernel's factory says whether files sync, once for each kernel it creates
    page.on("console", lambda message: message.text.startswith("Pyodide contents will")
            and events.append("a kernel boots"))
    page.goto(f"{site_url}notebooks/index.html?path={NOTEBOOK}")
    page.locator(CELLS).first.wait_for(state="attached")
    events.append("cells shown")
    lesson_page.wait_for_kernel()  # and no kernel picker
    lesson_page.first_code_cell().click()
    page.keyboard.press("Shift+Enter")
    page.locator(".jp-OutputArea-output", has_text="Running in").wait_for()

    assert "Pyodide requested" in events
    assert events.index("Pyodide requested") < events.index("cells shown")
    assert events.count("a kernel boots") == 1
