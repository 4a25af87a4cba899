"""Inside the learner's sandbox: run one learner's cells as the checker (checker.py) asks, and answer it.

The learner's process runs their code and nothing that decides a verdict: the checker, in a process
of its own, sends requests ({"do": "lesson" | "run" | "check" | "names" | "call" | "observe" | "end",
...}) and this side answers each as wire's plain data ("observe": run a course probe on the learner's
objects, coursekit.observing). In CPython, python harness.py REQUESTS REPLIES FILES:
requests and replies are pipes; FILES, the course's files (read-only: coursekit is imported from
there), are copied into the current folder for the lessons; the learners' printing goes to stdout
and stderr. The grading page's Pyodide worker awaits serve itself. Standard library and IPython only.
"""

import asyncio
import base64
import importlib
import inspect
import os
import shutil
import sys
import tempfile
from pathlib import Path

try:  # the package's module on the command line; its copy beside this file in the sandbox and the page
    from . import wire
except ImportError:
    import wire

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


def raised(error: BaseException) -> dict:
    """The reply for a call that raised: its kind and message (an exception's own str may fail too)."""
    try:
        return {"raised": wire.error_data(error)}
    except Exception:  # noqa: BLE001 - a learner's exception whose message cannot be read
        return {"raised": {"types": ["Exception"], "message": "?"}}


class Learner:
    """The learner's namespace, as a notebook's kernel keeps it, and the requests that act on it."""

    def __init__(self):
        from IPython.core.interactiveshell import InteractiveShell

        self.shell = InteractiveShell.instance()

    async def run(self, source: str) -> dict:
        """Run one cell; the limit it hit, if any."""
        bound = {name: id(value) for name, value in self.shell.user_ns.items()}
        try:
            error = await run_cell(self.shell, source)
        except MemoryError as raised:  # memory ran out in IPython's own code around the cell
            error = raised
        if isinstance(error, MemoryError):
            # drop what the cell bound (a memory bomb's hoard) so that the lesson's next cells have memory
            for name in [name for name, value in self.shell.user_ns.items() if bound.get(name) != id(value)]:
                del self.shell.user_ns[name]
        return {"limit": next((what for kind, what in LIMIT_ERRORS.items() if isinstance(error, kind)), None)}

    async def check(self, source: str, check: int) -> dict:
        """Run a published check cell here, for a check that needs this process: what it reported."""
        seen = []
        fresh_progress().sink = seen.append
        ran = await self.run(source)
        fresh_progress()  # the learner's later cells get a progress module that reports nowhere
        reported = [outcome.get("passed") for outcome in seen if outcome.get("exercise") == check]
        return {**ran, "passed": bool(reported) and reported[-1] is True}

    def names(self, names: list) -> dict:
        """What each name a check cell uses is here: a function (called through the checker's proxy), a
        value (sent as data), or nothing."""
        given = {}
        for name in map(str, names):
            if name not in self.shell.user_ns:
                continue
            value = self.shell.user_ns[name]
            try:
                given[name] = {"callable": True} if wire.is_function(value) else {"value": wire.encode(value)}
            except Exception:  # noqa: BLE001 - a value that cannot be read as data is not given
                continue
        return given

    def call(self, request: dict) -> dict:
        """Call a learner's function with the checker's arguments (and its files, written here)."""
        folder = Path(tempfile.mkdtemp(prefix="check-"))
        files = {str(name): base64.b64decode(str(data)) for name, data in dict(request["files"]).items()}
        made = {}  # what the check handed to work on (a workbook, a path to write): it goes back
        try:
            function = self.shell.user_ns[str(request["name"])]
            args = wire.decode(request["args"], folder, files, made)
            kwargs = wire.decode(request["kwargs"], folder, files, made)
            value = function(*args, **{str(key): item for key, item in kwargs.items()})
        except BaseException as error:  # noqa: BLE001 - whatever the learner's code raised is the answer
            return raised(error)
        try:
            return {"value": wire.encode(value), "back": wire.handed_back(made)}
        except Exception as error:  # noqa: BLE001 - a learner's object may fail to be read in any way
            unsent = f"its result cannot be sent as data: {error}"
            return {"raised": {"types": ["ValueError"], "message": unsent}}

    async def observe(self, request: dict) -> dict:
        """Run a course probe (coursekit.observing) on the learner's objects, from coursekit imported
        anew: what it saw, as data."""
        module, name = (str(part) for part in request["probe"])
        fresh_progress()
        try:
            if not module.startswith(COURSEKIT + "."):
                raise LookupError(f"{module} is not a course module")
            watch = getattr(importlib.import_module(module), name)
            if getattr(watch, "is_probe", False) is not True:
                raise LookupError(f"{module}.{name} is not a course probe")
            args = [self.shell.user_ns[str(arg["learner"])] if "learner" in arg else wire.decode(arg["value"])
                    for arg in request["args"]]
            seen = watch(*args)
            if inspect.isawaitable(seen):
                seen = await seen
        except BaseException as error:  # noqa: BLE001 - whatever the learner's code raised is the answer
            return raised(error)
        try:
            return {"value": wire.encode(seen)}
        except Exception as error:  # noqa: BLE001 - a learner's object in what the probe saw
            unsent = f"what the probe saw is not data: {error}"
            return {"raised": {"types": ["ValueError"], "message": unsent}}

    async def answer(self, request: dict) -> dict | None:
        """The reply to one request; None once the checker has ended the re-run."""
        do = request.get("do")
        if do == "lesson":
            self.shell.reset(new_session=False)
            return {"ok": True}
        if do == "run":
            return await self.run(str(request["source"]))
        if do == "check":
            return await self.check(str(request["source"]), int(request["check"]))
        if do == "names":
            return {"names": self.names(list(request["names"]))}
        if do == "call":
            return self.call(request)
        if do == "observe":
            return await self.observe(request)
        self.shell.reset(new_session=False)  # frees what the last lesson holds, a memory bomb's hoard too
        return None


async def serve(receive, send) -> None:
    """Answer the checker's requests until it ends the re-run: receive() awaits the next, send(reply)."""
    learner = Learner()
    while (reply := await learner.answer(await receive())) is not None:
        await send(reply)
    await send({"ok": True})


def main(requests: str, replies: str, files: str) -> None:
    # the lessons read and write their data here; coursekit stays where no cell can rewrite it
    shutil.copytree(files, ".", dirs_exist_ok=True, ignore=shutil.ignore_patterns(COURSEKIT, "__pycache__"))
    requests_fd, replies_fd = int(requests), int(replies)
    for fd in (requests_fd, replies_fd):
        os.set_inheritable(fd, False)
    # as in the browser, a process pool says NotImplementedError (the system-call filter refuses anyway)
    os.fork = no_processes

    async def receive() -> dict:
        return wire.receive(requests_fd)

    async def send(reply: dict) -> None:
        wire.send(replies_fd, reply)

    asyncio.run(serve(receive, send))


if __name__ == "__main__":
    main(*sys.argv[1:])
