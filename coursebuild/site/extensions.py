"""The course's own JupyterLab extensions, as staged for a site."""

import hashlib
import json
from pathlib import Path


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
