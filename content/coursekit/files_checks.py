"""Checks for the Business records and files lesson's exercises, on files each check writes itself.

The checks know no answers: each one generates records, writes them in the exercise's format,
and compares what the learner's code reads back with the records it started from.
"""

import csv
import io
import json
import random
import re
import tempfile
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from .feedback import call_safely, describe_error, not_yet, passed

PRODUCTS = ["Espresso beans 1 kg", "Cups; paper, 12 oz (500)", 'Syrup "Caramel" 1 l', "Milk jug 600 ml",
            "Tamper 58 mm", "Knock box", "Chai concentrate 1 l", "Grinder, commercial"]
COUNTRIES = ["DE", "AT", "NL", "BE", "FR", "IE", "FI"]
# the export's columns, deliberately in another order than the lesson's file
EXPORT_COLUMNS = ["country", "product", "unit_price", "order_id", "quantity", "customer_id", "order_date"]
PRICE_COLUMNS = ["Description", "Pack size", "Price (EUR)", "SKU"]  # another order than the lesson's
CUSTOMER_COLUMNS = ["customer_id", "company", "contact_email", "country", "credit_limit", "since"]
BOM = "\ufeff"


def european(amount: Decimal) -> str:
    """Decimal('1249.00') -> '1.249,00', as European Excel writes it."""
    return f"{amount:,.2f}".translate(str.maketrans(",.", ".,"))


