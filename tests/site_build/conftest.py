"""Copies of the course, built in temporary folders, for the tests that feed the build bad input or faults."""

import shutil
from pathlib import Path

import pytest

from coursebuild.paths import copy_sources
from tests.conftest import REPO, build_process


def tree_digest(root: Path) -> dict[str, bytes]:
    """Every file under root and its bytes, to show a folder was left exactly as it was."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project_copy(tmp_path, built_site) -> Path:
    """A copy of the project whose download cache is a copy too, with dist/ already built."""
    project = tmp_path / "project"
    project.mkdir()
    copy_sources(project)
    shutil.copytree(REPO / ".cache", project / ".cache")
    first = build_process(project)
    assert first.returncode == 0, first.stdout + first.stderr
    return project


def list_in_toc(project: Path, name: str) -> None:
    """Append a lesson entry to the copy's course.toml."""
    with (project / "content" / "course.toml").open("a") as toc:
        toc.write(f'\n[[lessons]]\nsource = "{name}"\nsummary = "A lesson under test."\n')
