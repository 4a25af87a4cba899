"""The lessons' claims about runtime behaviour, checked against a measured runtime report."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..paths import REPORT_FILE
from ..runtimes import ENGINES, runtime_label
from .report import Report, outcome_changes
from .schema import typed

CLAIMS_NAME = "claims.toml"


@dataclass(frozen=True)
class Claim:
    """One sentence of a lesson, and what its probe must measure for it to stay true."""

    lesson: str
    says: str
    probe: str
    runtime: str | list[str]  # "cpython", "pyodide" (every browser engine), or engines by name
    works: bool
    detail: str = ""
    at_least: float | None = None
    at_most: float | None = None

    @property
    def id(self) -> str:
        return f"{Path(self.lesson).stem}:{self.probe}:{'+'.join(self.runtimes)}"

    @property
    def runtimes(self) -> list[str]:
        """The runtimes the sentence is about: "pyodide" stands for every browser engine."""
        named = [self.runtime] if isinstance(self.runtime, str) else list(self.runtime)
        return [engine for runtime in named for engine in (ENGINES if runtime == "pyodide" else [runtime])]


def read_claims(content: Path) -> list[Claim]:
    """content/claims.toml, every claim naming a lesson that exists."""
    path = content / CLAIMS_NAME
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("claims")
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise BuildError(path, f"cannot be read ({error})")
    if not isinstance(entries, list):
        raise BuildError(path, "needs [[claims]] tables with lesson, says, probe, runtime and works")
    claims = [typed(Claim, entry, path, f"claim {number}") for number, entry in enumerate(entries, 1)]
    for claim in claims:
        if not (content / claim.lesson).is_file():
            raise BuildError(path, f"a claim names {claim.lesson}, which is not in {content.name}/")
        unknown = set(claim.runtimes) - {"cpython", *ENGINES}
        if unknown:
            raise BuildError(path, f"the claim \"{claim.says}\" names unknown runtimes {sorted(unknown)}: "
                                   f"use cpython, pyodide (every browser) or {', '.join(ENGINES)}")
    return claims


def contradictions(claim: Claim, report: Report) -> list[str]:
    """Why the report contradicts the claim, one message per runtime it does not hold in."""
    return [message for runtime in claim.runtimes if (message := contradiction(claim, report, runtime))]


def contradiction(claim: Claim, report: Report, runtime: str) -> str | None:
    """Why the report contradicts the claim in one runtime, or None if the measurement agrees with it."""
    probe = report.probe(claim.probe)
    measured = probe.result(runtime) if probe else None
    problem = None
    if measured is None:
        problem = "the report has no such measurement"
    elif measured.works != claim.works:
        problem = f"it {'works' if measured.works else 'fails'}"
    elif claim.detail not in measured.detail:
        problem = f"its detail lacks {claim.detail!r}"
    elif claim.at_least is not None or claim.at_most is not None:
        number = float(re.search(r"\d+(?:\.\d+)?", measured.detail).group())
        if (claim.at_least is not None and number < claim.at_least) or \
                (claim.at_most is not None and number > claim.at_most):
            problem = f"it measured {number:g}, outside [{claim.at_least}, {claim.at_most}]"
    if problem is None:
        return None
    detail = "" if measured is None else f" ({measured.detail})"
    return (f"{claim.lesson} says \"{claim.says}\", but the probe {claim.probe} in {runtime_label(runtime)} "
            f"contradicts it: {problem}{detail}")


def outcome_drift(committed: Report, measured: Report, claims: list[Claim], runtimes: list[str]) -> list[str]:
    """One message per probe whose outcome in one of `runtimes` differs from the committed report,
    naming the probe, the runtime and the lesson sentences it touches."""
    messages = []
    for probe, runtime, change in outcome_changes(committed, measured, runtimes):
        touched = [f"{claim.lesson}: \"{claim.says}\"" for claim in claims
                   if claim.probe == probe and runtime in claim.runtimes]
        messages.append(f"{probe} in {runtime_label(runtime)}: {change} against {REPORT_FILE}; "
                        + (f"it touches {'; '.join(touched)}" if touched else "no lesson claim names it")
                        + "; run python3 build.py measure and review the change")
    return messages
