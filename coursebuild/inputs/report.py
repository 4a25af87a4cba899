"""The runtime report: a committed, reviewed file of what each probe measured in CPython and in the
site's Pyodide in every engine, with what those measurements depend on."""

import ast
import hashlib
import json
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ..errors import BuildError
from ..files import write_atomically
from ..paths import Project
from ..runtimes import CPYTHON, runtime_label
from .schema import typed

REPORT_NAME = "pyodide-report.json"  # the report as the site publishes it
# what the measurements depend on, by part: a change to any file of a part makes the committed report
# older than its inputs. The probes are probes.py and the coursekit modules it imports (found by
# probe_modules: an exercise's check is not among them); the harness runs them in each runtime; the
# site's settings and wheel pins.
PROBES = "content/coursekit/probes.py"
DEPENDS_ON = {
    "harness": ["coursebuild/pages/probe_notebooks.py", "coursebuild/measuring/*.py",
                "coursebuild/browsers/*.py"],
    "site": ["lite_config/*.json", "lite_config/pyodide-requirements.txt"],
}
HARNESS_ROOT = Path(__file__).resolve().parents[2]  # the harness is this package's, wherever the course is


def files_digest(root: Path, patterns: list[str]) -> str:
    """A short hash of the files matching patterns under root, names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(path for pattern in patterns for path in root.glob(pattern)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def probe_modules(root: Path) -> list[str]:
    """probes.py, the package's __init__ and every coursekit module probes.py imports, directly or not."""
    package = (root / PROBES).parent
    found, pending = set(), [Path(PROBES).stem]
    while pending:
        name = pending.pop()
        if name in found or not (package / f"{name}.py").is_file():
            continue
        found.add(name)
        for node in ast.walk(ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:  # from .module import / from . import x
                pending += [node.module] if node.module else [alias.name for alias in node.names]
    return [(Path(PROBES).parent / f"{name}.py").as_posix() for name in sorted(found | {"__init__"})]


def depends_on(project: Project, pyodide_version: str) -> dict:
    """What measurements made now would depend on (engine versions are known only once measured)."""
    from jupyterlite_core import __version__ as jupyterlite_version

    roots = {"probes": project.root, "harness": HARNESS_ROOT, "site": project.root}
    parts = {"probes": probe_modules(project.root), **DEPENDS_ON}
    return {**{part: files_digest(roots[part], patterns) for part, patterns in parts.items()},
            "pyodide": pyodide_version, "jupyterlite": jupyterlite_version}


@dataclass(frozen=True)
class ReportFile:
    """The report's top level, as `measure` writes it (its rows checked as ProbeRow and Result)."""

    measured_at: str
    runtimes: list[str]
    depends_on: dict  # by part: the digest of what the measurements depended on (and the engines)
    versions: dict  # by runtime: the versions its `versions` probe found (and the browser's)
    probes: list[dict]  # rows: ProbeRow's keys, and per runtime one Result (null: not measured)


@dataclass(frozen=True)
class ProbeRow:
    """One probe's row, less its results."""

    name: str
    question: str


@dataclass(frozen=True)
class Result:
    """What one probe measured in one runtime."""

    works: bool
    detail: str
    seconds: float


@dataclass(frozen=True)
class Probe:
    """One probe: its question, and what it measured in each runtime (None: not measured there)."""

    name: str
    question: str
    results: dict[str, Result | None]

    def result(self, runtime: str) -> Result | None:
        return self.results.get(runtime)


@dataclass(frozen=True)
class Report:
    """The runtime report: every probe's results in each runtime, the versions measured, and what the
    measurements depended on."""

    measured_at: str
    runtimes: list[str]
    depends_on: dict
    versions: dict
    probes: list[Probe]

    @property
    def browsers(self) -> list[str]:
        """The engines the report measured Pyodide in."""
        return [runtime for runtime in self.runtimes if runtime != CPYTHON]

    def probe(self, name: str) -> Probe | None:
        return next((probe for probe in self.probes if probe.name == name), None)

    def to_json(self) -> dict:
        """The report as its file holds it: one row per probe, one key per runtime."""
        rows = [{"name": probe.name, "question": probe.question,
                 **{runtime: None if (found := probe.result(runtime)) is None else asdict(found)
                    for runtime in self.runtimes}} for probe in self.probes]
        return {"measured_at": self.measured_at, "runtimes": self.runtimes, "depends_on": self.depends_on,
                "versions": self.versions, "probes": rows}

    @classmethod
    def from_json(cls, data, source: Path) -> "Report":
        """The report from its file's JSON, each key checked (one BuildError line naming it)."""
        top = typed(ReportFile, data, source, "the report")
        try:
            datetime.fromisoformat(top.measured_at)  # the runtime page shows it as a date and a time
        except ValueError:
            problem = f"measured_at {top.measured_at!r} is not an ISO 8601 date and time"
            raise BuildError(source, problem) from None
        probes = []
        for number, row in enumerate(top.probes, 1):
            keys = {key: value for key, value in row.items() if key not in top.runtimes} \
                if isinstance(row, dict) else row
            probe = typed(ProbeRow, keys, source, f"probes[{number}]")
            results = {runtime: None if row.get(runtime) is None else
                       typed(Result, row[runtime], source, f"probe {probe.name} in {runtime}")
                       for runtime in top.runtimes}
            probes.append(Probe(probe.name, probe.question, results))
        return cls(top.measured_at, top.runtimes, top.depends_on, top.versions, probes)


def read_committed(project: Project) -> Report:
    """The committed report, checked against its schema."""
    path = project.runtime_report
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(path.name, "is missing: run python3 build.py measure (it needs the browsers) "
                                    "and commit the file it writes")
    except (OSError, ValueError) as error:
        raise BuildError(path.name, f"cannot be read as JSON ({error}); restore it from git")
    return Report.from_json(data, Path(path.name))


def outdated_parts(depends_on: dict, current: dict) -> list[str]:
    """The parts a report depended on (`depends_on`) that changed since it was measured."""
    return [part for part, value in current.items() if depends_on.get(part) != value]


def write(project: Project, report: Report) -> None:
    """Write the report into the course's folder, in one rename."""
    write_atomically(project.runtime_report, (json.dumps(report.to_json(), indent=1) + "\n").encode())


def combine(measured: dict[str, list[dict]], browsers: dict[str, str], inputs: dict) -> Report:
    """Every runtime's results (CPython, then each engine), probe by probe, with the versions measured
    and what the measurements depend on (`inputs`, plus each engine's version)."""
    runtimes = list(measured)
    by_name = {runtime: {r["name"]: r for r in results} for runtime, results in measured.items()}
    names = list(dict.fromkeys(r["name"] for results in reversed(measured.values()) for r in results))
    probes = []
    for name in names:
        first = next(by_name[runtime][name] for runtime in reversed(runtimes) if name in by_name[runtime])
        results = {runtime: None if (found := by_name[runtime].get(name)) is None else
                   Result(found["works"], found["detail"], found["seconds"]) for runtime in runtimes}
        probes.append(Probe(name, first["question"], results))
    versions = {runtime: json.loads(by_name[runtime]["versions"]["detail"]) for runtime in runtimes}
    for runtime, browser in browsers.items():
        versions[runtime]["browser"] = browser
    return Report(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), runtimes,
                  {**inputs, "engines": browsers}, versions, probes)


def outcome_changes(old: Report, new: Report, runtimes: list[str]) -> list[tuple[str, str, str]]:
    """(probe, runtime, `was -> now`) for each probe whose outcome (works or fails) differs in a runtime."""
    changes = []
    for name in dict.fromkeys([probe.name for probe in [*old.probes, *new.probes]]):
        before, after = old.probe(name), new.probe(name)
        for runtime in runtimes:
            was = before.result(runtime) if before else None
            now = after.result(runtime) if after else None
            if (was and was.works) != (now and now.works):  # None (not measured) differs from both
                changes.append((name, runtime, f"{outcome(was)} -> {outcome(now)}"))
    return changes


def differences(old: Report, new: Report) -> list[str]:
    """One line per probe whose outcome changed in any runtime the new report measured."""
    return [f"{name} in {runtime_label(runtime)}: {change}"
            for name, runtime, change in outcome_changes(old, new, new.runtimes)]


def outcome(result: Result | None) -> str:
    """`works (detail)` or `fails: detail`, for tables and diffs."""
    if result is None:
        return "not measured"
    return f"works ({result.detail})" if result.works else f"fails: {result.detail}"
