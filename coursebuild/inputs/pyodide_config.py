"""lite_config/pyodide.json, read and checked: the Pyodide npm pin, the files the lesson page preloads,
and the packages whose sources stay beside their bytecode."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name

from ..errors import BuildError
from .schema import typed


@dataclass(frozen=True)
class NpmPin:
    """The npm package of Pyodide the site ships, pinned by version and integrity, and its files shipped."""

    package: str
    version: str
    integrity: str  # npm's "sha512-..." of the package's tarball
    ship: list[str]  # the core files of the package the site serves


@dataclass(frozen=True)
class Bytecode:
    """How the wheels are compiled to bytecode."""

    # distributions whose sources stay beside their bytecode: those a learner reads, or meets in a traceback
    keep_sources: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PyodideConfig:
    """lite_config/pyodide.json."""

    npm: NpmPin
    preload: list[str] = field(default_factory=list)  # core files the lesson page asks for at once
    bytecode: Bytecode = field(default_factory=Bytecode)


def read_pyodide_config(path: Path) -> PyodideConfig:
    """The file, each key of the right type, each preloaded file shipped, each package named as pip does."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BuildError(path, f"cannot read it ({error.strerror})")
    except ValueError as error:
        raise BuildError(path, f"is not valid JSON ({error})")
    config = typed(PyodideConfig, data, path)
    unshipped = [name for name in config.preload if name not in config.npm.ship]
    if unshipped:
        raise BuildError(path, f'"preload" must list files of npm.ship {config.npm.ship}, '
                               f"not {unshipped!r}")
    misnamed = [name for name in config.bytecode.keep_sources if name != canonicalize_name(name)]
    if misnamed:
        raise BuildError(path, f'bytecode.keep_sources must name packages as pip writes them (lower case, '
                               f"dashes), not {misnamed!r}")
    return config
