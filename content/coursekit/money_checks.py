"""Checks for the Money and KPIs lesson's exercises, on amounts each check makes up itself.

The expected values are computed here in whole cents with integer arithmetic, not with the
lesson's Decimal code, so that reading this module gives no solution away.
"""

import random
import statistics
from collections.abc import Mapping
from decimal import Decimal

from .feedback import call_safely, not_yet, passed


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves away from zero."""
    sign = -1 if (numerator < 0) != (denominator < 0) else 1
    quotient, remainder = divmod(abs(numerator), abs(denominator))
    return sign * (quotient + (2 * remainder >= abs(denominator)))


def half_even(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves to the even one (round())."""
    return round(Decimal(numerator) / Decimal(denominator))


def cents(amount: int) -> Decimal:
    """1890 -> Decimal('18.90')."""
    return Decimal(amount).scaleb(-2)


def not_decimal(values, what: str) -> str | None:
    """A message if any value is not a Decimal (a float named as such), else None."""
    for value in values:
        if isinstance(value, float):
            return f"{what} contains the float {value!r}: money is a Decimal, so that every cent stays exact."
        if not isinstance(value, Decimal):
            return f"{what} should hold Decimals, not {type(value).__name__} ({value!r})."
    return None


def generated_invoice(rng: random.Random, rate_percent: int) -> tuple[list[dict], int]:
    """Invoice lines and their net in cents: the VAT is an exact half cent that half-even rounds down."""
    while True:
        lines = [{"quantity": str(rng.randrange(1, 12)), "unit_price": str(cents(rng.randrange(50, 5000)))}
                 for _ in range(rng.randrange(3, 6))]
        base = sum(int(line["quantity"]) * int(Decimal(line["unit_price"]) * 100) for line in lines)
        base_vat = vat_per_line(lines, rate_percent)
        for last in range(100, 1100):
            net, line_by_line = base + last, base_vat + half_up(last * rate_percent, 100)
            # rounding line by line must give a total of its own, so that the check can name that mistake
            if half_cent_decides(net, rate_percent) and line_by_line not in (
                    half_up(net * rate_percent, 100), half_even(net * rate_percent, 100)):
                return lines + [line_of(last)], net


def line_of(price: int) -> dict:
    """An invoice line of one item at price cents, as csv.DictReader gives it."""
    return {"quantity": "1", "unit_price": str(cents(price))}


def half_cent_decides(net: int, rate_percent: int) -> bool:
    """Whether the VAT on net cents is an exact half cent that half-even would round down."""
    return net * rate_percent % 100 == 50 and net * rate_percent // 100 % 2 == 0


def vat_per_line(lines: list[dict], rate_percent: int) -> int:
    """The VAT in cents if each line's VAT were rounded on its own and then added up."""
    return sum(half_up(int(line["quantity"]) * int(Decimal(line["unit_price"]) * 100) * rate_percent, 100)
               for line in lines)


def mistake_in_invoice(result, lines: list[dict], net: int, rate_percent: int) -> str | None:
    """What is wrong with (net, vat, gross) for one generated invoice, or None."""
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        return "return three amounts: (net, vat, gross)."
    mistake = not_decimal(result, "(net, vat, gross)")
    if mistake:
        return mistake
    got_net, got_vat, got_gross = result
    vat = half_up(net * rate_percent, 100)
    if got_net != cents(net):
        return f"the net total should be {cents(net)} (quantity × unit price, added up), not {got_net}."
    if got_vat != cents(vat):
        exact = cents(net) * rate_percent / 100
        if got_vat == cents(half_even(net * rate_percent, 100)):
            return (f"the VAT, {exact}, is exactly half a cent: an invoice rounds it half up to "
                    f"{cents(vat)}, and you got {got_vat} (round() and ROUND_HALF_EVEN round half to even).")
        if got_vat == exact:
            return f"the VAT is {got_vat}: round it to cents with quantize(Decimal('0.01'), rounding=...)."
        if got_vat == cents(vat_per_line(lines, rate_percent)):
            return "that adds up each line's rounded VAT; compute the VAT once, on the net total."
        return f"at {rate_percent}% the VAT on {cents(net)} is {cents(vat)}, not {got_vat}."
    if got_gross != cents(net + vat):
        return f"gross should be net + VAT = {cents(net + vat)}, not {got_gross}."
    return None


def check_invoice_totals(invoice_totals) -> bool:
    """Exercise 1: net, VAT on the net total rounded half up, and gross, where half a cent decides."""
    rng = random.Random(2711)
    for rate_percent in (19, 7):
        lines, net = generated_invoice(rng, rate_percent)
        rate = str(Decimal(rate_percent) / 100)
        result, failed = call_safely(f"invoice_totals(lines, {rate!r})", invoice_totals, lines, rate)
        if failed is not None:
            return failed
        mistake = mistake_in_invoice(result, lines, net, rate_percent)
        if mistake:
            return not_yet(f"for an invoice at {rate_percent}% VAT, {mistake}")
    return passed("two invoices you had not seen, each with VAT on an exact half cent, rounded half up "
                  "to the cent the way an invoice must.")


