# ---
# jupyter:
#   kernelspec:
#     display_name: Python (Pyodide)
#     language: python
#     name: python
# ---

# %% [markdown]
# # Reports people open: Excel workbooks and charts
#
# The last step of most business work is a file someone else opens: the quarter's invoices for
# the finance team, totals per store for the manager, a chart for Monday's meeting. Most of them
# open it in Excel (or LibreOffice), so this lesson writes real `.xlsx` workbooks, with amounts
# that are numbers, dates that are dates and formats that show cents; reads a workbook a supplier
# made; and draws charts, each with a text alternative, and says when a table beats a chart.
#
# The data is the coffee wholesaler's first quarter: 30 invoices of three stores in
# `data/reports/invoices-q1.csv`, and a supplier's statement in `data/reports/supplier-statement.xlsx`.
#
# **Time needed:** about 80 minutes, four exercises included. **Prerequisites:** *Business records
# and files* (CSV, `Decimal` from text, files in the browser), *Money and KPIs* (amounts in
# `Decimal`) and *Dates, periods and time zones* (`date`, months as `YYYY-MM`).

# %%
from coursekit.runtime import describe

print("Running in", describe())

# %% [markdown]
# ## Learning objectives
#
# By the end of this lesson you can:
#
# 1. write an `.xlsx` workbook with `openpyxl`: sheets, a header, number formats for money and
#    dates, column widths and a frozen header;
# 2. choose between a formula and a value for each cell, and say what a program reading the file sees;
# 3. read a workbook someone else made (a merged title, empty rows, a total row) into typed records;
# 4. draw a bar chart without numpy or matplotlib, give it a text alternative, and say when a
#    table tells more than a chart;
# 5. take a workbook out of the browser, and say what differs in CPython.
#
# ## openpyxl, from the course's own site
#
# An `.xlsx` file is a zip archive of XML files. **`openpyxl`** reads and writes them, and it is
# pure Python, so it runs in the browser too. The Pyodide files this site ships do not include it,
# so the site ships it in its own package set: in the browser `micropip` installs it from the site
# (nothing comes from the internet); in CPython you `pip install openpyxl` once.
# `workbooks.load_openpyxl()` does the right one, and the probe below says how long it took here:

# %%
from coursekit import probes, workbooks

openpyxl = await workbooks.load_openpyxl()
ready = await probes.measure_async("openpyxl_ready", "openpyxl ready?", probes.openpyxl_ready)
print(f"openpyxl {openpyxl.__version__}; a second load: {ready.detail}")

# %% [markdown]
# The first load in the browser is the slow one: a few seconds at most (the course measured from
# about one to four seconds across Chromium, Firefox and WebKit), where importing it in CPython
# takes under a second (see [What runs in your browser](what-runs-in-your-browser.ipynb)). A second
# load only imports what is already there, as the line above shows.
#
# ## The quarter's invoices
#
# First the records, typed as the earlier lessons taught: dates as `date`, amounts as `Decimal`.

# %%
import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

with Path("data/reports/invoices-q1.csv").open(encoding="utf-8", newline="") as stream:
    invoices = [{"invoice": row["invoice"], "date": date.fromisoformat(row["date"]), "store": row["store"],
                 "customer": row["customer"], "amount": Decimal(row["amount"])}
                for row in csv.DictReader(stream)]

print(f"{len(invoices)} invoices, {invoices[0]['date']} to {invoices[-1]['date']}, "
      f"total {sum(invoice['amount'] for invoice in invoices)} EUR")

# %% [markdown]
# ## A first workbook: values, types and number formats
#
# A workbook holds sheets; a sheet holds cells, each with a **value** and a **number format**.
# The value's type matters more than it looks:
#
# - a **number** (`int`, `float` or `Decimal`) is a number Excel can add, sort and chart;
# - a **`date`** is stored as a number of days, with a date format that shows it as a date;
# - a **`str`** is text, even when it reads `1,887.63`: Excel cannot add it.
#
# The number format decides only what people see: `#,##0.00 "EUR"` shows 1887.63 as
# `1,887.63 EUR`, and `dd.mm.yyyy` shows a date the German way. `append` writes a row,
# `column_dimensions` sets widths, and `freeze_panes = "A2"` keeps row 1 in view while scrolling.

