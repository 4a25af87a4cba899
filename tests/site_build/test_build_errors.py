"""Bad input fails the build with one line naming the file, and leaves the previous site as it was."""

import hashlib
import json
import shutil
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from coursebuild.commands import write_readme
from coursebuild.inputs.toc import read_course, readme_lessons
from coursebuild.paths import PYODIDE_REQUIREMENTS, Project, tried
from coursebuild.site import pyodide_dist
from tests.support.builds import build_error, list_in_toc, tree_digest
from tests.support.course import pinned_pyodide
from tests.support.fixture_course import PREVIOUS_SITE, own_cache

BAD_YAML_HEADER = """# ---
# jupyter:
#   kernelspec: [unclosed
#     name: python
# ---

# %% [markdown]
# # A lesson with a broken header

# %%
print("never reached")
"""


@pytest.mark.parametrize("name, text, problem", [
    ("broken_header.py", BAD_YAML_HEADER, "jupytext cannot read it"),
    ("not_a_lesson.py", "# # A title\nprint('no cell markers')\n", "has no `# %%` cell marker"),
], ids=["bad-yaml-header", "no-percent-cells"])
def test_broken_lesson_names_the_file_and_keeps_dist(small_project, name, text, problem):
    before = tree_digest(small_project / "dist")
    (small_project / "content" / name).write_text(text)
    list_in_toc(small_project, name)
    assert build_error(small_project).startswith(f"content/{name}: {problem}")
    assert tree_digest(small_project / "dist") == before


def test_unreadable_lesson_names_the_file(small_project):
    (small_project / "content" / "latin1.py").write_bytes("# %%\nprint('caf\xe9')\n".encode("latin-1"))
    list_in_toc(small_project, "latin1.py")
    assert build_error(small_project).startswith("content/latin1.py: cannot read it")


def test_lesson_missing_from_the_table_of_contents_is_named(small_project):
    (small_project / "content" / "extra.py").write_text("# %% [markdown]\n# # Extra\n")
    assert build_error(small_project).startswith("content/extra.py: is not in course.toml")


def test_table_of_contents_naming_a_missing_lesson_is_named(small_project):
    list_in_toc(small_project, "ghost.py")
    said = build_error(small_project)
    assert said.startswith("content/course.toml: lists ghost.py, which is not in content/")


def test_missing_npm_is_named_when_pyodide_is_not_cached(small_project, monkeypatch):
    (small_project / ".cache").unlink()  # no cache: the checkout's own stays as it is
    python_only = str(Path(sys.executable).parent)
    assert shutil.which("npm", path=python_only) is None
    monkeypatch.setenv("PATH", python_only)
    said = build_error(small_project)
    assert said == (f".cache/pyodide-{pinned_pyodide().version}/pyodide-{pinned_pyodide().version}.tgz: "
                    "not cached and `npm` is not on PATH; install Node.js with npm")


def pinned_wheel(project: Path, name: str) -> Path:
    """The cached download of one pinned wheel in a project's cache."""
    return next((project / ".cache" / f"pyodide-{pinned_pyodide().version}" / "wheels").glob(f"{name}-*.whl"))


def test_corrupt_cached_wheel_is_replaced_by_a_verified_download(small_project, build_lines):
    own_cache(small_project)
    cached = pinned_wheel(small_project, "jedi")
    good = cached.read_bytes()
    cached.write_bytes(b"not a wheel")
    assert "downloaded jedi-" in build_lines(small_project)
    assert cached.read_bytes() == good
    assert list((small_project / "dist" / "static" / "pyodide").glob("jedi-*.whl"))


def test_hash_mismatch_in_requirements_names_both_hashes_and_keeps_dist_and_cache(small_project):
    before = tree_digest(small_project / "dist")
    wheels = own_cache(small_project) / f"pyodide-{pinned_pyodide().version}" / "wheels"
    cached = tree_digest(wheels)
    requirements = small_project / "lite_config" / "pyodide-requirements.txt"
    wheel = pyodide_dist.read_requirements(requirements)[-1]
    (pinned,) = wheel.hashes
    requirements.write_text(requirements.read_text().replace(pinned, "0" * 64))
    assert build_error(small_project) == (
        f"lite_config/pyodide-requirements.txt: {wheel.name} {wheel.version}: the pin expects sha256 "
        f"{'0' * 64}, PyPI sent {pinned} (the cached wheels were kept)")
    assert tree_digest(small_project / "dist") == before
    assert tree_digest(wheels) == cached


def test_rebuild_after_editing_one_lesson_converts_only_that_lesson(built_small_project, build_lines):
    source = built_small_project / "content" / "middle lesson.py"
    source.write_text(source.read_text() + "\n# %%\nprint('an instructor edit')\n")
    said = build_lines(built_small_project)
    converted = [line for line in said.splitlines() if "converted" in line]
    assert converted == [f"lessons: converted {source.name} -> {source.stem}.ipynb"]
    assert "downloading" not in said
    assert "an instructor edit" in (built_small_project / "dist" / "files"
                                   / f"{source.stem}.ipynb").read_text()


