"""Import lines the build rewrites in the kernel's wheels, so that a kernel starts with only what it needs.

`import pyodide_kernel` (what the kernel's worker runs once its packages are in) imported 592 modules
under Node, among them IPython's terminal (prompt_toolkit, 116 modules), jedi and parso (completion)
and unittest (piplite's `mock.patch`): no first cell needs them. Each patch below moves one such
import to the place that uses it, so it happens on first use. The bytecode step applies them to the
source wheel before Pyodide compiles it (bytecode.py), so the lock's hash is the patched wheel's.
A patch whose text is not in its wheel, exactly once, fails the build: an upgrade that moved the
line must be looked at again, not shipped without the patch.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import parse_wheel_filename

from ..errors import BuildError
from .course_wheel import ZIP_TIME


@dataclass(frozen=True)
class ImportPatch:
    """Replace `old` by `new` in one module of one distribution's wheel."""

    distribution: str  # as pip writes it
    module: str  # the file's path inside the wheel
    old: str
    new: str


PATCHES = (
    # IPython's terminal, which a kernel never shows, brings prompt_toolkit (116 modules)
    ImportPatch(
        "ipython", "IPython/__init__.py",
        "from .terminal.embed import embed\n",
        "def __getattr__(name):  # course build: IPython.embed imports the terminal on first use\n"
        "    if name == \"embed\":\n"
        "        from .terminal.embed import embed\n"
        "        return embed\n"
        "    raise AttributeError(f\"module 'IPython' has no attribute {name!r}\")\n"),
    # completion's jedi and parso (98 modules), imported by the completer's module
    ImportPatch(
        "ipython", "IPython/core/completer.py",
        "try:\n"
        "    import jedi\n"
        "    jedi.settings.case_insensitive_completion = False\n"
        "    import jedi.api.helpers\n"
        "    import jedi.api.classes\n"
        "    JEDI_INSTALLED = True\n"
        "except ImportError:\n"
        "    JEDI_INSTALLED = False\n",
        "import importlib.util  # course build: jedi is imported on the first completion\n"
        "JEDI_INSTALLED = importlib.util.find_spec(\"jedi\") is not None\n"
        "\n"
        "\n"
        "def _imported_jedi():\n"
        "    \"\"\"jedi, set up as IPython sets it up.\"\"\"\n"
        "    import jedi\n"
        "    jedi.settings.case_insensitive_completion = False\n"
        "    import jedi.api.helpers\n"
        "    import jedi.api.classes\n"
        "    return jedi\n"),
    # the completer's one use of jedi, which now imports it
    ImportPatch("ipython", "IPython/core/completer.py",
                "interpreter = jedi.Interpreter(", "interpreter = _imported_jedi().Interpreter("),
    # pydoc (with _pyrepl's pager) for a traceback's repr of a value: imported when one is shown
    ImportPatch("ipython", "IPython/core/tbtools.py", "import pydoc\n", ""),
    ImportPatch("ipython", "IPython/core/tbtools.py",
                "        return pydoc.text.repr(value)",
                "        import pydoc  # course build: imported by the first traceback that needs it\n"
                "\n"
                "        return pydoc.text.repr(value)"),
    # urllib.request and http.client for %pastebin, which posts to dpaste.com
    ImportPatch("ipython", "IPython/core/magics/code.py",
                "from urllib.request import Request, urlopen\n", ""),
    ImportPatch("ipython", "IPython/core/magics/code.py",
                "        request = Request(\n",
                "        from urllib.request import Request, urlopen  # course build: imported on first use\n"
                "\n"
                "        request = Request(\n"),
    # cProfile and pstats for %prun
    ImportPatch("ipython", "IPython/core/magics/execution.py", "import cProfile as profile\n", ""),
    ImportPatch("ipython", "IPython/core/magics/execution.py", "import pstats\n", ""),
    ImportPatch("ipython", "IPython/core/magics/execution.py",
                "        prof = profile.Profile()\n",
                "        import cProfile as profile  # course build: imported on first use\n"
                "        import pstats\n"
                "\n"
                "        prof = profile.Profile()\n"),
    # unittest, argparse and their kind (0.3 s under Node) for the one `mock.patch` of `%pip install`
    ImportPatch("piplite", "piplite/piplite.py", "from unittest.mock import patch\n", ""),
    # micropip (35 modules, with importlib.metadata and email) for `%pip`: the first install imports
    # it and keeps its own query_package before patching it, as piplite did at import (annotations
    # naming micropip's classes are not evaluated before they are read, since Python 3.14)
    ImportPatch("piplite", "piplite/piplite.py",
                "import micropip\n"
                "from micropip.package_index import CompatibilityLayer, ProjectInfo\n"
                "from micropip.package_index import query_package as _MP_QUERY_PACKAGE\n",
                "_MP_QUERY_PACKAGE = None  # course build: micropip's own, kept by the first install\n"),
    ImportPatch("piplite", "piplite/piplite.py",
                "    info = ProjectInfo._compatible_only(",
                "    from micropip.package_index import ProjectInfo\n"
                "\n"
                "    info = ProjectInfo._compatible_only("),
    # the one use of `patch`, which now imports it
    ImportPatch(
        "piplite", "piplite/piplite.py",
        "    with patch(\"micropip.package_index.query_package\", _query_package):\n",
        "    from unittest.mock import patch  # course build: imported by the first install\n"
        "\n"
        "    import micropip\n"
        "    from micropip import package_index\n"
        "\n"
        "    global _MP_QUERY_PACKAGE\n"
        "    if _MP_QUERY_PACKAGE is None:  # not patched yet: no install has started\n"
        "        _MP_QUERY_PACKAGE = package_index.query_package\n"
        "\n"
        "    with patch(\"micropip.package_index.query_package\", _query_package):\n"),
)


def patches_for(wheel: Path) -> list[ImportPatch]:
    """The patches of the wheel's distribution."""
    name = parse_wheel_filename(wheel.name)[0]
    return [patch for patch in PATCHES if patch.distribution == name]


def check_all_apply(wheels: list[Path]) -> None:
    """Fail when a patch names a distribution the site does not ship (the list must follow the pins)."""
    shipped = {parse_wheel_filename(wheel.name)[0] for wheel in wheels}
    for patch in PATCHES:
        if patch.distribution not in shipped:
            raise BuildError(Path(__file__).name, f"patches {patch.distribution}'s {patch.module}, which the "
                                                  "site no longer ships: drop that patch")


def write_patched(wheel: Path, dest: Path) -> None:
    """Write the wheel to dest with its patches applied."""
    with zipfile.ZipFile(wheel) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
    for patch in patches_for(wheel):
        if patch.module not in members:
            raise BuildError(wheel.name, f"has no {patch.module}, which a patch of coursebuild/site/"
                                         "lazy_imports.py rewrites: check the patch against this version")
        text = members[patch.module].decode()
        if text.count(patch.old) != 1:
            raise BuildError(wheel.name, f"{patch.module} holds {text.count(patch.old)} times, not once, the "
                                         f"text {patch.old.splitlines()[0].strip()!r} that a patch of "
                                         "coursebuild/site/lazy_imports.py replaces: check the patch "
                                         "against this version")
        members[patch.module] = text.replace(patch.old, patch.new).encode()
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
