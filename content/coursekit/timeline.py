"""Record when each task really ran, and draw it as an accessible SVG timeline."""

import html
import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

COLOURS = {"sequential": "#8c6bb1", "thread pool": "#2b8cbe", "thread pool (recorded in CPython)": "#2b8cbe",
           "asyncio": "#41ab5d", "processes": "#ef6548"}
LANE_HEIGHT, BAR_HEIGHT, GUTTER, PLOT_WIDTH, TOP, BOTTOM = 26, 18, 120, 560, 34, 34


@dataclass(frozen=True)
class Span:
    """One task's run on one lane, in seconds since the timeline started."""

    lane: str
    label: str
    start: float
    end: float


class Timeline:
    """Collects spans from any thread or coroutine; `span()` times one task."""

    def __init__(self, model: str):
        self.model = model
        self.origin = time.perf_counter()
        self.spans: list[Span] = []
        self._lock = threading.Lock()  # workers append at the same time

    @contextmanager
    def span(self, label: str, lane: str | None = None):
        """Time the body as one bar, on `lane` (default: the current thread)."""
        lane = lane or lane_name(threading.current_thread().name)
        start = time.perf_counter() - self.origin
        try:
            yield
        finally:
            end = time.perf_counter() - self.origin
            with self._lock:
                self.spans.append(Span(lane, label, start, end))

    def figure(self, ideal: float | None = None) -> "TimelineFigure":
        """The picture of what was recorded, with the ideal finishing time marked."""
        return TimelineFigure(self.model, sorted(self.spans, key=lambda s: s.start), ideal)


def lane_name(thread_name: str) -> str:
    """`ThreadPoolExecutor-0_2` -> `worker 3`; `MainThread` -> `main thread`."""
    match = re.fullmatch(r".*_(\d+)", thread_name)
    if match:
        return f"worker {int(match.group(1)) + 1}"
    return "main thread" if thread_name == "MainThread" else thread_name


@dataclass(frozen=True)
class TimelineFigure:
    """A timeline that notebooks show as SVG and text-only places as a summary."""

    model: str
    spans: list[Span]
    ideal: float | None

    @property
    def lanes(self) -> list[str]:
        return sorted({s.lane for s in self.spans}, key=natural_order)

    @property
    def finished(self) -> float:
        return max((s.end for s in self.spans), default=0.0)

    def summary(self) -> str:
        """The text alternative: what the picture shows, in words."""
        ideal = f"; the ideal is {self.ideal:.2f} s" if self.ideal is not None else ""
        lanes = "; ".join(
            f"{lane}: " + ", ".join(f"{s.label} {s.start:.2f}–{s.end:.2f} s"
                                    for s in self.spans if s.lane == lane)
            for lane in self.lanes
        )
        return (f"Timeline of the {self.model} run: {len(self.spans)} tasks on {len(self.lanes)} "
                f"lane{'s' if len(self.lanes) != 1 else ''}, "
                f"all done after {self.finished:.2f} s{ideal}. {lanes}.")

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        return f'<figure class="course-timeline" style="margin:0.5em 0">{self.svg()}' \
               f'<figcaption style="font-size:0.85em;color:#444">{html.escape(self.caption())}' \
               '</figcaption></figure>'

    def caption(self) -> str:
        ideal = f" (ideal {self.ideal:.2f} s, dashed line)" if self.ideal is not None else ""
        return (f"{self.model}: one row per worker (thread or coroutine), one bar per task; "
                f"finished after {self.finished:.2f} s{ideal}.")

    def svg(self) -> str:
        """The timeline as an inline SVG with a title and description for screen readers."""
        horizon = max(self.finished, self.ideal or 0.0) or 1.0
        step = tick_step(horizon)
        scale = PLOT_WIDTH / (step * (int(horizon / step) + 1))
        height = TOP + LANE_HEIGHT * len(self.lanes) + BOTTOM
        width = GUTTER + PLOT_WIDTH + 20
        colour = COLOURS.get(self.model, "#636363")
        uid = f"tl{id(self)}"
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" aria-labelledby="{uid}-t {uid}-d" '
            'style="font-family:sans-serif;font-size:12px">',
            f'<title id="{uid}-t">{html.escape(self.model)} timeline</title>',
            f'<desc id="{uid}-d">{html.escape(self.summary())}</desc>',
            f'<text x="0" y="16" font-weight="bold">{html.escape(self.model)}: {self.finished:.2f} s</text>',
        ]
        for row, lane in enumerate(self.lanes):
            y = TOP + row * LANE_HEIGHT
            parts.append(f'<text x="{GUTTER - 8}" y="{y + BAR_HEIGHT - 5}" text-anchor="end">'
                         f'{html.escape(lane)}</text>')
            for span in (s for s in self.spans if s.lane == lane):
                x, w = GUTTER + span.start * scale, max((span.end - span.start) * scale, 1.5)
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_HEIGHT}" rx="3" '
                             f'fill="{colour}" stroke="white">'
                             f'<title>{html.escape(span.label)}: {span.start:.2f}–{span.end:.2f} s'
                             '</title></rect>')
                if w > 44:
                    parts.append(f'<text x="{x + 4:.1f}" y="{y + BAR_HEIGHT - 5}" fill="white">'
                                 f'{html.escape(span.label)}</text>')
        axis_y = TOP + LANE_HEIGHT * len(self.lanes) + 4
        parts.append(f'<line x1="{GUTTER}" y1="{axis_y}" x2="{GUTTER + PLOT_WIDTH}" y2="{axis_y}" '
                     'stroke="#333"/>')
        ticks = int(PLOT_WIDTH / scale / step + 1e-9) + 1
        for n in range(ticks):
            x = GUTTER + n * step * scale
            parts.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="#333"/>'
                         f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">'
                         f'{round(n * step, 2):g} s</text>')
        if self.ideal is not None:
            x = GUTTER + self.ideal * scale
            parts.append(f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="#d62728" '
                         f'stroke-dasharray="4 3"/><text x="{x + 3:.1f}" y="{TOP - 8}" fill="#d62728">'
                         'ideal</text>')
        parts.append("</svg>")
        return "".join(parts)


def natural_order(lane: str):
    """`worker 2` before `worker 10`."""
    name, _, number = lane.rpartition(" ")
    return (name, int(number)) if number.isdigit() else (lane, 0)


def tick_step(horizon: float) -> float:
    """A round tick spacing giving at most about eight ticks."""
    for step in (0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0):
        if horizon / step <= 8:
            return step
    return horizon / 8
