"""Copies of the course built in temporary folders, never in the checkout, and what a build leaves."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coursebuild.errors import BuildError
from coursebuild.paths import LEARNER, Edition
from coursebuild.site import pipeline
from coursebuild.site.pipeline import EXPOSE_APP

from .course import REPO
from .sources import copy_sources


def build_process(repo: Path, *flags: str, **env: str) -> subprocess.CompletedProcess:
    """Run build.py in repo exactly as an instructor does (with extra environment variables); what it did.

    The site it builds exposes window.jupyterapp, through which the browser tests drive lessons.
    """
    return subprocess.run([sys.executable, "build.py", *flags], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, EXPOSE_APP: "1", **env})


def run_build(*flags: str, repo: Path) -> None:
    """Run build.py in repo, failing the test with its output if it fails."""
    done = build_process(repo, *flags)
    if done.returncode != 0:
        pytest.fail(f"python build.py {' '.join(flags)} in {repo} failed:\n{done.stdout}\n{done.stderr}")


def build_error(root: Path, edition: Edition = LEARNER) -> str:
    """The one line a build in root fails with, in-process, its paths relative to root."""
    with pytest.raises(BuildError) as raised:
        pipeline.build(edition, root=root)
    line = str(raised.value).replace(f"{root}{os.sep}", "")
    assert "\n" not in line, line
    return line


def course_copy(folder: Path) -> Path:
    """A copy of the course's sources in folder/repo, sharing this checkout's download and report caches."""
    repo = folder / "repo"
    repo.mkdir()
    copy_sources(repo)
    (REPO / ".cache").mkdir(exist_ok=True)  # a fresh clone has none yet: the copies' downloads fill it
    (repo / ".cache").symlink_to(REPO / ".cache", target_is_directory=True)
    return repo


def copy_built(built: Path, dest: Path) -> Path:
    """A copy of a built course (sources, learners' site, its staging) whose download cache is a copy too,
    so that a test may damage either; as if built in dest, without building again."""
    shutil.copytree(built, dest, symlinks=True,
                    ignore=lambda folder, names: ["dist-instructor", "instructor", ".cache"]
                    if Path(folder) in (built, built / "build") else [])
    shutil.copytree(REPO / ".cache", dest / ".cache")
    return dest


def tree_digest(root: Path) -> dict[str, bytes]:
    """Every file under root and its bytes, to show a folder was left exactly as it was."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def list_in_toc(project: Path, name: str) -> None:
    """Append a lesson entry to the copy's course.toml."""
    with (project / "content" / "course.toml").open("a") as toc:
        toc.write(f'\n[[lessons]]\nsource = "{name}"\nsummary = "A lesson under test."\n')
