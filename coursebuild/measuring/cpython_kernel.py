"""Run notebooks in CPython's ipykernel, with the lessons' files served over HTTP to them."""

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import nbclient
import nbformat

from ..serving.server import base_url, make_server, serve_in_background

FILES_URL_VARIABLE = "COURSE_FILES_URL"  # where coursekit.web finds the files in CPython


@contextmanager
def files_served_to_kernels(root: Path):
    """Serve root on a free loopback port; kernels started meanwhile find its URL in COURSE_FILES_URL."""
    server = make_server(root, 0, "/")
    serve_in_background(server)
    previous = os.environ.get(FILES_URL_VARIABLE)
    os.environ[FILES_URL_VARIABLE] = base_url(server)  # kernels inherit the environment
    try:
        yield base_url(server)
    finally:
        server.shutdown()
        if previous is None:
            os.environ.pop(FILES_URL_VARIABLE, None)
        else:
            os.environ[FILES_URL_VARIABLE] = previous


def execute_notebook(path: Path, timeout: int) -> nbformat.NotebookNode:
    """Run a notebook top to bottom from its own folder; a cell that raises fails the run."""
    notebook = nbformat.read(path, as_version=4)
    # the kernel process's own stderr only says it runs over local TCP; cell errors come as messages
    nbclient.NotebookClient(notebook, kernel_name="python3", timeout=timeout,
                            resources={"metadata": {"path": str(path.parent)}}
                            ).execute(stderr=subprocess.DEVNULL)
    return notebook
