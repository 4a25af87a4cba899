"""The Pyodide behaviour report: the probes run in CPython and in the site's Pyodide in every engine."""

import hashlib
import json
import re
import time
from pathlib import Path

import nbformat

from .engines import ENGINES, LABELS
from .errors import BuildError
from .lessons import generated_notebook
from .serve import base_url, make_server, serve_in_background

REPORT_NAME = "pyodide-report.json"
PROBES_NOTEBOOK = "runtime-probes.ipynb"
RELOAD_NOTEBOOK = "runtime-probes-after-reload.ipynb"
STDIN_ANSWER = "42"  # what the browser harness types when the input() probe asks
MARK = "PROBE-RESULTS "  # coursekit.probes.REPORT_MARK: content/ is not importable from here
# what the report depends on (the probes and the coursekit modules they import, the harness that runs
# them in each engine, the site's settings): change any of these and the probes are measured again;
# an exercise's check is not among them
INPUTS = ["content/coursekit/probes.py", "content/coursekit/feedback.py", "content/coursekit/runtime.py",
          "content/coursekit/web.py", "content/coursekit/progress.py", "content/coursekit/__init__.py",
          "coursebuild/report.py", "coursebuild/engines.py",
          "coursebuild/foreign_guard.py", "coursebuild/notebook_page.py", "coursebuild/cpython_kernel.py",
          "lite_config/*.json", "lite_config/pyodide-requirements.txt"]


def probe_notebooks() -> dict[str, bytes]:
    """The two notebooks the probes run in, identical in both runtimes."""
    measure = [
        "from coursekit import probes\n\nresults = [probes.measure(*probe) for probe in probes.SYNC_PROBES]",
        "# top-level await: this cell runs only if the notebook can await outside a function\n"
        "import time\nstarted = time.perf_counter()\nawaited = await probes.nap(0.01)\n"
        "results.append(probes.top_level_await(started, awaited))",
        "results += [await probes.measure_async(*probe) for probe in probes.ASYNC_PROBES]",
        "results.append(probes.measure(*probes.INPUT_PROBE))",
        "probes.emit(results)",
    ]
    after_reload = ["from coursekit import probes\n\nprobes.emit([probes.measure(*probes.RELOAD_PROBE)])"]
    heading = nbformat.v4.new_markdown_cell(
        "# What runs in this Python?\n\nRun all cells: each probe answers one question by trying it. "
        "The course's page *What runs in your browser* shows the results for CPython and Pyodide.")
    return {name: generated_notebook([heading, *(nbformat.v4.new_code_cell(source) for source in sources)])
            for name, sources in [(PROBES_NOTEBOOK, measure), (RELOAD_NOTEBOOK, after_reload)]}


def cache_key(root: Path, pyodide_pin: str) -> str:
    """A hash of everything the measurements depend on: the probes, their harness, JupyterLite and Pyodide."""
    from jupyterlite_core import __version__ as jupyterlite_version

    digest = hashlib.sha256(f"{pyodide_pin} jupyterlite {jupyterlite_version}".encode())
    for path in sorted(path for pattern in INPUTS for path in root.glob(pattern)):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def read_results(text: str, where: str) -> list[dict]:
    """The probe results a notebook printed."""
    found = re.findall(rf"^{MARK}(.+)$", text, re.MULTILINE)
    if not found:
        raise BuildError(where, f"printed no probe results; its output was:\n{text[-2000:]}")
    return [result for line in found for result in json.loads(line)]


def measure_cpython(staged_content: Path) -> list[dict]:
    """Run the probe notebooks in CPython's ipykernel, with the lesson files served over HTTP."""
    from .cpython_kernel import execute_notebook, files_served_to_kernels

    results = []
    with files_served_to_kernels(staged_content):
        for name in (PROBES_NOTEBOOK, RELOAD_NOTEBOOK):
            notebook = execute_notebook(staged_content / name, timeout=300)
            text = "".join(out.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                           for out in cell.outputs)
            results += read_results(text, f"{name} in CPython")
    return results