def written(folder: Path, name: str, rows: list[list[str]], encoding: str, delimiter: str) -> Path:
    """rows written as a CSV file in one dialect; its path."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = folder / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def call_explained(what: str, function, path: Path, explained: dict):
    """call_safely(what, function, path), with a hint for the errors that plausible mistakes raise."""
    caught = []

    def noting(path):
        try:
            return function(path)
        except tuple(explained) as error:
            caught.append(error)

    result, failed = call_safely(what, noting, path)
    if caught:
        hint = next(text for kind, text in explained.items() if isinstance(caught[0], kind))
        return None, not_yet(f"{what} raised {describe_error(caught[0])}; {hint}")
    return result, failed


def verdict(result, failed, find_mistake, praise: str) -> bool:
    """The feedback on one call: the failure already reported, else its first mistake, else praise."""
    if failed is not None:
        return failed
    mistake = find_mistake(result)
    return not_yet(mistake) if mistake else passed(praise)


def generated_orders(rng: random.Random) -> list[dict]:
    """Orders the learner has not seen, with thousands separators, quotes and separators inside fields."""
    orders = []
    for number, product in enumerate(rng.sample(PRODUCTS, 7)):
        price = Decimal(rng.randrange(150, 90_000)) / 100 if number else Decimal("2385.50")
        orders.append({"order_id": str(20_731 + number), "order_date": f"{rng.randrange(1, 29):02}.04.2025",
                       "customer_id": f"C-{rng.randrange(1100, 1999)}", "product": product,
                       "quantity": rng.randrange(1, 40), "unit_price": price,
                       "country": rng.choice(COUNTRIES)})
    return orders


def mistake_in_orders(result, expected: list[dict]) -> str | None:
    """What is wrong with the orders read from a generated export, or None."""
    if not isinstance(result, (list, tuple)) or not all(isinstance(row, Mapping) for row in result):
        return "return a list with one dict per order."
    if result and any(";" in str(key) for key in result[0]):
        return "the header came back as one column: the columns are separated by ';' (delimiter=';')."
    if len(result) != len(expected):
        return f"found {len(result)} orders; the file has {len(expected)}, one per line after the header."
    keys = set(result[0])
    if any(key.startswith(BOM) for key in keys):
        return ("a key starts with '\\ufeff', the byte-order mark Excel puts in front of the file: "
                "open it with encoding='utf-8-sig'.")
    if keys != set(EXPORT_COLUMNS):
        return (f"each dict's keys should be the file's column names, {sorted(EXPORT_COLUMNS)}, "
                f"not {sorted(keys)}.")
    for got, want in zip(result, expected):
        mistake = mistake_in_order(got, want)
        if mistake:
            return f"order {want['order_id']}: {mistake}"
    return None


def mistake_in_order(got: Mapping, want: dict) -> str | None:
    """What is wrong with one order read back, or None."""
    for column in EXPORT_COLUMNS:
        if column not in ("quantity", "unit_price") and got[column] != want[column]:
            return (f"{column} should be {want[column]!r}, not {got[column]!r}: "
                    "look each value up by its column name; the columns may come in any order.")
    if isinstance(got["quantity"], str):
        return f"quantity is the text {got['quantity']!r}; make it an int."
    if got["quantity"] != want["quantity"]:
        return f"quantity should be {want['quantity']}, not {got['quantity']!r}."
    price = got["unit_price"]
    if isinstance(price, float):
        return f"unit_price is the float {price!r}; money is a Decimal, which keeps every cent exact."
    if not isinstance(price, Decimal):
        return f"unit_price should be a Decimal such as {want['unit_price']!r}, not {price!r}."
    if price != want["unit_price"]:
        return (f"the file says {european(want['unit_price'])!r}, which is {want['unit_price']}, "
                f"not {price}: dots group thousands and the comma marks the decimals.")
    return None


def check_read_orders(read_orders) -> bool:
    """Exercise 1: an export the learner has not seen, columns in another order, read back exactly."""
    expected = generated_orders(random.Random(2701))
    rows = [EXPORT_COLUMNS] + [[european(o[c]) if c == "unit_price" else str(o[c]) for c in EXPORT_COLUMNS]
                               for o in expected]
    with tempfile.TemporaryDirectory() as folder:
        path = written(Path(folder), "april-export.csv", rows, "utf-8-sig", ";")
        result, failed = call_explained("read_orders(path)", read_orders, path, {
            KeyError: "a key the file does not have? Print one row's keys: a '\\ufeff' in front of the "
                      "first one is the byte-order mark (encoding='utf-8-sig' drops it).",
            ArithmeticError: "Decimal() could not read a price: print what you give it. Is it the "
                             "unit_price column's value (looked up by name), thousands dots removed, "
                             "comma made a point?"})
    return verdict(result, failed, lambda result: mistake_in_orders(result, expected),
                   f"all {len(expected)} orders of an export you had not seen, BOM gone, columns by name, "
                   "quantities as int and prices as exact Decimals.")


def generated_prices(rng: random.Random) -> dict[str, Decimal]:
    """SKUs and prices the learner has not seen, one above a thousand euros."""
    skus = rng.sample(["TAMP-58", "JUG-600", "KNOCK-BOX", "CHAI-1L", "FILTER-100", "SCALE-2KG", "KETTLE-GN"],
                      5)
    prices = {sku: Decimal(rng.randrange(90, 9_000)) / 100 for sku in skus}
    prices[skus[0]] = Decimal("1379.95")
    return prices


def check_read_price_list(read_price_list) -> bool:
    """Exercise 2: tab-separated UTF-16 price lists, read into {SKU: Decimal}."""
    expected = generated_prices(random.Random(2702))
    rows = [PRICE_COLUMNS] + [[f'Item "{sku.title()}"', "1", european(price), sku]
                              for sku, price in expected.items()]
    with tempfile.TemporaryDirectory() as folder:
        path = written(Path(folder), "prices-april.txt", rows, "utf-16", "\t")
        result, failed = call_explained("read_price_list(path)", read_price_list, path, {
            UnicodeError: "the file is not in that encoding: look at its first bytes (read_bytes()[:16]).",
            KeyError: "a column name the rows do not have: print one row with repr() to see its keys, "
                      "its delimiter and any '\\ufeff' left in front of the first header."})
    return verdict(result, failed, lambda result: mistake_in_prices(result, expected),
                   f"{len(expected)} prices from a UTF-16, tab-separated file you had not seen, "
                   "as exact Decimals.")


def mistake_in_prices(result, expected: dict[str, Decimal]) -> str | None:
    """What is wrong with the prices read from a generated price list, or None."""
    if not isinstance(result, Mapping):
        return f"return a dict mapping each SKU to its price, not a {type(result).__name__}."
    keys = [str(key) for key in result]
    if any(key.startswith(BOM) for key in keys) or any(BOM in str(value) for value in result.values()):
        return "a '\\ufeff' (the byte-order mark) is left in the data: the 'utf-16' codec reads and drops it."
    if any("\t" in key or "\x00" in key for key in keys):
        return ("the keys hold tabs or zero bytes: find the file's encoding and its delimiter "
                "from its first bytes.")
    if set(result) != set(expected):
        return f"the SKUs should be {sorted(expected)}, not {sorted(keys)[:6]}."
    for sku, price in expected.items():
        got = result[sku]
        if isinstance(got, float):
            return f"{sku}'s price is the float {got!r}; money is a Decimal."
        if got != price or not isinstance(got, Decimal):
            return f"{sku} costs {price} (the file says {european(price)!r}), not {got!r}."
    return None


def generated_customers(rng: random.Random) -> tuple[list, list[tuple[str, Decimal]], dict[int, str]]:
    """(rows of a CRM file, the good customers (id, limit) in order, {line of a bad row: its bad column})."""
    rows, good, bad = [CUSTOMER_COLUMNS], [], {}
    faults = {3: ("contact_email", ""), 6: ("credit_limit", "n/a"), 7: ("credit_limit", "-50.00"),
              11: ("contact_email", "accounts.example.com"), 12: ("credit_limit", "12.000,00")}
    for line in range(2, 14):
        customer_id = f"C-{3000 + line * 7}"
        limit = Decimal(f"{rng.randrange(5, 400) * 50}.00")
        row = [customer_id, f"{rng.choice(['Rösterei', 'Bean Bar', 'Café'])} {line}, Ltd",
               f"buyer{line}@example.com", rng.choice(COUNTRIES), f"{limit:.2f}", "2024-05-01"]
        if line in faults:
            column, value = faults[line]
            row[CUSTOMER_COLUMNS.index(column)] = value
            bad[line] = column
        else:
            good.append((customer_id, limit))
        rows.append(row)
    return rows, good, bad


def mentions_line(message: str, line: int) -> bool:
    return re.search(rf"\bline {line}\b", message) is not None


def mistake_in_report(result, good: list[tuple[str, Decimal]], bad: dict[int, str]) -> str | None:
    """What is wrong with (customers, problems) for a generated CRM file, or None."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return "return a pair: (customers, problems)."
    customers, problems = result
    if not isinstance(problems, (list, tuple)) or not all(isinstance(p, str) for p in problems):
        return "problems should be a list of messages (strings)."
    if not isinstance(customers, (list, tuple)):
        return "customers should be a list of Customer records."
    if len(problems) < len(bad) and len(customers) < len(good):
        return (f"it reported {len(problems)} of {len(bad)} bad rows and loaded {len(customers)} of "
                f"{len(good)} good customers: keep going after a bad row, to the end of the file.")
    if len(problems) != len(bad):
        return f"the file has {len(bad)} bad rows; expected one message for each, got {len(problems)}."
    for line, column in bad.items():
        if not any(mentions_line(p, line) for p in problems):
            off = [p for p in problems if mentions_line(p, line - 1) or mentions_line(p, line + 1)]
            if off:
                return (f"the bad value on line {line} is reported as {off[0]!r}: the header is line 1, "
                        "so the first record is on line 2.")
            return f"no message names line {line} (the header is line 1), where {column} is bad."
        if not any(mentions_line(p, line) and column in p for p in problems):
            return f"the message for line {line} should name its column, {column}."
    found = [(getattr(c, "customer_id", None), getattr(c, "credit_limit", None)) for c in customers]
    if found != good:
        return (f"expected the {len(good)} good customers in file order "
                f"(first {good[0][0]}, limit {good[0][1]}), got {found[:2]}...")
    return None