@pytest.fixture
def npm_registry():
    """A registry on this machine that has the pinned Pyodide only; (its URL, the paths npm asked for)."""
    npm = pinned_pyodide()
    packument = json.dumps({"name": npm.package, "dist-tags": {"latest": npm.version}, "versions": {
        npm.version: {"name": npm.package, "version": npm.version,
                      "dist": {"integrity": npm.integrity, "tarball": "http://127.0.0.1:9/none.tgz"}}}})
    asked = []

    class Registry(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            found = self.path == f"/{npm.package}"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(packument.encode() if found else b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Registry)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/", asked
    server.shutdown()
    server.server_close()


def test_trying_a_pyodide_version_npm_does_not_have_is_named(small_project, npm_registry, monkeypatch):
    url, asked = npm_registry  # npm's answer comes from a registry that answered, never from being offline
    monkeypatch.setenv("npm_config_registry", url)
    said = build_error(small_project, tried("0.0.0-no-such-version"))
    assert said.startswith("pyodide@0.0.0-no-such-version: npm has no such version")
    assert f"/{pinned_pyodide().package}" in asked
    assert not (small_project / "dist-try").exists()


def stray_folders(project: Path) -> list[str]:
    """Unfinished sites a build left beside dist/."""
    return sorted(p.name for p in project.glob("dist*.new*"))


@pytest.mark.parametrize("entry, problem", [
    ("../../../etc/passwd", "source = '../../../etc/passwd' is not a file directly in content/"),
    ("/etc/passwd", "source = '/etc/passwd' is not a file directly in content/"),
    ("{outside}", "source = '{outside}' is not a file directly in content/"),
    ("coursekit/checks.py", "source = 'coursekit/checks.py' is not a file directly in content/"),
    ("./first.py", "lists first.py more than once (source = 'first.py' and './first.py', the same file)"),
], ids=["parent-folders", "absolute", "absolute-lesson-elsewhere", "subfolder", "same-file-twice"])
def test_a_source_outside_content_or_listed_twice_is_refused(small_project, tmp_path, entry, problem):
    outside = tmp_path / "lesson.py"  # a readable lesson with a title: it must still not be published
    outside.write_text("# %% [markdown]\n# # Published from elsewhere\n")
    list_in_toc(small_project, entry.format(outside=outside))
    assert build_error(small_project).startswith(f"content/course.toml: {problem.format(outside=outside)}")
    assert (small_project / "dist" / "index.html").read_text() == PREVIOUS_SITE


@pytest.mark.parametrize("name, entry, problem", [
    ("tab\tname.py", "tab\\tname.py",
     "source = 'tab\\tname.py': a control character in a name cannot go into a link"),
    ("q&a #1.py", "q&a #1.py", "source = 'q&a #1.py': JupyterLite cannot open a notebook whose name has #"),
], ids=["control-character", "hash-sign"])
def test_a_name_that_cannot_go_into_a_link_is_refused(small_project, name, entry, problem):
    (small_project / "content" / name).write_text("# %% [markdown]\n# # Oddly named\n")
    list_in_toc(small_project, entry)
    assert build_error(small_project).startswith(f"content/course.toml: {problem}")


def test_a_code_cell_with_a_syntax_error_is_refused_naming_lesson_and_line(small_project):
    source = small_project / "content" / "first.py"
    before = tree_digest(small_project / "dist")
    text = source.read_text() + "\n# %%\ntotal = 0\nfor order in orders\n    total += order\n"
    source.write_text(text)
    line = text.splitlines().index("for order in orders") + 1
    said = build_error(small_project)
    assert said.startswith(f"content/first.py: line {line}: a code cell is not valid Python")
    assert tree_digest(small_project / "dist") == before


def test_magics_and_top_level_await_are_valid_code_cells(small_project, build_lines):
    source = small_project / "content" / "last.py"
    source.write_text(source.read_text() + "\n# %%\n# %time x = 1\n# !echo hi\nawait asyncio.sleep(0)\n")
    assert f"converted {source.name}" in build_lines(small_project)


def test_bad_claims_fail_before_anything_is_built(small_project, caplog):
    before = tree_digest(small_project / "dist")
    (small_project / "content" / "claims.toml").write_text("[[claims]]\nlesson = 'first.py'\n")
    assert build_error(small_project).startswith("content/claims.toml: claim 1 lacks says (a string)")
    assert "jupyter lite build" not in caplog.text and "pyodide" not in caplog.text
    assert tree_digest(small_project / "dist") == before and stray_folders(small_project) == []


def test_a_build_warns_of_a_stale_readme_list_which_only_build_py_readme_rewrites(small_project, build_lines):
    readme = small_project / "README.md"  # the checkout's, listing other lessons than the fixture course
    committed = readme.read_text()
    assert "warning: README.md's lesson list differs from content/course.toml" in build_lines(small_project)
    assert readme.read_text() == committed
    assert write_readme(Project(small_project)) == 0  # what `build.py readme` runs
    listed = readme_lessons(read_course(small_project / "content"))
    assert "The first lesson" in listed and listed in readme.read_text()
    assert "README.md" not in build_lines(small_project)


def test_invalid_lite_config_json_fails_before_anything_is_built(small_project, caplog):
    (small_project / "lite_config" / "jupyter-lite.json").write_text('{"jupyter-config-data": {,}}')
    assert build_error(small_project).startswith(
        "lite_config/jupyter-lite.json: is not valid JSON (Expecting property name")
    assert "jupyter lite build" not in caplog.text and stray_folders(small_project) == []


def test_a_failed_jupyter_lite_build_leaves_no_stray_folder(small_project):
    config = small_project / "lite_config" / "jupyter_lite_config.json"
    config.write_text(config.read_text().replace('"../content"', '"../no-such-folder"'))
    before = tree_digest(small_project / "dist")
    assert "jupyter lite build failed" in build_error(small_project)
    assert tree_digest(small_project / "dist") == before and stray_folders(small_project) == []


def test_junk_wheel_name_in_the_cache_is_ignored(small_project, build_lines):
    own_cache(small_project)
    pinned_wheel(small_project, "jedi").with_name("junk.whl").write_bytes(b"not a wheel")
    pinned = len(pyodide_dist.read_requirements(PYODIDE_REQUIREMENTS))  # every pinned wheel, and no other
    assert f"wheels: {pinned} verified by sha256 ({pinned} from cache)" in build_lines(small_project)
    assert not (small_project / "dist" / "static" / "pyodide" / "junk.whl").exists()


def test_a_staged_pyodide_file_edited_since_is_staged_again(built_small_project, build_lines):
    staged = built_small_project / "build" / "learner" / "lite" / "static" / "pyodide"
    wheel = next(staged.glob("jedi-*.whl"))
    good = wheel.read_bytes()
    wheel.write_bytes(good[:-10] + b"tampered!!")
    build_lines(built_small_project)
    site = built_small_project / "dist" / "static" / "pyodide"
    assert wheel.read_bytes() == good and (site / wheel.name).read_bytes() == good
    lock = json.loads((site / "pyodide-lock.json").read_text())
    assert lock["packages"]["jedi"]["sha256"] == hashlib.sha256(good).hexdigest()


def without(table: dict, key: str) -> dict:
    """A copy of a parsed table less one key."""
    return {name: value for name, value in table.items() if name != key}


@pytest.mark.parametrize("change, problem", [
    (lambda config: "{not json", "is not valid JSON"),
    (lambda config: [config], "the file must be a table of keys, not list"),
    (lambda config: without(config, "npm"), "the file lacks npm (a table)"),
    (lambda config: {**config, "npm": without(config["npm"], "integrity")}, "npm lacks integrity (a string)"),
    (lambda config: {**config, "npm": {**config["npm"], "version": 314}},
     "npm: version must be a string, not 314"),
    (lambda config: {**config, "bytecode": {"keep": []}},
     "bytecode has unknown keys ['keep']: use keep_sources"),
    (lambda config: {**config, "preload": ["pyodide.asm.wasm", "pyodide.wasm"]},  # a typo
     "\"preload\" must list files of npm.ship ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', "
     "'python_stdlib.zip'], not ['pyodide.wasm']"),
    (lambda config: {**config, "bytecode": {"keep_sources": ["coursekit", "Requests"]}},
     "bytecode.keep_sources must name packages as pip writes them (lower case, dashes), not ['Requests']"),
], ids=["not-json", "not-a-table", "no-npm", "no-integrity", "version-a-number", "unknown-key",
        "preload-not-shipped", "package-not-as-pip-writes-it"])
def test_a_bad_pyodide_config_is_one_line_naming_the_file_and_key(small_project, change, problem):
    before = tree_digest(small_project / "dist")
    config_file = small_project / "lite_config" / "pyodide.json"
    changed = change(json.loads(config_file.read_text()))
    config_file.write_text(changed if isinstance(changed, str) else json.dumps(changed))
    assert build_error(small_project).startswith(f"lite_config/pyodide.json: {problem}")
    assert tree_digest(small_project / "dist") == before


@pytest.mark.parametrize("name, problem", [
    ("pandas", "loadPyodideOptions.packages names pandas, which neither lite_config/pyodide-requirements.txt "
               "pins nor @jupyterlite/pyodide-kernel-extension ships"),
    ("pyodide_kernel", "write the package 'pyodide_kernel' as 'pyodide-kernel'"),
], ids=["shipped-by-nobody", "not-as-the-kernel-writes-it"])
def test_a_package_loaded_with_the_kernel_that_the_site_cannot_ship_is_named(small_project, name, problem):
    before = tree_digest(small_project / "dist")
    config_file = small_project / "lite_config" / "jupyter-lite.json"
    config = json.loads(config_file.read_text())
    plugins = config["jupyter-config-data"]["litePluginSettings"]
    plugins["@jupyterlite/pyodide-kernel-extension:kernel"]["loadPyodideOptions"]["packages"].append(name)
    config_file.write_text(json.dumps(config))
    assert build_error(small_project).startswith(f"lite_config/jupyter-lite.json: {problem}")
    assert tree_digest(small_project / "dist") == before
