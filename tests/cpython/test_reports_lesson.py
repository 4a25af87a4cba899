"""The reports lesson in CPython: its output, and its checks against right and wrong answers."""

import importlib
from datetime import datetime
from decimal import Decimal

import pytest

from tests.support.cases import wrong_answers
from tests.support.check_lines import assert_check_lines
from tests.support.lesson_fixtures import lesson_fixtures
from tests.support.notebook_outputs import rich_outputs

LESSON = "reports_excel_charts"


text, checks, lesson = lesson_fixtures(LESSON, "report_checks")


def test_workbook_types_formats_and_formulas(text):
    assert "30 invoices, 2026-01-07 to 2026-03-14, total 34039.44 EUR" in text
    assert "A2  datetime.datetime(2026, 1, 7, 0, 0)       datetime  dd.mm.yyyy" in text
    assert "E2  1011.01                                   float     #,##0.00 \"EUR\"" in text
    assert "Frozen at A2 | INV-2026024's 1150.00 comes back as 1150" in text
    assert "G2: '1,011.01 EUR'     stored as text" in text
    assert "G3: Decimal('1011.01') stored as a number" in text
    assert "data_only=False  E32: '=SUM(E2:E31)'  E33: 34039.44" in text
    assert "data_only=True   E32: None            E33: 34039.44" in text


def test_statement_chart_table_and_where_the_file_goes(executed_lesson, text):
    assert "merged: ['A1:D1', 'A2:D2']" in text
    assert "13 (None, None, 'Total', '=SUM(D5:D12)')" in text
    assert "(datetime.date(2026, 1, 22), 'KI-7790', Decimal('258.6'))" in text
    assert "6 lines, total 4361.35 EUR" in text
    assert "Vienna      1,833.89   4,027.81   1,115.05   6,976.75" in text
    assert "to write 1000 rows to" in text and "on this computer's disk" in text
    chart = rich_outputs(executed_lesson(LESSON), "text/html")
    assert any("<svg" in html and "2026-03: 6,674.55 EUR" in html for html in chart)


def test_learner_and_instructor_checks(executed_lesson):
    assert_check_lines(executed_lesson, LESSON, {1: 1, 2: 1, 3: 1, 4: 1})


@pytest.fixture
def openpyxl(coursekit):
    return importlib.import_module("openpyxl")


def test_every_check_asks_for_openpyxl_first_when_it_is_not_loaded(checks, monkeypatch, capsys):
    monkeypatch.setattr(checks, "openpyxl_or_none", lambda: None)
    for number in (1, 2, 3):
        getattr(checks, f"check_exercise_{number}")(lambda *args: None)
    assert capsys.readouterr().out.count("openpyxl is not loaded yet") == 3


# Exercise 1: the finance team's sheet.

def invoice_sheet(records, path, title="Invoices", amount=lambda a: a, day=lambda d: d,
                  money="#,##0.00", dates="yyyy-mm-dd", frozen="A2", save=True):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(["Date", "Invoice", "Store", "Amount"])
    for record in records:
        sheet.append([day(record["date"]), record["invoice"], record["store"], amount(record["amount"])])
        sheet.cell(row=sheet.max_row, column=1).number_format = dates
        if money:
            sheet.cell(row=sheet.max_row, column=4).number_format = money
    sheet.freeze_panes = frozen
    if save:
        book.save(path)


def test_write_invoices_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_write_invoices(lesson["write_invoices"])
    assert checks.check_write_invoices(lambda records, path: invoice_sheet(
        records, str(path), amount=float, money='[$€-407] #,##0.00', dates="dd.mm.yyyy"))
    assert "under a frozen header" in capsys.readouterr().out


