"""A symbolic link in content/ stops the build with one line naming it: its target is never published."""

import pytest

from coursebuild.errors import BuildError
from coursebuild.inputs.toc import read_course


def course_folder(tmp_path):
    """A content/ folder with one lesson, a.py, and its course.toml."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.py").write_text("# %% [markdown]\n# # Alpha\n\n# %%\nprint(1)\n")
    (content / "course.toml").write_text('title = "A course"\ndescription = "Words."\n\n'
                                         '[[lessons]]\nsource = "a.py"\nsummary = "About a."\n')
    return content


def test_a_course_without_links_is_read(tmp_path):
    assert [lesson.title for lesson in read_course(course_folder(tmp_path)).lessons] == ["Alpha"]


@pytest.mark.parametrize("link", ["data/secret.txt", "data", "linked.py"])
def test_a_link_in_content_is_refused(tmp_path, link):
    content = course_folder(tmp_path)
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "secret.txt").write_text("a key")
    if link.startswith("data/"):
        (content / "data").mkdir()
    target = secret if link == "data" else content / "a.py" if link.endswith(".py") else secret / "secret.txt"
    (content / link).symlink_to(target)
    with pytest.raises(BuildError) as raised:
        read_course(content)
    assert link.split("/")[-1] in str(raised.value) and "symbolic link" in str(raised.value)
    assert "\n" not in str(raised.value)
