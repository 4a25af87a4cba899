"""The runtime report: measurements of CPython and every engine in the site, a page for people, claims."""

import html
import json
import runpy
import sys

import nbformat
import pytest

from coursebuild.claims import contradiction, read_claims
from coursebuild.engines import ENGINES, LABELS
from coursebuild.paths import CONTENT
from coursebuild.runtime_page import CONTENT_PAGE

CLAIMS = read_claims(CONTENT)


def probe_names() -> list[str]:
    """Every probe coursekit.probes defines, top_level_await (which the harness's own cell runs) included."""
    sys.path.insert(0, str(CONTENT))
    try:
        probes = runpy.run_module("coursekit.probes")
    finally:
        sys.path.remove(str(CONTENT))
    lists = [*probes["SYNC_PROBES"], *probes["ASYNC_PROBES"], probes["INPUT_PROBE"], probes["RELOAD_PROBE"]]
    return [name for name, _, _ in lists] + [probes["TOP_LEVEL_AWAIT_PROBE"][0]]


@pytest.fixture(scope="module")
def report(built_site):
    return json.loads((built_site / "pyodide-report.json").read_text())


def test_every_probe_was_measured_in_cpython_and_every_engine(report):
    rows = {row["name"]: row for row in report["probes"]}
    assert sorted(rows) == sorted(probe_names())
    assert report["runtimes"] == ["cpython", *ENGINES]
    for name, row in rows.items():
        assert all(row[runtime] is not None for runtime in report["runtimes"]), name


def test_report_names_the_versions_measured(report):
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    for engine in ENGINES:
        assert report["versions"][engine]["pyodide"] == PYODIDE_VERSION
        assert report["versions"][engine]["browser"].lower().startswith(engine), report["versions"][engine]
    assert report["versions"]["cpython"]["implementation"] == "CPython"


def test_runtime_page_and_lesson_notebook_show_every_probe(built_site, report):
    page = html.unescape((built_site / "runtime.html").read_text())
    content_page = nbformat.read(built_site / "files" / CONTENT_PAGE, as_version=4).cells[0].source
    for row in report["probes"]:
        if row["name"] != "versions":
            assert row["question"] in page and row["question"] in content_page
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
def test_lesson_claim_holds_in_each_runtime_it_names(report, claim, runtime):
    assert contradiction(claim, report, runtime) is None, contradiction(claim, report, runtime)


def test_runtime_page_says_which_rows_differ_between_browsers(built_site, report):
    page = html.unescape((built_site / "runtime.html").read_text())
    for engine in ENGINES:  # a column per engine, named as learners know their browsers
        assert f"Pyodide in {LABELS[engine]}" in page
    asyncio_run = next(row for row in report["probes"] if row["name"] == "asyncio_run")
    # measured: Safari's engine lacks WebAssembly stack switching
    assert asyncio_run["chromium"]["works"] and not asyncio_run["webkit"]["works"]
    summary = page.split("These differ between browsers: ")[1].split("</p>")[0]
    assert f"“{asyncio_run['question']}”" in summary and "?." not in summary
    assert "differs between browsers: works in Chromium, Firefox; fails in WebKit (RuntimeError)" in page

