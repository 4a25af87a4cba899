"""The table of contents (content/course.toml): lessons in order, their titles, refused entries."""

from pathlib import Path

import pytest

from coursebuild.errors import BuildError
from coursebuild.inputs.toc import (
    README_END,
    README_START,
    markdown_link,
    read_course,
    readme_lessons,
    readme_with_lessons,
)
from coursebuild.paths import CONTENT, README


def course_folder(tmp_path: Path, toc_entries: list[str], lessons: dict[str, str]) -> Path:
    """A content/ folder with the given lesson sources and course.toml listing `toc_entries` in order."""
    content = tmp_path / "content"
    content.mkdir()
    for name, title in lessons.items():
        (content / name).write_text(f"# %% [markdown]\n# # {title}\n# Prose.\n\n# %%\nprint(1)\n")
    entry = '\n[[lessons]]\nsource = "{}"\nsummary = "About {}."\n'
    entries = "".join(entry.format(name, name) for name in toc_entries)
    (content / "course.toml").write_text(f'title = "A course"\ndescription = "Words."\n{entries}')
    return content


def test_lessons_come_in_the_order_listed_with_their_own_titles(tmp_path):
    content = course_folder(tmp_path, ["b.py", "a.py"], {"a.py": "Alpha [draft]", "b.py": "Beta"})
    course = read_course(content)
    assert [(lesson.source.name, lesson.title) for lesson in course.lessons] == [("b.py", "Beta"),
                                                                                 ("a.py", "Alpha [draft]")]
    first, second = course.lessons
    assert course.neighbours(first) == (None, second) and course.neighbours(second) == (first, None)
    assert markdown_link(second) == r"[Alpha \[draft\]](a.ipynb)"


def test_names_are_percent_encoded_in_links(tmp_path):
    lesson = read_course(course_folder(tmp_path, ["q&a 1.py"], {"q&a 1.py": "Q"})).lessons[0]
    assert lesson.notebook == "q&a 1.ipynb"
    assert lesson.url == "notebooks/index.html?path=q%26a%201.ipynb"


@pytest.mark.parametrize("entries, files, problem", [
    (["a.py"], ["a.py", "b.py"], "b.py: is not in course.toml"),
    (["a.py", "gone.py"], ["a.py"], "lists gone.py, which is not in content/"),
    (["a.py", "./a.py"], ["a.py"], "lists a.py more than once"),
    (["../a.py"], ["a.py"], "source = '../a.py' is not a file directly in content/"),
    (["a.txt"], [], "source = 'a.txt' is not a .py lesson source"),
    (["a#1.py"], ["a#1.py"], "JupyterLite cannot open a notebook whose name has #"),
], ids=["unlisted", "missing", "twice", "outside", "not-python", "unopenable"])
def test_a_bad_table_of_contents_is_refused_naming_the_file(tmp_path, entries, files, problem):
    content = course_folder(tmp_path, entries, {name: "T" for name in files})
    with pytest.raises(BuildError) as refused:
        read_course(content)
    assert problem in str(refused.value)


def test_a_lesson_without_a_heading_is_refused(tmp_path):
    content = course_folder(tmp_path, ["a.py"], {"a.py": "T"})
    (content / "a.py").write_text("# %%\nprint(1)\n")
    with pytest.raises(BuildError, match="has no title"):
        read_course(content)


def test_readme_list_is_rewritten_between_its_markers_only(tmp_path):
    course = read_course(course_folder(tmp_path, ["a.py"], {"a.py": "Alpha"}))
    readme = tmp_path / "README.md"
    readme.write_text(f"Intro\n{README_START}\n1. stale\n{README_END}\nOutro\n")
    assert readme_with_lessons(readme, course) == (
        f"Intro\n{README_START}\n1. **Alpha** (`content/a.py`): About a.py.\n{README_END}\nOutro\n")
    readme.write_text("no markers\n")
    with pytest.raises(BuildError, match="needs the markers"):
        readme_with_lessons(readme, course)


def test_committed_readme_lists_the_lessons_of_the_course():
    """No build writes the README (python3 build.py readme does), so this reads what is committed."""
    text = README.read_text(encoding="utf-8")
    listed = text[text.index(README_START) + len(README_START):text.index(README_END)].strip()
    assert listed == readme_lessons(read_course(CONTENT)), "run python3 build.py readme"
