"""Checks for the Reports lesson's exercises: each makes up invoices or a statement, then reads the result.

The checks know no answers: they generate the records, compute what the file or chart must
hold from those records, and open the learner's workbook with openpyxl, as its reader would.
"""

import functools
import random
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from .charts import BarChart
from .feedback import call_safely, describe_error, not_yet, passed
from .files_checks import call_explained

STORES = ["Leipzig", "Graz", "Bremen", "Linz", "Dresden"]
NOT_LOADED = ("openpyxl is not loaded yet: run the lesson's cell "
              "`openpyxl = await workbooks.load_openpyxl()` first, then this check again.")


def openpyxl_or_none():
    """The openpyxl module if this Python can import it now (in the browser: once the lesson loaded it)."""
    try:
        import openpyxl
    except ImportError:
        return None
    return openpyxl


def with_openpyxl(check):
    """A check that reads workbooks: it gets openpyxl and a temporary folder, or says "not yet" (and how to
    load openpyxl) while the lesson has not loaded it."""
    @functools.wraps(check)
    def checking(function) -> bool:
        openpyxl = openpyxl_or_none()
        if openpyxl is None:
            return not_yet(NOT_LOADED)
        with tempfile.TemporaryDirectory() as folder:
            return check(function, openpyxl, Path(folder))

    return checking


def cents(amount: int) -> Decimal:
    """18990 -> Decimal('189.90')."""
    return Decimal(amount).scaleb(-2)


def generated_invoices(rng: random.Random, first: date, count: int) -> list[dict]:
    """Invoices the learner has not seen, from `first` on, with amounts whose float sums miss the cent."""
    day, records = first, []
    for number in range(count):
        day += timedelta(days=rng.randrange(1, 6))
        records.append({"invoice": f"R-{88_400 + number}", "date": day, "store": rng.choice(STORES[:3]),
                        "customer": "Customer " + rng.choice("ABCDEFG"),
                        "amount": cents(rng.randrange(1_000, 250_000)) + Decimal("0.10")})
    return records


def copies(records: list[dict]) -> list[dict]:
    """Copies of the records for the learner's code, which may change them without spoiling the check."""
    return [dict(record) for record in records]


def shows_cents(number_format: str) -> bool:
    """Whether a number format shows exactly two decimals ('#,##0.00', '0.00 "EUR"', '[$€-407] #,##0.00')."""
    return "0.00" in number_format and "0.000" not in number_format


def mistake_in_amount(cell, expected: Decimal, where: str) -> str | None:
    """What is wrong with a money cell read back from the file, or None."""
    value = cell.value
    if isinstance(value, str):
        if value.startswith("="):
            return (f"{where} holds the formula {value!r}: openpyxl computes nothing, so a program reading "
                    "the file finds no number there. Compute the amount in Python and write the value.")
        return (f"{where} holds the text {value!r}: money stored as text cannot be added up. Write the "
                "number and give the cell a number format.")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"{where} should hold the amount {expected}, not {value!r}."
    if Decimal(str(value)) != expected:
        if abs(Decimal(str(value)) - expected) < Decimal("0.01"):
            return (f"{where} is {value!r}, a hair beside {expected}: added up as floats? Keep amounts "
                    "Decimal until you write them.")
        return f"{where} should be {expected}, not {value!r}."
    if not shows_cents(cell.number_format):
        return (f"{where} has the number format {cell.number_format!r}, which does not show two decimals: "
                "give it one such as '#,##0.00'.")
    return None


def saved_workbook(openpyxl, path: Path, what: str):
    """(the workbook at path, None) or (None, the reason it could not be opened)."""
    if not path.exists():
        return None, f"{what} saved no file at the path it was given: call book.save(path)."
    try:
        return openpyxl.load_workbook(path), None
    except Exception as error:  # any unreadable file is feedback, not a traceback
        return None, f"the file {what} saved is not a workbook openpyxl can open ({describe_error(error)})."


