"""Plain data between the checker and the learner's process: a bounded, tagged JSON, never pickle.

Each side builds only values of types it knows (None, bool, int, float, str, bytes, Decimal, date,
time, datetime, timedelta, ZoneInfo, fixed-offset zones, Path, list, tuple, dict, named tuples and
records of attributes), so what the learner's code returns arrives as the checker's own objects: a
learner's class, its `__eq__` included, never crosses. What a check hands the learner's code to work
on crosses as its bytes (a SQLite database, an openpyxl workbook, a file to write) and what the code
wrote there comes back the same way. Standard library only (openpyxl and sqlite3 only where one of
theirs crosses): the sandbox and the grading page's Pyodide workers import this module on its own.
"""

import base64
import dataclasses
import io
import json
import os
import re
import struct
import sys
import zoneinfo
from collections import namedtuple
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from pathlib import Path, PurePath
from types import SimpleNamespace

MESSAGE_LIMIT = 8 << 20  # bytes of one message: a check's file or a month of sales is a few KB
DEPTH_LIMIT = 32  # nesting of values (and of a message's JSON brackets, twice that)
ITEMS_LIMIT = 200_000  # values in one message
DIGITS_LIMIT = 4300  # an int's digits, as CPython's own str() limit
HEADER = struct.Struct(">I")  # a message on a pipe: its length, then its JSON
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,79}")


class WireError(ValueError):
    """A value that cannot cross, or a message that is not one."""


class Record(SimpleNamespace):
    """An object of the learner's, as its attributes: what a check reads of it with getattr."""


def nesting(text: str) -> int:
    """How deep JSON's brackets go (brackets inside strings counted too: an upper bound)."""
    depth = deepest = 0
    for bracket in re.finditer(r"[\[{]|[\]}]", text):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def zone_data(zone) -> list | None:
    """A tzinfo as data: a ZoneInfo by its key, a fixed offset by its seconds and name; None if neither."""
    if isinstance(zone, zoneinfo.ZoneInfo) and zone.key:
        return ["zone", zone.key]
    if isinstance(zone, timezone):
        return ["offset", zone.utcoffset(None).total_seconds(), zone.tzname(None)]
    return None


def encode(value, folder_files: dict | None = None, back: dict | None = None) -> object:
    """value as tagged JSON data; WireError if anything in it cannot cross. A Path is sent with its
    file's bytes when folder_files (name -> bytes) collects them, else as its text; with back too (name ->
    object), a workbook or a path to write crosses as a file whose bytes come back (take_back)."""
    count = [0]

    def walk(item, depth: int):
        count[0] += 1
        if depth > DEPTH_LIMIT or count[0] > ITEMS_LIMIT:
            raise WireError(f"a value nested deeper than {DEPTH_LIMIT} or larger than {ITEMS_LIMIT} items")
        if item is None or isinstance(item, bool):
            return item
        if isinstance(item, int):
            if len(str(abs(int(item)))) > DIGITS_LIMIT:
                raise WireError(f"an int of more than {DIGITS_LIMIT} digits")
            return ["int", str(int(item))]
        if isinstance(item, float):
            return ["float", repr(float(item))]
        if isinstance(item, str):
            return str(item)
        if isinstance(item, bytes | bytearray):
            return ["bytes", base64.b64encode(bytes(item)).decode("ascii")]
        if isinstance(item, Decimal):
            return ["decimal", str(Decimal(item))]
        if isinstance(item, datetime):
            zone = None if item.tzinfo is None else zone_data(item.tzinfo)
            if item.tzinfo is not None and zone is None:
                zone = ["offset", item.utcoffset().total_seconds(), item.tzname()]
            naive = datetime(*item.timetuple()[:6], item.microsecond, fold=item.fold)
            return ["datetime", naive.isoformat(), zone, item.fold]
        if isinstance(item, date):
            return ["date", date(item.year, item.month, item.day).isoformat()]
        if isinstance(item, time):
            return ["time", time(item.hour, item.minute, item.second, item.microsecond).isoformat()]
        if isinstance(item, timedelta):
            return ["timedelta", item.days, item.seconds, item.microseconds]
        if (zone := zone_data(item)) is not None:
            return zone
        if (rows := sqlite_rows(item)) is not None:
            return walk(rows, depth + 1)
        if (handed := handed_data(item, folder_files, back)) is not None:
            return handed
        if isinstance(item, PurePath):
            path = Path(item)
            if folder_files is None or not path.is_file():
                return ["path", str(item)]
            folder_files[path.name] = path.read_bytes()
            return ["file", path.name]
        if isinstance(item, tuple) and isinstance(getattr(type(item), "_fields", None), tuple):
            fields = [str(name) for name in type(item)._fields]
            return ["named", type(item).__name__, fields, [walk(x, depth + 1) for x in item]]
        if isinstance(item, list | tuple | set | frozenset):
            tag = "list" if isinstance(item, list) else "tuple" if isinstance(item, tuple) else "set"
            return [tag, [walk(x, depth + 1) for x in item]]
        if isinstance(item, dict):
            return ["dict", [[walk(k, depth + 1), walk(v, depth + 1)] for k, v in item.items()]]
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            attributes = {field.name: getattr(item, field.name) for field in dataclasses.fields(item)}
        elif isinstance(getattr(item, "__dict__", None), dict) and not callable(item):
            attributes = {name: x for name, x in vars(item).items() if not name.startswith("_")}
        else:
            raise WireError(f"a {type(item).__name__} cannot be sent as data")
        return ["record", type(item).__name__, {str(k): walk(v, depth + 1) for k, v in attributes.items()}]

    return walk(value, 0)


