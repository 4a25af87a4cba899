"""Bad input fails the build with one line naming the file, and leaves the previous site as it was."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build import PYODIDE_CONFIG, copy_sources
from coursebuild import pyodide_dist
from tests.conftest import REPO

BAD_YAML_HEADER = """# ---
# jupyter:
#   kernelspec: [unclosed
#     name: python
# ---

# %% [markdown]
# # A lesson with a broken header

# %%
print("never reached")
"""


def run_build(project: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, **env})


def tree_digest(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project_copy(tmp_path, built_site) -> Path:
    """A copy of the project whose download cache is a copy too, with dist/ already built."""
    project = tmp_path / "project"
    project.mkdir()
    copy_sources(project)
    shutil.copytree(REPO / ".cache", project / ".cache")
    first = run_build(project)
    assert first.returncode == 0, first.stdout + first.stderr
    return project


def list_in_toc(project: Path, name: str) -> None:
    with (project / "content" / "course.toml").open("a") as toc:
        toc.write(f'\n[[lessons]]\nsource = "{name}"\nsummary = "A lesson under test."\n')


@pytest.mark.parametrize("name, text, problem", [
    ("broken_header.py", BAD_YAML_HEADER, "jupytext cannot read it"),
    ("not_a_lesson.py", "# # A title\nprint('no cell markers')\n", "has no `# %%` cell marker"),
], ids=["bad-yaml-header", "no-percent-cells"])
def test_broken_lesson_names_the_file_and_keeps_dist(project_copy, name, text, problem):
    before = tree_digest(project_copy / "dist")
    (project_copy / "content" / name).write_text(text)
    list_in_toc(project_copy, name)
    done = run_build(project_copy)
    assert done.returncode == 1
    assert f"content/{name}: {problem}" in done.stdout
    assert tree_digest(project_copy / "dist") == before


def test_unreadable_lesson_names_the_file(project_copy):
    (project_copy / "content" / "latin1.py").write_bytes("# %%\nprint('caf\xe9')\n".encode("latin-1"))
    list_in_toc(project_copy, "latin1.py")
    done = run_build(project_copy)
    assert done.returncode == 1
    assert "content/latin1.py: cannot read it" in done.stdout


def test_lesson_missing_from_the_table_of_contents_is_named(project_copy):
    (project_copy / "content" / "extra.py").write_text("# %% [markdown]\n# # Extra\n")
    done = run_build(project_copy)
    assert done.returncode == 1
    assert "content/extra.py: is not in course.toml" in done.stdout


def test_table_of_contents_naming_a_missing_lesson_is_named(project_copy):
    list_in_toc(project_copy, "ghost.py")
    done = run_build(project_copy)
    assert done.returncode == 1
    assert "content/course.toml: lists ghost.py, which is not in content/" in done.stdout


def test_missing_npm_is_named_when_pyodide_is_not_cached(project_copy):
    shutil.rmtree(project_copy / ".cache")
    python_only = str(Path(sys.executable).parent)
    assert shutil.which("npm", path=python_only) is None
    done = run_build(project_copy, PATH=python_only)
    assert done.returncode == 1
    assert "`npm` is not on PATH" in done.stdout
    assert "pyodide-314.0.6.tgz" in done.stdout


def test_corrupt_cached_wheel_is_replaced_by_a_verified_download(project_copy):
    version = pyodide_dist.read_config(PYODIDE_CONFIG)["version"]
    cached = next((project_copy / ".cache" / f"pyodide-{version}" / "wheels").glob("jedi-*.whl"))
    cached.write_bytes(b"not a wheel")
    done = run_build(project_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "downloaded jedi-" in done.stdout
    shipped = project_copy / "dist" / "static" / "pyodide" / cached.name
    assert shipped.read_bytes() == (REPO / "dist" / "static" / "pyodide" / cached.name).read_bytes()


def test_hash_mismatch_in_requirements_fails_and_keeps_dist(project_copy):
    before = tree_digest(project_copy / "dist")
    requirements = project_copy / "lite_config" / "pyodide-requirements.txt"
    text = requirements.read_text()
    pinned = text.split("parso==0.8.6 \\\n    --hash=sha256:")[1][:64]
    requirements.write_text(text.replace(pinned, "0" * 64))
    done = run_build(project_copy)
    assert done.returncode == 1
    assert "lite_config/pyodide-requirements.txt: pip download failed" in done.stdout
    assert "HASH" in done.stdout.upper()
    assert tree_digest(project_copy / "dist") == before


def test_rebuild_after_editing_one_lesson_converts_only_that_lesson(project_copy):
    source = sorted((project_copy / "content").glob("*.py"))[0]
    source.write_text(source.read_text() + "\n# %%\nprint('an instructor edit')\n")
    done = run_build(project_copy)
    assert done.returncode == 0, done.stdout + done.stderr
    converted = [line for line in done.stdout.splitlines() if "converted" in line]
    assert converted == [f"[build] lessons: converted {source.name} -> {source.stem}.ipynb"]
    assert "downloading" not in done.stdout
    assert "an instructor edit" in (project_copy / "dist" / "files" / f"{source.stem}.ipynb").read_text()


def test_trying_a_pyodide_version_npm_does_not_have_is_named(project_copy):
    done = subprocess.run([sys.executable, "build.py", "--try-pyodide", "0.0.0-no-such-version"], cwd=project_copy,
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "pyodide@0.0.0-no-such-version: npm has no such version" in done.stdout
    assert not (project_copy / "dist-try").exists()
