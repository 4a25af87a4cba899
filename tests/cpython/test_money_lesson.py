"""The money and KPIs lesson in CPython: its output, and its checks against right and wrong answers."""

import statistics
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from tests.support.cases import wrong_answers
from tests.support.check_lines import assert_check_lines
from tests.support.lesson_fixtures import lesson_fixtures

LESSON = "money_and_kpis"
CENT, TENTH = Decimal("0.01"), Decimal("0.1")


text, checks, lesson = lesson_fixtures(LESSON, "money_checks")


def test_floats_lose_cents_and_decimal_keeps_them(text):
    assert "0.30000000000000004 False" in text
    assert "net total in floats: 155.79999999999998" in text
    assert "round(2.675, 2) = 2.67" in text
    assert "Net total in Decimal: 155.80" in text
    assert "   0.125     0.13       0.12     0.12" in text  # half up, half even, round()


def test_vat_allocation_and_formatting(text):
    assert "VAT    29.60" in text and "Gross 185.40" in text
    assert "A price of 23.80 including VAT is 20.00 net plus 3.80 VAT." in text
    assert "Each share rounded on its own:" in text and "sum 8.00" in text
    assert "Largest remainder:" in text and "sum 7.99" in text
    assert "1,234.50 EUR     1.234,50 EUR" in text


def test_kpis_and_statistics(text):
    assert "2025-03    19120.90      10.5      40.0      66.7   44.36" in text
    assert "weighted by kilograms sold: 15.94" in text
    assert "mean   309.24" in text and "median 71.48" in text
    assert "quartiles ['39.90', '71.48', '196.08']" in text


def test_learner_and_instructor_checks(executed_lesson):
    assert_check_lines(executed_lesson, LESSON, not_yet={1: 1, 2: 1, 3: 1, 4: 1})


def to(amount, step=CENT, rounding=ROUND_HALF_UP):
    return amount.quantize(step, rounding=rounding)


# Exercise 1: an invoice's totals.

def totals(lines, rate, number=Decimal, vat_of=lambda net, rate: to(net * rate)):
    net = sum(int(line["quantity"]) * number(line["unit_price"]) for line in lines)
    vat = vat_of(net, number(rate))
    return net, vat, net + vat


def vat_line_by_line(lines, rate):
    return sum(to(int(line["quantity"]) * Decimal(line["unit_price"]) * rate) for line in lines)


def test_invoice_totals_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_invoice_totals(lesson["invoice_totals"])
    assert checks.check_invoice_totals(lambda lines, rate: list(totals(lines, rate)))
    assert "rounded half up" in capsys.readouterr().out


@wrong_answers({
    "floats": (lambda lines, rate: totals(lines, rate, float, lambda net, rate: round(net * rate, 2)),
               "contains the float"),
    "round": (lambda lines, rate: totals(lines, rate, vat_of=lambda net, rate: round(net * rate, 2)),
              "exactly half a cent"),
    "half-even": (lambda lines, rate: totals(lines, rate, vat_of=lambda net, rate: to(net * rate,
                                                                                      rounding=ROUND_HALF_EVEN)),
                  "round half to even"),
    "not-quantized": (lambda lines, rate: totals(lines, rate, vat_of=lambda net, rate: net * rate),
                      "round it to cents with quantize"),
    "per-line": (lambda lines, rate: totals(lines, rate, vat_of=lambda _, r: vat_line_by_line(lines, r)),
                 "compute the VAT once"),
    "gross-is-net": (lambda lines, rate: totals(lines, rate)[:2] + (totals(lines, rate)[0],),
                     "gross should be"),
    "two-values": (lambda lines, rate: totals(lines, rate)[:2], "return three amounts"),
})
def test_invoice_totals_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_invoice_totals(wrong)
    assert message in capsys.readouterr().out


# Exercise 2: split a bill.

def rounded_each(total, people):
    return [to(total / people)] * people


def remainder_to_last(total, people):
    each = (total / people).quantize(CENT, rounding="ROUND_DOWN")
    return [each] * (people - 1) + [total - each * (people - 1)]


def test_split_bill_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_split_bill(lesson["split_bill"])
    assert checks.check_split_bill(lambda total, people: tuple(reversed(lesson["split_bill"](total, people))))
    assert "down to 0.05 among three people" in capsys.readouterr().out