@wrong_answers({
    "money-as-text": (lambda r, p: invoice_sheet(r, p, amount=lambda a: f"{a:,.2f} EUR"),
                      "money stored as text"),
    "date-as-text": (lambda r, p: invoice_sheet(r, p, day=lambda d: d.isoformat()),
                     "date stored as a string"),
    "no-money-format": (lambda r, p: invoice_sheet(r, p, money=None), "does not show two decimals"),
    "formula": (lambda r, p: invoice_sheet(r, p, amount=lambda a: f"={a}"), "holds the formula"),
    "not-frozen": (lambda r, p: invoice_sheet(r, p, frozen=None), "the header is not frozen"),
    "sheet-name": (lambda r, p: invoice_sheet(r, p, title="Sheet"), "no sheet named 'Invoices'"),
    "not-saved": (lambda r, p: invoice_sheet(r, p, save=False), "saved no file"),
    "not-a-workbook": (lambda r, p: p.write_text("Date;Invoice"), "not a workbook openpyxl can open"),
})
def test_write_invoices_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_write_invoices(wrong)
    assert message in capsys.readouterr().out


# Exercise 2: totals per store, as values.

def totals_sheet(book, records, number=Decimal, money="#,##0.00", total=None, total_first=False,
                 store_value=lambda store, revenue, row: revenue):
    totals = {}
    for record in records:
        totals[record["store"]] = totals.get(record["store"], number(0)) + number(record["amount"])
    sheet = book.create_sheet("By store")
    sheet.append(["Store", "Revenue"])
    rows = [(store, store_value(store, revenue, row))
            for row, (store, revenue) in enumerate(totals.items(), start=2)]
    last = ("Total", total(len(rows)) if total else sum(totals.values()))
    for store, revenue in [last, *rows] if total_first else [*rows, last] if total is not False else rows:
        sheet.append([store, revenue])
        if money:
            sheet.cell(row=sheet.max_row, column=2).number_format = money


def test_add_store_totals_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_add_store_totals(lesson["add_store_totals"])
    assert checks.check_add_store_totals(lambda book, records: totals_sheet(
        book, records, money='0.00 "EUR"', store_value=lambda store, revenue, row: float(revenue)))
    assert "what the finance system reads" in capsys.readouterr().out


@wrong_answers({
    "total-formula": (lambda b, r: totals_sheet(b, r, total=lambda n: f"=SUM(B2:B{n + 1})"),
                      "holds the formula"),
    "sumif": (lambda b, r: totals_sheet(
        b, r, store_value=lambda s, v, row: f'=SUMIF(Invoices!C:C,"{s}",D:D)'), "holds the formula"),
    "as-text": (lambda b, r: totals_sheet(b, r, store_value=lambda s, v, row: f"{v:.2f}"),
                "money stored as text"),
    "float-sums": (lambda b, r: totals_sheet(b, r, number=float), "a hair beside"),
    "no-format": (lambda b, r: totals_sheet(b, r, money=None), "does not show two decimals"),
    "no-total": (lambda b, r: totals_sheet(b, r, total=False), "a row 'Total'"),
    "total-first": (lambda b, r: totals_sheet(b, r, total_first=True), "should be the last one"),
    "other-sheet": (lambda b, r: b.create_sheet("Stores"), "no sheet named 'By store'"),
})
def test_add_store_totals_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_add_store_totals(wrong)
    assert message in capsys.readouterr().out


# Exercise 3: another supplier's statement.

def statement(path, keep_rows=lambda row: any(row), day=lambda d: d.date(), amount=lambda a: Decimal(str(a))):
    import openpyxl

    rows = openpyxl.load_workbook(path).active.iter_rows(values_only=True)
    header = next(row for row in rows if "Amount (EUR)" in row)
    at = {name: header.index(name) for name in ("Invoice", "Date", "Amount (EUR)")}
    return [{"invoice": row[at["Invoice"]], "date": day(row[at["Date"]]),
             "amount": amount(row[at["Amount (EUR)"]])} for row in rows if keep_rows(row)]


def with_an_invoice(row):
    return any(isinstance(value, str) and value.startswith("BV-") for value in row)


def fixed_layout(path):
    """The lesson's statement layout taken for granted: header on row 4, Date, Invoice, _, Amount."""
    import openpyxl

    rows = openpyxl.load_workbook(path).active.iter_rows(min_row=5, values_only=True)
    return [{"invoice": row[1], "date": row[0], "amount": row[3]} for row in rows if any(row)]


def test_read_statement_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_read_statement(lesson["read_statement"])
    assert checks.check_read_statement(lambda path: tuple(statement(path, keep_rows=with_an_invoice)))
    assert "a layout you had not seen" in capsys.readouterr().out


