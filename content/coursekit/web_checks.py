"""Checks for the APIs and web scraping lesson's exercises: friendly, specific feedback.

What a check compares against is a digest (`answer_digest`) of the expected value, never the
expected value or code that computes it: `import coursekit` shows no answer.
"""

import asyncio
import inspect
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urljoin

from .answer_digest import digest
from .feedback import call_safely, describe_error, not_yet, passed
from .observing import observe_async, probe
from .scraping import table_cells
from .stopping import finished_within
from .web import FetchFailed, HTTPStatusError

CENT = Decimal("0.01")
CHECK_LIMIT_S = 30.0  # a learner's function that keeps fetching is stopped after this, with a message


def orders(*lines) -> list[dict]:
    """Order records, unit prices Decimal as parse_float=Decimal reads them, from 4-tuples."""
    return [{"order_id": order_id, "region": region, "units": units, "unit_price": Decimal(price)}
            for order_id, region, units, price in lines]


# Exercise 1's own orders, none of them in the lesson. Ids are shuffled and totals do not rise
# with them; every region has units above 1 (adding prices alone shows). What each set catches:
# FLOAT_EDGES: float sums landing just below a cent (3 × 0.29 is 0.8699999999999999, 6 × 0.35 is
# 2.0999999999999996) and just above (3 × 1.1 + 0.2): cutting off differs from rounding.
# HALF_CENTS: totals ending in exactly half a cent after an even digit, where round() and
# ROUND_HALF_EVEN go down, a float sum lands just below the half, and business rounding goes up;
# and one total whose rounding up of every fraction (ceiling) differs from rounding half up.
MONEY_SETS = {
    "FLOAT_EDGES": orders((7104, "South", 3, "1.1"), (7011, "North", 3, "0.29"), (7342, "East", 6, "0.35"),
                          (7027, "South", 1, "0.2"), (7230, "West", 4, "12.5"), (7009, "West", 2, "0.45")),
    "HALF_CENTS": orders((8306, "West", 5, "0.285"), (8012, "North", 2, "1.457"), (8144, "East", 5, "1.125"),
                         (8051, "East", 2, "3.5"), (8219, "North", 4, "2.25"), (8077, "South", 3, "7.335")),
}
# digest of each region's total, in pounds rounded half up to the cent
MONEY_KEYS = {
    "FLOAT_EDGES": {"South": "7eced0fe0ce1c132", "North": "f46372d12894652c", "East": "b92bc366c168ad23",
                    "West": "2a5977d644e1bc42"},
    "HALF_CENTS": {"West": "74beac98dd4d697c", "North": "4eb94211bb8c3181", "East": "348a6f13bf47b2e4",
                   "South": "47ff4fbb5a359235"},
}
MONEY_MISTAKES = {
    "FLOAT_EDGES": ("adding prices as floats lands just below or above a cent "
                    "(3 * 0.29 is 0.8699999999999999); add the Decimal prices as they are, "
                    "and round to the nearest cent rather than cutting off."),
    "HALF_CENTS": ("this total ends in exactly half a cent: businesses round that up, "
                   "total.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP); round() rounds it to the even "
                   "cent, and a float sum can land just below it."),
}


def as_decimal(value) -> Decimal | None:
    """A learner's number as an exact Decimal (a float by its shortest text), or None if it is no number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def total_mistake(name: str, region: str, got, records) -> str | None:
    """What is wrong with one region's total in one set, or None; the right total is never named."""
    key = MONEY_KEYS[name][region]
    if digest(got) == key:
        return None
    number = as_decimal(got)
    if number is None:
        return f"{region}'s total should be a number (a Decimal), not {got!r}."
    if not number.is_finite():
        return f"{region}'s total is {got!r}: add up units × unit price."
    mine = [r for r in records if r["region"] == region]
    if number == sum((r["unit_price"] for r in mine), Decimal(0)):
        return f"{region} gives {got}: that adds unit prices only; multiply each by its units."
    if digest(number / 100) == key:
        return f"{region} gives {got}: that looks like whole cents; return pounds, such as Decimal('12.34')."
    if number != number.quantize(CENT, ROUND_HALF_UP):
        return (f"{region} is {got!r}: round money to cents once, at the end: "
                "total.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).")
    if key in (digest(number + CENT), digest(number - CENT)):
        return f"{region}'s total is a cent off: {MONEY_MISTAKES[name]}"
    return f"{region}'s total is not right: add units × unit price over every one of {region}'s orders."


