"""Checks for the Asking questions with SQL lesson's exercises, on databases each check fills itself.

Each check makes a small in-memory database of orders the learner has not seen, with the lesson's
schema, asks the learner's function about it, and compares the rows with totals computed here in
plain Python (no SQL), so that reading this module gives no query away.
"""

import json
import random
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass

from .answer_digest import canonical
from .feedback import describe_error, not_yet, passed

SCHEMA = """
create table customers (customer_id text primary key, company text not null, city text, country text);
create table products (sku text primary key, product text not null, category text, unit_price_cents integer);
create table orders (order_id integer primary key, ordered_on text not null,
                     store_id text not null, customer_id text not null references customers,
                     sku text not null references products, quantity integer not null,
                     unit_price_cents integer not null);
"""
SECONDS_ALLOWED = 5  # a query on a few dozen rows that runs longer is stuck (a join without ON?)
COMPANIES = ["Kaffeekontor Leipzig", "Il Tostatore", "Fika & Co", "Bean Counter GmbH", "Café de la Gare",
             "Copper Kettle", "Grão Lisboa", "Roast Republic", "Mocca Mokka", "Pour Over Studio"]
PRODUCTS = [("GRN-5KG", "Green beans 5 kg", "beans", 6450),
            ("CHAI-1L", "Chai concentrate 1 l", "syrups", 710),
            ("FLT-100", "Paper filters (100)", "supplies", 395),
            ("JUG-600", "Milk jug 600 ml", "equipment", 1890), ("KNOCK", "Knock box", "equipment", 2990)]
STORES = ["AMS-01", "MUC-01", "DUB-01"]


@dataclass
class Order:
    order_id: int
    ordered_on: str
    store_id: str
    customer_id: str
    sku: str
    quantity: int
    unit_price_cents: int

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price_cents


@dataclass
class Shop:
    """A generated database and what it holds, for the check to compute answers from."""

    db: sqlite3.Connection
    customers: dict[str, str]  # customer_id -> company
    orders: list[Order]


def generated_orders(rng: random.Random, ids: list[str]) -> list[Order]:
    """Orders of five customers per store over May to August 2026; two customers of the first store
    have the very same orders (so the same revenue); the last two ids never order."""
    buyers = {store: rng.sample(ids[:-2], 5) for store in STORES}
    lines = [[store, person, *rng.choice(PRODUCTS)[::3], rng.randrange(1, 15)]
             for store, people in buyers.items() for person in people for _ in range(rng.randrange(2, 6))]
    first, (second, third) = STORES[0], buyers[STORES[0]][1:3]
    lines = [line for line in lines if line[:2] != [first, third]]
    lines += [[first, third, *line[2:]] for line in lines if line[:2] == [first, second]]
    dated = sorted((f"2026-{rng.randrange(5, 9):02}-{rng.randrange(1, 29):02}", store, person, sku, quantity,
                    price) for store, person, sku, price, quantity in lines)
    return [Order(31_001 + number, *line) for number, line in enumerate(dated)]


def tie_only_at_second(orders: list[Order]) -> bool:
    """Whether the only tie among each store's customer totals is the planned one, at rank 2 of the first."""
    revenue = defaultdict(int)
    for order in orders:
        revenue[order.store_id, order.customer_id] += order.amount
    totals = {store: sorted((total for (where, _), total in revenue.items() if where == store), reverse=True)
              for store in STORES}
    planned = totals[STORES[0]]
    others_distinct = all(len(set(totals[store])) == len(totals[store]) for store in STORES[1:])
    return planned[1] == planned[2] and len(set(planned)) == len(planned) - 1 and others_distinct


