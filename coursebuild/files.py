"""Copy and write files only when their bytes change, so incremental builds stay incremental, and
write each in one rename, so a killed build never leaves half a file."""

import hashlib
import os
import shutil
from pathlib import Path


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write data to path unless it already holds exactly that; True if written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    write_atomically(path, data)
    return True


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to a temporary file beside path, then rename it over path: readers see the old
    bytes or the new ones, never part of them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def mirror(src: Path, dest: Path, skip=lambda rel: False) -> None:
    """Make dest hold exactly src's files, except those whose relative path `skip` rejects."""
    kept = set()
    for path in src.rglob("*"):
        rel = path.relative_to(src)
        if path.is_file() and not skip(rel):
            write_if_changed(dest / rel, path.read_bytes())
            kept.add(rel)
    remove_all_but(dest, kept)


def remove_all_but(root: Path, keep: set[Path]) -> None:
    """Delete files under root whose relative path is not in keep, then empty folders."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root)
        if path.is_file() and rel not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def replace_dir(staged: Path, target: Path) -> None:
    """Swap a fully built folder into place; the old one goes only once the new one is there."""
    old = old_dir(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def old_dir(target: Path) -> Path:
    """Where replace_dir keeps the previous folder while it swaps."""
    return target.with_name(target.name + ".old")


def recover_swap(target: Path) -> None:
    """Put the previous folder back if a build was killed between replace_dir's two renames."""
    if old_dir(target).is_dir() and not target.exists():
        old_dir(target).rename(target)


def remove_strays(folder: Path, pattern: str) -> list[Path]:
    """Delete what a killed build left behind: every folder in `folder` matching the glob `pattern`."""
    strays = sorted(p for p in folder.glob(pattern) if p.is_dir()) if folder.is_dir() else []
    for stray in strays:
        shutil.rmtree(stray, ignore_errors=True)
    return strays
