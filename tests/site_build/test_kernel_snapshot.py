"""The site ships a memory snapshot of the kernel's Python, made by its own Pyodide from what the kernel
loads, and points the kernel's worker at the script that starts from it (site/kernel_snapshot.py)."""

import gzip
import hashlib
import json
import zipfile

from coursebuild.site import kernel_snapshot
from coursebuild.site.kernel_boot import KERNEL_PLUGIN
from coursebuild.site.pyodide_dist import LOCK_NAME
from tests.support.builds import build_error, tree_digest
from tests.support.course import pinned_pyodide
from tests.support.fixture_course import PREVIOUS_SITE, own_cache

# Python's memory after its start and the kernel's imports: some 38 MB (an empty Python's is 31 MB)
LEAST_MEMORY = 32_000_000


def kernel_settings(site):
    return json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"][
        "litePluginSettings"][KERNEL_PLUGIN]


def test_the_kernels_worker_imports_the_start_script_beside_pyodide(built_site):
    assert kernel_settings(built_site)["pyodideUrl"] == f"./static/pyodide/{kernel_snapshot.START_SCRIPT}"
    folder = built_site / "static" / "pyodide"
    assert (folder / kernel_snapshot.START_SCRIPT).is_file() and (folder / "pyodide.mjs").is_file()


def start_values(folder):
    """The values the build wrote before kernel-start.mjs."""
    first_line = (folder / kernel_snapshot.START_SCRIPT).read_text().splitlines()[0]
    return json.loads(first_line.removeprefix("const KERNEL_SNAPSHOT = ").removesuffix(";"))


def test_the_start_script_names_the_two_snapshots_of_this_pyodide_and_these_packages(built_site):
    folder = built_site / "static" / "pyodide"
    key = kernel_snapshot.snapshot_key(folder, kernel_settings(built_site)["loadPyodideOptions"]["packages"])
    names = {variant: kernel_snapshot.snapshot_name(key, switching)
             for variant, switching in kernel_snapshot.VARIANTS.items()}
    assert start_values(folder)["snapshots"] == names
    assert kernel_snapshot.shipped_snapshots(folder) == names
    offline = json.loads((built_site / "offline.json").read_text())
    for name in names.values():
        assert len(gzip.decompress((folder / name).read_bytes())) > LEAST_MEMORY
        assert f"static/pyodide/{name}" in offline["files"]
    assert f"static/pyodide/{kernel_snapshot.START_SCRIPT}" in offline["files"]
    # a browser's offline copy keeps the one it restores (the service worker picks by these names)
    assert offline["variants"] == {variant: f"static/pyodide/{name}" for variant, name in names.items()}


def test_the_snapshots_name_changes_with_the_lock(built_site, tmp_path):
    folder = tmp_path / "pyodide"
    folder.mkdir()
    for name in kernel_snapshot.CORE_FILES:
        (folder / name).write_bytes((built_site / "static" / "pyodide" / name).read_bytes())
    before = kernel_snapshot.snapshot_key(folder, ["ipython"])
    assert kernel_snapshot.snapshot_key(folder, ["ipython", "jedi"]) != before
    lock = folder / LOCK_NAME
    lock.write_text(lock.read_text().replace('"sha256": "', '"sha256": "0', 1))
    assert kernel_snapshot.snapshot_key(folder, ["ipython"]) != before


def test_a_damaged_cached_snapshot_is_made_again(small_project, build_lines):
    cache = own_cache(small_project) / f"pyodide-{pinned_pyodide().version}" / kernel_snapshot.SNAPSHOT_CACHE
    build_lines(small_project)
    folder = small_project / "dist" / "static" / "pyodide"
    shipped = start_values(folder)["snapshots"]["noStackSwitching"]
    cached = cache / shipped
    cached.write_bytes(b"half a snapshot")
    said = build_lines(small_project)
    assert "kernel snapshot: starting Pyodide under Node (noStackSwitching)" in said
    assert "(stackSwitching) ..." not in said  # the other one is still good
    assert len(gzip.decompress(cached.read_bytes())) > LEAST_MEMORY
    assert (folder / shipped).read_bytes() == cached.read_bytes()


def test_a_snapshot_that_cannot_be_made_names_the_maker_and_why_and_keeps_dist(small_project, monkeypatch):
    before = tree_digest(small_project / "dist")
    start = kernel_snapshot.KERNEL_START + "import no_such_module\n"
    monkeypatch.setattr(kernel_snapshot, "KERNEL_START", start)
    said = build_error(small_project)
    assert said == (f"{kernel_snapshot.MAKER}: Pyodide could not make the kernel's snapshot: "
                    "ModuleNotFoundError in the kernel's start")
    assert tree_digest(small_project / "dist") == before
    assert (small_project / "dist" / "index.html").read_text() == PREVIOUS_SITE


def test_the_deferred_wheels_are_described_by_the_shipped_files(built_site):
    folder = built_site / "static" / "pyodide"
    packages = kernel_settings(built_site)["loadPyodideOptions"]["packages"]
    deferred = kernel_snapshot.deferred_wheels(folder, packages)
    assert start_values(folder)["deferred"] == [wheel["name"] for wheel in deferred]
    assert {"jedi", "parso", "pygments", "traitlets"} <= set(start_values(folder)["deferred"])
    assert not set(start_values(folder)["deferred"]) & set(kernel_snapshot.UNPACKED_AT_START)
    for wheel in deferred:
        assert wheel["sha256"] == hashlib.sha256((folder / wheel["file"]).read_bytes()).hexdigest()
        with zipfile.ZipFile(folder / wheel["file"]) as archive:
            assert f"{wheel['dist_info']}/METADATA" in archive.namelist()


def test_a_distribution_to_unpack_that_the_site_does_not_ship_is_named(small_project, monkeypatch):
    monkeypatch.setattr(kernel_snapshot, "UNPACKED_AT_START", [*kernel_snapshot.UNPACKED_AT_START, "no-such"])
    said = build_error(small_project)
    assert said.endswith("holds no no-such, which coursebuild/site/kernel_snapshot.py's "
                         "UNPACKED_AT_START names")
