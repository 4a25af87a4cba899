"""The checker: runs the course's published check cells where no learner code runs, and decides verdicts.

It drives a re-run: it tells the learner's process (harness.serve) which cell to run next and, at a
check cell of an exercise verified out of reach, runs that cell itself, in its own interpreter, with
each learner name the cell uses standing for the learner's function (a Proxy that asks the learner's
process to call it, arguments and result as wire's plain data) or value (a copy, as data). A check
whose nature needs the learner's own process (threads, a lock, an event loop, a clock) is either split
into a probe and a judge (coursekit.observing: the probe runs there, its data comes back, the judge
decides here) or run there whole, and its outcome only observed.

A proxied check is replayed: each run of its cell answers the calls it has answers for and stops at
the first it has not (Suspend), which is then asked; the checks are deterministic (their data comes
from seeded generators), so each learner call is made once, and the same code serves a pipe (the
command line) and a page's message port (the grading page), neither of which can block alike.

In CPython, python checker.py JOB TO_LEARNER FROM_LEARNER VERDICTS: JOB is JSON ([{"notebook", "cells":
[{"source", "check": N or null, "verified": bool, "probed": bool}]}]); the report goes to VERDICTS as JSON,
{"outcomes": {notebook: {N: passed}}, "limits": [[notebook, cell, what]]}. Standard library only,
with coursekit importable from the course's read-only files.
"""

import ast
import asyncio
import base64
import builtins
import contextlib
import inspect
import io
import json
import os
import sys

try:  # the package's module on the command line; its copy beside this file in the sandbox and the page
    from . import wire
except ImportError:
    import wire


class Suspend(BaseException):
    """A proxied call with no answer yet: ends this run of the check cell (no check catches it)."""

    def __init__(self, request: dict):
        super().__init__(request.get("name"))
        self.request = request


class NotDeterministic(Exception):
    """A replay asked another call than the run before it: the check's data is not reproducible."""


class Replay:
    """One run of a check cell against the answers the learner's process gave so far."""

    def __init__(self, answers: list):
        self.answers, self.calls = answers, 0

    def call(self, name: str, args: tuple, kwargs: dict):
        files, back = {}, {}
        request = {"do": "call", "name": name, "args": wire.encode(list(args), files, back),
                   "kwargs": wire.encode(kwargs, files, back),
                   "files": {n: base64.b64encode(data).decode("ascii") for n, data in files.items()}}
        return self.answer(request, back)

    def observe(self, watch, args: tuple):
        """What a course probe (coursekit.observing) saw of the learner's code, run in the learner's
        process with the learner's own objects where the check has their proxies."""
        given = [{"learner": arg.__name__} if isinstance(arg, Proxy) else {"value": wire.encode(arg)}
                 for arg in args]
        return self.answer({"do": "observe", "probe": [watch.__module__, watch.__name__], "args": given})

    def answer(self, request: dict, back: dict | None = None):
        """The learner process's answer to this run's next request, in the order the runs before asked
        (with what went back into back: name -> the check's workbook or path a call was handed)."""
        index, self.calls = self.calls, self.calls + 1
        if index == len(self.answers):
            raise Suspend(request)
        asked, reply = self.answers[index]
        if same_call(asked) != same_call(request):
            raise NotDeterministic(f"call {index + 1} of the check differs from the run before")
        if "value" in reply:
            try:
                wire.take_back(back or {}, reply.get("back", {}))
                return wire.decode(reply["value"])
            except wire.WireError as error:
                raise wire.error_of({"types": ["ValueError"], "message": f"its result is not data: {error}"})
        raise wire.error_of(reply.get("raised") if isinstance(reply.get("raised"), dict) else {})


def same_call(request: dict) -> dict:
    """What must be the same in a replay's call: all but its files' bytes, for a workbook's bytes hold
    the moment it was saved (the learner's process answered the first run's, the same data otherwise)."""
    return {**request, "files": sorted(request.get("files", {}))}


class Proxy:
    """A learner's function as the check sees it: each call is made in the learner's process."""

    def __init__(self, name: str, replay: Replay):
        self.__name__ = self.__qualname__ = name
        self._replay = replay

    def __call__(self, *args, **kwargs):
        return self._replay.call(self.__name__, args, kwargs)

    def __repr__(self) -> str:
        return f"<function {self.__name__}>"


