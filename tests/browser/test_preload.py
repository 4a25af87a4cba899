"""The lesson page starts downloading Pyodide's core before the app asks; the kernel reuses that download."""

import json

import pytest

from coursebuild.notebook_page import NotebookPage
from coursebuild.paths import PYODIDE_CONFIG
from coursebuild.serve import base_url, make_server, serve_in_background

pytestmark = pytest.mark.browser
WORKER = "/comlink.worker."  # the Pyodide kernel's worker script, which the app loads


def test_the_lesson_page_preloads_pyodide_once(browser_type, browser_type_launch_args, built_site, tmp_path):
    # Its own server, to read what was asked for and when, with GitHub Pages' Cache-Control; a browser
    # profile on disk, as a learner's is (with a fresh context's in-memory cache, Chromium downloaded
    # the 9.6 MB wasm twice); no service worker: files come from the network or the HTTP cache.
    server = make_server(built_site, 0, "/course/", max_age=600)
    serve_in_background(server)
    context = browser_type.launch_persistent_context(tmp_path / "profile", service_workers="block",
                                                     **browser_type_launch_args)
    try:
        NotebookPage(context.pages[0], base_url(server)).open("concurrency_io_bound.ipynb")  # kernel idle
    finally:
        context.close()
        server.shutdown()
    paths = [path.split("?")[0] for _, path in server.requested]
    worker = next(i for i, path in enumerate(paths) if WORKER in path)
    for name in json.loads(PYODIDE_CONFIG.read_text())["preload"]:
        file = f"/static/pyodide/{name}"
        first = next(i for i, path in enumerate(paths) if path.endswith(file))
        assert first < worker, f"{name} was not asked for before the kernel's worker"
        sent = [status for path, status in server.answered if path.endswith(file)]
        assert sent == [200], f"{name} was answered {sent}"
