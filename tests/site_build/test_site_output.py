"""The built site holds what a self-hosted, offline course needs, and nothing from other hosts."""

import json
import re
import zipfile

import nbformat
import pytest

from coursebuild.files import sha256_of
from coursebuild.inputs import lessons
from coursebuild.paths import CONTENT, PYODIDE_REQUIREMENTS
from coursebuild.site import bytecode, pyodide_dist
from tests.support.course import pinned_pyodide
from tests.support.course_js import js_lesson_versions

KERNEL_EXTENSION_DIR = "extensions/@jupyterlite/pyodide-kernel-extension"
FOREIGN_URL = re.compile(r"https?://(?!127\.0\.0\.1|localhost)[^\s\"'<>)]+")


def site_config(site):
    return json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]


def kernel_settings(site):
    return site_config(site)["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]


def test_site_has_the_apps_and_pyodide(built_site):
    for path in ["index.html", "notebooks/index.html", "lab/index.html", "tree/index.html",
                 "static/pyodide/pyodide.mjs", "static/pyodide/pyodide.asm.wasm",
                 "static/pyodide/python_stdlib.zip", "static/pyodide/pyodide-lock.json",
                 "api/contents/all.json"]:
        assert (built_site / path).is_file(), path


def test_no_source_maps_shipped(built_site):
    assert not list(built_site.rglob("*.map"))


def test_only_the_kernel_and_the_course_extensions_are_shipped(built_site):
    names = [ext["name"] for ext in site_config(built_site)["federated_extensions"]]
    assert names == ["@jupyterlite/pyodide-kernel-extension", "@programming-for-business/course"]


def test_course_extension_entry_is_named_by_its_content_hash(built_site):
    extension = built_site / "extensions" / "@programming-for-business" / "course"
    load = json.loads((extension / "package.json").read_text())["jupyterlab"]["_build"]["load"]
    shipped = {ext["name"]: ext["load"] for ext in site_config(built_site)["federated_extensions"]}
    assert shipped["@programming-for-business/course"] == load
    entry = extension / load
    assert entry.name == f"course.{sha256_of(entry)[:16]}.js"
    assert (extension / "schemas" / "@programming-for-business" / "course" / "lesson-updates.json").is_file()


def test_pyodide_is_loaded_from_the_site_itself(built_site):
    settings = kernel_settings(built_site)
    assert settings["pyodideUrl"].startswith("./static/pyodide/")  # kernel-start.mjs: test_kernel_snapshot.py
    assert settings["disablePyPIFallback"] is True
    assert all(url.startswith("./") for url in settings["pipliteUrls"])


@pytest.mark.parametrize("name", ["jupyter-lite.json", "config-utils.js", "static/pyodide/pyodide-lock.json",
                                  f"{KERNEL_EXTENSION_DIR}/static/pypi/all.json"])
def test_config_and_locks_name_no_other_host(built_site, name):
    assert FOREIGN_URL.findall((built_site / name).read_text()) == []


def test_lock_lists_exactly_the_shipped_wheels_with_their_real_hashes(built_site):
    pyodide_dir = built_site / "static" / "pyodide"
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text())
    shipped = sorted(p.name for p in pyodide_dir.glob("*.whl"))
    assert sorted(pkg["file_name"] for pkg in lock["packages"].values()) == shipped
    for pkg in lock["packages"].values():
        assert pkg["sha256"] == sha256_of(pyodide_dir / pkg["file_name"]), pkg["name"]


