// @ts-check
// One work file's re-run is two of these workers, each a Pyodide of its own, joined by a message port:
// the checker (reads the file, drives the re-run, decides the verdicts, tells the page) and the learner's
// (runs their code, answers the checker). The page listens to the checker only, and terminates both at
// the time limit. The Python is the command line's own (coursebuild/grading/in_browser.py).
// @ts-expect-error -- the site's own Pyodide, staged beside the built page (static/pyodide/), not a source
import { loadPyodide } from '../../static/pyodide/pyodide.mjs';

/**
 * The worker's Python, with the grading modules at /grader and its role's packages loaded.
 * @param {{modules: string[], packages: {[role: string]: string[]}}} setup grading.json's
 * @param {'checker' | 'learner'} role
 */
async function python(setup, role) {
  const { modules, packages } = setup;
  const pyodide = await loadPyodide({ indexURL: new URL('../../static/pyodide/', import.meta.url).href });
  const quiet = { batched: () => {} }; // the learner's printing, and the checks' feedback, go nowhere
  pyodide.setStdout(quiet);
  pyodide.setStderr(quiet);
  await pyodide.loadPackage(packages[role]);
  for (const module of modules) {
    const path = `/grader/coursebuild/${module}`;
    pyodide.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    const source = await fetch(new URL(`coursebuild/${module}`, import.meta.url));
    pyodide.FS.writeFile(path, await source.text());
  }
  pyodide.runPython("import sys; sys.path.insert(0, '/grader')");
  return pyodide;
}

/**
 * The port's messages, one at a time: next() resolves to the next one, whenever it came.
 * @param {MessagePort} port
 * @returns {() => Promise<any>}
 */
function inbox(port) {
  const waiting = [];
  const arrived = [];
  port.onmessage = ({ data }) => (waiting.length ? waiting.shift()(data) : arrived.push(data));
  return () => (arrived.length ? Promise.resolve(arrived.shift()) : new Promise((r) => waiting.push(r)));
}

async function checker(setupText, { name, data, timeLimit, port }) {
  const next = inbox(port);
  const pyodide = await python(JSON.parse(setupText), 'checker');
  await next(); // the learner's worker is ready too: loading does not count against the time limit
  const inBrowser = pyodide.pyimport('coursebuild.grading.in_browser');
  const post = (kind, payload) => self.postMessage({ kind, ...JSON.parse(payload) });
  const ask = (request) => {
    port.postMessage(request);
    return next();
  };
  await inBrowser.grade(name, data, setupText, timeLimit, post, ask);
}

async function learner(setupText, { port }) {
  const setup = JSON.parse(setupText);
  const pyodide = await python(setup, 'learner');
  for (const file of setup.files) { // the lessons' data, in their folder, as `grade --rerun` gives them
    const path = file.split('/').map(encodeURIComponent).join('/');
    const served = new URL(`../../files/${path}`, import.meta.url);
    const folder = file.slice(0, file.lastIndexOf('/'));
    if (folder) pyodide.FS.mkdirTree(folder);
    pyodide.FS.writeFile(file, new Uint8Array(await (await fetch(served)).arrayBuffer()));
  }
  const inBrowser = pyodide.pyimport('coursebuild.grading.in_browser');
  const next = inbox(port);
  port.postMessage('ready');
  await inBrowser.learn(next, (reply) => port.postMessage(reply));
}

self.onmessage = async ({ data: message }) => {
  try {
    const setup = await (await fetch(new URL('grading.json', import.meta.url))).text();
    await (message.role === 'checker' ? checker : learner)(setup, message);
  } catch (error) {
    const lines = String(error?.message ?? error).split('\n').filter((line) => line.trim());
    self.postMessage({ kind: 'failed', message: `${message.role}: ${lines.at(-1) ?? 'no message'}` });
  }
};
