"""The runtime report's harness: the probe notebooks run in CPython's ipykernel and in a built site's
Pyodide in every browser engine found (`python3 build.py measure`; the build itself never measures)."""

from pathlib import Path

from ..errors import BuildError, one_line
from ..inputs.report import REPORT_NAME
from ..pages.probe_notebooks import PROBES_NOTEBOOK, RELOAD_NOTEBOOK, STDIN_ANSWER, read_results
from ..runtimes import LABELS
from ..serving.server import base_url, make_server, serve_in_background


class EngineMissing(Exception):
    """An engine this machine has no usable build of; the message says what to install."""


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


def measure_pyodide(site: Path, engine_name: str, evidence: Path, playwright=None) -> tuple[list[dict], str]:
    """Run the probe notebooks in the site's Pyodide kernel in one engine; also return the engine's version.

    A failure keeps a screenshot and the page's text in `evidence` and becomes one BuildError line;
    an engine not installed raises EngineMissing. `playwright`: the caller's sync Playwright, if it has one.
    """
    from ..browsers.engines import BrowserMissing, launched
    from ..browsers.notebook import Notebook

    server = make_server(site, 0, "/course/")
    serve_in_background(server)
    try:
        with launched(engine_name, playwright) as engine:
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
                raise BuildError(REPORT_NAME, f"measuring Pyodide in {engine.label} failed: {one_line(error)}"
                                              f" (screenshot and page text in {evidence / engine_name})")
            finally:
                session.close()
            return results, engine.description
    except BrowserMissing as error:
        raise EngineMissing(f"{LABELS[engine_name]}: {one_line(error)}") from None
    finally:
        server.shutdown()
