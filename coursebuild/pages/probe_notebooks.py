"""The notebooks the probes run in, identical in CPython and Pyodide, and the results they print."""

import json
import re

import nbformat

from ..errors import BuildError
from ..inputs.lessons import generated_notebook

PROBES_NOTEBOOK = "runtime-probes.ipynb"
RELOAD_NOTEBOOK = "runtime-probes-after-reload.ipynb"
PRIVATE_WINDOW_NOTEBOOK = "runtime-probes-in-a-private-window.ipynb"
RESTART_NOTEBOOK = "runtime-probes-after-a-restart.ipynb"
# Each persistence notebook runs one probe of coursekit.probes (by its name there) on the file
# runtime-probes.ipynb wrote, in the order the harness opens them: the last one removes the file.
PERSISTENCE_NOTEBOOKS = {RELOAD_NOTEBOOK: "RELOAD_PROBE", PRIVATE_WINDOW_NOTEBOOK: "PRIVATE_WINDOW_PROBE",
                         RESTART_NOTEBOOK: "RESTART_PROBE"}
STDIN_ANSWER = "42"  # what the browser harness types when the input() probe asks
MARK = "PROBE-RESULTS "  # begins the line of results a notebook prints (the notebook hands it to coursekit)


def probe_notebooks() -> dict[str, bytes]:
    """The notebooks by file name: the site ships them, so a learner can measure their own browser."""
    measure = [
        "from coursekit import probes\n\nresults = [probes.measure(*probe) for probe in probes.SYNC_PROBES]",
        "# top-level await: this cell runs only if the notebook can await outside a function\n"
        "import time\nstarted = time.perf_counter()\nawaited = await probes.nap(0.01)\n"
        "results.append(probes.top_level_await(started, awaited))",
        "results += [await probes.measure_async(*probe) for probe in probes.ASYNC_PROBES]",
        "results.append(probes.measure(*probes.INPUT_PROBE))",
        f"probes.emit(results, {MARK!r})",
    ]
    sources = {PROBES_NOTEBOOK: measure}
    for name, probe in PERSISTENCE_NOTEBOOKS.items():
        sources[name] = ["from coursekit import probes\n\n"
                         f"probes.emit([probes.measure(*probes.{probe})], {MARK!r})"]
    heading = nbformat.v4.new_markdown_cell(
        "# What runs in this Python?\n\nRun all cells: each probe answers one question by trying it. "
        "The course's page *What runs in your browser* shows the results for CPython and Pyodide.")
    return {name: generated_notebook([heading, *(nbformat.v4.new_code_cell(source) for source in cells)])
            for name, cells in sources.items()}


def read_results(text: str, where: str) -> list[dict]:
    """The probe results a notebook printed."""
    found = re.findall(rf"^{MARK}(.+)$", text, re.MULTILINE)
    if not found:
        raise BuildError(where, f"printed no probe results; its output was:\n{text[-2000:]}")
    return [result for line in found for result in json.loads(line)]
