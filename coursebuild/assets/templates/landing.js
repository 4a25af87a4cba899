// @ts-check
// The landing page's part in a learner's work: progress per lesson, Download my work, Restore my work.
// Inlined into index.html by coursebuild/pages/landing.py after work_file.js (`courseWorkFor`: what a
// restore accepts and writes); it needs nothing from JupyterLite but its storage, which it reads and
// writes as JupyterLite does (IndexedDB, named after the site's path).
(function () {
  'use strict';

  // the course's title, and the names this page shares with the extension, JupyterLite and grading
  const course = JSON.parse(document.getElementById('course-data').textContent);
  const courseWork = courseWorkFor(course.values);
  const sitePath = new URL('.', window.location.href).pathname;
  const PROGRESS_KEY = course.values.progressKeyPrefix + sitePath; // as the course extension writes it
  const STORAGE = course.values.storagePrefix + sitePath; // JupyterLite's database of the learner's files
  const FILES = 'files';
  const status = document.getElementById('work-status');

  /** This browser's record of progress in the course (what of it is well formed). */
  const readProgress = () => courseWork.storedProgress(window.localStorage.getItem(PROGRESS_KEY));

  /** The landing page's list items, one per lesson. */
  const lessonItems = () =>
    /** @type {NodeListOf<HTMLLIElement>} */ (document.querySelectorAll('ol.lessons li'));

  /** Each lesson's "n of m exercises done", and the link to the lesson last worked on. */
  function showProgress() {
    const progress = readProgress();
    const lessons = progress.lessons || {};
    for (const item of lessonItems()) {
      const total = Number(item.dataset.exercises);
      const outcomes = Object.values(lessons[item.dataset.notebook] || {});
      const done = Math.min(total, outcomes.filter((e) => e.passed).length);
      const line = /** @type {HTMLElement} */ (item.querySelector('.progress'));
      line.hidden = total === 0;
      line.textContent = `${done} of ${total} exercises done`;
      line.style.setProperty('--done', `${(100 * done) / Math.max(total, 1)}%`);
      line.classList.toggle('complete', total > 0 && done === total);
    }
    const last = [...lessonItems()].find(
      (item) => progress.last && item.dataset.notebook === progress.last.path
    );
    const resume = document.getElementById('continue');
    resume.hidden = !last;
    if (last) {
      const link = last.querySelector('a');
      const resumeLink = /** @type {HTMLAnchorElement} */ (resume.firstElementChild);
      resumeLink.href = link.getAttribute('href');
      resumeLink.textContent = `Continue: ${link.textContent}`;
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
      format: courseWork.FORMAT,
      version: courseWork.VERSION,
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

  /** Put every planned record in JupyterLite's storage, in one transaction: all of them or none. */
  async function writeFiles(writes) {
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
  }

  /** Write a planned restore: progress first (a full localStorage refuses it before any file is
   * written), then the files; if they fail, the progress as it was. */
  async function writeRestore(plan) {
    const before = window.localStorage.getItem(PROGRESS_KEY);
    window.localStorage.setItem(PROGRESS_KEY, plan.progress);
    try {
      await writeFiles(plan.writes);
    } catch (error) {
      if (before === null) {
        window.localStorage.removeItem(PROGRESS_KEY);
      } else {
        window.localStorage.setItem(PROGRESS_KEY, before);
      }
      throw error;
    }
  }

  async function restoreFrom(file) {
    const work = file.size > courseWork.LIMITS.fileBytes
      ? courseWork.tooLarge(file.name) // not read at all
      : courseWork.readWork(file.name, await file.text(), course.title);
    const plan = work instanceof Error
      ? work
      : courseWork.planRestore(file.name, new Map(await storedFiles()), work, readProgress(), today());
    if (plan instanceof Error) {
      status.textContent = plan.message;
      return;
    }
    await writeRestore(plan);
    showProgress();
    const kept = `; ${count(plan.kept, 'different copy')} that were here kept under names ending ` +
      '“(before restore …)”.';
    const restored = `Restored ${count(work.files.length, 'file')} and your progress from “${file.name}”`;
    status.textContent = restored + (plan.kept ? kept : '.');
  }

  const report = (error) => {
    status.textContent = `That did not work: ${error.message || error}. Nothing was changed.`;
  };
  const input = /** @type {HTMLInputElement} */ (document.getElementById('restore-file'));
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
