"""Lesson 2 in the site's Pyodide kernel: real HTTP to the site's own files, and the browser's rules."""

import pytest

from tests.lesson_text import seconds_after

pytestmark = pytest.mark.browser
NOTEBOOK = "apis_webscraping.ipynb"


def test_learner_lesson_fetches_from_the_site_and_meets_cors(lesson_page, site_url, foreign_requests):
    lesson_page.open(NOTEBOOK)
    lesson_page.run_all()
    text = lesson_page.text()
    assert lesson_page.error_outputs() == []
    assert "HTTP requests go through pyodide.http.pyfetch" in text
    assert f"GET {site_url}files/data/api/v1/sales/page-1.json\n-> 200 (success)" in text
    assert "page-9.json answered 404 Not Found" in text
    assert "no answer within 1e-06 s (timed out)" in text
    assert "Total       762.60" in text
    assert seconds_after("asyncio.gather", text) < 0.6 * seconds_after("One by one", text)
    assert "gather with Semaphore(2):" in text
    assert "robots.txt: status 200" in text
    assert "GET -> 200, 5 records" in text  # requests, installed from the site's own lock
    assert "urllib.request.urlopen failed here: URLError" in text
    assert "Blocked by the browser (CORS):" in text and "Failed to fetch" in text
    assert text.count("✘ Not yet:") == 3
    assert foreign_requests == []


def test_instructor_solutions_pass_in_pyodide(instructor_lesson_page, foreign_requests):
    instructor_lesson_page.open(NOTEBOOK)
    instructor_lesson_page.run_all()
    text = instructor_lesson_page.text()
    assert instructor_lesson_page.error_outputs() == []
    assert text.count("✔ Correct:") == 3 and "✘" not in text
    assert "records of an API your code had never seen" in text
    assert foreign_requests == []
