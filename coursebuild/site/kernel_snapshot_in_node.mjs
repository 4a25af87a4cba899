// Start the site's Pyodide under Node as the kernel's worker does, import what the kernel's start
// imports and write Python's memory as a gzipped snapshot (coursebuild/site/kernel_snapshot.py runs it).
// Usage: node kernel_snapshot_in_node.mjs <the site's Pyodide folder> <job.json> <snapshot file>
// job.json: {"packages": [loaded with Pyodide], "start": the kernel's start (Python),
//   "stack_switching": whether this Node was started to switch WebAssembly stacks,
//   "left_out": [top-level modules not imported], "first_cell": [modules imported too],
//   "folder": where the deferred wheels wait for the finder in this Pyodide,
//   "deferred": [{"name", "file", "sha256", "dist_info", "imports"}], "finder": unpack_on_import.py's path,
//   "environ": {name: value}}
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [folder, jobFile, out] = process.argv.slice(2).map((path) => resolve(path));
const job = JSON.parse(readFileSync(jobFile, "utf8"));
const { loadPyodide } = await import(pathToFileURL(join(folder, "pyodide.mjs")).href);

/** The modules the kernel's start imports, seen in a Pyodide of their own (it keeps JavaScript objects). */
async function modulesTheKernelImports() {
  const pyodide = await loadPyodide({ indexURL: folder + "/", packages: job.packages });
  pyodide.runPython("import sys\n_before = set(sys.modules)");
  pyodide.runPython(job.start);
  pyodide.globals.set("left_out", pyodide.toPy(job.left_out));
  return pyodide.runPython(
    "sorted(m for m in set(sys.modules) - _before if m.partition('.')[0] not in left_out)").toJs();
}

/** The snapshot's Pyodide: the packages loaded but the deferred ones (which the finder unpacks here
 * as the imports need them: a restored Pyodide has none of this one's files), `modules` imported. */
async function snapshotPyodide(modules) {
  const pyodide = await loadPyodide({ indexURL: folder + "/", _makeSnapshot: true });
  if (pyodide._module.jspiSupported !== job.stack_switching) {
    throw new Error(`this Node ${job.stack_switching ? "cannot" : "must not"} switch WebAssembly stacks ` +
                    "(Node 24 does with --experimental-wasm-jspi)");
  }
  pyodide.FS.mkdirTree(job.folder);
  for (const wheel of job.deferred) {
    pyodide.FS.writeFile(`${job.folder}/${wheel.file}`, readFileSync(join(folder, wheel.file)));
    pyodide.loadedPackages[wheel.name] = "deferred"; // so loadPackage leaves it to the finder
  }
  await pyodide.loadPackage(job.packages, { messageCallback: () => {} });
  // in a namespace of its own: __main__'s is the learner's
  const namespace = pyodide.toPy({
    __name__: "course_kernel_snapshot", job: { ...job, modules: [...modules, ...job.first_cell] } });
  pyodide.runPython(readFileSync(job.finder, "utf8"), { globals: namespace });
  pyodide.runPython(`
import gc, importlib, os, sys
install(job["folder"], job["deferred"])
for name in job["modules"]:
    try:
        importlib.import_module(name)
    except ImportError:  # one the kernel put in sys.modules itself (its mocks), not a module to import
        pass
os.environ.update(job["environ"])
os.environ.pop("_", None)  # Emscripten's program name: under Node, this script's path on the build's computer
gc.collect()
`, { globals: namespace });
  namespace.destroy();
  // Which packages are loaded is the JavaScript side's record, which a restore starts without: the
  // snapshot must not claim them, so the worker's own load puts their files in place again.
  for (const name of Object.keys(pyodide.loadedPackages)) {
    delete pyodide.loadedPackages[name];
  }
  return pyodide;
}

try {
  const pyodide = await snapshotPyodide(await modulesTheKernelImports());
  writeFileSync(out, gzipSync(pyodide.makeMemorySnapshot(), { level: 9 }));
} catch (error) {
  // one line for the build's error (a Python error's last line names the exception), not Node's dump
  // of the minified line it was thrown from
  // (empty when the kernel's start has already replaced sys.stderr: then the exception's type)
  const lines = String(error?.message ?? error).trim().split("\n");
  console.error(lines[lines.length - 1] || `${error?.type ?? error} in the kernel's start`);
  process.exit(1);
}