def check_region_totals(region_totals) -> bool:
    """Exercise 1: revenue per region, rounded half up to cents, on orders the lesson never showed."""
    for name, records in MONEY_SETS.items():
        result, failed = call_safely("region_totals(records)", region_totals, [dict(r) for r in records])
        if failed is not None:
            return failed
        if not isinstance(result, Mapping):
            return not_yet("return a dict such as {'North': Decimal('178.40'), ...}, "
                           f"not a {type(result).__name__}.")
        regions = sorted({r["region"] for r in records})
        if sorted(map(str, result)) != regions:
            return not_yet(f"the regions of these orders are {regions}; "
                           f"yours are {sorted(map(str, result))}.")
        for region in regions:
            mistake = total_mistake(name, region, result[region], records)
            if mistake:
                return not_yet(mistake)
    count = sum(len(records) for records in MONEY_SETS.values())
    return passed(f"revenue per region is right to the cent on {count} orders your code had never seen, "
                  "half cents rounded up as a business does.")


# Exercise 2: invoices the lesson never shows, as (lines of (units, unit price), VAT rate or None for
# the default 20 %). The first two have VAT of exactly half a penny after an even digit, and the
# second's float product lands just below it (16.7 * 0.05 is 0.8349999999999999).
INVOICES = [
    ([(5, "2.50")], "0.05"),
    ([(2, "8.35")], "0.05"),
    ([(3, "4.15"), (1, "12.45")], "0.175"),
    ([(4, "9.99"), (1, "0.19")], None),
]
# digests of each invoice's (net, VAT, gross)
INVOICE_KEYS = [
    ("2e3ba4804efd6f9e", "feb57a40afc8a832", "2a69d19550acc330"),
    ("620383e76900fce2", "e4a6875abd9afde6", "6191d8484970ae20"),
    ("56628e8a8aff51e3", "ed613bd4d1f72374", "d82e69ab5b76fd53"),
    ("d9442d9396af443d", "2dfea44dd4c110af", "7d06d612d7e26cf2"),
]
DEFAULT_VAT = Decimal("0.20")


def invoice_mistake(result, lines: list[dict], rate: Decimal | None, keys: tuple) -> str | None:
    """What is wrong with one invoice's (net, VAT, gross), or None; the right amounts are never named."""
    if not isinstance(result, list | tuple) or len(result) != 3:
        return f"return three amounts, (net, vat, gross), not {result!r}."
    numbers = [as_decimal(value) for value in result]
    if None in numbers or not all(number.is_finite() for number in numbers):
        return f"net, VAT and gross should be numbers (Decimals), not {result!r}."
    net, vat, gross = numbers
    called = f"invoice_totals(lines{'' if rate is None else f', Decimal({str(rate)!r})'})"
    if digest(net) != keys[0]:
        if net == sum((line["unit_price"] for line in lines), Decimal(0)):
            return f"{called}: the net adds unit prices only; multiply each by its units."
        return f"{called}: the net should be every line's units × unit price, added up."
    if digest(vat) != keys[1]:
        if rate is not None and vat == (net * DEFAULT_VAT).quantize(CENT, ROUND_HALF_UP):
            return f"{called}: the VAT is 20 % of the net; use the rate the function is given."
        if vat != vat.quantize(CENT, ROUND_HALF_UP):
            return (f"{called}: the VAT is {result[1]!r}; round it to the penny: "
                    "vat.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).")
        if keys[1] in (digest(vat + CENT), digest(vat - CENT)):
            return (f"{called}: the VAT is a penny off: an exact half penny rounds up (ROUND_HALF_UP), and "
                    "a float product can land just below it; multiply the Decimal net by the Decimal rate.")
        return f"{called}: the VAT should be the net times the VAT rate, rounded half up to the penny."
    if digest(gross) != keys[2]:
        return f"{called}: the gross should be the net plus the VAT."
    return None


def check_invoice_totals(invoice_totals) -> bool:
    """Exercise 2: net, VAT at the given rate rounded half up, and gross, on invoices not in the lesson."""
    for (lines, rate), keys in zip(INVOICES, INVOICE_KEYS, strict=True):
        given = [{"units": units, "unit_price": Decimal(price)} for units, price in lines]
        arguments = (given,) if rate is None else (given, Decimal(rate))
        result, failed = call_safely("invoice_totals(lines, vat_rate)", invoice_totals, *arguments)
        if failed is not None:
            return failed
        mistake = invoice_mistake(result, given, None if rate is None else Decimal(rate), keys)
        if mistake:
            return not_yet(mistake)
    return passed(f"{len(INVOICES)} invoices right to the penny, at 5 %, 17.5 % and the default 20 %.")


# Exercise 3: each API's record count and digests of its records in page order and in any order,
# keyed by the path of its first page relative to the sales API's first page.
CHAINS = {
    "page-1.json": {"count": 12, "in_order": "7b0bc6e33846c2b9", "any_order": "5aa9dff7d9d0baa4"},
    "../returns/start.json": {"count": 6, "in_order": "1bb80b36fb0e3943", "any_order": "1f2ea49398f3acb7"},
}
UNSEEN_CHAIN = "../returns/start.json"


