"""What the Pyodide kernel imports as it starts, and how long that takes, under Node with a built site's
own Pyodide and wheels (as they ship: compiled, with coursebuild/site/lazy_imports.py's patches).

Run from the repository root after `python3 build.py`:

    python3 benchmarks/kernel_imports.py [--site dist] [--rounds 5]

It runs what the kernel's worker runs once its packages are in (`import piplite.piplite`, then
`import pyodide_kernel`), `--rounds` times in a fresh Pyodide each, and once more under
`-X importtime`, and prints: the median seconds, the modules imported by top-level package with the
time spent in each package's own modules, and which modules a lesson's first cell imports on top
(run through the kernel's IPython shell). Not part of the test suite.
"""

import argparse
import collections
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coursebuild.site.kernel_snapshot import KERNEL_START  # noqa: E402

TIMER = Path(__file__).with_name("import_in_pyodide.mjs")
# the first cell of most lessons (content/*.py), run as the kernel runs a cell
FIRST_CELL = 'from coursekit.runtime import describe\n\nprint("Running in", describe())\n'
RUN_FIRST_CELL = f"pyodide_kernel.kernel_instance.interpreter.run_cell({FIRST_CELL!r})\n"


def run(folder: Path, code: str, *flags: str) -> dict:
    """One fresh Pyodide running `code` after installing the folder's wheels (import_in_pyodide.mjs)."""
    done = subprocess.run(["node", str(TIMER), str(folder), str(folder), code, *flags],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark: Pyodide failed: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def self_time_by_package(lines: list[str]) -> dict[str, float]:
    """Seconds spent in each top-level package's own modules, from `-X importtime` lines."""
    seconds = collections.Counter()
    for line in lines:
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, _, name = line.removeprefix("import time:").split("|")
            seconds[name.strip().split(".")[0]] += int(own) / 1e6
    return dict(seconds)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "dist")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    folder = args.site / "static" / "pyodide"
    if not (folder / "pyodide.mjs").is_file():
        print(f"benchmark: {folder} holds no Pyodide: run `python3 build.py` first", file=sys.stderr)
        return 1
    seconds = []
    for round_number in range(1, args.rounds + 1):
        seconds.append(run(folder, KERNEL_START)["seconds"])
        print(f"round {round_number}: kernel start imports {seconds[-1]:.2f} s", flush=True)
    traced = run(folder, KERNEL_START, "--importtime")
    own = self_time_by_package(traced["importtime"])
    counts = collections.Counter(module.split(".")[0] for module in traced["modules"])
    with_cell = run(folder, KERNEL_START + RUN_FIRST_CELL)
    print(f"kernel start: {statistics.median(seconds):.2f} s (median of {args.rounds}), "
          f"{len(traced['modules'])} modules")
    print("package: modules, own import seconds (under -X importtime)")
    for package, count in sorted(counts.items(), key=lambda item: -own.get(item[0], 0))[:25]:
        print(f"  {package}: {count}, {own.get(package, 0):.3f} s")
    extra = sorted(set(with_cell["modules"]) - set(traced["modules"]))
    print(f"the first cell imports {len(extra)} more: {', '.join(extra)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
