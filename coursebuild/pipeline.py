"""The build of one edition: inputs read and checked, Pyodide and lessons staged, jupyter lite build,
the runtime report measured, the site published in one rename."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jupyter_core.paths import jupyter_path

from . import buildlock, course_wheel, kernel_boot, lessons, offline, preload, pyodide_dist, report
from .claims import Claim, contradictions, read_claims
from .errors import BuildError
from .extensions import hash_entry_file
from .files import mirror, recover_swap, remove_strays, replace_dir, write_if_changed
from .landing import landing_page
from .paths import (
    CACHE,
    CONTENT,
    COURSE_EXTENSIONS,
    DIST,
    INSTRUCTOR_DIST,
    LEARNER,
    LITE_CONFIG,
    LITE_FILES,
    PYODIDE_CONFIG,
    PYODIDE_REQUIREMENTS,
    README,
    REPORT_CACHE,
    ROOT,
    STAGED_EXTENSIONS,
    TRY_DIST,
    Edition,
)
from .runtime_page import CONTENT_PAGE, runtime_notebook, runtime_page
from .toc import Course, read_course, readme_with_lessons

# Tests and the benchmark drive lessons through window.jupyterapp (JupyterLite's exposeAppInBrowser).
# A published page must not hand the app to every script of its origin (GitHub Pages serves all of an
# account's sites from one), so a site has it only when this is "1": the tests' builds set it, as the
# build's own runtime report does for the site it measures.
EXPOSE_APP = "COURSE_EXPOSE_APP"


def log(message: str) -> None:
    """One progress line."""
    print(f"[build] {message}", flush=True)


def pyodide_pin(edition: Edition) -> dict:
    """The npm package of Pyodide this edition ships: the pinned one, or the version being tried."""
    npm = pyodide_dist.read_config(PYODIDE_CONFIG)
    if edition.pyodide is None:
        return npm
    return {**npm, "version": edition.pyodide,
            "integrity": pyodide_dist.npm_registry_integrity(npm, edition.pyodide)}


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, read and checked before anything is built."""

    course: Course
    claims: list[Claim]
    lessons: dict
    readme_stale: bool  # README.md's lesson list differs from the course's (the build only warns)
    lite_config: dict  # jupyter_lite_config.json
    npm: dict
    wheels: list[pyodide_dist.Wheel]
    kernel_wheels: list[Path]  # the kernel's own wheels that it loads with Pyodide
    preload: list[str]  # Pyodide files the lesson page asks for at once


def read_inputs(edition: Edition) -> Inputs:
    """Read and check every input, so that bad input fails the build before it changes anything."""
    course = read_course(CONTENT)
    readme_stale = readme_with_lessons(README, course) != README.read_text(encoding="utf-8")
    config = read_lite_config()
    wheels = pyodide_dist.read_requirements(PYODIDE_REQUIREMENTS)
    site_config = LITE_CONFIG / "jupyter-lite.json"
    kernel_wheels = kernel_boot.kernel_wheels(
        kernel_boot.boot_packages(config[site_config.name], site_config),
        {wheel.name for wheel in wheels} | {course_wheel.NAME},
        installed_extension(kernel_boot.KERNEL_EXTENSION), site_config)
    return Inputs(course, read_claims(CONTENT), lessons.read_lessons(course), readme_stale,
                  config["jupyter_lite_config.json"], pyodide_pin(edition), wheels, kernel_wheels,
                  preload.read_preload(PYODIDE_CONFIG))


def read_lite_config() -> dict[str, dict]:
    """lite_config's JSON files, parsed (each must be a JSON object)."""
    config = {}
    for name in LITE_FILES:
        source = LITE_CONFIG / name
        try:
            config[name] = json.loads(source.read_text(encoding="utf-8"))
        except OSError as error:
            raise BuildError(source, f"cannot read it ({error.strerror})")
        except ValueError as error:
            raise BuildError(source, f"is not valid JSON ({error})")
        if not isinstance(config[name], dict):
            raise BuildError(source, "must hold a JSON object")
    return config


