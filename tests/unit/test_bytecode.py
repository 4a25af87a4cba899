"""The bytecode step's names and its cache's verification."""

import pytest

from coursebuild.errors import BuildError
from coursebuild.site import bytecode


def test_a_compiled_wheel_is_named_by_the_pyodide_that_compiled_it(tmp_path):
    tag = bytecode.build_tag("314.0.6")
    assert bytecode.compiled_name(tmp_path / "jedi-0.19.2-py2.py3-none-any.whl", tag) == \
        "jedi-0.19.2-0pyodide314_0_6-py2.py3-none-any.whl"
    with pytest.raises(BuildError, match="already has a build tag"):
        bytecode.compiled_name(tmp_path / "jedi-0.19.2-1-py3-none-any.whl", tag)


def test_a_cache_entry_counts_only_with_the_bytes_recorded_when_compiled(tmp_path):
    entry = tmp_path / "entry"
    entry.mkdir()
    wheel = entry / "parso-0.8.6-0pyodide314_0_6-py3-none-any.whl"
    wheel.write_bytes(b"compiled")
    assert bytecode.cached(entry) is None  # no record of what was compiled
    (entry / "sha256").write_text(bytecode.sha256_of(wheel))
    assert bytecode.cached(entry) == wheel
    wheel.write_bytes(b"tampered")
    assert bytecode.cached(entry) is None
