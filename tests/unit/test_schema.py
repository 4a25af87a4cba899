"""Typed inputs: a claim of the wrong shape is one line naming the file, the claim and the key."""

import pytest

from coursebuild.errors import BuildError
from coursebuild.inputs.claims import read_claims

GOOD = 'lesson = "lesson.py"\nsays = "x"\nprobe = "p"\nruntime = "pyodide"\nworks = true\n'


@pytest.mark.parametrize("entry, problem", [
    (GOOD.replace("works = true", 'works = "yes"'), "claim 2: works must be true or false, not 'yes'"),
    (GOOD.replace('runtime = "pyodide"', "runtime = [1]"),
     "claim 2: runtime must be a string or a list of strings, not [1]"),
    (GOOD + 'at_most = "fast"\n', "claim 2: at_most must be a number or absent, not 'fast'"),
    (GOOD.replace('probe = "p"\n', ""), "claim 2 lacks probe (a string)"),
    (GOOD + "typo = 1\n", "claim 2 has unknown keys ['typo']: use lesson, says, probe, runtime, works, "
                          "detail, at_least, at_most"),
])
def test_a_claim_of_the_wrong_shape_is_one_line_naming_file_claim_and_key(tmp_path, entry, problem):
    (tmp_path / "lesson.py").write_text("")
    (tmp_path / "claims.toml").write_text(f"[[claims]]\n{GOOD}\n[[claims]]\n{entry}")
    with pytest.raises(BuildError) as raised:
        read_claims(tmp_path)
    assert str(raised.value) == f"{tmp_path / 'claims.toml'}: {problem}"


def test_a_claim_with_whole_number_bounds_is_read_as_numbers(tmp_path):
    (tmp_path / "lesson.py").write_text("")
    (tmp_path / "claims.toml").write_text(f"[[claims]]\n{GOOD}at_least = 1\n")
    assert read_claims(tmp_path)[0].at_least == 1


def test_claims_toml_without_claims_says_what_it_needs(tmp_path):
    (tmp_path / "claims.toml").write_text("title = 'x'\n")
    with pytest.raises(BuildError, match="needs \\[\\[claims\\]\\] tables with lesson, says, probe"):
        read_claims(tmp_path)
