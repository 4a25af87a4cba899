"""The runtime report: real measurements of CPython and three engines in the site, a page for people, claims that hold."""

import copy
import dataclasses
import html
import json

import nbformat
import pytest

from build import CONTENT
from coursebuild.claims import contradiction, contradictions, read_claims
from coursebuild.engines import ENGINES, LABELS
from coursebuild.report import differences
from coursebuild.runtime_page import CONTENT_PAGE

CLAIMS = read_claims(CONTENT)
ISSUE_PROBES = ["versions", "thread_start", "thread_pool_map", "lock_contention", "asyncio_run", "top_level_await",
                "gather_sleeps", "sleep_accuracy", "perf_counter_step", "process_pool", "subprocess", "raw_socket",
                "urllib_same_origin", "pyfetch_same_origin", "cross_origin_fetch", "input", "write_file",
                "file_after_reload", "sqlite3"]


@pytest.fixture(scope="module")
def report(built_site):
    return json.loads((built_site / "pyodide-report.json").read_text())


def test_every_probe_was_measured_in_cpython_and_every_engine(report):
    rows = {row["name"]: row for row in report["probes"]}
    assert report["runtimes"] == ["cpython", *ENGINES]
    assert sorted(rows) == sorted(ISSUE_PROBES)
    for name in ISSUE_PROBES:
        for runtime in report["runtimes"]:
            assert rows[name][runtime] is not None, (name, runtime)


def test_report_names_the_versions_measured(report):
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    for engine in ENGINES:
        assert report["versions"][engine]["pyodide"] == PYODIDE_VERSION
        assert report["versions"][engine]["browser"].startswith(LABELS[engine])
    assert report["versions"]["cpython"]["implementation"] == "CPython"


def test_runtime_page_and_lesson_notebook_show_every_probe(built_site, report):
    page = html.unescape((built_site / "runtime.html").read_text())
    content_page = nbformat.read(built_site / "files" / CONTENT_PAGE, as_version=4).cells[0].source
    for row in report["probes"]:
        if row["name"] != "versions":
            assert row["question"] in page and row["question"] in content_page
    assert "fails in the browser with RuntimeError" in page
    for engine in ENGINES:  # a column per engine, named as learners know their browsers
        assert f"Pyodide in {LABELS[engine]}" in page and f"Pyodide in {LABELS[engine]}" in content_page


def test_runtime_page_says_which_rows_differ_between_browsers(built_site, report):
    page = html.unescape((built_site / "runtime.html").read_text())
    asyncio_run = next(row for row in report["probes"] if row["name"] == "asyncio_run")
    assert asyncio_run["chromium"]["works"] and not asyncio_run["webkit"]["works"]  # measured: Safari lacks JSPI
    assert f"These differ between browsers: " in page and asyncio_run["question"] in page.split("differ between")[1]
    assert "differs between browsers: works in Chromium, Firefox; fails in WebKit (RuntimeError)" in page


def test_landing_page_and_lessons_link_to_the_report(built_site, lesson_notebooks):
    assert 'href="runtime.html"' in (built_site / "index.html").read_text()
    listed = {item["name"] for item in json.loads((built_site / "api/contents/all.json").read_text())["content"]}
    assert CONTENT_PAGE in listed
    for notebook in lesson_notebooks:
        assert f"]({CONTENT_PAGE})" in notebook.read_text(), notebook.name


CLAIM_RUNS = [(claim, runtime) for claim in CLAIMS for runtime in claim.runtimes]


@pytest.mark.parametrize("claim, runtime", CLAIM_RUNS,
                         ids=[f"{claim.id.rsplit(':', 1)[0]}:{runtime}" for claim, runtime in CLAIM_RUNS])
def test_lesson_claim_holds_in_each_runtime_it_names(report, claim, runtime):
    assert contradiction(claim, report, runtime) is None, contradiction(claim, report, runtime)


def test_a_browser_claim_is_checked_in_every_engine():
    claim = next(c for c in CLAIMS if c.probe == "thread_start" and c.runtime == "pyodide")
    assert claim.runtimes == list(ENGINES)


def test_a_flipped_claim_fails_naming_its_lesson_sentence_and_engine(report):
    claim = next(c for c in CLAIMS if c.probe == "thread_start" and c.runtime == "pyodide")
    messages = contradictions(dataclasses.replace(claim, works=True), report)
    assert len(messages) == len(ENGINES)
    for engine, message in zip(ENGINES, messages):
        assert message.startswith(f'{claim.lesson} says "{claim.says}"')
        assert (f"the probe thread_start in Pyodide in {LABELS[engine]} contradicts it: "
                "it fails (RuntimeError: can't start new thread)") in message


def test_a_change_in_one_engine_contradicts_claims_and_shows_as_a_difference(report):
    upgraded = copy.deepcopy(report)
    row = next(r for r in upgraded["probes"] if r["name"] == "thread_start")
    row["firefox"] = {"works": True, "detail": "a thread started and joined", "seconds": 0.001}
    broken = [message for c in CLAIMS if c.probe == "thread_start" for message in contradictions(c, upgraded)]
    assert len(broken) == 1 and "concurrency_io_bound.py says" in broken[0] and "in Firefox" in broken[0]
    assert differences(report, upgraded) == [
        "thread_start in firefox: fails: RuntimeError: can't start new thread -> works (a thread started and joined)"]