def test_lock_holds_what_the_kernel_boots_from(built_site):
    lock = json.loads((built_site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    for name in ["micropip", "ipython", "jedi", "parso", "comm", "ipython-pygments-lexers"]:
        assert name in lock["packages"], name
    for pkg in lock["packages"].values():  # every dependency is itself shipped
        assert set(pkg["depends"]) <= set(lock["packages"]), pkg["name"]


def test_shipped_wheels_are_the_pinned_requirements_the_kernels_own_and_coursekit(built_site):
    pins = {w.name: w for w in pyodide_dist.read_requirements(PYODIDE_REQUIREMENTS)}
    lock = json.loads((built_site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    kernels_own = {"piplite", "ipykernel", "pyodide-kernel"}  # from the kernel extension's piplite folder
    assert set(lock["packages"]) == set(pins) | kernels_own | {"coursekit"}
    tag = bytecode.build_tag(pinned_pyodide().version)
    kernel_pypi = built_site / KERNEL_EXTENSION_DIR / "static" / "pypi"
    for name, pkg in lock["packages"].items():  # each compiled by the pinned Pyodide (test_bytecode.py)
        if name in kernels_own:
            by_kernel = [bytecode.compiled_name(wheel, tag) for wheel in kernel_pypi.glob("*.whl")]
            assert pkg["file_name"] in by_kernel, name
        elif name != "coursekit":
            assert pkg["version"] == pins[name].version
            assert f"-{pins[name].version}-{tag}-" in pkg["file_name"]


def test_the_kernel_loads_every_package_it_boots_from_with_pyodide(built_site):
    lock = json.loads((built_site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    packages = kernel_settings(built_site)["loadPyodideOptions"]["packages"]
    # what jupyterlite-pyodide-kernel would otherwise install one after another once Pyodide has started
    boot = ["micropip", "piplite", "ipykernel", "comm", "pyodide-kernel", "jedi", "ipython"]
    for name in ["coursekit", *boot]:
        assert name in packages and name in lock["packages"], name


def test_coursekit_wheel_holds_the_lesson_helpers(built_site):
    lock = json.loads((built_site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    wheel = built_site / "static" / "pyodide" / lock["packages"]["coursekit"]["file_name"]
    with zipfile.ZipFile(wheel) as archive:
        packed = {name: archive.read(name) for name in archive.namelist() if name.endswith(".py")}
    helpers = {f"coursekit/{p.name}": p.read_bytes() for p in (CONTENT / "coursekit").glob("*.py")}
    assert packed == helpers


def test_pyodide_version_is_the_one_the_kernel_is_built_for(built_site):
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    assert pinned_pyodide().version == PYODIDE_VERSION
    lock = json.loads((built_site / "static" / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["info"]["version"] == PYODIDE_VERSION


def test_every_lesson_is_a_valid_notebook_on_the_pyodide_kernel(lesson_notebooks):
    assert lesson_notebooks
    for path in lesson_notebooks:
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert notebook.metadata.kernelspec.name == "python", path.name
        assert "jupytext" not in notebook.metadata, path.name


def kernel_language_info(site) -> dict:
    """The language_info the site's Pyodide kernel sends in its kernel_info reply (its minified script)."""
    scripts = (site / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static").glob("*.js")
    object_of_plain_values = r"language_info:(\{(?:[^{}]|\{[^{}]*\})*\})"  # one level of nesting
    found = [m for script in scripts if (m := re.search(object_of_plain_values, script.read_text()))]
    assert len(found) == 1, "the kernel's kernelInfoRequest was not found once"
    return json.loads(re.sub(r"(\w+):", r'"\1":', found[0].group(1)))  # a JS object of plain values as JSON


def test_lessons_hold_the_language_the_kernel_reports_so_opening_one_changes_nothing(built_site,
                                                                                     lesson_notebooks):
    reported = kernel_language_info(built_site)
    assert reported["name"] == "python"
    for path in lesson_notebooks:
        assert nbformat.read(path, as_version=4).metadata.language_info == reported, path.name


def test_each_lessons_stamp_is_the_version_the_extension_computes_from_its_cells(lesson_notebooks):
    # the extension (course.js), not the build's own function, is what compares a learner's copy to the stamp
    notebooks = [nbformat.read(path, as_version=4) for path in lesson_notebooks]
    cells = [[{"cell_type": cell.cell_type, "source": cell.source} for cell in nb.cells] for nb in notebooks]
    stamps = [nb.metadata[lessons.VERSION_KEY]["version"] for nb in notebooks]
    assert stamps == js_lesson_versions(cells)
    assert len(set(stamps)) == len(stamps)  # lessons with different cells have different stamps


def test_contents_index_lists_every_lesson(built_site, lesson_notebooks):
    index = json.loads((built_site / "api" / "contents" / "all.json").read_text())
    listed = {item["name"] for item in index["content"]}
    assert {nb.name for nb in lesson_notebooks} <= listed

