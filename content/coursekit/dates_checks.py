"""Checks for the dates and time zones lesson's exercises, on times the learner has not seen.

Each check builds its own test data from instants it picks, so the expected answer is known by
construction (no answer key to read); `check_exercise_*` are what the lesson calls.
"""

import random
import zoneinfo
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from .feedback import call_safely, not_yet, passed

TILL_FORMAT = "%d.%m.%Y %H:%M"  # how the lesson's till writes its local times
# Zones the lesson did not use: both hemispheres, a half-hour offset, and one without daylight saving.
UNSEEN_ZONES = ("America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata", "Europe/Helsinki")
# (zone, local date of a daylight-saving change in 2026) for night shifts that span one
CHANGE_NIGHTS = (("Europe/Berlin", date(2026, 3, 29)), ("Europe/Berlin", date(2026, 10, 25)),
                 ("America/New_York", date(2026, 3, 8)), ("America/New_York", date(2026, 11, 1)),
                 ("Australia/Sydney", date(2026, 4, 5)), ("Australia/Sydney", date(2026, 10, 4)))


def zones_or_feedback(keys):
    """{key: ZoneInfo}, or None after asking the learner to run the lesson's time-zone cells first."""
    try:
        return {key: zoneinfo.ZoneInfo(key) for key in keys}
    except zoneinfo.ZoneInfoNotFoundError:
        not_yet("this Python has no time-zone database yet: run the lesson's cell that installs tzdata "
                "(section 'Time zones in the browser'), then this check again.")
        return None


def describe_instant(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M %Z}"


# Exercise 1: a till's local text to an aware time in UTC


def to_utc_mistake(result, text: str, zone, expected: datetime) -> str | None:
    """What is wrong with to_utc(text, zone), or None."""
    if not isinstance(result, datetime):
        return f"to_utc({text!r}, …) returned a {type(result).__name__}; return a datetime."
    if result.tzinfo is None or result.utcoffset() is None:
        return (f"to_utc({text!r}, …) returned a naive datetime ({result}); naive times cannot be compared "
                "with the aware ones the sales carry. Attach the till's zone, then convert to UTC.")
    if result == expected and result.utcoffset() != timedelta(0):
        return (f"{result} is the right moment, but shown in its local zone; "
                "convert it so that it reads in UTC (offset +00:00).")
    if result.replace(tzinfo=None) == expected.astimezone(zone).replace(tzinfo=None):
        return (f"to_utc({text!r}, …) gave {result}: the local wall time labelled as UTC. "
                "The till's time is local: attach its zone first, then convert.")
    swapped = expected.astimezone(zone)
    if swapped.day <= 12 and result.month == swapped.day and result.day != swapped.day:
        return f"day and month are swapped for {text!r}: the till writes day.month.year."
    if result.minute != expected.minute and result.month == expected.minute % 12:
        return "the minutes look wrong: in strptime %M is minutes and %m is the month."
    if abs(result - expected) == timedelta(hours=1):
        return (f"to_utc({text!r}, …) is one hour off ({result} instead of {expected}): a fixed offset "
                "ignores daylight saving. Use the ZoneInfo you are given.")
    if result != expected:
        return f"to_utc({text!r}, …) should be {expected}, not {result}."
    return None


def till_cases(rng: random.Random, zones: dict) -> list:
    """(text, zone, expected UTC instant) for local times in several zones, both sides of a change."""
    cases = []
    for key, day in CHANGE_NIGHTS:
        for hour in (rng.randint(8, 11), rng.randint(13, 20)):
            for shift in (-7, 7):  # a week before and after the change
                local = datetime.combine(day + timedelta(days=shift), datetime.min.time(), zones[key])
                local = local.replace(hour=hour, minute=rng.randint(13, 59))
                cases.append((local.strftime(TILL_FORMAT), zones[key], local.astimezone(UTC)))
    return cases


def check_to_utc(to_utc) -> bool:
    """Exercise 1: parse a till's local 'day.month.year hour:minute' text into an aware UTC datetime."""
    zones = zones_or_feedback({key for key, _ in CHANGE_NIGHTS})
    if zones is None:
        return False
    cases = till_cases(random.Random(1), zones)
    for text, zone, expected in cases:
        result, failed = call_safely(f"to_utc({text!r}, ZoneInfo({zone.key!r}))", to_utc, text, zone)
        if failed is not None:
            return failed
        mistake = to_utc_mistake(result, text, zone, expected)
        if mistake:
            return not_yet(mistake)
    return passed(f"{len(cases)} till times in three zones, before and after their clocks changed, "
                  "all turned into the right moment in UTC.")


# Exercise 2: a month's sales per store, by each store's local day


