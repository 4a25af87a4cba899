# ---
# jupyter:
#   kernelspec:
#     display_name: Python (Pyodide)
#     language: python
#     name: python
# ---

# %% [markdown]
# # Dates, periods and time zones
#
# "What were last month's sales, by store?" sounds like one line of code. It is not, when
# the stores are in Berlin, London and New York, the till records every sale in UTC, and the
# month contains the night the clocks went forward. This lesson answers that question
# correctly, in each store's own local day, and then the questions around it: how long a night
# shift really lasted, which week or quarter a day belongs to, and how a fiscal year is counted.
#
# **Time needed:** about 75 minutes (four exercises). **Prerequisites:** the lessons
# *Business records and files* (`csv.DictReader`) and *Money and KPIs* (`Decimal` for money).
#
# ## Learning objectives
#
# By the end of this lesson you can:
#
# 1. parse and format dates and times: ISO 8601 first, `strptime` for what people export;
# 2. tell naive from aware times, and convert between UTC and a store's zone with `zoneinfo`;
# 3. say what a daylight-saving gap and fold are, and get durations right across them;
# 4. group records by each store's local day, month, ISO week or quarter;
# 5. compute month ends, business days and fiscal periods;
# 6. say what the browser offers for time zones (no database until you install one, and its
#    own idea of "local time") and what the course does about it.
#
# The sales come from two files of this course site: `stores.csv` (each store's time zone)
# and `sales.csv` (300 sales from late February to early April 2026, stamped in UTC).

# %%
from coursekit.datafiles import read_csv
from coursekit.runtime import describe

stores = await read_csv("stores.csv")
sales = await read_csv("sales.csv")
print("Running in", describe())
print(f"{len(sales)} sales from {', '.join(store['city'] for store in stores)}")
print("The first:", sales[0])

# %% [markdown]
# ## Dates, times and durations
#
# The `datetime` module has three types you will use every day: a `date` (a calendar day), a
# `datetime` (a day and a time) and a `timedelta` (a duration). Adding a `timedelta` to a date
# moves it; subtracting two dates gives a `timedelta`.

# %%
from datetime import date, datetime, timedelta

invoice_date = date(2026, 3, 31)
due = invoice_date + timedelta(days=30)
print("Invoice", invoice_date, "is due", due, f"({due:%A %d %B %Y})")
print("Days from invoice to the end of April:", (date(2026, 4, 30) - invoice_date).days)

# %% [markdown]
# ### Parsing: ISO 8601 first
#
# Store and send times as **ISO 8601** text: `2026-03-29T01:30:00Z`, year first, 24-hour
# clock, and the offset from UTC at the end (`Z` means UTC). It sorts correctly as text, no
# one reads it the wrong way round, and `datetime.fromisoformat` reads it (the `Z` since
# Python 3.11). `.isoformat()` writes it.
#
# People's exports are another matter: a German till writes `29.03.2026 14:05`, an American
# spreadsheet `03/29/2026 2:05 PM`. For these, `datetime.strptime(text, format)` takes a
# format with one code per part: `%d` day, `%m` month, `%Y` year, `%H` hour (24 h), `%I` hour
# (12 h) with `%p` for AM/PM, `%M` minute. `strftime` (or an f-string, as above) writes one.

# %%
sold = datetime.fromisoformat(sales[0]["sold_at_utc"])
print(repr(sold))
print("As ISO 8601:", sold.isoformat())

german = datetime.strptime("29.03.2026 14:05", "%d.%m.%Y %H:%M")
american = datetime.strptime("03/29/2026 2:05 PM", "%m/%d/%Y %I:%M %p")
print("German export:", german, "| American export:", american, "| same moment:", german == american)

# %% [markdown]
# > **Common mistake: `%m` for minutes.** `%m` is the month and `%M` the minute; swap them and
# > `strptime` often still succeeds, with nonsense in it. And `03/04/2026` is 3 April in Europe
# > and 4 March in the United States: ask which the system writes, never guess from the data.
#
# ## Naive and aware times
#
# `german` above is **naive**: it has no time zone (`tzinfo` is `None`), so it does not say
# *when* it happened, only what a clock showed somewhere. `sold` is **aware**: it carries its
# offset from UTC, so it names one moment on Earth. Python refuses to order the two, and,
# worse, `==` between them is simply `False`, without an error.

