"""Run inside Pyodide by kernel_snapshot_in_node.mjs, so the kernel's snapshot holds it: a deferred
wheel is fetched and unpacked only when a module of it that is not in the snapshot's memory is first
imported, or its distribution's metadata is first looked up.

Unpacking a wheel is most of what loading it costs (jedi's 1,900 files: half of the kernel's package
loading), and the deferred wheels are a fifth of what a first visit downloads: the first completion,
not every kernel start, pays both for jedi (a lesson's first cell needs none of them).
"""

import hashlib
import importlib
import io
import os
import re
import site
import sys
import zipfile

NAME = "_course_unpack_on_import"  # this module's name in sys.modules, where kernel_start.mjs finds FINDER


def distribution_key(name: str) -> str:
    """A distribution's name as packaging compares them ("Prompt_Toolkit" and "prompt-toolkit" alike)."""
    return re.sub(r"[-_.]+", "-", name).lower()


class UnpackOnImport:
    """A finder ahead of Python's own: the first import of a deferred wheel's module, or the first
    lookup of its distribution by name, fetches the wheel and unpacks it into site-packages, where
    Python's own finders then find it."""

    def __init__(self, folder: str, wheels: list[dict]):
        self.folder = folder  # where the build's Pyodide finds the wheels (a restored one has no such folder)
        self.wheels = {name: wheel for wheel in wheels for name in wheel["imports"]}  # by import name
        self.distributions = {distribution_key(wheel["name"]): wheel for wheel in wheels}
        self.base_url = ""  # the site's Pyodide folder, which kernel_start.mjs sets after a restore

    def find_spec(self, fullname, path=None, target=None):
        wheel = self.wheels.get(fullname.partition(".")[0])
        if wheel is not None:
            self.unpack(wheel)
        return None

    def find_distributions(self, context=None):
        # A lookup by name (importlib.metadata.version("jedi"), micropip asking what is installed);
        # not a listing of every distribution (entry points' lookups list them all: they would fetch
        # every deferred wheel).
        name = getattr(context, "name", None)
        wheel = self.distributions.get(distribution_key(name)) if name else None
        if wheel is not None:
            self.unpack(wheel)
        return iter(())

    def unpack(self, wheel: dict) -> None:
        """Fetch and unpack the wheel, unless site-packages has it already."""
        # Site-packages, not a record in this object, says whether a wheel is unpacked: this object
        # lives in the snapshot, and a probe at build time (IPython asks whether jedi can be found)
        # unpacked jedi in the build's Python's files only.
        target_folder = site.getsitepackages()[0]
        if not os.path.isdir(os.path.join(target_folder, wheel["dist_info"])):
            with zipfile.ZipFile(io.BytesIO(self.wheel_bytes(wheel))) as archive:
                archive.extractall(target_folder)
            importlib.invalidate_caches()

    def wheel_bytes(self, wheel: dict) -> bytes:
        """The wheel's bytes, checked against the site's lock: from the site once restored (the kernel's
        worker may wait on a request; a page may not), else from the build's folder."""
        if self.base_url:
            import js

            request = js.XMLHttpRequest.new()
            request.open("GET", self.base_url + wheel["file"], False)
            request.responseType = "arraybuffer"
            request.send()
            data = request.response.to_bytes() if request.status == 200 else b""
            where = f"HTTP {request.status}"
        else:
            try:
                with open(f"{self.folder}/{wheel['file']}", "rb") as packed:
                    data = packed.read()
            except OSError as error:
                raise ImportError(f"{wheel['file']} could not be read: {error}") from error
            where = self.folder
        if hashlib.sha256(data).hexdigest() != wheel["sha256"]:
            raise ImportError(f"{wheel['file']} ({where}) is not the file the site's lock lists")
        return data


def install(folder: str, wheels: list[dict]) -> None:
    """Put the finder first on sys.meta_path for these wheels (file, sha256, dist_info, imports), and
    this module in sys.modules as NAME with the finder as FINDER."""
    module = sys.modules[NAME] = type(sys)(NAME)
    module.FINDER = UnpackOnImport(folder, wheels)
    sys.meta_path.insert(0, module.FINDER)
