"""The course's table of contents (content/course.toml) and what is generated from it."""

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..errors import BuildError

TOC_NAME = "course.toml"
README_START, README_END = "<!-- lessons:start -->", "<!-- lessons:end -->"
# JupyterLite puts a notebook's path into the URLs it fetches unencoded: `#` and `?` cut them short,
# `%` is taken for an escape, so a name with one of these opens as "does not exist".
UNOPENABLE = "#?%"


@dataclass(frozen=True)
class Lesson:
    """One lesson, as the table of contents and its source describe it."""

    source: Path
    title: str
    summary: str

    @property
    def notebook(self) -> str:
        return f"{self.source.stem}.ipynb"

    @property
    def href(self) -> str:
        """The notebook's name percent-encoded, for URLs and Markdown links (`q&a #1` must not end at `&`)."""
        return quote(self.notebook, safe="")

    @property
    def url(self) -> str:
        """Where the notebook view opens it, relative to the site's root."""
        return f"notebooks/index.html?path={self.href}"


@dataclass(frozen=True)
class Course:
    """Title, description and lessons in order."""

    title: str
    description: str
    lessons: list[Lesson]

    def neighbours(self, lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
        """The lessons before and after this one."""
        index = self.lessons.index(lesson)
        before = self.lessons[index - 1] if index > 0 else None
        after = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return before, after


def read_course(content: Path) -> Course:
    """Read content/course.toml and check it against the lesson sources in content/."""
    refuse_links(content)
    toc = content / TOC_NAME
    try:
        data = tomllib.loads(toc.read_text(encoding="utf-8"))
        entries = [(entry["source"], entry["summary"]) for entry in data["lessons"]]
        title, description = data["title"], data["description"]
    except OSError as error:
        raise BuildError(toc, f"cannot read it ({error.strerror})")
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise BuildError(toc, f"needs title, description and [[lessons]] with source and summary ({error})")
    sources = [lesson_source(toc, name) for name, _ in entries]
    for source in sources:
        if sources.count(source) > 1:
            same = " and ".join(repr(name) for (name, _), other in zip(entries, sources) if other == source)
            raise BuildError(toc, f"lists {source.name} more than once (source = {same}, the same file)")
    for source in sorted(content.glob("*.py")):
        if source.resolve() not in sources:
            raise BuildError(source,
                             f"is not in {TOC_NAME}; add it to [[lessons]] where it belongs in the order")
    files = [content / source.name for source in sources]  # named as the instructor knows them
    return Course(title, description, [Lesson(file, lesson_title(file), summary)
                                       for file, (_, summary) in zip(files, entries)])


def refuse_links(content: Path) -> None:
    """A BuildError for the first symbolic link in content/: the build would publish its target, which
    may be any file of the instructor's (a key, another course's solutions)."""
    for folder, folders, files in os.walk(content):
        for name in sorted(folders + files):
            if (Path(folder) / name).is_symlink():
                raise BuildError(Path(folder) / name, "is a symbolic link, and the site would publish "
                                 "what it points to: put the file itself in its place")


def lesson_source(toc: Path, name: str) -> Path:
    """The resolved path of a source course.toml lists: a .py file directly in content/, or a BuildError."""
    content = toc.parent.resolve()
    source = (content / name).resolve()
    if source.parent != content:  # `../x.py`, `/etc/passwd`, `data/x.py`, or a link pointing elsewhere
        raise BuildError(toc, f"source = {name!r} is not a file directly in {toc.parent.name}/")
    if source.suffix != ".py":
        raise BuildError(toc, f"source = {name!r} is not a .py lesson source")
    if any(unicodedata.category(char).startswith("C") for char in source.name):
        raise BuildError(toc, f"source = {name!r}: a control character in a name cannot go into a link; "
                              "rename it")
    if unopenable := sorted(set(source.name) & set(UNOPENABLE)):
        raise BuildError(toc, f"source = {name!r}: JupyterLite cannot open a notebook whose name has "
                              f"{' or '.join(unopenable)} (its own URLs do not encode them); rename it")
    if not source.is_file():
        raise BuildError(toc, f"lists {name}, which is not in {toc.parent.name}/")
    return source


def lesson_title(source: Path) -> str:
    """A lesson's first Markdown heading (`# # Title` in the percent-format source)."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BuildError(source, f"cannot read it ({error})")
    match = re.search(r"^# # (.+)$", text, re.MULTILINE)
    if not match:
        raise BuildError(source, "has no title: start its first Markdown cell with `# # Title`")
    return match.group(1).strip()


def navigation_markdown(course: Course, lesson: Lesson) -> str:
    """The previous/next links a lesson ends with (relative, so they work under any sub-path)."""
    before, after = course.neighbours(lesson)
    number = course.lessons.index(lesson) + 1
    lines = [f"---\n\n**{course.title}**, lesson {number} of {len(course.lessons)}.\n"]
    if before:
        lines.append(f"- Previous: {markdown_link(before)}")
    if after:
        lines.append(f"- Next: {markdown_link(after)}")
    if not after:
        lines.append("- This is the last lesson of the course.")
    return "\n".join(lines)


def markdown_link(lesson: Lesson) -> str:
    """A Markdown link to a lesson: its title with brackets escaped, its encoded name as the target."""
    title = re.sub(r"([\\\[\]])", r"\\\1", lesson.title)
    return f"[{title}]({lesson.href})"


def readme_lessons(course: Course) -> str:
    """The README's numbered lesson list."""
    return "\n".join(f"{n}. **{lesson.title}** (`content/{lesson.source.name}`): {lesson.summary}"
                     for n, lesson in enumerate(course.lessons, 1))


def readme_with_lessons(readme: Path, course: Course) -> str:
    """The README's text with its lesson list (between its markers) generated from the course."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise BuildError(readme, f"needs the markers {README_START} and {README_END} around the lesson list")
    return f"{text[:start]}{README_START}\n{readme_lessons(course)}\n{text[end:]}"
