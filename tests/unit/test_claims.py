"""Lesson claims checked per runtime against a small synthetic report, and the runtime page's verdicts."""

from pathlib import Path

import pytest

from coursebuild.browsers.engines import ENGINES
from coursebuild.errors import BuildError
from coursebuild.inputs.claims import Claim, contradictions, outcome_drift, read_claims
from coursebuild.inputs.report import Report, differences
from coursebuild.pages.runtime_page import differing_rows, verdict


def result(works: bool, detail: str) -> dict:
    return {"works": works, "detail": detail, "seconds": 0.01}


NO_THREAD = result(False, "RuntimeError: can't start new thread")
REPORT = {
    "runtimes": ["cpython", *ENGINES],
    "probes": [
        {"name": "thread_start", "question": "Can a threading.Thread start?",
         "cpython": result(True, "started"), **{engine: NO_THREAD for engine in ENGINES}},
        {"name": "sleep_accuracy", "question": "How long does time.sleep(0.05) take?",
         "cpython": result(True, "50.2 ms"), "chromium": result(True, "51.0 ms"),
         "firefox": result(True, "63.5 ms"), "webkit": None},
    ],
}


def typed(data: dict) -> Report:
    """A report of the given runtimes and probe rows, as read from its file."""
    return Report.from_json({"measured_at": "2026-11-29T06:00:00Z", "depends_on": {}, "versions": {}, **data},
                            Path("runtime-report.json"))


def row(probe: dict):
    """One probe row of REPORT's runtimes, as read from the file."""
    return typed({**REPORT, "probes": [probe]}).probes[0]


def claim(**fields) -> Claim:
    defaults = {"lesson": "lesson.py", "says": "Threads cannot start in the browser.",
                "probe": "thread_start", "runtime": "pyodide", "works": False}
    return Claim(**{**defaults, **fields})


def test_pyodide_stands_for_every_engine():
    assert claim().runtimes == list(ENGINES)
    assert claim(runtime=["firefox", "cpython"]).runtimes == ["firefox", "cpython"]


def test_a_claim_the_report_confirms_everywhere_has_no_contradiction():
    assert contradictions(claim(detail="can't start new thread"), typed(REPORT)) == []
    assert contradictions(claim(runtime="cpython", works=True), typed(REPORT)) == []


def test_a_flipped_claim_is_contradicted_once_per_engine_naming_lesson_sentence_and_engine():
    messages = contradictions(claim(works=True), typed(REPORT))
    assert len(messages) == len(ENGINES)
    assert messages[0] == (
        'lesson.py says "Threads cannot start in the browser.", but the probe thread_start in '
        "Pyodide in Chromium contradicts it: it fails (RuntimeError: can't start new thread)")
    assert [m.split(" in Pyodide in ")[1].split()[0] for m in messages] == ["Chromium", "Firefox", "WebKit"]


def test_bounds_and_details_are_checked_in_the_runtimes_named():
    timing = claim(probe="sleep_accuracy", works=True, runtime=["chromium", "firefox"], at_most=60)
    [message] = contradictions(timing, typed(REPORT))
    assert "in Pyodide in Firefox" in message and "it measured 63.5, outside [None, 60]" in message
    assert contradictions(claim(detail="PermissionError"), typed(REPORT))[0].endswith(
        "its detail lacks 'PermissionError' (RuntimeError: can't start new thread)")


def test_an_engine_not_measured_contradicts_a_claim_about_it():
    [message] = contradictions(claim(probe="sleep_accuracy", works=True, runtime="webkit"), typed(REPORT))
    assert "in Pyodide in WebKit" in message and "the report has no such measurement" in message


def test_claims_naming_an_unknown_runtime_or_lesson_are_refused(tmp_path):
    (tmp_path / "lesson.py").write_text("")
    claims = tmp_path / "claims.toml"
    entry = '[[claims]]\nlesson = "{}"\nsays = "x"\nprobe = "p"\nruntime = {}\nworks = true\n'
    claims.write_text(entry.format("lesson.py", '["chromium", "safari"]'))
    with pytest.raises(BuildError, match=r"unknown runtimes \['safari'\]"):
        read_claims(tmp_path)
    claims.write_text(entry.format("gone.py", '"pyodide"'))
    with pytest.raises(BuildError, match="names gone.py, which is not in"):
        read_claims(tmp_path)
    claims.write_text(entry.format("lesson.py", '"pyodide"'))
    assert read_claims(tmp_path)[0].runtimes == list(ENGINES)


def test_verdicts_say_where_a_probe_works():
    browsers = list(ENGINES)
    thread, sleep = REPORT["probes"]
    assert verdict(row(thread), browsers) == "fails in the browser with RuntimeError"
    assert verdict(row(sleep), browsers) == "not measured everywhere"
    assert verdict(row(sleep), ["chromium", "firefox"]) == "supported"
    mixed = {**thread, "firefox": result(True, "started")}
    assert verdict(row(mixed), browsers) == ("differs between browsers: works in Firefox; "
                                        "fails in Chromium (RuntimeError), WebKit (RuntimeError)")
    assert verdict(row({**thread, "cpython": NO_THREAD}), browsers) == "fails in both"
    assert differing_rows(typed({**REPORT, "probes": [mixed, sleep]})) == [thread["question"]]


def test_differences_name_each_probe_and_runtime_whose_outcome_changed():
    thread, sleep = REPORT["probes"]
    upgraded = {**REPORT, "probes": [{**thread, "webkit": result(True, "started")}, sleep]}
    assert differences(typed(REPORT), typed(upgraded)) == [
        "thread_start in Pyodide in WebKit: fails: RuntimeError: can't start new thread -> works (started)"]
    assert differences(typed(REPORT), typed(REPORT)) == []


def test_a_changed_outcome_names_probe_engine_and_the_claims_it_touches():
    thread, sleep = REPORT["probes"]
    measured = {**REPORT, "probes": [{**thread, "firefox": result(True, "started")}, sleep]}
    claims = [claim(), claim(lesson="other.py", says="Sleeping works.", probe="sleep_accuracy", works=True)]
    drift = outcome_drift(typed(REPORT), typed(measured), claims, list(ENGINES))
    assert len(drift) == 1, drift
    assert drift[0].startswith("thread_start in Pyodide in Firefox: fails: RuntimeError")
    assert 'lesson.py: "Threads cannot start in the browser."' in drift[0]
    assert "Sleeping works" not in drift[0]
    assert outcome_drift(typed(REPORT), typed(measured), claims, ["cpython", "chromium", "webkit"]) == []


def test_a_probe_no_claim_names_still_fails_when_its_outcome_changes():
    thread, sleep = REPORT["probes"]
    measured = {**REPORT, "probes": [thread, {**sleep, "cpython": result(False, "OSError")}]}
    assert outcome_drift(typed(REPORT), typed(measured), [claim()], ["cpython"]) == [
        "sleep_accuracy in CPython: works (50.2 ms) -> fails: OSError against runtime-report.json; "
        "no lesson claim names it; run python3 build.py measure and review the change"]