# %%
MONEY = '#,##0.00 "EUR"'
COLUMNS = [("Date", 12), ("Invoice", 14), ("Store", 10), ("Customer", 18), ("Amount", 14)]

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Q1 invoices"
sheet.append([name for name, _ in COLUMNS])
for invoice in invoices:
    sheet.append([invoice[key] for key in ("date", "invoice", "store", "customer", "amount")])
    sheet.cell(row=sheet.max_row, column=1).number_format = "dd.mm.yyyy"
    sheet.cell(row=sheet.max_row, column=5).number_format = MONEY
for letter, (_, width) in zip("ABCDE", COLUMNS):
    sheet.column_dimensions[letter].width = width
sheet.freeze_panes = "A2"
book.save("q1-report.xlsx")
print("Saved q1-report.xlsx:", sheet.max_row - 1, "invoices on the sheet", repr(sheet.title))

# %% [markdown]
# Read it back to see what a program (or Excel) finds in it:

# %%
saved = openpyxl.load_workbook("q1-report.xlsx")["Q1 invoices"]
for cell in saved[2]:
    print(f"{cell.coordinate:<4}{cell.value!r:<42}{type(cell.value).__name__:<10}{cell.number_format}")
print("Frozen at", saved.freeze_panes, "| INV-2026024's 1150.00 comes back as", repr(saved["E25"].value))

# %% [markdown]
# Every type survived, with two changes to know about. The `date` came back as a `datetime` at
# midnight (Excel has no type for a day alone): take `.date()`. The `Decimal` came back as a
# `float` (a cell stores a binary float), and a round amount such as 1150.00 as the `int` 1150.
# Keep computing in `Decimal`, and write amounts already rounded to the cent: a cell then shows
# the cents the business means.
#
# > **Common mistake: money stored as text.** `f"{amount:,.2f} EUR"` looks perfect in the cell, but
# > it is text: Excel marks it with a green triangle, `=SUM()` skips it and a chart ignores it. Put
# > the **number** in the cell and the look in its **number format**. The same holds for a date
# > written as `"2026-01-07"`: text that cannot be sorted or filtered by month.

# %%
sheet["G2"] = f"{invoices[0]['amount']:,.2f} EUR"
sheet["G3"] = invoices[0]["amount"]
for cell in (sheet["G2"], sheet["G3"]):
    kind = "text" if cell.data_type == "s" else "a number"
    print(f"{cell.coordinate}: {cell.value!r:<18} stored as {kind}")
sheet["G2"] = sheet["G3"] = None

# %% [markdown]
# ### Exercise 1: the finance team's sheet
#
# Write `write_invoices(records, path)`. `records` are dicts like `invoices` above (`date` a
# `date`, `amount` a `Decimal`). Save a workbook at `path` whose sheet named `Invoices` has the
# header `Date`, `Invoice`, `Store`, `Amount` in row 1 and one row per record below it, in the
# order given, with:
#
# - dates as dates, in a date format of your choice;
# - amounts as numbers, in a number format that shows two decimals;
# - the header row frozen.
#
# The check reads your file back with `openpyxl`, for invoices you have not seen.
#
# <details><summary>Hint 1</summary>
#
# The demo above does nearly all of it: what differs is the sheet's name and the columns.
#
# </details>
# <details><summary>Hint 2</summary>
#
# A number format belongs to one cell: set it on the date cell and on the amount cell of every
# row you append (`sheet.cell(row=..., column=...)`).
#
# </details>

# %%
def write_invoices(records, path):
    """Save an .xlsx at path: sheet 'Invoices', header Date/Invoice/Store/Amount, typed and formatted."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def write_invoices(records, path):
    """Save an .xlsx at path: sheet 'Invoices', header Date/Invoice/Store/Amount, typed and formatted."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Invoices"
    sheet.append(["Date", "Invoice", "Store", "Amount"])
    for record in records:
        sheet.append([record["date"], record["invoice"], record["store"], record["amount"]])
        sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy-mm-dd"
        sheet.cell(row=sheet.max_row, column=4).number_format = MONEY
    sheet.freeze_panes = "A2"
    book.save(path)


