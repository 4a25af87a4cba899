"""Values the site's JavaScript shares with the build, coursekit and the tests: defined once, handed over."""

import importlib
import json
import re

import pytest

from coursebuild import shared_values
from coursebuild.errors import BuildError
from coursebuild.exercises import CALL
from coursebuild.grading.work import FORMAT
from coursebuild.inputs.coursekit_constants import string_constant
from coursebuild.pages import probe_notebooks
from coursebuild.paths import CONTENT, COURSE_EXTENSIONS, ROOT
from coursebuild.site import offline
from coursebuild.site.extensions import extension_values, hand_values_to_extensions

# each value and the one file that may write it: every other file of the code and the tests gets it by
# import or from the build (the exercise call's one pattern is tested on cases: test_exercise_call.py)
DEFINED_IN = {
    shared_values.PROGRESS_KEY_PREFIX: "coursebuild/shared_values.py",
    shared_values.STORAGE_PREFIX: "coursebuild/shared_values.py",
    shared_values.CACHE_PREFIX: "coursebuild/shared_values.py",
    shared_values.REVISION_HEADER: "coursebuild/shared_values.py",
    shared_values.OFFLINE_HEADER: "coursebuild/shared_values.py",
    shared_values.SYNC_MESSAGE: "coursebuild/shared_values.py",
    probe_notebooks.MARK: "coursebuild/pages/probe_notebooks.py",
    FORMAT: "coursebuild/grading/work.py",
}
SEARCHED = ["coursebuild", "content/coursekit", "tests", "benchmarks"]


def written_in(value: str) -> list[str]:
    """Each source file (Python, JavaScript, JSON) under SEARCHED with a string that begins with value."""
    quoted = [quote + value for quote in "'\"`"]
    return sorted(path.relative_to(ROOT).as_posix() for folder in SEARCHED
                  for path in (ROOT / folder).rglob("*") if path.suffix in (".py", ".js", ".json")
                  and any(form in path.read_text(encoding="utf-8") for form in quoted))


@pytest.mark.parametrize("value", DEFINED_IN)
def test_each_shared_value_is_written_in_one_file_only(value):
    assert written_in(value) == [DEFINED_IN[value]]


def test_the_extension_gets_coursekits_progress_message_and_the_builds_exercise_call(monkeypatch):
    monkeypatch.syspath_prepend(str(CONTENT))
    progress = importlib.import_module("coursekit.progress")
    values = extension_values(CONTENT)
    assert (values["outcomeMime"], values["outcomeDisplayId"]) == (progress.MIME, progress.DISPLAY_ID)
    assert re.compile(values["exerciseCall"], re.MULTILINE).pattern == CALL.pattern
    assert values["offlineHeader"] == shared_values.OFFLINE_HEADER


def test_the_values_go_into_jupyter_lite_json_under_the_extensions_own_name(tmp_path):
    (tmp_path / "jupyter-lite.json").write_text(json.dumps({"jupyter-config-data": {"appName": "x"}}))
    hand_values_to_extensions(tmp_path, {"a": 1})
    config = json.loads((tmp_path / "jupyter-lite.json").read_text())["jupyter-config-data"]
    name = json.loads(next(COURSE_EXTENSIONS.rglob("package.json")).read_text())["name"]
    assert config == {"appName": "x", name: {"a": 1}}


def test_the_service_worker_gets_its_values_on_a_line_before_it(tmp_path):
    (tmp_path / offline.SERVICE_WORKER).write_text("// JupyterLite's worker\n")
    offline.install(tmp_path, [], {})
    first = (tmp_path / offline.SERVICE_WORKER).read_text().splitlines()[0]
    assert first == f"const COURSE_VALUES = {json.dumps(offline.WORKER_VALUES)};"
    assert offline.WORKER_VALUES["cachePrefix"] == shared_values.CACHE_PREFIX


@pytest.mark.parametrize("source, problem", [
    ('OTHER = "x"\n', "defines no MIME (the site's JavaScript needs it)"),
    ("MIME = 'a' + 'b'\n", "MIME must be a string literal (the site's JavaScript is given it)"),
    ("MIME = (\n", "cannot be read for MIME ("),
])
def test_a_coursekit_constant_missing_or_computed_is_one_line_naming_the_file(tmp_path, source, problem):
    path = tmp_path / "progress.py"
    path.write_text(source)
    with pytest.raises(BuildError) as raised:
        string_constant(path, "MIME")
    assert str(raised.value).startswith(f"{path}: {problem}") and "\n" not in str(raised.value)


def test_the_probe_notebooks_hand_coursekit_the_mark_the_harness_reads():
    for name, data in probe_notebooks.probe_notebooks().items():
        last = json.loads(data)["cells"][-1]["source"]
        assert f"{probe_notebooks.MARK!r})" in "".join(last), name
    text = f"noise\n{probe_notebooks.MARK}" + json.dumps([{"name": "p"}])
    assert probe_notebooks.read_results(text, "here") == [{"name": "p"}]

