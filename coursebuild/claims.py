"""The lessons' claims about runtime behaviour, checked against a measured runtime report."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError

CLAIMS_NAME = "claims.toml"


@dataclass(frozen=True)
class Claim:
    """One sentence of a lesson, and what its probe must measure for it to stay true."""

    lesson: str
    says: str
    probe: str
    runtime: str
    works: bool
    detail: str = ""
    at_least: float | None = None
    at_most: float | None = None

    @property
    def id(self) -> str:
        return f"{Path(self.lesson).stem}:{self.probe}:{self.runtime}"


def read_claims(content: Path) -> list[Claim]:
    """content/claims.toml, every claim naming a lesson that exists."""
    path = content / CLAIMS_NAME
    try:
        claims = [Claim(**entry) for entry in tomllib.loads(path.read_text(encoding="utf-8"))["claims"]]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise BuildError(path, f"needs [[claims]] with lesson, says, probe, runtime and works ({error})")
    for claim in claims:
        if not (content / claim.lesson).is_file():
            raise BuildError(path, f"a claim names {claim.lesson}, which is not in {content.name}/")
    return claims


def contradiction(claim: Claim, report: dict) -> str | None:
    """Why the report contradicts the claim, or None if the measurement agrees with it."""
    rows = {row["name"]: row for row in report["probes"]}
    measured = (rows.get(claim.probe) or {}).get(claim.runtime)
    problem = None
    if measured is None:
        problem = "the report has no such measurement"
    elif measured["works"] != claim.works:
        problem = f"it {'works' if measured['works'] else 'fails'}"
    elif claim.detail not in measured["detail"]:
        problem = f"its detail lacks {claim.detail!r}"
    elif claim.at_least is not None or claim.at_most is not None:
        number = float(re.search(r"\d+(?:\.\d+)?", measured["detail"]).group())
        if (claim.at_least is not None and number < claim.at_least) or \
                (claim.at_most is not None and number > claim.at_most):
            problem = f"it measured {number:g}, outside [{claim.at_least}, {claim.at_most}]"
    if problem is None:
        return None
    detail = "" if measured is None else f" ({measured['detail']})"
    return (f"{claim.lesson} says \"{claim.says}\", but the {claim.runtime} probe {claim.probe} "
            f"contradicts it: {problem}{detail}")