# %%
from coursekit.report_checks import check_exercise_1

check_exercise_1(write_invoices)

# %% [markdown]
# ## Formulas or values
#
# A cell may hold a **formula**: any text starting with `=`, such as `=SUM(E2:E31)`. openpyxl does
# not compute it; it writes the text, and Excel or LibreOffice computes it when it opens the file.
# That is what a manager editing a budget wants: change an amount, and the total follows. A
# program reading the file gets the formula's text, or, with `data_only=True`, the value the last
# spreadsheet program cached, and a file only openpyxl has written has no cached value at all:

# %%
sheet["D32"], sheet["E32"] = "Total (formula)", f"=SUM(E2:E{len(invoices) + 1})"
sheet["D33"], sheet["E33"] = "Total (value)", sum(invoice["amount"] for invoice in invoices)
sheet["E32"].number_format = sheet["E33"].number_format = MONEY
book.save("q1-report.xlsx")

for data_only in (False, True):
    reread = openpyxl.load_workbook("q1-report.xlsx", data_only=data_only)["Q1 invoices"]
    print(f"data_only={data_only!s:<5}  E32: {reread['E32'].value!r:<14}  E33: {reread['E33'].value!r}")

# %% [markdown]
# So write a **value** where a program reads the file next, or where the number must not change
# (an invoice, a closed month); write a **formula** where a person will change its inputs. Both
# cells show `34,039.44 EUR` once a spreadsheet program opens the file.
#
# ### Exercise 2: totals per store
#
# The manager's summary is read by the finance system, so it needs values. Write
# `add_store_totals(book, records)`: add a sheet named `By store` to the workbook `book`, with the
# header `Store`, `Revenue`, one row per store (any order) with its revenue, and a last row
# `Total` with the revenue of all stores. Every revenue is a **value** (no formula), exact to the
# cent, in a number format that shows two decimals. The check saves your workbook and reads it back.
#
# <details><summary>Hint 1</summary>
#
# Add the store totals up in Python first, in a dict; then write one row per entry.
#
# </details>
# <details><summary>Hint 2</summary>
#
# `book.create_sheet(title)` adds a sheet. Amounts added up as floats can end up a hair beside the
# cent: keep them `Decimal` until they are written.
#
# </details>

