"""The runtime report: real measurements of both runtimes in the site, a page for people, claims that hold."""

import copy
import dataclasses
import html
import json

import nbformat
import pytest

from build import CONTENT
from coursebuild.claims import contradiction, read_claims
from coursebuild.report import differences
from coursebuild.runtime_page import CONTENT_PAGE

CLAIMS = read_claims(CONTENT)
ISSUE_PROBES = ["versions", "thread_start", "thread_pool_map", "lock_contention", "asyncio_run", "top_level_await",
                "gather_sleeps", "sleep_accuracy", "perf_counter_step", "process_pool", "subprocess", "raw_socket",
                "urllib_same_origin", "pyfetch_same_origin", "cross_origin_fetch", "requests_same_origin", "input", "write_file",
                "file_after_reload", "sqlite3"]


@pytest.fixture(scope="module")
def report(built_site):
    return json.loads((built_site / "pyodide-report.json").read_text())


def test_every_probe_was_measured_in_both_runtimes(report):
    rows = {row["name"]: row for row in report["probes"]}
    assert sorted(rows) == sorted(ISSUE_PROBES)
    for name in ISSUE_PROBES:
        assert rows[name]["cpython"] is not None and rows[name]["pyodide"] is not None, name


def test_report_names_the_versions_measured(report):
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    assert report["versions"]["pyodide"]["pyodide"] == PYODIDE_VERSION
    assert report["versions"]["pyodide"]["browser"].startswith("Chromium")
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
    listed = {item["name"] for item in json.loads((built_site / "api/contents/all.json").read_text())["content"]}
    assert CONTENT_PAGE in listed
    for notebook in lesson_notebooks:
        assert f"]({CONTENT_PAGE})" in notebook.read_text(), notebook.name


@pytest.mark.parametrize("claim", CLAIMS, ids=[claim.id for claim in CLAIMS])
def test_lesson_claim_holds_in_the_measured_runtime(report, claim):
    assert contradiction(claim, report) is None, contradiction(claim, report)


def test_a_flipped_claim_fails_naming_its_lesson_and_sentence(report):
    claim = next(c for c in CLAIMS if c.probe == "thread_start" and c.runtime == "pyodide")
    flipped = dataclasses.replace(claim, works=True)
    message = contradiction(flipped, report)
    assert message.startswith(f'{claim.lesson} says "{claim.says}"')
    assert "contradicts it: it fails (RuntimeError: can't start new thread)" in message


def test_a_changed_measurement_contradicts_claims_and_shows_as_a_difference(report):
    upgraded = copy.deepcopy(report)
    row = next(r for r in upgraded["probes"] if r["name"] == "thread_start")
    row["pyodide"] = {"works": True, "detail": "a thread started and joined", "seconds": 0.001}
    broken = [contradiction(c, upgraded) for c in CLAIMS if c.probe == "thread_start"]
    assert any(message and "concurrency_io_bound.py says" in message for message in broken)
    assert differences(report, upgraded) == [
        "thread_start in pyodide: fails: RuntimeError: can't start new thread -> works (a thread started and joined)"]
