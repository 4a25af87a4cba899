"""The SQL lesson in CPython: its output, and its checks against right and wrong answers."""

import re
import sqlite3

from coursebuild.paths import CONTENT
from tests.support.cases import wrong_answers
from tests.support.check_lines import assert_check_lines
from tests.support.lesson_fixtures import lesson_fixtures
from tests.support.notebook_outputs import stream_text

LESSON = "sql_questions"
REVENUE = "sum(quantity * unit_price_cents)"


text, checks, lesson = lesson_fixtures(LESSON, "sql_checks")


def test_loading_and_parameters(text):
    assert "customers 10\nproducts 6\norders 49" in text
    assert "Rolled back: UNIQUE constraint failed: orders.order_id\norders: 49" in text
    assert 'f-string: near "Brien": syntax error' in text
    assert "f-string, value typed in a web form: 49 orders" in text
    assert "with ?, the same value: 0 orders" in text
    assert "amount=Decimal('237.60')" in text


def test_groups_joins_and_windows(text):
    assert "2026-03  BER-01   5 orders    1364.20" in text
    assert "[('BER-01', 281340), ('LON-01', 281100), ('NYC-01', 320320)]" in text
    assert re.search(r"\[\('[A-Z]{3}-01', 882760\)\]", text)  # one grand total beside an arbitrary store
    assert "inner join: 8 customers; left join: 10" in text
    assert "Kaffebaren Nord           0 orders  None" in text
    assert "2026-04    3314.00  year to date   8827.60" in text
    assert "Bean There Ltd             83340     2           2" in text
    assert "Café Lumière               83340     2           2" in text
    assert "De Koffiebar               18900     4           3           4" in text


def test_learner_and_instructor_checks(executed_lesson):
    assert_check_lines(executed_lesson, LESSON, {1: 1, 2: 1, 3: 1, 4: 1})
    assert "SQL injection" in stream_text(executed_lesson(LESSON, "learner"))  # the unsafe starter query


def test_the_checks_hold_no_query(coursekit):
    source = (CONTENT / "coursekit" / "sql_checks.py").read_text(encoding="utf-8").lower()
    assert not re.search(r"\bselect\b.{0,300}?\bfrom\b", source, re.DOTALL)


def rows(sql, *values):
    """An answer that runs one query with its values as parameters."""
    return lambda db, *args: db.execute(sql, values or args).fetchall()


# Exercise 1: a safe query.

SINCE = ("select order_id, ordered_on, sku, quantity from orders where customer_id = {} "
         "and ordered_on >= {} order by ordered_on, order_id")


def unfinished():
    raise NotImplementedError


def with_row_objects(db, customer_id, since):
    db.row_factory = sqlite3.Row
    try:
        return db.execute(SINCE.format(":who", ":since"), {"who": customer_id, "since": since}).fetchall()
    finally:
        db.row_factory = None


def test_orders_since_solution_and_variants_pass(checks, lesson, mode, capsys):
    assert checks.check_orders_since(lesson["orders_since"])
    assert checks.check_orders_since(with_row_objects)
    assert checks.check_orders_since(lambda db, who, since: list(db.cursor().execute(SINCE.format("?", "?"),
                                                                                      [who, since])))
    assert "safe from SQL injection" in capsys.readouterr().out


@wrong_answers({
    "f-string": (lambda db, who, since: db.execute(SINCE.format(f"'{who}'", f"'{since}'")).fetchall(),
                 "SQL injection"),
    "percent": (lambda db, who, since: db.execute(SINCE.format("'%s'", "'%s'") % (who, since)).fetchall(),
                "SQL injection"),
    "format": (lambda db, who, since: db.execute(SINCE.format("'{}'", "'{}'").format(who, since)).fetchall(),
               "SQL injection"),
    "quoted-placeholder": (rows(SINCE.format("'?'", "?")), "in quotes is just a question mark"),
    "bare-value": (lambda db, who, since: db.execute(SINCE.format("?", "'2026-01-01'"), who).fetchall(),
                   "(value,)"),
    "unordered": (rows(SINCE.format("?", "?").replace("order by ordered_on, order_id", "order by sku")),
                  "another order"),
    "unfinished": (lambda db, who, since: unfinished(), "NotImplementedError"),
})
def test_orders_since_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_orders_since(wrong)
    assert message in capsys.readouterr().out


# Exercise 2: the busy months.

MONTHS = "select {month}, store_id, count(*), " + REVENUE + " from orders {where} group by {groups} {having}"


def months(month="strftime('%Y-%m', ordered_on)", where="", groups="1, 2",
           having="having " + REVENUE + " >= ?"):
    return rows(MONTHS.format(month=month, where=where, groups=groups, having=having))


