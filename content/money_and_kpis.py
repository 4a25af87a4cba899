# ---
# jupyter:
#   kernelspec:
#     display_name: Python (Pyodide)
#     language: python
#     name: python
# ---

# %% [markdown]
# # Money and KPIs
#
# A manager asks for an invoice total, a split of the delivery cost, this month's margin and
# the typical order size. Each answer is a number someone will act on, and a cent out on an
# invoice is a complaint (or a tax problem). This lesson computes money exactly, rounds it the
# way the business does, defines every KPI before computing it, and picks the statistic that
# tells the truth about skewed data.
#
# The data is the coffee wholesaler's from *Business records and files*: an invoice, six months
# of sales and March's orders, in the course's folder `data/money/`.
#
# **Time needed:** about 75 minutes, four exercises included. **Prerequisites:** the lesson
# *Business records and files* (`csv.DictReader`, `Decimal` from text, functions over records).

# %%
from coursekit.runtime import describe

print("Running in", describe())

# %% [markdown]
# ## Learning objectives
#
# By the end of this lesson you can:
#
# 1. say why floats lose cents, and compute money with `Decimal` built from strings;
# 2. round with `quantize` and the rounding the business uses (`ROUND_HALF_UP` on invoices,
#    `ROUND_HALF_EVEN` where a standard says so), never with `round()` on floats;
# 3. add VAT to a net price and take it out of a gross one, and split an amount so the cents add up;
# 4. format amounts for people without relying on `locale`;
# 5. define and compute growth, margin, markup, average order value and a weighted average,
#    and choose between the mean and the median with `statistics`.
#
# ## Why floats lose cents
#
# A `float` stores a number in binary, with 53 bits of precision. Most decimal fractions have no
# exact binary form, just as 1/3 has no exact decimal form: `0.1` is stored as the nearest binary
# fraction, a little above 0.1. Usually the error hides when printed; add a few amounts and it
# shows.

# %%
print(0.1 + 0.2, 0.1 + 0.2 == 0.3)

import csv
from pathlib import Path

with Path("data/money/invoice-lines.csv").open(encoding="utf-8", newline="") as stream:
    lines = list(csv.DictReader(stream))

float_net = sum(int(line["quantity"]) * float(line["unit_price"]) for line in lines)
print(f"Invoice {lines[0]['invoice_id']}, {len(lines)} lines, net total in floats: {float_net!r}")

# %% [markdown]
# The invoice's net total is 155.80 exactly; in floats it is a hair below. Printed with
# `:.2f` it would look right, but a comparison such as `total == 155.80` fails, and rounding a
# value that sits a hair below a half cent goes the wrong way. `round(2.675, 2)` shows it:
# half a cent should round up to 2.68, and Python is not wrong to give 2.67, because the float
# `2.675` is really a little less than 2.675:

# %%
from decimal import Decimal

print("round(2.675, 2) =", round(2.675, 2))
print("The float 2.675 is really", Decimal(2.675))

# %% [markdown]
# ## `Decimal`, built from strings
#
# `decimal.Decimal` computes in base ten, exactly as you would on paper, so `Decimal("0.1")` is
# exactly one tenth. Build it from the **string** in the file: `Decimal(0.1)` copies the float's
# binary error into the decimal.

# %%
net = sum(int(line["quantity"]) * Decimal(line["unit_price"]) for line in lines)
print("Net total in Decimal:", net)
print('Decimal("0.1") =', Decimal("0.1"))
print("Decimal(0.1)   =", Decimal(0.1))

# %% [markdown]
# > **Common mistake: mixing floats into money.** `Decimal("18.90") + 0.5` raises `TypeError`,
# > which is Python protecting you; `Decimal(price_as_float)` does not, and carries the float's
# > error. Keep amounts as strings until they become `Decimal`, or keep whole cents as `int`
# > (1890 for 18.90), which is exact too.
#
# ## Rounding to cents: `quantize`
#
# Multiplying by a tax rate or dividing by a count gives more digits than a cent.
# `amount.quantize(Decimal("0.01"), rounding=...)` rounds to cents with the rule you name. Two
# rules matter for money, and they differ only on an exact half cent:
#
# - **`ROUND_HALF_UP`** ("commercial rounding") sends half a cent away from zero: 0.125 becomes
#   0.13. Invoices, receipts and the VAT rules of most countries use it.
# - **`ROUND_HALF_EVEN`** ("banker's rounding") sends half a cent to the even cent: 0.125 becomes
#   0.12 and 0.135 becomes 0.14. Over many roundings its ups and downs cancel out, so standards
#   that add up many rounded values ask for it (IEEE 754 arithmetic is one).
#
# `round()` on a `Decimal` rounds half to even too, so it is the wrong tool for an invoice
# even when the number is a `Decimal`.