# %%
def add_store_totals(book, records):
    """Add a sheet 'By store': Store/Revenue, one row per store, then Total; values, money format."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def add_store_totals(book, records):
    """Add a sheet 'By store': Store/Revenue, one row per store, then Total; values, money format."""
    totals = {}
    for record in records:
        totals[record["store"]] = totals.get(record["store"], Decimal(0)) + record["amount"]
    sheet = book.create_sheet("By store")
    sheet.append(["Store", "Revenue"])
    for store, revenue in [*sorted(totals.items()), ("Total", sum(totals.values()))]:
        sheet.append([store, revenue])
        sheet.cell(row=sheet.max_row, column=2).number_format = MONEY


# %%
from coursekit.report_checks import check_exercise_2

check_exercise_2(add_store_totals)

# %% [markdown]
# ## Reading a workbook someone else made
#
# The roastery's supplier sends a statement made for people, not programs: a title merged across
# the columns, a line about the customer, empty rows between the months, the header on row 4 and
# a total at the bottom. Look at it row by row before you write the reader:

# %%
statement = openpyxl.load_workbook("data/reports/supplier-statement.xlsx")
supplier = statement.active
print("Sheets:", statement.sheetnames, "| merged:", [str(cells) for cells in supplier.merged_cells.ranges])
for number, row in enumerate(supplier.iter_rows(values_only=True), start=1):
    print(number, row)

# %% [markdown]
# A merged range keeps its value in its top-left cell; the others read `None`. Empty rows are all
# `None`, and the total is a formula the supplier's program wrote without a cached value. A robust
# reader finds the header **by its contents**, maps column names to positions, skips empty rows
# and stops at the total, so a supplier moving a column or adding a line does not break it:

# %%
def statement_lines(sheet):
    """(date, invoice, amount) for each line of the statement, its title, empty rows and total left out."""
    rows = sheet.iter_rows(values_only=True)
    for header in rows:
        if "Invoice" in header:
            break
    column = {name: position for position, name in enumerate(header) if name}
    for row in rows:
        if not any(row) or row[column["Invoice"]] is None:
            continue
        amount = Decimal(str(row[column["Amount (EUR)"]]))
        yield row[column["Date"]].date(), row[column["Invoice"]], amount


lines = list(statement_lines(supplier))
for line in lines[:3]:
    print(line)
print(f"{len(lines)} lines, total {sum(amount for *_, amount in lines)} EUR")

# %% [markdown]
# > **Common mistake: `Decimal(cell.value)`.** The cell gives a float, and `Decimal(258.6)` is
# > `258.6000000000000227373675443232059478759765625`: the float's binary error, copied. `str()`
# > first gives the float's shortest text, `'258.6'`, which is the amount the supplier typed.
#
# ### Exercise 3: another supplier, another layout
#
# A second supplier's statements differ: the header is on another row, its columns are
# `Invoice`, `Reference`, `Date` and `Amount (EUR)` in an order that changes, the empty rows fall
# elsewhere and the total row reads `Total` in a column of its own. Write `read_statement(path)`:
# open the workbook and return one dict per statement line, in order, with the keys `invoice`
# (text), `date` (a `date`, not a `datetime`) and `amount` (a `Decimal` of the amount as typed).
# The check writes statements of its own.
#
# <details><summary>Hint 1</summary>
#
# `statement_lines` above finds the header by a name in it; which rows does it skip, and is that
# enough when the total sits in another column?
#
# </details>
# <details><summary>Hint 2</summary>
#
# A line is a row with an invoice number; print every row of a test file with `values_only=True`
# to see what the other rows hold.
#
# </details>

# %%
def read_statement(path):
    """One dict (invoice, date, amount) per line of a supplier's statement, wherever its header is."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def read_statement(path):
    """One dict (invoice, date, amount) per line of a supplier's statement, wherever its header is."""
    sheet = openpyxl.load_workbook(path).active
    return [{"invoice": invoice, "date": day, "amount": amount}
            for day, invoice, amount in statement_lines(sheet)]


# %%
from coursekit.report_checks import check_exercise_3

check_exercise_3(read_statement)

# %% [markdown]
# ## Charts without matplotlib
#
# This course's site ships no numpy or matplotlib: its package lock holds small pure-Python
# wheels only, and a plotting library would make every lesson's first visit slower. A bar chart
# needs little: one rectangle per value, a label and the number. The course's helper
# `coursekit.charts.bar_chart(title, labels, values, unit)` draws one as SVG, which every browser
# shows, and writes its **text alternative** from the same data: a screen reader reads every bar's
# label and value, and so does a text-only output (as in the course's tests). A pure-Python
# library such as pygal would do the same with more options; this one has none to learn.
#
# Revenue per month, computed from the invoices, then drawn:

# %%
from coursekit import charts

by_month = {}
for invoice in invoices:
    month = invoice["date"].strftime("%Y-%m")
    by_month[month] = by_month.get(month, Decimal(0)) + invoice["amount"]

months = sorted(by_month)
charts.bar_chart("Revenue by month, Q1 2026", months, [by_month[month] for month in months], "EUR")

# %% [markdown]
# The chart answers one question at a glance: which month sold most. A **table beats a chart**
# when the reader needs exact numbers, looks values up, or compares many categories on several
# measures at once, as the store manager does with revenue per store and month:

# %%
stores = sorted({invoice["store"] for invoice in invoices})
cells = {}
for invoice in invoices:
    key = (invoice["store"], invoice["date"].strftime("%Y-%m"))
    cells[key] = cells.get(key, Decimal(0)) + invoice["amount"]

print(f"{'store':<9}" + "".join(f"{month:>11}" for month in sorted(by_month)) + f"{'quarter':>11}")
for store in stores:
    row = [cells.get((store, month), Decimal(0)) for month in sorted(by_month)]
    print(f"{store:<9}" + "".join(f"{value:>11,}" for value in row) + f"{sum(row):>11,}")