def make_sales(rng: random.Random, zones: dict, year: int, month: int) -> tuple[list, dict]:
    """Sales near every local midnight around the month, and what each store's local month adds up to."""
    sales, totals = [], {store: Decimal("0.00") for store in zones}
    first = date(year, month, 1)
    after = date(year + month // 12, month % 12 + 1, 1)
    days = (first - timedelta(days=1), first, first + timedelta(days=12), after - timedelta(days=1), after)
    for store, zone in zones.items():
        for day in days:
            for hour, minute in ((0, rng.randint(5, 55)), (rng.randint(10, 18), 0), (23, rng.randint(5, 55))):
                local = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
                amount = Decimal(rng.randint(199, 25000)) / 100
                sales.append({"sale_id": f"T{len(sales) + 1:03d}", "store_id": store,
                              "sold_at_utc": local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                              "amount": f"{amount:.2f}"})
                if (day.year, day.month) == (year, month):
                    totals[store] += amount
    rng.shuffle(sales)
    return sales, totals


def totals_by_utc_month(sales, year: int, month: int) -> dict:
    """The tempting wrong answer: months cut at midnight UTC."""
    totals = {}
    for sale in sales:
        if sale["sold_at_utc"].startswith(f"{year:04d}-{month:02d}-"):
            totals[sale["store_id"]] = totals.get(sale["store_id"], 0) + Decimal(sale["amount"])
    return totals


def monthly_mistake(result, expected: dict, by_utc: dict, what: str) -> str | None:
    """What is wrong with one monthly_sales result, or None."""
    if not isinstance(result, dict):
        return f"return a dict {{store_id: total}}, not a {type(result).__name__}."
    if set(result) - set(expected) or any(expected[s] and s not in result for s in expected):
        return f"{what}: the stores should be {sorted(expected)}, not {sorted(result)}."
    for store in expected:
        got = result.get(store, 0)
        if isinstance(got, float):
            return (f"{what}: {store}'s total is the float {got!r}; add money as Decimal "
                    "(Decimal(sale['amount'])), which keeps every cent exact.")
        if isinstance(got, bool) or not isinstance(got, (int, Decimal)):
            return f"{what}: {store}'s total should be a Decimal, not {got!r}."
    if all(result.get(s, 0) == by_utc.get(s, 0) for s in expected) and by_utc != expected:
        return (f"{what}: these are the months of UTC, cut at midnight UTC. A sale at 23:30 in New York "
                "is already the next day in UTC: convert each sale to its store's zone before "
                "taking its date.")
    for store, total in expected.items():
        if result.get(store, 0) != total:
            return f"{what}: {store} should total {total}, not {result.get(store, 0)}."
    return None


def check_monthly_sales(monthly_sales, sales, zones) -> bool:
    """Exercise 2: March 2026 by local day on the lesson's sales, then on sales in zones it has not seen."""
    unseen = zones_or_feedback(UNSEEN_ZONES)
    if unseen is None:
        return False
    expected = {store: sum((Decimal(s["amount"]) for s in sales if s["store_id"] == store
                            and in_local_month(s["sold_at_utc"], zone, 2026, 3)), Decimal("0.00"))
                for store, zone in zones.items()}
    rng = random.Random(2)
    runs = [("the lesson's sales, March 2026", sales, zones, 2026, 3, expected)]
    new_stores = {f"S-{key.split('/')[1][:3].upper()}": zone for key, zone in unseen.items()}
    for year, month in ((2026, 10), (2026, 12)):
        made, totals = make_sales(rng, new_stores, year, month)
        runs.append((f"new sales in {', '.join(UNSEEN_ZONES)}, {year}-{month:02d}", made, new_stores,
                     year, month, totals))
    for what, these_sales, these_zones, year, month, totals in runs:
        result, failed = call_safely("monthly_sales(...)", monthly_sales,
                                     these_sales, these_zones, year, month)
        if failed is not None:
            return failed
        mistake = monthly_mistake(result, totals, totals_by_utc_month(these_sales, year, month), what)
        if mistake:
            return not_yet(mistake)
    best = max(expected, key=expected.get)
    return passed(f"March 2026 by each store's local day ({best} leads with {expected[best]}), "
                  "and the months of four zones your code had never seen.")


def in_local_month(stamp: str, zone, year: int, month: int) -> bool:
    """Whether a UTC stamp falls in the month as the zone's clocks count it (bounds turned into UTC)."""
    start = datetime(year, month, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone).astimezone(UTC)
    return start <= datetime.fromisoformat(stamp.replace("Z", "+00:00")) < end


# Exercise 3: hours worked across a daylight-saving change


def as_hours(result) -> float | None:
    """A timedelta or a number of hours, as hours; None for anything else."""
    if isinstance(result, timedelta):
        return result.total_seconds() / 3600
    if isinstance(result, (int, float, Decimal)) and not isinstance(result, bool):
        return float(result)
    return None


def shifts(rng: random.Random, zones: dict) -> list:
    """(clock-in, clock-out as naive local times, zone, true hours) for night shifts, over each change."""
    made = []
    for key, day in CHANGE_NIGHTS:
        zone = zones[key]
        start = datetime(day.year, day.month, day.day, 0, 0, tzinfo=zone) - timedelta(hours=rng.randint(2, 4))
        length = timedelta(hours=rng.randint(7, 9), minutes=rng.choice((0, 30)))
        end = (start.astimezone(UTC) + length).astimezone(zone)
        hours = length.total_seconds() / 3600
        made.append((start.replace(tzinfo=None), end.replace(tzinfo=None), zone, hours))
        ordinary = start.replace(tzinfo=None) + timedelta(days=14)
        made.append((ordinary, ordinary + length, zone, hours))
    return made


def check_hours_worked(hours_worked) -> bool:
    """Exercise 3: time between two local clock readings, right on the nights the clocks change."""
    zones = zones_or_feedback({key for key, _ in CHANGE_NIGHTS})
    if zones is None:
        return False
    for start, end, zone, hours in shifts(random.Random(3), zones):
        call = f"hours_worked({start:%Y-%m-%d %H:%M}, {end:%Y-%m-%d %H:%M}, ZoneInfo({zone.key!r}))"
        result, failed = call_safely(call, hours_worked, start, end, zone)
        if failed is not None:
            return failed
        got = as_hours(result)
        if got is None:
            return not_yet(f"{call} returned {result!r}; return a timedelta (or a number of hours).")
        wall = (end - start).total_seconds() / 3600
        if abs(got - hours) > 1e-9 and abs(got - wall) < 1e-9:
            return not_yet(f"{call} gave {got:g} hours, what the clock on the wall shows; that night the "
                           f"clocks changed, and the shift really lasted {hours:g} hours. Subtracting two "
                           "times of the same zone compares wall clocks, even with a tzinfo: "
                           "convert to UTC first.")
        if abs(got - hours) > 1e-9:
            return not_yet(f"{call} should be {hours:g} hours, not {got:g}.")
    return passed("every night shift is right, also the six on which the clocks changed, "
                  "in Berlin, New York and Sydney.")


# Exercise 4: fiscal years that start in any month


def fiscal_cases(rng: random.Random) -> list:
    """(day, start month, (fiscal year, quarter)) built from the fiscal period, never from the day."""
    cases = []
    for start_month in range(1, 13):
        for fiscal_year in (2026, 2027):
            first_year = fiscal_year - (start_month > 1)  # a fiscal year is named for the year it ends in
            for quarter in (1, 2, 3, 4):
                for month_in_quarter in (0, 2):
                    offset = start_month - 1 + 3 * (quarter - 1) + month_in_quarter
                    year, month = first_year + offset // 12, offset % 12 + 1
                    day = rng.choice((1, 28)) if month_in_quarter == 0 else 28
                    cases.append((date(year, month, day), start_month, (fiscal_year, quarter)))
    rng.shuffle(cases)
    return cases


def fiscal_mistake(result, day: date, start_month: int, expected: tuple) -> str | None:
    """What is wrong with fiscal_period(day, start_month), or None."""
    call = f"fiscal_period({day!r}, {start_month})"
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return f"{call} returned {result!r}; return a pair (fiscal_year, quarter)."
    if tuple(result) == expected:
        return None
    year, quarter = result
    if quarter == (day.month - 1) // 3 + 1 and quarter != expected[1]:
        return (f"{call} gave quarter {quarter}: that is the calendar quarter. "
                f"Count quarters from the fiscal year's first month ({start_month}).")
    if year == expected[0] - 1:
        return (f"{call} gave fiscal year {year}: name each fiscal year for the calendar year in which it "
                f"ends, so {day} is in FY{expected[0]}.")
    return f"{call} should be {expected}, not {tuple(result)}."


def check_fiscal_period(fiscal_period) -> bool:
    """Exercise 4: the fiscal year and quarter of a day, for a year starting in any month."""
    cases = fiscal_cases(random.Random(4))
    for day, start_month, expected in cases:
        call = f"fiscal_period({day!r}, {start_month})"
        result, failed = call_safely(call, fiscal_period, day, start_month)
        if failed is not None:
            return failed
        mistake = fiscal_mistake(result, day, start_month, expected)
        if mistake:
            return not_yet(mistake)
    return passed(f"{len(cases)} days, for fiscal years starting in each of the twelve months.")


def check_exercise_1(to_utc) -> None:
    """Exercise 1: a till's local time to UTC."""
    check_to_utc(to_utc)


def check_exercise_2(monthly_sales, sales, zones) -> None:
    """Exercise 2: a month's sales per store, by local day."""
    check_monthly_sales(monthly_sales, sales, zones)


def check_exercise_3(hours_worked) -> None:
    """Exercise 3: hours worked across a daylight-saving change."""
    check_hours_worked(hours_worked)


def check_exercise_4(fiscal_period) -> None:
    """Exercise 4: fiscal periods."""
    check_fiscal_period(fiscal_period)
