"""How long a learner waits for a lesson, against the floor of loading Pyodide alone.

Run from the repository root after `python3 build.py`:

    python3 benchmarks/open_lesson.py [--rounds 3] [--lesson concurrency_io_bound] [--output FILE]
        [--links-only | --engines-only]

In one run and one browser it measures, each over several rounds:
- core: a blank page that starts the site's own Pyodide with no package and evaluates one
  expression: the limit a lesson's open could approach;
- floor: a blank page that loads the site's own Pyodide, then micropip, ipython and jedi,
  and imports IPython (nothing of JupyterLite);
- cold: a fresh browser profile opens the lesson; until its kernel is idle and its first
  code cell has run; bytes transferred (response bodies the site's server sent, so the
  kernel's worker counts and the browser cache's hits do not);
- warm: the same lesson again in the same profile (its disk cache kept), once the background
  offline copy the cold open started has finished;
- build: `python3 build.py` with a full download cache but nothing staged, and a rebuild
  after editing one lesson (both in a copy of the project);
- engines: in Chromium, Firefox and WebKit each, the core, the floor, a cold lesson open (fresh
  profile, until the first cell ran) and a warm one (the same profile once its offline copy is
  done), and their ratios against that engine's own core and floor;
- links: on each modelled link (benchmarks/link.py: shared bandwidth, a round trip per request,
  gzip as GitHub Pages sends it), the core, the floor, a lesson opened directly (fresh profile), the same
  again (warm, as above), and the landing page read for 15 s before a click on the same lesson (timed
  from the click), against the issue's targets; and what each wheel costs a first open on each link.
It prints median, min and max of each, the ratios lesson/floor, where the time of each page
goes (phases: until the app asks for Pyodide, until the kernel is idle, the first cell), and
writes them as JSON.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from link import PROFILES, make_link_server  # noqa: E402

from coursebuild.browsers.engines import ENGINES, launch, launch_options  # noqa: E402
from coursebuild.browsers.notebook import Notebook  # noqa: E402
from coursebuild.serving.server import base_url, make_server, serve_in_background  # noqa: E402
from coursebuild.shared_values import CACHE_PREFIX, REVISION_HEADER  # noqa: E402
from coursebuild.site.kernel_snapshot import start_files  # noqa: E402
from coursebuild.site.pyodide_dist import LOCK_NAME, SITE_FOLDER  # noqa: E402
from tests.support.notebook_page import NotebookPage  # noqa: E402
from tests.support.offline_cache import CACHE_LACKS, wait_until_cached  # noqa: E402
from tests.support.sources import copy_sources  # noqa: E402

FLOOR_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>floor</title></head>\
<body><script type="module">
import { loadPyodide } from "./static/pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: "./static/pyodide/" });
await pyodide.loadPackage(["micropip", "ipython", "jedi"]);
pyodide.runPython("import IPython");
window.floorDone = true;
</script></body></html>"""
# Pyodide's core alone: the second floor, which no lesson can beat
CORE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>core</title></head>\
<body><script type="module">
import { loadPyodide } from "./static/pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: "./static/pyodide/" });
pyodide.runPython("1 + 1");
window.floorDone = true;
</script></body></html>"""
FLOOR_PAGES = {"core": "core.html", "floor": "floor.html"}
# Phases of a page: the app until it asks for Pyodide's module; Pyodide's core, the packages and the
# kernel until the kernel is idle (on the floor: until IPython is imported); the first cell (the
# floor has none). Pyodide's core and the kernel's packages are one phase: a lesson's kernel has
# Pyodide fetch its packages while the core starts.
PHASES = ["app, until Pyodide is requested", "Pyodide, packages, kernel", "first cell"]
PYODIDE_MODULE = "/static/pyodide/pyodide.mjs"
FIRST_CELL_RAN = "() => /\\[1\\]/.test(document.querySelector('.jp-CodeCell .jp-InputPrompt').textContent)"
# selects the first code cell and runs it, as a click on it and Shift+Enter do
RUN_FIRST_CELL = """() => {
    const notebook = window.jupyterapp.shell.currentWidget.content;
    notebook.activeCellIndex = notebook.widgets.findIndex((cell) => cell.model.type === 'code');
    window.jupyterapp.commands.execute('notebook:run-cell');
    return true;
}"""


@contextmanager
def site_with_floor(site: Path):
    """A folder serving the site with the floor pages beside it, for every scenario and every engine.

    A file the server sends, rather than a page routed in the browser: WebDriver (WebKitGTK) cannot
    route, and the floor's page then pays what every page pays on a modelled link.
    """
    with tempfile.TemporaryDirectory() as tmp:
        served = Path(tmp)
        for item in site.iterdir():
            (served / item.name).symlink_to(item)
        (served / FLOOR_PAGES["floor"]).write_text(FLOOR_PAGE)
        (served / FLOOR_PAGES["core"]).write_text(CORE_PAGE)
        yield served


class Phases:
    """When each phase of a page ended, from the page's start (Pyodide's request, the kernel idle)."""

    def __init__(self, context):
        self.started = time.perf_counter()
        self.ends: dict[str, float] = {}
        self.context = context
        context.on("request", self.on_request)

    def on_request(self, request) -> None:
        if PYODIDE_MODULE in request.url:
            self.mark(PHASES[0])

    def mark(self, phase: str) -> None:
        """The phase ends now (only its first end counts)."""
        self.ends.setdefault(phase, time.perf_counter() - self.started)

    def durations(self, total: float) -> list[float]:
        """Each phase's seconds; a phase never marked ends where the one before it did (the floor's app),
        or with the page (the floor's kernel)."""
        ends = [self.ends.get(PHASES[0], 0.0), self.ends.get(PHASES[1], total), total]
        ends = [max(ends[:i + 1]) for i in range(len(ends))]
        self.context.remove_listener("request", self.on_request)
        return [end - start for start, end in zip([0.0, *ends], ends)]


def open_floor(context, url, server, kind: str = "floor") -> tuple[float, int, list[float]]:
    """The floor page (or, with kind "core", Pyodide's core alone) until it is done."""
    page = context.new_page()
    sent = server.bytes_sent
    phases = Phases(context)
    page.goto(url + FLOOR_PAGES[kind])
    page.wait_for_function("() => window.floorDone === true", timeout=180_000)
    seconds = time.perf_counter() - phases.started
    page.close()
    return seconds, server.bytes_sent - sent, phases.durations(seconds)


def run_first_cell(page, server, sent: int, phases: Phases) -> tuple[float, int, list[float]]:
    """With the kernel idle (its phase ends here), run the first code cell as a learner does: seconds,
    bytes, phases."""
    phases.mark(PHASES[1])
    page.locator(".jp-CodeCell").first.click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(FIRST_CELL_RAN, timeout=300_000)
    seconds = time.perf_counter() - phases.started
    return seconds, server.bytes_sent - sent, phases.durations(seconds)


def open_lesson(context, url, server, lesson, settle: bool = False) -> tuple[float, int, list[float]]:
    """Open a lesson and run its first cell; with `settle`, then wait for the offline copy that started.

    A warm open follows a settled one: a learner's second visit comes after the background copy the
    first one started (which would otherwise share the CPU and the link with the warm open).
    """
    page = context.new_page()
    sent = server.bytes_sent
    phases = Phases(context)
    NotebookPage(page, url).open(f"{lesson}.ipynb")  # until the kernel is idle
    measured = run_first_cell(page, server, sent, phases)
    if settle:
        wait_until_cached(page, url)
    page.close()
    return measured


def open_from_landing(context, url, server, lesson, reading: float) -> tuple[float, int, list[float]]:
    """The landing page, read for `reading` seconds, then a click on the lesson; timed from the click.

    The lesson the warm open opens: lessons differ in their first cell, and the target compares the two.
    """
    page = context.new_page()
    page.goto(url)
    page.wait_for_timeout(reading * 1000)  # the learner reading: the scenario itself, not a wait for state
    sent = server.bytes_sent
    phases = Phases(context)
    page.locator(f"ol.lessons a[href$='path={lesson}.ipynb']").click()
    NotebookPage(page, url).wait_for_kernel()
    measured = run_first_cell(page, server, sent, phases)
    page.close()
    return measured


LINK_SCENARIOS = ("core", "floor", "direct", "warm", "landing, 15 s, click")


def measure_links(site: Path, lesson: str, rounds: int) -> dict[str, dict[str, list]]:
    """Each scenario on each modelled link, each open on a fresh profile (warm: the direct one's again)."""
    from playwright.sync_api import sync_playwright

    samples = {}
    with sync_playwright() as playwright:
        options = launch_options(playwright, "chromium")
        for profile in PROFILES:
            server = make_link_server(site, profile)
            serve_in_background(server)
            url = base_url(server)
            samples[profile.name] = found = {name: [] for name in LINK_SCENARIOS}
            for _ in range(rounds):
                for kind in FLOOR_PAGES:
                    browser = playwright.chromium.launch(**options)
                    found[kind].append(open_floor(browser.new_context(), url, server, kind))
                    browser.close()
                with tempfile.TemporaryDirectory() as disk:
                    context = playwright.chromium.launch_persistent_context(disk, **options)
                    found["direct"].append(open_lesson(context, url, server, lesson, settle=True))
                    found["warm"].append(open_lesson(context, url, server, lesson))
                    context.close()
                with tempfile.TemporaryDirectory() as disk:
                    context = playwright.chromium.launch_persistent_context(disk, **options)
                    found["landing, 15 s, click"].append(open_from_landing(context, url, server, lesson, 15))
                    context.close()
                summary_line = ", ".join(f"{name} {values[-1][0]:.2f} s {values[-1][1] / 1e6:.1f} MB"
                                         for name, values in found.items())
                print(f"{profile.name}: {summary_line}", flush=True)
            server.shutdown()
            server.server_close()
    return samples


def wheel_costs(site: Path) -> list[dict]:
    """Each wheel's bytes on the wire (gzip does not shrink a zip), whether the kernel fetches it as it
    starts (the others wait for an import that needs them), and its time alone on each link."""
    folder = site / SITE_FOLDER
    lock = json.loads((folder / LOCK_NAME).read_text())
    at_start = set(start_files(folder))
    rows = []
    for _name, package in sorted(lock["packages"].items()):
        size = (folder / package["file_name"]).stat().st_size
        rows.append({"wheel": package["file_name"], "megabytes": size / 1e6,
                     "at start": package["file_name"] in at_start,
                     **{p.name: p.rtt + size / p.bytes_per_second for p in PROFILES}})
    return rows


def print_links(links: dict, wheels: list[dict]) -> None:
    for name, scenarios in links.items():
        print(f"\n{name:<34}{'median':>9}{'min':>9}{'max':>9}{'MB (median)':>13}")
        for scenario, result in scenarios.items():
            if scenario in LINK_SCENARIOS:
                s = result["seconds"]
                print(f"{scenario:<34}{s['median']:>8.2f}s{s['min']:>8.2f}s{s['max']:>8.2f}s"
                      f"{result['megabytes']['median']:>13.1f}")
        for target, (ratio, limit) in scenarios["targets"].items():
            print(f"{target:<34}{ratio:>8.2f}  (target <= {limit}: {'met' if ratio <= limit else 'not met'})")
        for name, ratio in scenarios["against the core"].items():
            print(f"{name:<34}{ratio:>8.2f}")
    print(f"\n{'wheel':<48}{'MB':>7}" + "".join(f"{p.name:>20}" for p in PROFILES))
    for row in wheels:
        print(f"{row['wheel'] + (' (at start)' if row['at start'] else ''):<48}{row['megabytes']:>7.2f}"
              + "".join(f"{row[p.name]:>19.2f}s" for p in PROFILES))


def link_results(samples: dict) -> dict:
    """Summaries per link and scenario, with the issue's two targets as (ratio, limit)."""
    results = {}
    for name, scenarios in samples.items():
        results[name] = found = {scenario: {"seconds": summary([s for s, _, _ in values]),
                                            "megabytes": summary([b / 1e6 for _, b, _ in values])}
                                 for scenario, values in scenarios.items()}
        median = {scenario: found[scenario]["seconds"]["median"] for scenario in LINK_SCENARIOS}
        found["targets"] = {"landing+click / warm": (median["landing, 15 s, click"] / median["warm"], 1.2),
                            "direct / floor": (median["direct"] / median["floor"], 1.3)}
        found["against the core"] = {f"{scenario} / core": median[scenario] / median["core"]
                                     for scenario in ("floor", "direct", "warm")}
    return results


def measure_pages(site: Path, lesson: str, rounds: int) -> dict[str, list]:
    from playwright.sync_api import sync_playwright

    server = make_server(site, 0, "/course/")
    serve_in_background(server)
    url = base_url(server)
    samples = {name: [] for name in (*FLOOR_PAGES, "cold", "warm")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(playwright, "chromium"))
        for round_number in range(1, rounds + 1):
            for kind in FLOOR_PAGES:
                floor_context = browser.new_context()  # a fresh profile: an empty cache
                samples[kind].append(open_floor(floor_context, url, server, kind))
                floor_context.close()
            # a real profile on disk, as a learner's browser has: an incognito context keeps its
            # cache in memory and drops large entries (the 9.6 MB wasm), which would make every
            # warm visit look like a cold one
            with tempfile.TemporaryDirectory() as profile:
                context = playwright.chromium.launch_persistent_context(
                    profile, **launch_options(playwright, "chromium"))
                samples["cold"].append(open_lesson(context, url, server, lesson, settle=True))
                samples["warm"].append(open_lesson(context, url, server, lesson))
                context.close()
            print(f"round {round_number}: " + ", ".join(
                f"{name} {values[-1][0]:.2f} s {values[-1][1] / 1e6:.1f} MB"
                for name, values in samples.items()),
                flush=True)
        browser.close()
    server.shutdown()
    return samples


def measure_engines(site: Path, lesson: str, rounds: int) -> dict[str, dict[str, list]]:
    """Core, floor, and a cold then warm lesson open in every engine, through the engine layer.

    Core and floor each get a fresh profile; the warm open is the cold one's profile again, once the
    offline copy that open started has finished (as a learner's second visit).
    """
    from playwright.sync_api import sync_playwright

    server = make_server(site, 0, "/course/")
    serve_in_background(server)
    url = base_url(server)
    samples = {}
    with sync_playwright() as playwright:
        for name in ENGINES:
            engine = launch(name, playwright)
            samples[engine.description] = found = {kind: [] for kind in (*FLOOR_PAGES, "cold", "warm")}
            for _ in range(rounds):
                for kind, page in FLOOR_PAGES.items():
                    session = engine.new_session()
                    started = time.perf_counter()
                    session.goto(url + page)
                    session.wait_for("() => window.floorDone === true", timeout_ms=300_000)
                    found[kind].append(time.perf_counter() - started)
                    session.close()
                session = engine.new_session()
                found["cold"].append(open_in_session(session, url, lesson))
                wait_until_copied(session, url)
                found["warm"].append(open_in_session(session, url, lesson))
                session.close()
            print(f"{engine.description}: " + ", ".join(
                f"{kind} {statistics.median(values):.2f} s" for kind, values in found.items()), flush=True)
            engine.close()
    server.shutdown()
    return samples


def open_in_session(session, url: str, lesson: str) -> float:
    """Seconds from asking for the lesson until its first code cell has run."""
    started = time.perf_counter()
    Notebook(session, url).open(f"{lesson}.ipynb")
    session.evaluate(RUN_FIRST_CELL)
    session.wait_for(FIRST_CELL_RAN, timeout_ms=300_000)
    return time.perf_counter() - started


def wait_until_copied(session, url: str, timeout_s: float = 180) -> None:
    """Poll (any engine's session) until the course's offline copy holds every published file."""
    deadline = time.perf_counter() + timeout_s
    while session.evaluate(f"(args) => ({CACHE_LACKS})(args)", [url, CACHE_PREFIX, REVISION_HEADER]) != 0:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the offline copy was not done in {timeout_s} s")
        time.sleep(0.5)  # the benchmark polls the page's state; nothing here waits on a clock


def measure_builds(lesson: str, rounds: int) -> dict[str, list]:
    samples = {"build (download cache full)": [], "rebuild after editing one lesson": []}
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        copy_sources(project)
        shutil.copytree(ROOT / ".cache", project / ".cache")
        source = project / "content" / f"{lesson}.py"
        for round_number in range(rounds):
            shutil.rmtree(project / "build", ignore_errors=True)
            shutil.rmtree(project / "dist", ignore_errors=True)
            samples["build (download cache full)"].append((timed_build(project), 0, []))
            source.write_text(source.read_text() + f"\n# %%\nprint('edit {round_number}')\n")
            samples["rebuild after editing one lesson"].append((timed_build(project), 0, []))
    return samples


def timed_build(project: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "build.py"], cwd=project, check=True, capture_output=True)
    return time.perf_counter() - started


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--lesson", default="concurrency_io_bound")
    parser.add_argument("--output", type=Path, default=ROOT / "build" / "benchmark-open-lesson.json")
    parser.add_argument("--links-only", action="store_true",
                        help="only the modelled links and the wheels' costs")
    parser.add_argument("--engines-only", action="store_true",
                        help="only the cold open against the floor in each engine")
    args = parser.parse_args(argv)
    if not (ROOT / "dist" / "index.html").is_file():
        print("benchmark: no site in dist/: run `python3 build.py` first", file=sys.stderr)
        return 1
    with site_with_floor(ROOT / "dist") as site:  # every scenario serves the floor page the same way
        return run(args, site)


