"""Which Chromium Playwright launches, and with which flags, for tests and runtime measurements."""

import shutil
from pathlib import Path

# Debian's Chromium in a root container: no sandbox, and no calls home on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch_options(playwright, **options) -> dict:
    """Playwright's own Chromium where installed (as on GitHub's runners), else Debian's `chromium`."""
    options = {**options, "args": [*options.get("args", []), *CHROMIUM_ARGS]}
    if Path(playwright.chromium.executable_path).exists():
        return options
    system = shutil.which("chromium") or shutil.which("chromium-browser")
    if system is None:
        raise RuntimeError("no Chromium: run `playwright install chromium` or `apt-get install chromium`")
    return {**options, "executable_path": system}
