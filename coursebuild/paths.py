"""Where a course's sources, caches, staging folders and sites live, and the editions built from them."""

import os
from dataclasses import dataclass, replace
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]  # where coursebuild/ itself sits (its code, not a course)
ROOT = PACKAGE_ROOT  # the course this checkout holds: every path below, unless a build names another root
LITE_FILES = ["jupyter_lite_config.json", "jupyter-lite.json", "overrides.json"]
# jupyter_lite_config.json ignores the Python environment's JupyterLab extensions (jupytext's,
# for one) and names those the site ships under this folder of jupyter lite's project.
STAGED_EXTENSIONS = "labextensions"
# the course's own extensions, written without a bundler
COURSE_EXTENSIONS = PACKAGE_ROOT / "coursebuild" / "assets" / STAGED_EXTENSIONS
REPORT_FILE = "runtime-report.json"  # the committed runtime report, reviewed like a lock file
# everything a build reads except its download cache (.cache): a copy of these builds the same site
SOURCES = ["build.py", "README.md", REPORT_FILE, "coursebuild", "content", "lite_config"]
WATCHED = ["content", "lite_config"]  # the sources `serve --watch` rebuilds on


@dataclass(frozen=True)
class Project:
    """A course's folder: its sources, its download cache, its staging folder and its sites."""

    root: Path

    content = property(lambda self: self.root / "content")
    readme = property(lambda self: self.root / "README.md")
    lite_config = property(lambda self: self.root / "lite_config")
    pyodide_config = property(lambda self: self.lite_config / "pyodide.json")
    pyodide_requirements = property(lambda self: self.lite_config / "pyodide-requirements.txt")
    runtime_report = property(lambda self: self.root / REPORT_FILE)
    cache = property(lambda self: self.root / ".cache")  # downloads (verified on every build)
    staging = property(lambda self: self.root / "build")
    lock_file = property(lambda self: self.staging / "build.lock")  # held for a whole build: builds queue
    measure_lock = property(lambda self: self.staging / "measure.lock")  # held for a whole `measure`


@dataclass(frozen=True)
class Edition:
    """Where one edition of a course's site is staged and published."""

    name: str
    with_solutions: bool
    dist_name: str  # the site's folder, relative to the course's root
    pyodide: str | None = None  # a Pyodide version to try instead of the pinned one
    root: Path = ROOT
    # the course's landing page, report pages, preloads and service worker; the site the probes run in
    # goes without them: JupyterLite and the lessons as they are, the kernel alone on the page
    course_pages: bool = True

    def at(self, root: Path) -> "Edition":
        """The same edition of the course in another folder."""
        return replace(self, root=Path(root).resolve())

    @property
    def project(self) -> Project:
        return Project(self.root)

    @property
    def dist(self) -> Path:
        return self.root / self.dist_name

    @property
    def lite_dir(self) -> Path:  # jupyter lite's own project folder: config, static/pyodide
        return self.project.staging / self.name / "lite"

    @property
    def content(self) -> Path:  # jupyter_lite_config.json names it as "../content"
        return self.project.staging / self.name / "content"

    @property
    def pyodide_stamp(self) -> Path:  # what static/pyodide was staged from; kept out of the site
        return self.project.staging / self.name / "pyodide-staged.json"

    @property
    def measure_failures(self) -> Path:  # screenshots and page text of a failed runtime measurement
        return self.project.staging / self.name / "measure-failures"

    @property
    def fresh_dist(self) -> Path:  # each build starts empty in its own folder; swapped in on success
        return self.dist.with_name(f"{self.dist.name}.new-{os.getpid()}")


LEARNER = Edition("learner", with_solutions=False, dist_name="dist")
INSTRUCTOR = Edition("instructor", with_solutions=True, dist_name="dist-instructor")
MEASURED = Edition("measured", with_solutions=False, dist_name="build/measured-site", course_pages=False)
EDITIONS = (LEARNER, INSTRUCTOR, MEASURED)


def tried(version: str) -> Edition:
    """The learners' site on another Pyodide version, for --try-pyodide."""
    return Edition(f"try-{version}", with_solutions=False, dist_name="dist-try", pyodide=version)


# this checkout's course, for the tests and the benchmark
PROJECT = Project(ROOT)
CONTENT, README, LITE_CONFIG = PROJECT.content, PROJECT.readme, PROJECT.lite_config
PYODIDE_CONFIG, PYODIDE_REQUIREMENTS = PROJECT.pyodide_config, PROJECT.pyodide_requirements
DIST, INSTRUCTOR_DIST = LEARNER.dist, INSTRUCTOR.dist