def bills(rng: random.Random) -> list[tuple[int, int]]:
    """(total in cents, people): splits that leave cents over, small bills included."""
    made_up = [(rng.randrange(1_000, 100_000), rng.randrange(3, 10)) for _ in range(4)]
    return [(10_000, 3), (5, 3), (3_850, 7), (1_000, 4), (1, 2)] + made_up


def mistake_in_split(shares, total: int, people: int) -> str | None:
    """What is wrong with the shares of one bill, or None."""
    if not isinstance(shares, (list, tuple)):
        return f"return a list of shares, not a {type(shares).__name__}."
    if len(shares) != people:
        return f"{people} people need {people} shares, not {len(shares)}."
    mistake = not_decimal(shares, "the shares")
    if mistake:
        return mistake
    if any(share != share.quantize(Decimal("0.01")) for share in shares):
        return f"the shares {[str(s) for s in shares[:3]]}... are not whole cents; pay in cents."
    if sum(shares) != cents(total):
        same = len(set(shares)) == 1
        return (f"the shares add up to {sum(shares)}, not {cents(total)}"
                + (": every share is the same rounded amount, so the leftover cents are lost or made up."
                   if same else "."))
    if max(shares) - min(shares) > Decimal("0.01"):
        return f"the shares range from {min(shares)} to {max(shares)}: no two may be more than a cent apart."
    return None


def check_split_bill(split_bill) -> bool:
    """Exercise 2: equal shares in cents that add up to the bill, on bills the learner has not seen."""
    for total, people in bills(random.Random(2712)):
        shares, failed = call_safely(f"split_bill(Decimal('{cents(total)}'), {people})",
                                     split_bill, cents(total), people)
        if failed is not None:
            return failed
        mistake = mistake_in_split(shares, total, people)
        if mistake:
            return not_yet(f"splitting {cents(total)} among {people}: {mistake}")
    return passed("every bill split into shares at most a cent apart that add up to the cent, "
                  "down to 0.05 among three people.")


