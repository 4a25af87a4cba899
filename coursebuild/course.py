"""The course's table of contents (content/course.toml) and what is generated from it."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError

TOC_NAME = "course.toml"
README_START, README_END = "<!-- lessons:start -->", "<!-- lessons:end -->"


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
    def url(self) -> str:
        """Where the notebook view opens it, relative to the site's root."""
        return f"notebooks/index.html?path={self.notebook}"


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
    toc = content / TOC_NAME
    try:
        data = tomllib.loads(toc.read_text(encoding="utf-8"))
        entries = [(entry["source"], entry["summary"]) for entry in data["lessons"]]
        title, description = data["title"], data["description"]
    except OSError as error:
        raise BuildError(toc, f"cannot read it ({error.strerror})")
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise BuildError(toc, f"needs title, description and [[lessons]] with source and summary ({error})")
    listed = [name for name, _ in entries]
    for name in listed:
        if listed.count(name) > 1:
            raise BuildError(toc, f"lists {name} twice")
        if not (content / name).is_file():
            raise BuildError(toc, f"lists {name}, which is not in {content.name}/")
    for source in sorted(content.glob("*.py")):
        if source.name not in listed:
            raise BuildError(source, f"is not in {TOC_NAME}; add it to [[lessons]] where it belongs in the order")
    return Course(title, description, [Lesson(content / name, lesson_title(content / name), summary)
                                       for name, summary in entries])


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
        lines.append(f"- Previous: [{before.title}]({before.notebook})")
    if after:
        lines.append(f"- Next: [{after.title}]({after.notebook})")
    if not after:
        lines.append("- This is the last lesson of the course.")
    return "\n".join(lines)


def readme_lessons(course: Course) -> str:
    """The README's numbered lesson list."""
    return "\n".join(f"{n}. **{lesson.title}** (`content/{lesson.source.name}`): {lesson.summary}"
                     for n, lesson in enumerate(course.lessons, 1))


def update_readme(readme: Path, course: Course) -> bool:
    """Rewrite the README's lesson list between its markers; True if it changed."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise BuildError(readme, f"needs the markers {README_START} and {README_END} around the lesson list")
    updated = f"{text[:start]}{README_START}\n{readme_lessons(course)}\n{text[end:]}"
    if updated == text:
        return False
    readme.write_text(updated, encoding="utf-8")
    return True