async def records_from(fetch_all_records, url: str):
    """(records, None) or (None, what went wrong) for one call of the learner's function."""
    task = asyncio.ensure_future(fetch_all_records(url))
    if not await finished_within(task, CHECK_LIMIT_S):
        return None, (f"fetch_all_records({url!r}) was still running after {CHECK_LIMIT_S:g} s: stop when a "
                      "page's `next` is null.")
    try:
        return task.result(), None
    except NotImplementedError:
        return None, "fetch_all_records still raises NotImplementedError: replace that line with your code."
    except FetchFailed as error:
        if error.timeout is not None:
            return None, (f"a page did not come within your timeout of {error.timeout:g} s ({error}); give "
                          "each request time to answer: this server needs more than that.")
        return None, f"a request failed: {error} Build each next page's URL from the current one."
    except HTTPStatusError as error:
        return None, f"a request failed: {error} Build each next page's URL from the current one."
    except Exception as error:
        return None, f"fetch_all_records raised {describe_error(error)}."


@probe
async def fetch_all_records_seen(fetch_all_records, first_page_url: str) -> dict:
    """Exercise 3's probe: the records fetch_all_records returned from each API's first page in turn, or
    the mistake that stopped it there (which can only fail the check)."""
    if not inspect.iscoroutinefunction(fetch_all_records):
        return {"mistake": "define fetch_all_records with `async def`: it awaits web.fetch for each page."}
    runs = []
    for start in CHAINS:
        records, mistake = await records_from(fetch_all_records, urljoin(first_page_url, start))
        runs.append({"mistake": mistake, "records": records})
        if mistake:
            break
    return {"mistake": None, "runs": runs}


def pages_mistake(result, chain: dict, what: str) -> str | None:
    """What is wrong with the records fetched from one API, or None."""
    if not isinstance(result, list | tuple) or not all(isinstance(r, Mapping) for r in result):
        return "return a list of records (the dicts of each page's \"records\"), not a list of pages or URLs."
    if any("records" in record for record in result):
        return "return the records themselves (each page's \"records\", in turn), not a list of pages."
    if digest(list(result)) == chain["in_order"]:
        return None
    if len(result) < chain["count"]:
        return (f"{what}: got {len(result)} of {chain['count']} records: "
                "keep following `next` until it is null.")
    if digest(sorted(result, key=digest)) == chain["any_order"]:
        return f"{what}: all the records are there, but out of order: keep each page's records in page order."
    return f"{what}: expected {chain['count']} records, in page order; got {len(result)} that differ."


async def check_fetch_all_records(fetch_all_records, first_page_url: str) -> bool:
    """Exercise 3: follow `next` links, on the lesson's API and on one the learner has not seen."""
    fetched = await observe_async(fetch_all_records_seen, fetch_all_records, first_page_url)
    if fetched["mistake"]:
        return not_yet(fetched["mistake"])
    seen = None
    for (start, chain), run in zip(CHAINS.items(), fetched["runs"]):
        if run["mistake"]:
            return not_yet(run["mistake"])
        url, result = urljoin(first_page_url, start), run["records"]
        if start == UNSEEN_CHAIN and seen is not None and digest(list(result)) == digest(seen):
            return not_yet("given another API's first page, it returned the sales records again: "
                           "follow the `next` links of the page you are given, not a fixed list of pages.")
        mistake = pages_mistake(result, chain, "the sales API" if seen is None else f"another API ({url})")
        if mistake and start == UNSEEN_CHAIN and len(result) < chain["count"]:
            mistake += " (One of its pages is empty: only a null `next` marks the end.)"
        if mistake:
            return not_yet(mistake)
        seen = result
    if len(fetched["runs"]) != len(CHAINS):
        return not_yet("fetch_all_records should be called on every API's first page.")
    sales, other = (chain["count"] for chain in CHAINS.values())
    return passed(f"all {sales} sales records, "
                  f"and all {other} records of an API your code had never seen, by following `next`.")


# Exercise 4
REQUIRED_HEADERS = ("Store", "Region", "Weekly revenue (£)")
REVENUE = "Weekly revenue (£)"
# Another shop's page the lesson never shows: its own stores, columns in another order, an extra
# column, store names in row headers and one revenue with no thousands separator.
UNSEEN_PAGE = """<table>
<thead><tr><th>Weekly revenue (£)</th><th>Manager</th><th>Store</th><th>Region</th><th>City</th></tr></thead>
<tbody>
<tr><td>7,215.60</td><td>A. Okafor</td><th scope="row">Quayside</th><td>North</td><td>Newcastle</td></tr>
<tr><td>980.05</td><td>L. Brennan</td><th scope="row">Cathedral Lane</th><td>West</td><td>Hereford</td></tr>
<tr><td>31,004.00</td><td>M. Singh</td><th scope="row">Arcade</th><td>South</td><td>Brighton</td></tr>
</tbody>
</table>"""
# digests of each column's values (revenue as a number), per page: "original", "redesign", "unseen"
SHOP_COLUMNS = {"Store": "feb8d3486f4d86b2", "City": "df3964fa2fe522bf", "Region": "b23d12e365b12fb3",
                "Opened": "b75c0f7159f66ad5", REVENUE: "4268d72494538e49"}  # the redesign only moved them
