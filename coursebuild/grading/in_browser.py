"""The grading page's worker: one work file read, planned, re-run in this Pyodide and judged."""

import json

from ..errors import BuildError
from . import harness, judge
from .text import terminal_safe
from .work import parse_work


async def grade(name: str, data, setup: str, time_limit: float, post) -> None:
    """Judge one work file (data: its bytes, a JavaScript Uint8Array) as `build.py grade --rerun` does;
    post(kind, JSON) tells the page: "error" (its line), "planned" (the row without verified outcomes,
    the lines, the line if it is stopped), "verified" (the row and the lines)."""
    given = json.loads(setup)
    course = judge.GradingCourse(**given["course"])
    try:
        work = parse_work(name, data.to_bytes(), course.title, list(course.labels))
    except BuildError as error:
        post("error", json.dumps({"lines": [f"[grade] error: {terminal_safe(str(error))}"]}))
        return
    plan = judge.plan(work, course)
    row, _ = judge.row(work, course, plan, None)
    post("planned", json.dumps({"row": row, "csv": judge.csv_row(given["header"], row), "lines": plan.lines,
                                "stopped": f"{terminal_safe(name)}: {judge.stopped(time_limit)}",
                                "flagged": bool(plan.flagged)}))
    report = await harness.run_job(plan.job)
    row, lines = judge.row(work, course, plan, judge.Verdicts(report["outcomes"], report["limits"]))
    post("verified", json.dumps({"row": row, "csv": judge.csv_row(given["header"], row), "lines": lines}))