def stage_pyodide(edition: Edition, npm: dict, wanted: list[pyodide_dist.Wheel],
                  kernel_wheels: list[Path]) -> None:
    """Fetch (or reuse) Pyodide's core and wheels; stage them, the kernel's own and coursekit, locked."""
    cache = CACHE / f"pyodide-{npm['version']}"
    tarball = pyodide_dist.fetch_core(npm, cache, log)
    python = pyodide_dist.python_minor(pyodide_dist.read_core_lock(tarball))
    wheels = pyodide_dist.fetch_wheels(wanted, python, cache / "wheels", PYODIDE_REQUIREMENTS, log)
    dest = edition.lite_dir / "static" / "pyodide"
    course_helpers = course_wheel.build_wheel(CONTENT / course_wheel.NAME, dest)
    pyodide_dist.stage(tarball, npm, [*wheels, *kernel_wheels, course_helpers], dest, edition.pyodide_stamp)


def stage_lite_config(edition: Edition) -> None:
    """Copy lite_config's JSON files into jupyter lite's project folder."""
    for name in LITE_FILES:
        write_if_changed(edition.lite_dir / name, (LITE_CONFIG / name).read_bytes())


def stage_lab_extensions(edition: Edition, config: dict) -> None:
    """Copy each extension jupyter_lite_config.json (`config`) names, from the course's own or the
    environment's, without source maps; the course's own get content-hashed entry files."""
    for entry in config["LiteBuildConfig"].get("federated_extensions", []):
        name = entry.removeprefix(f"{STAGED_EXTENSIONS}/")
        found = installed_extension(name)
        staged = edition.lite_dir / STAGED_EXTENSIONS / name
        mirror(found, staged, skip=lambda rel: rel.suffix == ".map")
        if found.is_relative_to(COURSE_EXTENSIONS):
            hash_entry_file(staged)


def installed_extension(name: str) -> Path:
    """The folder of a JupyterLab extension: the course's own, else the environment's."""
    for folder in [COURSE_EXTENSIONS, *jupyter_path("labextensions")]:
        if (Path(folder) / name / "package.json").is_file():
            return Path(folder) / name
    raise BuildError(LITE_CONFIG / "jupyter_lite_config.json", f"extension {name} is not installed")


def with_root_on_path() -> dict:
    """The environment, with this project first on PYTHONPATH (for `-m coursebuild.jupyter_lite`)."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def lite_build(edition: Edition) -> None:
    """Run `jupyter lite build` into an empty folder; its output is shown only on failure."""
    log("jupyter lite build ...")
    # doit's task database would call tasks up to date whose targets it never sees again
    for database in edition.lite_dir.glob(".jupyterlite.doit.db*"):
        database.unlink()
    done = subprocess.run(
        [sys.executable, "-m", "coursebuild.jupyter_lite", "build",
         "--lite-dir", str(edition.lite_dir), "--output-dir", str(edition.fresh_dist)],
        cwd=edition.lite_dir, capture_output=True, text=True, env=with_root_on_path(),
        pass_fds=buildlock.inherited(),
    )
    if done.returncode != 0:
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", flush=True)
        raise BuildError(LITE_CONFIG / "jupyter_lite_config.json",
                         f"jupyter lite build failed (exit {done.returncode})")


def expose_app(site: Path, exposed: bool) -> None:
    """Set (or remove) exposeAppInBrowser in the built site's jupyter-lite.json."""
    path = site / "jupyter-lite.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    if exposed:
        config["jupyter-config-data"]["exposeAppInBrowser"] = "true"
    else:
        config["jupyter-config-data"].pop("exposeAppInBrowser", None)
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def write_site_pages(edition: Edition, course: Course, measured: dict, preloaded: list[str]) -> None:
    """The course's own pages at the site's root: the landing page (replacing JupyterLite's
    redirecting index.html), the runtime report and its page; the lesson page's preloads."""
    root = edition.fresh_dist
    (root / "index.html").write_text(landing_page(course), encoding="utf-8")
    (root / report.REPORT_NAME).write_text(json.dumps(measured, indent=1) + "\n", encoding="utf-8")
    (root / "runtime.html").write_text(runtime_page(measured, course.title), encoding="utf-8")
    log(f"landing page: {len(course.lessons)} lessons; runtime report: {len(measured['probes'])} probes")
    preload.install(root, preloaded)
    log(f"lesson page: preloads {', '.join(preloaded) or 'nothing'}")
    expose_app(root, os.environ.get(EXPOSE_APP) == "1")
    listed = offline.install(root)  # last: it lists every file with its final revision
    log(f"offline: {listed} files listed in {offline.MANIFEST} for the course's service worker")


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
    log(f"site: {edition.dist.relative_to(ROOT)}/ ({size / 1e6:.1f} MB)")


