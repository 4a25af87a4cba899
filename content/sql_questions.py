# ---
# jupyter:
#   kernelspec:
#     display_name: Python (Pyodide)
#     language: python
#     name: python
# ---

# %% [markdown]
# # Asking questions with SQL
#
# The coffee wholesaler's manager has questions: which customers bought most at each store, which
# months were busy, who has not ordered at all. The answers are in four months of orders; a
# database answers such questions in a few lines of SQL, and Python's standard library has one
# built in: `sqlite3`. This lesson loads the orders into a database, asks the questions safely,
# brings the answers back into Python, and measures what a database file does in the browser.
#
# The data is in the course's folder `data/sql/`: ten customers, six products and 49 orders of
# January to April 2026 at the stores of the lesson *Dates, periods and time zones*.
#
# **Time needed:** about 90 minutes, four exercises included. **Prerequisites:** *Business
# records and files* (`csv.DictReader`, dataclasses) and *Money and KPIs* (amounts in whole cents).

# %%
from coursekit.runtime import describe

print("Running in", describe())

# %% [markdown]
# ## Learning objectives
#
# By the end of this lesson you can:
#
# 1. create tables, load rows with `executemany` inside a transaction (`with conn:`), and keep
#    money exact as whole cents;
# 2. pass values to a query as parameters, and say why building SQL with f-strings lets anyone
#    who types a value rewrite your query (SQL injection);
# 3. answer "per month, per store" questions with `GROUP BY` and `HAVING`, and handle dates stored
#    as ISO text;
# 4. join tables, and keep the rows that have no partner with a `LEFT JOIN`;
# 5. compute running totals and rankings that treat ties fairly with window functions;
# 6. say where a database lives in the browser, what survives a reload, and take the fallback
#    (a database in memory, saved with `backup`) where a file is not the right place.
#
# ## Three tables and how they connect
#
# A database keeps each fact once. A customer's name lives in `customers`, a product's price
# list in `products`, and each order names its customer and product by their keys:
#
# ```mermaid
# flowchart LR
#     accTitle: The lesson's three tables and the keys that join them
#     accDescr: orders.customer_id refers to customers.customer_id, and orders.sku to products.sku.
#     C["customers<br>customer_id (key), company, city, country"]
#     P["products<br>sku (key), product, category, unit_price_cents"]
#     O["orders<br>order_id (key), ordered_on, store_id,<br>customer_id, sku, quantity, unit_price_cents"]
#     O -- customer_id --> C
#     O -- sku --> P
# ```
#
# `create table` names each column with a type. Amounts go in as **whole cents** (`INTEGER`):
# SQLite's `REAL` is a float, and sums of floats lose cents, as *Money and KPIs* showed. An order
# keeps the unit price it was sold at, since the price list changes.

# %%
import csv
import sqlite3
from decimal import Decimal
from pathlib import Path

SCHEMA = """
create table customers (customer_id text primary key, company text not null, city text, country text);
create table products (sku text primary key, product text not null, category text,
                       unit_price_cents integer);
create table orders (order_id integer primary key, ordered_on text not null,
                     store_id text not null, customer_id text not null references customers,
                     sku text not null references products, quantity integer not null,
                     unit_price_cents integer not null);
"""


def rows_of(name):
    """The rows of data/sql/<name>.csv as dicts."""
    with Path("data/sql", f"{name}.csv").open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def cents(text):
    """'18.90' -> 1890, exactly."""
    return int(Decimal(text) * 100)


def euros(amount_cents):
    """1890 -> Decimal('18.90'), for people to read."""
    return Decimal(amount_cents).scaleb(-2)


