"""Checks for the APIs and web scraping lesson's exercises: friendly, specific feedback."""

import inspect
import math
from urllib.parse import urljoin

from . import web
from .feedback import call_safely, describe_error, not_yet, passed
from .scraping import table_cells
from .web import FetchFailed

# Records where adding up in floating point leaves fractions of a cent (3 × 1.1 + 0.2 is
# 3.5000000000000004): an unrounded total shows.
CENT_RECORDS = [
    {"region": "North", "units": 3, "unit_price": 1.1},
    {"region": "North", "units": 1, "unit_price": 0.2},
    {"region": "South", "units": 2, "unit_price": 4.25},
    {"region": "East", "units": 3, "unit_price": 0.1},
]
UNSEEN_CHAIN = "../returns/start.json"  # another API, relative to the sales API's first page
REQUIRED_HEADERS = ("Store", "Region", "Weekly revenue (£)")
REVENUE = "Weekly revenue (£)"


def expected_totals(records) -> dict:
    """Revenue (units × unit price) per region, rounded to cents."""
    totals = {}
    for record in records:
        totals[record["region"]] = totals.get(record["region"], 0) + record["units"] * record["unit_price"]
    return {region: round(total, 2) for region, total in totals.items()}


def check_region_totals(region_totals, records) -> bool:
    """Exercise 1: revenue per region, on records where rounding to cents matters, then on the API's."""
    return (region_totals_right(region_totals, CENT_RECORDS)
            and region_totals_right(region_totals, records, True))


def region_totals_right(region_totals, records, last: bool = False) -> bool:
    """Revenue per region for one set of records; feedback printed on a mistake, and on success if last."""
    result, failed = call_safely("region_totals(records)", region_totals, records)
    if failed is not None:
        return failed
    expected = expected_totals(records)
    if not isinstance(result, dict):
        return not_yet(f"return a dict such as {{'North': 178.4, ...}}, not a {type(result).__name__}.")
    if set(result) != set(expected):
        return not_yet(f"the regions should be {sorted(expected)}, not {sorted(result)}.")
    prices_only = expected_totals([{**r, "units": 1} for r in records])
    for region, value in expected.items():
        got = result[region]
        if isinstance(got, bool) or not isinstance(got, (int, float)):
            return not_yet(f"{region}'s total should be a number, not {got!r}.")
        if math.isclose(got, prices_only[region]) and not math.isclose(got, value):
            return not_yet(f"{region} gives {got}: that adds unit prices only; multiply each by its units.")
        if not math.isclose(got, value, abs_tol=0.005):
            return not_yet(f"{region} should total {value:.2f}, not {got}.")
        if got != round(got, 2):
            return not_yet(f"{region} is {got!r}: round money to cents with round(total, 2).")
    if not last:
        return True
    best = max(result, key=result.get)
    return passed(f"revenue per region is right; {best} leads with {result[best]:,.2f}.")


async def reference_records(url: str) -> list:
    """Every record of a paginated API, following `next` until it is null: what the check expects."""
    records = []
    while url:
        body = web.raise_for_status(await web.fetch(url)).json()
        records += body["records"]
        url = urljoin(url, body["next"]) if body["next"] else None
    return records


async def records_from(fetch_all_records, url: str):
    """(records, None) or (None, feedback already printed) for one call of the learner's function."""
    try:
        return await fetch_all_records(url), None
    except NotImplementedError:
        return None, not_yet("fetch_all_records still raises NotImplementedError: "
                             "replace that line with your code.")
    except FetchFailed as error:
        return None, not_yet(f"a request failed: {error}. Build each next page's URL from the current one.")
    except Exception as error:
        return None, not_yet(f"fetch_all_records raised {describe_error(error)}.")


def pages_mistake(result, expected, what: str) -> str | None:
    """What is wrong with the records fetched from one API, or None."""
    if not isinstance(result, list):
        return f"return a list of records, not a {type(result).__name__}."
    if result == expected[: len(result)] and len(result) < len(expected):
        return (f"{what}: got {len(result)} of {len(expected)} records: "
                "keep following `next` until it is null.")
    if len(result) == len(expected) and sorted(map(repr, result)) == sorted(map(repr, expected)) \
            and result != expected:
        return f"{what}: all the records are there, but out of order: keep each page's records in page order."
    if result != expected:
        return (f"{what}: expected {len(expected)} records, in page order; "
                f"got {len(result)} items that differ.")
    return None


