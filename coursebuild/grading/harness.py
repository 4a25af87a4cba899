"""Inside the sandbox: run one learner's lessons, each check cell the course's own; report the verdicts.

In CPython, python harness.py JOB FD FILES: JOB is JSON, [{"notebook", "cells": [{"source", "check": N or
null}]}]; FILES, the course's files (read-only: coursekit is imported from there), are copied into the
current folder for the lessons; the verdicts go to file descriptor FD as JSON, {"outcomes": {notebook:
{N: passed}}, "limits": [[notebook, cell, what]]}, and the learners' printing to stdout and stderr.
The grading page's Pyodide workers await run_job themselves. Standard library and IPython only.
"""

import asyncio
import json
import os
import shutil
import sys

COURSEKIT = "coursekit"
LIMIT_ERRORS = {MemoryError: "memory", RecursionError: "recursion"}  # the limits a cell can hit


def fresh_progress():
    """The course's progress module imported anew, with every coursekit module a learner's cell may
    have replaced in sys.modules dropped first."""
    for name in [name for name in sys.modules if name == COURSEKIT or name.startswith(COURSEKIT + ".")]:
        del sys.modules[name]
    from coursekit import progress
    return progress


def no_processes(*args, **kwargs):
    raise NotImplementedError("the grader's sandbox cannot start processes (a browser cannot either)")


async def run_cell(shell, source: str) -> BaseException | None:
    """Run one cell as a notebook does; the error it raised, if any."""
    try:
        transformed, failed = shell.transform_cell(source), None
    except Exception:  # noqa: BLE001 - IPython reports a cell it cannot transform as that cell's error
        transformed, failed = source, sys.exc_info()
    result = await shell.run_cell_async(source, store_history=False, transformed_cell=transformed,
                                        preprocessing_exc_tuple=failed)
    return result.error_in_exec or result.error_before_exec


async def run_job(job: list) -> dict:
    """Run each lesson's cells in a fresh namespace, as a notebook does (magics, top-level await); \
the report: what each published check cell reported, and the limits cells hit."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    outcomes, limits = {}, []
    for lesson in job:
        shell.reset(new_session=False)
        done = outcomes.setdefault(lesson["notebook"], {})
        for number, cell in enumerate(lesson["cells"], 1):
            check = cell["check"]
            if check is not None:
                # only what the course's check reports, during the course's own check cell, counts
                seen = []
                fresh_progress().sink = seen.append
            bound = {name: id(value) for name, value in shell.user_ns.items()}
            try:
                error = await run_cell(shell, cell["source"])
            except MemoryError as raised:  # memory ran out in IPython's own code around the cell
                error = raised
            limits += [[lesson["notebook"], number, what] for kind, what in LIMIT_ERRORS.items()
                       if isinstance(error, kind)]
            if isinstance(error, MemoryError):
                # drop what the cell bound (a memory bomb's hoard) so that the lesson's next cells have memory
                for name in [name for name, value in shell.user_ns.items() if bound.get(name) != id(value)]:
                    del shell.user_ns[name]
            if check is not None:
                reported = [outcome["passed"] for outcome in seen if outcome["exercise"] == check]
                done[str(check)] = bool(reported) and reported[-1] is True
                fresh_progress()  # the learner's later cells get a progress module that reports nowhere
    shell.reset(new_session=False)  # frees what the last lesson holds, a memory bomb's hoard included
    return {"outcomes": outcomes, "limits": limits}


def main(job_path: str, verdicts_fd: str, files: str) -> None:
    # the lessons read and write their data here; coursekit stays where no cell can rewrite it
    shutil.copytree(files, ".", dirs_exist_ok=True, ignore=shutil.ignore_patterns(COURSEKIT, "__pycache__"))
    with open(job_path, encoding="utf-8") as stream:
        job = json.load(stream)
    verdicts = os.fdopen(int(verdicts_fd), "w", encoding="utf-8")
    os.set_inheritable(verdicts.fileno(), False)
    # as in the browser, a process pool says NotImplementedError (the system-call filter refuses anyway)
    os.fork = no_processes
    report = asyncio.run(run_job(job))
    verdicts.write(json.dumps(report))
    verdicts.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