def run(args: argparse.Namespace, site: Path) -> int:
    """The scenarios the arguments ask for, on the site served from `site`; their results written."""
    if args.engines_only:
        engines = engine_results(site, args.lesson, args.rounds)
        write(args.output, {"lesson": args.lesson, "rounds": args.rounds, "engines": engines})
        return 0

    links = link_results(measure_links(site, args.lesson, args.rounds))
    wheels = wheel_costs(site)
    print_links(links, wheels)
    if args.links_only:
        write(args.output, {"lesson": args.lesson, "rounds": args.rounds, "links": links, "wheels": wheels})
        return 0
    samples = {**measure_pages(site, args.lesson, args.rounds), **measure_builds(args.lesson, args.rounds)}
    results = {name: {"seconds": summary([s for s, _, _ in values]),
                      "megabytes": summary([b / 1e6 for _, b, _ in values])}
               for name, values in samples.items()}
    for name in (*FLOOR_PAGES, "cold", "warm"):
        results[name]["phases (median seconds)"] = {
            phase: statistics.median(durations[i] for _, _, durations in samples[name])
            for i, phase in enumerate(PHASES)}
    core, floor, cold, warm = (results[name] for name in (*FLOOR_PAGES, "cold", "warm"))
    ratios = {
        "cold/core time": cold["seconds"]["median"] / core["seconds"]["median"],
        "warm/core time": warm["seconds"]["median"] / core["seconds"]["median"],
        "cold/floor time": cold["seconds"]["median"] / floor["seconds"]["median"],
        "warm/floor time": warm["seconds"]["median"] / floor["seconds"]["median"],
        "cold/floor bytes": cold["megabytes"]["median"] / floor["megabytes"]["median"],
        "warm/cold time": warm["seconds"]["median"] / cold["seconds"]["median"],
    }

    print(f"\n{'':34}{'median':>9}{'min':>9}{'max':>9}{'MB (median)':>13}")
    for name, result in results.items():
        s, mb = result["seconds"], result["megabytes"]["median"]
        print(f"{name:<34}{s['median']:>8.2f}s{s['min']:>8.2f}s{s['max']:>8.2f}s{mb:>13.1f}")
    print(f"\n{'where the time goes (median s)':34}"
          + "".join(f"{name:>9}" for name in (*FLOOR_PAGES, "cold", "warm")))
    for phase in PHASES:
        print(f"{phase:<34}" + "".join(f"{results[name]['phases (median seconds)'][phase]:>8.2f}s"
                                       for name in (*FLOOR_PAGES, "cold", "warm")))
    print()
    for name, ratio in ratios.items():
        print(f"{name:<34}{ratio:>8.2f}")
    engines = engine_results(site, args.lesson, args.rounds)
    write(args.output, {"lesson": args.lesson, "rounds": args.rounds, "results": results, "ratios": ratios,
                        "engines": engines, "links": links, "wheels": wheels})
    return 0


def engine_results(site: Path, lesson: str, rounds: int) -> dict:
    """Each engine's floor and cold open (median, min, max) and their ratio, printed as a table."""
    engines = {engine: {kind: summary(values) for kind, values in kinds.items()}
               for engine, kinds in measure_engines(site, lesson, rounds).items()}
    kinds, ratios = (*FLOOR_PAGES, "cold", "warm"), [(lesson, floor) for floor in FLOOR_PAGES
                                                     for lesson in ("cold", "warm")]
    print(f"\n{'each engine, against its own floors':34}" + "".join(f"{kind:>8}" for kind in kinds)
          + "".join(f"{lesson + '/' + floor:>12}" for lesson, floor in ratios))
    for engine, result in engines.items():
        median = {kind: result[kind]["median"] for kind in kinds}
        for lesson, floor in ratios:
            result[f"{lesson}/{floor} time"] = median[lesson] / median[floor]
        print(f"{engine:<34}" + "".join(f"{median[kind]:>7.2f}s" for kind in kinds)
              + "".join(f"{result[f'{lesson}/{floor} time']:>12.2f}" for lesson, floor in ratios))
    return engines


def write(output: Path, results: dict) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nwritten to {output}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
