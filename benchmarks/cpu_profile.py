"""Where the CPU goes while Chromium opens a lesson cold and then warm: V8's sampling profiler, in the
page and in the kernel's worker, through a trace of the whole browser.

Run from the repository root after `COURSE_EXPOSE_APP=1 python3 build.py`:

    python3 benchmarks/cpu_profile.py [--lesson concurrency_io_bound] [--output DIR]

One cold open (fresh on-disk profile, until the first cell has run; then the offline copy is let
finish) and one warm open (the same profile), each traced with Chromium's
`disabled-by-default-v8.cpu_profiler` category (CDP `Tracing`, which records every thread, the
kernel's worker included, where a page's `Profiler` domain sees only the page). For each, it prints
the sampled time per thread and, in the page's main thread and the kernel's worker, the scripts (by
file) and functions that took the most of it; the traces are written to DIR for Chromium's
Performance panel. Not part of the test suite.
"""

import argparse
import collections
import json
import sys
import tempfile
from pathlib import Path

from open_lesson import ROOT, base_url, launch_options, make_server, open_lesson, serve_in_background

from tests.support.offline_cache import wait_until_cached

CATEGORIES = "disabled-by-default-v8.cpu_profiler,v8.execute,toplevel"
TOP = 12


def traced(context, action) -> tuple[list[dict], object]:
    """The trace events Chromium records while `action()` runs, and what it returned (a CDP session of
    a blank page: the trace covers the whole browser, every tab and worker)."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    events, done = [], []
    cdp.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
    cdp.on("Tracing.tracingComplete", lambda message: done.append(True))
    cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    result = action()
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(100)  # lets Playwright deliver the CDP events; it waits on them, not a clock
    page.close()
    return events, result


def thread_names(events: list[dict]) -> dict[tuple, str]:
    """(pid, tid) to the thread's name, from the trace's metadata events."""
    return {(event["pid"], event["tid"]): event["args"]["name"]
            for event in events if event.get("ph") == "M" and event.get("name") == "thread_name"}


def samples_by_thread(events: list[dict]) -> dict[tuple, list[tuple[dict, float]]]:
    """Each thread's profile samples as (the sampled node's call frame, seconds it stands for)."""
    # a profile's chunks come from the profiler's own thread; its "Profile" event names the sampled one
    sampled = {(event["pid"], event.get("id")): (event["pid"], event["tid"])
               for event in events if event.get("name") == "Profile"}
    nodes, found = {}, collections.defaultdict(list)
    for event in events:
        if event.get("name") != "ProfileChunk":
            continue
        data = event["args"]["data"]
        thread = sampled.get((event["pid"], event.get("id")), (event["pid"], event["tid"]))
        profile = nodes.setdefault((event["pid"], event.get("id")), {})
        for node in data.get("cpuProfile", {}).get("nodes", []):
            profile[node["id"]] = node["callFrame"]
        for sample, delta in zip(data.get("cpuProfile", {}).get("samples", []), data.get("timeDeltas", [])):
            found[thread].append((sample, delta / 1e6, profile))
    return {thread: [(profile.get(sample, {}), seconds) for sample, seconds, profile in samples]
            for thread, samples in found.items()}


def where(frame: dict) -> str:
    """A sample's script (its file's name: pyodide.asm.wasm is Python running), or V8's own bucket."""
    url = frame.get("url", "")
    if url:
        return url.rsplit("/", 1)[-1].split("?")[0] or url
    return frame.get("functionName") or "(unknown)"


def summarize(events: list[dict]) -> dict:
    """Per thread: sampled seconds, the top scripts and functions by self time."""
    names = thread_names(events)
    summary = {}
    for thread, samples in samples_by_thread(events).items():
        by_script, by_function = collections.Counter(), collections.Counter()
        for frame, seconds in samples:
            by_script[where(frame)] += seconds
            by_function[f"{frame.get('functionName') or '(anonymous)'} ({where(frame)})"] += seconds
        name = f"{names.get(thread, 'thread')} {thread[0]}/{thread[1]}"
        summary[name] = {"sampled seconds": sum(by_script.values()),
                         "scripts": dict(by_script.most_common(TOP)),
                         "functions": dict(by_function.most_common(TOP))}
    return summary


def report(kind: str, summary: dict) -> None:
    """Print the threads that were busy, and in each the scripts and functions that took the most."""
    print(f"\n== {kind} ==")
    for name, result in sorted(summary.items(), key=lambda item: -item[1]["sampled seconds"]):
        if result["sampled seconds"] < 0.2:
            continue
        print(f"{name}: {result['sampled seconds']:.2f} s sampled")
        for label in ("scripts", "functions"):
            top = result[label].items()
            print(f"  {label}: " + "; ".join(f"{what} {seconds:.2f}" for what, seconds in top))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", default="concurrency_io_bound")
    parser.add_argument("--output", type=Path, default=ROOT / "build" / "cpu-profile")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    server = make_server(ROOT / "dist", 0, "/course/")
    serve_in_background(server)
    url = base_url(server)
    args.output.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        options = launch_options(playwright, "chromium")
        context = playwright.chromium.launch_persistent_context(profile, **options)
        for kind in ("cold", "warm"):
            events, (seconds, _, _) = traced(context, lambda: open_lesson(context, url, server, args.lesson))
            (args.output / f"{kind}.json").write_text(json.dumps({"traceEvents": events}))
            print(f"{kind}: first cell ran after {seconds:.2f} s (traced)")
            report(kind, summarize(events))
            if kind == "cold":  # a learner's second visit comes after the offline copy
                page = context.new_page()
                page.goto(url)
                wait_until_cached(page, url)
                page.close()
        context.close()
    server.shutdown()
    print(f"\ntraces written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
