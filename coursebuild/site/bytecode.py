"""The site's pure-Python wheels precompiled to the bytecode of the pinned Pyodide's own Python.

PyPI's wheels hold only sources, so the learner's browser would compile every module of IPython,
jedi, pygments, prompt_toolkit ... at each kernel start and throw the result away (importing them
under Node: 6.6 s from sources, 3.3 s from bytecode). Bytecode must match the runtime's Python to
the release, so Pyodide itself compiles it, under Node (bytecode_in_node.mjs). Each compiled wheel
is cached under the Pyodide version's cache folder, keyed by the source wheel's hash and the
compiler's own, and verified on every build like a download: a new Pyodide compiles afresh.
"""

import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from packaging.utils import parse_wheel_filename

from ..errors import BuildError
from ..files import sha256_of, write_atomically
from ..logs import log
from . import lazy_imports
from .course_wheel import ZIP_TIME
from .pyodide_dist import BYTECODE_CACHE, DOWNLOAD_PREFIX

COMPILER = Path(__file__).with_name("bytecode_in_node.mjs")
IN_PYODIDE = Path(__file__).with_name("bytecode_in_pyodide.py")
PATCHES = Path(lazy_imports.__file__)
CORE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]


def build_tag(pyodide_version: str) -> str:
    """The wheel build tag naming the Pyodide that compiled it (`0pyodide314_0_6`).

    A compiled wheel gets a file name of its own, so a browser never pairs the source wheel it
    cached under the old name with the new lock's sha256.
    """
    return "0pyodide" + pyodide_version.replace(".", "_")


def compiled_name(wheel: Path, tag: str) -> str:
    """`ipython-9.12.0-0pyodide314_0_6-py3-none-any.whl` for `ipython-9.12.0-py3-none-any.whl`."""
    stem = wheel.name.removesuffix(".whl").split("-")
    if parse_wheel_filename(wheel.name)[2]:
        raise BuildError(wheel, "already has a build tag; the bytecode step names its wheels by one")
    return "-".join([*stem[:2], tag, *stem[2:]]) + ".whl"


def cache_key(wheel_sha256: str, keep_sources: bool) -> str:
    """What a compiled wheel depends on besides the Pyodide version (its cache folder): the source
    wheel, whether its sources stay, and the compiler (with the import patches it applies first)."""
    inputs = b"".join(path.read_bytes() for path in (COMPILER, IN_PYODIDE, PATCHES))
    compiler = hashlib.sha256(inputs).hexdigest()
    return hashlib.sha256(f"{wheel_sha256} {keep_sources} {compiler}".encode()).hexdigest()[:24]


def cached(entry: Path) -> Path | None:
    """The compiled wheel of a cache entry if its bytes are the ones recorded when it was compiled."""
    wheels = list(entry.glob("*.whl")) if entry.is_dir() else []
    stamp = entry / "sha256"
    if len(wheels) == 1 and stamp.is_file() and sha256_of(wheels[0]) == stamp.read_text().strip():
        return wheels[0]
    return None


def compiled_wheels(wheels: list[Path], keep_sources: list[str], tarball: Path, version: str,
                    cache: Path) -> dict[Path, Path]:
    """Each wheel compiled by Pyodide `version` (core files in the npm `tarball`), cached or compiled
    now, mapped to the wheel it was compiled from.

    A wheel whose distribution name is in keep_sources keeps its .py files, its bytecode beside them.
    The patches of lazy_imports.py are applied before it is compiled.
    """
    cache = cache / BYTECODE_CACHE
    entries = {}
    for wheel in wheels:
        keep = parse_wheel_filename(wheel.name)[0] in keep_sources
        entries[wheel] = (cache / cache_key(sha256_of(wheel), keep), keep)
    missing = [wheel for wheel, (entry, _) in entries.items() if cached(entry) is None]
    if missing:
        log.info(f"bytecode: compiling {len(missing)} wheels in Pyodide {version} under Node ...")
        compile_in_pyodide({wheel: entries[wheel] for wheel in missing}, tarball, build_tag(version), cache)
    log.info(f"bytecode: {len(wheels)} wheels compiled for Pyodide {version} "
             f"({len(wheels) - len(missing)} from cache)")
    compiled = {wheel: cached(entry) for wheel, (entry, _) in entries.items()}
    for wheel, result in compiled.items():
        if result is None:
            raise BuildError(entries[wheel][0], f"holds no verified compiled wheel of {wheel.name}")
    return {result: wheel for wheel, result in compiled.items()}


def unpack_core(tarball: Path, dest: Path) -> Path:
    """Put the core files Pyodide needs to start under Node from the npm tarball into dest."""
    with tarfile.open(tarball) as archive:
        for name in CORE_FILES:
            write_atomically(dest / name, archive.extractfile(f"package/{name}").read())
    return dest


def compile_in_pyodide(entries: dict[Path, tuple[Path, bool]], tarball: Path, tag: str, cache: Path) -> None:
    """Run Pyodide under Node on a job folder of the wheels; each result becomes its cache entry."""
    need_node(COMPILER, "compile the wheels")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=DOWNLOAD_PREFIX, dir=cache) as tmp:
        job, core = Path(tmp) / "job", unpack_core(tarball, Path(tmp) / "core")
        job.mkdir()
        jobs = []
        for index, (wheel, (_, keep)) in enumerate(entries.items()):
            if lazy_imports.patches_for(wheel):
                lazy_imports.write_patched(wheel, job / f"{index}.whl")
            else:
                shutil.copyfile(wheel, job / f"{index}.whl")
            jobs.append({"src": f"{index}.whl", "out": f"{index}.out", "keep_sources": keep,
                         "build_tag": tag})
        (job / "jobs.json").write_text(json.dumps({"wheels": jobs, "zip_time": ZIP_TIME}))
        done = subprocess.run(["node", str(COMPILER), str(core), str(job)], capture_output=True, text=True)
        if done.returncode != 0:
            raise BuildError(COMPILER, f"Pyodide could not compile the wheels: {last_lines(done.stderr)}")
        for index, (wheel, (entry, _)) in enumerate(entries.items()):
            staged = Path(tmp) / f"entry-{index}"  # complete before it takes the entry's name
            compiled = staged / compiled_name(wheel, tag)
            staged.mkdir()
            (job / f"{index}.out").replace(compiled)
            (staged / "sha256").write_text(sha256_of(compiled))
            shutil.rmtree(entry, ignore_errors=True)  # one that failed verification
            try:
                staged.rename(entry)
            except OSError:  # a build of another copy of the course put the same entry there meanwhile
                pass


def need_node(script: Path, to_do: str) -> str:
    """The system's `node`; fail, naming the script that runs under it, when it is not on PATH."""
    if (node := shutil.which("node")) is None:
        raise BuildError(script, f"`node` is not on PATH; install Node.js 20 or later to {to_do}")
    return node


def last_lines(text: str, count: int = 3) -> str:
    """The end of a tool's error output, on one line."""
    return " | ".join(line.strip() for line in text.strip().splitlines()[-count:]) or "(no output)"
