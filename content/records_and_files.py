# ---
# jupyter:
#   kernelspec:
#     display_name: Python (Pyodide)
#     language: python
#     name: python
# ---

# %% [markdown]
# # Business records and files
#
# Business runs on files: the orders a shop system exports for the accountant, the customer
# list someone pulls out of the CRM, the JSON feed a partner's system sends every night. This
# lesson turns such files into records you can trust: read in the right dialect and
# encoding, with numbers that are numbers, typed, and checked row by row, and written back out
# in a form the next program (or person) can read.
#
# The files are small and realistic: a European Excel export of orders, a CRM customer list
# and a JSON order feed, all in the course's folder `data/records/`.
#
# **Time needed:** about 75 minutes, four exercises included. **Prerequisites:** none from this
# course (this is its first lesson); Python basics: variables, loops, functions, lists and dicts.

# %%
from coursekit.runtime import IN_BROWSER, describe

print("Running in", describe())

# %% [markdown]
# ## Learning objectives
#
# By the end of this lesson you can:
#
# 1. find and list files with `pathlib`, and read a CSV file with `csv.DictReader`;
# 2. read the semicolon-separated, comma-decimal files that European Excel writes, byte-order
#    mark included, and recognise a dialect you have not seen before;
# 3. turn rows into typed records (`dataclasses`) and report every bad value by line and column,
#    without stopping at the first;
# 4. write CSV with `csv.DictWriter` and JSON with `json.dumps(default=...)`, decimals and dates
#    included;
# 5. say where a file your code writes lives in the browser, what keeps it, and how to bring your
#    own file in and take a result out.
#
# ## Paths: where the files are
#
# `pathlib.Path` names a file or folder and does the work: join with `/`, list a folder with
# `iterdir()` or `glob()`, read with `read_text()` or `open()`. Paths here are **relative** to the
# notebook's folder, so the same code runs in CPython and in the browser.

# %%
from pathlib import Path

records_folder = Path("data") / "records"
for path in sorted(records_folder.glob("*")):
    print(f"{path.name:<22}{path.stat().st_size:>6} bytes  ({path.suffix or 'no suffix'})")

# %% [markdown]
# ## A European Excel export
#
# The shop exports March's orders "as CSV" from Excel on a German computer. Read it the way most
# first attempts do, with `csv.DictReader` and the defaults:

# %%
import csv

export = records_folder / "orders-export.csv"
with export.open(encoding="utf-8", newline="") as stream:
    reader = csv.DictReader(stream)
    print(f"{len(reader.fieldnames)} column(s): {reader.fieldnames}")
    print("The first order:", next(reader))

# %% [markdown]
# One column, not seven, and its name starts with a strange `'\ufeff'`; the first order was cut
# in two at the comma in its price, and the rest went under the key `None`. Two things went wrong:
#
# - **The separator.** Where the comma is the decimal separator (Germany, France, the
#   Netherlands and most of Europe), Excel separates the columns with a **semicolon** and writes
#   `18,90` for eighteen euros ninety. `csv` assumes commas unless you say `delimiter=";"`.
# - **The byte-order mark (BOM).** Excel's "CSV UTF-8" starts the file with three bytes, `EF BB
#   BF`, that announce UTF-8. Read as `utf-8`, they become the character `'\ufeff'` glued to the
#   first header; read as **`utf-8-sig`**, they are dropped (and a file without them reads the
#   same).
#
# Open the file in `'rb'` mode to see the bytes themselves:

# %%
print(export.read_bytes()[:40])

# %% [markdown]
# With both fixed, each row is a dict keyed by the header. `newline=""` lets `csv` handle line
# ends itself (Excel writes `\r\n`, and a quoted field may hold a line break).

# %%
with export.open(encoding="utf-8-sig", newline="") as stream:
    rows = list(csv.DictReader(stream, delimiter=";"))

print(f"{len(rows)} orders, columns: {list(rows[0])}")
for row in rows[2:4] + rows[5:7]:
    print(f"  {row['order_id']}  {row['product']:<28} {row['quantity']:>3} x {row['unit_price']:>8}")

