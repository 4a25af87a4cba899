"""One lesson open in two tabs: when one tab loads the published lesson again, the other keeps its edits."""

import re
from urllib.parse import urlparse

from coursebuild.browsers.engines import wait_for_async
from coursebuild.shared_values import storage_name
from tests.support.notebook_page import SAVED_COPY_HOLDS, NotebookPage

NOTEBOOK = "apis_webscraping.ipynb"
EDIT = "# typed in the first tab"


def test_a_reset_in_one_tab_keeps_the_other_tabs_edits_as_a_copy(context, site_url, foreign_requests):
    first = NotebookPage(context.new_page(), site_url)
    second = NotebookPage(context.new_page(), site_url)
    for tab in (first, second):
        tab.page.set_default_timeout(60_000)
        tab.open(NOTEBOOK)
    first.edit_first_code_cell(EDIT)  # not saved: the stored copy does not have it

    second.page.get_by_role("button", name="Reset lesson").click()
    second.notification("This is the published lesson")

    notice = first.notification("This lesson was loaded again in another tab. Your work is kept in")
    kept = re.search(r"“(.+)”", notice.text_content()).group(1)
    assert kept.startswith("apis_webscraping (my work ")
    storage = storage_name(urlparse(site_url).path)
    wait_for_async(first.page, SAVED_COPY_HOLDS, [storage, kept, [EDIT]])
    assert EDIT not in first.first_code_cell().text_content()  # the tab shows the lesson the other loaded
    assert first.page.locator(".jp-Dialog").count() == 0
    assert foreign_requests == []
