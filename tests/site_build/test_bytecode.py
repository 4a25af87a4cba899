"""The site ships its wheels compiled by the pinned Pyodide's Python, sources only where they are kept."""

import json
import zipfile

from packaging.utils import parse_wheel_filename

from coursebuild.files import sha256_of
from coursebuild.inputs.pyodide_config import read_pyodide_config
from coursebuild.paths import PYODIDE_CONFIG
from coursebuild.site import bytecode, pyodide_dist
from tests.support.course import pinned_pyodide
from tests.support.fixture_course import own_cache

HASH_UNCHECKED = 0b01  # a pyc's flags: checked against no source (PEP 552)


def shipped_wheels(site):
    return sorted((site / "static" / "pyodide").glob("*.whl"))


def modules(wheel):
    """The wheel's .py and .pyc files outside its metadata."""
    names = [name for name in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in name]
    return [name for name in names if name.endswith(".py")], [name for name in names if name.endswith(".pyc")]


def beside(source, tag):
    """Where Python looks for the bytecode of a source file (`a/__pycache__/b.cpython-314.pyc`)."""
    folder, _, file = source.rpartition("/")
    return f"{folder}/__pycache__/{file.removesuffix('.py')}.{tag}.pyc"


def cache_tag(site):
    """`cpython-314`, from the Python the site's lock was written for."""
    python = json.loads((site / "static" / "pyodide" / "pyodide-lock.json").read_text())["info"]["python"]
    return "cpython-" + "".join(python.split(".")[:2])


def test_every_wheel_ships_bytecode_and_only_the_kept_ones_their_sources(built_site):
    keep = read_pyodide_config(PYODIDE_CONFIG).bytecode.keep_sources
    headers = set()
    for wheel in shipped_wheels(built_site):
        name = parse_wheel_filename(wheel.name)[0]
        sources, compiled = modules(wheel)
        assert compiled, wheel.name
        if name in keep:
            assert sources and set(compiled) == {beside(source, cache_tag(built_site)) for source in sources}
        else:
            assert sources == [], wheel.name
        with zipfile.ZipFile(wheel) as archive:
            headers |= {archive.read(name)[:8] for name in compiled}
    magics = {header[:4] for header in headers}
    assert len(magics) == 1  # one Python compiled them all
    assert {int.from_bytes(header[4:8], "little") for header in headers} == {HASH_UNCHECKED}


def test_a_tampered_compiled_wheel_in_the_cache_is_compiled_again_to_the_same_bytes(small_project,
                                                                                   build_lines):
    cache = own_cache(small_project) / f"pyodide-{pinned_pyodide().version}"
    source = next((cache / "wheels").glob("parso-*.whl"))
    entry = cache / pyodide_dist.BYTECODE_CACHE / bytecode.cache_key(sha256_of(source), keep_sources=False)
    compiled = bytecode.cached(entry)
    good = compiled.read_bytes()
    compiled.write_bytes(b"half a wheel")
    assert "bytecode: compiling 1 wheels" in build_lines(small_project)
    assert compiled.read_bytes() == good
    assert (small_project / "dist" / "static" / "pyodide" / compiled.name).read_bytes() == good