# %% [markdown]
# Look at the products: `Cups; paper, 8 oz (1000)` holds the separator itself, so Excel put the
# field in double quotes, and `Syrup "Vanilla" 1 l` holds quotes, which Excel doubled (`""`). That
# is **quoting**, and `csv` undoes it for you: never split a line with `line.split(";")`.
#
# > **Common mistake: the BOM in the first header.** With `encoding="utf-8"` every row has the key
# > `'\ufefforder_id'`, which prints like `order_id`, so `row["order_id"]` raises `KeyError` and the
# > mistake is hard to see. Open CSV files from Excel with `encoding="utf-8-sig"`.
#
# ### Numbers with decimal commas
#
# Every value `csv` gives you is text. `float("18,90")` raises `ValueError`, and the grinder's
# price, `1.249,00`, also has a dot as its **thousands** separator. Remove the thousands dots,
# then turn the comma into a point, and make money a `decimal.Decimal`, which keeps `18.90`
# exactly (the lesson *Money and KPIs* shows why a float does not).

# %%
from decimal import Decimal


def european_decimal(text):
    """'1.249,00' -> Decimal('1249.00'): dots group thousands, the comma marks decimals."""
    return Decimal(text.strip().replace(".", "").replace(",", "."))


for text in ["18,90", "1.249,00", "7,49"]:
    print(f"{text!r:>11} -> {european_decimal(text)!r}")

# %% [markdown]
# ### Exercise 1: read the export
#
# Write `read_orders(path)`: read a file in the shop's export format (semicolons, decimal commas,
# a BOM) and return a list with one dict per order, keyed by the header's column names, with
# `quantity` an `int`, `unit_price` a `Decimal`, and every other value the text of the file. The
# check writes exports of its own, with other orders and the columns in another order.
#
# <details><summary>Hint 1</summary>
#
# Start from the cell that printed four orders above: the encoding and the delimiter there are
# the ones this format needs.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Convert two values of each row and keep the rest: look each one up by its column name, never
# by its place in the row, since the columns may come in another order.
#
# </details>
# <details><summary>Hint 3</summary>
#
# `european_decimal` above already understands `1.249,00`.
#
# </details>

# %%
def read_orders(path):
    """The export's orders: dicts keyed by header, quantity an int, unit_price a Decimal."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def read_orders(path):
    """The export's orders: dicts keyed by header, quantity an int, unit_price a Decimal."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        orders = list(csv.DictReader(stream, delimiter=";"))
    for order in orders:
        order["quantity"] = int(order["quantity"])
        order["unit_price"] = european_decimal(order["unit_price"])
    return orders


# %%
from coursekit.files_checks import check_exercise_1

check_exercise_1(read_orders)

# %% [markdown]
# ## Another dialect: recognise it from its bytes
#
# Not every "Excel file" is a CSV. Excel's **Unicode Text** export, which many supplier
# systems also write, is **tab**-separated and encoded in **UTF-16**: two bytes per character,
# with a two-byte BOM (`FF FE`) in front. `csv` handles any one-character delimiter and Python
# any encoding; the work is recognising them. Three questions tell a file's dialect:
#
# 1. What do its first bytes say? `EF BB BF` is UTF-8 with a BOM, `FF FE` or `FE FF` UTF-16,
#    and a zero byte after every letter is UTF-16 too.
# 2. What separates the columns? Print a line with `repr()`: `\t`, `;`, `,` or `|` shows.
# 3. How are decimals and quotes written? Look at a few values.
#
# `csv.Sniffer().sniff(sample)` guesses the delimiter from a sample, but check its guess: with
# decimal commas, a comma can look like a separator too.

# %%
sample = export.read_text(encoding="utf-8-sig")[:300]
print("Sniffer's delimiter for the export:", repr(csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter))
print("A line of it:", repr(sample.splitlines()[1]))

# %% [markdown]
# ### Exercise 2: a supplier's price list
#
# The roastery sends its prices as `data/records/supplier-prices.txt`, saved from Excel as
# Unicode Text on a Dutch computer. Write `read_price_list(path)`: return a dict mapping each
# `SKU` to its price (the `Price (EUR)` column) as a `Decimal`. The lesson has not shown this
# format: find its encoding and its delimiter from the file itself. The check also reads price
# lists of its own in the same format.
#
# <details><summary>Hint 1</summary>
#
# Print the first bytes of the file (`Path(path).read_bytes()[:16]`) and compare them with the
# three questions above.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Python's `"utf-16"` codec reads the BOM and picks the byte order itself; then print one line
# with `repr()` to see what separates the columns.
#
# </details>

