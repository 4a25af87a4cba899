"""Reading the pins of lite_config/: pip's hash-checking requirements and the npm pin of Pyodide."""

import tomllib
from importlib.metadata import version

import pytest

from coursebuild.errors import BuildError
from coursebuild.paths import PYODIDE_REQUIREMENTS, ROOT
from coursebuild.site.pyodide_dist import Wheel, read_requirements
from tests.support.course import pinned_pyodide

SHA_A, SHA_B = "a" * 64, "b" * 64


def requirements(tmp_path, text: str):
    path = tmp_path / "pyodide-requirements.txt"
    path.write_text(text)
    return read_requirements(path)


def test_pins_with_continued_lines_and_comments_are_read(tmp_path):
    text = (f"# the kernel's wheels\nIPython==9.0.1 \\\n    --hash=sha256:{SHA_A} \\\n"
            f"    --hash=sha256:{SHA_B}\n\ntyping_extensions==4.12.2 --hash=sha256:{SHA_A}  # ipykernel\n")
    assert requirements(tmp_path, text) == [Wheel("ipython", "9.0.1", frozenset({SHA_A, SHA_B})),
                                            Wheel("typing-extensions", "4.12.2", frozenset({SHA_A}))]


@pytest.mark.parametrize("line, problem", [
    (f"ipython>=9 --hash=sha256:{SHA_A}", "must be pinned with == and carry --hash=sha256:"),
    ("ipython==9.0.1", "must be pinned with == and carry --hash=sha256:"),
    (f"ipython==9.0.1;; --hash=sha256:{SHA_A}", "bad requirement"),
], ids=["unpinned", "no-hash", "bad-name"])
def test_a_pin_without_version_or_hash_is_refused_naming_the_file(tmp_path, line, problem):
    with pytest.raises(BuildError) as refused:
        requirements(tmp_path, line + "\n")
    assert str(refused.value).startswith(str(tmp_path / "pyodide-requirements.txt"))
    assert problem in str(refused.value)


def test_the_committed_pins_are_readable_and_hashed():
    wheels = read_requirements(PYODIDE_REQUIREMENTS)
    assert wheels and all(wheel.hashes for wheel in wheels)
    assert len({wheel.name for wheel in wheels}) == len(wheels)
    assert pinned_pyodide().package == "pyodide"


def test_grade_reruns_the_reports_checks_with_the_openpyxl_learners_get():
    """`grade --rerun`'s sandboxes import the project's openpyxl; the site's wheel is the learners'."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    site = {wheel.name: wheel.version for wheel in read_requirements(PYODIDE_REQUIREMENTS)}
    assert f"openpyxl=={site['openpyxl']}" in project
    assert version("openpyxl") == site["openpyxl"]  # what this machine's re-runs import
