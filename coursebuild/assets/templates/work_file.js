// @ts-check
/* A learner's work file (Download/Restore my work): what a restore accepts, and what it would write.
 *
 * Pure functions, no browser storage: the landing page (coursebuild/pages/landing.py inlines this file
 * before landing.js, which calls `courseWorkFor` with the values the build hands it) and Node's test
 * runner (tests/js/) use the same code.
 * A work file is untrusted input: anyone may hand one around. So a restore builds every object it keeps
 * afresh, without prototypes, from fields it checked one by one; notebooks lose their trust marks (their
 * HTML is then sanitized and their scripts never run); and a restore is planned in full before the page
 * writes anything.
 */
(function (root, define) {
  'use strict';
  if (typeof module === 'object' && module.exports) {
    module.exports = define;
  } else {
    /** @type {Window} */ (root).courseWorkFor = define;
  }
})(typeof self === 'undefined' ? this : self, function (values) {
  'use strict';

  const FORMAT = values.workFormat; // what a work file says it is (coursebuild/grading/work.py reads it)
  const VERSION = values.workVersion; // of that format; a file of another version is not read
  const LIMITS = {
    fileBytes: 50 * 1000 * 1000, // a work file: far above a course's notebooks, well below a tab's memory
    files: 5000,
    progressChars: 100 * 1000, // progress shares the origin's ~5 MB of localStorage with its neighbours
    pathChars: 1024,
  };
  const FILE_TYPES = ['notebook', 'file', 'directory'];
  const EXERCISE = /^[1-9][0-9]{0,3}$/; // as coursekit numbers exercises: check_exercise_<N>
  const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

  /** @typedef {{[key: string]: any}} Dict */

  /** A new object without a prototype: "__proto__" is then a key like any other. */
  const bare = () => /** @type {Dict} */ (Object.create(null));

  /** @param {unknown} value @returns {value is Dict} */
  const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

  /** @param {unknown} value */
  const isTime = (value) => typeof value === 'string' && ISO_TIME.test(value) && !isNaN(Date.parse(value));

  /** True for a normalized relative path: no leading or doubled "/", no "." or ".." part, no control
   * character, no backslash.
   * @param {unknown} path */
  function isRelativePath(path) {
    return typeof path === 'string' && path.length > 0 && path.length <= LIMITS.pathChars &&
      ![...path].some((char) => char < ' ' || char === '\u007f' || char === '\\') &&
      path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
  }

  /** @param {string} path */
  const baseName = (path) => path.slice(path.lastIndexOf('/') + 1);

  /** @param {string} path */
  const parentOf = (path) => path.slice(0, Math.max(path.lastIndexOf('/'), 0));

  /** A notebook's JSON, checked and rebuilt without prototypes, every cell untrusted; null if not a notebook.
   * @param {unknown} content */
  function untrustedNotebook(content) {
    if (!isObject(content) || !Array.isArray(content.cells)) {
      return null;
    }
    const source = (/** @type {unknown} */ text) =>
      typeof text === 'string' || (Array.isArray(text) && text.every((line) => typeof line === 'string'));
    const cells = content.cells;
    if (!cells.every((cell) => isObject(cell) && typeof cell.cell_type === 'string' && source(cell.source))) {
      return null;
    }
    const notebook = copyJson(content);
    for (const cell of notebook.cells) {
      // JupyterLite signs nothing, so a "trusted" mark is only the file's word: a trusted output with
      // HTML or JavaScript would run on the whole origin when the notebook opens
      cell.metadata = isObject(cell.metadata) ? cell.metadata : bare();
      delete cell.metadata.trusted;
      if (cell.cell_type === 'code') {
        cell.metadata.trusted = false;
      }
    }
    return notebook;
  }

  /** A deep copy of parsed JSON whose objects have no prototype.
   * @param {any} value
   * @returns {any} */
  function copyJson(value) {
    if (Array.isArray(value)) {
      return value.map(copyJson);
    }
    if (isObject(value)) {
      const copy = bare();
      for (const [key, item] of Object.entries(value)) {
        copy[key] = copyJson(item);
      }
      return copy;
    }
    return value;
  }

  /** A record's MIME type as given, if it is text; else `otherwise`.
   * @param {Dict} given @param {string} otherwise */
  const mimetypeOf = (given, otherwise) => (typeof given.mimetype === 'string' ? given.mimetype : otherwise);

  /** One stored file of a work file, rebuilt from checked fields; null if anything is wrong.
   * @param {unknown} entry */
  function fileRecord(entry) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isRelativePath(entry[0]) || !isObject(entry[1])) {
      return null;
    }
    const [path, given] = entry;
    if (given.path !== path || !FILE_TYPES.includes(given.type)) {
      return null;
    }
    const record = bare();
    record.path = path;
    record.name = baseName(path);
    record.type = given.type;
    for (const field of ['created', 'last_modified']) {
      record[field] = isTime(given[field]) ? given[field] : new Date(0).toISOString();
    }
    record.writable = true;
    if (given.type === 'directory') {
      Object.assign(record, { content: null, format: 'json', mimetype: '', size: 0 });
    } else if (given.type === 'notebook') {
      const notebook = untrustedNotebook(given.content);
      if (!notebook) {
        return null;
      }
      const mimetype = mimetypeOf(given, 'application/json');
      Object.assign(record, { content: notebook, format: 'json', mimetype });
      record.size = JSON.stringify(notebook).length;
    } else {
      if (typeof given.content !== 'string' || !['text', 'base64'].includes(given.format)) {
        return null;
      }
      const mimetype = mimetypeOf(given, 'text/plain');
      Object.assign(record, { content: given.content, format: given.format, mimetype });
      record.size = given.content.length;
    }
    return record;
  }

  /** Progress as the course keeps it, rebuilt from checked fields. Lessons are notebooks' relative
   * paths, exercises their numbers; each outcome a boolean and an ISO time. Strict (a work file's): null
   * if anything is wrong; else (this browser's own record): what is wrong is left out.
   * @param {unknown} progress @param {boolean} strict */
  function progressRecord(progress, strict) {
    const record = bare();
    record.lessons = bare();
    if (!isObject(progress) || (progress.lessons !== undefined && !isObject(progress.lessons))) {
      return strict ? null : record;
    }
    let wrong = false;
    for (const [path, done] of Object.entries(progress.lessons || {})) {
      if (!isRelativePath(path) || !path.endsWith('.ipynb') || !isObject(done)) {
        wrong = true;
        continue;
      }
      const outcomes = (record.lessons[path] = bare());
      for (const [exercise, outcome] of Object.entries(done)) {
        if (EXERCISE.test(exercise) && isObject(outcome) && typeof outcome.passed === 'boolean' &&
            isTime(outcome.when)) {
          outcomes[exercise] = Object.assign(bare(), { passed: outcome.passed, when: outcome.when });
        } else {
          wrong = true;
        }
      }
    }
    const last = progress.last;
    if (isObject(last) && isRelativePath(last.path) && isTime(last.when)) {
      record.last = Object.assign(bare(), { path: last.path, when: last.when });
    } else if (last !== undefined) {
      wrong = true;
    }
    return strict && wrong ? null : record;
  }

  /** The progress this browser holds (its own record, which a neighbour on the origin may have written
   * too): what of it is well formed.
   * @param {string | null} text */
  function storedProgress(text) {
    try {
      return progressRecord(JSON.parse(text || '{}'), false);
    } catch {
      return progressRecord({}, false);
    }
  }

  /** The work a file holds, rebuilt, or an Error whose message is the one sentence the learner sees.
   * @param {string} name the file's name @param {string} text its content @param {string} course this
   * course's title */
  function readWork(name, text, course) {
    const damaged = new Error(
      `“${name}” is not a work file of this course, or it is damaged: nothing was changed.`);
    if (text.length > LIMITS.fileBytes) {
      return tooLarge(name);
    }
    let work;
    try {
      work = JSON.parse(text);
    } catch {
      return damaged;
    }
    if (!isObject(work) || work.format !== FORMAT) {
      return damaged;
    }
    if (work.course !== course) {
      return new Error(
        `“${name}” holds work from another course (“${String(work.course)}”): nothing was changed.`);
    }
    if (work.version !== VERSION) {
      return new Error(`“${name}” was saved in a format this page no longer reads: nothing was changed.`);
    }
    if (!Array.isArray(work.files) || work.files.length > LIMITS.files) {
      return Array.isArray(work.files) ? tooLarge(name) : damaged;
    }
    const files = work.files.map(fileRecord);
    const progress = progressRecord(work.progress, true);
    const paths = new Set(files.map((record) => record && record.path));
    if (files.includes(null) || progress === null || paths.size !== files.length) {
      return damaged;
    }
    return { files, progress };
  }

  /** @param {string} name */
  const tooLarge = (name) => new Error(`“${name}” is larger than a work file of this course can be ` +
    `(${LIMITS.fileBytes / 1e6} MB, ${LIMITS.files} files): nothing was changed.`);

  /** A path beside `path` that no stored file has: "lesson (before restore 2026-05-01).ipynb", then " 2"...
   * Only the file's own name changes, never a folder of its path.
   * @param {string} path @param {Set<string>} taken @param {string} day */
  function freeName(path, taken, day) {
    const folder = path.slice(0, path.lastIndexOf('/') + 1);
    const name = baseName(path);
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let n = 1; ; n++) {
      const candidate = `${folder}${stem} (before restore ${day}${n > 1 ? ` ${n}` : ''})${ext}`;
      if (!taken.has(candidate)) {
        return candidate;
      }
    }
  }

  /** Both records of progress, each exercise with its latest outcome, and the latest lesson worked on.
   * @param {Dict} mine @param {Dict} theirs (both as progressRecord makes them) */
  function mergeProgress(mine, theirs) {
    const lessons = copyJson(mine.lessons);
    for (const [path, done] of Object.entries(theirs.lessons)) {
      lessons[path] = lessons[path] || bare();
      for (const [exercise, outcome] of Object.entries(done)) {
        const kept = lessons[path][exercise];
        if (!kept || Date.parse(outcome.when) > Date.parse(kept.when)) {
          lessons[path][exercise] = copyJson(outcome);
        }
      }
    }
    const merged = bare();
    merged.lessons = lessons;
    const lasts = [mine.last, theirs.last].filter(Boolean)
      .sort((a, b) => Date.parse(a.when) - Date.parse(b.when));
    if (lasts.length) {
      merged.last = copyJson(lasts.pop());
    }
    return merged;
  }

  /** Everything a restore writes, worked out before anything is written: the stored records to put (a
   * different stored copy kept under a "before restore" name, missing folders made), the progress to
   * keep, and how many copies were kept; or an Error saying in one sentence why nothing can be.
   * @param {string} name the work file's name
   * @param {Map<string, Dict>} stored path -> the record this browser keeps
   * @param {{files: Dict[], progress: Dict}} work as readWork returns it
   * @param {Dict} progress this browser's, as storedProgress reads it
   * @param {string} day today, YYYY-MM-DD */
  function planRestore(name, stored, work, progress, day) {
    const restored = new Map(work.files.map((record) => [record.path, record]));
    const taken = new Set([...stored.keys(), ...restored.keys()]);
    /** @type {[string, Dict][]} */
    const writes = [];
    for (const record of work.files) {
      for (let folder = parentOf(record.path); folder; folder = parentOf(folder)) {
        const there = restored.get(folder) || stored.get(folder);
        if (there && there.type !== 'directory') {
          return new Error(`“${name}” puts files inside “${folder}”, which is a file: nothing was changed.`);
        }
        if (!there) {
          const made = fileRecord([folder, { path: folder, type: 'directory' }]);
          restored.set(folder, /** @type {Dict} */ (made));
          writes.push([folder, /** @type {Dict} */ (made)]);
        }
      }
      const mine = stored.get(record.path);
      if (mine && (mine.type === 'directory') !== (record.type === 'directory')) {
        return new Error(`“${name}” has a ${record.type === 'directory' ? 'folder' : 'file'} ` +
          `“${record.path}” where this browser keeps a ${mine.type === 'directory' ? 'folder' : 'file'}: ` +
          'nothing was changed.');
      }
      const differs = mine && JSON.stringify(mine.content) !== JSON.stringify(record.content);
      if (differs && mine.type !== 'directory') {
        const kept = freeName(record.path, taken, day);
        taken.add(kept);
        writes.push([kept, { ...mine, path: kept, name: baseName(kept) }]);
      }
      writes.push([record.path, record]);
    }
    const merged = JSON.stringify(mergeProgress(progress, work.progress));
    if (merged.length > LIMITS.progressChars) {
      return new Error(`“${name}” holds more progress than this course keeps: nothing was changed.`);
    }
    return { writes, progress: merged, kept: writes.filter(([path]) => !restored.has(path)).length };
  }

  return {
    FORMAT, VERSION, LIMITS, isRelativePath, readWork, tooLarge, storedProgress, freeName, mergeProgress,
    planRestore,
  };
});