# %%
def read_price_list(path):
    """{SKU: price as Decimal} from the supplier's Unicode Text export."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def read_price_list(path):
    """{SKU: price as Decimal} from the supplier's Unicode Text export."""
    with open(path, encoding="utf-16", newline="") as stream:
        return {row["SKU"]: european_decimal(row["Price (EUR)"])
                for row in csv.DictReader(stream, delimiter="\t")}


# %%
from coursekit.files_checks import check_exercise_2

check_exercise_2(read_price_list)

# %% [markdown]
# ## Typed records, checked row by row
#
# A dict per row is easy to make and easy to get wrong: a typo in a key, a credit limit that is
# still text. A **dataclass** names the fields and their types once, and gives every record a
# readable `repr` and `==` for free. (`typing.NamedTuple` is the older, still common idiom; a
# dataclass is the current one.) Type hints are not checked when the program runs, so
# converting and validating the values is still your job.
#
# The CRM's customer list is a plain comma-separated UTF-8 file, with quotes around company
# names that contain a comma. A strict reader stops at the first bad value, and its message
# names the file, the **line** and the **column**, so whoever fixes the file knows where to look.
# Line 1 is the header, so the first customer is on line 2 (this file has no quoted line
# breaks, so each row is one line; `reader.line_num` counts lines where they do occur).

# %%
from dataclasses import dataclass


@dataclass
class Customer:
    """One customer of the CRM, with its values converted and checked."""

    customer_id: str
    company: str
    contact_email: str
    credit_limit: Decimal


def customer_from_row(row):
    """A Customer from one CSV row; ValueError naming the column of the first bad value."""
    if "@" not in row["contact_email"]:
        raise ValueError(f"column contact_email: {row['contact_email']!r} is not an email address")
    try:
        limit = Decimal(row["credit_limit"])
    except ArithmeticError:
        raise ValueError(f"column credit_limit: {row['credit_limit']!r} is not a number") from None
    if limit < 0:
        raise ValueError(f"column credit_limit: {limit} is negative")
    return Customer(row["customer_id"], row["company"], row["contact_email"], limit)


def read_customers_strictly(path):
    """Every customer, or ValueError at the first bad row, naming its file, line and column."""
    with open(path, encoding="utf-8-sig", newline="") as stream:
        customers = []
        for line, row in enumerate(csv.DictReader(stream), start=2):
            try:
                customers.append(customer_from_row(row))
            except ValueError as error:
                raise ValueError(f"{Path(path).name} line {line}, {error}") from None
    return customers


try:
    read_customers_strictly(records_folder / "customers.csv")
except ValueError as error:
    print("Stopped:", error)

# %% [markdown]
# A clear stop is right when one bad row makes the whole file untrustworthy (a bank payment
# file, say). For a customer list of thousands it is not: you want every good customer loaded
# and a list of every bad row, to send back to whoever keeps the CRM.
#
# ### Exercise 3: report every bad row, without stopping
#
# Write `load_customers(path)`: return `(customers, problems)`, where `customers` lists a
# `Customer` for every good row, in file order, and `problems` lists one message for every bad
# row, each naming its line (`line 4`, the header being line 1) and the column of the bad value.
# Use `customer_from_row` for the rules. The check runs it on customer lists of its own.
#
# <details><summary>Hint 1</summary>
#
# The structure of `read_customers_strictly` fits: what changes is what happens in its
# `except` branch.
#
# </details>
# <details><summary>Hint 2</summary>
#
# `customer_from_row`'s error already names the column; your message only needs to add the line.
#
# </details>