def mistake_in_invoice_sheet(book, records: list[dict]) -> str | None:
    """What is wrong with the 'Invoices' sheet read back from the learner's file, or None."""
    if "Invoices" not in book.sheetnames:
        return f"the workbook has no sheet named 'Invoices' (its sheets: {book.sheetnames})."
    sheet = book["Invoices"]
    header = [cell.value for cell in sheet[1]][:4]
    if header != ["Date", "Invoice", "Store", "Amount"]:
        return f"row 1 should be the header Date, Invoice, Store, Amount, not {header}."
    if sheet.max_row - 1 != len(records):
        return f"the sheet has {sheet.max_row - 1} rows below the header; there are {len(records)} records."
    for number, record in enumerate(records, start=2):
        day, invoice, store, amount = sheet[number][:4]
        if isinstance(day.value, str):
            return (f"A{number} holds the text {day.value!r}: a date stored as a string cannot be sorted or "
                    "filtered by month. Write the date object itself.")
        if not isinstance(day.value, datetime) or not day.is_date or day.value.date() != record["date"]:
            return f"A{number} should be the date {record['date']}, not {day.value!r}."
        if (invoice.value, store.value) != (record["invoice"], record["store"]):
            return (f"row {number} should hold {record['invoice']} of {record['store']}, in the records' "
                    f"order, not {invoice.value!r} of {store.value!r}.")
        mistake = mistake_in_amount(amount, record["amount"], f"D{number}")
        if mistake:
            return mistake
    if sheet.freeze_panes != "A2":
        return f"the header is not frozen (freeze_panes is {sheet.freeze_panes!r}): set it to 'A2'."
    return None


@with_openpyxl
def check_write_invoices(write_invoices, openpyxl, folder: Path) -> bool:
    """Exercise 1: a workbook of unseen invoices, read back: types, number formats, frozen header."""
    records = generated_invoices(random.Random(2901), date(2026, 4, 1), 9)
    path = folder / "april-invoices.xlsx"
    _, failed = call_safely("write_invoices(records, path)", write_invoices, copies(records), path)
    if failed is not None:
        return failed
    book, mistake = saved_workbook(openpyxl, path, "write_invoices")
    mistake = mistake or mistake_in_invoice_sheet(book, records)
    if mistake:
        return not_yet(f"for {len(records)} invoices you had not seen: {mistake}")
    return passed(f"{len(records)} invoices you had not seen read back as dates, text and amounts that "
                  "show their cents, under a frozen header.")


def revenue_by(records: list[dict], key) -> dict[str, Decimal]:
    """Revenue per key(record), in Decimal."""
    revenue = {}
    for record in records:
        revenue[key(record)] = revenue.get(key(record), Decimal(0)) + record["amount"]
    return revenue


def store_totals(records: list[dict]) -> dict[str, Decimal]:
    """Revenue per store, and 'Total', in Decimal."""
    totals = revenue_by(records, lambda record: record["store"])
    return {**totals, "Total": sum(totals.values())}


def float_sums_miss(records: list[dict]) -> bool:
    """Whether adding these amounts as floats misses some store's total by a hair (so the check sees it)."""
    sums = {}
    for record in records:
        sums[record["store"]] = sums.get(record["store"], 0.0) + float(record["amount"])
    return any(Decimal(str(total)) != store_totals(records)[store] for store, total in sums.items())


def mistake_in_totals_sheet(book, records: list[dict]) -> str | None:
    """What is wrong with the 'By store' sheet of the saved workbook, or None."""
    if "By store" not in book.sheetnames:
        return f"the workbook has no sheet named 'By store' (its sheets: {book.sheetnames})."
    sheet = book["By store"]
    rows = [row[:2] for row in sheet.iter_rows(min_row=1)]
    if [cell.value for cell in rows[0]] != ["Store", "Revenue"]:
        return f"row 1 should be the header Store, Revenue, not {[cell.value for cell in rows[0]]}."
    expected = store_totals(records)
    found = {store.value: revenue for store, revenue in rows[1:] if store.value is not None}
    if set(found) != set(expected):
        return (f"the sheet should have one row per store and a row 'Total': {sorted(expected)}, "
                f"not {sorted(map(str, found))}.")
    if rows[-1][0].value != "Total":
        return "the 'Total' row should be the last one."
    for store, cell in found.items():
        mistake = mistake_in_amount(cell, expected[store], f"the revenue of {store} ({cell.coordinate})")
        if mistake:
            return mistake
    return None


