"""A dataclass filled from parsed TOML or JSON, each field checked against its type: bad input is one
BuildError line naming the file, the entry and the key."""

import dataclasses
import types
import typing
from pathlib import Path

from ..errors import BuildError

T = typing.TypeVar("T")


def matches(value, kind) -> bool:
    """Whether a parsed value is of a field's type (str, bool, int, float, dict, list[X], X | Y)."""
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
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        return " or ".join(type_name(option) for option in typing.get_args(kind))
    if typing.get_origin(kind) is list:
        return f"a list of {type_name(typing.get_args(kind)[0]).removeprefix('a ')}s"
    return names.get(typing.get_origin(kind) or kind, kind.__name__)


def typed(cls: type[T], data, source: Path, where: str) -> T:
    """An instance of the dataclass cls from a parsed table; `where` names the entry in messages."""
    if not isinstance(data, dict):
        raise BuildError(source, f"{where} must be a table of keys, not {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {field.name: field for field in dataclasses.fields(cls) if field.init}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise BuildError(source, f"{where} has unknown keys {unknown}: use {', '.join(fields)}")
    for name, field in fields.items():
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        if name not in data:
            if required:
                raise BuildError(source, f"{where} lacks {name} ({type_name(hints[name])})")
        elif not matches(data[name], hints[name]):
            raise BuildError(source, f"{where}: {name} must be {type_name(hints[name])}, not {data[name]!r}")
    return cls(**data)
