"""A lesson's kernel starts from the build's memory snapshot (coursebuild/site/kernel_snapshot.py) and
takes from the learner's computer, not from the one that made the snapshot, what Python read at its
start: the local time zone and the random generator's seed."""

import re

import pytest

from coursebuild.site.kernel_snapshot import ENVIRON_NAME, START_SCRIPT
from tests.support.course import lesson_stems
from tests.support.notebook_page import NotebookPage

NOTEBOOK = f"{lesson_stems()[0]}.ipynb"
OUTPUT = ".jp-CodeCell >> nth=0 >> .jp-OutputArea-output"
# A zone unlike the build machine's UTC, with summer time in January: Python's time module names the
# standard zone first and counts seconds west of UTC
ZONE = "Australia/Sydney"
ZONE_IN_PYTHON = "('UTC+1000', 'UTC+1100') -36000 -39600 1 UTC+1100 +1100"
CHECK = (f"import os, random, time\n"
         f"print('snapshot', os.environ.get('{ENVIRON_NAME}'))\n"
         "print(time.tzname, time.timezone, time.altzone, time.daylight, "
         "time.strftime('%Z %z', time.localtime(1767225600)))\n"  # 2026-01-01, summer in Sydney
         "print('random', random.random())")


@pytest.fixture
def browser_context_args(browser_context_args):
    """Pages whose local time zone is Sydney's."""
    return {**browser_context_args, "timezone_id": ZONE}


def kernel_says(lesson_page: NotebookPage) -> str:
    """Open the lesson in the page and run CHECK in its first code cell; the output's text."""
    lesson_page.open(NOTEBOOK)
    lesson_page.first_code_cell().click()
    lesson_page.page.keyboard.press("Control+a")
    lesson_page.page.keyboard.type(CHECK)
    lesson_page.page.keyboard.press("Shift+Enter")
    output = lesson_page.page.locator(OUTPUT).filter(has_text="random")
    output.wait_for()
    return output.text_content()


def test_the_kernel_starts_from_the_snapshot_with_the_learners_time_zone_and_its_own_seed(
        lesson_page, context, site_url, built_site):
    start_script = (built_site / "static" / "pyodide" / START_SCRIPT).read_text()
    key = re.search(r'"kernel-(\w+)\.snapshot\.gz"', start_script).group(1)
    warnings = []
    lesson_page.page.on("console", lambda message: "without its snapshot" in message.text
                        and warnings.append(message.text))

    first = kernel_says(lesson_page)
    assert f"snapshot {key}" in first
    assert ZONE_IN_PYTHON in first
    second_page = context.new_page()
    second_page.set_default_timeout(60_000)
    second = kernel_says(NotebookPage(second_page, site_url))
    assert f"snapshot {key}" in second
    # a snapshot's generator, unseeded, would give every kernel started from it the same numbers
    assert first.split("random")[1] != second.split("random")[1]
    assert warnings == []
