"""What a lesson downloads as it opens: Pyodide's core and the kernel's snapshot before the app asks for
them (the kernel reuses that download), and the kernel's own packages all at once while Pyodide
starts, never one after another."""


import pytest

from coursebuild.inputs.pyodide_config import read_pyodide_config
from coursebuild.paths import PYODIDE_CONFIG
from coursebuild.serving.server import base_url, make_server, serve_in_background
from coursebuild.site.kernel_snapshot import shipped_snapshots, start_files
from tests.support.course import lesson_stems
from tests.support.notebook_page import NotebookPage

WORKER = "/comlink.worker."  # the Pyodide kernel's worker script, which the app loads
PIPLITE_INDEX = "/static/pypi/"  # the kernel extension's wheels, which piplite installs from one by one


@pytest.fixture(scope="module")
def first_open(browser_type, browser_type_launch_args, built_site, tmp_path_factory) -> dict:
    """What a first open of lesson 1 asked the server for, in order, until its kernel was idle; the answers.

    Its own server, to read what was asked for and when, with GitHub Pages' Cache-Control; a browser
    profile on disk, as a learner's is (with a fresh context's in-memory cache, Chromium downloaded
    the 9.6 MB wasm twice); no service worker: files come from the network or the HTTP cache, and the
    course's background fetch of the whole site (which starts once the kernel is idle) never runs.
    """
    server = make_server(built_site, 0, "/course/", max_age=600)
    serve_in_background(server)
    context = browser_type.launch_persistent_context(tmp_path_factory.mktemp("profile"),
                                                     service_workers="block", **browser_type_launch_args)
    try:
        NotebookPage(context.pages[0], base_url(server)).open(f"{lesson_stems()[0]}.ipynb")  # kernel idle
        asked = [path.split("?")[0] for _, path in server.requested]
        answered = list(server.answered)
    finally:
        context.close()
        server.shutdown()
    return {"asked": asked, "answered": answered}


def test_the_lesson_page_preloads_pyodide_and_the_kernels_snapshot_once(first_open, built_site):
    paths = first_open["asked"]
    worker = next(i for i, path in enumerate(paths) if WORKER in path)
    asked = " ".join(paths)
    shipped = shipped_snapshots(built_site / "static" / "pyodide").values()
    snapshots = [name for name in shipped if name in asked]
    assert len(snapshots) == 1  # the one this browser restores, not the other
    for name in [*read_pyodide_config(PYODIDE_CONFIG).preload, *snapshots]:
        file = f"/static/pyodide/{name}"
        first = next(i for i, path in enumerate(paths) if path.endswith(file))
        assert first < worker, f"{name} was not asked for before the kernel's worker"
        sent = [status for path, status in first_open["answered"] if path.endswith(file)]
        assert sent == [200], f"{name} was answered {sent}"


def test_the_kernel_loads_its_own_packages_with_pyodide_and_leaves_the_rest_for_later(first_open, built_site):
    wheels = sorted(path.rsplit("/", 1)[1] for path in first_open["asked"] if path.endswith(".whl"))
    assert [path for path in first_open["asked"] if PIPLITE_INDEX in path] == []
    # the kernel's own wheels, from the lock; the other packages it loads wait for an import that needs
    # them (test_kernel_snapshot.py)
    own = [name for name in start_files(built_site / "static" / "pyodide") if name.endswith(".whl")]
    assert wheels == sorted(own)