def generated_shop(rng: random.Random) -> Shop:
    """A database the learner has not seen: customers, products, four months of orders, a tie in a ranking."""
    ids = [f"K-{number}" for number in rng.sample(range(2000, 2999), len(COMPANIES))]
    while not tie_only_at_second(orders := generated_orders(rng, ids)):
        pass
    shop = Shop(sqlite3.connect(":memory:"), dict(zip(ids, COMPANIES)), orders)
    shop.db.executescript(SCHEMA)
    shop.db.executemany("insert into customers values (?, ?, ?, ?)",
                        [(key, name, "Somewhere", "EU") for key, name in shop.customers.items()])
    shop.db.executemany("insert into products values (?, ?, ?, ?)", PRODUCTS)
    shop.db.executemany("insert into orders values (?, ?, ?, ?, ?, ?, ?)",
                        [tuple(vars(order).values()) for order in orders])
    shop.db.commit()
    return shop


def with_time_limit(db: sqlite3.Connection, function, *args):
    """function(db, *args), interrupted with OperationalError('interrupted') after SECONDS_ALLOWED."""
    deadline = time.monotonic() + SECONDS_ALLOWED
    db.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        return function(db, *args)
    finally:
        db.set_progress_handler(None, 0)


def sqlite_hint(error: sqlite3.Error) -> str:
    """What a plausible mistake behind a sqlite3 error is."""
    text = str(error)
    if text == "interrupted":
        return f"it ran over {SECONDS_ALLOWED} s on a few dozen rows: does a join lack its ON condition?"
    if "binding" in text:
        return ("parameters are a sequence with one value per ?: (value,) for one value, not the value "
                "itself; and a '?' in quotes is just a question mark.")
    if "misuse of" in text:
        return "WHERE filters rows before grouping; a condition on SUM() or COUNT() belongs in HAVING."
    if "syntax error" in text or "unrecognized token" in text:
        return "SQLite could not read the query: print it and look near the word the error names."
    return "print the query and try it on the lesson's database first."


def answered(what: str, function, shop: Shop, *args) -> tuple[list[tuple] | None, str | None]:
    """(the rows as tuples, None), or (None, what went wrong) for one call on a generated database."""
    try:
        result = with_time_limit(shop.db, function, *args)
    except NotImplementedError:
        return None, f"{what} still raises NotImplementedError: replace that line with your code."
    except sqlite3.Error as error:
        return None, f"{what} raised {describe_error(error)}; {sqlite_hint(error)}"
    except Exception as error:  # any mistake in learner code becomes feedback, not a traceback
        return None, f"{what} raised {describe_error(error)}."
    try:
        return [tuple(row) for row in result], None
    except TypeError:
        return None, f"{what} returned {type(result).__name__}: return the rows, such as cursor.fetchall()."


def same_rows(rows: list[tuple], expected: list[tuple]) -> bool:
    """Whether rows hold the expected rows in any order (an int, a Decimal or a float of one value alike)."""
    def key(row):
        return json.dumps(canonical(list(row)))

    return sorted(map(key, rows)) == sorted(map(key, expected))


def settled(rows, problem: str | None, expected: list[tuple], columns: str, praise: str) -> bool | None:
    """The verdict when no mistake needs naming (a failed call, a pass, rows of a wrong width), or None."""
    if problem:
        return not_yet(problem)
    if same_rows(rows, expected):
        return passed(praise)
    if any(len(row) != len(expected[0]) for row in rows):
        return not_yet(f"each row should be ({columns}): {len(expected[0])} values.")
    return None


def listed(order: Order) -> tuple:
    """An order as exercise 1 returns it."""
    return order.order_id, order.ordered_on, order.sku, order.quantity


def check_orders_since(orders_since) -> bool:
    """Exercise 1: one customer's orders from a date on, with values that must stay data."""
    shop = generated_shop(random.Random(2901))
    customer = shop.orders[0].customer_id
    for customer_id, since in [(customer, "2026-06-15"), ("K-0' OR '1'='1", "2026-05-01"),
                               (customer, "2026-07-01' OR '1'='1"), ("O'Brien", "2026-05-01")]:
        what = f"orders_since(db, {customer_id!r}, {since!r})"
        expected = [listed(o) for o in shop.orders if o.customer_id == customer_id and o.ordered_on >= since]
        rows, problem = answered(what, orders_since, shop, customer_id, since)
        hostile = "'" in customer_id + since
        if rows == expected:
            continue
        if hostile:
            outcome = "failed" if problem else f"returned {len(rows)} rows, not {len(expected)}"
            return not_yet(f"{what} {outcome}: "
                           "the value was pasted into the SQL text, so its quote became part of the query "
                           "(SQL injection). Pass values as parameters (?), never inside the SQL text.")
        if problem:
            return not_yet(problem)
        if sorted(rows) == sorted(expected):
            return not_yet(f"{what}: the right orders in another order; put the oldest first "
                           "(same day: by order_id).")
        return not_yet(f"{what} should give {len(expected)} rows such as {expected[:1]}, "
                       f"not {len(rows)} rows such as {rows[:1]}.")
    return passed("orders of a database you had not seen, and values with quotes and OR in them stayed "
                  "plain data: the query is safe from SQL injection.")