def test_busy_months_solution_and_variants_pass(checks, lesson, mode, capsys):
    assert checks.check_busy_months(lesson["busy_months"])
    assert checks.check_busy_months(months())
    by_substr = months("substr(ordered_on, 1, 7)")
    assert checks.check_busy_months(lambda db, low: [list(row) for row in by_substr(db, low)])
    assert "grouped by month and store" in capsys.readouterr().out


@wrong_answers({
    "no-group-by": (rows("select strftime('%Y-%m', ordered_on), store_id, count(*), " + REVENUE
                         + " from orders where ? > 0"), "without GROUP BY"),
    "where-per-order": (months(where="where quantity * unit_price_cents >= ?", having=""), "WHERE left"),
    "where-aggregate": (months(where="where " + REVENUE + " >= ?", having=""), "belongs in HAVING"),
    "by-day": (months(month="ordered_on"), "not by the day"),
    "month-only": (months(groups="1"), "expected"),
    "sum-of-prices": (rows(MONTHS.format(month="substr(ordered_on, 1, 7)", where="", groups="1, 2",
                                         having="having " + REVENUE + " >= ?").replace(
        "count(*), " + REVENUE, "count(*), sum(unit_price_cents)")), "count or total is off"),
    "three-columns": (lambda db, low: [row[:3] for row in months()(db, low)], "revenue_cents): 4 values"),
    "not-rows": (lambda db, low: 42, "return the rows"),
})
def test_busy_months_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_busy_months(wrong)
    assert message in capsys.readouterr().out


# Exercise 3: every customer, ordering or not.

SUMMARY = ("select c.customer_id, c.company, {count}, {total} from customers c {join} orders o "
           "on o.customer_id = c.customer_id group by c.customer_id")


def summary(count="count(o.order_id)", total="coalesce(sum(o.quantity * o.unit_price_cents), 0)",
            join="left join"):
    return rows(SUMMARY.format(count=count, total=total, join=join))


def test_customer_summary_solution_and_variants_pass(checks, lesson, mode, capsys):
    assert checks.check_customer_summary(lesson["customer_summary"])
    assert checks.check_customer_summary(summary(total="ifnull(sum(o.quantity * o.unit_price_cents), 0)"))
    assert checks.check_customer_summary(rows(  # a subquery per customer instead of a join
        "select customer_id, company, (select count(*) from orders o where o.customer_id = c.customer_id), "
        "(select total(quantity * unit_price_cents) from orders o where o.customer_id = c.customer_id) "
        "from customers c"))
    assert "without orders included" in capsys.readouterr().out


@wrong_answers({
    "inner-join": (summary(join="join"), "LEFT JOIN"),
    "count-star": (summary(count="count(*)"), "COUNT(*)"),
    "null-sum": (summary(total="sum(o.quantity * o.unit_price_cents)"), "COALESCE"),
})
def test_customer_summary_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_customer_summary(wrong)
    assert message in capsys.readouterr().out


def test_a_query_that_runs_too_long_is_stopped(checks, capsys):
    # seven copies of the check's own orders (a few dozen rows): about 10^11 rows, hours on any machine,
    # so only the check's time limit ends it (five copies, a few million rows, finished within it)
    cross_join = rows("select c.customer_id, c.company, count(*), 0 from customers c, orders a, orders b, "
                      "orders d, orders e, orders f, orders g, orders h group by c.customer_id")
    assert not checks.check_customer_summary(cross_join)
    assert "ON condition" in capsys.readouterr().out


# Exercise 4: the top customers of each store.

TOP = """with sales as (select store_id, customer_id, sum(quantity * unit_price_cents) as revenue
                      from orders group by store_id, customer_id),
              ranked as (select s.store_id, c.company, s.revenue,
                                {rank}() over ({partition} order by s.revenue desc) as place
                         from sales s join customers c using (customer_id))
         select store_id, company, revenue, place from ranked {keep}"""


def top(rank="rank", partition="partition by s.store_id", keep="where place <= 3"):
    return rows(TOP.format(rank=rank, partition=partition, keep=keep))


def test_top_customers_solution_and_variants_pass(checks, lesson, mode, capsys):
    assert checks.check_top_customers(lesson["top_customers"])
    assert checks.check_top_customers(top())
    reversed_rows = top(keep="where not place > 3")
    assert checks.check_top_customers(lambda db: [tuple(row) for row in reversed_rows(db)][::-1])
    assert "share a rank" in capsys.readouterr().out


@wrong_answers({
    "row-number": (top(rank="row_number"), "ROW_NUMBER()"),
    "dense-rank": (top(rank="dense_rank"), "DENSE_RANK()"),
    "one-ranking": (top(partition=""), "PARTITION BY"),
    "all-ranks": (top(keep=""), "ranked 1 to 3"),
})
def test_top_customers_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_top_customers(wrong)
    assert message in capsys.readouterr().out
