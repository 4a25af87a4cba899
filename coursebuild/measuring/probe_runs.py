"""The runtime report's harness: the probe notebooks run in CPython's ipykernel and in a built site's
Pyodide in every browser engine found (`python3 build.py measure`; the build itself never measures)."""

import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import BuildError, one_line
from ..inputs.report import REPORT_NAME
from ..pages import probe_notebooks as notebooks
from ..runtimes import LABELS
from ..serving.server import base_url, make_server, serve_in_background

# The browsers measure in a zone other than the machine's UTC, half an hour off the hour, so that Python's
# local time (the local_time_zone probe) can be seen to follow the browser's rather than default to UTC.
MEASURED_TIME_ZONE = "Asia/Kolkata"


class EngineMissing(Exception):
    """An engine this machine has no usable build of; the message says what to install."""


def measure_cpython(staged_content: Path) -> list[dict]:
    """Run the probe notebooks in CPython's ipykernel, with the lesson files served over HTTP."""
    from .cpython_kernel import execute_notebook, files_served_to_kernels

    results = []
    with files_served_to_kernels(staged_content):
        for name in (notebooks.PROBES_NOTEBOOK, *notebooks.PERSISTENCE_NOTEBOOKS):
            notebook = execute_notebook(staged_content / name, timeout=300)
            text = "".join(out.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                           for out in cell.outputs)
            results += notebooks.read_results(text, f"{name} in CPython")
    return results


def measure_pyodide(site: Path, engine_name: str, evidence: Path, playwright=None) -> tuple[list[dict], str]:
    """Run the probe notebooks in the site's Pyodide kernel in one engine; also return the engine's version.

    A browser on a profile kept on disk runs the probes, then the reload probe after a page reload; a private
    window (a fresh profile) then looks for the file the probes wrote; last, the first browser, closed, is
    opened again on its profile (a browser restart) and looks for it too.

    A failure keeps a screenshot and the page's text in `evidence` and becomes one BuildError line;
    an engine not installed raises EngineMissing. `playwright`: the caller's sync Playwright, if it has one.
    """
    from ..browsers.engines import BrowserMissing, launched

    server = make_server(site, 0, "/course/")
    serve_in_background(server)
    try:
        with (launched(engine_name, playwright) as engine,
              tempfile.TemporaryDirectory(prefix="measured-") as profile):
            runs = NotebookRuns(engine, base_url(server), evidence / engine_name)
            with runs.window(engine.profile_session(Path(profile), MEASURED_TIME_ZONE)) as session:
                runs.run(session, notebooks.PROBES_NOTEBOOK, stdin_answer=notebooks.STDIN_ANSWER)
                session.reload()  # a new page, a new kernel, the same browser storage
                runs.run(session, notebooks.RELOAD_NOTEBOOK)
            with runs.window(engine.new_session(time_zone=MEASURED_TIME_ZONE)) as session:
                runs.run(session, notebooks.PRIVATE_WINDOW_NOTEBOOK)
            with runs.window(engine.profile_session(Path(profile), MEASURED_TIME_ZONE)) as session:
                runs.run(session, notebooks.RESTART_NOTEBOOK)
            return runs.results, engine.description
    except BrowserMissing as error:
        raise EngineMissing(f"{LABELS[engine_name]}: {one_line(error)}") from None
    finally:
        server.shutdown()


class NotebookRuns:
    """Runs probe notebooks in one engine's windows and collects the results they print."""

    def __init__(self, engine, site_url: str, evidence: Path):
        self.engine, self.site_url, self.evidence = engine, site_url, evidence
        self.results: list[dict] = []

    def run(self, session, name: str, stdin_answer: str | None = None) -> None:
        from ..browsers.notebook import Notebook

        notebook = Notebook(session, self.site_url)
        notebook.open(name)
        notebook.run_all(stdin_answer=stdin_answer)
        self.results += notebooks.read_results(notebook.text(), f"{name} in Pyodide in {self.engine.label}")

    @contextmanager
    def window(self, session):
        """The session, closed after the with-block; a timeout or a dialog in it becomes one BuildError line
        and leaves a screenshot and the page's text in the evidence folder."""
        try:
            yield session
        except BuildError:
            raise
        except Exception as error:
            session.keep_evidence(self.evidence)
            raise BuildError(REPORT_NAME, f"measuring Pyodide in {self.engine.label} failed: "
                                          f"{one_line(error)} (screenshot and page text in {self.evidence})"
                             ) from None
        finally:
            session.close()