# %%
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP

CENT = Decimal("0.01")

print(f"{'amount':>8}{'HALF_UP':>9}{'HALF_EVEN':>11}{'round()':>9}")
for text in ["0.125", "0.135", "2.665", "2.675", "-0.125"]:
    amount = Decimal(text)
    print(f"{text:>8}{amount.quantize(CENT, rounding=ROUND_HALF_UP)!s:>9}"
          f"{amount.quantize(CENT, rounding=ROUND_HALF_EVEN)!s:>11}{round(amount, 2)!s:>9}")

# %% [markdown]
# ## VAT: added to a net price, or taken out of a gross one
#
# A **net** price excludes value-added tax (or sales tax); the **gross** price includes it.
# With a rate of 19% (Germany's standard rate):
#
# - from net to gross: VAT = net × 0.19, rounded to cents; gross = net + VAT;
# - from gross to net (a shelf price "VAT included"): net = gross / 1.19, rounded to cents;
#   VAT = gross − net, so the two add up to the price exactly.
#
# An invoice to a business lists the net lines, then the VAT on the net total, rounded once.
# (Rounding each line's VAT and adding those can differ by a cent; some countries' rules allow
# either, so follow the one your accountant names.)

# %%
RATE = Decimal("0.19")

vat = (net * RATE).quantize(CENT, rounding=ROUND_HALF_UP)
print(f"Net {net:>8}\nVAT {vat:>8}  (19% of {net} is {net * RATE})\nGross {net + vat:>6}")

shelf_price = Decimal("23.80")
shelf_net = (shelf_price / (1 + RATE)).quantize(CENT, rounding=ROUND_HALF_UP)
print(f"A price of {shelf_price} including VAT is {shelf_net} net plus {shelf_price - shelf_net} VAT.")

# %% [markdown]
# ### Exercise 1: an invoice's totals
#
# Write `invoice_totals(lines, vat_rate)`. `lines` are rows as `csv.DictReader` gives them
# (`quantity` and `unit_price` are text) and `vat_rate` is text such as `"0.19"`. Return
# `(net, vat, gross)` as `Decimal`s in cents: net is the sum of quantity × unit price, VAT is
# the rate times the net total, rounded half up to the cent, and gross is their sum. The check
# uses invoices of its own, where half a cent decides.
#
# <details><summary>Hint 1</summary>
#
# Turn each text into `int` or `Decimal` first, as the net total above does.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Look at the rounding table above: on an exact half cent, which of its three columns gives
# what an invoice needs?
#
# </details>

# %%
from decimal import ROUND_HALF_UP, Decimal