async def check_fetch_all_records(fetch_all_records, first_page_url, all_records) -> bool:
    """Exercise 2: follow `next` links, on the lesson's API and on one the learner has not seen."""
    if not inspect.iscoroutinefunction(fetch_all_records):
        return not_yet("define fetch_all_records with `async def`: it awaits web.fetch for each page.")
    result, failed = await records_from(fetch_all_records, first_page_url)
    if failed is not None:
        return failed
    mistake = pages_mistake(result, all_records, "the sales API")
    if mistake:
        return not_yet(mistake)
    other_url = urljoin(first_page_url, UNSEEN_CHAIN)
    other_expected = await reference_records(other_url)
    other, failed = await records_from(fetch_all_records, other_url)
    if failed is not None:
        return failed
    if other == all_records:
        return not_yet("given another API's first page, it returned the sales records again: "
                       "follow the `next` links of the page you are given, not a fixed list of pages.")
    mistake = pages_mistake(other, other_expected, f"another API ({other_url})")
    if mistake and isinstance(other, list) and len(other) < len(other_expected):
        mistake += " (one of its pages is empty: only a null `next` marks the end.)"
    if mistake:
        return not_yet(mistake)
    return passed(f"all {len(result)} sales records, "
                  f"and all {len(other)} records of an API your code had never seen, by following `next`.")


def reference_rows(page: str) -> list[dict]:
    """The table's rows keyed by header, revenue as a number: what a scraper should return."""
    headers, rows = table_cells(page)
    return [{**row, REVENUE: float(row[REVENUE].replace(",", ""))}
            for row in (dict(zip(headers, r)) for r in rows)]


def without_revenue_header(page: str) -> str:
    """The page with its revenue column renamed, as a redesign might do."""
    return page.replace(f">{REVENUE}<", ">Revenue this week<")


def rows_mistake(result, expected, what: str) -> str | None:
    """What is wrong with the rows scraped from one page, or None."""
    if not isinstance(result, list) or not all(isinstance(row, dict) for row in result):
        return "return a list with one dict per store row, keyed by the column headers."
    if len(result) != len(expected):
        return (f"{what}: found {len(result)} rows; "
                f"the table has {len(expected)} stores (skip the header row).")
    got = result[0].get(REVENUE)
    if isinstance(got, str):
        return (f"{what}: {REVENUE!r} is the text {got!r}; convert it to a number: "
                "float(text.replace(',', '')).")
    if result != expected:
        return f"{what}: the first row should be {expected[0]}, not {result[0]}."
    return None


def check_parse_store_table(parse_store_table, page: str, redesigned_page: str) -> bool:
    """Exercise 3: rows keyed by header, revenue as numbers, and a loud error when a needed header is gone."""
    for what, html in (("the original page", page), ("the redesigned page", redesigned_page)):
        result, failed = call_safely(f"parse_store_table({what.split()[1]} page)", parse_store_table, html)
        if failed is not None:
            return failed
        mistake = rows_mistake(result, reference_rows(html), what)
        if (mistake and what == "the redesigned page"
                and rows_mistake(result, reference_rows(page), what) is None):
            mistake = ("it reads the redesign as if its columns had not moved: key each cell by its column's "
                       "header, not by its position.")
        if mistake:
            return not_yet(mistake)
    try:
        parse_store_table(without_revenue_header(page))
    except ValueError as error:
        if REVENUE not in str(error):
            return not_yet(f"good, a page without the {REVENUE!r} column raises ValueError; "
                           f"let its message name the missing header (it says {str(error)!r}).")
    except Exception as error:
        return not_yet(f"a page without the {REVENUE!r} column raised {describe_error(error)}; "
                       f"check the headers first and raise ValueError naming what is missing.")
    else:
        return not_yet(f"a page whose {REVENUE!r} column was renamed went through without a word: check that "
                       f"every header in {list(REQUIRED_HEADERS)} is there, else raise ValueError naming it.")
    return passed("both layouts read by header with revenue as numbers, "
                  "and a missing column stops with a clear "
                  "ValueError: your scraper fails loudly, not silently.")


def check_exercise_1(region_totals, records) -> None:
    """Exercise 1: revenue per region."""
    check_region_totals(region_totals, records)


async def check_exercise_2(fetch_all_records, first_page_url, all_records) -> None:
    """Exercise 2: pagination."""
    await check_fetch_all_records(fetch_all_records, first_page_url, all_records)


def check_exercise_3(parse_store_table, page, redesigned_page) -> None:
    """Exercise 3: a scraper that survives a redesign, and says so when it cannot."""
    check_parse_store_table(parse_store_table, page, redesigned_page)
