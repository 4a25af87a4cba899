"""The records and files lesson in CPython: its output, and its checks against right and wrong answers."""

import csv
import json
from dataclasses import dataclass
from decimal import Decimal

import pytest

from tests.support.cases import wrong_answers
from tests.support.check_lines import assert_check_lines
from tests.support.lesson_fixtures import lesson_fixtures

LESSON = "records_and_files"


text, checks, lesson = lesson_fixtures(LESSON, "files_checks")


def test_the_export_needs_its_dialect_and_its_bom_dropped(text):
    assert "1 column(s): ['\\ufefforder_id;order_date;" in text
    assert "b'\\xef\\xbb\\xbforder_id;" in text
    assert "8 orders, columns: ['order_id', 'order_date'" in text
    assert "Cups; paper, 8 oz (1000)" in text and 'Syrup "Vanilla" 1 l' in text
    assert "'1.249,00' -> Decimal('1249.00')" in text
    assert "Sniffer's delimiter for the export: ';'" in text


def test_validation_names_line_and_column_and_files_come_out_exact(text):
    assert "Stopped: customers.csv line 4, column contact_email: '' is not an email address" in text
    assert "10483,C-1042,\"Cups; paper, 8 oz (1000)\",1,54.00" in text
    assert "10491  07 Mar 16:05 (UTC+0100)  Kaffeehaus Wien, Mariahilf  line(s): 3    201.60 EUR" in text
    assert "TypeError: Object of type datetime is not JSON serializable" in text


def test_cpython_writes_to_the_disk(text):
    assert "probe-location.csv in the notebook's folder on this computer's disk" in text
    assert "CPython writes to the computer's disk" in text


def test_learner_and_instructor_checks(executed_lesson):
    assert_check_lines(executed_lesson, LESSON, not_yet={1: 1, 2: 1, 3: 1, 4: 1})


def european_decimal(text):
    return Decimal(text.strip().replace(".", "").replace(",", "."))


# Exercise 1: read the export.

def read_rows(path, encoding="utf-8-sig", delimiter=";"):
    with open(path, encoding=encoding, newline="") as stream:
        return list(csv.DictReader(stream, delimiter=delimiter))


def converted(rows, price=european_decimal, quantity=int):
    for row in rows:
        row["quantity"], row["unit_price"] = quantity(row["quantity"]), price(row["unit_price"])
    return rows


def by_position(path):
    """The lesson file's column order assumed for any file."""
    columns = ["order_id", "order_date", "customer_id", "product", "quantity", "unit_price", "country"]
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))[1:]
    return [dict(zip(columns, row)) for row in rows]


def test_read_orders_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_read_orders(lesson["read_orders"])
    assert checks.check_read_orders(lambda path: tuple(converted(read_rows(path))))
    assert "BOM gone, columns by name" in capsys.readouterr().out


@wrong_answers({
    "bom-kept": (lambda path: read_rows(path, encoding="utf-8"), "byte-order mark"),
    "bom-kept-then-key": (lambda path: [dict(row, country=row["country"].lower())
                                        for row in read_rows(path, encoding="utf-8")],
                          "a '\\ufeff' in front"),
    "comma-delimiter": (lambda path: read_rows(path, delimiter=","), "delimiter=';'"),
    "quantity-text": (lambda path: converted(read_rows(path), quantity=str), "quantity is the text"),
    "float-price": (lambda path: converted(read_rows(path), price=lambda t: float(european_decimal(t))),
                    "money is a Decimal"),
    "comma-only": (lambda path: converted(read_rows(path), price=lambda t: Decimal(t.replace(",", "."))),
                   "thousands dots removed"),
    "by-position": (lambda path: converted(by_position(path)), "looked up by name"),
    "by-position-unconverted": (by_position, "look each value up by its column name"),
    "one-order": (lambda path: converted(read_rows(path))[:1], "found 1 orders"),
    "not-a-list": (lambda path: "orders", "return a list"),
})
def test_read_orders_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_read_orders(wrong)
    assert message in capsys.readouterr().out


# Exercise 2: a supplier's price list in a dialect the lesson did not show.

def prices(path, encoding="utf-16", delimiter="\t", price=european_decimal, sku="SKU"):
    with open(path, encoding=encoding, newline="") as stream:
        return {row[sku]: price(row["Price (EUR)"]) for row in csv.DictReader(stream, delimiter=delimiter)}


