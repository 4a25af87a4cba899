"""Run inside Pyodide by kernel_snapshot_in_node.mjs, so the kernel's snapshot holds it: a deferred
wheel is fetched after the kernel has started and stays packed until a module of it that is not in
the snapshot's memory is first imported.

Unpacking a wheel is most of what loading it costs (jedi's 1,900 files: half of the kernel's package
loading), and its bytes are a third of what a first visit downloads: the first completion, not every
kernel start, pays both for jedi.
"""

import hashlib
import importlib
import os
import site
import sys
import zipfile

NAME = "_course_unpack_on_import"  # this module's name in sys.modules, where kernel_start.mjs finds it


class UnpackOnImport:
    """A finder ahead of Python's own: the first import of a deferred wheel's module unpacks the wheel
    into site-packages, where Python's own finders then find it."""

    def __init__(self, folder: str, wheels: list[dict]):
        self.folder = folder  # where the packed wheels wait
        self.wheels = {name: wheel for wheel in wheels for name in wheel["imports"]}  # by import name
        self.base_url = ""  # the site's Pyodide folder, once restored
        self.unpacked: set[str] = set()  # the wheels' files unpacked since the restore

    def restored(self, base_url: str) -> None:
        """Start afresh in a restored Pyodide: what the build unpacked is not in its files."""
        self.base_url, self.unpacked = base_url, set()
        os.makedirs(self.folder, exist_ok=True)

    def arrived(self, file: str, data) -> None:
        """Keep a deferred wheel's bytes (fetched in the background), unless it was needed sooner."""
        if file not in self.unpacked:
            with open(f"{self.folder}/{file}", "wb") as packed:
                packed.write(data.to_bytes() if hasattr(data, "to_bytes") else data)

    def find_spec(self, fullname, path=None, target=None):
        wheel = self.wheels.get(fullname.partition(".")[0])
        if wheel is not None and wheel["file"] not in self.unpacked:
            packed = f"{self.folder}/{wheel['file']}"
            if not os.path.exists(packed):  # needed before its background fetch arrived
                self.arrived(wheel["file"], self.fetch(wheel))
            with zipfile.ZipFile(packed) as archive:
                archive.extractall(site.getsitepackages()[0])
            os.remove(packed)
            self.unpacked.add(wheel["file"])
            importlib.invalidate_caches()
        return None

    def fetch(self, wheel: dict) -> bytes:
        """The wheel's bytes, fetched now (the kernel's worker may wait on a request; a page may not)."""
        if not self.base_url:  # the build's Pyodide: every wheel is written beside it
            raise ImportError(f"{wheel['file']} is not in {self.folder}")
        import js

        request = js.XMLHttpRequest.new()
        request.open("GET", self.base_url + wheel["file"], False)
        request.responseType = "arraybuffer"
        request.send()
        data = request.response.to_bytes() if request.status == 200 else b""
        if hashlib.sha256(data).hexdigest() != wheel["sha256"]:
            raise ImportError(f"{wheel['file']} could not be fetched (HTTP {request.status}) or is not "
                              "the file the site's lock lists")
        return data


def install(folder: str, wheels: list[dict]) -> None:
    """Put the finder first on sys.meta_path for these wheels (file, sha256, import names), and this
    module in sys.modules as NAME with the finder as FINDER."""
    module = sys.modules[NAME] = type(sys)(NAME)
    module.FINDER = UnpackOnImport(folder, wheels)
    sys.meta_path.insert(0, module.FINDER)