def invoice_totals(lines, vat_rate):
    """(net, vat, gross) of an invoice in Decimal cents; VAT on the net total, rounded half up."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
from decimal import ROUND_HALF_UP, Decimal


def invoice_totals(lines, vat_rate):
    """(net, vat, gross) of an invoice in Decimal cents; VAT on the net total, rounded half up."""
    net = sum(int(line["quantity"]) * Decimal(line["unit_price"]) for line in lines)
    vat = (net * Decimal(vat_rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return net, vat, net + vat


# %%
from coursekit.money_checks import check_exercise_1

check_exercise_1(invoice_totals)

# %% [markdown]
# ## Allocating an amount so the cents add up
#
# The carrier charges 7.99 for the whole delivery, and the accountant wants it spread over the
# invoice's lines in proportion to their value. Rounding each share on its own loses or makes
# up cents: here the shares add up to a cent more than the carrier charged.

# %%
values = [int(line["quantity"]) * Decimal(line["unit_price"]) for line in lines]
shipping = Decimal("7.99")

rounded_shares = [(shipping * value / net).quantize(CENT, rounding=ROUND_HALF_UP) for value in values]
print("Each share rounded on its own:", [str(share) for share in rounded_shares],
      "sum", sum(rounded_shares))

# %% [markdown]
# The **largest remainder** method fixes it: work in whole cents, give each line its share
# rounded **down**, then hand the cents still missing, one each, to the lines whose shares lost
# the most in rounding down. Every share is then within a cent of its exact value, and the
# total is exact.

# %%
def allocate(amount, weights):
    """Split amount (Decimal, in cents) in proportion to weights; the shares add up to amount exactly."""
    cents = int(amount * 100)
    total = sum(weights)
    exact = [cents * weight / total for weight in weights]
    shares = [int(share) for share in exact]  # rounded down: at most len(weights) - 1 cents missing
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - shares[i], reverse=True)
    for i in by_remainder[: cents - sum(shares)]:
        shares[i] += 1
    return [Decimal(share) / 100 for share in shares]


shares = allocate(shipping, values)
print("Largest remainder:", [str(share) for share in shares], "sum", sum(shares))

# %% [markdown]
# ### Exercise 2: split a bill
#
# Four colleagues share a client lunch of 100.00; a team of seven shares a taxi of 38.50.
# Write `split_bill(total, people)`: return one share per person, as `Decimal`s in cents, that
# add up to `total` (a `Decimal`) exactly, with no two shares more than a cent apart. Any order
# of the shares is fine. The check splits bills you have not seen, small ones included.
#
# <details><summary>Hint 1</summary>
#
# An equal split is an allocation whose weights are all the same.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Count in whole cents: `int(total * 100)` cents among `people` is `divmod(cents, people)`.
# What do you do with the remainder?
#
# </details>

# %%
def split_bill(total, people):
    """people shares of total, in Decimal cents, adding up to total and at most a cent apart."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def split_bill(total, people):
    """people shares of total, in Decimal cents, adding up to total and at most a cent apart."""
    each, left_over = divmod(int(total * 100), people)
    return [Decimal(each + (i < left_over)) / 100 for i in range(people)]


# %%
from coursekit.money_checks import check_exercise_2

check_exercise_2(split_bill)

# %% [markdown]
# ## Showing money to people
#
# Computations need `Decimal`; people need `1,234.50 EUR` or, in Germany, `1.234,50 €`. Python's
# format mini-language groups thousands with `,` and works on `Decimal` exactly. For another
# convention, swap the separators yourself: it is explicit, and it works everywhere.

# %%
def money(amount, currency="EUR", european=False):
    """An amount in cents with its currency code, grouped in thousands, in English or European style."""
    text = f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
    if european:
        text = text.translate(str.maketrans(",.", ".,"))
    return f"{text} {currency}"


for amount in [Decimal("1234.5"), Decimal("-0.125"), Decimal("2480")]:
    print(f"{money(amount):>14}   {money(amount, european=True):>14}")

# %% [markdown]
# Python's `locale` module promises the same from the computer's settings:
# `locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")`, then `locale.currency(...)`. It depends on
# what the machine has installed, and it changes the settings of the whole program at once.
# The course measured what it does in each runtime; the cell below asks the one you are running:

# %%
from coursekit import probes

result = probes.measure("locale_de", "German locale", probes.locale_for_germany)
print(("Works: " if result.works else "Fails: ") + result.detail)