# %%
from datetime import UTC

naive = datetime(2026, 3, 29, 1, 30)
aware = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
print("naive.tzinfo:", naive.tzinfo, "| aware.tzinfo:", aware.tzinfo)
try:
    print(naive < aware)
except TypeError as error:
    print("naive < aware -> TypeError:", error)
print("naive == aware ->", naive == aware)
print("Now, aware:", datetime.now(UTC).tzinfo, "(datetime.utcnow() is deprecated: it returns a naive time)")

# %% [markdown]
# > **Common mistake: mixing naive and aware.** Keep every time aware, in UTC, from the moment
# > you read it; convert to a local zone only to show it or to group by a local day.
#
# ## Time zones in the browser
#
# A time zone is more than an offset: it is a history of rules ("Berlin is UTC+1, but UTC+2
# from the last Sunday of March to the last Sunday of October"). `zoneinfo.ZoneInfo("Europe/Berlin")`
# reads those rules from the **IANA time-zone database**. A computer usually has a copy
# (on Linux and macOS in `/usr/share/zoneinfo`); Pyodide, the Python in your browser, has
# **none**. Try it:

# %%
import zoneinfo

from coursekit import timezones

try:
    zoneinfo.ZoneInfo("Europe/Berlin")
    print("ZoneInfo('Europe/Berlin') works as this Python ships: found in",
          timezones.database_of("Europe/Berlin"))
except zoneinfo.ZoneInfoNotFoundError as error:
    print("No time-zone database here: ZoneInfoNotFoundError:", error)

# %% [markdown]
# The database is also published as a small pure-Python package, **`tzdata`**, which
# `zoneinfo` falls back to when the system has no copy. This course site ships it in its own
# package set, so in the browser `micropip` installs it from the site (nothing comes from the
# internet); in CPython, `pip install tzdata` does the same where a system has no database
# (Windows). `timezones.zone(key, fallback_hours)` does exactly that: `ZoneInfo`, then
# `tzdata`, and only if both fail a **fixed offset**, with a warning. That fallback is a
# named compromise: a fixed offset knows nothing of daylight saving, so it is right for half
# the year. Here it is at work on a sale that falls on the evening of 30 March in UTC:

# %%
from datetime import timezone

print("Installed:", await timezones.install_tzdata())
zones = {store["store_id"]: await timezones.zone(store["time_zone"], int(store["standard_utc_offset"]))
         for store in stores}
print("Zones:", {store: str(zone) for store, zone in zones.items()})

late_sale = datetime(2026, 3, 30, 22, 30, tzinfo=UTC)
fixed_berlin = timezone(timedelta(hours=1), "UTC+1 (fixed)")
print(f"With the database:   {late_sale.astimezone(zones['BER-01']):%Y-%m-%d %H:%M %Z}")
print(f"With a fixed offset: {late_sale.astimezone(fixed_berlin):%Y-%m-%d %H:%M %Z}  <- wrong day")

# %% [markdown]
# ### What "local time" means in the browser
#
# `datetime.now().astimezone()` gives the time in the computer's own zone. In the browser,
# Python asks the browser, which answers with the zone of the computer you are sitting at:
# the course measured it with the browser set to India's time, and Python's local time was
# UTC+05:30 too, the same offset as the browser's own clock (JavaScript's `Date`; see
# [What runs in your browser](what-runs-in-your-browser.ipynb)).
# That is your zone, not your store's: a report must never depend on where the person running
# it sits, so the lesson only uses the stores' zones.

# %%
now = datetime.now().astimezone()
print(f"Your local time: {now:%Y-%m-%d %H:%M}, {now.tzname()} (UTC{now:%z})")

