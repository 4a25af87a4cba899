"""What the Pyodide kernel loads together with Pyodide itself, and the kernel's own wheels among it.

Once Pyodide has started, jupyterlite-pyodide-kernel installs micropip, piplite, ipykernel, comm,
pyodide-kernel, jedi and ipython one after another, each install waiting for the one before (on a
20 Mbit/s, 40 ms link, 3.2 s from micropip's request to the last wheel's arrival), except the
packages named in `loadPyodideOptions.packages` of lite_config/jupyter-lite.json: Pyodide fetches
those all at once while it starts, so their bytes arrive while its core still compiles. Every name
there must be in the site's lock; piplite, ipykernel (the kernel's shim) and pyodide-kernel are not
on PyPI in the versions the kernel needs, so their wheels come from the kernel's extension (the
folder its package.json names as piplite's `wheelDir`).
"""

import json
from pathlib import Path

from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename

from ..errors import BuildError

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNEL_EXTENSION = KERNEL_PLUGIN.split(":")[0]


def boot_packages(site_config: dict, config_file: Path) -> list[str]:
    """The names jupyter-lite.json (parsed: `site_config`) gives the kernel's loadPyodideOptions.packages."""
    try:
        settings = site_config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
        names = settings.get("loadPyodideOptions", {}).get("packages", [])
    except (KeyError, TypeError, AttributeError):
        names = []
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise BuildError(config_file, f"loadPyodideOptions.packages of {KERNEL_PLUGIN} must be a list of "
                                      f"package names, not {names!r}")
    for name in names:
        # the kernel skips its own install of a package only when the name is written as it writes it
        if name != canonicalize_name(name):
            raise BuildError(config_file, f"write the package {name!r} as {canonicalize_name(name)!r}")
    return names


def kernel_wheels(names: list[str], provided: set[str], extension: Path, config_file: Path) -> list[Path]:
    """The kernel extension's wheels for the names no pinned wheel `provided`; any other name is an error."""
    package = json.loads((extension / "package.json").read_text())
    wheel_dir = extension / package.get("piplite", {}).get("wheelDir", "static/pypi")
    shipped = {}
    for path in sorted(wheel_dir.glob("*.whl")):
        try:
            shipped.setdefault(parse_wheel_filename(path.name)[0], []).append(path)
        except InvalidWheelFilename:
            continue
    wanted = [name for name in names if name not in provided]
    unknown = [name for name in wanted if name not in shipped]
    if unknown:
        raise BuildError(config_file, f"loadPyodideOptions.packages names {', '.join(unknown)}, which "
                                      "neither lite_config/pyodide-requirements.txt pins nor "
                                      f"{KERNEL_EXTENSION} ships")
    several = [name for name in wanted if len(shipped[name]) > 1]
    if several:
        raise BuildError(config_file, f"{KERNEL_EXTENSION} ships more than one wheel of "
                                      f"{', '.join(several)}: which one to load with Pyodide is not clear")
    return [shipped[name][0] for name in wanted]
