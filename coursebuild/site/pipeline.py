"""The build of one edition: inputs read and checked, Pyodide and lessons staged, jupyter lite build,
the committed runtime report and the course's pages written, the site published in one rename."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from jupyter_core.paths import jupyter_path

from ..errors import BuildError
from ..files import mirror, recover_swap, remove_all_but, remove_strays, replace_dir, write_if_changed
from ..grading import page as grading_page
from ..inputs import lessons, report
from ..inputs.claims import Claim, contradictions, read_claims
from ..inputs.pyodide_config import NpmPin, PyodideConfig, read_pyodide_config
from ..inputs.toc import Course, read_course, readme_with_lessons
from ..logs import log
from ..pages.landing import landing_page
from ..pages.probe_notebooks import probe_notebooks
from ..pages.runtime_page import CONTENT_PAGE, runtime_notebook, runtime_page
from ..paths import (
    COURSE_EXTENSIONS,
    EDITIONS,
    LEARNER,
    LITE_FILES,
    PACKAGE_ROOT,
    STAGED_EXTENSIONS,
    Edition,
)
from . import (
    buildlock,
    bytecode,
    course_wheel,
    kernel_boot,
    kernel_snapshot,
    lazy_imports,
    offline,
    preload,
    pyodide_dist,
)
from .extensions import extension_values, hand_values_to_extensions, hash_entry_file

# Tests and the benchmark drive lessons through window.jupyterapp (JupyterLite's exposeAppInBrowser).
# A published page must not hand the app to every script of its origin (GitHub Pages serves all of an
# account's sites from one), so a site has it only when this is "1": the tests' builds set it, as the
# `build.py measure` does for the site it measures.
EXPOSE_APP = "COURSE_EXPOSE_APP"


def pyodide_pin(edition: Edition, config: PyodideConfig) -> NpmPin:
    """The npm package of Pyodide this edition ships: the pinned one, or the version being tried."""
    if edition.pyodide is None:
        return config.npm
    return replace(config.npm, version=edition.pyodide,
                   integrity=pyodide_dist.npm_registry_integrity(config.npm, edition.pyodide))


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, read and checked before anything is built."""

    course: Course
    claims: list[Claim]
    lessons: dict
    readme_stale: bool  # README.md's lesson list differs from the course's (the build only warns)
    lite_config: dict  # jupyter_lite_config.json
    npm: NpmPin  # the Pyodide this edition ships
    keep_sources: list[str]  # the distributions whose sources stay beside their bytecode
    wheels: list[pyodide_dist.Wheel]
    boot_packages: list[str]  # what the kernel loads with Pyodide
    kernel_wheels: list[Path]  # the kernel's own wheels among them
    preload: list[str]  # Pyodide files the lesson page asks for at once
    report: report.Report | None  # the committed runtime report (None: a site built only to be measured)
    extension_values: dict  # what the course extension shares with coursekit and the build


def read_inputs(edition: Edition) -> Inputs:
    """Read and check every input, so that bad input fails the build before it changes anything."""
    project = edition.project
    course = read_course(project.content)
    readme_stale = readme_with_lessons(project.readme, course) != project.readme.read_text(encoding="utf-8")
    config = read_lite_config(project.lite_config)
    pyodide = read_pyodide_config(project.pyodide_config)
    wheels = pyodide_dist.read_requirements(project.pyodide_requirements)
    site_config = project.lite_config / "jupyter-lite.json"
    boot_packages = kernel_boot.boot_packages(config[site_config.name], site_config)
    kernel_wheels = kernel_boot.kernel_wheels(
        boot_packages,
        {wheel.name for wheel in wheels} | {course_wheel.NAME},
        installed_extension(kernel_boot.KERNEL_EXTENSION, project.lite_config), site_config)
    return Inputs(course, read_claims(project.content), lessons.read_lessons(course), readme_stale,
                  config["jupyter_lite_config.json"], pyodide_pin(edition, pyodide),
                  pyodide.bytecode.keep_sources, wheels, boot_packages, kernel_wheels, pyodide.preload,
                  site_report(edition), extension_values(project.content))


