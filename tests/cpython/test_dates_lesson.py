"""Lesson 3 (dates and time zones) in CPython: its output, and its checks fed right and wrong answers."""

import csv
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from coursebuild.paths import CONTENT
from tests.support.cases import wrong_answers
from tests.support.check_lines import assert_check_lines
from tests.support.lesson_fixtures import lesson_fixtures
from tests.support.lesson_text import PASS

LESSON = "dates_time_zones"
TILL = "%d.%m.%Y %H:%M"


text, checks, lesson = lesson_fixtures(LESSON, "dates_checks")


def test_time_zones_come_from_the_system_and_the_fallback_shows_its_error(text):
    assert "ZoneInfo('Europe/Berlin') works as this Python ships: found in the system database" in text
    assert "Installed: tzdata " in text
    assert "With the database:   2026-03-31 00:30 CEST" in text
    assert "With a fixed offset: 2026-03-30 23:30 UTC+1 (fixed)  <- wrong day" in text
    assert "Your local time: " in text


def test_gaps_folds_and_local_days(text):
    assert "which Berlin's clocks show as 03:30" in text
    assert "02:30 CEST is 00:30 UTC, 02:30 CET is 01:30 UTC" in text
    assert "29 March in Berlin, really:        23:00:00" in text
    assert "Sales whose local day is not their UTC day: {'BER-01': 4, 'LON-01': 2, 'NYC-01': 28}" in text
    assert "2026-12-31 is 2026-W53, day 4" in text and "2027-01-01 is 2026-W53, day 5" in text
    assert "April 2026 has 20 business days" in text


def test_learner_and_instructor_checks(executed_lesson):
    assert_check_lines(executed_lesson, LESSON, not_yet={1: 1, 2: 1, 3: 1, 4: 1})


@pytest.fixture
def answers(solutions):
    return solutions(LESSON)


def lesson_sales() -> list[dict]:
    with (CONTENT / "data" / "sales.csv").open(newline="") as stream:
        return list(csv.DictReader(stream))


ZONES = {"BER-01": ZoneInfo("Europe/Berlin"), "LON-01": ZoneInfo("Europe/London"),
         "NYC-01": ZoneInfo("America/New_York")}


def test_solutions_pass(checks, answers, capsys, mode):
    assert checks.check_to_utc(answers["to_utc"])
    assert checks.check_monthly_sales(answers["monthly_sales"], lesson_sales(), ZONES)
    assert checks.check_hours_worked(answers["hours_worked"])
    assert checks.check_fiscal_period(answers["fiscal_period"])
    assert capsys.readouterr().out.count(PASS) == 4


def winter_offset(zone):
    return timezone(zone.utcoffset(datetime(2026, 1, 15)))


@wrong_answers({
    "string": (lambda text, zone: text, "return a datetime"),
    "naive": (lambda text, zone: datetime.strptime(text, TILL), "naive datetime"),
    "local-labelled-utc": (lambda text, zone: datetime.strptime(text, TILL).replace(tzinfo=UTC),
                           "the local wall time labelled as UTC"),
    "not-converted": (lambda text, zone: datetime.strptime(text, TILL).replace(tzinfo=zone),
                      "convert it so that it reads in UTC"),
    "fixed-offset": (lambda text, zone: datetime.strptime(text, TILL).replace(tzinfo=winter_offset(zone))
                     .astimezone(UTC), "a fixed offset ignores daylight saving"),
    "month-first": (lambda text, zone: datetime.strptime(text, "%m.%d.%Y %H:%M").replace(tzinfo=zone)
                    .astimezone(UTC), "raised ValueError"),
})
def test_to_utc_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_to_utc(wrong)
    assert message in capsys.readouterr().out


def to_utc_variant(text, zone):
    """Another correct answer: ZoneInfo('UTC') instead of datetime.UTC, parsing by hand."""
    day, clock = text.split()
    d, m, y = map(int, day.split("."))
    hour, minute = map(int, clock.split(":"))
    return datetime(y, m, d, hour, minute, tzinfo=zone).astimezone(ZoneInfo("UTC"))


def test_to_utc_check_passes_another_correct_answer(checks, mode):
    assert checks.check_to_utc(to_utc_variant)


