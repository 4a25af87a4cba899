"""What a re-run runs: a learner's cells with the course's published check cells in place of theirs, \
and the cells a human should read because they reach for the grading machinery."""

import ast
import re

from ..exercises import CALL

CHECK_NAME = re.compile(r"check_exercise_\d+")
# names through which code could reach the checks, their outcomes or the harness around them
MACHINERY = frozenset({
    "progress", "feedback", "observing", "sink", "record", "exercise_frame", "modules", "_getframe",
    "settrace", "setprofile", "f_back", "f_globals", "f_locals", "f_code", "__globals__", "__code__",
    "__builtins__", "builtins", "gc", "ctypes", "_exit", "fdopen", "dup", "dup2", "exec", "eval", "compile",
    "__import__", "importlib", "getattr", "setattr", "globals", "/proc", "/dev/fd",
    "js", "pyodide", "postMessage",  # in the grading page's worker: the way to the page itself
})


def job(copies: dict, published: dict, verified: dict, probed: dict) -> list:
    """The checker's job: per lesson copy, its cells; each cell that checks (or names) an exercise is
    replaced by the course's check cell, once, and checks the copy lacks run after its last cell. A check
    cell says whether the checker decides it (verified; probed too if from a probe's data) or the learner's
    process runs it (observed)."""
    runs = []
    for notebook, copy in copies.items():
        checks = {n: {"source": source, "check": int(n), "verified": n in verified[notebook],
                      "probed": n in probed[notebook]}
                  for n, source in published[notebook][1].items()}
        cells, placed = [], set()
        for source in copy.code:
            if "check_exercise_" not in source:
                cells.append({"source": source, "check": None, "verified": False})
                continue
            for number in CALL.findall(source):
                if number in checks and number not in placed:
                    placed.add(number)
                    cells.append(checks[number])
        cells += [checks[n] for n in sorted(checks, key=int) if n not in placed]
        runs.append({"notebook": notebook, "cells": cells})
    return runs


def review(copies: dict, published: dict) -> dict:
    """Per lesson, the machinery names the learner's own cells (those not as published) use."""
    found = {}
    for notebook, copy in copies.items():
        as_published = set(published[notebook][0])
        own = [source for source in copy.code if source not in as_published]
        names = set().union(*map(names_used, own)) if own else set()
        if names:
            found[notebook] = sorted(names)
    return found


def names_used(source: str) -> set[str]:
    """The machinery names a cell uses (names, attributes, imports, strings), and a check it defines."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
        tree = ast.parse(TransformerManager().transform_cell(source))
    except SyntaxError:
        return set()  # it cannot run either
    except (RecursionError, MemoryError, ValueError):
        return {"code too deeply nested to read"}
    used = set()
    for node in ast.walk(tree):
        words = []
        if isinstance(node, ast.Name):
            words = [node.id]
        elif isinstance(node, ast.Attribute):
            words = [node.attr]
        elif isinstance(node, ast.alias):
            words = node.name.split(".")
        elif isinstance(node, ast.ImportFrom) and node.module:
            words = node.module.split(".")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            used |= {word for word in MACHINERY if word.startswith("/") and word in node.value}
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if CHECK_NAME.fullmatch(node.name):
                used.add(f"its own {node.name}")
        used |= MACHINERY.intersection(words)
    return used
