// Start Pyodide under Node, install a folder of wheels and time a block of imports in it.
// Usage: node import_in_pyodide.mjs <folder of Pyodide's core files> <folder of wheels> <Python code>
//        [--importtime]
// Prints one JSON line: the seconds the code took, the modules it added to sys.modules and, with
// --importtime, Python's `-X importtime` lines for it (bytecode_imports.py and kernel_imports.py run it).
import process from "node:process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [core, wheels] = process.argv.slice(2, 4).map((path) => resolve(path));
const [code, ...flags] = process.argv.slice(4);
const importtime = flags.includes("--importtime");
const { loadPyodide } = await import(pathToFileURL(join(core, "pyodide.mjs")).href);
const lines = [];
const pyodide = await loadPyodide({
  indexURL: core + "/",
  args: importtime ? ["-X", "importtime"] : [],
  stderr: (line) => lines.push(line),
});
pyodide.FS.mkdirTree("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: wheels }, "/wheels");
pyodide.runPython(`
import glob, site, zipfile
for wheel in glob.glob("/wheels/*.whl"):
    zipfile.ZipFile(wheel).extractall(site.getsitepackages()[0])
`);
const startsAt = lines.length; // Python's own start and the unpacking above are not the code's
pyodide.globals.set("code", code);
const [seconds, modules] = pyodide.runPython(`
import sys, time
before = set(sys.modules)
started = time.perf_counter()
exec(code, {})
[time.perf_counter() - started, sorted(set(sys.modules) - before)]
`).toJs();
console.log(JSON.stringify({ seconds, modules, importtime: lines.slice(startsAt) }));