db = sqlite3.connect(":memory:")
db.executescript(SCHEMA)
with db:  # one transaction: every row goes in, or none does
    db.executemany("insert into customers values (:customer_id, :company, :city, :country)",
                   rows_of("customers"))
    db.executemany("insert into products values (?, ?, ?, ?)",
                   [(p["sku"], p["product"], p["category"], cents(p["unit_price"]))
                    for p in rows_of("products")])
    db.executemany("insert into orders values (?, ?, ?, ?, ?, ?, ?)",
                   [(int(o["order_id"]), o["ordered_on"], o["store_id"], o["customer_id"], o["sku"],
                     int(o["quantity"]), cents(o["unit_price"])) for o in rows_of("orders")])

for table in ("customers", "products", "orders"):
    print(table, db.execute(f"select count(*) from {table}").fetchone()[0])

# %% [markdown]
# `executemany` runs one statement for every item; each `?` takes the next value of a tuple, and
# `:name` takes a dict's value by key (rows from `DictReader` fit as they are). `with db:` opens a
# **transaction**: it commits when the block ends and rolls back if anything in it raises, so a
# bad row never leaves half a load behind. Here the third order repeats an existing `order_id`:

# %%
try:
    with db:
        db.execute("insert into orders values (10530, '2026-05-02', 'BER-01', 'C-1042', 'ESP-1KG', 2, 1890)")
        db.execute("insert into orders values (10531, '2026-05-02', 'BER-01', 'C-1042', 'ESP-1KG', 1, 1890)")
        db.execute("insert into orders values (10481, '2026-05-03', 'LON-01', 'C-1055', 'CUP-8OZ', 1, 5400)")
except sqlite3.IntegrityError as error:
    print("Rolled back:", error)
print("orders:", db.execute("select count(*) from orders").fetchone()[0])

# %% [markdown]
# > **Common mistake: `with db:` does not close.** It commits or rolls back, and the connection
# > stays open. Close a file database with `db.close()`, or open it with
# > `contextlib.closing(sqlite3.connect(...))`. Python 3.12 added `sqlite3.connect(autocommit=False)`,
# > which makes every change wait for `commit()`; code that leaves the default, as here, is
# > still the most common.
#
# ## Asking with parameters, never with f-strings
#
# A query names its values with `?` and passes them in a tuple: SQLite receives the query and the
# values apart, so a value can never become SQL. Build the text with an f-string instead and the
# first customer with an apostrophe breaks it:

# %%
def orders_of_company_unsafe(company):
    """DON'T: the value is pasted into the SQL text."""
    return db.execute(f"select o.order_id from orders o join customers c using (customer_id) "
                      f"where c.company = '{company}'").fetchall()


def orders_of_company(company):
    """The value travels as a parameter."""
    return db.execute("select o.order_id from orders o join customers c using (customer_id) "
                      "where c.company = ?", (company,)).fetchall()


print("with ?:", orders_of_company("O'Brien's Espresso Bar"))
try:
    orders_of_company_unsafe("O'Brien's Espresso Bar")
except sqlite3.OperationalError as error:
    print("f-string:", error)
typed_in_a_form = "nobody' or '1'='1"
print("f-string, value typed in a web form:", len(orders_of_company_unsafe(typed_in_a_form)), "orders")
print("with ?, the same value:", len(orders_of_company(typed_in_a_form)), "orders")

# %% [markdown]
# The apostrophe ended the SQL string early: a syntax error, and a customer who cannot be looked
# up. The second value does worse: its quote closes the string and `or '1'='1'` makes the
# condition true for every row, so the "orders of nobody" are all 49. That is **SQL injection**:
# whoever types the value rewrites the query (with `; drop table` or a `union select` of the
# password table where the driver allows it). `%` formatting, `.format` and `+` do the same as
# f-strings. Parameters can only stand for values: a table or column name cannot be a `?`, so
# pick those from a fixed list in your code, as the counting loop above does.
#
# ### Exercise 1: a safe query
#
# The starter code works for ordinary values and is open to injection. Rewrite
# `orders_since(db, customer_id, since)` so that it returns the same rows with both values passed
# as parameters: `(order_id, ordered_on, sku, quantity)` of the customer's orders placed on or
# after `since` (text such as `"2026-03-01"`), oldest first, orders of one day by `order_id`.
# The check uses a database of its own and values a web form could send.
#
# <details><summary>Hint 1</summary>
#
# Count the values that come from outside: each needs a `?` in the query, and the values go in a
# tuple, in the same order, as `execute`'s second argument.
#
# </details>
# <details><summary>Hint 2</summary>
#
# A `?` stands for a whole value: no quotes around it, even for text.
#
# </details>

