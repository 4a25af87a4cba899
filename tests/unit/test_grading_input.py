"""Grading's reading of learners' input: which lesson a stored copy is, bounds, and text made safe."""

import json

import pytest

from coursebuild.errors import BuildError
from coursebuild.grading.text import spreadsheet_safe, terminal_safe
from coursebuild.grading.work import DEPTH_LIMIT, FORMAT, VERSION, lesson_of, parse_work

LESSONS = ["concurrency_io_bound.ipynb", "apis_webscraping.ipynb"]


@pytest.mark.parametrize("name, lesson", [
    ("concurrency_io_bound.ipynb", "concurrency_io_bound.ipynb"),
    ("concurrency_io_bound (my work 2026-05-01).ipynb", "concurrency_io_bound.ipynb"),
    ("concurrency_io_bound (my work 2026-05-01 2).ipynb", "concurrency_io_bound.ipynb"),
    ("apis_webscraping (before restore 2026-05-01).ipynb", "apis_webscraping.ipynb"),
    ("apis_webscraping (my work 2026-05-01) (before restore 2026-05-02).ipynb", "apis_webscraping.ipynb"),
    ("folder/apis_webscraping.ipynb", "apis_webscraping.ipynb"),
    ("apis_webscraping copy.ipynb", None),
    ("notes.ipynb", None),
])
def test_a_copy_counts_for_its_lesson_whatever_the_course_named_it(name, lesson):
    assert lesson_of(name, LESSONS) == lesson


@pytest.mark.parametrize("data, problem", [
    (b"\xff", "is not a work file: not UTF-8 text (invalid start byte)"),
    (b"[" * (DEPTH_LIMIT + 1) + b"]" * (DEPTH_LIMIT + 1),
     f"is not a work file: nested more than {DEPTH_LIMIT} deep"),
    (b"[]", "is not a work file (saved with the landing page's Download my work)"),
    (json.dumps({"format": FORMAT, "version": VERSION, "course": "C", "files": {}, "progress": {}}).encode(),
     "is damaged: its files are not a list or its progress not an object"),
])
def test_a_bad_work_file_is_one_error_naming_it(data, problem):
    with pytest.raises(BuildError) as raised:
        parse_work("w.json", data, "C", LESSONS)
    assert str(raised.value) == f"w.json: {problem}"


def test_learners_text_cannot_drive_a_terminal_or_a_spreadsheet():
    assert terminal_safe("a\x1b[2Jb\x9bc\td") == "a?[2Jb?c\td"
    assert [spreadsheet_safe(cell) for cell in ["=1+1", "+A1", "-2", "@SUM(A1)", "work.json"]] == [
        "'=1+1", "'+A1", "'-2", "'@SUM(A1)", "work.json"]


class Liar(str):
    """A learner's value that says it equals everything."""

    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def test_what_the_learners_process_sends_arrives_as_plain_data_of_the_checkers_own_types():
    from datetime import UTC, date, datetime, timedelta
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from coursebuild.grading import wire

    sent = {"text": Liar("x"), "amounts": [Decimal("18.50"), 3, 2.5, None, True],
            "when": (date(2026, 3, 29), datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Berlin")),
                     datetime(2026, 1, 1, tzinfo=UTC), timedelta(hours=7, minutes=30))}
    back = wire.decode(wire.loads(wire.dumps({"value": wire.encode(sent)}))["value"])
    assert back == sent and type(back["text"]) is str and back["text"] != "y"
    assert back["when"][1].tzinfo == ZoneInfo("Europe/Berlin") and back["when"][2].tzinfo is UTC