# %% [markdown]
# In the browser, Pyodide's `setlocale` accepts `"de_DE.UTF-8"` without a word and changes
# nothing: the decimal point stays `'.'`, there is no grouping, and 1234.5 still formats as
# `'1234.50'` (measured in Chromium, Firefox and WebKit; see
# [What runs in your browser](what-runs-in-your-browser.ipynb)). In CPython the answer depends on the
# computer: where no German locale is installed, `setlocale` raises `locale.Error: unsupported
# locale setting`. Either way the code above, with its explicit separators, prints the same
# everywhere: that is the fallback this course takes, and why.
#
# ## KPIs: define them, then compute them
#
# A key performance indicator is only useful if everyone means the same thing by it. Write the
# definition down before the code:
#
# - **Growth** (month over month) = (this month − last month) / last month, in percent.
# - **Gross margin** = (revenue − cost of goods) / **revenue**: the share of each euro of sales
#   that is left after paying for the goods.
# - **Markup** = (revenue − cost of goods) / **cost**: how much was added on top of the cost.
# - **Average order value (AOV)** = revenue / number of **orders** (not order lines).
#
# ```mermaid
# flowchart LR
#     accTitle: Margin and markup divide the same profit by different amounts
#     accDescr: Price 100 = cost 60 + profit 40; margin is 40 / 100 = 40%, markup is 40 / 60 = 66.7%.
#     P["Price 100"] --- C["Cost 60"]
#     P --- G["Profit 40"]
#     G --> M["Margin = 40 / price 100 = 40%"]
#     G --> K["Markup = 40 / cost 60 = 66.7%"]
# ```
#
# Percentages are rounded only for display, half up to one decimal place here.

# %%
TENTH = Decimal("0.1")


def percent(part, whole):
    """part / whole in percent, rounded half up to one decimal place."""
    return (100 * part / whole).quantize(TENTH, rounding=ROUND_HALF_UP)


with Path("data/money/monthly-sales.csv").open(encoding="utf-8", newline="") as stream:
    months = [{"month": row["month"], "revenue": Decimal(row["revenue"]),
               "cost": Decimal(row["cost_of_goods"]), "orders": int(row["orders"])}
              for row in csv.DictReader(stream)]

print(f"{'month':<9}{'revenue':>10}{'growth %':>10}{'margin %':>10}{'markup %':>10}{'AOV':>8}")
previous = None
for month in months:
    profit = month["revenue"] - month["cost"]
    growth = "" if previous is None else percent(month["revenue"] - previous, previous)
    aov = (month["revenue"] / month["orders"]).quantize(CENT, rounding=ROUND_HALF_UP)
    print(f"{month['month']:<9}{month['revenue']:>10}{growth!s:>10}{percent(profit, month['revenue'])!s:>10}"
          f"{percent(profit, month['cost'])!s:>10}{aov!s:>8}")
    previous = month["revenue"]

# %% [markdown]
# > **Common mistake: margin and markup swapped.** A 40% markup is a margin of 28.6%, not 40%.
# > Pricing with "cost + 40%" while the plan asks for a 40% margin loses money on every sale.
#
# A **weighted average** weights each value by how much of it there is. The average price the
# shop got per kilogram of beans is not the mean of its three prices; it is the revenue divided
# by the kilograms:

# %%
beans = [("Espresso 1 kg", 40, Decimal("18.90")), ("Espresso 1 kg, wholesale", 250, Decimal("15.20")),
         ("Decaf 1 kg", 12, Decimal("21.50"))]
simple = sum(price for _, _, price in beans) / len(beans)
weighted = sum(kilos * price for _, kilos, price in beans) / sum(kilos for _, kilos, _ in beans)
print(f"Mean of the prices: {simple.quantize(CENT)}; weighted by kilograms sold: {weighted.quantize(CENT)}")

# %% [markdown]
# ### Exercise 3: margin and markup
#
# Write `margin_and_markup(price, cost)`: from a selling price and a cost (both `Decimal`),
# return `(margin, markup)` in percent, each a `Decimal` rounded half up to one decimal place
# (`40.0`, not `0.4`). The check tries prices and costs of its own.
#
# <details><summary>Hint 1</summary>
#
# Both start from the same profit, price − cost; they divide it by different amounts.
# The diagram above says which.
#
# </details>
# <details><summary>Hint 2</summary>
#
# The lesson's `percent(part, whole)` already rounds half up to one decimal place.
#
# </details>

