"""The build's path (the command line, the steps, the inputs, the pages) never reaches a browser library."""

import ast
import subprocess
import sys
from pathlib import Path

import coursebuild

PACKAGE = Path(coursebuild.__file__).parent
BUILD_PACKAGES = ("commands", "site", "inputs", "pages", "serving")  # what `build.py build` may import
FOUNDATION = ("errors", "logs", "files", "paths", "runtimes", "exercises")  # every package's
# the browser libraries, and the packages that drive them (measuring is `measure`'s, never the build's)
FORBIDDEN = ("playwright", "selenium", "coursebuild.browsers", "coursebuild.measuring")
# every module of the build's packages imported with the forbidden ones refused, as if not installed
IMPORT_ALL = f"""
import importlib, importlib.abc, pkgutil, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.startswith({FORBIDDEN!r}):
            raise ImportError(f"the build imported {{name}}")

sys.meta_path.insert(0, Refuse())
import coursebuild
for package in {BUILD_PACKAGES!r}:
    module = importlib.import_module(f"coursebuild.{{package}}")
    for found in pkgutil.walk_packages(module.__path__, f"coursebuild.{{package}}."):
        if found.name != "coursebuild.commands.measure":  # `measure` itself: the one command that drives them
            importlib.import_module(found.name)
"""


def imported_modules(source: Path, package: str) -> set[str]:
    """Every module a source file imports, at its top or inside a function, as an absolute name."""
    names = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            names |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return names


def build_sources() -> list[tuple[Path, str]]:
    """Each source file of the build's packages and the foundation, with the package it belongs to."""
    sources = [(PACKAGE / f"{name}.py", "coursebuild") for name in FOUNDATION]
    for name in BUILD_PACKAGES:
        for path in sorted((PACKAGE / name).rglob("*.py")):
            if path != PACKAGE / "commands" / "measure.py":
                sources.append((path, ".".join(path.relative_to(PACKAGE.parent).parent.parts)))
    return sources


def test_every_module_of_the_build_imports_with_no_browser_library_installed():
    done = subprocess.run([sys.executable, "-c", IMPORT_ALL], cwd=PACKAGE.parent, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr.strip().splitlines()[-1]


def test_no_module_of_the_build_imports_the_browser_layer_even_inside_a_function():
    reaching = [f"{path.relative_to(PACKAGE.parent)}: {module}" for path, package in build_sources()
                for module in sorted(imported_modules(path, package)) if module.startswith(FORBIDDEN)]
    assert reaching == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    source = tmp_path / "step.py"
    source.write_text("def run():\n    from ..browsers.engines import launched\n")
    assert "coursebuild.browsers.engines" in imported_modules(source, "coursebuild.site")