@with_openpyxl
def check_add_store_totals(add_store_totals, openpyxl, folder: Path) -> bool:
    """Exercise 2: a 'By store' sheet of values (not formulas), exact to the cent, read back from the file."""
    rng = random.Random(2902)
    records = generated_invoices(rng, date(2026, 5, 1), 14)
    while not float_sums_miss(records):
        records = generated_invoices(rng, date(2026, 5, 1), 14)
    book = openpyxl.Workbook()
    _, failed = call_safely("add_store_totals(book, records)", add_store_totals, book, copies(records))
    if failed is not None:
        return failed
    book.save(folder / "totals.xlsx")
    mistake = mistake_in_totals_sheet(openpyxl.load_workbook(folder / "totals.xlsx"), records)
    if mistake:
        return not_yet(f"for {len(records)} invoices you had not seen: {mistake}")
    return passed("every store's revenue and the total, as values exact to the cent with a money format: "
                  "what the finance system reads.")


EMPTY_ROW = ("was that an empty row or the total row, whose cells are None? A statement line is a row "
             "with an invoice number: skip the others.")
HEADER = ["Invoice", "Reference", "Date", "Amount (EUR)"]


def generated_statement(rng: random.Random) -> tuple[list[list], list[dict]]:
    """(the rows of a statement in the second supplier's layout, the lines it holds)."""
    order = rng.sample(range(4), 4)
    lines, rows, day = [], [], date(2025, 11, 3)
    for number in range(7):
        day += timedelta(days=rng.randrange(3, 12))
        amount = cents(rng.randrange(2_000, 400_000)) + Decimal("0.07") if number != 4 else Decimal("-120.50")
        lines.append({"invoice": f"BV-{5_310 + number * 7}", "date": day, "amount": amount})
        values = [lines[-1]["invoice"], f"PO {rng.randrange(1000, 9999)}",
                  datetime.combine(day, datetime.min.time()), float(amount)]
        rows.append([values[i] for i in order])
        if number in (1, 4):
            rows.append([None] * 4)
    total = [None] * 4
    total[order.index(1)], total[order.index(3)] = "Total", float(sum(line["amount"] for line in lines))
    head = [["Bohnenhandel Voss KG", None, None, None], [None] * 4, ["Statement, November and December", None,
                                                                        None, None], [None] * 4]
    return head + [[HEADER[i] for i in order]] + rows + [[None] * 4, total], lines