def check_load_customers(load_customers) -> bool:
    """Exercise 3: every good customer loaded and every bad row reported, by line and column."""
    rows, good, bad = generated_customers(random.Random(2703))
    with tempfile.TemporaryDirectory() as folder:
        path = written(Path(folder), "crm-export.csv", rows, "utf-8", ",")
        result, failed = call_explained("load_customers(path)", load_customers, path, {
            ValueError: "it stopped at the first bad row: catch the error for that row, note the problem, "
                        "and go on to the next."})
    return verdict(result, failed, lambda result: mistake_in_report(result, good, bad),
                   f"{len(good)} customers loaded and all {len(bad)} bad rows reported by line and column, "
                   "in a file you had not seen.")


def generated_record(rng: random.Random) -> dict:
    """A nested order with Decimals, a date and an aware datetime: what the learner's to_json gets."""
    placed = datetime(2025, 4, rng.randrange(1, 29), rng.randrange(24), rng.randrange(60), tzinfo=timezone(
        timedelta(hours=2)))
    return {"order_id": rng.randrange(30_000, 40_000), "placed_at": placed,
            "delivery": {"due": date(2025, 5, rng.randrange(1, 29)), "express": rng.random() < 0.5},
            "lines": [{"sku": "TAMP-58", "quantity": 2, "unit_price": Decimal("39.90")},
                      {"sku": "CHAI-1L", "quantity": 6, "unit_price": Decimal("7.10")}],
            "total": Decimal("122.40"), "discount": Decimal("0.00"),
            "paid_at": datetime(2025, 4, 30, tzinfo=UTC), "note": None}


