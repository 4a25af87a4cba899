"""Where the course's sources, caches, staging folders and sites live, and the editions built from them."""

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the checkout (or copy) this package sits in
CONTENT = ROOT / "content"
README = ROOT / "README.md"
LITE_CONFIG = ROOT / "lite_config"
PYODIDE_CONFIG = LITE_CONFIG / "pyodide.json"
PYODIDE_REQUIREMENTS = LITE_CONFIG / "pyodide-requirements.txt"
CACHE = ROOT / ".cache"
REPORT_CACHE = CACHE / "reports"  # runtime reports, keyed by a hash of what they depend on
STAGING = ROOT / "build"
LOCK_FILE = STAGING / "build.lock"  # held for a whole build: builds in one checkout take turns
DIST = ROOT / "dist"
INSTRUCTOR_DIST = ROOT / "dist-instructor"
LITE_FILES = ["jupyter_lite_config.json", "jupyter-lite.json", "overrides.json"]
# jupyter_lite_config.json ignores the Python environment's JupyterLab extensions (jupytext's,
# for one) and names those the site ships under this folder of jupyter lite's project.
STAGED_EXTENSIONS = "labextensions"
COURSE_EXTENSIONS = ROOT / "coursebuild" / STAGED_EXTENSIONS  # the course's own, written without a bundler


@dataclass(frozen=True)
class Edition:
    """Where one edition of the site is staged and published."""

    name: str
    with_solutions: bool
    dist: Path
    pyodide: str | None = None  # a Pyodide version to try instead of the pinned one

    @property
    def lite_dir(self) -> Path:  # jupyter lite's own project folder: config, static/pyodide
        return STAGING / self.name / "lite"

    @property
    def content(self) -> Path:  # jupyter_lite_config.json names it as "../content"
        return STAGING / self.name / "content"

    @property
    def pyodide_stamp(self) -> Path:  # what static/pyodide was staged from; kept out of the site
        return STAGING / self.name / "pyodide-staged.json"

    @property
    def measure_failures(self) -> Path:  # screenshots and page text of a failed runtime measurement
        return STAGING / self.name / "measure-failures"

    @property
    def fresh_dist(self) -> Path:  # each build starts empty in its own folder; swapped in on success
        return self.dist.with_name(f"{self.dist.name}.new-{os.getpid()}")


LEARNER = Edition("learner", with_solutions=False, dist=DIST)
INSTRUCTOR = Edition("instructor", with_solutions=True, dist=INSTRUCTOR_DIST)
TRY_DIST = ROOT / "dist-try"  # the learners' site on another Pyodide, for --try-pyodide
