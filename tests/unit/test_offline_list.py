"""The offline list (site/offline.py): what opening a lesson waits for comes first, since a first
visit's prefetch is cut short by the learner's click; what the cache never serves is left out."""

from coursebuild.site import offline

SITE_FILES = ["build/fa-solid-900.woff2", "files/lesson.ipynb", "static/pyodide/jedi.whl",
              "build/schemas/@jupyterlab/x/plugin.json", "extensions/course/remoteEntry.js",
              "build/1234.abc.js", "build/1234.abc.js.map", "static/pyodide/pyodide.asm.wasm",
              "build/schemas/all.json", "notebooks/index.html", "lab/index.html", "index.html",
              "jupyter-lite.json", offline.SERVICE_WORKER]


def test_the_list_runs_from_what_a_lesson_open_waits_for_to_what_later_use_needs(tmp_path):
    for path in SITE_FILES:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(path)
    listed = [path for path, _ in offline.offline_files(tmp_path, ["static/pyodide/pyodide.asm.wasm"])]
    assert listed == ["index.html", "notebooks/index.html", "jupyter-lite.json",
                      "static/pyodide/pyodide.asm.wasm",  # the kernel's start
                      "build/1234.abc.js", "build/schemas/all.json", "extensions/course/remoteEntry.js",
                      "files/lesson.ipynb", "static/pyodide/jedi.whl",
                      "build/fa-solid-900.woff2", "build/schemas/@jupyterlab/x/plugin.json"]
