"""The instructor edition's grading page: the same verdicts as `build.py grade --rerun`, re-run in
Pyodide workers (the checker's and the learner's), a worker past its time limit terminated, and a table
that fits a 1280 px screen."""

import csv
import io
import subprocess
import sys

import pytest

from coursebuild.browsers.engines import launch_options
from coursebuild.grading.judge import header, rerun_heads, stopped
from coursebuild.grading.published import grading_course
from coursebuild.paths import CONTENT, ROOT
from tests.support.accessibility import serious_accessibility_violations
from tests.support.work_files import FIRST, SECOND, claiming_all, lesson, with_cells, work_file

COURSE = grading_course(CONTENT)
HEADER, RERUN_HEADS = header(COURSE, rerun=True), rerun_heads(COURSE)
SCREEN = {"width": 1280, "height": 800}
GRADING_S = 900  # the files' lessons re-run in Pyodide, one after the other, on a shared machine


PAGE_ENGINES = ("chromium", "firefox")  # through Playwright (WebKit is WebKitGTK through Selenium here)


@pytest.fixture(params=PAGE_ENGINES)
def page(request, playwright, browser_type_launch_args):
    """A page in Chromium (with the command line's launch options) or in this machine's Firefox."""
    engine = request.param
    options = browser_type_launch_args if engine == "chromium" else launch_options(playwright, engine)
    browser = getattr(playwright, engine).launch(**options)
    try:
        yield browser.new_page()
    finally:
        browser.close()


# one lesson judged from values, one whose checks hand the learner's code a database, one a workbook (openpyxl
# in the workers), and two judged from probes' data (threads refused, fetches by the browser); the APIs
# lesson's starter copy added about a minute in Chromium (one run), so only its solved copy goes in
PROBED_LESSONS = ("concurrency_io_bound.ipynb", "apis_webscraping.ipynb")
HANDED_BYTES = tuple(name for name in COURSE.labels if name.startswith(("sql_", "reports_")))
SOLVED = (FIRST, *HANDED_BYTES, *PROBED_LESSONS)
STARTER = (FIRST, *HANDED_BYTES, PROBED_LESSONS[0])


@pytest.fixture
def hand_ins(built_site, built_instructor_site, tmp_path):
    """complete.json (every exercise of SOLVED's lessons) and starter.json (STARTER's starter code claiming
    every exercise), with the command line's CSV for them."""
    work_file(tmp_path / "complete.json", {name: lesson(built_instructor_site, name) for name in SOLVED},
              claiming_all(*SOLVED))
    work_file(tmp_path / "starter.json", {name: lesson(built_site, name) for name in STARTER},
              claiming_all(*STARTER))
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "grade", "complete.json", "starter.json",
                           "--rerun", "--csv", "cli.csv"], cwd=tmp_path, capture_output=True, text=True)
    assert "complete.json: " in done.stdout and (tmp_path / "cli.csv").is_file(), done.stdout + done.stderr
    return tmp_path


@pytest.fixture
def hostile_hand_ins(built_site, built_instructor_site, tmp_path):
    """forged.json (posts the page a row of its own) and loops.json (never ends)."""
    forged_row = ["forged.json", *["passed"] * (len(HEADER) - 2), ""]
    forge = ("import js, json\n"  # a verified row of its own, posted from the learner's worker to the page
             f"js.postMessage(js.JSON.parse(json.dumps({{'kind': 'verified', 'row': {forged_row!r}, "
             "'lines': []})))")
    work_file(tmp_path / "forged.json", {SECOND: with_cells(lesson(built_site, SECOND), forge)},
              claiming_all(SECOND))
    work_file(tmp_path / "loops.json",
              {SECOND: with_cells(lesson(built_instructor_site, SECOND), "while True:\n    pass")},
              claiming_all(SECOND))
    return tmp_path


# keeps each blob the page links to: the CSV where the engine's driver reports no download
LINKED_BLOBS = """() => { if (window.linked) return; window.linked = []; const link = URL.createObjectURL;
  URL.createObjectURL = (blob) => (window.linked.push(blob), link(blob)); }"""


def downloaded_csv(page) -> str:
    """What the Download button saves: the file in Chromium; in Firefox, whose WebDriver BiDi route tells
    Playwright of no download, the blob the button links to the download."""
    if page.context.browser.browser_type.name == "chromium":
        with page.expect_download() as download:
            page.click("#download")
        return download.value.path().read_bytes().decode()
    page.evaluate(LINKED_BLOBS)
    page.click("#download")
    return page.evaluate("() => window.linked.at(-1).text()")


def test_the_page_gives_the_command_lines_verdicts_in_a_table_that_fits_the_screen(
        page, instructor_site_url, hand_ins):
    page.set_viewport_size(SCREEN)
    page.goto(f"{instructor_site_url}grading.html")
    page.set_input_files("#files", [hand_ins / "complete.json", hand_ins / "starter.json"])
    page.wait_for_selector("#status[data-state=done]", timeout=GRADING_S * 1000)
    on_page = downloaded_csv(page)
    assert on_page == (hand_ins / "cli.csv").read_bytes().decode()  # the bytes: both end lines with \r\n
    header, complete, starter = csv.reader(io.StringIO(on_page))
    # the lessons the files hold (the others are "-": not handed in)
    def rerun(lessons: tuple) -> list[int]:
        held = [COURSE.labels[name] for name in lessons]
        return [i for i, head in enumerate(header) if head in RERUN_HEADS and head.split()[0] in held]

    assert len(rerun(SOLVED)) == sum(len(COURSE.published[name][1]) for name in SOLVED)
    assert [complete[i] for i in rerun(SOLVED)] == ["passed"] * len(rerun(SOLVED))
    assert [starter[i] for i in rerun(STARTER)] == ["not yet"] * len(rerun(STARTER))
    # a row per file and lesson: every lesson of the course, and the table no wider than the screen
    assert page.locator('tbody tr[data-file="complete.json"]').count() == len(COURSE.labels)
    assert page.locator('tr[data-file="starter.json"][data-lesson="L1"] td').first.inner_text() == (
        "recorded passed\nverified not yet")
    assert page.evaluate("document.documentElement.scrollWidth") <= SCREEN["width"]
    assert page.locator("table.grades").bounding_box()["width"] <= SCREEN["width"]
    assert serious_accessibility_violations(page) == []


def test_the_page_takes_no_forged_row_and_stops_a_worker_in_time(page, instructor_site_url, hostile_hand_ins):
    page.goto(f"{instructor_site_url}grading.html")
    # Playwright's fill types after the number already there in Firefox (WebDriver BiDi): "3005", not "5"
    page.locator("#time-limit").clear()
    page.fill("#time-limit", "5")
    assert page.input_value("#time-limit") == "5"
    page.set_input_files("#files", [hostile_hand_ins / "forged.json", hostile_hand_ins / "loops.json"])
    page.wait_for_selector("#status[data-state=done]", timeout=GRADING_S * 1000)
    graded = {row[0]: row for row in csv.reader(io.StringIO(downloaded_csv(page)))}
    assert "forged.json" in graded, page.locator("#lines").text_content()
    forged = graded["forged.json"]
    assert forged[-1] == "L2: js, postMessage"  # its flags as planned
    assert "passed" not in [forged[i] for i, head in enumerate(HEADER) if head in RERUN_HEADS]
    assert f"loops.json: {stopped(5)}" in page.locator("#lines").text_content()
    assert page.locator("tr[data-state=stopped]").first.get_attribute("data-file") == "loops.json"