def written_statement(openpyxl, rows: list[list], path: Path) -> None:
    """The statement as a workbook, its title merged across the columns."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("A1:D1")
    book.save(path)


def mistake_in_lines(result, lines: list[dict]) -> str | None:
    """What is wrong with the lines read from a generated statement, or None."""
    if not isinstance(result, list | tuple) or not all(isinstance(line, dict) for line in result):
        return "return a list with one dict per statement line."
    if len(result) != len(lines):
        extra = [line for line in result if line.get("invoice") in (None, "Total", "Invoice")]
        if extra:
            return (f"it holds {len(result)} lines, among them {extra[0]!r}: leave out the empty rows, the "
                    "header and the total; a line has an invoice number.")
        return f"the statement has {len(lines)} lines, not {len(result)}."
    for got, want in zip(result, lines):
        if set(got) != {"invoice", "date", "amount"}:
            return f"each dict's keys should be invoice, date and amount, not {sorted(map(str, got))}."
        if got["invoice"] != want["invoice"]:
            return (f"the lines should come in the statement's order: {want['invoice']} where you have "
                    f"{got['invoice']!r}.")
        if isinstance(got["date"], datetime):
            return f"the date of {want['invoice']} is a datetime: take its .date()."
        if got["date"] != want["date"]:
            return (f"{want['invoice']} is dated {want['date']}, not {got['date']!r}: find the Date column "
                    "by its name.")
        if isinstance(got["amount"], float):
            return f"the amount of {want['invoice']} is the float {got['amount']!r}; money is a Decimal."
        if not isinstance(got["amount"], Decimal) or got["amount"] != want["amount"]:
            if isinstance(got["amount"], Decimal) and abs(got["amount"] - want["amount"]) < Decimal("0.01"):
                return (f"the amount of {want['invoice']} is {got['amount']}: Decimal(float) copies the "
                        "float's binary error; Decimal(str(value)) gives the amount as typed.")
            return f"{want['invoice']}'s amount is {want['amount']}, not {got['amount']!r}."
    return None


@with_openpyxl
def check_read_statement(read_statement, openpyxl, folder: Path) -> bool:
    """Exercise 3: a statement in an unseen layout, read into invoice, date and Decimal amount per line."""
    rows, lines = generated_statement(random.Random(2903))
    path = folder / "voss-statement.xlsx"
    written_statement(openpyxl, rows, path)
    result, failed = call_explained("read_statement(path)", read_statement, path,
                                    {AttributeError: EMPTY_ROW, TypeError: EMPTY_ROW})
    if failed is not None:
        return failed
    mistake = mistake_in_lines(result, lines)
    if mistake:
        return not_yet(f"for a statement you had not seen: {mistake}")
    return passed(f"all {len(lines)} lines of a statement in a layout you had not seen, dates as dates and "
                  "amounts exactly as typed.")


def mistake_in_chart(chart, records: list[dict]) -> str | None:
    """What is wrong with the chart drawn from the records, or None."""
    # by its bars, not isinstance: a re-imported coursekit.charts (importlib.reload) makes another class
    if type(chart).__name__ != BarChart.__name__ or not isinstance(getattr(chart, "bars", None), tuple):
        return f"return the chart charts.bar_chart(...) gives, not a {type(chart).__name__}."
    revenue = revenue_by(records, lambda record: f"{record['date']:%Y-%m}")
    labels = [label for label, _ in chart.bars]
    if set(labels) != set(revenue):
        return (f"the chart's labels are {labels}, but these invoices fall in the months {sorted(revenue)}: "
                "compute the chart's data from the records it is given.")
    if labels != sorted(revenue):
        return f"the months should be in calendar order, {sorted(revenue)}, not {labels}."
    for month, value in chart.bars:
        if isinstance(value, float):
            return f"the value of {month} is the float {value!r}; revenue is a Decimal."
        if value != revenue[month]:
            return f"the bar of {month} should be that month's revenue, {revenue[month]}, not {value!r}."
    return None


def check_monthly_revenue_chart(monthly_revenue_chart) -> bool:
    """Exercise 4: a bar chart whose data is the revenue per month of invoices the learner has not seen."""
    records = generated_invoices(random.Random(2904), date(2025, 11, 20), 18)
    chart, failed = call_safely("monthly_revenue_chart(records)", monthly_revenue_chart, copies(records))
    if failed is not None:
        return failed
    mistake = mistake_in_chart(chart, records)
    if mistake:
        return not_yet(f"for {len(records)} invoices you had not seen: {mistake}")
    return passed(f"{len(chart.bars)} months across the year's end, in calendar order, each bar the revenue "
                  "your code computed; its text alternative reads them all.")


def check_exercise_1(write_invoices) -> None:
    """Exercise 1: the finance team's sheet."""
    check_write_invoices(write_invoices)


def check_exercise_2(add_store_totals) -> None:
    """Exercise 2: totals per store, as values."""
    check_add_store_totals(add_store_totals)


def check_exercise_3(read_statement) -> None:
    """Exercise 3: another supplier's statement."""
    check_read_statement(read_statement)


def check_exercise_4(monthly_revenue_chart) -> None:
    """Exercise 4: a chart of data the learner computes."""
    check_monthly_revenue_chart(monthly_revenue_chart)