def learner_names(source: str) -> list[str]:
    """The names a check cell reads that it does not bind itself nor are built in: the learner's."""
    tree = ast.parse(source)
    bound = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
             if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}
    bound |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)
              and isinstance(node.ctx, ast.Store)}
    read = [node.id for node in ast.walk(tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)]
    return sorted({name for name in read if name not in bound and not hasattr(builtins, name)})


def attempt(source: str, names: dict, answers: list) -> tuple[str, object]:
    """Run a check cell once: ("done", passed) or ("need", the next call to ask the learner's process)."""
    from coursekit import observing, progress

    replay, seen = Replay(answers), []
    namespace = {"__name__": "__main__"}
    for name, kind in names.items():
        if kind.get("callable") is True:
            namespace[name] = Proxy(name, replay)
        elif "value" in kind:
            with contextlib.suppress(wire.WireError):  # a value that is not data leaves the name undefined
                namespace[name] = wire.decode(kind["value"])
    progress.sink, observing.remote = seen.append, replay.observe
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the feedback is the learner's; the outcome is ours
            settled(eval(compile(source, "<published check cell>", "exec",
                                 flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT), namespace))
    except Suspend as suspended:
        return "need", suspended.request
    except NotDeterministic:
        raise
    except Exception:  # noqa: BLE001 - a cell that fails (a name the learner never defined) passes nothing
        pass
    finally:
        progress.sink = observing.remote = None
    reported = [outcome["passed"] for outcome in seen]
    return "done", bool(reported) and reported[-1] is True


def settled(result) -> None:
    """Finish a check cell that awaits (`await check_exercise_3(...)`): here its awaits are of probes'
    data, given at once by the replay, so it ends on its first step, with no event loop; a check that
    would wait on one is not judged here (it raises)."""
    if not inspect.iscoroutine(result):
        return
    try:
        result.send(None)
    except StopIteration:
        return
    result.close()
    raise RuntimeError("a check that waits for more than its probes' data cannot be judged by the checker")


async def verify(source: str, ask) -> bool:
    """An exercise's verdict, decided here: its check cell run with the learner's names as proxies."""
    given = (await ask({"do": "names", "names": learner_names(source)})).get("names")
    names = {str(name): kind for name, kind in given.items() if isinstance(kind, dict)} \
        if isinstance(given, dict) else {}
    answers = []
    while True:
        state, found = attempt(source, names, answers)
        if state == "done":
            return found
        answers.append((found, await ask(found)))


async def run_job(job: list, ask) -> dict:
    """Drive a re-run: each lesson's cells run in the learner's process, each check decided here (or, for
    a check that needs the learner's process, observed there); the report of outcomes and limits.
    ask(request) is a coroutine giving the learner process's reply (a dict)."""
    outcomes, limits, ended = {}, [], []
    for lesson in job:
        notebook = lesson["notebook"]
        done = outcomes.setdefault(notebook, {})
        if not await ask({"do": "lesson"}) and not ended:
            ended.append([notebook, 1, "ended"])
        for number, cell in enumerate(lesson["cells"], 1):
            check = cell["check"]
            if check is not None and cell["verified"]:
                try:
                    done[str(check)] = await verify(cell["source"], ask)
                except NotDeterministic:
                    limits.append([notebook, number, "replay"])
                continue
            reply = await ask({"do": "run" if check is None else "check", "source": cell["source"],
                               "check": check})
            if not reply and not ended:  # every reply says something: an empty one is the side gone
                ended.append([notebook, number, "ended"])
            if isinstance(reply.get("limit"), str):
                limits.append([notebook, number, reply["limit"][:40]])
            if check is not None:
                done[str(check)] = reply.get("passed") is True
    await ask({"do": "end"})
    limits += ended
    return {"outcomes": outcomes, "limits": limits}


def pipe_ask(to_learner: int, from_learner: int):
    """ask over two pipes; once the learner's side has broken the conversation, every reply is empty."""
    broken = []

    async def ask(request: dict) -> dict:
        if broken:
            return {}
        try:
            wire.send(to_learner, request)
            return wire.receive(from_learner)
        except (wire.WireError, OSError):
            broken.append(True)
            return {}

    return ask


def main(job_path: str, to_learner: str, from_learner: str, verdicts_fd: str) -> None:
    with open(job_path, encoding="utf-8") as stream:
        job = json.load(stream)
    report = asyncio.run(run_job(job, pipe_ask(int(to_learner), int(from_learner))))
    with os.fdopen(int(verdicts_fd), "w", encoding="utf-8") as verdicts:
        verdicts.write(json.dumps(report))


if __name__ == "__main__":
    main(*sys.argv[1:])