@wrong_answers({
    "rounded-each": (rounded_each, "every share is the same rounded amount"),
    "remainder-to-last": (remainder_to_last, "no two may be more than a cent apart"),
    "floats": (lambda total, people: [float(total) / people] * people, "contains the float"),
    "unrounded": (lambda total, people: [total / people] * people, "not whole cents"),
    "one-share": (lambda total, people: [total], "need"),
    "a-number": (lambda total, people: total / people, "return a list"),
})
def test_split_bill_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_split_bill(wrong)
    assert message in capsys.readouterr().out


# Exercise 3: margin and markup.

def percentages(price, cost, margin_on=None, markup_on=None, scale=100, step=TENTH, rounding=ROUND_HALF_UP):
    profit = price - cost
    return tuple(to(scale * profit / whole, step, rounding)
                 for whole in (margin_on or price, markup_on or cost))


def test_margin_and_markup_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_margin_and_markup(lesson["margin_and_markup"])
    assert checks.check_margin_and_markup(lambda price, cost: list(percentages(price, cost)))
    assert "margin on the price and markup on the cost" in capsys.readouterr().out


@wrong_answers({
    "swapped": (lambda price, cost: percentages(price, cost, margin_on=cost, markup_on=price), "swapped"),
    "margin-as-markup": (lambda price, cost: percentages(price, cost, margin_on=cost),
                         "computed as a markup"),
    "fractions": (lambda price, cost: percentages(price, cost, scale=1, step=Decimal("0.001")),
                  "give it in percent"),
    "half-even": (lambda price, cost: percentages(price, cost, rounding=ROUND_HALF_EVEN),
                  "half up to one decimal place"),
    "floats": (lambda price, cost: tuple(float(p) for p in percentages(price, cost)), "contains the float"),
    "markup-wrong": (lambda price, cost: (percentages(price, cost)[0], Decimal(0)), "the markup should be"),
    "one-value": (lambda price, cost: percentages(price, cost)[0], "return two percentages"),
})
def test_margin_and_markup_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_margin_and_markup(wrong)
    assert message in capsys.readouterr().out


# Exercise 4: KPIs of a month the learner has not seen.

def kpis(lines, per="order", middle=statistics.median, rounding=ROUND_HALF_UP, number=Decimal):
    by_order = {}
    for line in lines:
        by_order[line["order_id"]] = by_order.get(line["order_id"], 0) + number(line["amount"])
    values = list(by_order.values()) if per == "order" else [number(line["amount"]) for line in lines]
    revenue = sum(values)
    count = len(by_order) if per in ("order", "median-of-lines") else len(lines)
    if per == "median-of-lines":
        values = [number(line["amount"]) for line in lines]
    in_cents = (lambda a: to(a, rounding=rounding)) if number is Decimal else (lambda a: round(a, 2))
    return {"orders": count, "revenue": revenue, "average_order_value": in_cents(revenue / count),
            "median_order_value": in_cents(middle(values))}


def test_order_kpis_solution_and_variants_pass(checks, lesson, mode, capsys):
    capsys.readouterr()
    assert checks.check_order_kpis(lesson["order_kpis"])
    assert checks.check_order_kpis(kpis)
    assert "one big order pulls the mean far above the median" in capsys.readouterr().out


@wrong_answers({
    "per-line": (lambda lines: kpis(lines, per="line"), "count distinct order_ids"),
    "aov-per-line": (lambda lines: {**kpis(lines),
                                    "average_order_value": kpis(lines, per="line")["average_order_value"]},
                     "divides by the number of lines"),
    "median-of-lines": (lambda lines: kpis(lines, per="median-of-lines"), "median of the order lines"),
    "mean-for-median": (lambda lines: kpis(lines, middle=statistics.mean), "not the mean"),
    "half-even": (lambda lines: kpis(lines, rounding=ROUND_HALF_EVEN), "round it half up"),
    "floats": (lambda lines: kpis(lines, number=float), "contains the float"),
    "missing-key": (lambda lines: {"orders": 1}, "the dict has no"),
    "a-list": (lambda lines: list(kpis(lines).values()), "return a dict"),
})
def test_order_kpis_check_names_the_mistake(checks, wrong, message, mode, capsys):
    assert not checks.check_order_kpis(wrong)
    assert message in capsys.readouterr().out
