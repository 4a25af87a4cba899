"""How long Pyodide under Node takes to import IPython, jedi, traitlets, pygments and prompt_toolkit
from the site's wheels as PyPI ships them (sources) and as the build ships them (bytecode).

Run from the repository root after `python3 build.py` (which fills the download and bytecode caches):

    python3 benchmarks/bytecode_imports.py [--rounds 5]

Each round starts a fresh Pyodide for each kind, alternating, so both share the machine's load
alike; it prints each round and the medians. Not part of the test suite.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursebuild.inputs.pyodide_config import PyodideConfig, read_pyodide_config  # noqa: E402
from coursebuild.paths import PYODIDE_CONFIG, PYODIDE_REQUIREMENTS  # noqa: E402
from coursebuild.site import bytecode, pyodide_dist  # noqa: E402

TIMER = Path(__file__).with_name("import_in_pyodide.mjs")
HEAVIEST = "import IPython, jedi, traitlets, pygments, prompt_toolkit"


def wheel_folders(config: PyodideConfig, tarball: Path, tmp: Path) -> dict[str, Path]:
    """Two folders of the pinned wheels: as PyPI ships them, and compiled as the site ships them."""
    cache = ROOT / ".cache" / f"pyodide-{config.npm.version}"
    pinned = pyodide_dist.read_requirements(PYODIDE_REQUIREMENTS)
    python = pyodide_dist.python_minor(pyodide_dist.read_core_lock(tarball))
    sources = pyodide_dist.fetch_wheels(pinned, python, cache / "wheels", PYODIDE_REQUIREMENTS)
    compiled = bytecode.compiled_wheels(sources, config.bytecode.keep_sources, tarball, config.npm.version,
                                        cache)
    folders = {"sources": tmp / "sources", "bytecode": tmp / "bytecode"}
    for kind, wheels in (("sources", sources), ("bytecode", compiled)):
        folders[kind].mkdir()
        for wheel in wheels:
            shutil.copyfile(wheel, folders[kind] / wheel.name)  # Pyodide cannot follow a symlink out
    return folders


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    config = read_pyodide_config(PYODIDE_CONFIG)
    npm = config.npm
    tarball = ROOT / ".cache" / f"pyodide-{npm.version}" / f"{npm.package}-{npm.version}.tgz"
    if not tarball.is_file():
        print(f"benchmark: {tarball.name} is not cached: run `python3 build.py` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        core = bytecode.unpack_core(tarball, Path(tmp) / "core")
        folders = wheel_folders(config, tarball, Path(tmp))
        seconds = {kind: [] for kind in folders}
        for round_number in range(1, args.rounds + 1):
            for kind, folder in folders.items():
                done = subprocess.run(["node", str(TIMER), str(core), str(folder), HEAVIEST],
                                      capture_output=True, text=True, check=True)
                seconds[kind].append(json.loads(done.stdout.strip().splitlines()[-1])["seconds"])
            print(f"round {round_number}: " + ", ".join(f"{kind} {values[-1]:.2f} s"
                                                        for kind, values in seconds.items()), flush=True)
    medians = {kind: statistics.median(values) for kind, values in seconds.items()}
    ratio = medians["bytecode"] / medians["sources"]
    print(json.dumps({"median seconds": medians, "bytecode/sources": ratio}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
