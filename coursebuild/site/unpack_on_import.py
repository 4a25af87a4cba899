"""Run inside Pyodide by kernel_snapshot_in_node.mjs, so the kernel's snapshot holds it: a deferred
wheel stays packed until a module of it that is not in the snapshot's memory is first imported.

Unpacking a wheel is most of what loading it costs (jedi's 1,900 files: half of the kernel's package
loading); the first completion, not every kernel start, pays it for jedi.
"""

import importlib
import os
import site
import sys
import zipfile


class UnpackOnImport:
    """A finder ahead of Python's own: the first import of a deferred wheel's module unpacks the wheel
    into site-packages, where Python's own finders then find it."""

    def __init__(self, wheels: dict[str, str]):
        self.wheels = wheels  # each top-level import name of a deferred wheel -> the packed wheel's path

    def find_spec(self, fullname, path=None, target=None):
        # The packed file, not a record in this object, says whether to unpack: this object lives in
        # the snapshot, and a probe at build time (IPython asks whether jedi can be found) unpacked
        # it in that Python's files only. Unpacked, the packed file goes.
        wheel = self.wheels.get(fullname.partition(".")[0])
        if wheel is not None and os.path.exists(wheel):
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(site.getsitepackages()[0])
            os.remove(wheel)
            importlib.invalidate_caches()
        return None


def install(wheels: dict[str, str]) -> None:
    """Put the finder first on sys.meta_path for these wheels (import name -> path)."""
    sys.meta_path.insert(0, UnpackOnImport(dict(wheels)))
