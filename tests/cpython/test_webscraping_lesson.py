"""Lesson 2 in CPython, against the course files served over HTTP by the tests' own server."""

import os
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

import pytest

from tests.support.cases import wrong_answers
from tests.support.check_lines import assert_check_lines
from tests.support.lesson_fixtures import lesson_fixtures
from tests.support.lesson_text import seconds_after
from tests.support.threads import run_coroutine, run_in_mode

LESSON = "apis_webscraping"


text, checks, lesson = lesson_fixtures(LESSON, "web_checks")


def test_requests_go_through_urllib_to_the_test_server(text, course_files_url):
    assert "HTTP requests go through urllib.request" in text
    assert f"GET {course_files_url}data/api/v1/sales/page-1.json\n-> 200 (success)" in text


def test_errors_and_timeouts_become_clear_messages(text):
    assert "page-9.json answered 404 Not Found: there is no such resource; check the address." in text
    assert "answered 500 Internal Server Error: the server failed; retry later" in text
    assert "no answer within 1e-06 s (timed out)" in text


def test_retries_honour_retry_after_then_back_off(text):
    assert "try 1: 503; waiting 1 s\ntry 2: 502; waiting 0.2 s\nfinal answer: 200" in text


def test_money_from_json_is_decimal_rounded_half_up(text):
    assert "3 * 0.29 = 0.8699999999999999 -> cut to cents: 0.86" in text
    assert "3 * Decimal('0.29') = 0.87" in text
    assert "first record's unit price: Decimal('18.5')" in text


def test_pagination_and_summary(text):
    assert "12 records from 3 pages, revenue £762.60" in text


def test_gather_overlaps_the_simulated_latency_and_a_semaphore_limits_it(text):
    assert seconds_after("asyncio.gather", text) < 0.6 * seconds_after("One by one", text)  # ideal 1/3
    # ideal 0.2: two rounds of 0.1 s
    assert 0.18 < seconds_after("gather with Semaphore(2)", text) < seconds_after("One by one", text)
    assert text.count("same pages: True") == 2


def test_status_codes_say_what_to_do():
    import sys

    from coursebuild.paths import CONTENT

    sys.path.insert(0, str(CONTENT))
    from coursekit.web import explain_status

    assert "Retry-After" in explain_status(429, "u") and "Retry-After" in explain_status(503, "u")
    assert "credentials" in explain_status(401, "u") and "retrying will not help" in explain_status(403, "u")
    assert all("retry after a pause" in explain_status(status, "u") for status in (408, 502, 504))
    assert "retrying as is will not help" in explain_status(400, "u")


def test_header_names_are_found_in_any_case(coursekit):
    """The browser hands header names over in lower case, urllib as sent: the retry cell must find both."""
    from coursekit.web import Response

    for sent in ["Retry-After", "retry-after"]:
        headers = Response("u", 503, "", headers={sent: "1"}).headers
        assert headers.get("Retry-After") == headers["RETRY-AFTER"] == "1" and "retry-after" in headers
    assert Response("u", 200, "").headers.get("Retry-After", 0.1) == 0.1


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
    assert "'Harbour Street': '18420.50'" in text and "'Old Town': '25310.75'" in text
    assert "By position, the scraper now fails: cell 4 is now '2019-04-01', which is no amount" in text


def test_cpython_has_no_cors(text):
    assert "urllib.request.urlopen: 200, it works in this Python." in text
    assert "GET -> 200, 5 records" in text  # requests
    assert "no CORS outside a browser" in text
    assert "requests read http://localhost" in text or "requests read http://127.0.0.1" in text


def test_learner_and_instructor_checks(executed_lesson):
    instructor = assert_check_lines(executed_lesson, LESSON, not_yet={1: 1, 2: 1, 3: 1, 4: 1})
    assert "records of an API your code had never seen" in instructor


def test_recorded_reads_what_the_build_measured(coursekit, tmp_path):
    """On a site served from elsewhere the CORS cell shows the report's measurement per runtime."""
    import json

    from coursebuild.measuring.cpython_kernel import FILES_URL_VARIABLE, files_served_to_kernels

    (tmp_path / "files").mkdir()
    report = {"runtimes": ["cpython", "webkit"], "probes": [
        {"name": "versions", "cpython": {"works": True, "detail": "3.11"}},
        {"name": "cross_origin_fetch", "cpython": {"works": True, "detail": "status 200"},
         "webkit": {"works": False, "detail": "TypeError: Load failed"}}]}
    (tmp_path / "pyodide-report.json").write_text(json.dumps(report))
    with files_served_to_kernels(tmp_path) as url:
        # the lesson's files under files/, as on the site; leaving the block restores the session's URL (a
        # monkeypatch here would restore this server's, shut by then, for every later test's kernels)
        os.environ[FILES_URL_VARIABLE] = url + "files/"
        from coursekit import web

        assert run_coroutine(web.recorded("cross_origin_fetch")) == {
            "cpython": (True, "status 200"), "webkit": (False, "TypeError: Load failed")}


