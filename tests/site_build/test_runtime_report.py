"""The runtime report: measurements of CPython and every engine in the site, a page for people, claims."""

import html
import json
import runpy
import sys

import nbformat
import pytest

from build import CONTENT
from coursebuild.claims import contradictions, read_claims
from coursebuild.engines import ENGINES
from coursebuild.runtime_page import CONTENT_PAGE

CLAIMS = read_claims(CONTENT)


def probe_names() -> list[str]:
    """Every probe coursekit.probes defines, and top_level_await, which the harness's own cell runs."""
    sys.path.insert(0, str(CONTENT))
    try:
        probes = runpy.run_module("coursekit.probes")
    finally:
        sys.path.remove(str(CONTENT))
    lists = [*probes["SYNC_PROBES"], *probes["ASYNC_PROBES"], probes["INPUT_PROBE"], probes["RELOAD_PROBE"]]
    return [name for name, _, _ in lists] + ["top_level_await"]


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


@pytest.mark.parametrize("claim", CLAIMS, ids=[claim.id for claim in CLAIMS])
def test_lesson_claim_holds_in_the_measured_runtime(report, claim):
    assert contradictions(claim, report) == []

