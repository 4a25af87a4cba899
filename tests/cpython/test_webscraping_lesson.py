"""Lesson 2 in CPython, against the course files served over HTTP by the tests' own server."""

import importlib

import pytest

from tests.cpython.conftest import run_coroutine, run_in_mode, stream_text, wrong_answers
from tests.lesson_text import seconds_after

LESSON = "apis_webscraping"


@pytest.fixture
def text(executed_lesson):
    return stream_text(executed_lesson(LESSON))


def test_requests_go_through_urllib_to_the_test_server(text, course_files_url):
    assert "HTTP requests go through urllib.request" in text
    assert f"GET {course_files_url}data/api/v1/sales/page-1.json\n-> 200 (success)" in text


def test_errors_and_timeouts_become_clear_messages(text):
    assert "page-9.json answered 404 Not Found: there is no such resource; check the address." in text
    assert "answered 500 Internal Server Error: the server failed; retry later" in text
    assert "no answer within 1e-06 s (timed out)" in text


def test_pagination_and_summary(text):
    assert "12 records from 3 pages" in text
    for line in ["East        240.75", "West        184.70", "North       178.40", "South       158.75",
                 "Total       762.60"]:
        assert line in text


def test_gather_overlaps_the_simulated_latency_and_a_semaphore_limits_it(text):
    assert seconds_after("asyncio.gather", text) < 0.6 * seconds_after("One by one", text)  # ideal 1/3
    # ideal 0.6
    assert 0.55 < seconds_after("gather with Semaphore(2)", text) < seconds_after("One by one", text)
    assert text.count("same pages: True") == 2


def test_status_codes_say_what_to_do():
    import sys

    from coursebuild.paths import CONTENT

    sys.path.insert(0, str(CONTENT))
    from coursekit.web import explain_status

    assert "Retry-After" in explain_status(429, "u") and "Retry-After" in explain_status(503, "u")
    assert "credentials" in explain_status(401, "u") and "retrying will not help" in explain_status(403, "u")


def test_caught_stays_caught_keeps_out_only_javascript_errors(monkeypatch):
    import sys

    from coursebuild.paths import CONTENT

    sys.path.insert(0, str(CONTENT))
    from coursekit.web import caught_stays_caught

    JsException = type("JsException", (Exception,), {})  # named as pyodide.ffi's, which CPython lacks
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: reported.append(error))
    javascript, python = JsException("TypeError: Failed to fetch"), ValueError("a real mistake")
    with caught_stays_caught([]) as dropped:
        sys.excepthook(JsException, javascript, None)
        sys.excepthook(ValueError, python, None)
    sys.excepthook(JsException, javascript, None)  # the notebook's own hook is back
    assert dropped == [javascript] and reported == [python, javascript]


def test_scraping_is_polite_and_shows_what_breaks(text):
    assert "robots.txt: status 200" in text
    assert "/private/rota.html: disallowed: we skip it" in text
    assert "Crawl-delay: 1 s between requests" in text
    assert "'North': 47415.75" in text
    assert "By position, the scraper now fails: ValueError" in text


def test_cpython_has_no_cors(text):
    assert "urllib.request.urlopen: 200, it works in this Python." in text
    assert "GET -> 200, 5 records" in text  # requests
    assert "no CORS outside a browser" in text
    assert "requests read http://localhost" in text or "requests read http://127.0.0.1" in text


def test_learner_and_instructor_checks(executed_lesson):
    learner = stream_text(executed_lesson(LESSON, "learner"))
    instructor = stream_text(executed_lesson(LESSON, "instructor"))
    assert learner.count("✘ Not yet:") == 3 and "✔ Correct" not in learner
    assert instructor.count("✔ Correct:") == 3 and "✘" not in instructor
    assert "records of an API your code had never seen" in instructor


# The checks, with the lesson's solutions and plausible wrong answers.

RECORDS = [
    {"region": "North", "units": 3, "unit_price": 1.1},
    {"region": "North", "units": 1, "unit_price": 0.2},
    {"region": "South", "units": 2, "unit_price": 4.25},
]  # North is 3 * 1.1 + 0.2 = 3.5000000000000004 in floating point: money needs rounding


@pytest.fixture
def checks(coursekit):
    """The web lesson's checks."""
    return importlib.import_module("coursekit.web_checks")


def test_region_totals_solution_passes(checks, solutions, capsys, mode):
    assert checks.check_region_totals(solutions(LESSON)["region_totals"], RECORDS)
    assert "South leads with 8.50" in capsys.readouterr().out


def totals_with(records, amount, finish=lambda total: round(total, 2)):
    totals = {}
    for record in records:
        totals[record["region"]] = totals.get(record["region"], 0) + amount(record)
    return {region: finish(total) for region, total in totals.items()}


@wrong_answers({
    "list": (lambda records: [1, 2], "return a dict"),
    "missing-region": (lambda records: {"North": 3.5}, "the regions should be"),
    "prices-only": (lambda records: totals_with(records, lambda r: r["unit_price"]),
                    "that adds unit prices only"),
    "not-rounded": (lambda records: totals_with(records, lambda r: r["units"] * r["unit_price"], lambda t: t),
                    "round money to cents"),
    "wrong-total": (lambda records: totals_with(records, lambda r: r["units"] * r["unit_price"] + 0.1),
                    "North should total 3.50"),
    "truncated": (lambda records: totals_with(records, lambda r: r["units"] * r["unit_price"], int),
                  "should total"),
})
def test_region_totals_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_region_totals(wrong, RECORDS)
    assert message in capsys.readouterr().out