@wrong_answers({
    "blank-and-total-rows": (lambda path: statement(path, keep_rows=lambda row: True,
                                                    day=lambda d: d and d.date(),
                                                    amount=lambda a: a and Decimal(str(a))),
                             "leave out the empty rows"),
    "crashes-on-a-blank-row": (lambda path: statement(path, keep_rows=lambda row: True),
                               "an empty row or the total"),
    "datetime": (lambda path: statement(path, keep_rows=with_an_invoice, day=lambda d: d), "is a datetime"),
    "floats": (lambda path: statement(path, keep_rows=with_an_invoice, amount=lambda a: a), "is the float"),
    "decimal-of-float": (lambda path: statement(path, keep_rows=with_an_invoice, amount=Decimal),
                         "Decimal(float) copies"),
    "fixed-layout": (fixed_layout, "not seen"),
    "a-dict": (lambda path: {"lines": statement(path, keep_rows=with_an_invoice)}, "return a list"),
})
def test_read_statement_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_read_statement(wrong)
    assert message in capsys.readouterr().out


# Exercise 4: a chart of data the learner computes.

def month_chart(records, month=lambda d: f"{d.year}-{d.month:02d}", order=sorted, value=lambda a: a,
                add=lambda total, amount: total + amount):
    from coursekit import charts

    revenue = {}
    for record in records:
        key = month(record["date"])
        revenue[key] = add(revenue.get(key, 0), value(record["amount"]))
    labels = order(revenue)
    return charts.bar_chart("Revenue by month", labels, [revenue[label] for label in labels], "EUR")


def lesson_quarter(records):
    from coursekit import charts

    return charts.bar_chart("Revenue by month", ["2026-01", "2026-02", "2026-03"],
                            [Decimal("13612.27"), Decimal("13752.62"), Decimal("6674.55")], "EUR")


def test_monthly_revenue_chart_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_monthly_revenue_chart(lesson["monthly_revenue_chart"])
    assert checks.check_monthly_revenue_chart(month_chart)
    assert "each bar the revenue your code computed" in capsys.readouterr().out


@wrong_answers({
    "lesson-data": (lesson_quarter, "compute the chart's data from the records"),
    "one-bar": (lambda records: month_chart(records, month=lambda d: "Q4"), "compute the chart"),
    "month-number-order": (lambda records: month_chart(records, order=lambda keys: sorted(
        keys, key=lambda k: int(k[5:]))), "calendar order"),
    "floats": (lambda records: month_chart(records, value=float), "is the float"),
    "counts": (lambda records: month_chart(records, add=lambda total, amount: total + 1),
               "that month's revenue"),
    "a-dict": (lambda records: {"2025-11": Decimal(1)}, "return the chart"),
})
def test_monthly_revenue_chart_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_monthly_revenue_chart(wrong)
    assert message in capsys.readouterr().out


def test_a_chart_says_in_words_what_it_draws(coursekit):
    from coursekit import charts

    chart = charts.bar_chart("Orders", ["North", "South"], [Decimal("1200.5"), 300], "EUR")
    assert repr(chart) == "Orders, 2 bars. North: 1,200.50 EUR; South: 300 EUR. Largest: North."
    assert 'role="img"' in chart.svg() and "<desc" in chart.svg() and chart.svg().count("<rect") == 2
    with pytest.raises(ValueError, match="2 labels but 1 values"):
        charts.bar_chart("Orders", ["North", "South"], [1])
    with pytest.raises(ValueError, match="'12' is not a number"):
        charts.bar_chart("Orders", ["North"], ["12"])


def test_statement_dates_are_datetimes_in_the_file(checks, openpyxl, tmp_path):
    """The check's statements store dates as Excel dates, so a reader must take .date() itself."""
    import random

    rows, lines = checks.generated_statement(random.Random(1))
    checks.written_statement(openpyxl, rows, tmp_path / "s.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "s.xlsx").active
    values = [value for row in sheet.iter_rows(values_only=True) for value in row]
    assert sum(isinstance(v, datetime) for v in values) == len(lines)