def test_read_price_list_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_read_price_list(lesson["read_price_list"])
    assert checks.check_read_price_list(lambda path: dict(sorted(prices(path).items(), reverse=True)))
    assert "UTF-16, tab-separated" in capsys.readouterr().out


@wrong_answers({
    "utf-8": (lambda path: prices(path, encoding="utf-8"), "look at its first bytes"),
    "semicolons": (lambda path: prices(path, delimiter=";"), "print one row with repr()"),
    "float": (lambda path: prices(path, price=lambda t: float(european_decimal(t))), "money is a Decimal"),
    "pairs": (lambda path: list(prices(path).items()), "return a dict"),
    "first-column": (lambda path: prices(path, sku="Description"), "the SKUs should be"),
})
def test_read_price_list_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_read_price_list(wrong)
    assert message in capsys.readouterr().out


# Exercise 3: every bad row reported, without stopping.

@dataclass
class OtherCustomer:
    """A learner's own record type: the check reads attributes, not a class."""

    customer_id: str
    credit_limit: Decimal


def load(path, rule, first_line=2, message=lambda line, error: f"line {line}, {error}", stop=False):
    customers, problems = [], []
    with open(path, encoding="utf-8-sig", newline="") as stream:
        for line, row in enumerate(csv.DictReader(stream), start=first_line):
            try:
                customers.append(rule(row))
            except ValueError as error:
                if stop:
                    raise
                problems.append(message(line, error))
    return customers, problems


@pytest.fixture
def rule(lesson):
    return lesson["customer_from_row"]


def test_load_customers_solution_and_variants_pass(checks, lesson, rule, mode, capsys):
    capsys.readouterr()
    assert checks.check_load_customers(lesson["load_customers"])
    other = lambda row: OtherCustomer(rule(row).customer_id, rule(row).credit_limit)  # noqa: E731
    assert checks.check_load_customers(
        lambda path: tuple(tuple(part) for part in load(path, other, message=lambda n, e: f"{e} (line {n})")))
    assert "all 5 bad rows reported by line and column" in capsys.readouterr().out


@pytest.mark.parametrize("wrong, message", [
    (dict(stop=True), "it stopped at the first bad row"),
    (dict(first_line=1), "the header is line 1, so the first record is on line 2"),
    (dict(message=lambda line, error: f"line {line}: bad value"), "should name its column"),
    (dict(message=lambda line, error: f"{error}"), "no message names line"),
], ids=["stops", "off-by-one", "no-column", "no-line"])
def test_load_customers_check_names_the_mistake(checks, rule, wrong, message, mode, capsys):
    assert not checks.check_load_customers(lambda path: load(path, rule, **wrong))
    assert message in capsys.readouterr().out


def test_load_customers_check_refuses_the_wrong_records(checks, rule, mode, capsys):
    assert not checks.check_load_customers(lambda path: (load(path, rule)[0][1:], load(path, rule)[1]))
    assert "expected the 7 good customers in file order" in capsys.readouterr().out
    assert not checks.check_load_customers(lambda path: load(path, rule)[1])
    assert "return a pair" in capsys.readouterr().out


# Exercise 4: JSON with decimals and dates.

def test_to_json_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_to_json(lesson["to_json"])

    class MoneyAndTimes(json.JSONEncoder):
        def default(self, value):
            return str(value) if isinstance(value, Decimal) else value.isoformat()

    assert checks.check_to_json(lambda record: json.dumps(record, cls=MoneyAndTimes, indent=2,
                                                          sort_keys=True))
    assert "exact amounts and ISO 8601 times" in capsys.readouterr().out


@wrong_answers({
    "default-str": (lambda record: json.dumps(record, default=str), "str() puts a space"),
    "default-float": (lambda record: json.dumps(record, default=lambda v: float(v) if isinstance(v, Decimal)
                                                else v.isoformat()), "became the JSON number 122.4"),
    "isoformat-only": (lambda record: json.dumps(record, default=lambda v: v.isoformat()), "AttributeError"),
    "a-dict": (lambda record: json.loads(json.dumps(record, default=str)), "return the JSON text"),
    "a-list": (lambda record: json.dumps([1]), "should be an object"),
})
def test_to_json_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_to_json(wrong)
    assert message in capsys.readouterr().out