# %% [markdown]
# ### Exercise 1: the till's local times, in UTC
#
# A till in each store exports local times as `29.03.2026 14:05` (day.month.year
# hour:minute). Write `to_utc(text, zone)`: parse the text, attach the store's zone (a
# `ZoneInfo`), and return an **aware** `datetime` in UTC. The check tries tills in three
# zones, a week before and after each of their clock changes.
#
# <details><summary>Hint 1</summary>
#
# `strptime` gives a naive datetime; the format codes are in the section on parsing.
#
# </details>
# <details><summary>Hint 2</summary>
#
# A naive local time becomes aware with `.replace(tzinfo=zone)`: it keeps the clock
# reading and says which zone's clock it was.
#
# </details>
# <details><summary>Hint 3</summary>
#
# An aware time is shown in another zone with `.astimezone(...)`; the moment stays the same.
#
# </details>

# %%
from datetime import UTC, datetime


def to_utc(text, zone):
    """The till's local 'dd.mm.yyyy HH:MM' in `zone`, as an aware datetime in UTC."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
from datetime import UTC, datetime


def to_utc(text, zone):
    """The till's local 'dd.mm.yyyy HH:MM' in `zone`, as an aware datetime in UTC."""
    return datetime.strptime(text, "%d.%m.%Y %H:%M").replace(tzinfo=zone).astimezone(UTC)


# %%
from coursekit.dates_checks import check_exercise_1

check_exercise_1(to_utc)

# %% [markdown]
# ## Gaps and folds: the nights the clocks change
#
# On 29 March 2026 at 01:00 UTC, Berlin's clocks jumped from 02:00 to 03:00: that night,
# 02:30 never happened (a **gap**). On 25 October they go back from 03:00 to 02:00, so 02:30
# happens twice (a **fold**); the attribute `fold=1` picks the second. Converting to UTC
# and back shows what a zone makes of such times.

# %%
berlin = zones["BER-01"]
gap = datetime(2026, 3, 29, 2, 30, tzinfo=berlin)
print(f"02:30 on 29 March does not exist: {gap} is {gap.astimezone(UTC):%H:%M} UTC, "
      f"which Berlin's clocks show as {gap.astimezone(UTC).astimezone(berlin):%H:%M}")
first = datetime(2026, 10, 25, 2, 30, tzinfo=berlin)
second = first.replace(fold=1)
print(f"02:30 on 25 October happens twice: {first:%H:%M %Z} is {first.astimezone(UTC):%H:%M} UTC, "
      f"{second:%H:%M %Z} is {second.astimezone(UTC):%H:%M} UTC")

# %% [markdown]
# So the day of the change is not 24 hours long. Subtracting two aware times **of the same
# zone** compares their wall clocks (it ignores the change); in UTC the true length shows:

# %%
day_start = datetime(2026, 3, 29, tzinfo=berlin)
next_day = datetime(2026, 3, 30, tzinfo=berlin)
print("29 March in Berlin, by wall clock:", next_day - day_start)
print("29 March in Berlin, really:       ", next_day.astimezone(UTC) - day_start.astimezone(UTC))

# %% [markdown]
# > **Common mistake: durations from wall clocks.** Any length of time (hours worked, a
# > delivery's time in transit, a service-level deadline) is computed between UTC times.
#
# ## From UTC to each store's local day
#
# The report's day is the day **as the store counts it**. A sale at 23:30 in New York is
# 03:30 (or 04:30) the next day in UTC; grouping by the UTC date puts it on the wrong day,
# and at the end of a month in the wrong month. The path every sale takes:
#
# ```mermaid
# flowchart LR
#     accTitle: From a UTC timestamp to a store's local day
#     accDescr {
#         A sale's UTC timestamp is read with fromisoformat, converted with astimezone to the store's
#         ZoneInfo, and its local date then decides the day, week, month or quarter it is counted in.
#     }
#     A["sold_at_utc<br/>2026-04-01T02:10:00Z"] -->|fromisoformat| B["aware datetime<br/>in UTC"]
#     B -->|"astimezone(zones[store])"| C["local time<br/>31 March 22:10 EDT"]
#     C -->|".date()"| D["local day<br/>2026-03-31"]
#     D --> E["group by day, week,<br/>month or quarter"]
# ```

# %%
from collections import Counter, defaultdict
from decimal import Decimal


