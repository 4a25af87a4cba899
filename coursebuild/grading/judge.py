"""One work file's row and lines, the same in `build.py grade` and on the instructor's grading page.

Plain data and the standard library only: the page's Pyodide workers import this module too.
"""

from dataclasses import dataclass

from . import program
from .text import spreadsheet_safe, terminal_safe

PASSED, NOT_YET, UNCHECKED = "passed", "not yet", "-"
REVIEW = "review"  # a verified pass in a file whose own cells reach for the grading machinery
COPIES, FOR_A_HUMAN = "lessons re-run from", "for a human"  # the columns a re-run adds after the verified
TIME_LIMIT_S = 300  # per work file, for a re-run: every lesson of one learner
# what a cell hit, as the harness names it (harness.LIMIT_ERRORS)
LIMITS = {"memory": "ran out of memory (the sandbox's limit)",
          "recursion": "recursed deeper than Python allows"}


@dataclass(frozen=True)
class GradingCourse:
    """What grading needs of the course: its title, and per lesson its label ("L1"), exercises and
    published cells ({notebook: [every code cell's source in either edition, {exercise: check cell}]})."""

    title: str
    labels: dict  # notebook -> "L1"
    heads: list  # [heading "L1 E2", notebook, exercise "2"], in order
    published: dict
    legend: list  # "L1: its title (its notebook)", a line a lesson


@dataclass(frozen=True)
class Verdicts:
    """What a re-run reported for one work file: outcomes per notebook and the limits a cell hit."""

    outcomes: dict  # notebook -> exercise ("1") -> passed (bool)
    limits: list  # [notebook, cell number, what], what a key of LIMITS


def outcome(done: dict, notebook: str, exercise: str) -> str:
    """One cell of the table: passed, not yet, review, or "-" where that exercise was never checked."""
    if exercise not in done.get(notebook, {}):
        return UNCHECKED
    found = done[notebook][exercise]
    return REVIEW if found == REVIEW else PASSED if found else NOT_YET


def header(course: GradingCourse, rerun: bool) -> list[str]:
    """The table's first row."""
    heads = [head for head, _, _ in course.heads]
    verified = [*(f"{head} verified" for head in heads), COPIES, FOR_A_HUMAN]
    return ["file", *heads, *(verified if rerun else [])]


@dataclass(frozen=True)
class Plan:
    """A work file ready to re-run: its job for the harness, what a human should read, and the lines
    said before it runs."""

    job: list
    flagged: str
    lines: list


def plan(work, course: GradingCourse) -> Plan:
    """What to re-run for a work file (a work.Work), and the lines that say which copies and flags."""
    name = terminal_safe(work.name)
    used = ", ".join(f"{course.labels[nb]} from {terminal_safe(copy.name)!r}"
                     for nb, copy in work.copies.items())
    lines = [f"{name}: re-running {used or 'nothing (no copy of a lesson)'}"]
    flagged = "; ".join(f"{course.labels[nb]}: {', '.join(names)}"
                        for nb, names in program.review(work.copies, course.published).items())
    if flagged:
        lines.append(f"{name}: for a human: its own cells reach for the grading machinery ({flagged})")
    return Plan(program.job(work.copies, course.published), flagged, lines)


def trusted(outcomes: dict, job: list, flagged: bool) -> dict:
    """The verdicts of the checks the job ran, and only those; a file whose own cells reach for the
    grading machinery could have forged any of them, so none of its passes counts without a human."""
    ran = {run["notebook"]: {str(cell["check"]) for cell in run["cells"] if cell["check"] is not None}
           for run in job}
    return {notebook: {n: (REVIEW if flagged and passed else passed) for n, passed in done.items()
                       if n in ran.get(notebook, ())}
            for notebook, done in outcomes.items()}


def row(work, course: GradingCourse, plan_: Plan | None, result: Verdicts | str | None) -> tuple[list, list]:
    """A work file's row (recorded; with a plan, verified from result too) and the lines the result calls
    for: each limit hit, the failure, each verified outcome that differs from the recorded one."""
    cells = [work.name, *(outcome(work.recorded, nb, n) for _, nb, n in course.heads)]
    if plan_ is None:
        return cells, []
    name, lines, verified = terminal_safe(work.name), [], {}
    if isinstance(result, str):
        lines.append(f"{name}: {result}")
    elif result is not None:
        verified = trusted(result.outcomes, plan_.job, bool(plan_.flagged))
        lines += [f"{name}: {course.labels.get(notebook, '?')} cell {cell} {LIMITS.get(what, what)}"
                  for notebook, cell, what in result.limits]
        lines += [f"{name}: {head} recorded {outcome(work.recorded, nb, n)}, "
                  f"verified {outcome(verified, nb, n)}"
                  for head, nb, n in course.heads
                  if outcome(work.recorded, nb, n) != outcome(verified, nb, n)]
    cells += [*(outcome(verified, nb, n) for _, nb, n in course.heads),
              " | ".join(copy.name for copy in work.copies.values()), plan_.flagged]
    return cells, lines


def csv_row(header: list[str], cells: list[str]) -> list[str]:
    """A row as the CSV holds it: the file's and its copies' names are the learner's, so no formula of
    theirs runs in a spreadsheet."""
    return [spreadsheet_safe(cell) if head in ("file", COPIES) else cell for head, cell in zip(header, cells)]


def stopped(time_limit: float) -> str:
    """Why a file past its time limit has no verified outcome."""
    return f"stopped after {time_limit:g} s, the time limit (an endless loop?); no exercise was re-run"