# %%
def orders_since(db, customer_id, since):
    """(order_id, ordered_on, sku, quantity) of a customer's orders from `since` on, oldest first."""
    query = (f"select order_id, ordered_on, sku, quantity from orders "
             f"where customer_id = '{customer_id}' and ordered_on >= '{since}' order by ordered_on, order_id")
    return db.execute(query).fetchall()


# %% tags=["solution"]
def orders_since(db, customer_id, since):
    """(order_id, ordered_on, sku, quantity) of a customer's orders from `since` on, oldest first."""
    return db.execute("select order_id, ordered_on, sku, quantity from orders "
                      "where customer_id = ? and ordered_on >= ? order by ordered_on, order_id",
                      (customer_id, since)).fetchall()


# %%
from coursekit.sql_checks import check_exercise_1

print(orders_since(db, "C-1019", "2026-04-01"))
check_exercise_1(orders_since)

# %% [markdown]
# ## Rows back into Python
#
# `fetchall()` gives tuples. Set `db.row_factory = sqlite3.Row` and each row can also be read by
# column name, and `dict(row)` turns it into a dict, which fills a dataclass. Money goes back from
# cents to `Decimal` on the way:

# %%
from dataclasses import dataclass


@dataclass
class Order:
    order_id: int
    ordered_on: str
    customer_id: str
    amount: Decimal


db.row_factory = sqlite3.Row
row = db.execute("select order_id, ordered_on, customer_id, quantity * unit_price_cents as amount_cents "
                 "from orders where order_id = ?", (10485,)).fetchone()
print(row.keys(), row["amount_cents"])
fields = dict(row)
order = Order(amount=euros(fields.pop("amount_cents")), **fields)
print(order)
db.row_factory = None  # back to plain tuples

# %% [markdown]
# ## Totals per group: `GROUP BY` and `HAVING`
#
# `GROUP BY` makes one row per group, and `sum()`, `count()`, `avg()`, `min()` and `max()`
# summarize each group's rows. Dates are stored as ISO 8601 text (`2026-03-14`), which sorts and
# compares correctly as text; SQLite's date functions read it: `strftime('%Y-%m', ordered_on)`
# is the month. `WHERE` filters rows **before** grouping; `HAVING` filters groups **after**.

# %%
query = """
select strftime('%Y-%m', ordered_on) as month, store_id, count(*) as orders,
       sum(quantity * unit_price_cents) as revenue_cents
from orders
where sku != 'TAMP-58'            -- rows: leave out equipment sales
group by month, store_id
having revenue_cents >= 50000     -- groups: only store-months of 500.00 or more
order by month, store_id
"""
for month, store, orders, revenue in db.execute(query):
    print(f"{month}  {store}  {orders:>2} orders  {euros(revenue):>9}")

# %% [markdown]
# > **Common mistake: a sum without `GROUP BY`.** `select store_id, sum(...) from orders` does not
# > fail in SQLite: it adds up the **whole table** and shows one store beside that total, taken
# > from an arbitrary row (other databases refuse the query). The total below is every store's:

# %%
revenue = "sum(quantity * unit_price_cents)"
print(db.execute(f"select store_id, {revenue} from orders").fetchall())
print(db.execute(f"select store_id, {revenue} from orders group by store_id").fetchall())