def prices_and_costs(rng: random.Random) -> list[tuple[int, int]]:
    """(price, cost) in cents: the diagram's 100/60, one where half a tenth decides, and made-up ones."""
    made_up = [(price, rng.randrange(price // 4, price - 1)) for price in
               (rng.randrange(200, 50_000) for _ in range(4))]
    return [(10_000, 6_000), (8_000, 7_996)] + made_up


def mistake_in_percentages(result, price: int, cost: int) -> str | None:
    """What is wrong with (margin, markup) for one price and cost, or None."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return "return two percentages: (margin, markup)."
    mistake = not_decimal(result, "(margin, markup)")
    if mistake:
        return mistake
    profit = price - cost
    margin, markup = (tenths(profit, whole, half_up) for whole in (price, cost))
    if tuple(result) == (margin, markup):
        return None
    if tuple(result) == (markup, margin):
        return ("margin and markup are swapped: margin divides the profit by the price, "
                "markup by the cost.")
    for name, got, right, whole in (("margin", result[0], margin, price),
                                    ("markup", result[1], markup, cost)):
        if got == right:
            continue
        if name == "margin" and got == markup:
            return f"the margin, {got}, is computed as a markup (profit / cost); margin is profit / price."
        if got in (tenths(profit, whole, half_even), Decimal(100 * profit) / Decimal(whole)):
            return f"the {name} should be {right}: round it half up to one decimal place with quantize."
        if right >= 1 and abs(100 * got - right) <= Decimal("0.1"):
            return f"the {name} {got} is a fraction; give it in percent (× 100), such as {right}."
        divisor = "price" if name == "margin" else "cost"
        return f"the {name} should be {right} (profit / {divisor}), not {got}."
    return None


def tenths(part: int, whole: int, rounding) -> Decimal:
    """part / whole in percent, rounded to a tenth with rounding (half_up or half_even)."""
    return Decimal(rounding(1000 * part, whole)).scaleb(-1)


def check_margin_and_markup(margin_and_markup) -> bool:
    """Exercise 3: margin on price and markup on cost, in percent, rounded half up to a tenth."""
    for price, cost in prices_and_costs(random.Random(2713)):
        call = f"margin_and_markup(Decimal('{cents(price)}'), Decimal('{cents(cost)}'))"
        result, failed = call_safely(call, margin_and_markup, cents(price), cents(cost))
        if failed is not None:
            return failed
        mistake = mistake_in_percentages(result, price, cost)
        if mistake:
            return not_yet(f"for a price of {cents(price)} and a cost of {cents(cost)}: {mistake}")
    return passed("margin on the price and markup on the cost, right for prices and costs you had not seen.")


def one_month(rng: random.Random) -> tuple[list[dict], dict[str, int]]:
    """Order lines of a made-up month (orders' lines interleaved, one big order) and each order's total."""
    totals, lines = {}, []
    for number in range(10):
        order_id = str(50_100 + number)
        for _ in range(rng.randrange(1, 4)):
            amount = rng.randrange(300, 9_000) if number != 6 else rng.randrange(150_000, 300_000)
            lines.append({"order_id": order_id, "customer_id": f"C-{rng.randrange(2000, 2040)}",
                          "amount": str(cents(amount))})
            totals[order_id] = totals.get(order_id, 0) + amount
    rng.shuffle(lines)
    return lines, totals


def generated_month(rng: random.Random) -> tuple[list[dict], dict[str, int]]:
    """A made-up month whose median order falls on half a cent that half-even would round down."""
    while True:
        lines, totals = one_month(rng)
        middle = sum(sorted(totals.values())[4:6])
        if middle % 2 and (middle // 2) % 2 == 0:
            return lines, totals


KPI_KEYS = ("orders", "revenue", "average_order_value", "median_order_value")


def mistake_in_kpis(result, lines: list[dict], totals: dict[str, int]) -> str | None:
    """What is wrong with the KPIs of a made-up month, or None."""
    if not isinstance(result, Mapping):
        return f"return a dict with the keys {list(KPI_KEYS)}, not a {type(result).__name__}."
    missing = [key for key in KPI_KEYS if key not in result]
    if missing:
        return f"the dict has no {missing}; it needs the keys {list(KPI_KEYS)}."
    revenue, orders = sum(totals.values()), len(totals)
    if result["orders"] != orders:
        if result["orders"] == len(lines):
            return f"'orders' is {len(lines)}, the number of lines; count distinct order_ids ({orders})."
        return f"'orders' should be {orders}, the number of distinct order_ids, not {result['orders']!r}."
    mistake = not_decimal([result[key] for key in KPI_KEYS[1:]], "the amounts")
    if mistake:
        return mistake
    if result["revenue"] != cents(revenue):
        return f"'revenue' should be {cents(revenue)}, the sum of all amounts, not {result['revenue']}."
    aov = cents(half_up(revenue, orders))
    if result["average_order_value"] != aov:
        if result["average_order_value"] == cents(half_up(revenue, len(lines))):
            return "the average order value divides by the number of lines; divide by the number of orders."
        return (f"'average_order_value' should be {aov} (revenue / orders, in cents), "
                f"not {result['average_order_value']}.")
    middle = sum(sorted(totals.values())[4:6])
    median, got = cents(half_up(middle, 2)), result["median_order_value"]
    if got != median:
        line_amounts = [int(Decimal(line["amount"]) * 100) for line in lines]
        if abs(got - cents(1) * Decimal(statistics.median(line_amounts))) < cents(1):
            return "that is the median of the order lines; take the median of the orders' totals."
        if got == aov:
            return "the median order value equals the average: use statistics.median, not the mean."
        if got == cents(half_even(middle, 2)):
            return f"the median is exactly {cents(middle) / 2}: round it half up, to {median}."
        if got == cents(middle) / 2:
            return f"the median is {got}: round it half up to the cent."
        return f"'median_order_value' should be {median}, not {got}."
    return None


def check_order_kpis(order_kpis) -> bool:
    """Exercise 4: KPIs over orders (not lines) of a month the learner has not seen."""
    lines, totals = generated_month(random.Random(2714))
    result, failed = call_safely("order_kpis(order_lines)", order_kpis, [dict(line) for line in lines])
    if failed is not None:
        return failed
    mistake = mistake_in_kpis(result, lines, totals)
    if mistake:
        return not_yet(f"for a month of {len(lines)} order lines: {mistake}")
    return passed(f"{len(totals)} orders from {len(lines)} lines of a month you had not seen: "
                  f"average {result['average_order_value']}, median {result['median_order_value']}; "
                  "one big order pulls the mean far above the median.")


def check_exercise_1(invoice_totals) -> None:
    """Exercise 1: an invoice's totals."""
    check_invoice_totals(invoice_totals)


def check_exercise_2(split_bill) -> None:
    """Exercise 2: split a bill so the cents add up."""
    check_split_bill(split_bill)


def check_exercise_3(margin_and_markup) -> None:
    """Exercise 3: margin and markup."""
    check_margin_and_markup(margin_and_markup)


def check_exercise_4(order_kpis) -> None:
    """Exercise 4: KPIs of a month the learner has not seen."""
    check_order_kpis(order_kpis)
