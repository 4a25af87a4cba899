"""The committed runtime report: one-line errors, written in one rename, dated by its inputs."""

import json

import pytest

from coursebuild.errors import BuildError
from coursebuild.inputs import report
from coursebuild.paths import PROJECT, Project
from tests.support.course import pinned_pyodide

PYODIDE = pinned_pyodide().version

HEADER = {"measured_at": "2026-11-29T06:00:00Z", "runtimes": ["cpython"], "versions": {}, "depends_on": {}}


def project_with(tmp_path, text: str | None) -> Project:
    if text is not None:
        (tmp_path / "runtime-report.json").write_text(text)
    return Project(tmp_path)


@pytest.mark.parametrize("text, says", [
    (None, "is missing: run python3 build.py measure"),
    ("{\"runtimes\": [", "cannot be read as JSON"),
    ('{"runtimes": []}', "the report lacks measured_at (a string)"),
    ('[]', "the report must be a table of keys, not list"),
    (json.dumps({**HEADER, "measured_at": "yesterday", "probes": []}),
     "measured_at 'yesterday' is not an ISO 8601 date and time"),
    (json.dumps({**HEADER, "probes": [{"name": "p", "question": "q?", "cpython": {"works": "yes"}}]}),
     "probe p in cpython: works must be true or false, not 'yes'"),
    (json.dumps({**HEADER, "probes": [{"name": "p", "cpython": None}]}),
     "probes[1] lacks question (a string)"),
])
def test_a_missing_or_broken_report_is_one_line_naming_the_file_and_the_fix(tmp_path, text, says):
    with pytest.raises(BuildError) as raised:
        report.read_committed(project_with(tmp_path, text))
    assert str(raised.value).startswith("runtime-report.json: ") and says in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_report_is_written_whole_and_read_back(tmp_path):
    written = {**HEADER, "probes": [{"name": "p", "question": "q?", "cpython": None}],
               "depends_on": {"probes": "x"}}
    report.write(Project(tmp_path), report.Report.from_json(written, tmp_path / "in.json"))
    assert report.read_committed(Project(tmp_path)).to_json() == written
    assert [p.name for p in tmp_path.iterdir()] == ["runtime-report.json"]  # no temporary file left


def test_an_edit_to_a_probe_dates_the_report_and_an_edit_to_a_check_does_not(tmp_path):
    kit = tmp_path / "content" / "coursekit"
    kit.mkdir(parents=True)
    (tmp_path / "lite_config").mkdir()
    (kit / "probes.py").write_text("PROBES = []\n")
    (kit / "concurrency_checks.py").write_text("def check_exercise_1(): ...\n")
    project = Project(tmp_path)
    committed = report.depends_on(project, PYODIDE)
    (kit / "concurrency_checks.py").write_text("def check_exercise_1(): return 1\n")
    assert report.outdated_parts(committed, report.depends_on(project, PYODIDE)) == []
    (kit / "probes.py").write_text("PROBES = [1]\n")
    assert (report.outdated_parts(committed, report.depends_on(project, f"{PYODIDE}.post1"))
            == ["probes", "pyodide"])


def test_the_committed_report_says_what_it_depends_on():
    committed = json.loads(PROJECT.runtime_report.read_text())
    assert set(committed["depends_on"]) >= {"probes", "harness", "site", "pyodide", "jupyterlite", "engines"}
    assert set(committed["depends_on"]["engines"]) == set(committed["runtimes"]) - {"cpython"}


def test_measure_names_an_engine_it_did_not_find_and_drops_its_column_only_when_told(monkeypatch, caplog):
    from coursebuild.commands import measure
    from coursebuild.paths import LEARNER

    def in_engine(site, engine, evidence):
        if engine == "webkit":
            raise measure.EngineMissing("WebKit: no WebKitGTK: run `apt-get install webkit2gtk-driver xvfb`")
        return [{"name": "versions"}], f"{engine} 1.0"

    monkeypatch.setattr(measure, "measure_cpython", lambda content: [{"name": "versions"}])
    monkeypatch.setattr(measure, "measure_pyodide", in_engine)
    with pytest.raises(BuildError) as refused:
        measure.measure_runtimes(LEARNER, [], missing_is_an_error=True)
    assert str(refused.value) == (
        "runtime-report.json: not written: WebKit not found on this machine; install it (bash .ci/setup), "
        "or write the report without its column: python3 build.py measure --without webkit")
    assert "runtime report: not found: WebKit: no WebKitGTK" in caplog.text
    measured, browsers = measure.measure_runtimes(LEARNER, ["webkit"], missing_is_an_error=True)
    assert list(measured) == ["cpython", "chromium", "firefox"] and list(browsers) == ["chromium", "firefox"]