# %%
def load_customers(path):
    """(customers of the good rows, one message per bad row naming its line and column)."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def load_customers(path):
    """(customers of the good rows, one message per bad row naming its line and column)."""
    customers, problems = [], []
    with open(path, encoding="utf-8-sig", newline="") as stream:
        for line, row in enumerate(csv.DictReader(stream), start=2):
            try:
                customers.append(customer_from_row(row))
            except ValueError as error:
                problems.append(f"line {line}, {error}")
    return customers, problems


# %%
from coursekit.files_checks import check_exercise_3

check_exercise_3(load_customers)

# %% [markdown]
# ## Writing CSV for the next reader
#
# `csv.DictWriter` writes dicts as rows, quoting any value that holds the delimiter, a quote or
# a line break. Decide the dialect by **who reads the file next**. A program, or a colleague
# with English Excel: commas, decimal points, plain UTF-8. A colleague with European Excel:
# semicolons, decimal commas and `utf-8-sig`, whose BOM tells Excel the file is UTF-8 (without
# it Excel guesses another encoding and shows `CafÃ©` for `Café`).

# %%
clean = Path("orders-clean.csv")
with export.open(encoding="utf-8-sig", newline="") as stream:
    orders = list(csv.DictReader(stream, delimiter=";"))
for order in orders:
    order["unit_price"] = european_decimal(order["unit_price"])
    order["total"] = order["unit_price"] * int(order["quantity"])

with clean.open("w", encoding="utf-8", newline="") as stream:
    writer = csv.DictWriter(stream, fieldnames=["order_id", "customer_id", "product", "quantity", "total"],
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(orders)
print("".join(clean.read_text(encoding="utf-8").splitlines(keepends=True)[:5]))

# %% [markdown]
# `extrasaction="ignore"` leaves out the columns you did not list (without it, `DictWriter`
# raises `ValueError` on an unlisted key, which protects you from dropping data by accident).
# Writing a `Decimal` gives its exact text, `75.60` (4 × 18.90), not a float's `75.6` or worse.
#
# ## JSON: nested records
#
# A JSON feed is not a table: each order holds a customer object and a list of lines. `json.load`
# turns it into dicts and lists; amounts arrive as **strings** (`"18.90"`), as careful APIs send
# money, so that no float rounds them on the way. Turn them into `Decimal`, and the timestamps
# (with their UTC offset) into `datetime`.

# %%
import json
from datetime import datetime

with (records_folder / "orders-feed.json").open(encoding="utf-8") as stream:
    feed = json.load(stream)

for order in feed["orders"]:
    placed = datetime.fromisoformat(order["placed_at"])
    total = sum(line["quantity"] * Decimal(line["unit_price"]) for line in order["lines"])
    print(f"{order['order_id']}  {placed:%d %b %H:%M} (UTC{placed:%z})  "
          f"{order['customer']['company']:<27} line(s): {len(order['lines'])}  {total:>8} EUR")

# %% [markdown]
# Writing JSON back is where `Decimal` and `datetime` bite: `json.dumps` knows only strings,
# numbers, booleans, `None`, lists and dicts, and raises `TypeError` for anything else. Its
# `default=` argument is a function it calls for every such value; return something it knows.

# %%
summary = {"order_id": 10491, "placed_at": datetime.fromisoformat("2025-03-07T16:05:51+01:00"),
           "total": Decimal("201.60")}
try:
    json.dumps(summary)
except TypeError as error:
    print("TypeError:", error)

# %% [markdown]
# > **Common mistake: `default=float` for money.** It makes the error go away and writes
# > `201.6`, and a receiver that reads it back as a float may be a cent out after a few sums.
# > Write amounts as strings (`"201.60"`), as the feed above does.
#
# ### Exercise 4: orders back to JSON
#
# Write `to_json(record)`: return the record as JSON text, with every `Decimal` written as a
# string of its exact digits (`Decimal("200.60")` becomes `"200.60"`) and every `date` or
# `datetime` as the string its `.isoformat()` gives. Records may nest dicts and lists. The check
# uses records of its own.
#
# <details><summary>Hint 1</summary>
#
# `json.dumps(record, default=...)`: the function you pass is called only for values `json`
# cannot write itself, and its return value is written instead.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Inside that function, `isinstance(value, Decimal)` tells a decimal apart; `date` and
# `datetime` both have `.isoformat()`. Raise `TypeError` for anything else, as `json` does.
#
# </details>

# %%
import json
from datetime import date, datetime
from decimal import Decimal


def to_json(record):
    """JSON text of a record; Decimals as exact strings, dates and datetimes in ISO 8601."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
import json
from datetime import date, datetime
from decimal import Decimal


