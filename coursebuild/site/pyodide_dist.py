"""Self-hosted Pyodide: fetch the core from npm and the wheels from PyPI once, verify, stage."""

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename

from ..errors import BuildError
from ..files import remove_all_but, remove_strays, sha256_of, write_atomically, write_if_changed
from ..inputs.pyodide_config import NpmPin
from ..logs import log

LOCK_NAME = "pyodide-lock.json"
# Where Pyodide and its wheels are staged in jupyter lite's project, and so where the built site has them
SITE_FOLDER = "static/pyodide"
# Downloads land in temporary folders named so in the cache; one a killed build left is removed by the next.
DOWNLOAD_PREFIX = "download-"
BYTECODE_CACHE = "bytecode"  # the compiled wheels' folder in a Pyodide version's cache (bytecode.py)


@dataclass(frozen=True)
class Wheel:
    """One pinned wheel of the requirements file."""

    name: str
    version: str
    hashes: frozenset[str]


def read_requirements(req_file: Path) -> list[Wheel]:
    """Parse `name==version --hash=sha256:...` lines (pip's hash-checking format)."""
    try:
        text = req_file.read_text()
    except OSError as error:
        raise BuildError(req_file, f"cannot read it ({error.strerror})")
    wheels = []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spec, *options = line.split()
        hashes = frozenset(opt.removeprefix("--hash=sha256:") for opt in options
                           if opt.startswith("--hash=sha256:"))
        try:
            req = Requirement(spec)
        except InvalidRequirement as error:
            raise BuildError(req_file, f"bad requirement {spec!r}: {error}")
        pins = [s.version for s in req.specifier if s.operator == "=="]
        if len(pins) != 1 or not hashes:
            raise BuildError(req_file, f"{spec!r} must be pinned with == and carry --hash=sha256:")
        wheels.append(Wheel(canonicalize_name(req.name), pins[0], hashes))
    return wheels


def npm_integrity(path: Path) -> str:
    """The npm-style sha512 integrity string of a file."""
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def npm_registry_integrity(npm: NpmPin, version: str) -> str:
    """The integrity the npm registry publishes for another version of the package."""
    spec = f"{npm.package}@{version}"
    if shutil.which("npm") is None:
        raise BuildError(spec, "`npm` is not on PATH; install Node.js with npm")
    done = subprocess.run(["npm", "view", spec, "dist.integrity"], capture_output=True, text=True)
    integrity = done.stdout.strip()
    if done.returncode != 0 or not integrity.startswith("sha512-"):
        raise BuildError(spec, f"npm has no such version: {last_line(done.stderr or done.stdout)}")
    return integrity


def fetch_core(npm: NpmPin, cache: Path) -> Path:
    """The npm tarball of Pyodide, from the cache if its integrity matches, else via `npm pack`."""
    tarball = cache / f"{npm.package}-{npm.version}.tgz"
    if tarball.is_file() and npm_integrity(tarball) == npm.integrity:
        log.info(f"pyodide {npm.version}: cached {tarball.name} ({mb(tarball)})")
        return tarball
    if shutil.which("npm") is None:
        raise BuildError(tarball, "not cached and `npm` is not on PATH; install Node.js with npm")
    log.info(f"pyodide {npm.version}: downloading with npm ...")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=DOWNLOAD_PREFIX, dir=cache) as tmp:
        spec = f"{npm.package}@{npm.version}"
        done = subprocess.run(
            ["npm", "pack", spec, "--pack-destination", tmp, "--json", "--silent"],
            capture_output=True, text=True,
        )
        packed = list(Path(tmp).glob("*.tgz"))
        if done.returncode != 0 or len(packed) != 1:
            raise BuildError(spec, f"npm pack failed: {last_line(done.stderr or done.stdout)}")
        got = npm_integrity(packed[0])
        if got != npm.integrity:
            raise BuildError(packed[0].name, f"integrity {got} does not match the pinned {npm.integrity}")
        packed[0].replace(tarball)
    log.info(f"pyodide {npm.version}: downloaded {tarball.name} ({mb(tarball)})")
    return tarball


def remove_interrupted_downloads(cache_root: Path) -> list[Path]:
    """Delete the download folders a killed build left in the cache \
(only ever called under the build lock)."""
    return [stray for version in sorted(cache_root.glob("pyodide-*"))
            for folder in (version, version / "wheels", version / BYTECODE_CACHE)
            for stray in remove_strays(folder, DOWNLOAD_PREFIX + "*")]


def read_core_lock(tarball: Path) -> dict:
    """Pyodide's own lock file from the npm tarball (its `info` says which Python it runs)."""
    with tarfile.open(tarball) as archive:
        return json.load(archive.extractfile(f"package/{LOCK_NAME}"))


def fetch_wheels(wheels: list[Wheel], python: str, cache: Path, req_file: Path) -> list[Path]:
    """Every pinned wheel, from the cache when its sha256 is pinned, else downloaded by pip."""
    cache.mkdir(parents=True, exist_ok=True)
    found = {w: cached_wheel(w, cache) for w in wheels}
    missing = [w for w, path in found.items() if path is None]
    if missing:
        log.info(f"wheels: downloading {len(missing)} from PyPI for Python {python} ...")
        download_wheels(missing, python, cache, req_file)
        for wheel in missing:
            found[wheel] = cached_wheel(wheel, cache)
            if found[wheel] is None:
                raise BuildError(req_file,
                                 f"pip did not deliver {wheel.name}=={wheel.version} with a pinned hash")
            log.info(f"wheels: downloaded {found[wheel].name} ({mb(found[wheel])})")
    log.info(f"wheels: {len(wheels)} verified by sha256 ({len(wheels) - len(missing)} from cache)")
    return [found[w] for w in wheels]