def zone_of(data: list):
    """A tzinfo from zone_data's form."""
    if data[0] == "zone":
        return zoneinfo.ZoneInfo(str(data[1]))
    plain = timezone(timedelta(seconds=float(data[1])))  # timezone.utc itself for an offset of 0
    return plain if data[2] in (None, plain.tzname(None)) else timezone(plain.utcoffset(None), str(data[2]))


def decode(data, folder: Path | None = None, files: dict | None = None, made: dict | None = None):
    """encode's data back into values of this side's own types; WireError for anything else. A file
    sent with a Path is written into folder (from files: name -> bytes) and its path there given; what is
    handed to work on is rebuilt there (handed_value), and made (name -> it) collects what goes back."""
    def walk(item, depth: int):
        if depth > DEPTH_LIMIT:
            raise WireError(f"a value nested deeper than {DEPTH_LIMIT}")
        if item is None or isinstance(item, bool | str):
            return item
        if not isinstance(item, list) or not item or not isinstance(item[0], str):
            raise WireError("not a tagged value")
        tag, *rest = item
        if tag == "int" and len(rest[0]) <= DIGITS_LIMIT + 1:
            return int(rest[0])
        if tag == "float":
            return float(rest[0])
        if tag == "bytes":
            return base64.b64decode(rest[0], validate=True)
        if tag == "decimal":
            return Decimal(rest[0])
        if tag == "datetime":
            moment = datetime.fromisoformat(rest[0])
            return moment.replace(tzinfo=None if rest[1] is None else zone_of(rest[1]), fold=int(rest[2]) & 1)
        if tag == "date":
            return date.fromisoformat(rest[0])
        if tag == "time":
            return time.fromisoformat(rest[0])
        if tag == "timedelta":
            return timedelta(days=int(rest[0]), seconds=int(rest[1]), microseconds=int(rest[2]))
        if tag in ("zone", "offset"):
            return zone_of(item)
        if tag == "path":
            return Path(rest[0])
        if tag == "file" and folder is not None and rest[0] in (files or {}):
            path = folder / Path(rest[0]).name
            path.write_bytes(files[rest[0]])
            return path
        if tag in HANDED:
            return handed_value(item, folder, files, made)
        if tag in ("list", "tuple", "set"):
            values = [walk(x, depth + 1) for x in rest[0]]
            return values if tag == "list" else tuple(values) if tag == "tuple" else set(values)
        if tag == "dict":
            return {walk(k, depth + 1): walk(v, depth + 1) for k, v in rest[0]}
        if tag == "named" and IDENTIFIER.fullmatch(rest[0]):
            fields = [str(name) for name in rest[1]]
            return namedtuple(rest[0], fields)(*(walk(x, depth + 1) for x in rest[2]))
        if tag == "record" and IDENTIFIER.fullmatch(rest[0]):
            # a class of this side's own named as the learner's (a check may read the kind's name)
            return type(rest[0], (Record,), {})(**{str(k): walk(v, depth + 1) for k, v in rest[1].items()})
        raise WireError(f"an unknown value {tag[:20]!r}")

    try:
        return walk(data, 0)
    except WireError:
        raise
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, ArithmeticError, OverflowError,
            zoneinfo.ZoneInfoNotFoundError, OSError) as error:
        raise WireError(f"a damaged value ({type(error).__name__})") from None


