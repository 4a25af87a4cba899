"""A lesson's code run in this process, solutions included, for tests that call its functions."""

import ast
import inspect
import os
import shutil
import tempfile
from pathlib import Path

import jupytext

from coursebuild.paths import CONTENT

from .threads import run_coroutine

_RUNS: dict[str, dict] = {}


def lesson_namespace(stem: str) -> dict:
    """The names the lesson's code cells define, run in order (once a session) in a copy of its data.

    Unlike the `solutions` fixture, this keeps the helpers a solution uses from the cells above it;
    coursekit must already be importable (the `coursekit` fixture).
    """
    if stem not in _RUNS:
        namespace = {"__name__": "__main__"}
        with tempfile.TemporaryDirectory() as folder:
            shutil.copytree(CONTENT / "data", Path(folder) / "data")
            started_in = os.getcwd()
            os.chdir(folder)
            try:
                for cell in jupytext.read(CONTENT / f"{stem}.py").cells:
                    if cell.cell_type == "code":
                        code = compile(cell.source, f"{stem}.py", "exec",
                                       flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
                        result = eval(code, namespace)
                        if inspect.iscoroutine(result):
                            run_coroutine(result)
            finally:
                os.chdir(started_in)
        _RUNS[stem] = namespace
    return _RUNS[stem]