def cached_wheel(wheel: Wheel, cache: Path) -> Path | None:
    """The cached file of a pinned wheel whose hash matches the pin.

    A file that does not match is never shipped, but stays until a download that matches the
    pin replaces it: when the pin itself is wrong, the good cached wheel is kept.
    """
    for path in cache.glob("*.whl"):
        try:
            name, version, *_ = parse_wheel_filename(path.name)
        except InvalidWheelFilename:
            continue  # not a wheel pip could have put here: ignored
        if name == wheel.name and str(version) == wheel.version and sha256_of(path) in wheel.hashes:
            return path
    return None


def download_wheels(wheels: list[Wheel], python: str, cache: Path, req_file: Path) -> None:
    """Let pip download pure-Python wheels for Pyodide's Python, checking every hash."""
    with tempfile.TemporaryDirectory(prefix=DOWNLOAD_PREFIX, dir=cache) as tmp:
        reqs = Path(tmp) / "requirements.txt"
        reqs.write_text("".join(
            f"{w.name}=={w.version} " + " ".join(f"--hash=sha256:{h}" for h in sorted(w.hashes)) + "\n"
            for w in wheels
        ))
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
             "--python-version", python, "--require-hashes", "-r", str(reqs), "-d", tmp],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise BuildError(req_file, hash_mismatches(done.stderr)
                             or f"pip download failed: {last_line(done.stderr)}")
        for path in Path(tmp).glob("*.whl"):
            path.replace(cache / path.name)


def hash_mismatches(pip_output: str) -> str | None:
    """pip's report of downloads whose hash is not pinned, as one line per package (None if it has none).

    pip prints `parso==0.8.6 from https://...:`, then `Expected sha256 <pin>` (and `or sha256 <pin>`
    for each further pin), then `Got <hash>`.
    """
    found, package, expected = [], None, []
    for line in pip_output.splitlines():
        if match := re.match(r"\s*(\S+)==(\S+) from ", line):
            package, expected = f"{match[1]} {match[2]}", []
        elif match := re.match(r"\s*(?:Expected|or) sha256 ([0-9a-f]+)", line):
            expected.append(match[1])
        elif (match := re.match(r"\s*Got\s+([0-9a-f]+)", line)) and package:
            found.append(f"{package}: the pin expects sha256 {' or '.join(expected)}, "
                         f"PyPI sent {match[1]} (the cached wheels were kept)")
    return "; ".join(found) or None


def staged_files(dest: Path, names: list[str]) -> dict[str, str] | None:
    """The sha256 of each staged file, or None if one is missing."""
    if not all((dest / n).is_file() for n in names):
        return None
    return {n: sha256_of(dest / n) for n in names}


def stage(tarball: Path, npm: NpmPin, wheels: dict[Path, Path], dest: Path, stamp: Path) -> None:
    """Put the shipped core files, the wheels and a lock listing exactly those wheels in dest.

    `wheels` maps each wheel to ship to the wheel its lock entry is read from: itself, or the
    source wheel it was compiled from (pyodide_lock finds a package's import names by its .py files,
    which a compiled wheel no longer has). `stamp` records what dest was staged from and the hash
    of every file staged; when neither has changed, nothing is redone (unpacking the core and
    reading every wheel for the lock is a tenth of a rebuild), and a staged file edited since is
    staged again.
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    staged_from = json.dumps({"core": npm.integrity, "ship": npm.ship,
                              "wheels": {w.name: sha256_of(w) for w in wheels}}, sort_keys=True)
    names = [*npm.ship, LOCK_NAME, *(w.name for w in wheels)]
    if stamp.is_file() and stamp.read_text() == json.dumps([staged_from, staged_files(dest, names)]):
        return
    stamp.unlink(missing_ok=True)  # until the new staging is complete
    with tarfile.open(tarball) as archive:
        for name in npm.ship:
            write_if_changed(dest / name, archive.extractfile(f"package/{name}").read())
    for wheel in wheels:
        write_if_changed(dest / wheel.name, wheel.read_bytes())

    core = read_core_lock(tarball)
    # Pyodide 314's lock no longer records its own version; pyodide_lock's schema wants it.
    base = PyodideLockSpec(info={"version": npm.version, **core["info"]}, packages={})
    try:
        spec = add_wheels_to_spec(base, list(wheels.values()), base_path=Path("/"))
    except RuntimeError as error:  # a wheel needs a package the requirements do not pin
        raise BuildError("lite_config/pyodide-requirements.txt", str(error))
    for wheel in wheels:  # each entry names the file that ships, with that file's hash
        package = spec.packages[canonicalize_name(parse_wheel_filename(wheel.name)[0])]
        package.file_name, package.sha256 = wheel.name, sha256_of(dest / wheel.name)
    lock = spec.model_dump()  # the same fields pyodide_lock itself writes
    write_if_changed(dest / LOCK_NAME, (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode())
    remove_all_but(dest, {Path(n) for n in names})
    write_atomically(stamp, json.dumps([staged_from, staged_files(dest, names)]).encode())


def python_minor(core_lock: dict) -> str:
    """`3.14` from the lock's `3.14.2`."""
    return ".".join(core_lock["info"]["python"].split(".")[:2])


def mb(path: Path) -> str:
    """A file's size in MB, for progress lines."""
    return f"{path.stat().st_size / 1e6:.1f} MB"


def last_line(text: str) -> str:
    """The last non-empty line of a tool's output: usually the one that says what failed."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"