TABLE_KEYS = {
    "the original page": SHOP_COLUMNS,
    "the redesigned page": SHOP_COLUMNS,
    "another shop's page": {REVENUE: "4eabd0b886800a83", "Manager": "8e683ff682d92ec6",
                            "Store": "505baec8c456a057", "Region": "c34e2768d6c46711",
                            "City": "97082adf89b155ff"},
}


# what a redesign might call each required column instead: none contains the old name
RENAMED = {"Store": "Shop", "Region": "Area", REVENUE: "Takings this week"}


def without_header(page: str, name: str) -> str:
    """The page with one column's header renamed, as a redesign might do."""
    return page.replace(f">{name}<", f">{RENAMED[name]}<")


def rows_mistake(result, page: str, what: str) -> str | None:
    """What is wrong with the rows scraped from one page, or None; the right rows are never named."""
    headers, rows = table_cells(page)
    if not isinstance(result, list | tuple) or not all(isinstance(row, Mapping) for row in result):
        return "return a list with one dict per store row, keyed by the column headers."
    if len(result) != len(rows):
        return f"{what}: found {len(result)} rows; the table has {len(rows)} stores (skip the header row)."
    if any(set(row) != set(headers) for row in result):
        return f"{what}: key each row by the table's own column headers, {headers}."
    revenue = result[0][REVENUE]
    if isinstance(revenue, str):
        return (f"{what}: {REVENUE!r} is the text {revenue!r}; convert it to a number: "
                "Decimal(text.replace(',', '')).")
    for header, key in TABLE_KEYS[what].items():
        if digest([row[header] for row in result]) != key:
            if header == REVENUE:
                return f"{what}: the {REVENUE!r} numbers are not the cells' values: remove only the commas."
            return (f"{what}: the {header!r} column holds other cells: key each cell by its column's "
                    "header, not by its position.")
    return None


def missing_header_mistake(parse_store_table, name: str) -> str | None:
    """What is wrong when the unseen page lacks one required header, or None."""
    try:
        parse_store_table(without_header(UNSEEN_PAGE, name))
    except ValueError as error:
        if name not in str(error):
            return (f"good, a page without the {name!r} column raises ValueError; "
                    f"let its message name the missing header (it says {str(error)!r}).")
        return None
    except Exception as error:
        return (f"a page without the {name!r} column raised {describe_error(error)}; "
                "check the headers first and raise ValueError naming what is missing.")
    return (f"a page whose {name!r} column was renamed went through without a word: check that "
            f"every header in {list(REQUIRED_HEADERS)} is there, else raise ValueError naming it.")


def check_parse_store_table(parse_store_table, page: str, redesigned_page: str) -> bool:
    """Exercise 4: rows keyed by header, revenue as numbers, a loud error for each missing header."""
    pages = {"the original page": page, "the redesigned page": redesigned_page,
             "another shop's page": UNSEEN_PAGE}
    for what, html in pages.items():
        if what == "the original page":
            result, failed = call_safely(f"parse_store_table(<{what}>)", parse_store_table, html)
            if failed is not None:
                return failed
        else:
            try:
                result = parse_store_table(html)
            except Exception as error:  # the original page went through: the new layout broke it
                return not_yet(f"on {what} it raised {describe_error(error)}: there the columns are in "
                               "another order; key each cell by its column's header, not by its position.")
        mistake = rows_mistake(result, html, what)
        if mistake:
            return not_yet(mistake)
    for name in REQUIRED_HEADERS:
        mistake = missing_header_mistake(parse_store_table, name)
        if mistake:
            return not_yet(mistake)
    return passed("three layouts read by header with revenue as numbers, and each missing column stops "
                  "with a clear ValueError: your scraper fails loudly, not silently.")


def check_exercise_1(region_totals) -> None:
    """Exercise 1: revenue per region."""
    check_region_totals(region_totals)


def check_exercise_2(invoice_totals) -> None:
    """Exercise 2: an invoice with VAT."""
    check_invoice_totals(invoice_totals)


async def check_exercise_3(fetch_all_records, first_page_url) -> None:
    """Exercise 3: pagination."""
    await check_fetch_all_records(fetch_all_records, first_page_url)


def check_exercise_4(parse_store_table, page, redesigned_page) -> None:
    """Exercise 4: a scraper that survives a redesign, and says so when it cannot."""
    check_parse_store_table(parse_store_table, page, redesigned_page)