def local_time(sale):
    """When the sale happened, by the clock of its store."""
    return datetime.fromisoformat(sale["sold_at_utc"]).astimezone(zones[sale["store_id"]])


moved = Counter(sale["store_id"] for sale in sales
                if local_time(sale).date() != datetime.fromisoformat(sale["sold_at_utc"]).date())
print("Sales whose local day is not their UTC day:", dict(sorted(moved.items())))

daily = defaultdict(Decimal)
for sale in sales:
    daily[sale["store_id"], local_time(sale).date()] += Decimal(sale["amount"])
for store in zones:
    print(f"{store} on 29 March 2026 (local): {daily[store, date(2026, 3, 29)]:>8}")

# %% [markdown]
# ### Exercise 2: last month's sales, by store
#
# Write `monthly_sales(sales, zones, year, month)`: the total of each store's sales whose
# **local** date falls in that month, as `{store_id: Decimal}`. The check runs it for March
# 2026 on the lesson's sales, then on sales in four time zones your code has not seen,
# placed just before and after each local midnight.
#
# <details><summary>Hint 1</summary>
#
# `local_time(sale)` above shows the way: read the UTC stamp, convert it to the sale's store's zone.
#
# </details>
# <details><summary>Hint 2</summary>
#
# A local datetime has `.year` and `.month`; add `Decimal(sale["amount"])`, never a float.
#
# </details>

# %%
from datetime import datetime
from decimal import Decimal


def monthly_sales(sales, zones, year, month):
    """{store_id: Decimal total} of the sales in that month, by each store's local day."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
from datetime import datetime
from decimal import Decimal


def monthly_sales(sales, zones, year, month):
    """{store_id: Decimal total} of the sales in that month, by each store's local day."""
    totals = {}
    for sale in sales:
        local = datetime.fromisoformat(sale["sold_at_utc"]).astimezone(zones[sale["store_id"]])
        if (local.year, local.month) == (year, month):
            totals[sale["store_id"]] = totals.get(sale["store_id"], Decimal(0)) + Decimal(sale["amount"])
    return totals


# %%
from coursekit.dates_checks import check_exercise_2

check_exercise_2(monthly_sales, sales, zones)

# %% [markdown]
# ### Exercise 3: hours worked on the night the clocks change
#
# The stores' time clocks record when a night shift clocks in and out, as naive local times
# (`datetime(2026, 3, 28, 22, 0)` to `datetime(2026, 3, 29, 6, 0)`). Payroll needs the hours
# really worked. Write `hours_worked(start, end, zone)`, returning a `timedelta` (or a number
# of hours). The check uses shifts in Berlin, New York and Sydney (where the clocks change in
# April and October), on the nights of their changes and on ordinary nights.
#
# <details><summary>Hint 1</summary>
#
# On 29 March a shift from 22:00 to 06:00 in Berlin is 7 hours, not 8: the night lost an hour.
#
# </details>
# <details><summary>Hint 2</summary>
#
# Reread the section on gaps and folds: which subtraction gave 23 hours?
#
# </details>

# %%
from datetime import UTC


def hours_worked(start, end, zone):
    """The time really worked between two naive local clock readings in `zone`."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
from datetime import UTC


def hours_worked(start, end, zone):
    """The time really worked between two naive local clock readings in `zone`."""
    return end.replace(tzinfo=zone).astimezone(UTC) - start.replace(tzinfo=zone).astimezone(UTC)


# %%
from coursekit.dates_checks import check_exercise_3

check_exercise_3(hours_worked)

# %% [markdown]
# ## Periods: month ends, business days, weeks and quarters
#
# Businesses count in periods. The last day of a month is the day before the first of the
# next (`calendar.monthrange` also knows it, leap years included). **Business days** skip
# weekends (`weekday()` is 5 and 6 for Saturday and Sunday) and the public holidays you list;
# no library knows your country's and your company's holidays as well as your HR department.

# %%
import calendar

HOLIDAYS_2026 = {date(2026, 4, 3), date(2026, 4, 6)}  # Good Friday and Easter Monday (Germany)


def month_end(day):
    """The last day of the day's month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def business_days(first, last, holidays=HOLIDAYS_2026):
    """The working days from first to last, both included."""
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if day.weekday() < 5 and day not in holidays]


