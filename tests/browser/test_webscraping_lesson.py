"""Lesson 2 in Pyodide, in every engine: HTTP to the site's own files, and the browser's rules."""

import pytest

from tests.support.lesson_runs import EDITION_ENGINES
from tests.support.lesson_text import NOT_YET, PASS, seconds_after

LESSON = "apis_webscraping"
# each engine's own words for a response the browser would not let the page read
CORS_REFUSAL = {"chromium": "Failed to fetch", "firefox": "NetworkError when attempting to fetch resource",
                "webkit": "Load failed"}


@pytest.mark.parametrize("engine", EDITION_ENGINES["learner"])
def test_learner_lesson_fetches_from_the_site_and_meets_cors(run_lesson, site_url, engine):
    text = run_lesson(LESSON, "learner", engine).text
    assert "HTTP requests go through the browser's fetch()" in text
    assert f"GET {site_url}files/data/api/v1/sales/page-1.json\n-> 200 (success)" in text
    assert "page-9.json answered 404 Not Found" in text
    assert "no answer within 1e-06 s (timed out)" in text
    assert "try 1: 503; waiting 1 s\ntry 2: 502; waiting 0.2 s\nfinal answer: 200" in text
    assert "3 * Decimal('0.29') = 0.87" in text
    assert "first record's unit price: Decimal('18.5')" in text
    assert "12 records from 3 pages, revenue £762.60" in text
    assert seconds_after("asyncio.gather", text) < 0.6 * seconds_after("One by one", text)
    assert "gather with Semaphore(2):" in text
    assert "robots.txt: status 200" in text
    assert "GET -> 200, 5 records" in text  # requests, installed from the site's own lock
    assert "urllib.request.urlopen failed here: URLError" in text
    assert "Blocked by the browser (CORS):" in text and CORS_REFUSAL[engine] in text
    assert "requests was blocked too: ConnectionError:" in text
    assert text.count(NOT_YET) == 4


@pytest.mark.parametrize("engine", EDITION_ENGINES["instructor"])
def test_instructor_solutions_pass_in_pyodide(run_lesson, engine):
    text = run_lesson(LESSON, "instructor", engine).text
    assert text.count(PASS) == 4 and NOT_YET not in text
    assert "records of an API your code had never seen" in text
