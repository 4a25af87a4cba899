"""Fixtures every test tier shares: the repository and the site built from it."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # build.py and coursebuild/ are importable from any test

import build  # noqa: E402


@pytest.fixture(scope="session")
def built_site() -> Path:
    """dist/, built once per session by `python build.py` exactly as an instructor runs it."""
    done = subprocess.run([sys.executable, "build.py"], cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"python build.py failed:\n{done.stdout}\n{done.stderr}")
    return build.DIST


@pytest.fixture(scope="session")
def lesson_notebooks(built_site) -> list[Path]:
    """The notebooks the site serves, one per lesson source."""
    return [built_site / "files" / f"{source.stem}.ipynb" for source in lesson_sources()]


def lesson_sources() -> list[Path]:
    """The lesson sources, for parametrizing one test per lesson."""
    return build.lessons.lesson_sources(build.CONTENT)
