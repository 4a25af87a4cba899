// @ts-check
/* What the Pyodide kernel's worker imports in place of pyodide.mjs (the site's jupyter-lite.json names
 * it as pyodideUrl): Pyodide's own loadPyodide, started from the memory snapshot the build made
 * (coursebuild/site/kernel_snapshot.py) instead of from nothing.
 *
 * The snapshot holds Python's memory after it started and imported what the kernel imports, so the
 * worker skips Python's start and those imports. Pyodide still loads the kernel's packages after the
 * restore (their files are not in the snapshot: later imports, tracebacks and installed-package
 * metadata read them), and the two things Python took from the computer that made the snapshot are
 * taken afresh from this one: the random generator's seed and the local time zone's names.
 * Anything that goes wrong with the snapshot (not found, made by another Pyodide) starts Pyodide the
 * usual way, with one warning in the console.
 */
// KERNEL_SNAPSHOT (the snapshot's file name beside this script, or "" for none) is a line the build
// writes before this script (coursebuild/site/kernel_snapshot.py).
// @ts-expect-error -- Pyodide's own script, beside this one in the built site (static/pyodide/)
import { loadPyodide as loadPyodideFresh } from './pyodide.mjs';

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
 * The snapshot's bytes, unzipped as they arrive.
 * @param {string} url
 */
async function fetchSnapshot(url) {
  const response = await fetch(url);
  if (!response.ok || !response.body) {
    throw new Error(`${url}: ${response.status} ${response.statusText}`);
  }
  const unzipped = response.body.pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(unzipped).arrayBuffer());
}

/**
 * Pyodide's loadPyodide, from the build's snapshot when there is one.
 * @param {{indexURL?: string, [option: string]: unknown}} options the kernel's options for loadPyodide
 */
export async function loadPyodide(options) {
  if (!KERNEL_SNAPSHOT) {
    return loadPyodideFresh(options);
  }
  const indexURL = options.indexURL ?? new URL('.', import.meta.url).href;
  try {
    const snapshot = await fetchSnapshot(new URL(KERNEL_SNAPSHOT, indexURL).href);
    const { default: createPyodideModule } = await import(new URL('pyodide.asm.mjs', indexURL).href);
    const pyodide = await loadPyodideFresh({
      ...options,
      _loadSnapshot: snapshot,
      // The restore copies the snapshot over the module's memory, which must first be as large:
      // Pyodide's memory starts smaller and only grows as Python allocates (a malloc of the
      // snapshot's size makes it grow; the restore then overwrites the allocator's state too).
      createPyodideModule: async (/** @type {object} */ settings) => {
        const module = await createPyodideModule(settings);
        if (module.HEAP8.length < snapshot.length) {
          module._malloc(snapshot.length);
        }
        return module;
      },
    });
    pyodide.runPython('import random\nrandom.seed()\ndel random');
    retime(pyodide);
    return pyodide;
  } catch (error) {
    console.warn(`Pyodide starts without its snapshot (${KERNEL_SNAPSHOT}): ${error}`);
    return loadPyodideFresh(options);
  }
}