def measure_pyodide(site: Path, engine_name: str, evidence: Path) -> tuple[list[dict], str]:
    """Run the probe notebooks in the site's Pyodide kernel in one engine; also return the engine's version.

    A failure keeps a screenshot and the page's text in `evidence` and becomes one BuildError line.
    """
    from .engines import BrowserMissing, launched
    from .notebook_page import Notebook

    server = make_server(site, 0, "/course/")
    serve_in_background(server)
    try:
        with launched(engine_name) as engine:
            session = engine.new_session()
            try:
                notebook = Notebook(session, base_url(server))
                notebook.open(PROBES_NOTEBOOK)
                notebook.run_all(stdin_answer=STDIN_ANSWER)
                results = read_results(notebook.text(), f"{PROBES_NOTEBOOK} in Pyodide in {engine.label}")
                session.reload()  # the persistence probe: a new page, a new kernel, the same browser storage
                notebook.open(RELOAD_NOTEBOOK)
                notebook.run_all()
                results += read_results(notebook.text(), f"{RELOAD_NOTEBOOK} in Pyodide in {engine.label}")
            except BuildError:
                raise
            except Exception as error:  # a timeout or a dialog: the evidence explains it, one line says it
                session.keep_evidence(evidence / engine_name)
                first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
                raise BuildError(REPORT_NAME, f"measuring Pyodide in {engine.label} failed: {first_line} "
                                              f"(screenshot and page text in {evidence / engine_name})")
            finally:
                session.close()
            return results, engine.description
    except BrowserMissing as error:  # no browser: say so in one line
        raise BuildError(REPORT_NAME, f"cannot measure Pyodide in {LABELS[engine_name]}: {error}") from None
    finally:
        server.shutdown()


def combine(measured: dict[str, list[dict]], browsers: dict[str, str]) -> dict:
    """Every runtime's results (CPython, then each engine), probe by probe, with the versions measured."""
    runtimes = list(measured)
    by_name = {runtime: {r["name"]: r for r in results} for runtime, results in measured.items()}
    names = list(dict.fromkeys(r["name"] for results in reversed(measured.values()) for r in results))
    probes = []
    for name in names:
        first = next(by_name[runtime][name] for runtime in reversed(runtimes) if name in by_name[runtime])
        row = {"name": name, "question": first["question"]}
        for runtime in runtimes:
            found = by_name[runtime].get(name)
            row[runtime] = None if found is None else {k: found[k] for k in ("works", "detail", "seconds")}
        probes.append(row)
    versions = {runtime: json.loads(by_name[runtime]["versions"]["detail"]) for runtime in runtimes}
    for runtime, browser in browsers.items():
        versions[runtime]["browser"] = browser
    return {"measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runtimes": runtimes,
            "versions": versions, "probes": probes}


def browser_runtimes(report: dict) -> list[str]:
    """The engines a report measured Pyodide in."""
    return [runtime for runtime in report["runtimes"] if runtime != "cpython"]


def cached(key: str, cache: Path, log) -> dict | None:
    """The report measured earlier, if nothing it depends on has changed since."""
    path = cache / f"{key}.json"
    if not path.is_file():
        return None
    log(f"runtime report: measured earlier ({path.name}); nothing it depends on changed")
    return json.loads(path.read_text())


def measure(key: str, staged_content: Path, site: Path, cache: Path, log, evidence: Path) -> dict:
    """Measure the probes in both runtimes now, cache the report, and say what changed since the last one."""
    cached = cache / f"{key}.json"
    log("runtime report: running the probes in CPython ...")
    cpython = measure_cpython(staged_content)
    measured, browsers = {"cpython": cpython}, {}
    for engine in ENGINES:
        log(f"runtime report: running the probes in Pyodide ({LABELS[engine]}) ...")
        measured[engine], browsers[engine] = measure_pyodide(site, engine, evidence)
    report = combine(measured, browsers)
    cache.mkdir(parents=True, exist_ok=True)
    previous = sorted(cache.glob("*.json"), key=lambda p: p.stat().st_mtime)
    cached.write_text(json.dumps(report, indent=1) + "\n")
    if previous:
        for line in differences(json.loads(previous[-1].read_text()), report):
            log(f"runtime report: changed since the last measurement: {line}")
    return report


def differences(old: dict, new: dict) -> list[str]:
    """One line per probe whose outcome (works or fails) changed in either runtime."""
    before = {row["name"]: row for row in old["probes"]}
    lines = []
    for row in new["probes"]:
        for runtime in new["runtimes"]:
            was = (before.get(row["name"]) or {}).get(runtime)
            now = row[runtime]
            if (was or {}).get("works") != (now or {}).get("works"):
                lines.append(f"{row['name']} in {runtime}: {outcome(was)} -> {outcome(now)}")
    return lines


def outcome(result: dict | None) -> str:
    """`works (detail)` or `fails: detail`, for tables and diffs."""
    if result is None:
        return "not measured"
    return f"works ({result['detail']})" if result["works"] else f"fails: {result['detail']}"
