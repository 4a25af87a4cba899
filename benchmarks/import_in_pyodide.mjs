// Start Pyodide under Node, install a folder of wheels and time the kernel's heaviest imports.
// Usage: node import_in_pyodide.mjs <folder of Pyodide's core files> <folder of wheels>
// Prints one line: the seconds the imports took (benchmarks/bytecode_imports.py runs it).
import process from "node:process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [core, wheels] = process.argv.slice(2).map((path) => resolve(path));
const { loadPyodide } = await import(pathToFileURL(join(core, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: core + "/" });
pyodide.FS.mkdirTree("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: wheels }, "/wheels");
console.log(pyodide.runPython(`
import glob, site, time, zipfile
for wheel in glob.glob("/wheels/*.whl"):
    zipfile.ZipFile(wheel).extractall(site.getsitepackages()[0])
started = time.perf_counter()
import IPython, jedi, traitlets, pygments, prompt_toolkit
time.perf_counter() - started
`));
