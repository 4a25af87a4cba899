"""What a build reads, copied: the tests and the benchmark build copies of the course, never the checkout."""

import shutil
from pathlib import Path

from coursebuild.paths import ROOT, SOURCES


def copy_sources(dest: Path) -> None:
    """Copy what a build reads into dest."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