# %%
def margin_and_markup(price, cost):
    """(gross margin %, markup %) as Decimals rounded half up to one decimal place."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def margin_and_markup(price, cost):
    """(gross margin %, markup %) as Decimals rounded half up to one decimal place."""
    profit = price - cost
    return percent(profit, price), percent(profit, cost)


# %%
from coursekit.money_checks import check_exercise_3

check_exercise_3(margin_and_markup)

# %% [markdown]
# ## The typical order: mean, median, quantiles
#
# The `statistics` module works on `Decimal`s as well as floats. March had sixteen orders; two
# of them are wholesale orders many times the size of the rest.

# %%
import statistics

with Path("data/money/march-orders.csv").open(encoding="utf-8", newline="") as stream:
    amounts = [Decimal(row["amount"]) for row in csv.DictReader(stream)]

quartiles = statistics.quantiles(amounts, n=4)
print(f"{len(amounts)} orders, revenue {sum(amounts)}")
print(f"mean   {statistics.mean(amounts).quantize(CENT, rounding=ROUND_HALF_UP)}")
print(f"median {statistics.median(amounts).quantize(CENT, rounding=ROUND_HALF_UP)}")
print("quartiles", [str(q.quantize(CENT, rounding=ROUND_HALF_UP)) for q in quartiles])

# %% [markdown]
# The mean order, 309.24, is larger than 14 of the 16 orders: the two wholesale orders (1249.00
# and 2480.00) pull it up. The **median**, 71.48, is the middle of the sorted orders: half were
# smaller, half larger, so it is what a "typical order" means. The **quartiles** cut the sorted
# orders into four equal groups: half of all orders lay between 39.90 and 196.08. On skewed data,
# and sales nearly always are, report the median (with the quartiles) beside the mean, and say
# which one you give.
#
# > **Common mistake: a median of order lines.** Data often arrives as order lines (one row per
# > product ordered). Average order value and the median order need **orders**: add each
# > order's lines up first, then compute.
#
# ### Exercise 4: KPIs of a month you have not seen
#
# Write `order_kpis(order_lines)`. Each line is a dict with `order_id`, `customer_id` and
# `amount` (text, such as `"54.00"`); an order may have several lines. Return a dict with:
#
# - `"orders"`: the number of orders;
# - `"revenue"`: the sum of all amounts, a `Decimal`;
# - `"average_order_value"` and `"median_order_value"`: over the orders' totals, as `Decimal`s
#   rounded half up to the cent.
#
# The check computes them for a month of lines it makes up, which you have not seen.
#
# <details><summary>Hint 1</summary>
#
# First build one total per order: a dict from `order_id` to the sum of its lines' amounts.
#
# </details>
# <details><summary>Hint 2</summary>
#
# The definitions in "KPIs: define them, then compute them" say what to divide by; `statistics`
# does the median.
#
# </details>

# %%
import statistics


def order_kpis(order_lines):
    """{'orders', 'revenue', 'average_order_value', 'median_order_value'} of a list of order lines."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
import statistics


def order_kpis(order_lines):
    """{'orders', 'revenue', 'average_order_value', 'median_order_value'} of a list of order lines."""
    totals = {}
    for line in order_lines:
        totals[line["order_id"]] = totals.get(line["order_id"], 0) + Decimal(line["amount"])
    revenue = sum(totals.values())
    return {"orders": len(totals), "revenue": revenue,
            "average_order_value": (revenue / len(totals)).quantize(CENT, rounding=ROUND_HALF_UP),
            "median_order_value": statistics.median(totals.values()).quantize(CENT, rounding=ROUND_HALF_UP)}


# %%
from coursekit.money_checks import check_exercise_4

check_exercise_4(order_kpis)

# %% [markdown]
# ## Key points
#
# - Floats cannot hold most cents exactly: compute money with `Decimal` built from strings
#   (or in whole cents as `int`), never `Decimal(float)`.
# - Round with `quantize(Decimal("0.01"), rounding=...)`: `ROUND_HALF_UP` for invoices,
#   `ROUND_HALF_EVEN` where a standard says so; `round()` rounds half to even.
# - VAT: gross = net + rounded VAT; from a gross price, round the net and let VAT be the rest.
# - Split amounts in whole cents by the largest remainder, so the shares add up exactly.
# - Format money with format specifications and explicit separators, not `locale`.
# - Define a KPI before computing it: margin divides profit by price, markup by cost; AOV
#   divides by orders. On skewed data report the median beside the mean.
