// Start Pyodide under Node and let its own Python compile the wheels a job folder lists
// (coursebuild/site/bytecode.py writes the folder; bytecode_in_pyodide.py does the compiling).
// Usage: node bytecode_in_node.mjs <folder of Pyodide's core files> <job folder>
import { readFileSync } from "node:fs";
import process from "node:process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [core, jobs] = process.argv.slice(2).map((path) => resolve(path));
const { loadPyodide } = await import(pathToFileURL(join(core, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: core + "/" });
const mounted = "/job";
pyodide.FS.mkdirTree(mounted);
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: jobs }, mounted);
const here = dirname(fileURLToPath(import.meta.url));
const compiler = pyodide.runPython(readFileSync(join(here, "bytecode_in_pyodide.py"), "utf8") + "\nmain");
compiler(mounted);