def by_utc_month(sales, zones, year, month):
    totals = {}
    for sale in sales:
        if sale["sold_at_utc"].startswith(f"{year}-{month:02d}"):
            totals[sale["store_id"]] = totals.get(sale["store_id"], Decimal(0)) + Decimal(sale["amount"])
    return totals


def by_local_month(money):
    def monthly(sales, zones, year, month):
        totals = {}
        for sale in sales:
            local = datetime.fromisoformat(sale["sold_at_utc"]).astimezone(zones[sale["store_id"]])
            if (local.year, local.month) == (year, month):
                totals[sale["store_id"]] = totals.get(sale["store_id"], 0) + money(sale["amount"])
        return totals
    return monthly


def naive_bounds(sales, zones, year, month):
    start = datetime(year, month, 1)
    return {s["store_id"]: Decimal(s["amount"]) for s in sales
            if datetime.fromisoformat(s["sold_at_utc"]) >= start}


@wrong_answers({
    "utc-months": (by_utc_month, "these are the months of UTC"),
    "floats": (by_local_month(float), "add money as Decimal"),
    "naive-vs-aware": (naive_bounds, "raised TypeError: can't compare offset-naive and offset-aware"),
    "list": (lambda sales, zones, year, month: [], "return a dict"),
})
def test_monthly_sales_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_monthly_sales(wrong, lesson_sales(), ZONES)
    assert message in capsys.readouterr().out


def test_monthly_sales_check_passes_integer_cents_summed_another_way(checks, mode):
    def via_utc_bounds(sales, zones, year, month):
        totals = {store: Decimal(0) for store in zones}  # a store with no sales shows 0
        for store, zone in zones.items():
            start = datetime(year, month, 1, tzinfo=zone)
            end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
            for sale in sales:
                when = datetime.fromisoformat(sale["sold_at_utc"])
                if sale["store_id"] == store and start <= when < end:
                    totals[store] += Decimal(sale["amount"])
        return totals
    assert checks.check_monthly_sales(via_utc_bounds, lesson_sales(), ZONES)


@wrong_answers({
    "wall-clock": (lambda start, end, zone: end - start, "what the clock on the wall shows"),
    "same-zone-aware": (lambda start, end, zone: end.replace(tzinfo=zone) - start.replace(tzinfo=zone),
                        "compares wall clocks, even with a tzinfo"),
    "text": (lambda start, end, zone: "8 hours", "return a timedelta"),
})
def test_hours_worked_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_hours_worked(wrong)
    assert message in capsys.readouterr().out


def test_hours_worked_check_passes_a_number_of_hours(checks, mode):
    def hours(start, end, zone):
        seconds = end.replace(tzinfo=zone).timestamp() - start.replace(tzinfo=zone).timestamp()
        return Decimal(seconds) / 3600
    assert checks.check_hours_worked(hours)


def calendar_quarter(day, start_month):
    year = day.year + (start_month > 1 and day.month >= start_month)
    return year, (day.month - 1) // 3 + 1


def named_for_start(day, start_month):
    months_in = (day.month - start_month) % 12
    return day.year - (day.month < start_month), months_in // 3 + 1


@wrong_answers({
    "calendar-quarter": (calendar_quarter, "that is the calendar quarter"),
    "named-for-its-start": (named_for_start, "name each fiscal year for the calendar year in which it ends"),
    "dict": (lambda day, start_month: {"year": day.year}, "return a pair"),
})
def test_fiscal_period_check_names_the_mistake(checks, capsys, wrong, message, mode):
    assert not checks.check_fiscal_period(wrong)
    assert message in capsys.readouterr().out


def test_fiscal_period_check_passes_a_list_from_another_method(checks, mode):
    def by_stepping(day, start_month):
        first = day.replace(day=1)
        while first.month != start_month:
            first = (first - timedelta(days=1)).replace(day=1)
        months_in = (day.year - first.year) * 12 + day.month - first.month
        return [first.year + (start_month > 1), months_in // 3 + 1]
    assert checks.check_fiscal_period(by_stepping)


def test_checks_ask_for_the_database_instead_of_crashing(checks, capsys, monkeypatch, answers):
    def no_database(key):
        raise checks.zoneinfo.ZoneInfoNotFoundError(key)
    monkeypatch.setattr(checks.zoneinfo, "ZoneInfo", no_database)
    assert not checks.check_to_utc(answers["to_utc"])
    assert "run the lesson's cell that installs tzdata" in capsys.readouterr().out
