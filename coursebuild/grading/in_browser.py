"""The grading page's two workers: the checker's (read, plan, drive the re-run, judge) and the learner's
(their code, answering the checker through a message port)."""

import json

from ..errors import BuildError
from . import checker, harness, judge, wire
from .text import terminal_safe
from .work import parse_work


async def grade(name: str, data, setup: str, time_limit: float, post, ask) -> None:
    """Judge one work file (data: its bytes, a JavaScript Uint8Array) as `build.py grade --rerun` does;
    post(kind, JSON) tells the page: "error" (its line), "planned" (the row without the re-run's outcomes,
    the lines, the line if it is stopped), "verified" (the row and the lines). ask(text) sends the learner's
    worker a request and resolves to its reply."""
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
                                "stopped": f"{terminal_safe(name)}: {judge.stopped(time_limit)}"}))

    async def ask_learner(request: dict) -> dict:
        try:
            return wire.loads(str(await ask(wire.dumps(request).decode("utf-8"))).encode("utf-8"))
        except wire.WireError:
            return {}  # as a pipe the learner's side broke: nothing of theirs

    report = await checker.run_job(plan.job, ask_learner)
    row, lines = judge.row(work, course, plan, judge.Verdicts(report["outcomes"], report["limits"]))
    post("verified", json.dumps({"row": row, "csv": judge.csv_row(given["header"], row), "lines": lines}))


async def learn(receive, send) -> None:
    """The learner's side: answer the checker's requests, which receive() resolves to, with send(text)."""
    async def request() -> dict:
        return wire.loads(str(await receive()).encode("utf-8"))

    async def reply(message: dict) -> None:
        send(wire.dumps(message).decode("utf-8"))

    await harness.serve(request, reply)