def plain(value):
    """The JSON value a record should become: Decimals as exact strings, dates and datetimes in ISO 8601."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    return value


def mistake_in_json(text, record: dict) -> str | None:
    """What is wrong with the JSON text written for a record, or None."""
    if not isinstance(text, str):
        return f"return the JSON text (a str), not a {type(text).__name__}."
    try:
        written_back = json.loads(text)
    except ValueError as error:
        return f"the text is not valid JSON: {error}."
    expected = plain(record)
    if written_back == expected:
        return None
    if not isinstance(written_back, dict):
        return "the record is a dict, so its JSON text should be an object: {...}."
    if written_back.get("total") == float(record["total"]):
        return ("the total became the JSON number 122.4: write a Decimal as the string of its digits, "
                "str(value), so that no float can round it.")
    if written_back.get("placed_at") == str(record["placed_at"]):
        return (f"placed_at is {written_back['placed_at']!r}: str() puts a space between date and time; "
                "write .isoformat(), which ISO 8601 readers expect.")
    for key in expected:
        if written_back.get(key) != expected[key]:
            return (f"{key!r} should be written as {json.dumps(expected[key])}, "
                    f"not {json.dumps(written_back.get(key))}.")
    return "the JSON holds keys the record does not have."


def check_to_json(to_json) -> bool:
    """Exercise 4: a nested record with Decimals and dates as JSON text that reads back to the same values."""
    record = generated_record(random.Random(2704))
    text, failed = call_safely("to_json(record)", to_json, record)
    return verdict(text, failed, lambda text: mistake_in_json(text, record),
                   "a nested order you had not seen became JSON with exact amounts and ISO 8601 times.")


def check_exercise_1(read_orders) -> None:
    """Exercise 1: read the European Excel export."""
    check_read_orders(read_orders)


def check_exercise_2(read_price_list) -> None:
    """Exercise 2: a dialect the lesson did not show."""
    check_read_price_list(read_price_list)


def check_exercise_3(load_customers) -> None:
    """Exercise 3: report every bad row without stopping."""
    check_load_customers(load_customers)


def check_exercise_4(to_json) -> None:
    """Exercise 4: JSON with decimals and dates."""
    check_to_json(to_json)