def remove_leftovers() -> None:
    """Clean up after builds that were killed (only ever called under the lock, so none is running)."""
    for dist in (DIST, INSTRUCTOR_DIST, TRY_DIST):
        recover_swap(dist)
        for stray in remove_strays(ROOT, f"{dist.name}.new*"):
            log(f"removed {stray.name}/, left by an interrupted build")
    for stray in pyodide_dist.remove_interrupted_downloads(CACHE):
        log(f"removed {stray.relative_to(ROOT)}/, an interrupted download")


def build(edition: Edition = LEARNER, remeasure: bool = False) -> tuple[Course, dict]:
    """Build one edition of the site; return the course it holds and its runtime report.

    A build that fails or is interrupted removes its own unfinished site, and dist/ stays as it was.
    """
    try:
        return build_into_fresh_dist(edition, remeasure)
    finally:
        shutil.rmtree(edition.fresh_dist, ignore_errors=True)  # gone already if it was published


def build_into_fresh_dist(edition: Edition, remeasure: bool) -> tuple[Course, dict]:
    """build(), whose unfinished site the caller removes."""
    started = time.perf_counter()
    log(f"{edition.name} edition{' (with solutions)' if edition.with_solutions else ''}")
    inputs = read_inputs(edition)
    course, npm = inputs.course, inputs.npm
    stage_pyodide(edition, npm, inputs.wheels, inputs.kernel_wheels)
    stage_lite_config(edition)
    stage_lab_extensions(edition, inputs.lite_config)
    report_key = report.cache_key(ROOT, f"{npm['version']} {npm['integrity']}")
    measured = None if remeasure else report.cached(report_key, REPORT_CACHE, log)
    generated = report.probe_notebooks()
    if measured is not None:
        generated[CONTENT_PAGE] = runtime_notebook(measured)
    notebooks = lessons.stage_content(course, inputs.lessons, CONTENT, edition.content,
                                      edition.with_solutions, generated, log)
    log(f"lessons: {len(notebooks)} ready")
    lite_build(edition)
    if measured is None:  # the probes run in the site just built; then its contents list their page
        expose_app(edition.fresh_dist, True)  # the harness runs them through window.jupyterapp
        measured = report.measure(report_key, edition.content, edition.fresh_dist, REPORT_CACHE, log,
                                  edition.measure_failures)
        write_if_changed(edition.content / CONTENT_PAGE, runtime_notebook(measured))
        lite_build(edition)
    for message in claims_to_revise(inputs.claims, measured):
        log(f"warning: {message}")
    write_site_pages(edition, course, measured, inputs.preload)
    publish(edition)
    if inputs.readme_stale:
        log(f"warning: {README.name}'s lesson list differs from {CONTENT.name}/course.toml; "
            "run python3 build.py readme")
    log(f"done in {time.perf_counter() - started:.1f} s")
    return course, measured


def claims_to_revise(claims: list[Claim], measured: dict) -> list[str]:
    """Each lesson sentence (content/claims.toml) that the measurements contradict."""
    return [message for claim in claims for message in contradictions(claim, measured)]


def try_pyodide(version: str) -> None:
    """Build the learners' site on another Pyodide into dist-try/ and print what changed against the pin."""
    _, pinned = build(LEARNER)
    _, tried = build(Edition(f"try-{version}", with_solutions=False, dist=TRY_DIST, pyodide=version))
    log(f"Pyodide {version} against the pinned {pinned['versions']['chromium'].get('pyodide')}:")
    for line in report.differences(pinned, tried) or ["no probe changed its outcome"]:
        log(f"  {line}")
    for message in claims_to_revise(read_claims(CONTENT), tried) or ["every lesson claim still holds"]:
        log(f"  {message}")
