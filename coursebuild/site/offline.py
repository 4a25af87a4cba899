"""Offline use: the course's service worker (JupyterLite's own plus a cache) and the files it keeps."""

import hashlib
import json
from fnmatch import fnmatch
from pathlib import Path

from .. import TEMPLATES
from ..shared_values import CACHE_PREFIX, OFFLINE_HEADER, REVISION_HEADER, SYNC_MESSAGE
from .pyodide_dist import SITE_FOLDER

SERVICE_WORKER = "service-worker.js"  # the URL JupyterLite registers (and the landing page too)
JUPYTERLITE_WORKER = "jupyterlite-service-worker.js"  # JupyterLite's own, imported by ours unchanged
COURSE_WORKER = TEMPLATES / "service_worker.js"
MANIFEST = "offline.json"
# the names the worker shares with the course extension and the tests, as a line written before it
WORKER_VALUES = {"cachePrefix": CACHE_PREFIX, "revisionHeader": REVISION_HEADER,
                 "offlineHeader": OFFLINE_HEADER, "syncMessage": SYNC_MESSAGE}
# Kept in this order (file name patterns), so a first visit's prefetch, cut short by the learner's
# click, has what opening a lesson waits for: the pages and their configuration, then (not a pattern:
# install() is given them) the files the kernel fetches as it starts (the largest: while they arrive,
# the other downloads' round trips cost no bandwidth), the app's code and the extensions; then the
# lessons, the wheels a lesson imports on demand, the rest of the app (other settings' schemas, fonts)
# and anything else.
KERNEL_START = "<the kernel's start>"
ORDER = ["index.html", "notebooks/*", "jupyter-lite.json", "config-utils.js", "api/*", KERNEL_START,
         "build/*.js", "build/schemas/all*.json", "build/themes/*", "extensions/*",
         "files/*", f"{SITE_FOLDER}/*", "build/*", "*"]
# Not needed to open or run a lesson: JupyterLite's other apps, its build configs, the service
# worker scripts (a browser never serves those from a cache) and the list itself.
LEFT_OUT = ("lab/", "tree/", "edit/", "consoles/", "doc/", "rspack.config", "jupyter-lite.ipynb",
            "build/service-worker.js", SERVICE_WORKER, JUPYTERLITE_WORKER, MANIFEST)


def revision(data: bytes) -> str:
    """A file's revision: the first 16 hex digits of its SHA-256 (the service worker checks them)."""
    return hashlib.sha256(data).hexdigest()[:16]


def offline_files(site: Path, kernel_start: list[str]) -> list[tuple[str, str]]:
    """Each file the cache keeps, as (path relative to the site, revision), in prefetch order
    (`kernel_start`: the paths the kernel fetches as it starts)."""
    paths = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    kept = [p for p in paths if not p.startswith(LEFT_OUT) and not p.endswith(".map")]

    def rank(path: str) -> tuple[int, str]:
        if path in kernel_start:
            return ORDER.index(KERNEL_START), path
        return next(i for i, pattern in enumerate(ORDER) if fnmatch(path, pattern)), path

    return [(p, revision((site / p).read_bytes())) for p in sorted(kept, key=rank)]


def install(site: Path, kernel_start: list[str], variants: dict[str, str]) -> int:
    """Put the course's service worker in front of JupyterLite's and write the list (`kernel_start`:
    the paths the kernel fetches as it starts, early in it), with the files of which a browser needs
    one (`variants`: the kernel's snapshots, by the name kernel_start.mjs picks them by); return the
    list's length."""
    (site / SERVICE_WORKER).replace(site / JUPYTERLITE_WORKER)
    values = f"const COURSE_VALUES = {json.dumps(WORKER_VALUES)};\n"
    (site / SERVICE_WORKER).write_text(values + COURSE_WORKER.read_text(encoding="utf-8"), encoding="utf-8")
    files = offline_files(site, kernel_start)
    listed = {"files": dict(files), "variants": variants}
    (site / MANIFEST).write_text(json.dumps(listed, indent=0) + "\n", encoding="utf-8")
    return len(files)

