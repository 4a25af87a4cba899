// Start the site's Pyodide under Node as the kernel's worker does, import what the kernel imports
// and write Python's memory as a gzipped snapshot (coursebuild/site/kernel_snapshot.py runs it).
// Usage: node kernel_snapshot_in_node.mjs <the site's Pyodide folder> <job.json> <snapshot file>
// job.json: {"packages": [names loaded with Pyodide], "imports": [modules], "environ": {name: value}}
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const [folder, jobFile, out] = process.argv.slice(2).map((path) => resolve(path));
const job = JSON.parse(readFileSync(jobFile, "utf8"));
const { loadPyodide } = await import(pathToFileURL(join(folder, "pyodide.mjs")).href);
try {
  const pyodide = await loadPyodide({ indexURL: folder + "/", packages: job.packages, _makeSnapshot: true });
  pyodide.globals.set("job", pyodide.toPy(job));
  pyodide.runPython(`
import gc, importlib, os
for name in job["imports"]:
    importlib.import_module(name)
os.environ.update(job["environ"])
del job, name
gc.collect()
`);
  // Which packages are loaded is the JavaScript side's record, which a restore starts without: the
  // snapshot must not claim them, so the worker's own load puts their files in place again.
  for (const name of Object.keys(pyodide.loadedPackages)) {
    delete pyodide.loadedPackages[name];
  }
  writeFileSync(out, gzipSync(pyodide.makeMemorySnapshot(), { level: 9 }));
} catch (error) {
  // one line for the build's error (a Python error's last line names the exception), not Node's dump
  // of the minified line it was thrown from
  const lines = String(error?.message ?? error).trim().split("\n");
  console.error(lines[lines.length - 1]);
  process.exit(1);
}
