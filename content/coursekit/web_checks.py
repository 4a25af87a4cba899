"""Checks for the APIs and web scraping lesson's exercises: friendly, specific feedback."""

import inspect
import math

from .scraping import table_cells
from .feedback import call_safely, describe_error, not_yet, passed
from .web import FetchFailed


def expected_totals(records) -> dict:
    """Revenue (units × unit price) per region, rounded to cents."""
    totals = {}
    for record in records:
        totals[record["region"]] = totals.get(record["region"], 0) + record["units"] * record["unit_price"]
    return {region: round(total, 2) for region, total in totals.items()}


def check_region_totals(region_totals, records) -> bool:
    """Exercise 1: revenue per region from the API's records."""
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
    best = max(result, key=result.get)
    return passed(f"revenue per region is right; {best} leads with {result[best]:,.2f}.")


async def check_fetch_all_records(fetch_all_records, first_page_url, all_records) -> bool:
    """Exercise 2: follow the API's `next` links and return every record, in order."""
    if not inspect.iscoroutinefunction(fetch_all_records):
        return not_yet("define fetch_all_records with `async def`: it awaits web.fetch for each page.")
    try:
        result = await fetch_all_records(first_page_url)
    except NotImplementedError:
        return not_yet("fetch_all_records still raises NotImplementedError: replace that line with your code.")
    except FetchFailed as error:
        return not_yet(f"a request failed: {error}. Build each next page's URL from the current one.")
    except Exception as error:
        return not_yet(f"fetch_all_records raised {describe_error(error)}.")
    if not isinstance(result, list):
        return not_yet(f"return a list of records, not a {type(result).__name__}.")
    if result == all_records[: len(result)] and len(result) < len(all_records):
        return not_yet(f"got {len(result)} of {len(all_records)} records: keep following `next` until it is null.")
    if len(result) == len(all_records) and sorted(map(repr, result)) == sorted(map(repr, all_records)) \
            and result != all_records:
        return not_yet("all the records are there, but out of order: keep each page's records in page order.")
    if result != all_records:
        return not_yet(f"expected the {len(all_records)} records of pages 1 to 3, in order; got {len(result)} "
                       "items that differ.")
    return passed(f"all {len(result)} records from every page, in order, by following `next`.")


def reference_rows(page: str) -> list[dict]:
    """The table's rows keyed by header: what a scraper should return."""
    headers, rows = table_cells(page)
    return [dict(zip(headers, row)) for row in rows]


def check_parse_store_table(parse_store_table, page: str, redesigned_page: str) -> bool:
    """Exercise 3: rows keyed by column header, so a reordered page still parses right."""
    expected = reference_rows(page)
    result, failed = call_safely("parse_store_table(page)", parse_store_table, page)
    if failed is not None:
        return failed
    if not isinstance(result, list) or not all(isinstance(row, dict) for row in result):
        return not_yet("return a list with one dict per store row, keyed by the column headers.")
    if len(result) != len(expected):
        return not_yet(f"found {len(result)} rows; the table has {len(expected)} stores (skip the header row).")
    if result != expected:
        first = expected[0]
        return not_yet(f"the first row should be {first}, not {result[0]}.")
    redesigned, failed = call_safely("parse_store_table(redesigned_page)", parse_store_table, redesigned_page)
    if failed is not None:
        return failed
    if redesigned != reference_rows(redesigned_page):
        return not_yet("it reads the original page but not the redesign, whose columns moved: key each cell "
                       "by its column's header, not by its position.")
    return passed(f"{len(result)} stores from both layouts: keyed by header, your scraper survives a redesign.")


def check_exercise_1(region_totals, records) -> None:
    """Exercise 1: revenue per region."""
    check_region_totals(region_totals, records)


async def check_exercise_2(fetch_all_records, first_page_url, all_records) -> None:
    """Exercise 2: pagination."""
    await check_fetch_all_records(fetch_all_records, first_page_url, all_records)


def check_exercise_3(parse_store_table, page, redesigned_page) -> None:
    """Exercise 3: a scraper that survives a redesign."""
    check_parse_store_table(parse_store_table, page, redesigned_page)
