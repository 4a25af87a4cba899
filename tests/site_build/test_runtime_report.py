"""The runtime report: the committed file (every probe in CPython and every engine), the site publishing
it, its page for people, the lessons' claims, and every engine measured again against it."""

import html
import json
import runpy
import sys

import nbformat
import pytest

from coursebuild.inputs import report
from coursebuild.inputs.claims import contradiction, outcome_drift, read_claims
from coursebuild.measuring.probe_runs import measure_cpython, measure_pyodide
from coursebuild.pages.probe_notebooks import PERSISTENCE_NOTEBOOKS
from coursebuild.pages.runtime_page import CONTENT_PAGE
from coursebuild.paths import CONTENT, PROJECT
from coursebuild.runtimes import CPYTHON, ENGINES, LABELS, RUNTIMES
from tests.support.course import pinned_pyodide

CLAIMS = read_claims(CONTENT)
COMMITTED = report.read_committed(PROJECT)


def probe_names() -> list[str]:
    """Every probe coursekit.probes defines, top_level_await (which the harness's own cell runs) included."""
    sys.path.insert(0, str(CONTENT))
    try:
        probes = runpy.run_module("coursekit.probes")
    finally:
        sys.path.remove(str(CONTENT))
    lists = [*probes["SYNC_PROBES"], *probes["ASYNC_PROBES"], probes["INPUT_PROBE"],
             *(probes[name] for name in PERSISTENCE_NOTEBOOKS.values())]
    return [name for name, _, _ in lists] + [probes["TOP_LEVEL_AWAIT_PROBE"][0]]


def test_every_probe_was_measured_in_cpython_and_every_engine():
    rows = {row.name: row for row in COMMITTED.probes}
    assert sorted(rows) == sorted(probe_names())
    assert COMMITTED.runtimes == list(RUNTIMES)
    for name, row in rows.items():
        assert all(row.result(runtime) is not None for runtime in COMMITTED.runtimes), name


def test_report_names_the_versions_measured():
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    for engine in ENGINES:
        versions = COMMITTED.versions[engine]
        assert versions["pyodide"] == PYODIDE_VERSION
        assert versions["browser"].lower().startswith(engine), versions
        assert COMMITTED.depends_on["engines"][engine] == versions["browser"]
    assert COMMITTED.versions["cpython"]["implementation"] == "CPython"


def test_the_committed_report_is_as_new_as_what_it_depends_on():
    pin = pinned_pyodide().version
    assert report.outdated_parts(COMMITTED.depends_on, report.depends_on(PROJECT, pin)) == [], \
        "run python3 build.py measure and commit runtime-report.json"


def test_the_site_publishes_the_committed_report(built_site):
    assert json.loads((built_site / report.REPORT_NAME).read_text()) == COMMITTED.to_json()


def test_runtime_page_and_lesson_notebook_show_every_probe(built_site):
    page = html.unescape((built_site / "runtime.html").read_text())
    content_page = nbformat.read(built_site / "files" / CONTENT_PAGE, as_version=4).cells[0].source
    for row in COMMITTED.probes:
        if row.name != "versions":
            assert row.question in page and row.question in content_page
    assert "fails in the browser with RuntimeError" in page


def test_landing_page_and_lessons_link_to_the_report(built_site, lesson_notebooks):
    assert 'href="runtime.html"' in (built_site / "index.html").read_text()
    index = json.loads((built_site / "api/contents/all.json").read_text())
    listed = {item["name"] for item in index["content"]}
    assert CONTENT_PAGE in listed
    for notebook in lesson_notebooks:
        assert f"]({CONTENT_PAGE})" in notebook.read_text(), notebook.name


CLAIM_RUNS = [(claim, runtime) for claim in CLAIMS for runtime in claim.runtimes]


@pytest.mark.parametrize("claim, runtime", CLAIM_RUNS,
                         ids=[f"{claim.id.rsplit(':', 1)[0]}:{runtime}" for claim, runtime in CLAIM_RUNS])
def test_lesson_claim_holds_in_each_runtime_it_names(claim, runtime):
    assert contradiction(claim, COMMITTED, runtime) is None, contradiction(claim, COMMITTED, runtime)


def test_runtime_page_says_which_rows_differ_between_browsers(built_site):
    page = html.unescape((built_site / "runtime.html").read_text())
    for engine in ENGINES:  # a column per engine, named as learners know their browsers
        assert f"Pyodide in {LABELS[engine]}" in page
    asyncio_run = COMMITTED.probe("asyncio_run")
    # measured: Safari's engine lacks WebAssembly stack switching
    assert asyncio_run.result("chromium").works and not asyncio_run.result("webkit").works
    summary = page.split("These differ between browsers: ")[1].split("</p>")[0]
    assert f"“{asyncio_run.question}”" in summary and "?." not in summary
    assert "differs between browsers: works in Chromium, Firefox; fails in WebKit (RuntimeError)" in page


@pytest.fixture(scope="session")
def measure_again(built_site, staged_content, tmp_path_factory, request):
    """Run the probes again in one runtime, in the site just built: each runtime at most once per session."""
    measured = {}
    evidence = tmp_path_factory.mktemp("measure-failures")

    def in_runtime(runtime: str) -> dict:
        if runtime not in measured:
            if runtime == CPYTHON:
                measured[runtime] = measure_cpython(staged_content("learner"))
            else:  # in the session's Playwright (the browser tests' too): a thread holds one at a time
                playwright = request.getfixturevalue("playwright")
                measured[runtime] = measure_pyodide(built_site, runtime, evidence, playwright)[0]
        return report.combine({runtime: measured[runtime]}, {}, {})

    return in_runtime


@pytest.mark.parametrize("runtime", [pytest.param(r, marks=[pytest.mark.browser] if r in ENGINES else [])
                                     for r in RUNTIMES])
def test_each_probe_measures_as_the_committed_report_says(measure_again, runtime):
    drift = outcome_drift(COMMITTED, measure_again(runtime), CLAIMS, [runtime])
    assert drift == [], "\n".join(drift)
