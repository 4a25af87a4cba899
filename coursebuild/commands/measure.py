"""`measure`: the runtime report measured in CPython and every engine and written into the course;
`build --try-pyodide`: another Pyodide measured against the committed report."""

from pathlib import Path

from ..errors import BuildError
from ..inputs import report
from ..inputs.claims import read_claims
from ..inputs.pyodide_config import read_pyodide_config
from ..logs import log
from ..measuring.probe_runs import EngineMissing, measure_cpython, measure_pyodide
from ..paths import MEASURED, Edition, Project, tried
from ..runtimes import CPYTHON, ENGINES, LABELS
from ..site import buildlock
from ..site.pipeline import build, claims_to_revise, remove_leftovers
from . import guarded


def measure_runtimes(edition: Edition, without: list[str], missing_is_an_error: bool) -> tuple[dict, dict]:
    """Run the probes in CPython and in the edition's built site in each engine not left `without`:
    the results by runtime and the engines' versions. An engine not found is named; unless it is
    left out explicitly, that is an error (so no engine's column is dropped silently)."""
    log.info("runtime report: running the probes in CPython ...")
    measured, browsers, missing = {CPYTHON: measure_cpython(edition.content)}, {}, []
    for engine in ENGINES:
        if engine in without:
            log.info(f"runtime report: {LABELS[engine]} left out (--without {engine})")
            continue
        log.info(f"runtime report: running the probes in Pyodide ({LABELS[engine]}) ...")
        try:
            measured[engine], browsers[engine] = measure_pyodide(edition.dist, engine,
                                                                 edition.measure_failures)
        except EngineMissing as error:
            log.warning(f"runtime report: not found: {error}")
            missing.append(engine)
    if missing and missing_is_an_error:
        raise BuildError(edition.project.runtime_report.name,
                         f"not written: {', '.join(LABELS[e] for e in missing)} not found on this machine; "
                         f"install it (bash .ci/setup), or write the report without its column: "
                         f"python3 build.py measure {' '.join(f'--without {e}' for e in missing)}")
    return measured, browsers


def measure(root: Path, without: list[str]) -> int:
    """Build a site to measure in, measure it, say what changed, and write the report into the course."""
    edition, project = MEASURED.at(root), Project(root)

    def work():
        with buildlock.held(project.lock_file):  # the checkout's other builds wait only for this one
            remove_leftovers(root)
            build(edition)
        measured, browsers = measure_runtimes(edition, without, missing_is_an_error=True)
        pin = read_pyodide_config(project.pyodide_config).npm.version
        new = report.combine(measured, browsers, report.depends_on(project, pin))
        if project.runtime_report.exists():
            for line in report.differences(report.read_committed(project), new) or ["no probe changed"]:
                log.info(f"runtime report: since the committed report: {line}")
        for message in claims_to_revise(read_claims(project.content), new):
            log.warning(f"warning: {message}")
        report.write(project, new)
        log.info(f"runtime report: wrote {project.runtime_report.name} ({len(new.probes)} probes in "
                 f"{', '.join(new.runtimes)}): review it, commit it, and python3 build.py publishes it")

    return guarded(edition, work, kept=project.runtime_report.name, lock=project.measure_lock)


def try_pyodide(root: Path, version: str) -> int:
    """Build the learners' site on another Pyodide into dist-try/, measure it in the engines found, and
    print what changed against the committed report."""
    edition, project = tried(version).at(root), Project(root)

    def work():
        committed = report.read_committed(project)
        build(edition)
        measured, browsers = measure_runtimes(edition, [], missing_is_an_error=False)
        new = report.combine(measured, browsers, {})
        pinned = committed.versions.get(ENGINES[0], {}).get("pyodide")
        log.info(f"Pyodide {version} against the committed report's {pinned}:")
        for line in report.differences(committed, new) or ["no probe changed its outcome"]:
            log.info(f"  {line}")
        claims = read_claims(project.content)
        for message in claims_to_revise(claims, new) or ["every lesson claim still holds"]:
            log.info(f"  {message}")

    return guarded(edition, work)
