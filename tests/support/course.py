"""The course under test: this checkout and its lessons in course order."""

from pathlib import Path

from coursebuild import paths
from coursebuild.inputs.pyodide_config import NpmPin, read_pyodide_config
from coursebuild.inputs.toc import read_course

REPO = paths.ROOT  # the checkout whose coursebuild/ every test imports


def lesson_sources() -> list[Path]:
    """The lesson sources in course order, for parametrizing one test per lesson."""
    return [lesson.source for lesson in read_course(paths.CONTENT).lessons]


def lesson_stems() -> list[str]:
    """Each lesson's name without .py, in course order: the id of its tests."""
    return [source.stem for source in lesson_sources()]


def pinned_pyodide() -> NpmPin:
    """The Pyodide npm package this checkout pins (lite_config/pyodide.json)."""
    return read_pyodide_config(paths.PYODIDE_CONFIG).npm