# %% [markdown]
# SQLite's other date functions work on the same text: `date(ordered_on, 'start of month',
# '+1 month', '-1 day')` is the month's last day, and `julianday(b) - julianday(a)` the days
# between two dates. Store dates as ISO text (or UTC timestamps, as *Dates, periods and time
# zones* explains): a date such as `14.03.2026` compares as text in the wrong order.

# %%
print(db.execute("select min(ordered_on), max(ordered_on), "
                 "julianday(max(ordered_on)) - julianday(min(ordered_on)), "
                 "date(min(ordered_on), 'start of month', '+1 month', '-1 day') from orders").fetchone())

# %% [markdown]
# ### Exercise 2: the busy months
#
# Write `busy_months(db, minimum)`: the store-months whose revenue reached `minimum` cents, as
# rows `(month, store_id, orders, revenue_cents)`, the month as text such as `'2026-03'`, in any
# order. All sales count (no products left out). The check uses months you have not seen.
#
# <details><summary>Hint 1</summary>
#
# Which two values make a group? Both belong in `GROUP BY`.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Is the minimum about one order, or about a group's total? That decides between `WHERE` and
# `HAVING`; the minimum is a value, so it is a parameter.
#
# </details>

# %%
def busy_months(db, minimum):
    """(month, store_id, orders, revenue_cents) of each store-month with revenue >= minimum cents."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def busy_months(db, minimum):
    """(month, store_id, orders, revenue_cents) of each store-month with revenue >= minimum cents."""
    return db.execute("select substr(ordered_on, 1, 7), store_id, count(*), sum(quantity * unit_price_cents) "
                      "from orders group by 1, 2 having sum(quantity * unit_price_cents) >= ?",
                      (minimum,)).fetchall()


# %%
from coursekit.sql_checks import check_exercise_2

check_exercise_2(busy_months)

# %% [markdown]
# ## Joins: the customer's name beside the order
#
# A join puts rows of two tables side by side where a condition matches. An **inner join**
# (`join ... on`) keeps only the pairs that match, so a customer without orders disappears; a
# **left join** keeps every row of the left table and fills the other side with `NULL` (`None`
# in Python) where nothing matches.

# %%
inner = db.execute("select c.company, count(*) from customers c join orders o "
                   "on o.customer_id = c.customer_id group by c.customer_id").fetchall()
left = db.execute("select c.company, count(o.order_id), sum(o.quantity * o.unit_price_cents) "
                  "from customers c left join orders o on o.customer_id = c.customer_id "
                  "group by c.customer_id order by c.company").fetchall()
print(f"inner join: {len(inner)} customers; left join: {len(left)}")
for company, orders, revenue in left:
    print(f"{company:<24}{orders:>3} orders  {revenue}")

# %% [markdown]
# Kaffebaren Nord and Flat White Corner have never ordered: exactly the customers a sales team
# wants to call, and the ones an inner join hides. Their sum is `NULL`: `coalesce(sum(...), 0)`
# gives 0 instead.
#
# > **Common mistake: `count(*)` after a left join.** A customer without orders still has one
# > joined row (full of `NULL`s), so `count(*)` says 1. Count a column of the right table,
# > `count(o.order_id)`, which skips `NULL`s.
#
# ### Exercise 3: every customer, ordering or not
#
# Write `customer_summary(db)`: one row per customer, `(customer_id, company, orders,
# revenue_cents)`, with `0` orders and `0` cents for customers who never ordered, in any order.
#
# <details><summary>Hint 1</summary>
#
# Which table must every row come from? Start the query there.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Check your answer on the lesson's database: Kaffebaren Nord should read `0, 0`, not `1` or
# `None`.
#
# </details>

# %%
def customer_summary(db):
    """(customer_id, company, orders, revenue_cents) of every customer, 0 and 0 without orders."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def customer_summary(db):
    """(customer_id, company, orders, revenue_cents) of every customer, 0 and 0 without orders."""
    return db.execute("select c.customer_id, c.company, count(o.order_id), "
                      "coalesce(sum(o.quantity * o.unit_price_cents), 0) from customers c "
                      "left join orders o on o.customer_id = c.customer_id group by c.customer_id").fetchall()


