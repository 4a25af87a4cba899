"""Fixtures every test tier shares: the repository and the site built from it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this checkout's coursebuild/ is the one every test imports

from coursebuild import paths  # noqa: E402
from coursebuild.pipeline import EXPOSE_APP  # noqa: E402
from coursebuild.toc import read_course  # noqa: E402


def build_process(repo: Path, *flags: str, **env: str) -> subprocess.CompletedProcess:
    """Run build.py in repo exactly as an instructor does (with extra environment variables); what it did.

    The site it builds exposes window.jupyterapp, through which the browser tests drive lessons.
    """
    return subprocess.run([sys.executable, "build.py", *flags], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, EXPOSE_APP: "1", **env})


def run_build(*flags: str, repo: Path = REPO) -> None:
    """Run build.py, failing the test with its output if it fails."""
    done = build_process(repo, *flags)
    if done.returncode != 0:
        pytest.fail(f"python build.py {' '.join(flags)} failed:\n{done.stdout}\n{done.stderr}")


@pytest.fixture(scope="session")
def built_site() -> Path:
    """dist/, the learners' site, built once per session."""
    run_build()
    return paths.DIST


@pytest.fixture(scope="session")
def built_instructor_site() -> Path:
    """dist-instructor/, the site with the exercises' solutions, built once per session."""
    run_build("--instructor")
    return paths.INSTRUCTOR_DIST


@pytest.fixture(scope="session")
def lesson_notebooks(built_site) -> list[Path]:
    """The notebooks the site serves, one per lesson source."""
    return [built_site / "files" / f"{source.stem}.ipynb" for source in lesson_sources()]


def course_copy(folder: Path) -> Path:
    """A copy of the course's sources in folder/repo, sharing this checkout's download and report caches."""
    repo = folder / "repo"
    repo.mkdir()
    paths.copy_sources(repo)
    (repo / ".cache").symlink_to(REPO / ".cache", target_is_directory=True)
    return repo


def lesson_sources() -> list[Path]:
    """The lesson sources in course order, for parametrizing one test per lesson."""
    return [lesson.source for lesson in read_course(paths.CONTENT).lessons]