def test_a_database_crosses_as_its_bytes_opened_only_in_the_learners_process(tmp_path):
    import sqlite3

    from coursebuild.grading import wire

    db = sqlite3.connect(":memory:")
    db.executescript("create table orders (id integer, amount integer); insert into orders values (1, 250);")
    handed = wire.encode([db])
    learners = wire.decode(handed, tmp_path, {}, {})[0]  # the learner's process: a database of its own
    assert learners is not db and learners.execute("select * from orders").fetchall() == [(1, 250)]
    learners.row_factory = sqlite3.Row
    rows = wire.decode(wire.encode(learners.execute("select * from orders")))  # a cursor: its rows
    assert rows == [(1, 250)] and type(rows[0]) is tuple
    held = wire.decode(wire.encode(learners))  # the checker: a learner's database is never opened
    assert isinstance(held, wire.Database) and wire.encode(held) == wire.encode(learners)
    assert not wire.is_function(db) and wire.is_function(len)


def test_a_workbook_and_a_file_to_write_come_back_into_the_checks_own_objects(tmp_path):
    import openpyxl

    from coursebuild.grading import wire

    book, target, files, back = openpyxl.Workbook(), tmp_path / "check" / "out.xlsx", {}, {}
    target.parent.mkdir()
    handed = wire.encode([book, target], files, back)
    assert [tag for tag, _ in handed[1]] == ["workbook", "written"] and set(files) == {"workbook-1.xlsx"}
    learner, made = tmp_path / "learner", {}
    learner.mkdir()
    their_book, their_path = wire.decode(handed, learner, files, made)
    their_book.create_sheet("By store").append(["Store", "Revenue"])
    openpyxl.Workbook().save(their_path)
    wire.take_back(back, wire.loads(wire.dumps({"back": wire.handed_back(made)}))["back"])
    assert book.sheetnames == ["Sheet", "By store"] and book["By store"]["A1"].value == "Store"
    assert openpyxl.load_workbook(target).sheetnames == ["Sheet"]
    with pytest.raises(wire.WireError, match="a workbook openpyxl cannot open"):
        wire.take_back(back, {"workbook-1.xlsx": "bm90IGEgemlw"})


def nested_lists(depth: int) -> list:
    value = ["list", []]
    for _ in range(depth):
        value = ["list", [value]]
    return value


@pytest.mark.parametrize("data, problem", [
    (["pickle", "gASVAAAA"], "an unknown value 'pickle'"),
    (["list"], "a damaged value (IndexError)"),
    (nested_lists(40), "a value nested deeper than 32"),
    (["record", "not a name", {}], "an unknown value 'record'"),
    (["int", "9" * 5000], "an unknown value 'int'"),
    (["workbook", "workbook-1.xlsx"], "a 'workbook' value where nothing is handed"),  # none in the checker
    (["written", "out.xlsx"], "a 'written' value where nothing is handed"),
])
def test_data_the_checker_does_not_know_is_refused(data, problem):
    from coursebuild.grading import wire

    with pytest.raises(wire.WireError) as raised:
        wire.decode(data)
    assert str(raised.value) == problem


def test_a_message_too_large_or_too_deep_is_refused_before_it_is_parsed():
    from coursebuild.grading import wire

    for message, problem in [(b"[" * 100 + b"]" * 100, "a message nested deeper than 32"),
                             (b" " * (wire.MESSAGE_LIMIT + 1), "a message larger than 8 MiB"),
                             (b"[1]", "a message that is not an object")]:
        with pytest.raises(wire.WireError, match=problem):
            wire.loads(message)


def test_a_learners_exception_is_the_checkers_own_of_the_nearest_built_in_kind():
    from decimal import InvalidOperation

    from coursebuild.grading import wire

    class PriceError(InvalidOperation):
        pass

    for raised, kind in [(PriceError("no price"), ArithmeticError), (KeyError("sku"), KeyError),
                         (NotImplementedError(), NotImplementedError),
                         (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"), UnicodeError)]:
        error = wire.error_of(wire.error_data(raised))
        assert isinstance(error, kind) and type(error).__name__ == type(raised).__name__
        assert str(error) == str(raised) and type(error) is not type(raised)
