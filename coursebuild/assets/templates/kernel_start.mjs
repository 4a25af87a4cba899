// @ts-check
/* What the Pyodide kernel's worker imports in place of pyodide.mjs (the site's jupyter-lite.json names
 * it as pyodideUrl): Pyodide's own loadPyodide, started from the memory snapshot the build made
 * (coursebuild/site/kernel_snapshot.py) instead of from nothing.
 *
 * The snapshot holds Python's memory after it started and imported what the kernel's start imports,
 * so the worker skips Python's start and those imports. Pyodide still loads the kernel's packages
 * after the restore (their files are not in the snapshot: later imports, tracebacks and
 * installed-package metadata read them), except the deferred ones: the snapshot's own finder fetches
 * and unpacks each on the first import of a module of it not in memory, or the first lookup of its
 * metadata (unpack_on_import.py), which a lesson's first cell does not make. The two things Python
 * took from the computer that made the snapshot are taken afresh from this one: the random
 * generator's seed and the local time zone's names.
 * Anything that goes wrong with the snapshot (not found, made by another Pyodide) starts Pyodide the
 * usual way, with one warning in the console.
 */
// KERNEL_SNAPSHOT is a line the build writes before this script (coursebuild/site/kernel_snapshot.py):
// the snapshots' file names beside it (with and without stack switching), the deferred packages'
// names, the module (in the snapshot) whose FINDER fetches them, and the Python the kernel's worker
// runs to start the kernel once Pyodide is loaded.
// @ts-expect-error -- Pyodide's own script, beside this one in the built site (static/pyodide/)
import { loadPyodide as loadPyodideFresh } from './pyodide.mjs';

// What Pyodide's record of loaded packages says of a deferred one ("jedi already loaded from ...")
const DEFERRED_CHANNEL = "the kernel snapshot's finder, on first import";

// What Python's time module worked out at its start from the local time zone, worked out again for
// this computer's: C's tzname strings, timezone and daylight, as Emscripten's tzset writes them, then
// the time module's copies of them (it has no tzset() to call on this platform).
const RETIME_PYTHON = `
import time as _time
_time.timezone, _time.altzone, _time.daylight = _course_zone[0], _course_zone[1], _course_zone[2]
_time.tzname = (_course_zone[3], _course_zone[4])
del _time, _course_zone
`;

/**
 * Emscripten's name of a UTC offset given in minutes west of UTC ("UTC-0500" for 300).
 * @param {number} minutesWest
 */
function zoneName(minutesWest) {
  const sign = minutesWest >= 0 ? '-' : '+';
  const minutes = Math.abs(minutesWest);
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
  return `UTC${sign}${hours}${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Set the local time zone's values in C and in Python's time module from this computer's clock.
 * @param {any} pyodide the started Pyodide
 */
function retime(pyodide) {
  const module = pyodide._module;
  const year = new Date().getFullYear();
  const offsets = [new Date(year, 0, 1).getTimezoneOffset(), new Date(year, 6, 1).getTimezoneOffset()];
  const [standard, summer] = [Math.max(...offsets), Math.min(...offsets)]; // minutes west of UTC
  const daylight = Number(standard !== summer);
  const names = [zoneName(standard), zoneName(summer)];
  module.HEAPU32[module._timezone >>> 2] = standard * 60;
  module.HEAP32[module._daylight >>> 2] = daylight;
  // tzname: two pointers to Emscripten's buffers for the names (17 bytes each)
  names.forEach((name, index) => {
    module.stringToUTF8(name, module.HEAPU32[(module._tzname >>> 2) + index], 17);
  });
  pyodide.globals.set('_course_zone', [standard * 60, summer * 60, daylight, ...names]);
  pyodide.runPython(RETIME_PYTHON);
}

/**
 * A gzipped file of the site, gunzipped.
 * @param {string} url
 */
async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new Error(`${url}: ${response.status} ${response.statusText}`);
  }
  const body = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/**
 * The snapshot made for this browser: Python keeps from its start whether WebAssembly can switch
 * stacks (what asyncio.run needs), so there is one made with and one without, and Pyodide's own test
 * decides (kernel_snapshot.py, VARIANTS). The service worker's offline copy picks by the same test
 * (service_worker.js, VARIANT: a classic worker cannot import this module).
 */
function thisBrowsersSnapshot() {
  const switching = 'Suspending' in WebAssembly || 'Suspender' in WebAssembly;
  return KERNEL_SNAPSHOT.snapshots[switching ? 'stackSwitching' : 'noStackSwitching'];
}

/** In the lesson page: ask for this browser's snapshot at once, as the page does Pyodide's core. */
export function preloadSnapshot() {
  const page = /** @type {any} */ (globalThis).document;
  const link = page.createElement('link');
  Object.assign(link, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous' });
  link.setAttribute('fetchpriority', 'low');
  link.href = new URL(thisBrowsersSnapshot(), import.meta.url).href;
  page.head.append(link);
}

/**
 * Pyodide's loadPyodide, from the build's snapshot.
 * @param {{indexURL?: string, packages?: string[], stdout?: (line: string) => void,
 *   [option: string]: unknown}} options the kernel's options for loadPyodide
 */
export async function loadPyodide(options) {
  const indexURL = options.indexURL ?? new URL('.', import.meta.url).href;
  const { deferred, finder, start } = KERNEL_SNAPSHOT;
  const snapshot = thisBrowsersSnapshot();
  try {
    // the snapshot arrives while the WebAssembly compiles
    const memory = fetchBytes(new URL(snapshot, indexURL).href);
    const { default: createPyodideModule } = await import(new URL('pyodide.asm.mjs', indexURL).href);
    const restored = await memory;
    const pyodide = await loadPyodideFresh({
      ...options,
      packages: [], // loaded below, once the deferred ones are marked
      _loadSnapshot: restored,
      // The restore copies the snapshot over the module's memory, which must first be as large:
      // Pyodide's memory starts smaller and only grows as Python allocates (a malloc of the
      // snapshot's size makes it grow; the restore then overwrites the allocator's state too).
      createPyodideModule: async (/** @type {object} */ settings) => {
        const module = await createPyodideModule(settings);
        if (module.HEAP8.length < restored.length) {
          module._malloc(restored.length);
        }
        return module;
      },
    });
    pyodide.runPython('import random\nrandom.seed()\ndel random');
    retime(pyodide);
    pyodide.pyimport(finder).FINDER.base_url = indexURL;
    for (const name of deferred) {
      pyodide.loadedPackages[name] = DEFERRED_CHANNEL; // so loadPackage leaves it to the finder
    }
    await pyodide.loadPackage(options.packages ?? [], {
      messageCallback: (/** @type {string} */ line) => {
        if (!line.endsWith(DEFERRED_CHANNEL)) {
          options.stdout?.(line);
        }
      },
    });
    // The kernel's own imports, now: the worker runs them once it has mounted the learner's files as
    // the current folder, where each lookup of a module is a synchronous request to the page (1.4 s
    // for `import pyodide_kernel` then, 0.2 s now, in Chromium); the worker then finds them imported.
    pyodide.runPython(start);
    return pyodide;
  } catch (error) {
    console.warn(`Pyodide starts without its snapshot (${snapshot}): ${error}`);
    return loadPyodideFresh(options);
  }
}
