"""content/coursekit packed as a wheel, so the Pyodide kernel imports it without reading the lesson files."""

import base64
import hashlib
import zipfile
from pathlib import Path

# Where the browser has no service worker (private windows), the kernel cannot see the files
# beside the lessons; a wheel in the site's Pyodide lock, loaded at kernel start, still can be.
NAME = "coursekit"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same sources always give the same bytes


def build_wheel(package: Path, dest: Path) -> Path:
    """Write `coursekit-0+<hash>-py3-none-any.whl` into dest and return its path.

    The version carries a hash of the sources: a changed coursekit gets a new file name, so a
    browser never pairs a cached old wheel with the new lock's sha256.
    """
    sources = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    members = {f"{NAME}/{p.relative_to(package).as_posix()}": p.read_bytes() for p in sources}
    digest = hashlib.sha256(b"".join(name.encode() + b"\0" + data for name, data in members.items()))
    version = f"0+{digest.hexdigest()[:12]}"
    info = f"{NAME}-{version}.dist-info"
    members[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {version}\n"
        "Summary: The course's helpers: runtime facts, workloads, checks and feedback.\n"
    ).encode()
    members[f"{info}/WHEEL"] = (b"Wheel-Version: 1.0\nGenerator: coursebuild\n"
                                b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    members[f"{info}/top_level.txt"] = f"{NAME}\n".encode()
    record = "".join(f"{name},sha256={urlsafe_sha256(data)},{len(data)}\n" for name, data in members.items())
    members[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()

    wheel = dest / f"{NAME}-{version}-py3-none-any.whl"
    dest.mkdir(parents=True, exist_ok=True)
    if not wheel.is_file():
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return wheel


def urlsafe_sha256(data: bytes) -> str:
    """A RECORD line's hash: urlsafe base64 of the sha256, without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
