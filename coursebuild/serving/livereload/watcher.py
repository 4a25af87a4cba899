"""Notice edits to the course's sources by polling their files' sizes and modification times."""

import time
from pathlib import Path

POLL_S = 0.25
IGNORED = {"__pycache__", ".ipynb_checkpoints"}


def snapshot(folders: list[Path]) -> dict[Path, tuple[int, int]]:
    """Every file under folders, with its modification time and size (editors' hidden files left out)."""
    found = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if IGNORED.isdisjoint(path.parts) and not path.name.startswith(".") and path.is_file():
                stat = path.stat()
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def next_change(folders: list[Path], before: dict) -> tuple[dict, set[Path]]:
    """Wait until a file is added, removed or changed, and until saving it is over (two polls agree);
    the new snapshot and the files that changed."""
    while True:
        time.sleep(POLL_S)
        now = snapshot(folders)
        if now != before:
            break
    while True:  # an editor may write a file in several steps
        time.sleep(POLL_S)
        settled = snapshot(folders)
        if settled == now:
            break
        now = settled
    changed = {path for path in now.keys() | before.keys() if now.get(path) != before.get(path)}
    return now, changed
