"""The import patches the build applies to the kernel's wheels before compiling them."""

import zipfile

import pytest

from coursebuild.errors import BuildError
from coursebuild.site import lazy_imports

IPYTHON = "ipython-9.12.0-py3-none-any.whl"


def wheel_with(path, members):
    """A wheel at path holding members (name: text)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def upstream_texts(distribution):
    """Each patched module of a distribution, holding every text its patches expect, once."""
    modules = {}
    for patch in lazy_imports.PATCHES:
        if patch.distribution == distribution:
            modules[patch.module] = modules.get(patch.module, "# upstream\n") + patch.old + "\n"
    return modules


def test_each_patch_replaces_its_text_and_leaves_the_rest_of_the_wheel(tmp_path):
    wheel = wheel_with(tmp_path / IPYTHON, {**upstream_texts("ipython"), "IPython/other.py": "x = 1\n"})
    lazy_imports.write_patched(wheel, tmp_path / "out.whl")
    with zipfile.ZipFile(tmp_path / "out.whl") as archive:
        patched = {name: archive.read(name).decode() for name in archive.namelist()}
    assert patched["IPython/other.py"] == "x = 1\n"
    for patch in lazy_imports.patches_for(wheel):
        assert patch.new in patched[patch.module]


def test_a_text_the_patch_expects_missing_or_repeated_fails_the_build(tmp_path):
    texts = upstream_texts("ipython")
    completer = "IPython/core/completer.py"
    texts[completer] = texts[completer].replace("import jedi.api.classes", "")
    with pytest.raises(BuildError, match=r"ipython-9.12.0.*IPython/core/completer.py holds 0 times.*'try:'"):
        lazy_imports.write_patched(wheel_with(tmp_path / IPYTHON, texts), tmp_path / "out.whl")
    texts = upstream_texts("ipython")
    texts["IPython/core/tbtools.py"] += "import pydoc\n"
    with pytest.raises(BuildError, match="tbtools.py holds 2 times, not once"):
        lazy_imports.write_patched(wheel_with(tmp_path / IPYTHON, texts), tmp_path / "out.whl")
    del texts["IPython/core/tbtools.py"]
    with pytest.raises(BuildError, match="has no IPython/core/tbtools.py"):
        lazy_imports.write_patched(wheel_with(tmp_path / IPYTHON, texts), tmp_path / "out.whl")


def test_a_patch_of_a_distribution_the_site_no_longer_ships_fails_the_build(tmp_path):
    shipped = [tmp_path / IPYTHON, tmp_path / "piplite-0.8.6-py3-none-any.whl"]
    lazy_imports.check_all_apply(shipped)
    with pytest.raises(BuildError, match="piplite's piplite/piplite.py, which the site no longer ships"):
        lazy_imports.check_all_apply(shipped[:1])