def monthly_totals(orders: list[Order]) -> dict[tuple[str, str], tuple[int, int]]:
    """{(month, store): (orders, revenue in cents)}."""
    totals = defaultdict(lambda: (0, 0))
    for order in orders:
        count, revenue = totals[order.ordered_on[:7], order.store_id]
        totals[order.ordered_on[:7], order.store_id] = (count + 1, revenue + order.amount)
    return totals


def check_busy_months(busy_months) -> bool:
    """Exercise 2: store-months whose revenue reached a minimum: GROUP BY month and store, then HAVING."""
    shop = generated_shop(random.Random(2902))
    totals = monthly_totals(shop.orders)
    minimum = sorted(revenue for _, revenue in totals.values())[len(totals) // 2]
    expected = sorted((month, store, count, revenue) for (month, store), (count, revenue) in totals.items()
                      if revenue >= minimum)
    rows, problem = answered(f"busy_months(db, {minimum})", busy_months, shop, minimum)
    verdict = settled(rows, problem, expected, "month, store_id, orders, revenue_cents",
                      f"{len(expected)} of {len(totals)} store-months of a database you had not seen "
                      f"reached {minimum} cents; each grouped by month and store.")
    if verdict is not None:
        return verdict
    if len(rows) == 1 and rows[0][2] == len(shop.orders):
        return not_yet("one row counting every order: a sum without GROUP BY adds up the whole table. "
                       "Group by month and store.")
    if any(len(str(row[0])) != 7 for row in rows):
        return not_yet(f"the month should read like '2026-05', not {rows[0][0]!r}: group by the month "
                       "of ordered_on, not by the day.")
    if {row[:2] for row in rows} == {row[:2] for row in expected}:
        return not_yet("the right store-months, but a count or total is off: count the orders and add "
                       "up quantity × unit price within each group.")
    if any(row[3] < minimum for row in rows) or len(rows) > len(expected):
        return not_yet(f"some rows have less than {minimum} cents of revenue: the minimum applies to "
                       "each group's total, after grouping (HAVING).")
    groups = {(month, store): count for (month, store), (count, _) in totals.items()}
    if any(row[2] < groups.get(row[:2], 0) for row in rows):
        return not_yet("some store-months count fewer orders than they have: WHERE left single orders out "
                       "before grouping. The minimum is for a group's total (HAVING).")
    return not_yet(f"expected {len(expected)} store-months such as {expected[0]}, got {len(rows)} such as "
                   f"{rows[:1]}; a store-month counts when its total revenue reaches the minimum.")


def check_customer_summary(customer_summary) -> bool:
    """Exercise 3: every customer with their orders and revenue, those without orders too (outer join)."""
    shop = generated_shop(random.Random(2903))
    totals = {key: [0, 0] for key in shop.customers}
    for order in shop.orders:
        totals[order.customer_id][0] += 1
        totals[order.customer_id][1] += order.amount
    expected = sorted((key, shop.customers[key], *totals[key]) for key in shop.customers)
    idle = [row for row in expected if not row[2]]
    rows, problem = answered("customer_summary(db)", customer_summary, shop)
    verdict = settled(rows, problem, expected, "customer_id, company, orders, revenue_cents",
                      f"all {len(expected)} customers of a database you had not seen, the {len(idle)} "
                      "without orders included, with 0 orders and 0 cents.")
    if verdict is not None:
        return verdict
    found = {row[0]: row for row in rows}
    if len(rows) == len(expected) - len(idle) and not any(row[0] in found for row in idle):
        return not_yet(f"{len(idle)} customers are missing: they have no orders, and an inner join keeps "
                       "only rows that match. Start from customers and LEFT JOIN the orders.")
    for row in idle:
        got = found.get(row[0])
        if got is not None and got[2] == 1:
            return not_yet(f"{row[1]} has no orders but shows 1: COUNT(*) counts the joined row itself; "
                           "count a column of orders, which is NULL there.")
        if got is not None and None in got:
            return not_yet(f"{row[1]} shows {got}: a customer without orders has 0 orders and 0 cents, "
                           "not NULL (None). COALESCE(value, 0) turns a NULL into 0.")
    return not_yet(f"expected {len(expected)} customers such as {expected[0]}, got {len(rows)} rows such as "
                   f"{rows[:1]}.")


def store_rankings(shop: Shop) -> list[tuple]:
    """(store, company, revenue, rank) of every customer of every store, ranks shared by ties (1, 2, 2, 4)."""
    revenue = defaultdict(int)
    for order in shop.orders:
        revenue[order.store_id, order.customer_id] += order.amount
    ranked = []
    for store in STORES:
        mine = sorted(((total, key) for (where, key), total in revenue.items() if where == store),
                      reverse=True)
        for total, key in mine:
            ranked.append((store, shop.customers[key], total, 1 + sum(other > total for other, _ in mine)))
    return ranked


def check_top_customers(top_customers) -> bool:
    """Exercise 4: each store's top three customers by revenue, ties sharing a rank: a join and RANK()."""
    shop = generated_shop(random.Random(2904))
    ranked = store_rankings(shop)
    expected = sorted(row for row in ranked if row[3] <= 3)
    rows, problem = answered("top_customers(db)", top_customers, shop)
    verdict = settled(rows, problem, expected, "store_id, company, revenue_cents, rank",
                      f"the top customers of {len(STORES)} stores you had not seen, "
                      f"and the two customers tied at {STORES[0]} share a rank.")
    if verdict is not None:
        return verdict
    tied = [row for row in expected if row[0] == STORES[0] and row[3] == 2]
    got = {row[:3]: row[3] for row in rows}
    if all(row[:3] in got for row in tied) and sorted(got[row[:3]] for row in tied) == [2, 3]:
        return not_yet(f"at {STORES[0]} two customers have the same revenue, {tied[0][2]} cents, but ranks 2 "
                       "and 3: ROW_NUMBER() breaks ties at random. Tied customers share a rank.")
    if any(rank == 3 for store, _, _, rank in rows if store == STORES[0]):
        return not_yet(f"at {STORES[0]} the customer after the two tied at rank 2 is ranked 3; the rank "
                       "after a tie skips (1, 2, 2, 4), as in a race: DENSE_RANK() does not skip.")
    if len({row[0] for row in rows}) < len(STORES) or len(rows) < len(expected):
        return not_yet("each store has its own top three: rank within each store (PARTITION BY), and keep "
                       "the rows whose rank is at most 3.")
    if len(rows) > len(expected):
        return not_yet(f"{len(rows)} rows: keep only the customers ranked 1 to 3 in their store.")
    return not_yet(f"expected {len(expected)} rows such as {expected[0]}, got rows such as {rows[:1]}: "
                   "revenue is quantity × unit price, added up per store and customer.")


def check_exercise_1(orders_since) -> None:
    """Exercise 1: a query safe from SQL injection."""
    check_orders_since(orders_since)


def check_exercise_2(busy_months) -> None:
    """Exercise 2: GROUP BY month and store, HAVING a minimum."""
    check_busy_months(busy_months)


def check_exercise_3(customer_summary) -> None:
    """Exercise 3: every customer, those without orders too."""
    check_customer_summary(customer_summary)


def check_exercise_4(top_customers) -> None:
    """Exercise 4: a join and a window function: the top customers of each store."""
    check_top_customers(top_customers)