def test_answer_keys_do_not_hold_the_answers(checks):
    """No check module spells an expected value: keys are digests, and no function computes the answer."""
    import inspect

    source = inspect.getsource(checks)
    for answer in ["1.43", "11.91", "12.63", "22.01", "0.63", "17.54", "18420.5", "Cathedral Lane',"]:
        assert answer not in source
    assert not hasattr(checks, "expected_totals") and not hasattr(checks, "reference_records")


# The checks, with the lesson's solutions, correct variants and plausible wrong answers, in both modes.

def totals_with(amount=lambda r: r["units"] * r["unit_price"], finish=lambda total: total, start=0):
    """A region_totals answer: `amount` per record added from `start`, each total passed to `finish`."""
    def region_totals(records):
        totals = {}
        for record in records:
            totals[record["region"]] = totals.get(record["region"], start) + amount(record)
        return {region: finish(total) for region, total in totals.items()}
    return region_totals


def as_float(record):
    return record["units"] * float(record["unit_price"])


def half_up(total):
    return Decimal(total).quantize(Decimal("0.01"), ROUND_HALF_UP)


def unfinished(records):
    raise NotImplementedError  # the starter code


@pytest.mark.parametrize("answer", [
    totals_with(finish=half_up, start=Decimal(0)),  # the lesson's way
    totals_with(finish=lambda t: float(half_up(t)), start=Decimal(0)),  # right cents, handed back as floats
    totals_with(amount=lambda r: r["units"] * int(r["unit_price"] * 1000), start=0,
                finish=lambda mills: Decimal(mills // 10 + (mills % 10 >= 5)) / 100),  # whole tenths of pence
], ids=["decimal", "float-of-right-cents", "integer-arithmetic"])
def test_region_totals_correct_variants_pass(checks, solutions, capsys, answer, mode):
    assert checks.check_region_totals(answer)
    assert checks.check_region_totals(solutions(LESSON)["region_totals"])
    assert "half cents rounded up" in capsys.readouterr().out


@wrong_answers({
    "list": (lambda records: [1, 2], "return a dict"),
    "missing-region": (lambda records: {"North": Decimal("3.50")}, "the regions of these orders are"),
    "prices-only": (totals_with(amount=lambda r: r["unit_price"], finish=half_up), "adds unit prices only"),
    "not-rounded": (totals_with(start=Decimal(0)), "round money to cents once"),
    "float-round": (totals_with(amount=as_float, finish=lambda t: round(t, 2)),
                    "ends in exactly half a cent"),
    "float-cut-off": (totals_with(amount=as_float, finish=lambda t: int(t * 100) / 100),
                      "lands just below or above a cent"),
    "decimal-round-half-even": (totals_with(start=Decimal(0), finish=lambda t: round(t, 2)),
                                "ends in exactly half a cent"),
    "float-sum-then-decimal": (totals_with(amount=as_float, finish=lambda t: half_up(str(t))),
                               "ends in exactly half a cent"),
    "ceiling": (totals_with(start=Decimal(0), finish=lambda t: t.quantize(Decimal("0.01"), ROUND_CEILING)),
                "a cent off"),
    "whole-cents": (totals_with(finish=lambda t: int(half_up(t) * 100)), "looks like whole cents"),
    "text": (totals_with(finish=lambda t: str(half_up(t))), "should be a number"),
    "raises": (totals_with(amount=lambda r: r["price"]), "raised KeyError"),
    "unfinished": (unfinished, "still raises NotImplementedError"),
})
def test_region_totals_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_region_totals(wrong)
    out = capsys.readouterr().out
    assert message in out and "Traceback" not in out


def invoice_with(net_of=lambda lines: sum(line["units"] * line["unit_price"] for line in lines),
                 vat_of=lambda net, rate: half_up(net * rate), shape=tuple):
    """An invoice_totals answer built from a way to get the net and one to get the VAT."""
    def invoice_totals(lines, vat_rate=Decimal("0.20")):
        net = net_of(lines)
        vat = vat_of(net, vat_rate)
        return shape((net, vat, net + vat))
    return invoice_totals


def float_net(lines):
    return sum(line["units"] * float(line["unit_price"]) for line in lines)


@pytest.mark.parametrize("answer", [
    invoice_with(),
    invoice_with(shape=list),
    invoice_with(shape=lambda amounts: tuple(map(float, amounts))),
], ids=["tuple", "list", "floats-of-right-pennies"])
def test_invoice_correct_variants_pass(checks, solutions, capsys, answer, mode):
    assert checks.check_invoice_totals(answer)
    assert checks.check_invoice_totals(solutions(LESSON)["invoice_totals"])
    assert "right to the penny" in capsys.readouterr().out


def gross_without_vat(lines, vat_rate=Decimal("0.20")):
    net, vat, _ = invoice_with()(lines, vat_rate)
    return net, vat, net


@wrong_answers({
    "ignores-rate": (invoice_with(vat_of=lambda net, rate: half_up(net * Decimal("0.20"))),
                     "use the rate the function is given"),
    "float-round": (invoice_with(net_of=float_net, vat_of=lambda net, rate: round(net * float(rate), 2)),
                    "a penny off"),
    "decimal-round-half-even": (invoice_with(vat_of=lambda net, rate: round(net * rate, 2)), "a penny off"),
    "not-rounded": (invoice_with(vat_of=lambda net, rate: net * rate), "round it to the penny"),
    "prices-only": (invoice_with(net_of=lambda lines: sum(line["unit_price"] for line in lines)),
                    "adds unit prices only"),
    "gross-only": (lambda lines, vat_rate=Decimal("0.20"): invoice_with()(lines, vat_rate)[2],
                   "return three amounts"),
    "gross-without-vat": (gross_without_vat, "gross should be the net plus the VAT"),
    "text": (invoice_with(shape=lambda amounts: tuple(map(str, amounts))), "should be numbers"),
})
def test_invoice_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_invoice_totals(wrong)
    out = capsys.readouterr().out
    assert message in out and "Traceback" not in out


@pytest.fixture
def first_page(course_files_url):
    return f"{course_files_url}data/api/v1/sales/page-1.json"


def test_pagination_solution_passes(checks, solutions, first_page, capsys, mode):
    solution = solutions(LESSON)["fetch_all_records"]
    assert run_in_mode(mode, checks.check_fetch_all_records(solution, first_page))
    assert "all 12 sales records, and all 6 records of an API your code had never seen" \
        in capsys.readouterr().out


async def with_decimal_prices(url):
    """A correct variant: prices read as Decimal, pages followed into a tuple."""
    from urllib.parse import urljoin

    from coursekit import web

    records = ()
    while url:
        body = (await web.fetch(url)).json(parse_float=Decimal)
        records += tuple(body["records"])
        url = urljoin(url, body["next"]) if body["next"] else None
    return records


def test_pagination_correct_variant_passes(checks, first_page, mode):
    assert run_in_mode(mode, checks.check_fetch_all_records(with_decimal_prices, first_page))


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


async def pages_not_records(url):
    from coursekit import web

    return [(await web.fetch(url)).json()]


async def impatient(url):
    """Follows `next`, with a timeout no server meets."""
    from urllib.parse import urljoin

    from coursekit import web

    records = []
    while url:
        body = (await web.fetch(url, timeout=0.000_002)).json()
        records += body["records"]
        url = urljoin(url, body["next"]) if body["next"] else None
    return records


async def never_stops(url):
    """Fetches the first page again and again, pausing politely: never ends."""
    import asyncio

    from coursekit import web

    while True:
        await web.fetch(url)
        await asyncio.sleep(0.01)


@wrong_answers({
    "first-page-only": (first_page_only, "got 5 of 12 records: keep following `next`"),
    "reversed": (pages_reversed, "out of order"),
    "not-async": (not_async, "define fetch_all_records with `async def`"),
    "bad-url": (guessed_page_url, "answered 404 Not Found"),
    "hard-coded-pages": (known_pages, "not a fixed list of pages"),
    "stops-at-empty-page": (stops_at_empty_page, "only a null `next` marks the end"),
    "pages-not-records": (pages_not_records, "not a list of pages"),
    "never-stops": (never_stops, "was still running after 2 s"),
})
def test_pagination_check_names_the_mistake(checks, capsys, first_page, wrong, message, mode, monkeypatch):
    # short enough for the never-ending answer, long enough for three pages on a loaded machine
    monkeypatch.setattr(checks, "CHECK_LIMIT_S", 2.0)
    assert not run_in_mode(mode, checks.check_fetch_all_records(wrong, first_page))
    out = capsys.readouterr().out
    assert message in out and "Traceback" not in out


def test_pagination_check_names_the_learners_own_timeout(checks, capsys, first_page):
    """With threads, as in the browser (where fetch() aborts at the limit), the whole request is timed.

    Without threads CPython's fallback times each socket operation alone, and a local server can
    answer within even 2 µs, so that mode cannot make this timeout fire.
    """
    assert not run_in_mode("threads", checks.check_fetch_all_records(impatient, first_page))
    out = capsys.readouterr().out
    assert "did not come within your timeout of 2e-06 s" in out and "Traceback" not in out


@pytest.fixture
def pages():
    from tests.support.course import REPO

    web_dir = REPO / "content" / "data" / "web"
    return (web_dir / "stores.html").read_text(), (web_dir / "stores-redesign.html").read_text()


REVENUE = "Weekly revenue (£)"
REQUIRED = ["Store", "Region", REVENUE]


def scraper(required=REQUIRED, error=ValueError, convert=lambda text: Decimal(text.replace(",", "")),
            message="the table has no {} column"):
    """A parse_store_table answer: keyed by header, checking `required`, revenue through `convert`."""
    def parse_store_table(html):
        from coursekit.scraping import table_cells

        headers, rows = table_cells(html)
        for name in required:
            if name not in headers:
                raise error(message.format(name))
        stores = [dict(zip(headers, row)) for row in rows]
        for store in stores:
            if REVENUE in store:
                store[REVENUE] = convert(store[REVENUE])
        return stores
    return parse_store_table


def by_position(html):
    from coursekit.scraping import table_cells

    _, rows = table_cells(html)
    names = ["Store", "City", "Region", "Opened", REVENUE]
    return [{**dict(zip(names, row)), REVENUE: Decimal(row[4].replace(",", ""))} for row in rows]


def by_position_text(html):
    from coursekit.scraping import table_cells

    _, rows = table_cells(html)
    return [dict(zip(["Store", "City", "Region", "Opened", REVENUE], row)) for row in rows]


def the_lessons_rows(pages):
    """Hard-coded: whatever page it is given, the rows of the lesson's own page."""
    rows = scraper()(pages[0])
    return lambda html: scraper()(html) and rows


@pytest.mark.parametrize("answer", [
    scraper(), scraper(convert=lambda text: float(text.replace(",", ""))),
], ids=["decimal", "float"])
def test_scraper_correct_variants_pass(checks, solutions, capsys, pages, answer, mode):
    assert checks.check_parse_store_table(answer, *pages)
    assert checks.check_parse_store_table(solutions(LESSON)["parse_store_table"], *pages)
    assert "three layouts read by header" in capsys.readouterr().out


@wrong_answers({
    "by-position": (by_position, "on the redesigned page it raised InvalidOperation"),
    "by-position-text": (by_position_text, "convert it to a number"),
    "text-revenue": (scraper(convert=str), "convert it to a number"),
    "revenue-misread": (scraper(convert=lambda text: Decimal(text.replace(",", "").replace(".", ""))),
                        "remove only the commas"),
    "no-header-check": (scraper(required=[]), "'Store' column was renamed went through without a word"),
    "checks-revenue-only": (scraper(required=[REVENUE]), "'Store' column was renamed went through"),
    "checks-store-only": (scraper(required=["Store"]), "'Region' column was renamed went through"),
    "checks-two": (scraper(required=["Store", "Region"]),
                   "'Weekly revenue (£)' column was renamed went through"),
    "wrong-error": (scraper(error=KeyError), "raised KeyError"),
    "unnamed-header": (scraper(message="a column is missing"), "let its message name the missing header"),
})
def test_scraper_check_names_the_mistake(checks, capsys, pages, wrong, message, mode):
    assert not checks.check_parse_store_table(wrong, *pages)
    out = capsys.readouterr().out
    assert message in out and "Traceback" not in out


def test_scraper_check_sees_through_hard_coded_rows(checks, capsys, pages, mode):
    assert not checks.check_parse_store_table(the_lessons_rows(pages), *pages)
    assert "another shop's page: found 6 rows; the table has 3 stores" in capsys.readouterr().out


def test_a_check_stops_a_coroutine_that_swallows_a_cancellation(coursekit):
    """asyncio.wait_for before 3.12 can swallow a cancellation (the never-ending pagination answer once hung
    the check so): finished_within cancels again until the learner's coroutine stops."""
    import asyncio

    from coursekit.stopping import finished_within

    async def stubborn():
        swallowed = 0
        while True:
            try:
                await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                swallowed += 1
                if swallowed > 1:
                    raise

    async def stop_it():
        task = asyncio.ensure_future(stubborn())
        return await finished_within(task, 0.05), task.cancelled()

    assert run_coroutine(stop_it()) == (False, True)
