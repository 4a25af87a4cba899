// The landing page's part in a learner's work: progress per lesson, Download my work, Restore my work.
// Inlined into index.html by coursebuild/landing.py; it needs nothing from JupyterLite but its
// storage, which it reads and writes as JupyterLite does (IndexedDB, named after the site's path).
(function () {
  'use strict';

  const FORMAT = 'course-work'; // what a work file says it is
  const VERSION = 1; // of that format; a file of another version is not read
  const course = JSON.parse(document.getElementById('course-data').textContent);
  const sitePath = new URL('.', window.location.href).pathname;
  const PROGRESS_KEY = `course-progress ${sitePath}`; // as the course extension writes it
  const STORAGE = `JupyterLite Storage - ${sitePath}`; // JupyterLite's database of the learner's files
  const FILES = 'files';
  const status = document.getElementById('work-status');

  function readProgress() {
    try {
      return JSON.parse(window.localStorage.getItem(PROGRESS_KEY)) || {};
    } catch {
      return {};
    }
  }

  /** Each lesson's "n of m exercises done", and the link to the lesson last worked on. */
  function showProgress() {
    const progress = readProgress();
    const lessons = progress.lessons || {};
    for (const item of document.querySelectorAll('ol.lessons li')) {
      const total = Number(item.dataset.exercises);
      const outcomes = Object.values(lessons[item.dataset.notebook] || {});
      const done = Math.min(total, outcomes.filter((e) => e.passed).length);
      const line = item.querySelector('.progress');
      line.hidden = total === 0;
      line.textContent = `${done} of ${total} exercises done`;
      line.style.setProperty('--done', `${(100 * done) / Math.max(total, 1)}%`);
      line.classList.toggle('complete', total > 0 && done === total);
    }
    const last = [...document.querySelectorAll('ol.lessons li')].find(
      (item) => progress.last && item.dataset.notebook === progress.last.path
    );
    const resume = document.getElementById('continue');
    resume.hidden = !last;
    if (last) {
      const link = last.querySelector('a');
      resume.firstElementChild.href = link.getAttribute('href');
      resume.firstElementChild.textContent = `Continue: ${link.textContent}`;
    }
  }

  const settled = (request) =>
    new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });

  /** JupyterLite's database of this course; with `create`, made if missing (else null, and none is made). */
  function openStorage(create, version) {
    return new Promise((resolve, reject) => {
      const request = window.indexedDB.open(STORAGE, version);
      request.onupgradeneeded = () => {
        if (!create) {
          request.transaction.abort(); // no database yet: leave it so, for JupyterLite to make
        } else if (!request.result.objectStoreNames.contains(FILES)) {
          request.result.createObjectStore(FILES);
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => (create ? reject(request.error) : resolve(null));
    }).then((db) => {
      if (!db || db.objectStoreNames.contains(FILES) || !create) {
        return db;
      }
      const next = db.version + 1; // the database exists without a store of files: add it
      db.close();
      return openStorage(true, next);
    });
  }

  /** Every file JupyterLite keeps for this course, as [path, stored record] pairs. */
  async function storedFiles() {
    const db = await openStorage(false);
    if (!db || !db.objectStoreNames.contains(FILES)) {
      db && db.close();
      return [];
    }
    try {
      const store = db.transaction(FILES, 'readonly').objectStore(FILES);
      const [keys, values] = await Promise.all([settled(store.getAllKeys()), settled(store.getAll())]);
      return keys.map((key, i) => [key, values[i]]);
    } finally {
      db.close();
    }
  }

  const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const today = () => new Date().toISOString().slice(0, 10);
  const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

  async function downloadWork() {
    const work = {
      format: FORMAT,
      version: VERSION,
      course: course.title,
      made: new Date().toISOString(),
      files: await storedFiles(),
      progress: readProgress()
    };
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(work)], { type: 'application/json' }));
    link.download = `${slug(course.title)}-my-work-${today()}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000); // the download has long started by then
    const lessons = work.files.filter(([path]) => path.endsWith('.ipynb')).length;
    status.textContent = `Saved “${link.download}”: ${count(lessons, 'notebook')} and your progress.`;
  }

  /** The work a file holds, or an Error whose message is the one sentence the learner sees. */
  function readWork(name, text) {
    const damaged = new Error(
      `“${name}” is not a work file of this course, or it is damaged: nothing was changed.`);
    let work;
    try {
      work = JSON.parse(text);
    } catch {
      return damaged;
    }
    if (!work || work.format !== FORMAT) {
      return damaged;
    }
    if (work.course !== course.title) {
      return new Error(
        `“${name}” holds work from another course (“${work.course}”): nothing was changed.`);
    }
    if (work.version !== VERSION) {
      return new Error(`“${name}” was saved in a format this page no longer reads: nothing was changed.`);
    }
    const fileOk = (entry) =>
      Array.isArray(entry) && typeof entry[0] === 'string' && entry[1] && entry[1].path === entry[0] &&
      typeof entry[1].type === 'string' && 'content' in entry[1];
    const lessonsOk = (lessons) => lessons && typeof lessons === 'object' && Object.values(lessons).every(
      (done) => done && typeof done === 'object'
        && Object.values(done).every((e) => e && typeof e.passed === 'boolean'));
    if (!Array.isArray(work.files) || !work.files.every(fileOk) || !work.progress ||
        typeof work.progress !== 'object' || !lessonsOk(work.progress.lessons || {})) {
      return damaged;
    }
    return work;
  }

  /** A path beside `path` that no stored file has: "lesson (before restore 2026-05-01).ipynb",
   * then " 2"... */
  function freeName(path, taken) {
    const dot = path.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
    for (let n = 1; ; n++) {
      const candidate = `${stem} (before restore ${today()}${n > 1 ? ` ${n}` : ''})${ext}`;
      if (!taken.has(candidate)) {
        return candidate;
      }
    }
  }

  /** Both records of progress, each exercise with its latest outcome, and the latest lesson worked on. */
  function mergeProgress(mine, theirs) {
    const lessons = structuredClone(mine.lessons || {});
    for (const [path, done] of Object.entries(theirs.lessons || {})) {
      lessons[path] = lessons[path] || {};
      for (const [exercise, outcome] of Object.entries(done)) {
        const kept = lessons[path][exercise];
        if (!kept || String(outcome.when) > String(kept.when)) {
          lessons[path][exercise] = outcome;
        }
      }
    }
    const lasts = [mine.last, theirs.last].filter(Boolean)
      .sort((a, b) => String(a.when).localeCompare(String(b.when)));
    return { ...mine, lessons, last: lasts.pop() };
  }

  /** Put a work file's files and progress into this browser; a different stored copy is kept under a
   * new name. */
  async function restoreWork(work) {
    const stored = new Map(await storedFiles());
    const taken = new Set([...stored.keys(), ...work.files.map(([path]) => path)]);
    const writes = [];
    for (const [path, record] of work.files) {
      const mine = stored.get(path);
      const differs = JSON.stringify(mine && mine.content) !== JSON.stringify(record.content);
      if (mine && mine.type !== 'directory' && differs) {
        const kept = freeName(path, taken);
        taken.add(kept);
        writes.push([kept, { ...mine, path: kept, name: kept.split('/').pop() }]);
      }
      writes.push([path, record]);
    }
    const db = await openStorage(true);
    try {
      const transaction = db.transaction(FILES, 'readwrite');
      for (const [path, record] of writes) {
        transaction.objectStore(FILES).put(record, path);
      }
      await new Promise((resolve, reject) => {
        transaction.oncomplete = resolve;
        transaction.onerror = () => reject(transaction.error);
        transaction.onabort = () => reject(transaction.error);
      });
    } finally {
      db.close();
    }
    window.localStorage.setItem(PROGRESS_KEY, JSON.stringify(mergeProgress(readProgress(), work.progress)));
    return writes.length - work.files.length; // how many stored copies were kept under new names
  }

  async function restoreFrom(file) {
    const work = readWork(file.name, await file.text());
    if (work instanceof Error) {
      status.textContent = work.message;
      return;
    }
    const kept = await restoreWork(work);
    showProgress();
    status.textContent =
      `Restored ${count(work.files.length, 'file')} and your progress from “${file.name}”` +
      (kept
        ? `; ${count(kept, 'different copy')} that were here kept under names ending “(before restore …)”.`
        : '.');
  }

  const report = (error) => {
    status.textContent = `That did not work: ${error.message || error}. Nothing was changed.`;
  };
  const input = document.getElementById('restore-file');
  document.getElementById('download-work').addEventListener('click', () => downloadWork().catch(report));
  document.getElementById('restore-work').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const [file] = input.files;
    input.value = ''; // the same file may be chosen again
    if (file) {
      restoreFrom(file).catch(report);
    }
  });
  window.addEventListener('pageshow', showProgress); // also when the browser's Back button returns here
  showProgress();
})();
