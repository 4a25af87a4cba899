"""The course's own JupyterLab extensions, as staged for a site, and the values the build hands them."""

import hashlib
import json
from pathlib import Path

from ..exercises import CALL
from ..inputs.coursekit_constants import progress_message
from ..paths import COURSE_EXTENSIONS
from ..shared_values import OFFLINE_HEADER, PROGRESS_KEY_PREFIX, SYNC_MESSAGE


def hash_entry_file(extension: Path) -> None:
    """Rename the entry script named in package.json to `<stem>.<hash>.js` and point package.json at it.

    A changed script gets a new URL, so a redeployed site never runs a cached old copy of it.
    """
    package_json = extension / "package.json"
    package = json.loads(package_json.read_text())
    build = package["jupyterlab"]["_build"]
    entry = extension / build["load"]
    data = entry.read_bytes()
    hashed = entry.with_name(f"{entry.stem}.{hashlib.sha256(data).hexdigest()[:16]}{entry.suffix}")
    entry.replace(hashed)
    build["load"] = hashed.relative_to(extension).as_posix()
    package_json.write_text(json.dumps(package, indent=2) + "\n")


def extension_values(content: Path) -> dict:
    """What the course extension shares with the build, coursekit and the landing page."""
    return {"progressKeyPrefix": PROGRESS_KEY_PREFIX, "offlineHeader": OFFLINE_HEADER,
            "syncMessage": SYNC_MESSAGE, "exerciseCall": CALL.pattern, **progress_message(content)}


def hand_values_to_extensions(site: Path, values: dict) -> None:
    """Put extension_values in the built site's jupyter-lite.json, under each course extension's name:
    JupyterLite merges it into every page's jupyter-config-data, where the extension reads it."""
    path = site / "jupyter-lite.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    for package in sorted(COURSE_EXTENSIONS.rglob("package.json")):
        config["jupyter-config-data"][json.loads(package.read_text(encoding="utf-8"))["name"]] = values
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