print("Month ends:", [str(month_end(date(2026, month, 10))) for month in (2, 3, 4)])
april = business_days(date(2026, 4, 1), month_end(date(2026, 4, 1)))
print(f"April 2026 has {len(april)} business days; the 5th is {april[4]:%a %d %B}")
print(f"An invoice issued {invoice_date} and due in 10 business days is due "
      f"{business_days(invoice_date + timedelta(days=1), date(2026, 5, 31))[9]}")

# %% [markdown]
# **ISO weeks** (`isocalendar()`) start on Monday, and week 1 is the week with the year's
# first Thursday, so the last days of December can belong to week 1 of the next year, or to
# week 53. Report weeks as year and week **together** (`2026-W53`), never the week alone.
# Calendar **quarters** are months 1-3, 4-6, 7-9 and 10-12. Grouped by the stores' local days:

# %%
for day in (date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 4)):
    iso = day.isocalendar()
    print(f"{day} is {iso.year}-W{iso.week:02d}, day {iso.weekday}")

weekly = defaultdict(Decimal)
for sale in sales:
    iso = local_time(sale).isocalendar()
    weekly[f"{iso.year}-W{iso.week:02d}"] += Decimal(sale["amount"])
print("Sales per ISO week, all stores:",
      ", ".join(f"{week} {total}" for week, total in sorted(weekly.items())))
quarter = (date(2026, 3, 29).month - 1) // 3 + 1
print(f"29 March 2026 is in Q{quarter} 2026")

# %% [markdown]
# > **Common mistake: a week number without its year.** `strftime("%W")` and `%U` count weeks
# > differently from ISO 8601; use `isocalendar()` (or `%G-W%V`) when a report says "week".
#
# ### Exercise 4: a fiscal year that does not start in January
#
# Many companies count a **fiscal year** that starts in another month: April in the United
# Kingdom and Japan, July in Australia, October for the US federal government. Write
# `fiscal_period(day, start_month)`, returning `(fiscal_year, quarter)`:
#
# - a fiscal year starts on the first day of `start_month` and lasts twelve months;
# - it is named for the calendar year in which it **ends** (with April as the start, 1 April
#   2026 to 31 March 2027 is fiscal year 2027);
# - its quarter 1 is its first three months.
#
# With `start_month=1` that is the calendar year and its quarters. The check tries every
# start month.
#
# <details><summary>Hint 1</summary>
#
# Count how many months `day` lies after the fiscal year's start month, from 0 to 11:
# the `%` operator wraps around the year.
#
# </details>
# <details><summary>Hint 2</summary>
#
# The quarter follows from that count as the calendar quarter follows from `month - 1`.
# The fiscal year is the calendar year, or the one after: when?
#
# </details>

# %%
def fiscal_period(day, start_month):
    """(fiscal_year, quarter) of a date, for a fiscal year starting on the 1st of start_month."""
    raise NotImplementedError  # your code here


# %% tags=["solution"]
def fiscal_period(day, start_month):
    """(fiscal_year, quarter) of a date, for a fiscal year starting on the 1st of start_month."""
    months_in = (day.month - start_month) % 12
    fiscal_year = day.year + (1 if start_month > 1 and day.month >= start_month else 0)
    return fiscal_year, months_in // 3 + 1


# %%
from coursekit.dates_checks import check_exercise_4

check_exercise_4(fiscal_period)

# %% [markdown]
# ## Key points
#
# - Read and store times as ISO 8601, aware and in UTC; `strptime` for what people export,
#   with the format (day first or month first) confirmed, not guessed.
# - Never mix naive and aware times: ordering them raises `TypeError`, and `==` is quietly `False`.
# - `zoneinfo.ZoneInfo` needs a time-zone database: the browser has none, so the course installs
#   `tzdata` from its own site; a fixed offset is a fallback that is wrong for half the year.
# - Group by the day **as the store counts it**: convert each UTC time to the store's zone first.
# - Durations are differences of UTC times; a local day can be 23 or 25 hours long.
# - Name periods fully: `2026-W53`, Q1 FY2027, and say when your fiscal year starts.