def site_report(edition: Edition) -> report.Report | None:
    """The committed runtime report; None for the site built only to be measured, before there is one."""
    if not edition.course_pages and not edition.project.runtime_report.exists():
        return None
    return report.read_committed(edition.project)


def read_lite_config(lite_config: Path) -> dict[str, dict]:
    """lite_config's JSON files, parsed (each must be a JSON object)."""
    config = {}
    for name in LITE_FILES:
        source = lite_config / name
        try:
            config[name] = json.loads(source.read_text(encoding="utf-8"))
        except OSError as error:
            raise BuildError(source, f"cannot read it ({error.strerror})")
        except ValueError as error:
            raise BuildError(source, f"is not valid JSON ({error})")
        if not isinstance(config[name], dict):
            raise BuildError(source, "must hold a JSON object")
    return config


def stage_pyodide(edition: Edition, inputs: Inputs, timings: "Timings") -> None:
    """Fetch (or reuse) Pyodide's core and wheels; stage them, the kernel's own and coursekit, locked."""
    project, npm = edition.project, inputs.npm
    cache = project.cache / f"pyodide-{npm.version}"
    with timings.step("Pyodide (npm)"):
        tarball = pyodide_dist.fetch_core(npm, cache)
    python = pyodide_dist.python_minor(pyodide_dist.read_core_lock(tarball))
    with timings.step("wheels (pip)"):
        wheels = pyodide_dist.fetch_wheels(inputs.wheels, python, cache / "wheels",
                                           project.pyodide_requirements)
    dest = edition.lite_dir / pyodide_dist.SITE_FOLDER
    sources = edition.lite_dir.parent / "coursekit-wheel"  # its source wheel; the site ships it compiled
    course_helpers = course_wheel.build_wheel(project.content / course_wheel.NAME, sources)
    remove_all_but(sources, {Path(course_helpers.name)})
    lazy_imports.check_all_apply([*wheels, *inputs.kernel_wheels])
    with timings.step("bytecode (Pyodide under Node)"):
        compiled = bytecode.compiled_wheels([*wheels, *inputs.kernel_wheels, course_helpers],
                                            inputs.keep_sources, tarball, npm.version, cache)
    with timings.step("staging Pyodide"):
        pyodide_dist.stage(tarball, npm, compiled, dest, edition.pyodide_stamp)
    with timings.step("kernel snapshot (Pyodide under Node)"):
        kernel_snapshot.install(dest, inputs.boot_packages, cache)


def stage_lite_config(edition: Edition) -> None:
    """Copy lite_config's JSON files into jupyter lite's project folder."""
    for name in LITE_FILES:
        write_if_changed(edition.lite_dir / name, (edition.project.lite_config / name).read_bytes())


def stage_lab_extensions(edition: Edition, config: dict) -> None:
    """Copy each extension jupyter_lite_config.json (`config`) names, from the course's own or the
    environment's, without source maps; the course's own get content-hashed entry files."""
    for entry in config["LiteBuildConfig"].get("federated_extensions", []):
        name = entry.removeprefix(f"{STAGED_EXTENSIONS}/")
        found = installed_extension(name, edition.project.lite_config)
        staged = edition.lite_dir / STAGED_EXTENSIONS / name
        mirror(found, staged, skip=lambda rel: rel.suffix == ".map")
        if found.is_relative_to(COURSE_EXTENSIONS):
            hash_entry_file(staged)


def installed_extension(name: str, lite_config: Path) -> Path:
    """The folder of a JupyterLab extension: the course's own, else the environment's."""
    for folder in [COURSE_EXTENSIONS, *jupyter_path("labextensions")]:
        if (Path(folder) / name / "package.json").is_file():
            return Path(folder) / name
    raise BuildError(lite_config / "jupyter_lite_config.json", f"extension {name} is not installed")