# %%
from coursekit.sql_checks import check_exercise_3

check_exercise_3(customer_summary)

# %% [markdown]
# ## Window functions: running totals and rankings
#
# `GROUP BY` folds rows into one per group. A **window function** keeps every row and adds a value
# computed over a "window" of rows: `sum(x) over (order by month)` is a running total,
# `rank() over (partition by store_id order by revenue desc)` a ranking that starts again in each
# store. (SQLite has had them since 3.25, 2018.) A `with` clause names a query step, like a
# variable:

# %%
query = """
with monthly as (
    select strftime('%Y-%m', ordered_on) as month, sum(quantity * unit_price_cents) as revenue
    from orders group by month)
select month, revenue, sum(revenue) over (order by month) as year_to_date from monthly
"""
for month, revenue, to_date in db.execute(query):
    print(f"{month}  {euros(revenue):>9}  year to date {euros(to_date):>9}")

# %% [markdown]
# Rankings have a choice to make when two values tie. At the London store two customers bought
# exactly as much:

# %%
query = """
with sales as (
    select store_id, customer_id, sum(quantity * unit_price_cents) as revenue
    from orders group by store_id, customer_id)
select s.customer_id, c.company, s.revenue,
       rank() over win, dense_rank() over win, row_number() over win
from sales s join customers c using (customer_id)
where s.store_id = 'LON-01'
window win as (order by s.revenue desc)
"""
print(f"{'company':<24}{'revenue':>8}  rank  dense_rank  row_number")
for _, company, revenue, rank, dense, number in db.execute(query):
    print(f"{company:<24}{revenue:>8}  {rank:>4}  {dense:>10}  {number:>10}")

# %% [markdown]
# `rank()` gives the tied customers the same place and skips the next (1, 2, 2, 4), as a race
# does; `dense_rank()` does not skip (1, 2, 2, 3); `row_number()` numbers the rows and breaks the
# tie by whatever order the rows happen to come in, so one customer is second "by chance". A
# window function's value cannot go in `WHERE` (that runs first): to keep the top three, rank in
# a `with` step and filter the step.
#
# ### Exercise 4: the top customers of each store
#
# Write `top_customers(db)`: for each store, its customers ranked by revenue at that store, as
# rows `(store_id, company, revenue_cents, rank)`, keeping ranks 1 to 3. Tied customers share a
# rank, and the next rank skips, as `rank()` does (so a store may list more than three). Any
# order. The check's stores and ties are new to you.
#
# <details><summary>Hint 1</summary>
#
# Three steps: revenue per store and customer (`group by`), the company's name (a join), a rank
# within each store (`partition by`).
#
# </details>
# <details><summary>Hint 2</summary>
#
# Put the ranking in a `with` step; the outer query can then filter on the rank.
#
# </details>

# %%
def top_customers(db):
    """(store_id, company, revenue_cents, rank) of each store's customers ranked 1 to 3, ties sharing."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def top_customers(db):
    """(store_id, company, revenue_cents, rank) of each store's customers ranked 1 to 3, ties sharing."""
    return db.execute("""
        with ranked as (
            select o.store_id, c.company, sum(o.quantity * o.unit_price_cents) as revenue,
                   rank() over (partition by o.store_id
                                order by sum(o.quantity * o.unit_price_cents) desc) as place
            from orders o join customers c on c.customer_id = o.customer_id
            group by o.store_id, c.customer_id)
        select store_id, company, revenue, place from ranked where place <= 3""").fetchall()


# %%
from coursekit.sql_checks import check_exercise_4

check_exercise_4(top_customers)

