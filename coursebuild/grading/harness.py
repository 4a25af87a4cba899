"""Inside the sandbox: run one learner's lessons, each check cell the course's own; report the verdicts.

python harness.py JOB FD FILES. JOB is JSON, [{"notebook", "cells": [{"source", "check": N or null}]}];
FILES, the course's files (read-only: coursekit is imported from there), are copied into the current
folder for the lessons. This file uses the standard library and IPython only (the sandbox has no
repository). Learners' printing goes to stdout and stderr; the verdicts go to file descriptor FD as
JSON, {"outcomes": {notebook: {N: passed}}, "limits": [[notebook, cell, what]]}.
"""

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


def main(job_path: str, verdicts_fd: str, files: str) -> None:
    # the lessons read and write their data here; coursekit stays where no cell can rewrite it
    shutil.copytree(files, ".", dirs_exist_ok=True, ignore=shutil.ignore_patterns(COURSEKIT, "__pycache__"))
    job = json.loads(open(job_path, encoding="utf-8").read())
    verdicts = os.fdopen(int(verdicts_fd), "w", encoding="utf-8")
    os.set_inheritable(verdicts.fileno(), False)
    # as in the browser, a process pool says NotImplementedError (the system-call filter refuses anyway)
    os.fork = no_processes
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()  # runs cells as a notebook does: magics, top-level await
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
            result = shell.run_cell(cell["source"], store_history=False)
            error = result.error_in_exec or result.error_before_exec
            for kind, what in LIMIT_ERRORS.items():
                if isinstance(error, kind):
                    limits.append([lesson["notebook"], number, what])
            if check is not None:
                reported = [outcome["passed"] for outcome in seen if outcome["exercise"] == check]
                done[str(check)] = bool(reported) and reported[-1] is True
                fresh_progress()  # the learner's later cells get a progress module that reports nowhere
    verdicts.write(json.dumps({"outcomes": outcomes, "limits": limits}))
    verdicts.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
