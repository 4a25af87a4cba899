"""The kernel snapshot's finder (site/unpack_on_import.py), run in CPython on a wheel made here: a
deferred wheel is read, checked and unpacked on the first import that needs it, once."""

import hashlib
import importlib
import importlib.metadata
import site
import sys
import zipfile

import pytest

from coursebuild.errors import BuildError
from coursebuild.site import kernel_snapshot, unpack_on_import

WHEEL = "toy_ledger-1.0-py3-none-any.whl"


@pytest.fixture
def site_packages(tmp_path, monkeypatch):
    """An empty site-packages on sys.path, where the finder unpacks (Python's own finders then look)."""
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.setattr(site, "getsitepackages", lambda: [str(folder)])
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.delitem(sys.modules, unpack_on_import.NAME, raising=False)
    yield folder
    for name in [name for name in sys.modules if name.partition(".")[0] == "toy_ledger"]:
        del sys.modules[name]
    importlib.invalidate_caches()


@pytest.fixture
def deferred_wheel(tmp_path) -> dict:
    """A wheel in a folder of its own, described as the build describes a deferred one."""
    folder = tmp_path / "wheels"
    folder.mkdir()
    with zipfile.ZipFile(folder / WHEEL, "w") as archive:
        archive.writestr("toy_ledger/__init__.py", "TOTAL = 42\n")
        archive.writestr("toy_ledger/rates.py", "RATE = 0.25\n")
        archive.writestr("toy_ledger-1.0.dist-info/METADATA", "Name: toy-ledger\nVersion: 1.0\n")
    return {"folder": str(folder), "file": WHEEL, "imports": ["toy_ledger"], "name": "toy-ledger",
            "dist_info": "toy_ledger-1.0.dist-info",
            "sha256": hashlib.sha256((folder / WHEEL).read_bytes()).hexdigest()}


def install(wheel: dict) -> None:
    unpack_on_import.install(wheel["folder"], [wheel])


def test_the_first_import_unpacks_the_wheel_and_later_ones_find_it_unpacked(site_packages, deferred_wheel):
    install(deferred_wheel)
    assert importlib.import_module("toy_ledger").TOTAL == 42
    assert (site_packages / "toy_ledger-1.0.dist-info" / "METADATA").is_file()
    # unpacked once: a submodule imported later is found in site-packages, not read from the wheel again
    (site_packages.parent / "wheels" / WHEEL).unlink()
    assert importlib.import_module("toy_ledger.rates").RATE == 0.25
    assert sys.modules[unpack_on_import.NAME].FINDER is sys.meta_path[0]


def test_a_lookup_of_its_metadata_by_name_unpacks_it_and_a_listing_does_not(site_packages, deferred_wheel):
    install(deferred_wheel)
    assert "toy-ledger" not in {dist.metadata["Name"] for dist in importlib.metadata.distributions()}
    assert list(site_packages.iterdir()) == []
    assert importlib.metadata.version("Toy_Ledger") == "1.0"
    assert "toy_ledger" not in sys.modules  # unpacked, not imported


def test_a_wheel_that_is_not_the_locked_one_is_refused_naming_it(site_packages, deferred_wheel):
    install({**deferred_wheel, "sha256": "0" * 64})
    with pytest.raises(ImportError, match=f"{WHEEL} .* is not the file the site's lock lists"):
        importlib.import_module("toy_ledger")
    assert list(site_packages.iterdir()) == []


def test_a_missing_wheel_is_an_import_error_naming_it(site_packages, deferred_wheel):
    install({**deferred_wheel, "folder": str(site_packages.parent / "elsewhere")})
    with pytest.raises(ImportError, match=f"{WHEEL} could not be read"):
        importlib.import_module("toy_ledger")


def test_modules_of_other_distributions_are_left_to_pythons_finders(site_packages, deferred_wheel,
                                                                   monkeypatch):
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    install(deferred_wheel)
    assert importlib.import_module("colorsys").__file__.startswith(sys.prefix)
    assert list(site_packages.iterdir()) == []


def test_the_build_names_a_wheel_without_one_metadata_folder(tmp_path):
    wheel = tmp_path / WHEEL
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("toy_ledger/__init__.py", "")
    with pytest.raises(BuildError) as raised:
        kernel_snapshot.dist_info(wheel)
    assert str(raised.value) == f"{wheel}: holds 0 .dist-info folders, not one"