# %% [markdown]
# ## A database in the browser, measured
#
# Everything above ran in an **in-memory** database (`":memory:"`): fast, and gone when the
# kernel stops. On a computer you would give `connect` a file name instead, and SQLite would keep
# the file consistent with a journal beside it while a transaction writes. In the browser the
# notebook's folder is the browser's own storage, and the course measured what a database file
# does there in Chromium, Firefox and WebKit: **it fails**. A transaction that writes rows into
# it raises `DatabaseError: database disk image is malformed`, in every engine. The cell below
# asks the Python you are running, with the course's probes:

# %%
from coursekit import probes

for name, question, action in probes.SYNC_PROBES:
    if name.startswith("sqlite_"):
        result = probes.measure(name, question, action)
        print(f"{question}\n  {'yes' if result.works else 'NO'}: {result.detail}")
Path(probes.SQLITE_FILE).unlink(missing_ok=True)  # the probes keep it for the page-reload probe

# %% [markdown]
# So in the browser this lesson takes a named fallback: **work in memory, and save the whole
# database into the notebook's folder as one file** when you want to keep it, written whole in
# one go. The course measured that such a file is still there, with all its rows, after the page
# reloads. Two ways to save, both measured in every engine:
#
# - `db.serialize()` (Python 3.11 and later) gives the database as bytes; `Path.write_bytes`
#   saves them, and `deserialize` loads them into a new in-memory database. The bytes are an
#   ordinary SQLite file, which any SQLite tool on a computer opens.
# - `db.iterdump()` gives the database as SQL text (`CREATE TABLE ...`, then one `INSERT` per row):
#   larger, but readable, comparable line by line, and loaded anywhere with `executescript`.
#
# `db.backup(target)`, the older way, copies a database into another connection, such as a file
# on a computer's disk; before Python 3.11 it is how an in-memory database was saved there.

# %%
saved = Path("shop.sqlite")
saved.write_bytes(db.serialize())
reopened = sqlite3.connect(":memory:")
reopened.deserialize(saved.read_bytes())
loaded = reopened.execute("select count(*) from orders").fetchone()[0]
print(f"{saved}: {saved.stat().st_size:,} bytes; {loaded} orders loaded back")

dump = Path("shop.sql")
dump.write_text("\n".join(db.iterdump()), encoding="utf-8")
lines = dump.read_text(encoding="utf-8").splitlines()
print(f"{dump}: {len(lines)} lines, such as")
print(next(line for line in lines if line.startswith('INSERT INTO "orders"')))

# %% [markdown]
# How fast is SQLite in the browser? The probes' cell earlier in this section timed 100,000 inserts
# into an in-memory database, in one transaction, in the Python you are running. The course measured them in
# CPython and in each engine ([What runs in your browser](what-runs-in-your-browser.ipynb)):
# under three seconds everywhere, the browser included, so a course's few thousand rows load
# at once wherever you run.
#
# > **Common mistake: a transaction per row.** A `commit()` after every insert (or autocommit,
# > `isolation_level=None`) makes each row a transaction of its own, and on a computer's disk
# > each one waits for the disk to confirm the write. Load in one transaction, as this lesson does.
#
# ## Key points
#
# - `sqlite3` is in the standard library: `executescript` for a schema, `executemany` to load,
#   `with conn:` for a transaction that commits or rolls back as a whole (and does not close).
# - Keep money as whole cents (`INTEGER`) and dates as ISO text; convert back to `Decimal` in Python.
# - Values go in as parameters (`?` or `:name`), never through f-strings, `%` or `.format`:
#   that is what stops SQL injection, and a name with an apostrophe.
# - `WHERE` filters rows before `GROUP BY`; `HAVING` filters groups after. A sum without `GROUP BY`
#   is a grand total.
# - An inner join drops rows without a partner; a `LEFT JOIN` keeps them, with `count(column)` and
#   `coalesce(..., 0)`.
# - Window functions keep every row: `sum() over (order by ...)` for running totals, `rank()` for
#   rankings where ties share a place.
# - In the browser a database file in the notebook's folder fails: work in memory and save the
#   whole database with `serialize()` (or `iterdump()` as SQL text), which survives a reload.