def json_value(value):
    """What json.dumps writes for a Decimal, date or datetime."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def to_json(record):
    """JSON text of a record; Decimals as exact strings, dates and datetimes in ISO 8601."""
    return json.dumps(record, default=json_value)


# %%
from coursekit.files_checks import check_exercise_4

check_exercise_4(to_json)

# %% [markdown]
# ## Files in the browser
#
# `orders-clean.csv` was written next to this notebook. On a computer running CPython that is
# a file on the disk. In the browser there is no disk a web page may touch: Python runs in
# WebAssembly, and JupyterLite gives it a folder, `/drive`, whose files are kept in the
# browser's own database for websites, **IndexedDB** (in a database named `JupyterLite Storage`
# followed by the site's path).
# That folder is the one the file browser shows (**View > File Browser** opens it in a new
# tab), so the file you wrote appears there (reload that tab if it does not yet). The cell
# below writes a file and says where it went, as the course measured in CPython and in
# Chromium, Firefox and WebKit (all its measurements are in
# **[What runs in your browser](what-runs-in-your-browser.ipynb)**):

# %%
from coursekit import probes

print(await probes.written_file_location())

# %% [markdown]
# ```mermaid
# flowchart LR
#     accTitle: Where a file written in the browser lives
#     accDescr: open() writes to /drive, kept in the browser's IndexedDB; Download copies it to your computer.
#     A["open('orders-clean.csv', 'w') in Python"] --> B["/drive: the notebook's folder"]
#     B --> C["JupyterLab's files"]
#     C --> D[("IndexedDB: the browser's storage for this site")]
#     C --> E["File browser: Download"]
#     E --> F["Your computer's Downloads folder"]
# ```
#
# What that means for your work:
#
# - **A reload keeps it, and so does closing the browser.** The course measured it: a file
#   written before a page reload is still there afterwards, with a new kernel, in every engine;
#   and in Chromium and Firefox a file is still there after the browser is closed and opened
#   again. Safari's engine could not show it: the WebKit the course tests in starts on an empty
#   profile every time it is automated, so the file was gone.
# - **A private window starts empty.** It does not see the files of your normal windows: there
#   `open()` raises `FileNotFoundError`, in every engine. Work in a normal window.
# - **The storage is the browser's to clear.** Clearing the site's data (or "cookies and site
#   data") in the browser's settings deletes these files. And the browser has not promised to
#   keep them: in Chromium and Firefox `navigator.storage.persisted()` is false for this site,
#   which leaves the browser free to evict them when the disk runs short. In WebKit the kernel
#   cannot even ask: its worker has no `navigator.storage` (an `AttributeError`). The cell below
#   asks your browser.
# - **Another browser, or another computer, does not see them.** Each browser keeps its own.
#
# So treat the browser's folder as a workbench, not an archive: take results out.

# %%
if IN_BROWSER:
    asked = await probes.measure_async("storage_persisted", "persisted?", probes.storage_persisted)
    print("Your browser:", asked.detail)
else:
    print("CPython writes to the computer's disk: there is no browser storage to ask about.")

# %% [markdown]
# **Bringing your own file in:** in the file browser's tab, click **Upload** and pick the
# file; it lands, byte for byte, in the folder the file browser shows, and
# `open("its-name.csv")` reads it from a notebook in that folder.
#
# **Taking a result out:** right-click the file your code wrote, such as `orders-clean.csv`,
# and choose **Download**; the browser saves an exact copy in your Downloads folder.
# (The course's tests do both in Chromium and compare the bytes.)
#
# In CPython none of this is needed: your files are on the disk, where the program runs.
#
# ## Key points
#
# - Read CSV with `csv.DictReader` and `newline=""`; find the dialect (encoding, delimiter,
#   decimals) from the file's bytes and lines before you parse.
# - Excel's European CSV: `delimiter=";"`, decimal commas, and `encoding="utf-8-sig"` for the
#   BOM; Unicode Text: tabs and `utf-16`.
# - Look values up by column name, convert them (`int`, `Decimal`), and report bad values by line
#   and column; load the good rows and list the bad ones when stopping would lose work.
# - Write with `csv.DictWriter` in the dialect of the next reader, and JSON with a `default=`
#   that writes decimals as exact strings and dates in ISO 8601.
# - In the browser your files live in the browser's IndexedDB: they survive a reload (and, in
#   Chromium and Firefox, a browser restart), but a private window does not see them and "clear
#   site data" deletes them; download what you need to keep.
