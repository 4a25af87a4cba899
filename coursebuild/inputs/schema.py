"""A dataclass filled from parsed TOML or JSON, each field checked against its type: bad input is one
BuildError line naming the file, the entry and the key. A field whose type is a dataclass holds a table,
checked the same way."""

import dataclasses
import types
import typing
from pathlib import Path

from ..errors import BuildError

T = typing.TypeVar("T")


def matches(value, kind) -> bool:
    """Whether a parsed value is of a field's type (str, bool, int, float, dict, list[X], X | Y, a dataclass:
its table's own keys are checked when it is filled)."""
    if dataclasses.is_dataclass(kind):
        return isinstance(value, dict)
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return any(matches(value, option) for option in typing.get_args(kind))
    if kind is type(None):
        return value is None
    if typing.get_origin(kind) is list:
        (item,) = typing.get_args(kind)
        return isinstance(value, list) and all(matches(v, item) for v in value)
    if typing.get_origin(kind) is dict:
        return isinstance(value, dict)
    if kind is float:  # TOML and JSON write 1 for 1.0
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def type_name(kind) -> str:
    """A field's type as the error message says it: `a string`, `true or false`, `a list of strings`..."""
    names = {str: "a string", bool: "true or false", int: "a whole number", float: "a number",
             type(None): "absent", dict: "a table"}
    if dataclasses.is_dataclass(kind):
        return "a table"
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return " or ".join(type_name(option) for option in typing.get_args(kind))
    if typing.get_origin(kind) is list:
        return f"a list of {type_name(typing.get_args(kind)[0]).removeprefix('a ')}s"
    return names.get(typing.get_origin(kind) or kind, kind.__name__)


def typed(cls: type[T], data, source: Path, where: str = "") -> T:
    """An instance of the dataclass cls from a parsed table; `where` names the entry in messages (the
    whole file if empty), a nested table is named by its keys from there (`npm`, `claim 2.limits`)."""
    if not isinstance(data, dict):
        raise BuildError(source, f"{where or 'the file'} must be a table of keys, not {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {field.name: field for field in dataclasses.fields(cls) if field.init}
    subject = where or "the file"
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise BuildError(source, f"{subject} has unknown keys {unknown}: use {', '.join(fields)}")
    values = {}
    for name, field in fields.items():
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        if name not in data:
            if required:
                raise BuildError(source, f"{subject} lacks {name} ({type_name(hints[name])})")
        elif not matches(data[name], hints[name]):
            message = f"{name} must be {type_name(hints[name])}, not {data[name]!r}"
            raise BuildError(source, f"{where}: {message}" if where else message)
        elif dataclasses.is_dataclass(hints[name]):
            values[name] = typed(hints[name], data[name], source, f"{where}.{name}" if where else name)
        else:
            values[name] = data[name]
    return cls(**values)
