"""Learners' work files read with bounds: their recorded outcomes and, per lesson, their latest copy."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from .wire import nesting

FORMAT, VERSION = "course-work", 1  # as landing.js writes them
SIZE_LIMIT = 32 << 20  # bytes: a course's notebooks with outputs are a few MB
DEPTH_LIMIT = 64  # nesting of JSON: a notebook needs under ten
# the names the course gives a lesson's copies (course.js: "my work"; landing.js: "before restore")
COPY_SUFFIX = r"(?: \((?:my work|before restore) [^()/]*\))*\.ipynb"


@dataclass(frozen=True)
class Copy:
    """One lesson's copy in a work file: its name there, when it was last saved, its code cells."""

    name: str
    modified: str
    code: list[str]


@dataclass(frozen=True)
class Work:
    """One learner's work file: the outcomes recorded in their browser and each lesson's latest copy."""

    name: str  # the file's name, as the learner named it
    recorded: dict  # lesson notebook -> exercise ("1") -> passed (bool), the latest of all its copies
    copies: dict  # lesson notebook -> Copy, the latest saved


def read_work(path: Path, course_title: str, lessons: list[str]) -> Work:
    """Read a work file, raising BuildError naming the file and what is wrong with it."""
    try:
        if path.stat().st_size > SIZE_LIMIT:
            raise BuildError(path.name, f"is larger than {SIZE_LIMIT >> 20} MiB: not a work file")
        data = path.read_bytes()
    except OSError as error:
        raise BuildError(path.name, f"cannot read it ({error.strerror})")
    return parse_work(path.name, data, course_title, lessons)


def parse_work(name: str, data: bytes, course_title: str, lessons: list[str]) -> Work:
    """A work file's contents read, raising BuildError naming the file and what is wrong with it."""
    path = name  # what each error names
    if len(data) > SIZE_LIMIT:
        raise BuildError(path, f"is larger than {SIZE_LIMIT >> 20} MiB: not a work file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BuildError(path, f"is not a work file: not UTF-8 text ({error.reason})")
    if nesting(text) > DEPTH_LIMIT:
        raise BuildError(path, f"is not a work file: nested more than {DEPTH_LIMIT} deep")
    try:
        work = json.loads(text)
    except json.JSONDecodeError as error:
        raise BuildError(path, f"is not a work file: not JSON ({error})")
    if not isinstance(work, dict) or work.get("format") != FORMAT:
        raise BuildError(path, "is not a work file (saved with the landing page's Download my work)")
    if work.get("course") != course_title:
        raise BuildError(path, f"holds work from another course ({str(work.get('course'))[:80]!r}, "
                               f"not {course_title!r})")
    if work.get("version") != VERSION:
        raise BuildError(path, f"is in format version {str(work.get('version'))[:20]!r}; "
                               f"this course reads version {VERSION}")
    progress, files = work.get("progress"), work.get("files")
    if not isinstance(files, list) or not isinstance(progress, dict) or not isinstance(
            progress.get("lessons", {}), dict):
        raise BuildError(path, "is damaged: its files are not a list or its progress not an object")
    try:
        return Work(name, recorded_outcomes(progress.get("lessons", {}), lessons),
                    latest_copies(files, lessons))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise BuildError(path, f"is damaged: {type(error).__name__} {str(error)[:80]}")


def lesson_of(name: str, lessons: list[str]) -> str | None:
    """The lesson a stored notebook is a copy of ("x (my work 2026-05-01).ipynb" is x.ipynb's), or None."""
    base = name.rsplit("/", 1)[-1]
    return next((lesson for lesson in lessons
                 if re.fullmatch(re.escape(lesson.removesuffix(".ipynb")) + COPY_SUFFIX, base)), None)


def latest_copies(files: list, lessons: list[str]) -> dict:
    """Per lesson, the copy saved last (the lesson's own name first among equals)."""
    latest = {}
    for name, record in files:
        lesson = lesson_of(str(name), lessons)
        if lesson is None or not isinstance(record, dict) or record.get("type") != "notebook":
            continue
        code = [cell_source(cell) for cell in record["content"]["cells"] if cell["cell_type"] == "code"]
        copy = Copy(str(name), str(record.get("last_modified") or ""), code)
        kept = latest.get(lesson)
        if kept is None or (copy.modified, copy.name == lesson) > (kept.modified, kept.name == lesson):
            latest[lesson] = copy
    return latest


def cell_source(cell: dict) -> str:
    """A cell's source, stored as one string or as a list of lines."""
    source = cell["source"]
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    if not isinstance(source, str):
        raise TypeError("a cell's source is neither text nor lines")
    return source


def recorded_outcomes(progress: dict, lessons: list[str]) -> dict:
    """Per lesson and exercise, the outcome the browser recorded last, whichever copy it was checked in."""
    latest = {}
    for name, done in progress.items():
        lesson = lesson_of(str(name), lessons)
        for exercise, outcome in done.items() if lesson is not None else ():
            when, passed = str(outcome.get("when", "")), outcome["passed"] is True
            kept = latest.setdefault(lesson, {}).get(str(exercise))
            if kept is None or when >= kept[0]:
                latest[lesson][str(exercise)] = (when, passed)
    return {lesson: {n: passed for n, (_, passed) in done.items()} for lesson, done in latest.items()}