# %% [markdown]
# Nine numbers a reader compares across and down: a chart of them would be three groups of three
# bars, and no one could read Vienna's March from it. Use a chart for one message (a trend, a
# ranking, a share), a table for the numbers behind it; a report often gives both.
#
# > **Common mistake: a chart of numbers no one computed.** A chart pasted from last quarter, or
# > values typed in by hand, looks just as convincing as one drawn from the data. Draw it from
# > the records in the same code that computes the numbers, so the two cannot disagree.
#
# ### Exercise 4: the chart for Monday's meeting
#
# Write `monthly_revenue_chart(records)`: from invoice records like `invoices`, return the chart
# `charts.bar_chart("Revenue by month", labels, values, "EUR")` whose labels are the months that
# have invoices, as `YYYY-MM` text in calendar order, and whose values are each month's revenue as
# a `Decimal`. The check gives it invoices you have not seen, across a year's end.
#
# <details><summary>Hint 1</summary>
#
# Compute first, draw last: build the dict of month to revenue, then hand its keys and values to
# `bar_chart` in the same order.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Which order do `YYYY-MM` texts sort in, and which order would month numbers alone give across
# December and January?
#
# </details>

# %%
def monthly_revenue_chart(records):
    """A bar chart of revenue per month (YYYY-MM, calendar order) computed from the records."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def monthly_revenue_chart(records):
    """A bar chart of revenue per month (YYYY-MM, calendar order) computed from the records."""
    revenue = {}
    for record in records:
        month = record["date"].strftime("%Y-%m")
        revenue[month] = revenue.get(month, Decimal(0)) + record["amount"]
    months = sorted(revenue)
    return charts.bar_chart("Revenue by month", months, [revenue[month] for month in months], "EUR")


# %%
from coursekit.report_checks import check_exercise_4

check_exercise_4(monthly_revenue_chart)

# %% [markdown]
# ## Taking the workbook out of the browser
#
# `q1-report.xlsx` was saved next to this notebook. The cell below writes a workbook of 1000 rows,
# times it, and says where it went and whether the file browser holds the same bytes:

# %%
written = await probes.measure_async("workbook_written", "workbook?", probes.workbook_written)
print(written.detail)

# %% [markdown]
# In the browser the workbook lands in `/drive`, the notebook's folder, which the browser keeps in
# its storage for this site (IndexedDB), as *Business records and files* showed for CSV files.
# The file browser on the left lists it: right-click `q1-report.xlsx` and choose **Download**, and
# the browser saves it in your Downloads folder, ready for Excel or LibreOffice. The course
# measured that the copy Download hands out is identical to the bytes openpyxl wrote, in Chromium,
# Firefox and WebKit, and it tests that a workbook this lesson writes in Chromium opens in
# LibreOffice with the right values. Writing is slower than in CPython: 1000 rows took at most a
# few seconds in the browsers the course measured, and under a second in CPython, which matters
# only for workbooks of many thousands of rows.
#
# In CPython none of this is needed: `book.save()` writes to your disk, where Excel opens the file
# directly. Either way, save the workbook under a name that says what it holds and when
# (`q1-report.xlsx`), and take it out before you clear the browser's data.
#
# ## Key points
#
# - `openpyxl` writes and reads `.xlsx` in pure Python; this site ships it, so it runs in the
#   browser after `await workbooks.load_openpyxl()`.
# - Put numbers and dates in cells, and their look in number formats (`#,##0.00 "EUR"`,
#   `dd.mm.yyyy`); text that looks like money cannot be added.
# - Numbers come back as `int` or `float` and dates as `datetime`: `Decimal(str(value))` and `.date()`.
# - A formula is computed by the spreadsheet program, never by openpyxl: write values where a
#   program reads the file, formulas where people change the inputs.
# - Read other people's workbooks by finding the header by name, skipping empty rows and stopping
#   at totals.
# - Draw a chart from the computed data, with a text alternative; give a table where readers need
#   exact numbers.
# - In the browser the workbook lives in the site's storage: download it from the file browser.