class Database:
    """A SQLite database's bytes, as the checker holds one of the learner's: never opened, sent back as is."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data


def module_if_loaded(name: str):
    """A module this process has imported already, or None: a value of its types can only come from it."""
    return sys.modules.get(name)


def sqlite_rows(item) -> tuple | list | None:
    """A sqlite3 row as a tuple, a cursor as its remaining rows (as a check reads them); None otherwise."""
    sqlite3 = module_if_loaded("sqlite3")
    if sqlite3 is None:
        return None
    if isinstance(item, sqlite3.Row):
        return tuple(item)
    if isinstance(item, sqlite3.Cursor):
        return item.fetchmany(ITEMS_LIMIT)
    return None


def is_function(value) -> bool:
    """Whether a learner's value is called through the checker's proxy, not sent as data: a sqlite3
    connection is callable (it makes statements) yet is data to a check."""
    sqlite3 = module_if_loaded("sqlite3")
    return callable(value) and not (sqlite3 is not None and isinstance(value, sqlite3.Connection))


def handed_data(item, folder_files: dict | None, back: dict | None) -> list | None:
    """What a check hands the learner's code to work on, as data: a SQLite database as its bytes (the
    learner's own too, for a check cell that uses it); with folder_files and back, an openpyxl workbook as
    an xlsx file and a path not yet written as a file to write, both coming back. None for anything else."""
    sqlite3, openpyxl = module_if_loaded("sqlite3"), module_if_loaded("openpyxl")
    if isinstance(item, Database):
        return ["sqlite", base64.b64encode(item.data).decode("ascii")]
    if sqlite3 is not None and isinstance(item, sqlite3.Connection):
        return ["sqlite", base64.b64encode(item.serialize()).decode("ascii")]
    if folder_files is None or back is None:
        return None
    if openpyxl is not None and isinstance(item, openpyxl.Workbook):
        name = f"workbook-{len(back) + 1}.xlsx"
        stream = io.BytesIO()
        item.save(stream)
        folder_files[name], back[name] = stream.getvalue(), item
        return ["workbook", name]
    if isinstance(item, PurePath) and not Path(item).exists() and Path(item).parent.is_dir():
        back[Path(item).name] = Path(item)
        return ["written", Path(item).name]
    return None


HANDED = ("sqlite", "workbook", "written")  # handed_data's tags


def handed_value(item: list, folder: Path | None, files: dict | None, made: dict | None):
    """handed_data's value rebuilt: in the learner's process (given a folder) a database of its own, the
    workbook loaded, the path to write in folder; in the checker a learner's database stays bytes."""
    tag, name = item[0], str(item[1])
    if tag == "sqlite":
        data = base64.b64decode(name, validate=True)
        if folder is None:
            return Database(data)
        import sqlite3

        database = sqlite3.connect(":memory:")
        database.deserialize(data)
        return database
    if folder is None or made is None or tag == "workbook" and name not in (files or {}):
        raise WireError(f"a {tag!r} value where nothing is handed")
    if tag == "workbook":
        import openpyxl

        made[name] = openpyxl.load_workbook(io.BytesIO(files[name]))
        return made[name]
    made[name] = folder / Path(name).name
    return made[name]