@pytest.fixture
def first_page(course_files_url):
    return f"{course_files_url}data/api/v1/sales/page-1.json"


@pytest.fixture
def all_records(coursekit, solutions, first_page):
    return run_coroutine(solutions(LESSON)["fetch_all_records"](first_page))


def test_pagination_solution_passes(checks, solutions, first_page, all_records, mode):
    assert len(all_records) == 12
    assert run_in_mode(mode, checks.check_fetch_all_records(solutions(LESSON)["fetch_all_records"],
                                                           first_page, all_records))


async def first_page_only(url):
    from coursekit import web

    return (await web.fetch(url)).json()["records"]


async def pages_reversed(url):
    from coursekit import web

    pages = [(await web.fetch(url.replace("page-1", f"page-{n}"))).json()["records"] for n in (3, 2, 1)]
    return [record for page in pages for record in page]


async def guessed_page_url(url):
    from coursekit import web

    return web.raise_for_status(await web.fetch(url.replace("page-1", "page-01"))).json()["records"]


def not_async(url):
    return []


async def known_pages(url):
    """Hard-coded to the lesson's three pages: right there, wrong anywhere else."""
    from coursekit import web

    base = url.rsplit("/", 2)[0] + "/sales/"
    return [r for n in (1, 2, 3) for r in (await web.fetch(f"{base}page-{n}.json")).json()["records"]]


async def stops_at_empty_page(url):
    from urllib.parse import urljoin

    from coursekit import web

    records = []
    while url:
        body = (await web.fetch(url)).json()
        if not body["records"]:
            break  # the mistake: an empty page is taken for the end
        records += body["records"]
        url = urljoin(url, body["next"]) if body["next"] else None
    return records


@wrong_answers({
    "first-page-only": (first_page_only, "got 5 of 12 records: keep following `next`"),
    "reversed": (pages_reversed, "out of order"),
    "not-async": (not_async, "define fetch_all_records with `async def`"),
    "bad-url": (guessed_page_url, "answered 404 Not Found"),
    "hard-coded-pages": (known_pages, "not a fixed list of pages"),
    "stops-at-empty-page": (stops_at_empty_page, "only a null `next` marks the end"),
})
def test_pagination_check_names_the_mistake(checks, capsys, first_page, all_records, wrong, message, mode):
    assert not run_in_mode(mode, checks.check_fetch_all_records(wrong, first_page, all_records))
    assert message in capsys.readouterr().out


@pytest.fixture
def pages():
    from tests.conftest import REPO

    web_dir = REPO / "content" / "data" / "web"
    return (web_dir / "stores.html").read_text(), (web_dir / "stores-redesign.html").read_text()


def test_scraper_solution_passes(checks, solutions, capsys, pages, mode):
    assert checks.check_parse_store_table(solutions(LESSON)["parse_store_table"], *pages)


def rows_by_header(html, convert=True, check_headers=True, error=ValueError):
    from coursekit.scraping import table_cells

    headers, rows = table_cells(html)
    if check_headers and "Weekly revenue (£)" not in headers:
        raise error("missing column: Weekly revenue (£)")
    stores = [dict(zip(headers, row)) for row in rows]
    if convert:
        for store in stores:
            store["Weekly revenue (£)"] = float(store["Weekly revenue (£)"].replace(",", ""))
    return stores


def silent_on_missing(html):
    """Converts revenue where the column exists and says nothing when it does not."""
    from coursekit.scraping import table_cells

    headers, rows = table_cells(html)
    stores = [dict(zip(headers, row)) for row in rows]
    for store in stores:
        if "Weekly revenue (£)" in store:
            store["Weekly revenue (£)"] = float(store["Weekly revenue (£)"].replace(",", ""))
    return stores


def by_position(html):
    from coursekit.scraping import table_cells

    _, rows = table_cells(html)
    names = ["Store", "City", "Region", "Opened", "Weekly revenue (£)"]
    return [{**dict(zip(names, row)), "Weekly revenue (£)": float(row[4].replace(",", ""))} for row in rows]


def by_position_text(html):
    from coursekit.scraping import table_cells

    _, rows = table_cells(html)
    return [dict(zip(["Store", "City", "Region", "Opened", "Weekly revenue (£)"], row)) for row in rows]


@wrong_answers({
    # the redesign's revenue cell is a city name: float() fails
    "by-position": (by_position, "raised ValueError"),
    "by-position-text": (by_position_text, "convert it to a number"),
    "text-revenue": (lambda html: rows_by_header(html, convert=False), "convert it to a number"),
    "no-header-check": (lambda html: rows_by_header(html, check_headers=False), "check the headers first"),
    "wrong-error": (lambda html: rows_by_header(html, error=KeyError), "raised KeyError"),
    "keyed-only": (lambda html: rows_by_header(html, check_headers=False, convert=False),
                   "convert it to a number"),
    "silent": (silent_on_missing, "went through without a word"),
})
def test_scraper_check_names_the_mistake(checks, capsys, pages, wrong, message, mode):
    assert not checks.check_parse_store_table(wrong, *pages)
    assert message in capsys.readouterr().out
