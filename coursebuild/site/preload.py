"""The lesson page asks for Pyodide's largest files as it opens, so they download while the app starts.

Without this, the kernel's worker asks for them only once JupyterLab's app has loaded (some
2.4 s on a 20 Mbit/s link); the worker's own request then finds the preload in the browser's
HTTP cache, or still downloading, and does not fetch the file again.
"""

import json
from pathlib import Path

from ..errors import BuildError
from .kernel_boot import KERNEL_PLUGIN

LESSON_PAGE = "notebooks/index.html"
ANCHOR = '<link rel="manifest"'  # the first link in JupyterLite's page head; the preloads go before it


def install(site: Path, files: list[str], start_script: str) -> None:
    """Add a low-priority preload of each file (beside the site's Pyodide) to the lesson page's head,
    and of the kernel's snapshot that this browser restores, which `start_script` (kernel-start.mjs,
    beside them) picks."""
    page = site / LESSON_PAGE
    html = page.read_text(encoding="utf-8")
    if ANCHOR not in html:
        raise BuildError(page, f"has no {ANCHOR}> to put the Pyodide preloads before "
                               "(JupyterLite's page changed)")
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    pyodide_url = config["litePluginSettings"][KERNEL_PLUGIN]["pyodideUrl"]  # ./static/pyodide/pyodide.mjs
    folder = "../" + pyodide_url.removeprefix("./").rsplit("/", 1)[0] + "/"
    # as="fetch" with crossorigin matches the worker's fetch(), so it reuses this download
    links = "".join(f'<link rel="preload" href="{folder}{name}" as="fetch" crossorigin '
                    'fetchpriority="low">\n    ' for name in files)
    links += (f'<script type="module">import("{folder}{start_script}")'
              '.then((start) => start.preloadSnapshot());</script>\n    ')
    page.write_text(html.replace(ANCHOR, links + ANCHOR, 1), encoding="utf-8")