def with_package_on_path() -> dict:
    """The environment, with coursebuild's folder first on PYTHONPATH (`-m coursebuild.site.jupyter_lite`)."""
    paths = [str(PACKAGE_ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def lite_build(edition: Edition) -> None:
    """Run `jupyter lite build` into an empty folder; its output is shown only on failure."""
    # doit's task database would call tasks up to date whose targets it never sees again
    for database in edition.lite_dir.glob(".jupyterlite.doit.db*"):
        database.unlink()
    done = subprocess.run(
        [sys.executable, "-m", "coursebuild.site.jupyter_lite", "build",
         "--lite-dir", str(edition.lite_dir), "--output-dir", str(edition.fresh_dist)],
        cwd=edition.lite_dir, capture_output=True, text=True, env=with_package_on_path(),
        pass_fds=buildlock.inherited(),
    )
    if done.returncode != 0:
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", flush=True)
        raise BuildError(edition.project.lite_config / "jupyter_lite_config.json",
                         f"jupyter lite build failed (exit {done.returncode})")


def write_grading_page(edition: Edition) -> None:
    """The instructor edition's page for grading hand-ins in the browser (coursebuild/grading/page.py)."""
    if edition.with_solutions:
        written = grading_page.install(edition.fresh_dist, edition.project.content)
        log.info(f"grading page: {grading_page.PAGE} and {written - 1} files for its workers")


def expose_app(site: Path, exposed: bool) -> None:
    """Set (or remove) exposeAppInBrowser in the built site's jupyter-lite.json."""
    path = site / "jupyter-lite.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    if exposed:
        config["jupyter-config-data"]["exposeAppInBrowser"] = "true"
    else:
        config["jupyter-config-data"].pop("exposeAppInBrowser", None)
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def write_site_pages(edition: Edition, course: Course, measured: report.Report, preloaded: list[str]) -> None:
    """The course's own pages at the site's root: the landing page (replacing JupyterLite's
    redirecting index.html), the runtime report and its page; the lesson page's preloads."""
    root = edition.fresh_dist
    (root / "index.html").write_text(landing_page(course), encoding="utf-8")
    (root / report.REPORT_NAME).write_text(json.dumps(measured.to_json(), indent=1) + "\n", encoding="utf-8")
    (root / "runtime.html").write_text(runtime_page(measured, course.title), encoding="utf-8")
    log.info(f"landing page: {len(course.lessons)} lessons; runtime report: "
             f"{len(measured.probes)} probes, as committed")
    preload.install(root, preloaded, kernel_snapshot.START_SCRIPT)
    log.info(f"lesson page: preloads {', '.join(preloaded) or 'nothing'} and the kernel's snapshot")
    pyodide = pyodide_dist.SITE_FOLDER
    snapshots = kernel_snapshot.shipped_snapshots(root / pyodide)
    variants = {variant: f"{pyodide}/{name}" for variant, name in snapshots.items()}
    kernel_start = [f"{pyodide}/{name}" for name in kernel_snapshot.start_files(root / pyodide)]
    # last: it lists every file with its final revision
    listed = offline.install(root, kernel_start, variants)
    log.info(f"offline: {listed} files listed in {offline.MANIFEST} for the course's service worker")


@contextmanager
def interrupts_deferred():
    """Hold off Ctrl+C for the block (the swap of the new site), then honour it."""
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def publish(edition: Edition) -> None:
    """Swap the fresh site into place in one rename."""
    with interrupts_deferred():
        replace_dir(edition.fresh_dist, edition.dist)
    size = sum(p.stat().st_size for p in edition.dist.rglob("*") if p.is_file())
    log.info(f"site: {edition.dist.relative_to(edition.root)}/ ({size / 1e6:.1f} MB)")


def remove_leftovers(root: Path) -> None:
    """Clean up after builds that were killed (only ever called under the lock, so none is running)."""
    for dist in {edition.at(root).dist for edition in EDITIONS} | {root / "dist-try"}:
        recover_swap(dist)
        for stray in remove_strays(dist.parent, f"{dist.name}.new*"):
            log.info(f"removed {stray.relative_to(root)}/, left by an interrupted build")
    cache = root / ".cache"
    for stray in pyodide_dist.remove_interrupted_downloads(cache):
        log.info(f"removed {stray.relative_to(root)}/, an interrupted download")


class Timings:
    """How long each step of a build took, to say what takes time."""

    def __init__(self):
        self.steps: dict[str, float] = {}

    @contextmanager
    def step(self, name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.steps[name] = self.steps.get(name, 0) + time.perf_counter() - started

    def summary(self) -> str:
        slowest = sorted(self.steps.items(), key=lambda item: -item[1])
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in slowest)


def build(edition: Edition = LEARNER, root: Path | None = None, stage_runtime: bool = True) -> Course:
    """Build one edition of the course in `root` (default: the edition's own) and return the course.

    A build that fails or is interrupted removes its own unfinished site, and the edition's site
    stays as it was. `stage_runtime=False` keeps the staged Pyodide and extensions of the previous
    build (`serve --watch` after an edit to content/ only).
    """
    edition = edition.at(root) if root is not None else edition
    try:
        return build_into_fresh_dist(edition, stage_runtime)
    finally:
        shutil.rmtree(edition.fresh_dist, ignore_errors=True)  # gone already if it was published


def build_into_fresh_dist(edition: Edition, stage_runtime: bool) -> Course:
    """build(), whose unfinished site the caller removes."""
    started, timings = time.perf_counter(), Timings()
    project = edition.project
    log.info(f"{edition.name} edition{' (with solutions)' if edition.with_solutions else ''}")
    with timings.step("reading inputs"):
        inputs = read_inputs(edition)
    if stage_runtime or not edition.pyodide_stamp.is_file():
        stage_pyodide(edition, inputs, timings)
        stage_lite_config(edition)
        stage_lab_extensions(edition, inputs.lite_config)
    generated = probe_notebooks()
    if inputs.report is not None:
        say_if_report_outdated(edition, inputs.report, inputs.npm.version)
        generated[CONTENT_PAGE] = runtime_notebook(inputs.report)
    with timings.step("lessons"):
        notebooks = lessons.stage_content(inputs.course, inputs.lessons, project.content, edition.content,
                                          edition.with_solutions, generated)
    log.info(f"lessons: {len(notebooks)} ready")
    with timings.step("jupyter lite build"):
        log.info("jupyter lite build ...")
        lite_build(edition)
    # the runtime report's harness drives the site it measures through window.jupyterapp
    expose_app(edition.fresh_dist, not edition.course_pages or os.environ.get(EXPOSE_APP) == "1")
    kernel_snapshot.point_kernel_at_start(edition.fresh_dist)
    hand_values_to_extensions(edition.fresh_dist, inputs.extension_values)
    for message in claims_to_revise(inputs.claims, inputs.report) if inputs.report is not None else []:
        log.warning(f"warning: {message}")
    with timings.step("pages"):
        if edition.course_pages:
            write_grading_page(edition)
            write_site_pages(edition, inputs.course, inputs.report, inputs.preload)
        publish(edition)
    if inputs.readme_stale:
        log.warning(f"warning: {project.readme.name}'s lesson list differs from {project.content.name}/"
                    "course.toml; run python3 build.py readme")
    log.info(f"done in {time.perf_counter() - started:.1f} s ({timings.summary()})")
    return inputs.course


def say_if_report_outdated(edition: Edition, committed: report.Report, pyodide_version: str) -> None:
    """One line when the committed report is older than what it depends on."""
    current = report.depends_on(edition.project, pyodide_version)
    outdated = report.outdated_parts(committed.depends_on, current)
    if outdated and edition.pyodide is None:
        log.warning(f"warning: {edition.project.runtime_report.name} is older than what it depends on "
                    f"({', '.join(outdated)} changed since it was measured); run python3 build.py measure")


def claims_to_revise(claims: list[Claim], measured: report.Report) -> list[str]:
    """Each lesson sentence (content/claims.toml) that the measurements contradict."""
    return [message for claim in claims for message in contradictions(claim, measured)]