def handed_back(made: dict) -> dict:
    """In the learner's process, after the call: each handed workbook's and written file's bytes now
    (name -> base64); WireError past the message limit."""
    sent, size = {}, 0
    for name, thing in made.items():
        if isinstance(thing, Path):
            if not thing.is_file():
                continue
            data = thing.read_bytes()
        else:
            stream = io.BytesIO()
            thing.save(stream)
            data = stream.getvalue()
        size += len(data)
        if size > MESSAGE_LIMIT:
            raise WireError(f"files larger than {MESSAGE_LIMIT >> 20} MiB")
        sent[name] = base64.b64encode(data).decode("ascii")
    return sent


def take_back(back: dict, sent) -> None:
    """In the checker: what the learner's code made of what it was handed, put in place: a written file's
    bytes at the check's own path, a workbook's state into the check's own workbook object."""
    if not isinstance(sent, dict):
        raise WireError("files that are not a mapping")
    for name, original in back.items():
        if name not in sent:
            continue
        try:
            data = base64.b64decode(str(sent[name]), validate=True)
        except ValueError:
            raise WireError("a damaged file") from None
        if isinstance(original, Path):
            original.write_bytes(data)
            continue
        import openpyxl

        try:
            loaded = openpyxl.load_workbook(io.BytesIO(data))
        except Exception as error:  # noqa: BLE001 - a learner's workbook may be damaged in any way
            raise WireError(f"a workbook openpyxl cannot open ({type(error).__name__})") from None
        vars(original).clear()  # the check holds this object: it becomes the learner's workbook
        vars(original).update(vars(loaded))


def dumps(message: dict) -> bytes:
    """A message as bytes; WireError past the size limit."""
    data = json.dumps(message, ensure_ascii=False, allow_nan=False).encode("utf-8")
    if len(data) > MESSAGE_LIMIT:
        raise WireError(f"a message larger than {MESSAGE_LIMIT >> 20} MiB")
    return data


def loads(data: bytes) -> dict:
    """A message read back, checked for size and nesting before it is parsed; WireError if it is none."""
    if len(data) > MESSAGE_LIMIT:
        raise WireError(f"a message larger than {MESSAGE_LIMIT >> 20} MiB")
    try:
        text = data.decode("utf-8")
        if nesting(text) > 2 * DEPTH_LIMIT + 8:
            raise WireError(f"a message nested deeper than {DEPTH_LIMIT}")
        message = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise WireError("a message that is not JSON") from None
    if not isinstance(message, dict):
        raise WireError("a message that is not an object")
    return message


def send(fd: int, message: dict) -> None:
    """Write one message to a pipe: its length, then its bytes."""
    data = dumps(message)
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def receive(fd: int) -> dict:
    """Read one message from a pipe; WireError if it ends early, is too large or is not a message."""
    size = HEADER.unpack(read_exactly(fd, HEADER.size))[0]
    if size > MESSAGE_LIMIT:
        raise WireError(f"a message larger than {MESSAGE_LIMIT >> 20} MiB")
    return loads(read_exactly(fd, size))


def read_exactly(fd: int, size: int) -> bytes:
    """size bytes from a pipe; WireError if it closes first."""
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise WireError("the other side closed the pipe")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def error_data(error: BaseException) -> dict:
    """An exception the learner's code raised, as data: its class's names (its own first), its message."""
    names = [kind.__name__ for kind in type(error).__mro__][:DEPTH_LIMIT]
    return {"types": names, "message": str(error)[:2000]}


def error_of(data: dict) -> Exception:
    """An exception of this side's own, named as the learner's and a kind of its nearest built-in class
    (ValueError, KeyError, ArithmeticError, decimal's, ...), so that a check's except clauses see it as
    they would in the learner's process."""
    import builtins
    import decimal

    names = [str(name) for name in data.get("types", [])] or ["Exception"]
    known = {**vars(decimal), **vars(builtins)}
    base = next((known[name] for name in names if isinstance(known.get(name), type)
                 and issubclass(known[name], Exception)), Exception)
    name = names[0] if IDENTIFIER.fullmatch(names[0]) else base.__name__
    message = str(data.get("message", ""))
    kind = type(name, (base,), {"__init__": Exception.__init__, "__str__": lambda self: message})
    return kind(message)
