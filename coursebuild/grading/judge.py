"""One work file's row and lines, the same in `build.py grade` and on the instructor's grading page.

Plain data and the standard library only: the page's Pyodide workers import this module too.
"""

from dataclasses import dataclass

from . import program
from .text import spreadsheet_safe, terminal_safe

PASSED, NOT_YET, UNCHECKED = "passed", "not yet", "-"
REVIEW = "review"  # an observed pass in a file whose own cells reach for the grading machinery
COPIES, FOR_A_HUMAN = "lessons re-run from", "for a human"  # the columns a re-run adds after its outcomes
TIME_LIMIT_S = 300  # per work file, for a re-run: every lesson of one learner
# what a cell hit, as the harness names it (harness.LIMIT_ERRORS)
LIMITS = {"memory": "ran out of memory (the sandbox's limit)",
          "recursion": "recursed deeper than Python allows",
          # said by the checker: the learner's side stopped answering here (its code exited, or broke the
          # conversation), so the checks after it found nothing of the learner's
          "ended": "ended the learner's process: the checks after it count as not yet",
          # the checker's own (checker.NotDeterministic): a course bug, never the learner's
          "replay": "is a check whose calls changed when replayed: no verdict (tell the course's authors)"}
# how an exercise's re-run outcome was reached: decided by the checker, or observed in the learner's process
VERIFIED, PROBED, OBSERVED = "verified", "probed", "observed"
KINDS = (f"{VERIFIED}: decided by the course's check in a process of its own, out of the learner's reach; "
         f"{PROBED}: decided there too, from what a course probe saw of the learner's code in its process "
         f"(values, calls in flight, locks held: code bent on it could fake what the probe saw); "
         f"{OBSERVED}: reported by the course's check in the learner's process (code bent on it could forge "
         f"it). In a file listed for a human, probed and observed passes read {REVIEW}")


@dataclass(frozen=True)
class GradingCourse:
    """What grading needs of the course: its title, and per lesson its label ("L1"), exercises and
    published cells ({notebook: [every code cell's source in either edition, {exercise: check cell}]})."""

    title: str
    labels: dict  # notebook -> "L1"
    heads: list  # [heading "L1 E2", notebook, exercise "2"], in order
    published: dict
    verified: dict  # notebook -> the exercises ("2") whose verdicts the checker decides out of reach
    legend: list  # "L1: its title (its notebook)", a line a lesson
    probed: dict  # notebook -> those of its verified exercises decided from a probe's data


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


def checked(course: GradingCourse, notebook: str, exercise: str) -> str:
    """verified (the checker decided it), probed (from a probe's data) or observed (its check ran in the
    learner's process)."""
    if exercise in course.probed[notebook]:
        return PROBED
    return VERIFIED if exercise in course.verified[notebook] else OBSERVED


def rerun_heads(course: GradingCourse) -> list[str]:
    """The headings of a re-run's outcomes, one an exercise: "L1 E2 verified" or "L5 E2 observed"."""
    return [f"{head} {checked(course, nb, n)}" for head, nb, n in course.heads]


def header(course: GradingCourse, rerun: bool) -> list[str]:
    """The table's first row: per exercise the recorded outcome and, for a re-run, the re-run's."""
    heads = [head for head, _, _ in course.heads]
    return ["file", *heads, *([*rerun_heads(course), COPIES, FOR_A_HUMAN] if rerun else [])]


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
    return Plan(program.job(work.copies, course.published, course.verified, course.probed), flagged, lines)


def trusted(outcomes: dict, job: list, flagged: bool) -> dict:
    """The outcomes of the checks the job ran, and only those. A check observed in the learner's process,
    or judged from what a probe saw there, could be forged by a file whose own cells reach for the grading
    machinery, so such a file's observed and probed passes need a human; verified ones were decided out of
    the learner's reach from values alone."""
    ran = {run["notebook"]: {str(cell["check"]): cell["verified"] and not cell.get("probed")
                             for cell in run["cells"] if cell["check"] is not None} for run in job}
    return {notebook: {n: (REVIEW if flagged and passed and not ran[notebook][n] else passed)
                       for n, passed in done.items() if n in ran.get(notebook, ())}
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
        lines += [f"{name}: {course.labels.get(notebook, '?')} cell {cell} {LIMITS[what]}"
                  for notebook, cell, what in result.limits if what in LIMITS]
        lines += [f"{name}: {head} recorded {outcome(work.recorded, nb, n)}, "
                  f"{checked(course, nb, n)} {outcome(verified, nb, n)}"
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
