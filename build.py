"""Build the course site into dist/ (and optionally serve it): python build.py [serve]."""

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from jupyter_core.paths import jupyter_path

from coursebuild import lessons, pyodide_dist
from coursebuild.errors import BuildError
from coursebuild.files import mirror, replace_dir, write_if_changed
from coursebuild.serve import base_url, make_server

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
LITE_CONFIG = ROOT / "lite_config"
PYODIDE_CONFIG = LITE_CONFIG / "pyodide.json"
PYODIDE_REQUIREMENTS = LITE_CONFIG / "pyodide-requirements.txt"
CACHE = ROOT / ".cache"
STAGING = ROOT / "build"
LITE_DIR = STAGING / "lite"  # jupyter lite's own project folder: config, static/pyodide
STAGED_CONTENT = STAGING / "content"  # lite_config names it as "../content"
DIST = ROOT / "dist"
FRESH_DIST = ROOT / "dist.new"  # each build starts empty here and is swapped into dist/ on success
LITE_FILES = ["jupyter_lite_config.json", "jupyter-lite.json", "overrides.json"]
# jupyter_lite_config.json ignores the Python environment's JupyterLab extensions (jupytext's,
# for one) and names those the site ships under this folder of jupyter lite's project.
STAGED_EXTENSIONS = "labextensions"


def log(message: str) -> None:
    """One progress line."""
    print(f"[build] {message}", flush=True)


def stage_pyodide() -> None:
    """Fetch (or reuse) Pyodide's core and wheels, then stage them with their lock."""
    npm = pyodide_dist.read_config(PYODIDE_CONFIG)
    cache = CACHE / f"pyodide-{npm['version']}"
    tarball = pyodide_dist.fetch_core(npm, cache, log)
    python = pyodide_dist.python_minor(pyodide_dist.read_core_lock(tarball))
    wanted = pyodide_dist.read_requirements(PYODIDE_REQUIREMENTS)
    wheels = pyodide_dist.fetch_wheels(wanted, python, cache / "wheels", PYODIDE_REQUIREMENTS, log)
    pyodide_dist.stage(tarball, npm, wheels, LITE_DIR / "static" / "pyodide")


def stage_lite_config() -> None:
    """Copy lite_config's JSON files into jupyter lite's project folder."""
    for name in LITE_FILES:
        source = LITE_CONFIG / name
        if not source.is_file():
            raise BuildError(source, "is missing")
        write_if_changed(LITE_DIR / name, source.read_bytes())


def stage_lab_extensions() -> None:
    """Copy each extension jupyter_lite_config.json names from the environment, without source maps."""
    config = json.loads((LITE_CONFIG / "jupyter_lite_config.json").read_text())
    for entry in config["LiteBuildConfig"].get("federated_extensions", []):
        name = entry.removeprefix(f"{STAGED_EXTENSIONS}/")
        found = [Path(d) / name for d in jupyter_path("labextensions") if (Path(d) / name / "package.json").is_file()]
        if not found:
            raise BuildError(LITE_CONFIG / "jupyter_lite_config.json", f"extension {name} is not installed")
        mirror(found[0], LITE_DIR / STAGED_EXTENSIONS / name, skip=lambda rel: rel.suffix == ".map")


def lite_build() -> None:
    """Run `jupyter lite build` into an empty folder; its output is shown only on failure."""
    log("jupyter lite build ...")
    shutil.rmtree(FRESH_DIST, ignore_errors=True)
    # doit's task database would call tasks up to date whose targets it never sees again
    for database in LITE_DIR.glob(".jupyterlite.doit.db*"):
        database.unlink()
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(LITE_DIR), "--output-dir", str(FRESH_DIST)],
        cwd=LITE_DIR, capture_output=True, text=True,
    )
    if done.returncode != 0:
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", flush=True)
        raise BuildError(LITE_DIR / "jupyter_lite_config.json", f"jupyter lite build failed (exit {done.returncode})")


def publish() -> None:
    """Swap the fresh site into dist/ in one rename."""
    replace_dir(FRESH_DIST, DIST)
    size = sum(p.stat().st_size for p in DIST.rglob("*") if p.is_file())
    log(f"site: {DIST.relative_to(ROOT)}/ ({size / 1e6:.1f} MB)")


def build() -> list[Path]:
    """Build the whole site into dist/; return the lesson notebooks."""
    started = time.perf_counter()
    stage_pyodide()
    stage_lite_config()
    stage_lab_extensions()
    notebooks = lessons.stage_content(CONTENT, STAGED_CONTENT, log)
    log(f"lessons: {len(notebooks)} ready")
    lite_build()
    publish()
    log(f"done in {time.perf_counter() - started:.1f} s")
    return notebooks


def serve(notebooks: list[Path], port: int, prefix: str) -> None:
    """Serve dist/ until Ctrl+C, printing each lesson's URL."""
    server = make_server(DIST, port, prefix)
    url = base_url(server)
    log(f"serving {DIST.relative_to(ROOT)}/ at {url} (Ctrl+C stops)")
    for notebook in notebooks:
        log(f"  {url}notebooks/index.html?path={notebook.name}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log("stopped")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build")
    parser.add_argument("--port", type=int, default=8000, help="port for serve (default 8000)")
    parser.add_argument("--base", default="/", help="sub-path to serve under, e.g. /course/ (default /)")
    args = parser.parse_args(argv)
    try:
        notebooks = build()
    except BuildError as error:
        log(f"error: {error}")
        log(f"{DIST.relative_to(ROOT)}/ was left as it was")
        return 1
    if args.command == "serve":
        serve(notebooks, args.port, args.base)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
