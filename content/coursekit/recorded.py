"""A thread-pool run recorded in CPython and shipped with the course, for runtimes that cannot start threads.

The recording is a generated module (coursekit/thread_pool_recording.py), so it travels in
the coursekit wheel and loads even where the browser cannot read the lessons' folder.
Regenerate it in CPython (never in the browser) with:

    cd content && python3 -m coursekit.recorded
"""

import platform
import pprint
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .timeline import Span, Timeline, TimelineFigure
from .workloads import STORE_DELAYS, fetch_sales, ideal_pool

MODEL = "thread pool (recorded in CPython)"
RECORDING_MODULE = Path(__file__).with_name("thread_pool_recording.py")


def record_thread_pool(workers: int = 4) -> dict:
    """Run the lesson's batch on a real thread pool and return what happened, ready for JSON."""
    timeline = Timeline("thread pool")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda store: fetch_sales(store, timeline), STORE_DELAYS))
    figure = timeline.figure()
    return {
        "measured_in": f"{platform.python_implementation()} {platform.python_version()} on {sys.platform}",
        "workers": workers,
        "delays": STORE_DELAYS,
        "results": results,
        "spans": [[s.lane, s.label, round(s.start, 4), round(s.end, 4)] for s in figure.spans],
    }


def load_recording() -> dict:
    """The recorded run, as record_thread_pool returned it."""
    from .thread_pool_recording import RECORDING

    return RECORDING


def recorded_figure(recording: dict) -> TimelineFigure:
    """The recorded run as a timeline picture, with its ideal finishing time marked."""
    spans = [Span(*span) for span in recording["spans"]]
    ideal = ideal_pool(recording["delays"].values(), recording["workers"])
    return TimelineFigure(MODEL, spans, ideal)


if __name__ == "__main__":
    if sys.platform == "emscripten":
        raise SystemExit("record in CPython: the browser cannot start threads")
    RECORDING_MODULE.write_text(
        '"""Written by `python3 -m coursekit.recorded` in CPython: '
        'a real thread-pool run. Do not edit."""\n\n'
        f"RECORDING = {pprint.pformat(record_thread_pool(), sort_dicts=False, width=100)}\n")
    print(f"wrote {RECORDING_MODULE}")
