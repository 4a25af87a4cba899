// One work file's re-run, in a Pyodide of its own: the grading page terminates this worker at its
// time limit. The Python is the command line's own (coursebuild/grading/in_browser.py).
import { loadPyodide } from '../../static/pyodide/pyodide.mjs';

self.onmessage = async ({ data: { name, data, timeLimit } }) => {
  try {
    const setup = await (await fetch(new URL('grading.json', import.meta.url))).text();
    const { modules, packages, files } = JSON.parse(setup);
    const pyodide = await loadPyodide({ indexURL: new URL('../../static/pyodide/', import.meta.url).href });
    const quiet = { batched: () => {} }; // the learner's printing goes nowhere
    pyodide.setStdout(quiet);
    pyodide.setStderr(quiet);
    await pyodide.loadPackage(packages);
    for (const module of modules) {
      const path = `/grader/coursebuild/${module}`;
      pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
      const source = await fetch(new URL(`coursebuild/${module}`, import.meta.url));
      pyodide.FS.writeFile(path, await source.text());
    }
    for (const file of files) { // the lessons' data, in their folder, as `grade --rerun` gives them
      const path = file.split('/').map(encodeURIComponent).join('/');
      const served = new URL(`../../files/${path}`, import.meta.url);
      const folder = file.slice(0, file.lastIndexOf('/'));
      if (folder) pyodide.FS.mkdirTree(folder);
      pyodide.FS.writeFile(file, new Uint8Array(await (await fetch(served)).arrayBuffer()));
    }
    pyodide.runPython("import sys; sys.path.insert(0, '/grader')");
    const inBrowser = pyodide.pyimport('coursebuild.grading.in_browser');
    const post = (kind, payload) => self.postMessage({ kind, ...JSON.parse(payload) });
    await inBrowser.grade(name, data, setup, timeLimit, post);
  } catch (error) {
    const lines = String(error?.message ?? error).split('\n').filter((line) => line.trim());
    self.postMessage({ kind: 'failed', message: lines.at(-1) ?? 'no message' });
  }
};
